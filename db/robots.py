"""The robots.txt cache crawl children share: one row per robots.txt URL, read while fresh."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy.orm import Session

from db.models import RobotsTxt

# As major crawlers do (Google caches robots.txt for up to 24 hours; RFC 9309 §2.4 asks for no more).
ROBOTS_FRESH_FOR = timedelta(hours=24)


@dataclass(frozen=True)
class CachedRobots:
    url: str
    status: int
    body: bytes
    fetched_at: datetime


def fresh_robots(session: Session, url: str, now: datetime, fresh_for: timedelta = ROBOTS_FRESH_FOR) -> CachedRobots | None:
    """The stored copy of `url` (…/robots.txt) if it was fetched less than `fresh_for` before `now`."""
    row = session.get(RobotsTxt, url)
    if row is None or not (now - fresh_for < row.fetched_at <= now + timedelta(minutes=5)):
        return None
    return CachedRobots(row.url, row.status, bytes(row.body), row.fetched_at)


def save_robots(session: Session, url: str, status: int, body: bytes, now: datetime) -> None:
    row = session.get(RobotsTxt, url)
    if row is None:
        session.add(RobotsTxt(url=url, status=status, body=body, fetched_at=now))
    else:
        row.status, row.body, row.fetched_at = status, body, now
