"""Decoding page bytes: BOM, declared charsets (GBK read as GB18030), UTF-8, GB18030 fallback."""

from __future__ import annotations

import codecs

import pytest

from crawler.extract.decode import decode_html

TEXT = "科技厅通知 𠮷 浙科发〔2019〕12号"  # 𠮷 exists in GB18030 but not in GBK or GB2312


def page(charset_tag: str, body: str = TEXT) -> str:
    return f"<html><head>{charset_tag}</head><body><p>{body}</p></body></html>"


@pytest.mark.parametrize(
    ("data", "header", "expected"),
    [
        (codecs.BOM_UTF8 + page("").encode("utf-8"), None, page("")),
        (codecs.BOM_UTF16_LE + page("").encode("utf-16-le"), None, page("")),
        (page('<meta charset="gb2312">').encode("gb18030"), None, page('<meta charset="gb2312">')),
        (page('<meta charset="GBK">').encode("gb18030"), None, page('<meta charset="GBK">')),
        (
            page('<meta http-equiv="Content-Type" content="text/html; charset=gb2312">').encode("gb18030"),
            None,
            page('<meta http-equiv="Content-Type" content="text/html; charset=gb2312">'),
        ),
        (page("").encode("gb18030"), "gbk", page("")),
        (page("").encode("utf-8"), None, page("")),  # kjt.zj: UTF-8, no charset anywhere
        (page("").encode("gb18030"), None, page("")),  # an old county site: GBK, no charset anywhere
        (page("").encode("utf-8"), "ISO-8859-1", page("")),  # the framework default is ignored
        # The page claims GBK but is UTF-8: the claim does not fit the bytes and is skipped.
        (page('<meta charset="gbk">').encode("utf-8"), None, page('<meta charset="gbk">')),
        (page('<meta charset="utf-8">').encode("gb18030"), None, page('<meta charset="utf-8">')),
        (page('<meta charset="x-unknown">').encode("utf-8"), "also-unknown",
         page('<meta charset="x-unknown">')),
    ],
)
def test_decode(data: bytes, header: str | None, expected: str) -> None:
    assert decode_html(data, header) == expected


def test_a_few_broken_bytes_keep_utf8() -> None:
    data = page("").encode("utf-8").replace(b"</p>", b"\xff</p>")
    decoded = decode_html(data)
    assert TEXT in decoded and "\ufffd" in decoded


def test_meta_charset_after_an_anti_bot_token() -> None:
    data = ('<html><head><meta content="{' + "q" * 20000 + '"><meta charset="gbk"></head>'
            f"<body>{TEXT}</body></html>").encode("gb18030")
    assert TEXT in decode_html(data)
