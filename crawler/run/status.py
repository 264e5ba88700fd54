"""What `newswatch status` reports: daemon lease, scheduled jobs, per-source runs and health."""

from __future__ import annotations

from datetime import datetime, timezone
from typing import Any

from sqlalchemy import Engine, MetaData, Table, func, select
from sqlalchemy.exc import NoSuchTableError

from crawler.config.catalog import Source
from crawler.config import Settings
from db import leases
from db.engine import make_session_factory
from db.models import Item
from db.models import Source as SourceRow
from db.repository import latest_runs


def _jobs(engine: Engine) -> list[dict[str, Any]]:
    try:
        table = Table("apscheduler_jobs", MetaData(), autoload_with=engine)
    except NoSuchTableError:
        return []
    with engine.connect() as conn:
        rows = conn.execute(select(table.c.id, table.c.next_run_time).order_by(table.c.id)).all()
    return [
        {"id": row.id,
         "next_run": datetime.fromtimestamp(row.next_run_time, timezone.utc).isoformat() if row.next_run_time else None}
        for row in rows
    ]


def collect_status(engine: Engine, catalog: dict[str, Source], now: datetime,
                   settings: Settings | None = None) -> dict[str, Any]:
    """With settings in distributed mode, also workers, queue depth and the request outbox ("distributed")."""
    sessions = make_session_factory(engine)
    holder = leases.holder(sessions, "daemon")
    daemon = {"running": holder is not None, "host": holder.host if holder else None,
              "pid": holder.pid if holder else None,
              "since": holder.acquired_at.isoformat() if holder else None}
    locks = [{"name": lease.name, "owner": lease.owner, "host": lease.host, "pid": lease.pid,
              "since": lease.acquired_at.isoformat(), "expires": lease.expires_at.isoformat()}
             for lease in leases.active_leases(sessions)]
    with sessions() as session:
        runs = latest_runs(session)
        health = {row.id: row for row in session.scalars(select(SourceRow))}
        stored = dict(session.execute(select(Item.source_id, func.count(Item.id)).group_by(Item.source_id)).all())
    sources = []
    for source_id in catalog:
        run, row = runs.get(source_id), health.get(source_id)
        sources.append({
            "id": source_id,
            "health": row.health if row else "ok",
            "health_since": row.health_since.isoformat() if row and row.health_since else None,
            "health_message": row.health_message if row else "",
            "last_run": run.started_at.isoformat() if run else None,
            "last_outcome": run.outcome if run else None,
            "last_message": run.message if run else None,
            "items": stored.get(source_id, 0),
        })
    data = {"now": now.isoformat(), "daemon": daemon, "jobs": _jobs(engine), "locks": locks, "sources": sources}
    if settings is not None:
        from crawler.distributed.status_view import distributed_status

        if (distributed := distributed_status(settings, engine)) is not None:
            data["distributed"] = distributed
    return data
