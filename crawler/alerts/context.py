"""What rules and messages need to know about an event: its item and its source (database plus catalog)."""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from crawler.config import Settings
from crawler.config.catalog import CatalogError, load_catalog
from db.models import ChangeEvent, CrawlRun, Item, Source
from db.repository import new_left

logger = logging.getLogger("newswatch.alerts")


@dataclass(frozen=True)
class SourceInfo:
    id: str
    name: str
    agency: str
    agency_en: str = ""
    province: str = ""
    agency_kind: str = ""
    home_url: str = ""  # base for relative links
    health: str = "ok"
    health_since: datetime | None = None
    health_message: str = ""


@dataclass(frozen=True)
class EventContext:
    event: ChangeEvent
    item: Item | None
    source: SourceInfo


def source_directory(session: Session, settings: Settings) -> dict[str, SourceInfo]:
    """Every source in the database, completed with the catalog's English names and agency kind."""
    try:
        catalog = load_catalog(settings.catalog_paths)
    except CatalogError as exc:
        # Alerts must still go out when a catalog edit is broken; only the catalog-only filters suffer.
        logger.warning("catalog unreadable, agency kinds and English names unavailable: %s", exc)
        catalog = {}
    directory = {}
    for row in session.scalars(select(Source)):
        entry = catalog.get(row.id)
        directory[row.id] = SourceInfo(
            id=row.id,
            name=row.name,
            agency=row.agency or (entry.agency.zh if entry else ""),
            agency_en=entry.agency.en if entry else "",
            province=row.province or (entry.province if entry else ""),
            agency_kind=entry.agency_kind if entry else "",
            home_url=entry.start_urls[0] if entry else "",
            health=row.health or "ok",
            health_since=row.health_since,
            health_message=row.health_message or "",
        )
    return directory


def unknown_source(source_id: str) -> SourceInfo:
    return SourceInfo(id=source_id, name=source_id, agency="")


def load_contexts(session: Session, events: Sequence[ChangeEvent], sources: dict[str, SourceInfo]) -> list[EventContext]:
    item_ids = {e.item_id for e in events if e.item_id is not None}
    items = {i.id: i for i in session.scalars(select(Item).where(Item.id.in_(item_ids)))} if item_ids else {}
    return [
        EventContext(e, items.get(e.item_id) if e.item_id is not None else None,
                     sources.get(e.source_id) or unknown_source(e.source_id))
        for e in events
    ]


def first_crawl_ends(session: Session, source_ids: set[str], now: datetime) -> dict[str, datetime]:
    """Per source, the end of its first crawl that stored items: events until then are its baseline.

    A source whose first such crawl is still running gets `now`: everything it found so far is baseline. A
    first crawl that left part of the archive for the next crawls (its cap on new articles) lasts until the
    crawl that caught up (see archive_read_by).
    """
    if not source_ids:
        return {}
    finished = (
        select(CrawlRun.source_id, func.min(CrawlRun.finished_at))
        .where(CrawlRun.source_id.in_(source_ids), CrawlRun.new > 0, CrawlRun.finished_at.is_not(None))
        .group_by(CrawlRun.source_id)
    )
    ends = {source_id: archive_read_by(session, source_id, ended, now)
            for source_id, ended in session.execute(finished) if ended is not None}
    running = select(CrawlRun.source_id).where(
        CrawlRun.source_id.in_(source_ids - set(ends)), CrawlRun.outcome == "running"
    )
    for source_id in session.scalars(running):
        ends[source_id] = now
    return ends


def archive_read_by(session: Session, source_id: str, first_end: datetime, now: datetime) -> datetime:
    """When the archive a first crawl found was all stored: the end of the first crawl from `first_end` on
    that read the list and left no new article for later; `now` while one is still left."""
    runs = session.execute(
        select(CrawlRun.finished_at, CrawlRun.outcome, CrawlRun.stats)
        .where(CrawlRun.source_id == source_id, CrawlRun.finished_at >= first_end)
        .order_by(CrawlRun.finished_at, CrawlRun.id)
        .execution_options(yield_per=20)  # nearly always the first row ends it
    )
    try:
        for finished_at, outcome, stats in runs:
            # A failed or interrupted run says nothing of what is left: the next one still reads the archive.
            if outcome in ("ok", "partial") and not new_left(stats):
                return finished_at
    finally:
        runs.close()
    return now


def cluster_siblings(session: Session, items: Sequence[Item]) -> dict[int, list[Item]]:
    """For each item, the other items of its cluster (the same document published by other agencies)."""
    clusters = {i.cluster_id for i in items if i.cluster_id is not None}
    if not clusters:
        return {}
    members: dict[int, list[Item]] = {}
    for other in session.scalars(select(Item).where(Item.cluster_id.in_(clusters)).order_by(Item.id)):
        members.setdefault(other.cluster_id or 0, []).append(other)
    return {
        item.id: [o for o in members.get(item.cluster_id, []) if o.id != item.id]
        for item in items
        if item.cluster_id is not None
    }
