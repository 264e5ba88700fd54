"""The base of every newswatch spider: one source per crawl (`-a source=<id>`), shared callbacks."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime, timezone
from typing import Any

import scrapy
from scrapy.http import Response

from crawler.catalog import Source, load_catalog
from crawler.crawl_errors import record_error, record_signal
from crawler.items import RawPage
from crawler.known_items import KnownItems, load_known_items
from spiders.entries import Entry
from spiders.page_checks import classify_unusable_page


class SourceSpider(scrapy.Spider):
    """Subclasses turn list pages into entries; this class decides which entries need a detail fetch."""

    family: str = ""
    # Non-200 answers reach the callbacks so a challenge page is classified, not silently dropped.
    custom_settings: dict[str, Any] = {"HTTPERROR_ALLOW_ALL": True}

    def __init__(self, source: str | None = None, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        if not source:
            raise ValueError("pass the source id: scrapy crawl <spider> -a source=<id>")
        self.source_id = source
        self.known: KnownItems = KnownItems.empty()

    @classmethod
    def from_crawler(cls, crawler: Any, *args: Any, **kwargs: Any) -> SourceSpider:
        spider = super().from_crawler(crawler, *args, **kwargs)
        paths = [p for p in crawler.settings.get("NEWSWATCH_CATALOGS", "").split("|") if p]
        catalog = load_catalog(paths)
        if spider.source_id not in catalog:
            raise ValueError(f"unknown source {spider.source_id!r}; see `newswatch sources list`")
        spider.source = catalog[spider.source_id]
        spider.allowed_domains = sorted(spider.source.hosts)
        db_url = crawler.settings.get("NEWSWATCH_DATABASE_URL")
        if db_url:
            spider.known = load_known_items(db_url, spider.source_id, datetime.now(timezone.utc))
        return spider

    source: Source

    def list_response_ok(self, response: Response) -> bool:
        """False (with the reason recorded) when a list answer is a challenge, an error or not a page."""
        problem = classify_unusable_page(response)
        if problem is None:
            return True
        kind, message = problem
        record_signal(self.crawler.stats, kind, message, response.url)
        return False

    def entries_seen(self, entries: Iterable[Entry]) -> list[Entry]:
        entries = list(entries)
        self.crawler.stats.inc_value("newswatch/entries_seen", len(entries))
        return entries

    def detail_requests(self, entries: list[Entry]) -> Iterable[scrapy.Request]:
        for entry in entries:
            if self.known.needs_fetch(entry.url):
                yield scrapy.Request(
                    entry.url,
                    callback=self.parse_detail,
                    cb_kwargs={"entry": entry},
                    errback=self.detail_failed,
                )

    def all_known(self, entries: list[Entry]) -> bool:
        return bool(entries) and all(self.known.is_known(e.url) for e in entries)

    def parse_detail(self, response: Response, entry: Entry) -> Iterable[RawPage]:
        self.crawler.stats.inc_value("newswatch/detail_fetched")
        yield RawPage(
            source_id=self.source_id,
            url=entry.url,
            status=response.status,
            body=response.body,
            header_charset=_header_charset(response),
            list_title=entry.title,
            list_date=entry.date,
        )

    def detail_failed(self, failure: Any) -> None:
        request = failure.request
        record_error(self.crawler.stats, "detail_fetch", f"{failure.value!r}", request.url)

    def list_failed(self, failure: Any) -> None:
        record_signal(self.crawler.stats, "unreachable", f"list page unreachable: {failure.value!r}", failure.request.url)


def _header_charset(response: Response) -> str | None:
    content_type = response.headers.get(b"Content-Type", b"").decode("latin-1").lower()
    if "charset=" in content_type:
        return content_type.split("charset=", 1)[1].split(";")[0].strip() or None
    return None
