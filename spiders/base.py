"""The base of every newswatch spider: one source per crawl (`-a source=<id>`), shared callbacks."""

from __future__ import annotations

import os
from collections.abc import Iterable
from datetime import datetime, timezone
from typing import Any

import scrapy
from scrapy import signals
from scrapy.exceptions import DontCloseSpider
from scrapy.http import Response

from crawler.config.attachment_policy import AttachmentPolicy
from crawler.config.catalog import CatalogSource, load_catalog
from crawler.config.families import families_of, spider_name
from crawler.config.settings import DEFAULT_MAX_NEW_PER_CRAWL
from crawler.extract.decode import decode_html
from crawler.run.child import SOURCE_SETTING
from crawler.run.outcome import NEW_CAP_STAT, NEW_LEFT_STAT, OFFSITE_HOSTS_STAT
from crawler.scrapy_ext.crawl_errors import LAYOUT_FALLBACK_STAT, record_error, record_signal
from crawler.scrapy_ext.items import ListPageSeen, RawPage
from crawler.scrapy_ext.known_items import KnownItems, load_known_items
from crawler.util.page_digest import page_digest
from crawler.util.urls import canonical_url
from db.list_probe_state import PROBE_URLS_STAT
from spiders.download_size import too_big
from spiders.entries import Entry
from spiders.entry_filter import hosts_of, split_entries
from spiders.new_articles import NewArticleBudget
from spiders.page_checks import classify_unusable_page

# Known items re-fetched per crawl at most (due re-checks and items gone from their list).
MAX_RECHECKS = 50
EMPTY_LIST_MESSAGE = "the list parsed to zero entries: layout changed"


class SourceSpider(scrapy.Spider):
    """Subclasses turn list pages into entries; this class decides which entries need a detail fetch."""

    # Non-200 answers reach the callbacks so a challenge page is classified, not silently dropped.
    custom_settings: dict[str, Any] = {"HTTPERROR_ALLOW_ALL": True}
    source: CatalogSource

    def __init__(self, source: str | None = None, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        if not source:
            raise ValueError("pass the source id: scrapy crawl <spider> -a source=<id>")
        self.source_id = source
        self.known: KnownItems = KnownItems.empty()
        self.seen: dict[str, Entry] = {}  # canonical URL -> entry, over every list page of this crawl
        self.requested: set[str] = set()
        self.list_trouble = False
        self.rechecks_scheduled = False
        self.article_hosts: list[str] = []
        self.new_articles = NewArticleBudget(cap=DEFAULT_MAX_NEW_PER_CRAWL)

    @classmethod
    def from_crawler(cls, crawler: Any, *args: Any, **kwargs: Any) -> SourceSpider:
        spider = super().from_crawler(crawler, *args, **kwargs)
        spider.source = cls.load_source(crawler.settings, spider.source_id)
        if spider_name(spider.source.family) != cls.name:
            raise ValueError(f"source {spider.source_id!r} is of family {spider.source.family!r}; spider "
                             f"{cls.name!r} crawls {', '.join(families_of(cls.name))} (see crawler/config/families.py)")
        # Articles come from the source's hosts only; Scrapy's offsite filter (allowed_domains) also lets
        # attachment requests through to the configured attachment hosts when attachments are fetched.
        spider.article_hosts = sorted(spider.source.hosts)
        policy = AttachmentPolicy.from_crawl_settings(crawler.settings)
        spider.allowed_domains = sorted(set(spider.article_hosts) | set(policy.hosts if policy.enabled else ()))
        # The catalog's cap for this source wins over the configuration's (max_new_per_crawl).
        cap = spider.source.max_new_per_crawl or crawler.settings.getint("NEWSWATCH_MAX_NEW_PER_CRAWL")
        spider.new_articles = NewArticleBudget(cap=cap or DEFAULT_MAX_NEW_PER_CRAWL)
        db_url = crawler.settings.get("NEWSWATCH_DATABASE_URL")
        if db_url:
            spider.known = load_known_items(db_url, spider.source_id, datetime.now(timezone.utc))
        if crawler.settings.getbool("NEWSWATCH_CHECK") or crawler.settings.getbool("NEWSWATCH_FULL_CHECK"):
            # `sources check` shows what the list holds now, and the runner's daily full check reads the lists
            # whole (its safety net for the list probe): asked unconditionally, a 304 would show nothing.
            spider.known.list_validators = {}
        crawler.signals.connect(spider.schedule_rechecks, signal=signals.spider_idle)
        return spider

    @staticmethod
    def load_source(settings: Any, source_id: str) -> CatalogSource:
        """The source the runner handed over (crawler/run/child.py); by hand (`scrapy crawl <spider> -a
        source=<id>`), the catalog entry of that id."""
        handed_over = settings.get(SOURCE_SETTING)
        if handed_over:
            return CatalogSource.model_validate(handed_over)
        paths = [p for p in settings.get("NEWSWATCH_CATALOGS", "").split(os.pathsep) if p]
        catalog = load_catalog(paths)
        if source_id not in catalog:
            raise ValueError(f"unknown source {source_id!r}; see `newswatch sources list`")
        return catalog[source_id]

    # --- list pages -----------------------------------------------------------------------------
    def list_request(self, url: str, callback: Any, conditional: bool = False, **kwargs: Any) -> scrapy.Request:
        """A list-page request; the first page of a column is fetched with the validators of last time."""
        headers = {}
        etag, modified = self.known.list_validators.get(url, (None, None)) if conditional else (None, None)
        if etag:
            headers["If-None-Match"] = etag
        if modified:
            headers["If-Modified-Since"] = modified
        return scrapy.Request(url, callback=callback, errback=self.list_failed, headers=headers,
                              meta={"conditional": conditional}, **kwargs)

    def note_probe_url(self, url: str) -> None:
        """A first list page that answered 304 or was read (validators, digest kept): what the runner's next probe asks
        (crawler/run/list_probe.py). A page this crawl could not use (a shell, a refusal) is left out, so the
        probe never asks what the next crawl would not."""
        stats = self.crawler.stats
        urls = [u for u in str(stats.get_value(PROBE_URLS_STAT, "")).split("\n") if u]
        if url not in urls:
            stats.set_value(PROBE_URLS_STAT, "\n".join([*urls, url]))

    def list_response_ok(self, response: Response, later_page: bool = False) -> bool:
        """False (with the reason recorded) when a list answer is a challenge, an error or not a page.

        `later_page`: a page after the first of a static list; 404 there means the list ended (sites
        without a pager total are paged until a page is missing), not that the column moved.
        """
        self.crawler.stats.inc_value("newswatch/list_pages")
        if response.status == 304:
            self.crawler.stats.inc_value("newswatch/list_not_modified")
            if response.meta.get("conditional"):
                self.note_probe_url(response.url)
            return False
        if later_page and response.status in (404, 410):
            self.crawler.stats.inc_value("newswatch/paging_ended_missing_page")
            return False
        problem = classify_unusable_page(response)
        if problem is None:
            return True
        self.list_trouble = True
        kind, message = problem
        record_signal(self.crawler.stats, kind, message, response.url)
        return False

    @staticmethod
    def page_text(response: Response) -> str:
        """The page's text by the decoder the pipelines use (crawler/extract/decode.py), not Scrapy's: Scrapy
        trusts the header charset even when the bytes contradict it (a GBK page served as UTF-8)."""
        return decode_html(response.body, _header_charset(response))

    def list_validators(self, response: Response) -> Iterable[ListPageSeen]:
        """What a first list page that was read leaves for the next crawl: its validators, and its digest for
        the runner's probe of a server that sends none."""
        if response.meta.get("conditional"):
            etag = response.headers.get(b"ETag")
            modified = response.headers.get(b"Last-Modified")
            self.note_probe_url(response.url)
            yield ListPageSeen(self.source_id, response.url, etag and etag.decode("latin-1"),
                               modified and modified.decode("latin-1"), fingerprint=page_digest(response.body))

    def entries_seen(self, entries: Iterable[Entry]) -> list[Entry]:
        """The entries worth a detail fetch: on-site HTML articles. Off-site links and attachments are
        counted and skipped (an off-site host is followed only when the catalog lists it in allowed_hosts)."""
        split = split_entries(entries, self.article_hosts)
        stats = self.crawler.stats
        if split.offsite:
            stats.inc_value("newswatch/entries_skipped/offsite", len(split.offsite))
            hosts = set(filter(None, str(stats.get_value(OFFSITE_HOSTS_STAT, "")).split(",")))
            stats.set_value(OFFSITE_HOSTS_STAT, ",".join(sorted(hosts | set(hosts_of(split.offsite)))))
            self.logger.info(
                "skipped %d list entries on other hosts (%s); add a host to the source's allowed_hosts to "
                "follow it", len(split.offsite), ", ".join(hosts_of(split.offsite)),
            )
        if split.attachments:
            stats.inc_value("newswatch/entries_skipped/attachment", len(split.attachments))
        stats.inc_value("newswatch/entries_seen", len(split.kept))
        for entry in split.kept:
            self.seen.setdefault(canonical_url(entry.url), entry)
        return split.kept

    def on_site(self, entries: Iterable[Entry]) -> list[Entry]:
        """The entries entries_seen would keep, without counting them (for paging decisions)."""
        return split_entries(entries, self.article_hosts).kept

    def keep_paging(self, entries: list[Entry], pages: int, more: bool = True) -> bool:
        """Fetch another list page? Not past the list's end (`more`) or paging.max_pages; and on a routine
        crawl not once this page reached known ground (see KnownItems.settled)."""
        if not more:
            return False
        if pages >= self.source.paging.max_pages:
            self.crawler.stats.inc_value("newswatch/paging_capped")
            return False
        return self.known.full_crawl or not self.known.settled(entries)

    def note_list_reader(self, strategy: str) -> bool:
        """Which reader produced a list page's entries; True when it was a stand-in. The generic list extractor
        standing in for the family's or catalog's selectors means the layout changed: the entries are still
        read (nothing is missed) and health says `empty` until the selectors are fixed (crawler/run/health.py,
        check_layout_changed). Such a page's validators are not kept, or the next crawl's 304 would hide it."""
        stats = self.crawler.stats
        stats.inc_value(f"newswatch/list_strategy/{strategy}")
        stand_in = strategy == "generic" and self.source.family != "generic"
        if stand_in:
            stats.inc_value(LAYOUT_FALLBACK_STAT)
        return stand_in

    def report_empty(self, url: str, detail: str = "") -> None:
        """A list that parsed to nothing is an error of the source (health `empty`), never "0 new items"."""
        self.list_trouble = True
        message = EMPTY_LIST_MESSAGE + (f" ({detail})" if detail else "")
        record_signal(self.crawler.stats, "empty", message, url)

    def list_parse_failed(self, message: str, url: str) -> None:
        self.list_trouble = True
        record_error(self.crawler.stats, "list_parse", message, url)

    # --- detail pages ---------------------------------------------------------------------------
    def detail_requests(self, entries: list[Entry]) -> Iterable[scrapy.Request]:
        """Known entries due for a re-check, and new ones within the crawl's cap (the newest; see new_articles.py)."""
        wanted: dict[str, Entry] = {}
        for entry in entries:
            key = canonical_url(entry.url)
            if self.known.needs_fetch(entry.url) and key not in self.requested:
                wanted.setdefault(key, entry)
        new_now = self.new_articles.take({k: e for k, e in wanted.items() if not self.known.is_known(e.url)})
        self.note_new_left()
        for key, entry in wanted.items():
            recheck = self.known.is_known(entry.url)
            if recheck or key in new_now:
                self.requested.add(key)
                yield self.detail_request(entry, recheck=recheck)

    def note_new_left(self) -> None:
        """How many new articles wait for the next crawls, in the stats (the run's message, the next crawl)."""
        if self.new_articles.left:
            self.crawler.stats.set_value(NEW_LEFT_STAT, len(self.new_articles.left))
            self.crawler.stats.set_value(NEW_CAP_STAT, self.new_articles.cap)

    def detail_request(self, entry: Entry, recheck: bool) -> scrapy.Request:
        return scrapy.Request(entry.url, callback=self.parse_detail, errback=self.detail_failed,
                              cb_kwargs={"entry": entry, "recheck": recheck})

    def parse_detail(self, response: Response, entry: Entry, recheck: bool = False) -> Iterable[RawPage]:
        self.crawler.stats.inc_value("newswatch/detail_fetched")
        yield RawPage(
            source_id=self.source_id,
            url=entry.url,
            status=response.status,
            body=response.body,
            header_charset=_header_charset(response),
            list_title=entry.title or None,
            list_date=entry.date,
            recheck=recheck,
        )

    def schedule_rechecks(self, spider: scrapy.Spider) -> None:
        """Once the lists are read: re-fetch known items that are due, and those gone from their list."""
        if spider is not self or self.rechecks_scheduled:
            return
        self.rechecks_scheduled = True
        candidates = [] if self.list_trouble else self.known.missing_from_list(self.seen)
        candidates += sorted(self.known.due_for_recheck - set(self.seen))
        fresh = [url for url in dict.fromkeys(candidates) if url not in self.requested][:MAX_RECHECKS]
        if not fresh:
            return
        self.crawler.stats.inc_value("newswatch/rechecks", len(fresh))
        for url in fresh:
            self.requested.add(url)
            self.crawler.engine.crawl(self.detail_request(Entry(url, ""), recheck=True))
        raise DontCloseSpider

    # --- failures -------------------------------------------------------------------------------
    def detail_failed(self, failure: Any) -> None:
        size = too_big(failure.value, self.download_limit(failure.request))
        if size:
            record_error(self.crawler.stats, "page_too_big", f"the article page is {size}: not read", failure.request.url)
            return
        record_error(self.crawler.stats, "detail_fetch", f"{failure.value!r}", failure.request.url)

    def list_failed(self, failure: Any) -> None:
        self.list_trouble = True
        size = too_big(failure.value, self.download_limit(failure.request))
        if size:
            # The site answered, with a page no list is: the list cannot be read (health `empty`, as for a
            # list page of binary data), which is not the site being down.
            url = failure.request.url
            record_signal(self.crawler.stats, "error", f"the list page {url} is {size}: not read; open it in a "
                          "browser to see what the site serves there", url)
            return
        record_signal(self.crawler.stats, "unreachable", f"list page unreachable: {failure.value!r}", failure.request.url)

    def download_limit(self, request: scrapy.Request) -> int:
        return int(request.meta.get("download_maxsize") or self.crawler.settings.getint("DOWNLOAD_MAXSIZE"))


def _header_charset(response: Response) -> str | None:
    content_type = response.headers.get(b"Content-Type", b"").decode("latin-1").lower()
    if "charset=" in content_type:
        return content_type.split("charset=", 1)[1].split(";")[0].strip() or None
    return None
