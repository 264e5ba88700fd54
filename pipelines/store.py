"""StorePipeline: classifies each page as new, changed or unchanged and stores it in one short transaction."""

from __future__ import annotations

import time
from collections.abc import Callable
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, TypeVar

from scrapy.exceptions import DropItem, NotConfigured
from sqlalchemy.exc import IntegrityError, OperationalError
from sqlalchemy.orm import Session

from crawler.crawl_errors import record_error
from crawler.extract.decode import decode_html
from crawler.extract.fields import extract_fields
from crawler.items import ListPageSeen, RawPage
from crawler.simhash import simhash
from crawler.spool import Spool
from db.attachment_records import with_attachment_records
from db.engine import make_engine, make_session_factory
from db.store_item import save_list_validators, store_item, withdraw_item
from pipelines.change import content_hash, diff, snapshot

class SpooledAgain(DropItem):
    """The page could not be stored now and waits in the spool for the next crawl."""


# A locked or briefly unavailable database is retried this many times before the item is spooled.
STORE_ATTEMPTS = 3
DOWN_BACKOFF_SECONDS = 30.0
T = TypeVar("T")


class StorePipeline:
    def __init__(self, database_url: str, stats: Any, spool: Spool | None = None) -> None:
        self.database_url = database_url
        self.stats = stats
        self.spool = spool
        self.engine = None
        self.sessions: Any = None
        self.database_down_until = 0.0

    @classmethod
    def from_crawler(cls, crawler: Any) -> StorePipeline:
        url = crawler.settings.get("NEWSWATCH_DATABASE_URL")
        if not url:
            raise NotConfigured("NEWSWATCH_DATABASE_URL is not set: nothing is stored")
        spool_dir = crawler.settings.get("NEWSWATCH_SPOOL_DIR")
        return cls(url, crawler.stats, Spool(Path(spool_dir)) if spool_dir else None)

    def open_spider(self, spider: Any = None) -> None:
        self.engine = make_engine(self.database_url)
        self.sessions = make_session_factory(self.engine)
        source_id = getattr(spider, "source_id", None)
        if self.spool and source_id:
            for page in self.spool.take(source_id):
                self.stats.inc_value("newswatch/spool_replayed")
                self.store_page(page)

    def store_page(self, page: RawPage) -> None:
        """Store a spooled raw page: the same extraction and storage a crawled page gets."""
        try:
            page.fields["extracted"] = extract_fields(decode_html(page.body, page.header_charset), page.url)
            self.process_item(page)
        except SpooledAgain:
            pass

    def close_spider(self, spider: Any = None) -> None:
        if self.engine is not None:
            self.engine.dispose()

    def process_item(self, item: RawPage | ListPageSeen, spider: Any = None) -> RawPage | ListPageSeen:
        now = datetime.now(timezone.utc)
        if isinstance(item, ListPageSeen):
            self._write(item.url, lambda s: save_list_validators(s, item.source_id, item.url, item.etag,
                                                                 item.last_modified, now, item.list_via))
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
        try:
            outcome = self._write(item.url, lambda s: with_attachment_records(s, item.url, records, store_item(
                s, item.source_id, item.url, columns, snap, content_hash(snap), now, diff,
                fingerprint=lambda: simhash(extracted.body_text),
            )))
        except OperationalError as exc:
            if self.spool is None:
                raise
            # The database stayed unavailable: keep the fetched page for the next crawl instead of losing it.
            self.spool.add(item)
            self.stats.inc_value("newswatch/spooled")
            raise SpooledAgain(f"database unavailable, page kept in the spool: {item.url}") from exc
        self.stats.inc_value(f"newswatch/items/{outcome.value}")
        item.fields["outcome"] = outcome.value
        return item

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
                if attempt == attempts:
                    # Later items skip the retries for a while: a dead database must not stall the crawl.
                    self.database_down_until = time.monotonic() + DOWN_BACKOFF_SECONDS
                    record_error(self.stats, "store_failed", f"database unavailable: {exc.orig!r}", url)
                    raise
                time.sleep(0.5 * attempt)
        raise AssertionError("unreachable")


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
