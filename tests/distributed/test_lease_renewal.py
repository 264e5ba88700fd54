"""A crawl child keeps its leases alive, and stops when one of them is taken over."""

from __future__ import annotations

from datetime import timedelta

from crawler.distributed.lease_renewal import LeaseKeeper
from db import leases
from db.engine import make_engine, make_session_factory
from db.migrate import upgrade


def test_renewal_extends_the_leases_and_reports_a_lost_one_once(database_url: str) -> None:
    upgrade(database_url)
    engine = make_engine(database_url)
    sessions = make_session_factory(engine)
    try:
        for name in ("source:a-b-c", "host:h"):
            assert leases.try_acquire(sessions, name, "crawl-1", timedelta(seconds=20)) is None
        before = leases.holder(sessions, "host:h").expires_at
        lost: list[list[str]] = []
        keeper = LeaseKeeper(sessions, ["source:a-b-c", "host:h"], "crawl-1", ttl=600, on_lost=lost.append)
        assert keeper.renew_once() == [] and leases.holder(sessions, "host:h").expires_at > before + timedelta(seconds=500)
        # The lease lapsed (say the database was unreachable for longer than its TTL) and another crawl took it.
        leases.release(sessions, "host:h", "crawl-1")
        assert leases.try_acquire(sessions, "host:h", "crawl-2", timedelta(seconds=20)) is None
        assert keeper.renew_once() == ["host:h"]
        keeper.renew_once()
        assert lost == [["host:h"]]
        assert leases.holder(sessions, "host:h").owner == "crawl-2"
    finally:
        engine.dispose()
