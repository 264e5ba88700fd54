"""The one clock the database layer uses, so tests can reason about aware UTC times."""

from datetime import datetime, timezone


def utcnow() -> datetime:
    return datetime.now(timezone.utc)
