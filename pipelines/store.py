"""StorePipeline: classifies each page as new, changed or unchanged and stores it in one short transaction."""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, TypeVar

from scrapy.exceptions import DropItem, NotConfigured
from sqlalchemy.exc import IntegrityError, OperationalError
from sqlalchemy.orm import Session

from crawler.extract.decode import decode_html
from crawler.extract.fields import extract_fields
from crawler.extract.version import EXTRACTOR_VERSION
from crawler.scrapy_ext.crawl_errors import record_error, record_signal
from crawler.scrapy_ext.items import ListPageSeen, RawPage
from crawler.scrapy_ext.spool import Spool
from crawler.util.simhash import simhash
from db.attachment_records import with_attachment_records
from db.engine import make_engine, make_session_factory
from db.store_item import save_list_validators, store_item, withdraw_item
from db.write_errors import is_disk_full, reason
from pipelines.change import content_hash, diff, snapshot

logger = logging.getLogger("newswatch.store")


class SpooledAgain(DropItem):
    """The page could not be stored now and waits in the spool for the next crawl."""


class NotKept(DropItem):
    """Neither the database nor the spool could take the page: it was never stored, so it stays unknown
    and the next crawl fetches it again."""


# A locked or briefly unavailable database is retried this many times before the item is spooled.
STORE_ATTEMPTS = 3
DOWN_BACKOFF_SECONDS = 30.0
T = TypeVar("T")


class StorePipeline:
    def __init__(self, database_url: str, stats: Any, spool: Spool | None = None,
                 stop_crawl: Callable[[str], None] | None = None) -> None:
        """stop_crawl(reason) ends the crawl early: once the database is full, fetching more only fills the
        disk further (and loads the site for nothing)."""
        self.database_url = database_url
        self.stats = stats
        self.spool = spool
        self.stop_crawl = stop_crawl or (lambda _reason: None)
        self.engine = None
        self.sessions: Any = None
        self.database_down_until = 0.0
        self.disk_full = False
        self.spool_failed = False
        self.crawler: Any = None

    @classmethod
    def from_crawler(cls, crawler: Any) -> StorePipeline:
        url = crawler.settings.get("NEWSWATCH_DATABASE_URL")
        if not url:
            raise NotConfigured("NEWSWATCH_DATABASE_URL is not set: nothing is stored")
        spool_dir = crawler.settings.get("NEWSWATCH_SPOOL_DIR")
        store = cls(url, crawler.stats, Spool(Path(spool_dir)) if spool_dir else None,
                    lambda why: close_spider_soon(crawler, why))
        store.crawler = crawler
        return store

    def open_spider(self, spider: Any = None) -> None:
        self.engine = make_engine(self.database_url)
        self.sessions = make_session_factory(self.engine)
        # Scrapy (2.13 on) no longer passes the spider to a pipeline method whose spider argument is optional.
        spider = spider or getattr(self.crawler, "spider", None)
        source_id = getattr(spider, "source_id", None)
        # all() stops at the first page the database refuses: the spool keeps them all for the next crawl.
        if self.spool and source_id and all(self.store_page(page) for page in self.spool.take(source_id)):
            self.spool.replayed(source_id)

    def store_page(self, page: RawPage) -> bool:
        """Store a spooled raw page: the same extraction and storage a crawled page gets; False when the
        database could not take it (it stays in the spool)."""
        if self.disk_full:
            return False
        page.fields["extracted"] = extract_fields(decode_html(page.body, page.header_charset), page.url)
        try:
            self._store(page)
        except OperationalError:
            return False
        self.stats.inc_value("newswatch/spool_replayed")
        return True

    def close_spider(self, spider: Any = None) -> None:
        if self.engine is not None:
            self.engine.dispose()

    def process_item(self, item: RawPage | ListPageSeen, spider: Any = None) -> RawPage | ListPageSeen:
        if self.disk_full:
            self._keep(item)  # in flight when the database filled up: no point in trying it again
        try:
            return self._store(item)
        except OperationalError:
            self._keep(item)
            raise  # unreachable: _keep always raises

    def _store(self, item: RawPage | ListPageSeen) -> RawPage | ListPageSeen:
        now = datetime.now(timezone.utc)
        if isinstance(item, ListPageSeen):
            self._write(item.url, lambda s: save_list_validators(s, item.source_id, item.url, item.etag,
                                                                 item.last_modified, now, item.list_via,
                                                                 item.fingerprint))
            return item
        if item.fields.get("gone"):
            withdrawn = self._write(item.url, lambda s: withdraw_item(s, item.url, now))
            if withdrawn:
                self.stats.inc_value("newswatch/items/withdrawn")
            return item
        extracted = item.fields["extracted"]
        snap = snapshot(extracted.to_json())
        columns = item_columns(extracted)
        records = item.fields.get("attachment_records")  # what became of each file (pipelines/attachments.py)
        if records is not None:
            columns["attachments"] = records
        outcome = self._write(item.url, lambda s: with_attachment_records(s, item.url, records, store_item(
            s, item.source_id, item.url, columns, snap, content_hash(snap), now, diff,
            fingerprint=lambda: simhash(extracted.body_text), extractor=EXTRACTOR_VERSION,
        )))
        self.stats.inc_value(f"newswatch/items/{outcome.value}")
        item.fields["outcome"] = outcome.value
        return item

    def _keep(self, item: RawPage | ListPageSeen) -> None:
        """The database cannot take the item: keep a fetched page in the spool for the next crawl instead of
        losing it. Always raises (DropItem): the item goes no further in this crawl."""
        state = "full" if self.disk_full else "unavailable"
        if not isinstance(item, RawPage) or item.fields.get("gone"):
            # List validators and withdrawals are found again by the next crawl (this run is not clean).
            raise DropItem(f"database {state}, not saved: {item.url}")
        if self.spool is not None and not self.spool_failed:
            try:
                self.spool.add(item)
            except OSError as exc:
                self._spool_broken(exc, item.url)
            else:
                self.stats.inc_value("newswatch/spooled")
                raise SpooledAgain(f"database {state}, page kept in the spool: {item.url}")
        # Never stored, so still unknown to the next crawl, which fetches it again.
        self.stats.inc_value("newswatch/not_kept")
        raise NotKept(f"database {state}, spool {'unwritable' if self.spool else 'off'}: not kept, the next crawl "
                      f"fetches it again: {item.url}")

    def _spool_broken(self, exc: OSError, url: str) -> None:
        self.spool_failed = True
        if is_disk_full(exc):
            self._disk_is_full(exc, url)
        record_signal(self.stats, "spool_failed", f"the database cannot take pages and the spool cannot be "
                      f"written either ({reason(exc)}): the crawl stopped", url)
        self.stop_crawl("spool_failed")  # nothing fetched from now on could be kept

    def _disk_is_full(self, exc: BaseException, url: str) -> None:
        if self.disk_full:
            return
        self.disk_full = True
        record_signal(self.stats, "disk_full", f"the database or its disk is full ({reason(exc)}): the crawl "
                      "stopped at the first page it could not store; free space (or raise the size limit) and crawl "
                      "again", url)
        self.stop_crawl("disk_full")

    def _write(self, url: str, write: Callable[[Session], T]) -> T:
        """One short transaction; a locked or briefly unavailable database is retried before giving up."""
        attempts = 1 if time.monotonic() < self.database_down_until else STORE_ATTEMPTS
        for attempt in range(1, attempts + 1):
            try:
                with self.sessions.begin() as session:
                    return write(session)
            except IntegrityError:
                # Another process stored the same document a moment ago: the next attempt sees its row.
                if attempt == STORE_ATTEMPTS:
                    raise
            except OperationalError as exc:
                if is_disk_full(exc):
                    # Retrying cannot help (space is not freed in a second) and each retry would wait.
                    self._disk_is_full(exc, url)
                    raise
                if attempt == attempts:
                    # Later items skip the retries for a while: a dead database must not stall the crawl.
                    self.database_down_until = time.monotonic() + DOWN_BACKOFF_SECONDS
                    record_error(self.stats, "store_failed", f"database unavailable: {exc.orig!r}", url)
                    raise
                time.sleep(0.5 * attempt)
        raise AssertionError("unreachable")


def close_spider_soon(crawler: Any, why: str) -> None:
    """Ask Scrapy to close the spider once the current item is through (never from inside the pipeline)."""
    from scrapy.utils.defer import deferred_from_coro
    from twisted.internet import reactor

    def close() -> None:
        if crawler.engine is None or crawler.engine.spider is None:
            return
        closing = deferred_from_coro(crawler.engine.close_spider_async(reason=why))
        closing.addErrback(lambda failure: logger.error("could not stop the crawl (%s): %s", why, failure.value))

    reactor.callLater(0, close)  # type: ignore[attr-defined]


def item_columns(fields: Any) -> dict[str, Any]:
    """Item column values from an extraction result."""
    return {
        "title": fields.title or "",
        "published_at": fields.published,
        "written_date": fields.written,
        "origin": fields.source,
        "author": fields.author,
        "issuer": fields.issuer,
        "doc_number": fields.doc_number,
        "index_number": fields.index_number,
        "validity": fields.validity,
        "body_text": fields.body_text,
        "body_html": fields.body_html,
        "attachments": [{"name": a.name, "url": a.url, "type": a.type} for a in fields.attachments],
        "comment_deadline": fields.comment_deadline,
        "comment_channel": fields.comment_channel,
        "topics": list(fields.topics),
        "extra": {"amounts": list(fields.amounts)},
    }
