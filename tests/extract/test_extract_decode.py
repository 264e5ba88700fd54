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


# A short notice: a pasted GBK word and a cut-off tail leave 2 broken characters among 18 non-ASCII ones,
# too few good characters for the UTF-8 sniffing alone, and 3% of the page: a share that was refused.
SHORT_NOTICE = "<html><body><h1>科技厅通知</h1><p>请于3月10日前提交申报材料。</p></body></html>"
DAMAGED_SHORT_UTF8 = SHORT_NOTICE.encode("utf-8").replace("提交".encode(), "提交".encode("gbk")) + b"\xe5\x85"


@pytest.mark.parametrize("header", ["utf-8", "UTF8"])
def test_a_short_page_keeps_its_declared_utf8_despite_a_handful_of_bad_bytes(header: str) -> None:
    decoded = decode_html(DAMAGED_SHORT_UTF8, header)
    assert "科技厅通知" in decoded and "申报材料" in decoded


def test_a_short_page_keeps_its_meta_utf8_despite_a_handful_of_bad_bytes() -> None:
    data = DAMAGED_SHORT_UTF8.replace(b"<html>", b'<html><head><meta charset="utf-8"></head>')
    assert "科技厅通知" in decode_html(data)


def test_a_short_gbk_page_served_as_utf8_is_not_trusted() -> None:
    # Every Chinese character of GBK text breaks when read as UTF-8: that is failing the charset badly.
    assert decode_html("<p>关于开展科技项目申报的通知</p>".encode("gbk"), "utf-8") == "<p>关于开展科技项目申报的通知</p>"


def test_a_long_page_with_many_broken_bytes_in_a_small_share_keeps_its_charset() -> None:
    paragraph = "<p>" + "浙江省科学技术厅关于开展科技项目申报工作的通知。" * 40 + "</p>"
    data = (paragraph.encode("utf-8") + b"\xff") * 20  # 20 broken bytes, 0.2% of the page
    decoded = decode_html(data, "utf-8")
    assert decoded.count("浙江省科学技术厅") == 800 and decoded.count("\ufffd") == 20


def test_an_xml_declaration_names_the_charset() -> None:
    text = "臺灣省科技廳公告"  # Big5 bytes: without the declaration they would be read as GB18030
    data = f'<?xml version="1.0" encoding="big5"?><datastore><record>{text}</record></datastore>'.encode("big5")
    assert text in decode_html(data)
