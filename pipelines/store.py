"""StorePipeline: classifies each page as new, changed or unchanged and stores it in one short transaction."""

from __future__ import annotations

from datetime import datetime, timezone
from typing import Any

from scrapy.exceptions import NotConfigured
from sqlalchemy.exc import IntegrityError, OperationalError

from crawler.crawl_errors import record_error
from crawler.items import RawPage
from crawler.simhash import simhash
from db.engine import make_engine, make_session_factory
from db.store_item import store_item
from pipelines.change import content_hash, diff, snapshot

# A locked or briefly unavailable database is retried this many times before the item is given up.
STORE_ATTEMPTS = 3


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

    def process_item(self, item: RawPage, spider: Any = None) -> RawPage:
        extracted = item.fields["extracted"]
        record = extracted.to_json()
        snap = snapshot(record)
        now = datetime.now(timezone.utc)
        for attempt in range(1, STORE_ATTEMPTS + 1):
            try:
                with self.sessions.begin() as session:
                    outcome = store_item(
                        session, item.source_id, item.url, item_columns(extracted), snap, content_hash(snap), now, diff,
                        fingerprint=lambda: simhash(extracted.body_text),
                    )
                break
            except IntegrityError:
                # Another process stored the same document a moment ago: the next attempt sees its row.
                if attempt == STORE_ATTEMPTS:
                    raise
            except OperationalError as exc:
                if attempt == STORE_ATTEMPTS:
                    record_error(self.stats, "store_failed", f"database unavailable: {exc.orig!r}", item.url)
                    raise
        self.stats.inc_value(f"newswatch/items/{outcome.value}")
        item.fields["outcome"] = outcome.value
        return item


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
