"""Reading sources for the console: health, its transitions, runs, items stored, newest item, next scheduled run."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime, timezone

from sqlalchemy import Engine, MetaData, Table, func, select
from sqlalchemy.exc import NoSuchTableError
from sqlalchemy.orm import Session

from crawler.alerts.context import SourceInfo
from db.models import ChangeEvent, CrawlRun, Item
from db.repository import latest_runs


@dataclass(frozen=True)
class SourceRow:
    info: SourceInfo
    last_run: CrawlRun | None
    items: int
    newest: datetime | None
    next_run: datetime | None


def next_runs(engine: Engine) -> dict[str, datetime]:
    """Source id → the scheduler's next crawl, from the daemon's job store (empty when no daemon ever ran)."""
    try:
        table = Table("apscheduler_jobs", MetaData(), autoload_with=engine)
    except NoSuchTableError:
        return {}
    with engine.connect() as conn:
        rows = conn.execute(select(table.c.id, table.c.next_run_time).where(table.c.id.like("crawl:%"))).all()
    return {row.id.removeprefix("crawl:"): datetime.fromtimestamp(row.next_run_time, timezone.utc)
            for row in rows if row.next_run_time}


def source_rows(session: Session, directory: Mapping[str, SourceInfo], scheduled: Mapping[str, datetime]) -> list[SourceRow]:
    runs = latest_runs(session)
    ids = Item.source_id.in_(list(directory))
    stored = dict(session.execute(select(Item.source_id, func.count(Item.id)).where(ids).group_by(Item.source_id)).all())
    newest = dict(session.execute(select(Item.source_id, func.max(Item.published_at)).where(ids)
                                  .group_by(Item.source_id)).all())
    return [SourceRow(info, runs.get(sid), stored.get(sid, 0), newest.get(sid), scheduled.get(sid))
            for sid, info in directory.items()]


def transitions(session: Session, source_id: str, limit: int = 50) -> list[ChangeEvent]:
    """The source's health changes, newest first: each `health` event says from which state to which, and why."""
    query = (select(ChangeEvent).where(ChangeEvent.source_id == source_id, ChangeEvent.kind == "health")
             .order_by(ChangeEvent.id.desc()).limit(limit))
    return list(session.scalars(query))


def runs_of(session: Session, source_id: str, limit: int = 100) -> list[CrawlRun]:
    query = (select(CrawlRun).where(CrawlRun.source_id == source_id)
             .order_by(CrawlRun.started_at.desc(), CrawlRun.id.desc()).limit(limit))
    return list(session.scalars(query))
