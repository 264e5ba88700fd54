"""What `newswatch status` reports: daemon lease, scheduled jobs, per-source runs and health."""

from __future__ import annotations

from datetime import datetime, timezone, tzinfo
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import Engine, MetaData, Table, func, select
from sqlalchemy.exc import NoSuchTableError

from crawler.config import Settings
from crawler.config.catalog import CatalogSource
from crawler.util.shown_time import shown_iso
from db import leases
from db.engine import make_session_factory
from db.models import Item, Source
from db.repository import latest_runs


def _jobs(engine: Engine, tz: tzinfo) -> list[dict[str, Any]]:
    try:
        table = Table("apscheduler_jobs", MetaData(), autoload_with=engine)
    except NoSuchTableError:
        return []
    with engine.connect() as conn:
        rows = conn.execute(select(table.c.id, table.c.next_run_time).order_by(table.c.id)).all()
    return [
        {"id": row.id,
         "next_run": shown_iso(datetime.fromtimestamp(row.next_run_time, timezone.utc), tz) if row.next_run_time else None}
        for row in rows
    ]


def collect_status(engine: Engine, catalog: dict[str, CatalogSource], now: datetime,
                   settings: Settings | None = None) -> dict[str, Any]:
    """With settings in distributed mode, also workers, queue depth and the request outbox ("distributed").
    Times are ISO 8601 in the configured timezone (UTC without settings)."""
    tz = ZoneInfo(settings.timezone) if settings is not None else timezone.utc
    sessions = make_session_factory(engine)
    holder = leases.holder(sessions, "daemon")
    daemon = {"running": holder is not None, "host": holder.host if holder else None,
              "pid": holder.pid if holder else None,
              "since": shown_iso(holder.acquired_at, tz) if holder else None}
    locks = [{"name": lease.name, "owner": lease.owner, "host": lease.host, "pid": lease.pid,
              "since": shown_iso(lease.acquired_at, tz), "expires": shown_iso(lease.expires_at, tz)}
             for lease in leases.active_leases(sessions)]
    with sessions() as session:
        runs = latest_runs(session)
        health = {row.id: row for row in session.scalars(select(Source))}
        stored = dict(session.execute(select(Item.source_id, func.count(Item.id)).group_by(Item.source_id)).all())
    sources = []
    for source_id in catalog:
        run, row = runs.get(source_id), health.get(source_id)
        sources.append({
            "id": source_id,
            "health": row.health if row else "ok",
            "health_since": shown_iso(row.health_since, tz) if row else None,
            "health_message": row.health_message if row else "",
            "last_run": shown_iso(run.started_at, tz) if run else None,
            "last_outcome": run.outcome if run else None,
            "last_message": run.message if run else None,
            "items": stored.get(source_id, 0),
        })
    data = {"now": shown_iso(now, tz), "daemon": daemon, "jobs": _jobs(engine, tz), "locks": locks, "sources": sources}
    if settings is not None:
        from crawler.distributed.status_view import distributed_status

        if (distributed := distributed_status(settings, engine)) is not None:
            data["distributed"] = distributed
    return data
