"""Leases: one holder at a time, expiry frees a lease left by a killed process, release is owner-only."""

from __future__ import annotations

from datetime import timedelta

from db import leases
from db.engine import make_engine, make_session_factory
from db.migrate import upgrade


def test_lease_lifecycle(database_url: str) -> None:
    upgrade(database_url)
    engine = make_engine(database_url)
    sessions = make_session_factory(engine)
    assert leases.try_acquire(sessions, "source:a", "one", timedelta(minutes=5), "host1", 11) is None
    held = leases.try_acquire(sessions, "source:a", "two", timedelta(minutes=5), "host2", 22)
    assert held is not None and held.owner == "one" and held.pid == 11
    leases.release(sessions, "source:a", "two")  # not the owner: nothing happens
    assert leases.holder(sessions, "source:a").owner == "one"
    leases.release(sessions, "source:a", "one")
    assert leases.try_acquire(sessions, "source:a", "two", timedelta(minutes=5)) is None
    engine.dispose()


def test_expired_lease_is_taken_over(database_url: str) -> None:
    upgrade(database_url)
    engine = make_engine(database_url)
    sessions = make_session_factory(engine)
    assert leases.try_acquire(sessions, "daemon", "killed", timedelta(seconds=-1)) is None
    assert leases.holder(sessions, "daemon") is None
    assert leases.try_acquire(sessions, "daemon", "fresh", timedelta(minutes=1)) is None
    assert leases.holder(sessions, "daemon").owner == "fresh"
    engine.dispose()
