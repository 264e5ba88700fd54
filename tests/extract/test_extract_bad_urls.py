"""Hrefs Python's URL parser refuses (found by the fuzz tests) are skipped, never raised."""

from __future__ import annotations

import pytest

from crawler.extract.attachments import attachment_type
from crawler.extract.fields import extract_fields
from crawler.extract.listing import extract_entries
from crawler.extract.listing_urls import resolve
from crawler.util.urls import join_url, split_url

BASE = "https://kjt.zj.gov.cn/art/2024/3/1/art_1229_1.html"
# An unbalanced IPv6 bracket, and a host holding a character NFKC turns into "/" (fullwidth solidus).
REFUSED = ["http://[2001:db8::1/x.pdf", "//kjt.zj.gov.cn\uff0fx/附件.pdf"]


@pytest.mark.parametrize("href", REFUSED)
def test_refused_hrefs_resolve_to_nothing(href: str) -> None:
    assert join_url(BASE, href) is None and resolve(href, BASE) is None
    assert split_url(href) is None


@pytest.mark.parametrize("href", REFUSED)
def test_attachment_type_falls_back_on_the_link_text(href: str) -> None:
    assert attachment_type(href, "申报表.docx") == "docx"


def test_a_page_full_of_refused_links_still_extracts() -> None:
    links = "".join(f'<p><a href="{h}">附件{i}.pdf</a></p>' for i, h in enumerate(REFUSED))
    html = (f"<html><head><title>关于印发办法的通知</title></head><body><h1>关于印发办法的通知</h1>"
            f"<div id='zoom'><p>正文第一段。</p>{links}<img src='{REFUSED[0]}'></div></body></html>")
    fields = extract_fields(html, BASE)
    assert fields.title == "关于印发办法的通知" and "正文第一段。" in fields.body_text
    assert fields.attachments == [] and "2001:db8" not in fields.body_html
    assert extract_entries(html.replace("<h1>", "<ul><li><a href='" + REFUSED[1] + "'>一条</a></li></ul><h1>"), BASE) == []


def test_ordinary_links_still_resolve() -> None:
    assert join_url(BASE, "../2/art_1229_2.html") == "https://kjt.zj.gov.cn/art/2024/3/2/art_1229_2.html"
    assert split_url("https://kjt.zj.gov.cn:8443/x").port == 8443
    assert split_url("https://kjt.zj.gov.cn:port/x") is None
