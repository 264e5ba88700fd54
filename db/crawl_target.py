"""The crawl_target row: which sites a database's crawls read ("sites" or "simulator"), claimed once."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy.orm import Session

from db.insert_once import insert_once
from db.models import CrawlTarget

_ROW_ID = 1  # one row per database


def served_target(session: Session) -> str | None:
    """The target the database serves, or None before its first crawl (or a database older than the table)."""
    row = session.get(CrawlTarget, _ROW_ID)
    return row.target if row is not None else None


def claim_target(session: Session, target: str, now: datetime) -> str:
    """Claim the database for `target` unless it serves one already (race-free); the target it serves."""
    insert_once(session, CrawlTarget, "id", {"id": _ROW_ID, "target": target, "claimed_at": now})
    served = served_target(session)
    assert served is not None  # inserted just now, or by whoever claimed it first
    return served
