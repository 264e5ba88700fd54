"""Writing one observation of a document: item row, version and outbox event, all or nothing."""

from __future__ import annotations

import enum
from collections.abc import Callable
from datetime import datetime
from typing import Any

from sqlalchemy import bindparam, insert, select
from sqlalchemy.orm import Session

from db.clusters import cluster_for_new_item, fingerprint_columns
from db.models import Item, ItemVersion, ListPageState
from db.repository import add_event, item_by_url

_ITEMS, _VERSIONS = Item.__table__, ItemVersion.__table__
_ID_BY_URL = select(_ITEMS.c.id).where(_ITEMS.c.url == bindparam("url"))
_NEW_ITEM = insert(_ITEMS).returning(_ITEMS.c.id)
_NEW_VERSION = insert(_VERSIONS)


class StoredOutcome(enum.Enum):
    NEW = "new"
    CHANGED = "changed"
    UNCHANGED = "unchanged"
    # The fields differ from the stored version, which older extraction rules read: a new version, no event.
    REEXTRACTED = "reextracted"


Differ = Callable[[dict[str, Any], dict[str, Any]], dict[str, Any]]


def store_item(
    session: Session,
    source_id: str,
    url: str,
    columns: dict[str, Any],
    snap: dict[str, Any],
    digest: str,
    now: datetime,
    differ: Differ,
    fingerprint: Callable[[], int | None] = lambda: None,
    extractor: str | None = None,
) -> StoredOutcome:
    """`columns` are Item column values, `snap` the meaningful fields whose hash is `digest`, read by the
    extraction rules `extractor` (crawler/extract/version.py).

    `fingerprint` computes the body's SimHash; it is only called for new items (it costs CPU). Fields that
    differ from a version older rules read are a new version without a `changed` event: what changed may be
    the rules, not the page, and an upgrade must not announce every stored document again.
    """
    item_id = session.scalar(_ID_BY_URL, {"url": url})
    if item_id is None:
        fingerprint_value = fingerprint()
        # Statements built once and plain table rows, not the ORM's unit of work: storing new items is the hot
        # path of a crawl.
        cluster = cluster_for_new_item(session, columns.get("doc_number"), fingerprint_value)
        item_id = session.execute(_NEW_ITEM, {
            "source_id": source_id, "url": url, "content_hash": digest, "first_seen_at": now, "last_seen_at": now,
            "last_checked_at": now, "version": 1, "cluster_id": cluster, **fingerprint_columns(fingerprint_value),
            **columns,
        }).scalar_one()
        session.execute(_NEW_VERSION, {"item_id": item_id, "version": 1, "fetched_at": now, "content_hash": digest,
                                       "fields": snap, "diff": {}, "extractor": extractor})
        add_event(session, "new", source_id, item_id, f"new:{url}",
                  {"title": columns.get("title"), "url": url, "cluster_id": cluster})
        return StoredOutcome.NEW
    item = session.get_one(Item, item_id)
    item.last_seen_at = now
    item.last_checked_at = now
    if item.content_hash == digest:
        item.status = "active"  # a withdrawn page that came back unchanged is simply listed again
        return StoredOutcome.UNCHANGED
    latest = item.versions[-1] if item.versions else None
    changes = differ(latest.fields if latest else {}, snap)
    item.version += 1
    item.content_hash = digest
    item.status = "active"
    for key, value in columns.items():
        setattr(item, key, value)
    session.add(ItemVersion(item_id=item.id, version=item.version, fetched_at=now, content_hash=digest, fields=snap,
                            diff=changes, extractor=extractor))
    if latest is not None and latest.extractor != extractor:
        return StoredOutcome.REEXTRACTED
    add_event(session, "changed", source_id, item.id, f"changed:{item.id}:{item.version}",
              {"title": item.title, "url": url, "diff": changes})
    return StoredOutcome.CHANGED


def withdraw_item(session: Session, url: str, now: datetime) -> bool:
    """Mark a stored item withdrawn (its page is gone); one 'withdrawn' event per withdrawal."""
    item = item_by_url(session, url)
    if item is None or item.status == "withdrawn":
        return False
    item.status = "withdrawn"
    item.last_checked_at = now
    add_event(session, "withdrawn", item.source_id, item.id, f"withdrawn:{item.id}:{item.version}",
              {"title": item.title, "url": url})
    return True


def save_list_validators(session: Session, source_id: str, url: str, etag: str | None, modified: str | None,
                         now: datetime, list_via: str | None = None, fingerprint: str | None = None) -> None:
    """What a list page answered this time: its validators, `list_via` (see ListPageState.list_via) and the
    digest of the page read (the runner's probe compares it when a server sends no validators)."""
    state = session.get(ListPageState, url)
    if state is None:
        session.add(ListPageState(url=url, source_id=source_id, etag=etag, last_modified=modified,
                                  list_via=list_via, fingerprint=fingerprint, updated_at=now))
    else:
        state.etag, state.last_modified, state.list_via, state.updated_at = etag, modified, list_via, now
        state.fingerprint = fingerprint
