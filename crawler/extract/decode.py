"""Turning fetched page bytes into text: BOM, then declared charsets, then UTF-8, then GB18030."""

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
# Anti-bot wrappers put a ~20 KB token before the real head; 64 KB still covers every page seen.
_SNIFF_BYTES = 65536
# GBK and GB2312 are subsets of GB18030; decoding as the superset never loses a character.
_SUPERSETS = {"gbk": "gb18030", "gb2312": "gb18030", "cp936": "gb18030", "euc_cn": "gb18030",
              "hz": "gb18030", "ascii": "utf-8", "big5": "big5hkscs"}
# Servers and frameworks announce ISO-8859-1 by default; on these sites it is never true.
_UNTRUSTED = {"latin_1", "iso8859_1", "cp1252"}
# A declared charset survives a few broken bytes (truncated pages, one bad paste): at most 0.5%.
_MAX_ERROR_SHARE = 0.005


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
    """The codec named by the page's own <meta charset> / http-equiv, if Python knows it."""
    match = _META_CHARSET.search(data[:_SNIFF_BYTES])
    return _codec(match.group(1).decode("ascii", "ignore")) if match else None


def _decode_tolerant(data: bytes, codec: str) -> str | None:
    """The text if it decodes cleanly or with only a few replacement characters."""
    try:
        return data.decode(codec)
    except UnicodeDecodeError:
        pass
    except LookupError:
        return None
    text = data.decode(codec, errors="replace")
    if text.count("\ufffd") <= _MAX_ERROR_SHARE * max(len(text), 1):
        return text
    return None


def decode_html(data: bytes, header_charset: str | None = None) -> str:
    """Decode page bytes robustly.

    Order: a BOM; the HTTP header charset (unless it is the ISO-8859-1 default); the page's meta
    charset; strict UTF-8; GB18030 (which also covers GBK and GB2312 pages). A declared charset
    that does not fit the bytes is skipped rather than trusted.
    """
    bom = _from_bom(data)
    if bom:
        codec, skip = bom
        return data[skip:].decode(codec, errors="replace")
    header = _codec(header_charset)
    for codec in (None if header in _UNTRUSTED else header, declared_charset(data)):
        if codec and codec not in _UNTRUSTED:
            text = _decode_tolerant(data, codec)
            if text is not None:
                return text
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    mostly_utf8 = _mostly_utf8(data)
    if mostly_utf8 is not None:
        return mostly_utf8
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
