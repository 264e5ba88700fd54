"""The extraction pipeline applies the crawling source's per-source selectors, called as Scrapy calls it."""

from __future__ import annotations

from types import SimpleNamespace

from scrapy import Spider
from scrapy.utils.misc import build_from_crawler
from scrapy.utils.test import get_crawler

from crawler.scrapy_ext.items import RawPage
from pipelines.extract import ExtractFieldsPipeline
from tests.extract.test_extract_fields import CUSTOM, SELECTORS


def _pipeline(selectors: dict[str, str]) -> ExtractFieldsPipeline:
    crawler = get_crawler(Spider)
    crawler.spider = SimpleNamespace(source=SimpleNamespace(selectors=selectors))
    return build_from_crawler(ExtractFieldsPipeline, crawler)


def _page() -> RawPage:
    return RawPage("custom-source", "http://kj.example.gov.cn/news/1.html", 200, CUSTOM.encode("utf-8"), "utf-8")


def test_selectors_of_the_crawling_source_apply_without_a_spider_argument() -> None:
    # Scrapy 2.13+ calls process_item(item) alone when the spider argument is optional.
    fields = _pipeline(SELECTORS).process_item(_page()).fields["extracted"]
    assert fields.title == "自定义布局的文章标题"
    assert fields.doc_number == "某科发〔2023〕8号"


def test_without_selectors_the_layered_extractor_decides() -> None:
    fields = _pipeline({}).process_item(_page()).fields["extracted"]
    assert fields.title != "自定义布局的文章标题"
