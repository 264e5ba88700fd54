"""A crawl's short leases are kept alive by its runner and its crawl child, which stops when one is taken over."""

from __future__ import annotations

from datetime import timedelta

import pytest

from crawler.config.catalog import CatalogSource
from crawler.run.lease_keeper import LeaseKeeper
from crawler.run.runner import CrawlResult, CrawlRunner
from db import leases
from db.engine import make_engine, make_session_factory
from db.migrate import upgrade
from db.timeutil import utcnow
from tests.daemonfixtures import wait_for
from tests.simfixtures import Crawler


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


def test_the_runner_keeps_short_leases_alive_until_its_crawl_child_renews_them(crawler: Crawler,
                                                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    """A crawl child slow to start (a loaded machine) must not let the leases lapse: the leader would take the crawl
    for lost, mark its run interrupted and start it again on another worker."""
    ttl = 0.6
    runner = CrawlRunner(crawler.settings, crawler.engine, politeness_scale=0.0, lease_ttl=ttl, probe=False)
    source = crawler.catalog["zj-mpa-inspections"]
    names = [f"source:{source.id}", f"host:{source.primary_host}"]
    seen: list[leases.LeaseHolder | None] = []

    def child_not_started_yet(crawled: CatalogSource, owner: str) -> CrawlResult:
        acquired = leases.holder(runner.sessions, names[0])
        assert acquired is not None and acquired.owner == owner
        wait_for(lambda: utcnow() > acquired.acquired_at + timedelta(seconds=4 * ttl), 30, "four lease lifetimes")
        seen.extend(leases.holder(runner.sessions, name) for name in names)
        return CrawlResult(crawled.id, "ok", "")

    monkeypatch.setattr(runner, "_crawl", child_not_started_yet)
    [result] = runner.run([source])
    assert result.outcome == "ok"
    assert [holder.owner if holder else None for holder in seen] == [runner.lease_owner(source)] * 2
    assert [leases.holder(runner.sessions, name) for name in names] == [None, None]  # released at the end
