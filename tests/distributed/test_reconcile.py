"""The leader's reconciler: lost jobs pushed again, lost workers' requests retried then given up, orphaned runs ended."""

from __future__ import annotations

from datetime import datetime, timedelta

from crawler.distributed.enqueue import Dispatcher
from crawler.distributed.reconcile import Reconciler
from db import leases
from db.crawl_requests import claim, get_request
from db.models import CrawlRun
from db.repository import start_run
from db.timeutil import utcnow
from tests.distributed.fakes import MemoryBroker, catalog_database

SOURCE = "zj-mpa-notices"


class Clock:
    def __init__(self) -> None:
        self.now = utcnow()

    def __call__(self) -> datetime:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += timedelta(seconds=seconds)


def test_requests_lost_by_the_broker_are_pushed_again(database_url: str) -> None:
    broker, clock = MemoryBroker(), Clock()
    with catalog_database(database_url) as sessions:
        dispatcher = Dispatcher(sessions, broker, "test", max_retries=2)  # type: ignore[arg-type]
        reconciler = Reconciler(sessions, dispatcher, broker, clock=clock)  # type: ignore[arg-type]
        first = dispatcher.submit(SOURCE, "schedule", "schedule:x:1")
        assert reconciler.run_once().pushed == []  # still in the broker
        broker.lose_everything()
        clock.now = utcnow() + timedelta(seconds=1)
        assert reconciler.run_once().pushed == []  # pushed a moment ago: the push may still be in flight
        clock.now = utcnow() + timedelta(seconds=30)
        assert reconciler.run_once().pushed == [first]
        assert broker.pushed == [first, first]
        broker.reachable = False
        clock.advance(60)
        broker.lose_everything()
        assert reconciler.run_once().broker_error  # reported, not raised: the outbox keeps the request


def test_a_lost_worker_is_retried_on_the_second_look_then_given_up(database_url: str) -> None:
    broker, clock = MemoryBroker(), Clock()
    with catalog_database(database_url) as sessions:
        dispatcher = Dispatcher(sessions, broker, "test", max_retries=1)  # type: ignore[arg-type]
        reconciler = Reconciler(sessions, dispatcher, broker, clock=clock)  # type: ignore[arg-type]
        request_id = dispatcher.submit(SOURCE, "schedule", "schedule:x:1")
        assert request_id is not None

        def worker_takes_it(owner: str) -> None:
            with sessions.begin() as session:
                job_id = get_request(session, request_id).job_id
                assert claim(session, request_id, job_id, "w", owner, utcnow())
                start_run(session, SOURCE, "schedule", "host", None)

        worker_takes_it("worker-1:zj-mpa-notices")
        leases.try_acquire(sessions, f"source:{SOURCE}", "worker-1:zj-mpa-notices", timedelta(minutes=1), "elsewhere", 1)
        clock.advance(60)
        assert not reconciler.run_once()  # its crawl holds the source lease: alive
        leases.release(sessions, f"source:{SOURCE}", "worker-1:zj-mpa-notices")  # ... until its machine dies
        first_look = reconciler.run_once()
        assert first_look.retried == [] and first_look.interrupted_runs == 1
        assert reconciler.run_once().retried == [request_id]
        worker_takes_it("worker-2:zj-mpa-notices")
        clock.advance(60)
        reconciler.run_once()
        assert reconciler.run_once().failed == [request_id]
        with sessions() as session:
            row = get_request(session, request_id)
            assert (row.status, row.outcome, row.retries) == ("failed", "lost", 1)
            assert "given up after 2 lost attempts" in row.message
            assert {run.outcome for run in session.query(CrawlRun)} == {"interrupted"}
