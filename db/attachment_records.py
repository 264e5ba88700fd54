"""An item's attachment records (name, url, type and what became of the file): read and refreshed."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from db.models import Item
from db.store_item import StoredOutcome


def stored_attachment_records(session: Session, url: str) -> dict[str, dict[str, Any]]:
    """The stored item's attachment records by attachment URL ({} for an unknown item)."""
    records = session.scalar(select(Item.attachments).where(Item.url == url)) or []
    return {r["url"]: r for r in records if isinstance(r, dict) and r.get("url")}


def refresh_attachment_records(session: Session, url: str, records: list[dict[str, Any]]) -> bool:
    """Write the records of an item that is otherwise unchanged (its attachments' outcomes are not part
    of its content hash, so storing them never makes a version); True when something changed."""
    item = session.scalar(select(Item).where(Item.url == url))
    if item is None or item.attachments == records:
        return False
    item.attachments = records
    return True


def with_attachment_records(session: Session, url: str, records: list[dict[str, Any]] | None,
                            outcome: StoredOutcome) -> StoredOutcome:
    """`outcome` of storing the item in this session, once an unchanged item's attachment records are
    written too (a new or changed item got them with its columns); `records` is None when the crawl
    fetched no attachments, and then nothing is written."""
    if records is not None and outcome is StoredOutcome.UNCHANGED:
        refresh_attachment_records(session, url, records)
    return outcome
