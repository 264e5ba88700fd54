"""DedupePipeline: one record per canonical URL within a crawl, however often it was listed."""

from __future__ import annotations

from typing import Any

from scrapy.exceptions import DropItem

from crawler.scrapy_ext.items import ListPageSeen, RawPage
from crawler.util.urls import canonical_url


class DedupePipeline:
    def __init__(self, stats: Any) -> None:
        self.stats = stats
        self.seen: set[str] = set()

    @classmethod
    def from_crawler(cls, crawler: Any) -> DedupePipeline:
        return cls(crawler.stats)

    def process_item(self, item: RawPage | ListPageSeen, spider: Any = None) -> RawPage | ListPageSeen:
        if isinstance(item, ListPageSeen):
            return item
        item.url = canonical_url(item.url)
        if item.url in self.seen:
            self.stats.inc_value("newswatch/duplicates_in_crawl")
            raise DropItem(f"already stored in this crawl: {item.url}")
        self.seen.add(item.url)
        return item
