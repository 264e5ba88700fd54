"""ValidatePipeline: only real article pages go on; challenges, errors and binaries are recorded and dropped."""

from __future__ import annotations

from typing import Any

from scrapy.exceptions import DropItem

from crawler.scrapy_ext.crawl_errors import record_error
from crawler.scrapy_ext.items import ListPageSeen, RawPage
from spiders.page_checks import challenge_reason, looks_binary


class ValidatePipeline:
    def __init__(self, stats: Any) -> None:
        self.stats = stats

    @classmethod
    def from_crawler(cls, crawler: Any) -> ValidatePipeline:
        return cls(crawler.stats)

    def process_item(self, item: RawPage | ListPageSeen, spider: Any = None) -> RawPage | ListPageSeen:
        if isinstance(item, ListPageSeen):
            return item
        if item.status in (404, 410):
            if item.recheck:
                item.fields["gone"] = True  # a known article that vanished: withdrawn, stored by StorePipeline
                return item
            record_error(self.stats, "detail_gone", f"a listed article answered HTTP {item.status}", item.url)
            raise DropItem(f"article answered HTTP {item.status}: {item.url}")
        problem = None
        if item.status != 200:
            problem = ("detail_status", f"article answered HTTP {item.status}")
        elif not item.body.strip():
            problem = ("detail_empty", "article answered an empty body")
        elif (reason := challenge_reason(item.body)) is not None:
            problem = ("blocked", f"article answered {reason}")
        elif looks_binary(item.body):
            problem = ("detail_binary", "article answered binary data where HTML was expected")
        if problem:
            record_error(self.stats, problem[0], problem[1], item.url)
            raise DropItem(f"{problem[1]}: {item.url}")
        return item
