"""Leader election: the PostgreSQL advisory lock, the daemon lease, and a standby's wait."""

from __future__ import annotations

import threading
from datetime import timedelta

from sqlalchemy import text

from crawler.distributed.leadership import LeaderLock, take_leadership, wait_for_leadership
from db import leases
from db.engine import make_engine, make_session_factory
from db.migrate import upgrade

TTL = timedelta(minutes=1)


def test_one_leader_per_database_and_a_dead_session_frees_the_lock(pg_url: str) -> None:
    upgrade(pg_url)
    first, second = make_engine(pg_url), make_engine(pg_url)
    sessions = make_session_factory(first)
    try:
        a, b = LeaderLock(first), LeaderLock(second)
        assert take_leadership(a, sessions, "daemon", "a", TTL) is None
        held = take_leadership(b, sessions, "daemon", "b", TTL)
        assert held is not None and held.owner == "a"
        assert a.held()
        # The leader's database session dies (its machine is gone): PostgreSQL frees the lock at once,
        # and the lease it left behind, unexpired, is taken over without waiting for its TTL.
        leader_session = a._connection.execute(text("SELECT pg_backend_pid()")).scalar()  # type: ignore[union-attr]
        with second.connect() as conn:
            conn.execute(text("SELECT pg_terminate_backend(:pid)"), {"pid": leader_session})
        assert not a.held()
        assert take_leadership(b, sessions, "daemon", "b", TTL) is None
        assert leases.holder(sessions, "daemon").owner == "b"
        b.release()
    finally:
        first.dispose()
        second.dispose()


def test_sqlite_has_no_lock_and_the_lease_decides(sqlite_url: str) -> None:
    upgrade(sqlite_url)
    engine = make_engine(sqlite_url)
    sessions = make_session_factory(engine)
    lock = LeaderLock(engine)
    assert not lock.enforced and lock.acquire() and lock.held()
    assert take_leadership(lock, sessions, "daemon", "a", TTL) is None
    assert take_leadership(LeaderLock(engine), sessions, "daemon", "b", TTL).owner == "a"
    engine.dispose()


def test_a_standby_claims_once_the_leader_is_gone_or_stops_waiting() -> None:
    class Busy(Exception):
        pass

    attempts = []

    def claim() -> None:
        attempts.append(1)
        if len(attempts) < 3:
            raise Busy("the daemon on host h pid 1 leads")

    stopped = threading.Event()
    assert wait_for_leadership(claim, Busy, stopped, poll=0) is True and len(attempts) == 3
    stopped.set()
    assert wait_for_leadership(claim, Busy, stopped, poll=0) is False
