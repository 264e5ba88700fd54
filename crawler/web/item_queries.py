"""Reading items for the console: one filtered, newest-first page of the list, and one item with its relations."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import ColumnElement, Select, select
from sqlalchemy.orm import Session, defer

from crawler.alerts.context import SourceInfo
from crawler.web.filters import PAGE_SIZE, ItemFilters
from crawler.web.kinds import kind_clause
from crawler.web.search import search_clause, search_windows
from db.models import ChangeEvent, Item, ItemTopic, ItemVersion

NEWEST_FIRST = (Item.published_at.desc().nulls_last(), Item.id.desc())


@dataclass(frozen=True)
class ItemPage:
    items: list[Item]
    has_next: bool


def _local_midnight(day: date, tz: ZoneInfo) -> datetime:
    return datetime.combine(day, time(), tz)


def _sources_in(source_ids: list[str]) -> ColumnElement[bool]:
    """Items of several sources. Compared as an expression, not the bare column: SQLite would otherwise read
    every item of those sources by the (source, published) index and sort them all, where reading newest
    first stops after a page (a province or an agency kind holds a large share of all items)."""
    if len(source_ids) == 1:
        return Item.source_id == source_ids[0]
    return (Item.source_id + "").in_(source_ids)


def filter_clauses(filters: ItemFilters, directory: Mapping[str, SourceInfo], session: Session,
                   tz: ZoneInfo, today: date) -> list[ColumnElement[bool]]:
    clauses: list[ColumnElement[bool]] = []
    if filters.source:
        clauses.append(Item.source_id == filters.source)
    if filters.province:
        clauses.append(_sources_in([s.id for s in directory.values() if s.province == filters.province]))
    if filters.agency_kind:
        clauses.append(_sources_in([s.id for s in directory.values() if s.agency_kind == filters.agency_kind]))
    if filters.kind:
        clauses.append(kind_clause(filters.kind))
    if filters.date_from:
        clauses.append(Item.published_at >= _local_midnight(filters.date_from, tz))
    if filters.date_to:
        clauses.append(Item.published_at < _local_midnight(filters.date_to + timedelta(days=1), tz))
    if filters.open:
        # Few items are open for comment: find them by deadline, then sort them (not: read every item newest first).
        clauses.append(Item.id.in_(select(Item.id).where(Item.comment_deadline >= today)))
    if filters.q:
        clauses.append(search_clause(filters.q, session))
    return clauses


def items_query(clauses: list[ColumnElement[bool]], topic: str = "") -> Select[tuple[Item]]:
    """The filtered list, newest first. With a topic, read from the topic's rows of item_topics (migration 0009),
    ordered by their copy of the item's dates: its index gives the topic's items already in order, so a rare topic
    costs a page of reads, not a walk through every item."""
    # The list shows no body: leave both out of the rows read (on SQLite they sit in overflow pages).
    query = select(Item).options(defer(Item.body_text), defer(Item.body_html))
    if not topic:
        return query.where(*clauses).order_by(*NEWEST_FIRST)
    return (query.join(ItemTopic, ItemTopic.item_id == Item.id).where(ItemTopic.topic == topic, *clauses)
            .order_by(ItemTopic.published_at.desc().nulls_last(), ItemTopic.item_id.desc()))


def list_page(session: Session, filters: ItemFilters, directory: Mapping[str, SourceInfo], tz: ZoneInfo,
              today: date, page_size: int | None = None) -> ItemPage:
    page_size = page_size or PAGE_SIZE
    query = items_query(filter_clauses(filters, directory, session, tz, today), filters.topic)
    rows: list[Item] = []
    for since in search_windows(filters.q, session) if filters.q else [None]:
        # A full page within the newest window is the page: every item outside it was published earlier.
        windowed = query if since is None else query.where(Item.published_at >= since)
        rows = list(session.scalars(windowed.offset((filters.page - 1) * page_size).limit(page_size + 1)))
        if len(rows) > page_size:
            break
    return ItemPage(rows[:page_size], len(rows) > page_size)


@dataclass(frozen=True)
class ItemDetail:
    item: Item
    versions: list[ItemVersion]
    cluster: list[Item]
    events: list[ChangeEvent]


def item_detail(session: Session, item_id: int) -> ItemDetail | None:
    item = session.get(Item, item_id)
    if item is None:
        return None
    versions = list(session.scalars(select(ItemVersion).where(ItemVersion.item_id == item_id)
                                    .order_by(ItemVersion.version)))
    cluster: list[Item] = []
    if item.cluster_id is not None:
        cluster = list(session.scalars(
            select(Item).options(defer(Item.body_text), defer(Item.body_html))
            .where(Item.cluster_id == item.cluster_id, Item.id != item.id).order_by(Item.id).limit(50)))
    events = list(session.scalars(select(ChangeEvent).where(ChangeEvent.item_id == item_id)
                                  .order_by(ChangeEvent.id).limit(100)))
    return ItemDetail(item, versions, cluster, events)
