"""ExtractFieldsPipeline: turns a raw article page into its fields with the pure extractors."""

from __future__ import annotations

from typing import Any

from scrapy.exceptions import DropItem

from crawler.extract.decode import decode_html
from crawler.extract.fields import extract_fields
from crawler.scrapy_ext.crawl_errors import record_error
from crawler.scrapy_ext.items import ListPageSeen, RawPage


class ExtractFieldsPipeline:
    def __init__(self, stats: Any, crawler: Any = None) -> None:
        self.stats = stats
        self.crawler = crawler

    @classmethod
    def from_crawler(cls, crawler: Any) -> ExtractFieldsPipeline:
        return cls(crawler.stats, crawler)

    def process_item(self, item: RawPage | ListPageSeen, spider: Any = None) -> RawPage | ListPageSeen:
        if isinstance(item, ListPageSeen) or item.fields.get("gone"):
            return item
        # Scrapy (2.13 on) no longer passes the spider to a pipeline method whose spider argument is optional.
        spider = spider or getattr(self.crawler, "spider", None)
        selectors = getattr(getattr(spider, "source", None), "selectors", None) or None
        try:
            # The list entry's title is one more reference the page's visible title must agree with.
            fields = extract_fields(decode_html(item.body, item.header_charset), item.url, selectors,
                                    title_hint=item.list_title)
        except Exception as exc:  # a parser bug on one page must not end the crawl
            record_error(self.stats, "extract_failed", f"extraction failed: {exc!r}", item.url)
            raise DropItem(f"extraction failed: {item.url}") from exc
        if not fields.title and item.list_title:
            fields.title = item.list_title
        if not fields.body_text.strip():
            record_error(self.stats, "detail_no_body", "article page has no body text (layout changed?)", item.url)
            raise DropItem(f"no body: {item.url}")
        if fields.published is None:
            self.stats.inc_value("newswatch/missing/published")
        item.fields = {"extracted": fields}
        return item
