"""Named leases with an owner and an expiry: a lock that works on SQLite and PostgreSQL alike.

A lease held by a process that was killed simply expires; the holder renews it while it works.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import delete, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, sessionmaker

from db.models import Lease
from db.timeutil import utcnow


@dataclass(frozen=True)
class LeaseHolder:
    owner: str
    host: str
    pid: int | None
    acquired_at: datetime
    expires_at: datetime


def try_acquire(
    sessions: sessionmaker[Session], name: str, owner: str, ttl: timedelta, host: str = "", pid: int | None = None
) -> LeaseHolder | None:
    """Take the lease if it is free, expired or already ours; otherwise return who holds it."""
    now = utcnow()
    values = {"owner": owner, "host": host, "pid": pid, "acquired_at": now, "expires_at": now + ttl}
    with sessions.begin() as session:
        taken = session.execute(
            update(Lease)
            .where(Lease.name == name, (Lease.expires_at < now) | (Lease.owner == owner))
            .values(**values)
        ).rowcount
    if taken:
        return None
    try:
        with sessions.begin() as session:
            session.add(Lease(name=name, **values))
        return None
    except IntegrityError:
        return holder(sessions, name)


def holder(sessions: sessionmaker[Session], name: str) -> LeaseHolder | None:
    with sessions() as session:
        lease = session.get(Lease, name)
        if lease is None or lease.expires_at < utcnow():
            return None
        return LeaseHolder(lease.owner, lease.host, lease.pid, lease.acquired_at, lease.expires_at)


def renew(sessions: sessionmaker[Session], name: str, owner: str, ttl: timedelta) -> bool:
    with sessions.begin() as session:
        result = session.execute(
            update(Lease).where(Lease.name == name, Lease.owner == owner).values(expires_at=utcnow() + ttl)
        )
        return bool(result.rowcount)


def release(sessions: sessionmaker[Session], name: str, owner: str) -> None:
    with sessions.begin() as session:
        session.execute(delete(Lease).where(Lease.name == name, Lease.owner == owner))


def active_leases(sessions: sessionmaker[Session], prefix: str = "") -> list[Lease]:
    with sessions() as session:
        query = select(Lease).where(Lease.expires_at >= utcnow(), Lease.name.startswith(prefix)).order_by(Lease.name)
        return list(session.scalars(query))


def set_pid(sessions: sessionmaker[Session], name: str, owner: str, pid: int) -> None:
    """Point the lease at the process doing the work (a crawl child), so liveness follows that process."""
    with sessions.begin() as session:
        session.execute(update(Lease).where(Lease.name == name, Lease.owner == owner).values(pid=pid))
