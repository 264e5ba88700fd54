"""The crawl-request outbox: idempotent adds, atomic claims by workers, and the states a request moves through.

pending (in the broker, or to be pushed again) -> started (a worker claimed it) -> done | failed.
Every transition is one conditional UPDATE, so two workers (or a worker and the reconciler) racing for
the same request cannot both win.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any, cast

from sqlalchemy import CursorResult, Executable, func, select, update
from sqlalchemy.orm import Session

from db.insert_once import insert_once
from db.models import CrawlRequest
from db.timeutil import utcnow

OPEN = ("pending", "started")


def _changed(session: Session, statement: Executable) -> bool:
    """Run a conditional UPDATE; True if it matched a row (the transition happened)."""
    return bool(cast("CursorResult[Any]", session.execute(statement)).rowcount)


@dataclass(frozen=True)
class NewRequest:
    key: str
    source_id: str
    trigger: str
    requested_by: str


def add_request(session: Session, new: NewRequest, coalesce: bool = True) -> int | None:
    """Insert the request unless its key exists (or, with coalesce, the source already has one pending).

    Returns the new id, or None when nothing was added. The insert is an `ON CONFLICT DO NOTHING`
    upsert, so two daemons (a leader and one that has just lost the lease) adding the same scheduled
    run cannot create two rows.
    """
    if coalesce and session.scalar(
        select(CrawlRequest.id).where(CrawlRequest.source_id == new.source_id, CrawlRequest.status == "pending")
    ):
        return None
    values = {"key": new.key, "source_id": new.source_id, "trigger": new.trigger, "requested_by": new.requested_by,
              "status": "pending", "created_at": utcnow()}
    return insert_once(session, CrawlRequest, "key", values)


def mark_pushed(session: Session, request_id: int, job_id: str, now: datetime) -> None:
    """Record the broker job about to carry the request (written before the push, see crawler/distributed/enqueue.py)."""
    session.execute(
        update(CrawlRequest).where(CrawlRequest.id == request_id).values(job_id=job_id, enqueued_at=now)
    )


def claim(session: Session, request_id: int, job_id: str, worker: str, owner: str, now: datetime) -> bool:
    """pending -> started, only through the job the request was last pushed as; False if someone else has it."""
    return _changed(session, (
        update(CrawlRequest)
        .where(CrawlRequest.id == request_id, CrawlRequest.status == "pending", CrawlRequest.job_id == job_id)
        .values(status="started", worker=worker, owner=owner, started_at=now, attempts=CrawlRequest.attempts + 1)
    ))


def requeue(session: Session, request_id: int, owner: str, message: str, count_retry: bool) -> bool:
    """started -> pending (a busy host, a stopping worker, or a lost one); the caller pushes it again.

    Only while `owner` (the crawl's lease owner) still has it: a worker presumed lost that comes back
    cannot undo what the reconciler did meanwhile."""
    values: dict[str, object] = {"status": "pending", "message": message, "worker": "", "owner": ""}
    if count_retry:
        values["retries"] = CrawlRequest.retries + 1
    return _changed(session, (
        update(CrawlRequest)
        .where(CrawlRequest.id == request_id, CrawlRequest.status == "started", CrawlRequest.owner == owner)
        .values(**values)
    ))


def finish(session: Session, request_id: int, status: str, outcome: str | None, message: str,
           run_id: int | None = None, owner: str | None = None) -> bool:
    """An open request is done (the crawl ran, whatever its outcome) or failed (given up); with `owner`,
    only if that crawl still has it."""
    query = update(CrawlRequest).where(CrawlRequest.id == request_id, CrawlRequest.status.in_(OPEN))
    if owner is not None:
        query = query.where(CrawlRequest.owner == owner)
    values = {"status": status, "outcome": outcome, "message": message, "run_id": run_id, "finished_at": utcnow()}
    return _changed(session, query.values(**values))


def get_request(session: Session, request_id: int) -> CrawlRequest | None:
    return session.get(CrawlRequest, request_id)


def open_requests(session: Session, limit: int = 5000) -> list[CrawlRequest]:
    query = select(CrawlRequest).where(CrawlRequest.status.in_(OPEN)).order_by(CrawlRequest.id).limit(limit)
    return list(session.scalars(query))


def count_by_status(session: Session) -> dict[str, int]:
    rows = session.execute(select(CrawlRequest.status, func.count(CrawlRequest.id)).group_by(CrawlRequest.status))
    return {status: count for status, count in rows}
