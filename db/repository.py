"""Repository functions: the queries and writes the rest of newswatch needs, nothing else."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy import Engine, func, insert, select, update
from sqlalchemy.orm import Session

from crawler.util.china_time import CHINA_TZ
from db.insert_once import insert_once
from db.models import ChangeEvent, CrawlRun, Item, ListPageState, Source
from db.recheck import is_due_for_recheck
from db.timeutil import utcnow

CLEAN_OUTCOMES = ("ok",)
# The run stat of new articles a crawl left for the next crawls (its cap on new articles, spiders/new_articles.py).
NEW_LEFT_STAT = "newswatch/new_left"
# List dates on these sites are China calendar dates.


def sync_sources(session: Session, sources: Iterable[dict[str, Any]]) -> None:
    """Insert or update the sources table from catalog entries (id, name, agency, province, family): one
    read of the table, then only the rows that differ are written (a catalog of 60,000 sources is read
    by every command)."""
    wanted = {data["id"]: data for data in sources}
    if not wanted:
        return
    columns = [getattr(Source, key) for key in next(iter(wanted.values()))]
    stored = {row["id"]: dict(row) for row in session.execute(select(*columns)).mappings()}
    new = [data for source_id, data in wanted.items() if source_id not in stored]
    changed = [data for source_id, data in wanted.items() if source_id in stored and stored[source_id] != data]
    if new:
        session.execute(insert(Source), new)
    if changed:
        session.execute(update(Source), changed)  # bulk UPDATE by primary key


# A column page remembered as a jpaas shell is read again after this long, in case the column moved back
# while the unit API still answers (the unit API failing sends the crawl back to the page at once).
SHELL_REMEMBERED_FOR = timedelta(hours=24)


@dataclass(frozen=True)
class KnownItemState:
    published: dict[str, date | None]
    due: set[str]
    validators: dict[str, tuple[str | None, str | None]]
    last_run_clean: bool
    # List page URL -> where its list was read from last time (ListPageState.list_via), while still fresh.
    list_via: dict[str, str] = field(default_factory=dict)


def known_item_state(engine: Engine, source_id: str, now: datetime) -> KnownItemState:
    """Stored URLs of a source with their local publish dates, those due for a re-check, list validators,
    and whether its last finished run was clean."""
    with Session(engine) as session:
        rows = session.execute(
            select(Item.url, Item.published_at, Item.first_seen_at, Item.last_checked_at).where(
                Item.source_id == source_id, Item.status == "active"
            )
        ).all()
        last_run = session.execute(
            select(CrawlRun.outcome, CrawlRun.stats)
            .where(CrawlRun.source_id == source_id, CrawlRun.finished_at.is_not(None))
            .order_by(CrawlRun.id.desc())
            .limit(1)
        ).first()
        pages = session.execute(
            select(ListPageState.url, ListPageState.etag, ListPageState.last_modified, ListPageState.list_via,
                   ListPageState.updated_at).where(ListPageState.source_id == source_id)
        ).all()
    published = {row.url: row.published_at.astimezone(CHINA_TZ).date() if row.published_at else None for row in rows}
    due = {row.url for row in rows if is_due_for_recheck(row.published_at or row.first_seen_at, row.last_checked_at, now)}
    # A run that left new articles for later (its cap) is not clean either: the next crawl pages through the
    # lists again, past the known items at their head, to fetch the ones left.
    clean = last_run is not None and last_run.outcome in CLEAN_OUTCOMES and not new_left(last_run.stats)
    # A killed or failed crawl may have saved a list page's validators before storing its entries: a 304
    # answer to them would hide those entries for good, so only a clean run's validators are used. The same
    # goes for where a list was read from: after an unclean run the column page is read again.
    if not clean:
        return KnownItemState(published, due, {}, clean)
    validators = {row.url: (row.etag, row.last_modified) for row in pages}
    list_via = {row.url: row.list_via for row in pages
                if row.list_via and now - row.updated_at < SHELL_REMEMBERED_FOR}
    return KnownItemState(published, due, validators, clean, list_via)


def new_left(stats: dict[str, Any] | None) -> int:
    """New articles a run left for the next crawls (0 for runs recorded before the cap existed)."""
    value = (stats or {}).get(NEW_LEFT_STAT)
    return value if isinstance(value, int) else 0


def start_run(session: Session, source_id: str, trigger: str, host: str, pid: int | None) -> CrawlRun:
    run = CrawlRun(source_id=source_id, trigger=trigger, host=host, pid=pid, outcome="running")
    session.add(run)
    session.flush()
    return run


def finish_run(session: Session, run_id: int, outcome: str, message: str, counts: dict[str, Any]) -> None:
    values = {"outcome": outcome, "message": message, "finished_at": utcnow(), **counts}
    session.execute(update(CrawlRun).where(CrawlRun.id == run_id).values(**values))


def set_run_pid(session: Session, run_id: int, pid: int) -> None:
    session.execute(update(CrawlRun).where(CrawlRun.id == run_id).values(pid=pid))


def get_run(session: Session, run_id: int) -> CrawlRun | None:
    return session.get(CrawlRun, run_id)


def mark_stale_runs_interrupted(session: Session, source_ids: Sequence[str] | None = None,
                                started_before: datetime | None = None) -> int:
    """Runs still 'running' whose process is gone (killed) are marked interrupted; returns how many."""
    query = update(CrawlRun).where(CrawlRun.outcome == "running")
    if source_ids is not None:
        query = query.where(CrawlRun.source_id.in_(source_ids))
    if started_before is not None:
        query = query.where(CrawlRun.started_at < started_before)
    result = session.execute(
        query.values(outcome="interrupted", finished_at=utcnow(), message="the crawl process ended without recording its run")
    )
    return result.rowcount or 0


def item_by_url(session: Session, url: str) -> Item | None:
    return session.scalar(select(Item).where(Item.url == url))


def add_event(session: Session, kind: str, source_id: str, item_id: int | None, dedupe_key: str, payload: dict[str, Any]) -> bool:
    """Add an outbox event unless one with the same dedupe key exists; True when added.

    One INSERT … ON CONFLICT DO NOTHING: no separate existence check (a round trip per stored item), and two
    writers racing on one key cannot both add it.
    """
    values = {"kind": kind, "source_id": source_id, "item_id": item_id, "dedupe_key": dedupe_key, "payload": payload}
    return insert_once(session, ChangeEvent, "dedupe_key", values) is not None


def list_items(session: Session, source_ids: Sequence[str] | None = None, limit: int | None = None) -> list[Item]:
    query = select(Item).order_by(Item.published_at.desc().nulls_last(), Item.id.desc())
    if source_ids:
        query = query.where(Item.source_id.in_(source_ids))
    if limit:
        query = query.limit(limit)
    return list(session.scalars(query))


def count_items(session: Session, source_id: str | None = None) -> int:
    query = select(func.count(Item.id))
    if source_id:
        query = query.where(Item.source_id == source_id)
    return session.scalar(query) or 0


def latest_runs(session: Session) -> dict[str, CrawlRun]:
    newest = select(CrawlRun.source_id, func.max(CrawlRun.id).label("id")).group_by(CrawlRun.source_id).subquery()
    runs = session.scalars(select(CrawlRun).join(newest, CrawlRun.id == newest.c.id))
    return {run.source_id: run for run in runs}
