"""Which link of a list item is the document and which are its related links."""

from __future__ import annotations

import pytest
from lxml import html as lxml_html

from crawler.extract.listing_links import Link, is_companion_title, is_url_text, main_link, related_urls


@pytest.mark.parametrize("text", ["http://a.gov.cn/1.html", "www.a.gov.cn/x", "news.example.com/a/b.html"])
def test_addresses_are_not_titles(text: str) -> None:
    assert is_url_text(text)


@pytest.mark.parametrize("text", ["关于印发办法的通知", "2024年第1号公告", "Title: a.b"])
def test_titles_are_not_addresses(text: str) -> None:
    assert not is_url_text(text)


@pytest.mark.parametrize("text", ["解读", "【政策解读】", "[PDF]", "PDF下载", "图解", "《办法》政策解读", "附件下载", "WORD版"])
def test_companion_titles(text: str) -> None:
    assert is_companion_title(text)


@pytest.mark.parametrize("text", ["关于印发办法的通知", "PDF格式规范研究报告全文发布", "下载中心建设方案"])
def test_document_titles(text: str) -> None:
    assert not is_companion_title(text)


def _links(markup: str) -> list[Link]:
    root = lxml_html.fragment_fromstring(markup, create_parent="li")
    return [Link(a, a.get("href"), a.text_content().strip(), None) for a in root.iter("a")]


def test_main_link_and_related_links() -> None:
    links = _links(
        '<a href="https://a.gov.cn/c/">[通知]</a><a href="https://a.gov.cn/c/t1.html">关于印发办法的通知</a>'
        '<a href="https://a.gov.cn/c/t2.html">解读</a><a href="https://a.gov.cn/c/1.pdf">关于印发办法的通知</a>'
        '<a class="download" href="https://a.gov.cn/dl?id=1"><img></a><a href="https://a.gov.cn/author/3">某某日报</a>'
    )
    main = main_link(links)
    assert main is not None and main.url == "https://a.gov.cn/c/t1.html"
    assert related_urls(links, main) == ("https://a.gov.cn/c/t2.html", "https://a.gov.cn/c/1.pdf", "https://a.gov.cn/dl?id=1")


def test_an_item_with_only_a_companion_link_keeps_it_as_its_document() -> None:
    links = _links('<a href="https://a.gov.cn/jd/t1.html">《科技计划管理办法》政策解读</a>')
    main = main_link(links)
    assert main is not None and main.title == "《科技计划管理办法》政策解读"
