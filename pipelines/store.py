"""StorePipeline: classifies each page as new, changed or unchanged and stores it in one short transaction."""

from __future__ import annotations

from datetime import datetime, timezone
import time
from collections.abc import Callable
from typing import Any, TypeVar

from scrapy.exceptions import NotConfigured
from sqlalchemy.exc import IntegrityError, OperationalError
from sqlalchemy.orm import Session

from crawler.crawl_errors import record_error
from crawler.items import ListPageSeen, RawPage
from crawler.simhash import simhash
from db.engine import make_engine, make_session_factory
from db.store_item import save_list_validators, store_item, withdraw_item
from pipelines.change import content_hash, diff, snapshot

# A locked or briefly unavailable database is retried this many times before the item is given up.
STORE_ATTEMPTS = 3
T = TypeVar("T")


class StorePipeline:
    def __init__(self, database_url: str, stats: Any) -> None:
        self.database_url = database_url
        self.stats = stats
        self.engine = None
        self.sessions: Any = None

    @classmethod
    def from_crawler(cls, crawler: Any) -> StorePipeline:
        url = crawler.settings.get("NEWSWATCH_DATABASE_URL")
        if not url:
            raise NotConfigured("NEWSWATCH_DATABASE_URL is not set: nothing is stored")
        return cls(url, crawler.stats)

    def open_spider(self, spider: Any = None) -> None:
        self.engine = make_engine(self.database_url)
        self.sessions = make_session_factory(self.engine)

    def close_spider(self, spider: Any = None) -> None:
        if self.engine is not None:
            self.engine.dispose()

    def process_item(self, item: RawPage | ListPageSeen, spider: Any = None) -> RawPage | ListPageSeen:
        now = datetime.now(timezone.utc)
        if isinstance(item, ListPageSeen):
            self._write(item.url, lambda s: save_list_validators(s, item.source_id, item.url, item.etag, item.last_modified, now))
            return item
        if item.fields.get("gone"):
            withdrawn = self._write(item.url, lambda s: withdraw_item(s, item.url, now))
            if withdrawn:
                self.stats.inc_value("newswatch/items/withdrawn")
            return item
        extracted = item.fields["extracted"]
        snap = snapshot(extracted.to_json())
        columns = item_columns(extracted)
        outcome = self._write(item.url, lambda s: store_item(
            s, item.source_id, item.url, columns, snap, content_hash(snap), now, diff,
            fingerprint=lambda: simhash(extracted.body_text),
        ))
        self.stats.inc_value(f"newswatch/items/{outcome.value}")
        item.fields["outcome"] = outcome.value
        return item

    def _write(self, url: str, write: Callable[[Session], T]) -> T:
        """One short transaction; a locked or briefly unavailable database is retried before giving up."""
        for attempt in range(1, STORE_ATTEMPTS + 1):
            try:
                with self.sessions.begin() as session:
                    return write(session)
            except IntegrityError:
                # Another process stored the same document a moment ago: the next attempt sees its row.
                if attempt == STORE_ATTEMPTS:
                    raise
            except OperationalError as exc:
                if attempt == STORE_ATTEMPTS:
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
