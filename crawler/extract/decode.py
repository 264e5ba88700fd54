"""Turning fetched page bytes into text: BOM, then declared charsets, then UTF-8, then GB18030.

The one decoder for pages, list answers and saved files: spiders, pipelines and the CLI all call
decode_html, so a page reads the same wherever it is read.
"""

from __future__ import annotations

import codecs
import re

_BOMS = (
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF32_LE, "utf-32-le"),  # before UTF-16 LE: the UTF-32 LE BOM starts with it
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
# <meta charset="gbk"> and <meta http-equiv="Content-Type" content="text/html; charset=gb2312">.
_META_CHARSET = re.compile(rb"""<meta[^>]{0,400}?charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]{2,40})""", re.I)
# <?xml version="1.0" encoding="gbk"?>: Hanweb data-proxy answers and feeds declare it this way.
_XML_ENCODING = re.compile(rb"""^\s*<\?xml[^>]{0,200}?encoding\s*=\s*["']([A-Za-z0-9_.:-]{2,40})["']""", re.I)
# Anti-bot wrappers put a ~20 KB token before the real head; 64 KB still covers every page seen.
_SNIFF_BYTES = 65536
# GBK and GB2312 are subsets of GB18030; decoding as the superset never loses a character.
_SUPERSETS = {"gbk": "gb18030", "gb2312": "gb18030", "cp936": "gb18030", "euc_cn": "gb18030",
              "hz": "gb18030", "ascii": "utf-8", "big5": "big5hkscs"}
# Servers and frameworks announce ISO-8859-1 by default; on these sites it is never true.
_UNTRUSTED = {"latin_1", "iso8859_1", "cp1252"}
# A declared charset survives a few broken bytes (truncated pages, one bad paste): at most 0.5% of the
# text, or, on a short page where a handful of bytes is already more than 0.5%, at most _FEW_BROKEN.
_MAX_ERROR_SHARE = 0.005
# A GBK page read as UTF-8 breaks about one character per Chinese character (15 on a one-line notice),
# a damaged UTF-8 page a handful (a cut-off tail, a pasted GBK word).
_FEW_BROKEN = 8


def charset_of(content_type: str | None) -> str | None:
    """The charset a Content-Type value names (`text/html; charset=GBK` -> `gbk`), or None."""
    lowered = (content_type or "").lower()
    if "charset=" not in lowered:
        return None
    return lowered.split("charset=", 1)[1].split(";")[0].strip().strip("\"'") or None


def _codec(name: str | None) -> str | None:
    """Python's codec name for a charset label, with GBK-family labels widened to GB18030."""
    if not name:
        return None
    try:
        canonical = codecs.lookup(name.strip().strip("\"'")).name
    except LookupError:
        return None
    canonical = canonical.replace("-", "_")
    return _SUPERSETS.get(canonical, canonical)


def _from_bom(data: bytes) -> tuple[str, int] | None:
    for bom, codec in _BOMS:
        if data.startswith(bom):
            return codec, len(bom)
    return None


def declared_charset(data: bytes) -> str | None:
    """The codec named by the page's own XML declaration or <meta charset> / http-equiv, if Python knows it."""
    match = _XML_ENCODING.search(data[:200]) or _META_CHARSET.search(data[:_SNIFF_BYTES])
    return _codec(match.group(1).decode("ascii", "ignore")) if match else None


def _decode_strict(data: bytes, codec: str) -> str | None:
    try:
        return data.decode(codec)
    except (UnicodeDecodeError, LookupError):
        return None


def _decode_tolerant(data: bytes, codec: str) -> str | None:
    """The text unless the bytes fail the charset badly. Judged by share and by count: at most 0.5% of
    the text broken (a long page), or, on a short page, a handful of broken characters that the
    characters read well outnumber (text in another charset breaks most of its non-ASCII characters)."""
    try:
        text = data.decode(codec, errors="replace")
    except LookupError:
        return None
    broken = text.count("\ufffd")
    if broken <= _MAX_ERROR_SHARE * len(text):
        return text
    read_well = sum(1 for ch in text if ord(ch) > 0x7F) - broken
    return text if broken <= _FEW_BROKEN and read_well >= broken else None


def decode_html(data: bytes, header_charset: str | None = None) -> str:
    """Decode page bytes robustly.

    Order: a BOM; a declared charset (the HTTP header unless it is the ISO-8859-1 default, then the
    page's XML declaration or meta charset) that fits the bytes exactly; strict UTF-8; UTF-8 with a few
    broken bytes; a declared charset the bytes do not fail badly; GB18030 (which also covers GBK and
    GB2312 pages). Exact fits come first because a short UTF-8 page can also decode as GB18030 with
    only a few errors (as mojibake): a few errors alone never tell the charsets apart.
    """
    bom = _from_bom(data)
    if bom:
        codec, skip = bom
        return data[skip:].decode(codec, errors="replace")
    header = _codec(header_charset)
    declared = [c for c in dict.fromkeys((header, declared_charset(data))) if c and c not in _UNTRUSTED]
    for codec in (*declared, "utf-8"):
        text = _decode_strict(data, codec)
        if text is not None:
            return text
    mostly_utf8 = _mostly_utf8(data)
    if mostly_utf8 is not None:
        return mostly_utf8
    for codec in declared:
        text = _decode_tolerant(data, codec)
        if text is not None:
            return text
    return data.decode("gb18030", errors="replace")


def _mostly_utf8(data: bytes) -> str | None:
    """UTF-8 with a few broken bytes, told apart from GBK: GBK text decoded as UTF-8 yields almost
    no valid non-ASCII characters, while damaged UTF-8 keeps at least 10 good ones per bad one."""
    text = data.decode("utf-8", errors="replace")
    bad = text.count("\ufffd")
    good = sum(1 for ch in text if ord(ch) > 0x7F) - bad
    if bad <= max(3, _MAX_ERROR_SHARE * len(text)) and good >= 10 * bad:
        return text
    return None
