"""The daemon as users run it: scheduled crawls, one instance only, clean stop, crash recovery."""

from __future__ import annotations

import signal
import time
from collections.abc import Iterator
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest
from apscheduler.jobstores.sqlalchemy import SQLAlchemyJobStore
from apscheduler.schedulers.blocking import BlockingScheduler
from sqlalchemy import func, select

from db.engine import make_session_factory
from db.models import ChangeEvent, CrawlRun, Item
from simulator.harness import SimClient
from tests.daemonfixtures import DaemonHarness, kill_recorded_crawls, wait_for

SOURCE = "zj-mpa-inspections"
OTHERS_OFF = ["zj-kjt-notices", "zj-kjt-policy", "zj-kjt-drafts", "zj-kjt-worknews-feed", "zj-mpa-notices",
              "zj-mpa-announcements", "js-mpa-notices", "js-kjt-notices", "sd-mpa-notices", "cn-most-notices",
              "cn-most-policy", "cn-nmpa-announcements", "gd-kjt-notices", "gd-mpa-gkmlpt", "ah-mpa-notices",
              "bj-kw-notices"]
INTERVAL = 4


@pytest.fixture
def harness(sim: SimClient, sqlite_url: str, tmp_path: Path) -> Iterator[DaemonHarness]:
    schedule = {"jitter_seconds": 0, "disabled": OTHERS_OFF, "sources": {SOURCE: {"every_seconds": INTERVAL}}}
    harness = DaemonHarness(tmp_path, sqlite_url, sim.base_url, schedule)
    yield harness
    harness.stop_all()


def stored(harness: DaemonHarness) -> list[str]:
    engine = harness.engine()
    with make_session_factory(engine)() as s:
        urls = list(s.scalars(select(Item.url).where(Item.source_id == SOURCE)))
    engine.dispose()
    return urls


def test_new_article_found_within_two_intervals_and_second_daemon_refused(sim: SimClient, harness: DaemonHarness) -> None:
    daemon = harness.start()
    wait_for(lambda: harness.runs(SOURCE, "ok") >= 1, 60, "the first scheduled crawl")
    article = sim.post(f"/_sim/sources/{SOURCE}/publish", {})
    published_at = time.monotonic()
    wait_for(lambda: article["url"] in stored(harness), 2 * INTERVAL + 30, "the new article to be stored")
    # Two intervals plus the crawl itself (a child process start-up is about two seconds here).
    assert time.monotonic() - published_at <= 2 * INTERVAL + 30

    second = harness.start()
    assert second.wait(timeout=60) == 2
    message = harness.log()
    assert "another newswatch daemon is running" in message and f"pid {daemon.pid}" in message and "since" in message
    assert daemon.poll() is None  # the first one is unaffected

    daemon.send_signal(signal.SIGTERM)
    assert daemon.wait(timeout=60) == 0
    assert "daemon stopped" in harness.log(0)
    assert harness.runs(SOURCE, "running") == 0


def test_sigterm_during_a_crawl_exits_cleanly(sim: SimClient, harness: DaemonHarness) -> None:
    sim.post(f"/_sim/sources/{SOURCE}/mode", {"mode": "slow", "delay": 1})
    daemon = harness.start()
    wait_for(lambda: harness.runs(SOURCE, "running") >= 1, 60, "a crawl to be running")
    wait_for(lambda: sim.requests_log()["by_source"][SOURCE]["detail"] >= 1, 60,
             "the crawl child to be in its (slow) article requests")
    daemon.send_signal(signal.SIGTERM)
    assert daemon.wait(timeout=90) == 0
    assert harness.runs(SOURCE, "running") == 0
    assert harness.runs(SOURCE, "interrupted") + harness.runs(SOURCE, "ok") >= 1
    assert "received SIGTERM" in harness.log(0)


def test_jobs_due_during_a_stop_are_not_run_and_log_no_error(sim: SimClient, harness: DaemonHarness) -> None:
    sim.post(f"/_sim/sources/{SOURCE}/mode", {"mode": "slow", "delay": 1})
    # The stop waits longer than the crawl interval for the (slow) running crawl: the crawl job falls due meanwhile.
    daemon = harness.start("--stop-grace", str(INTERVAL + 2))
    wait_for(lambda: harness.runs(SOURCE, "running") >= 1, 60, "a crawl to be running")
    daemon.send_signal(signal.SIGTERM)
    assert daemon.wait(timeout=90) == 0
    log = harness.log(0)
    assert "grace period over" in log and "daemon stopped" in log
    assert "Traceback" not in log and " ERROR " not in log, log
    assert harness.runs(SOURCE) == 1  # nothing started after the SIGTERM


def test_kill_9_during_crawl_then_restart_is_consistent(sim: SimClient, harness: DaemonHarness) -> None:
    sim.post(f"/_sim/sources/{SOURCE}/mode", {"mode": "slow", "delay": 0.05})
    daemon = harness.start()
    wait_for(lambda: len(stored(harness)) >= 10, 90, "some items stored")
    daemon.kill()
    daemon.wait(timeout=30)
    # The crawl child lives in its own session: kill it too, as a machine crash would.
    engine = harness.engine()
    with make_session_factory(engine)() as s:
        orphan = s.scalar(select(CrawlRun).where(CrawlRun.outcome == "running"))
    engine.dispose()
    kill_recorded_crawls(harness.database_url)
    sim.post(f"/_sim/sources/{SOURCE}/mode", {"mode": "ok"})
    restarted = harness.start()
    truth = {a["url"] for a in sim.truth(SOURCE)}
    wait_for(lambda: set(stored(harness)) == truth, 120, "every article stored after the restart")
    restarted.send_signal(signal.SIGTERM)
    assert restarted.wait(timeout=60) == 0
    engine = harness.engine()
    with make_session_factory(engine)() as s:
        assert s.scalar(select(func.count(Item.id))) == len(truth)
        new_events = s.scalar(select(func.count(ChangeEvent.id)).where(ChangeEvent.kind == "new"))
        assert new_events == len(truth)
        if orphan is not None:
            assert s.get(CrawlRun, orphan.id).outcome == "interrupted"
        assert s.scalar(select(func.count(CrawlRun.id)).where(CrawlRun.outcome == "running")) == 0
    engine.dispose()


def test_missed_runs_after_downtime_run_once(sim: SimClient, harness: DaemonHarness) -> None:
    harness.schedule["sources"][SOURCE] = {"every_seconds": 600}
    daemon = harness.start()
    wait_for(lambda: "jobs reconciled" in harness.log(0), 60, "the daemon to start")
    daemon.send_signal(signal.SIGTERM)
    assert daemon.wait(timeout=60) == 0
    assert harness.runs(SOURCE) == 0
    # Downtime: the job's next run is ten intervals in the past (a 100-minute outage).
    # (Edited through the job store itself: a running scheduler would move the time on at once.)
    store = SQLAlchemyJobStore(url=harness.database_url)
    store.start(BlockingScheduler(), "default")
    job = store.lookup_job(f"crawl:{SOURCE}")
    job.next_run_time -= timedelta(seconds=6000)
    store.update_job(job)
    store.shutdown()
    again = harness.start()
    wait_for(lambda: harness.runs(SOURCE, "ok") >= 1, 60, "the catch-up crawl")
    # The ten missed runs were coalesced into that one: the job's next run is a whole interval away (a
    # missed run still pending would be due now).
    wait_for(lambda: next_run(harness, f"crawl:{SOURCE}") > datetime.now(timezone.utc) + timedelta(seconds=500), 30,
             "the job's next run to be an interval away")
    again.send_signal(signal.SIGTERM)
    assert again.wait(timeout=60) == 0
    assert harness.runs(SOURCE) == 1
    log = harness.log(1)
    assert f"job crawl:{SOURCE} added" not in log and "kept 4" in log


def next_run(harness: DaemonHarness, job_id: str) -> datetime:
    store = SQLAlchemyJobStore(url=harness.database_url)
    store.start(BlockingScheduler(), "default")
    try:
        return store.lookup_job(job_id).next_run_time
    finally:
        store.shutdown()


def test_configuration_change_is_reconciled(sim: SimClient, harness: DaemonHarness) -> None:
    daemon = harness.start()
    wait_for(lambda: "jobs reconciled" in harness.log(0), 60, "the daemon to start")
    daemon.send_signal(signal.SIGTERM)
    assert daemon.wait(timeout=60) == 0
    harness.schedule["sources"][SOURCE] = {"every_seconds": 900}
    harness.schedule["disabled"] = [s for s in OTHERS_OFF if s != "zj-mpa-notices"] + [SOURCE]
    daemon = harness.start()
    wait_for(lambda: "jobs reconciled" in harness.log(1), 60, "the daemon to restart")
    log = harness.log(1)
    assert f"job crawl:{SOURCE} removed" in log and "job crawl:zj-mpa-notices added" in log
    daemon.send_signal(signal.SIGTERM)
    assert daemon.wait(timeout=60) == 0
