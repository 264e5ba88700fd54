"""Crawled text and links made safe: markup and scripts gone, links absolute http(s), headers one line."""

from __future__ import annotations

import pytest

from crawler.notify.safety import one_line, plain_text, redact, safe_url


@pytest.mark.parametrize(
    ("raw", "clean"),
    [
        ("关于<script>alert(1)</script>细胞治疗的通知", "关于细胞治疗的通知"),
        ('正文<img src=x onerror="alert(1)">结束', "正文结束"),
        ("<a href=\"javascript:x()\" onclick=\"y()\">链接</a>", "链接"),
        ("<style>p{color:red}</style>a &lt; b", "a < b"),
        ("a < b and c > d", "a < b and c > d"),
        ("bidi\u202eevil\u200b", "bidievil"),
        ("  多个\u3000 空格  ", "多个 空格"),
    ],
)
def test_plain_text_removes_markup_scripts_and_control_characters(raw: str, clean: str) -> None:
    assert plain_text(raw) == clean


def test_plain_text_truncates_with_an_ellipsis() -> None:
    assert plain_text("一二三四五六", 4) == "一二三…"
    assert plain_text(None) == ""


def test_one_line_removes_line_breaks_so_no_header_can_be_injected() -> None:
    assert one_line("标题\r\nBcc: victim@example.com") == "标题 Bcc: victim@example.com"


@pytest.mark.parametrize(
    ("url", "base", "expected"),
    [
        ("https://kjt.zj.gov.cn/art/1.html", None, "https://kjt.zj.gov.cn/art/1.html"),
        ("/module/download/a.pdf", "https://kjt.zj.gov.cn/art/2025/1.html", "https://kjt.zj.gov.cn/module/download/a.pdf"),
        ("../b.doc", "https://x.gov.cn/a/c/1.html", "https://x.gov.cn/a/b.doc"),
        ("javascript:alert(1)", "https://x.gov.cn/", None),
        ("data:text/html,<script>", None, None),
        ("/relative/without/base", None, None),
        ('https://x.gov.cn/a b"onmouseover=1', None, "https://x.gov.cn/a%20b%22onmouseover=1"),
    ],
)
def test_links_are_absolute_http_and_cannot_break_out_of_an_attribute(url: str, base: str | None,
                                                                       expected: str | None) -> None:
    assert safe_url(url, base) == expected


def test_redact_hides_secrets() -> None:
    assert redact("failed for https://oapi.dingtalk.com/robot/send?access_token=abcd1234",
                  ["access_token=abcd1234"]) == "failed for https://oapi.dingtalk.com/robot/send?***"
