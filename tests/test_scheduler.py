"""Scheduler jobs: stable ids, triggers from the configuration, reconcile, coalescing of missed runs."""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from apscheduler.schedulers.background import BackgroundScheduler
from apscheduler.triggers.cron import CronTrigger
from apscheduler.triggers.interval import IntervalTrigger

import scheduler as jobs
from crawler.config import ConfigError
from crawler.config.catalog import load_catalog
from crawler.config.settings import validate_config
from crawler.config.timetable import load_schedule_config

SHANGHAI = ZoneInfo("Asia/Shanghai")


@pytest.fixture
def catalog():
    return load_catalog()


def _config(raw: dict | None = None, digest_time: str = "08:00"):
    return load_schedule_config(validate_config({"schedule": raw or {}}).schedule, "Asia/Shanghai", digest_time)


def test_job_ids_and_options(catalog) -> None:
    specs = jobs.desired_jobs(list(catalog.values()), _config(), with_digest=True)
    ids = [s.id for s in specs]
    assert {"crawl:zj-kjt-notices", "digest:daily", "alerts:cycle", "housekeeping:heartbeat"} <= set(ids)
    assert len(ids) == len(set(ids))
    crawl = next(s for s in specs if s.id == "crawl:zj-kjt-notices")
    assert crawl.func == "scheduler:crawl_job" and crawl.kwargs == {"source_id": "zj-kjt-notices"}
    assert isinstance(crawl.trigger, IntervalTrigger) and crawl.trigger.interval == timedelta(minutes=60)
    # Jitter is bounded by a tenth of the interval.
    assert crawl.trigger.jitter == 120


def test_digest_fires_at_configured_local_time(catalog) -> None:
    specs = jobs.desired_jobs(list(catalog.values()), _config(digest_time="07:30"), with_digest=True)
    digest = next(s for s in specs if s.id == "digest:daily")
    assert isinstance(digest.trigger, CronTrigger)
    now = datetime(2026, 11, 23, 9, 0, tzinfo=SHANGHAI)
    assert digest.trigger.get_next_fire_time(None, now) == datetime(2026, 11, 24, 7, 30, tzinfo=SHANGHAI)


def test_per_source_overrides_and_disabled(catalog) -> None:
    config = _config({"sources": {"zj-kjt-notices": {"every_seconds": 5}, "zj-mpa-notices": {"cron": "15 */2 * * *"}},
                      "disabled": ["zj-kjt-policy"]})
    specs = {s.id: s for s in jobs.desired_jobs(list(catalog.values()), config, with_digest=False)}
    assert "crawl:zj-kjt-policy" not in specs
    assert specs["crawl:zj-kjt-notices"].trigger.interval == timedelta(seconds=5)
    cron = specs["crawl:zj-mpa-notices"].trigger
    now = datetime(2026, 11, 23, 9, 0, tzinfo=SHANGHAI)
    assert cron.get_next_fire_time(None, now) == datetime(2026, 11, 23, 10, 15, tzinfo=SHANGHAI)


@pytest.mark.parametrize("raw, message", [
    ({"every": 5}, "schedule.every: unknown key"),
    ({"timezone": "Mars/Base"}, "schedule.timezone: unknown time zone 'Mars/Base'"),
    ({"digest_time": "07:30"}, "schedule: digest_time moved to the digest section"),
    ({"jiter_seconds": 5}, "schedule.jiter_seconds: unknown key"),
    ({"jitter_seconds": "soon"}, "schedule.jitter_seconds: Input should be a valid integer"),
    ({"sources": {"zj-kjt-notices": {"cron": "61 25 * * 9"}}}, "schedule.sources.zj-kjt-notices: not a cron expression"),
    ({"sources": {"zj-kjt-notices": {"cron": "every tuesday"}}}, "schedule.sources.zj-kjt-notices: not a cron expression"),
    ({"sources": {"zj-kjt-notices": {"cron": "0 8 31 2 *"}}}, "never fires"),
    ({"sources": {"zj-kjt-notices": {"cron": "0 8 * * *", "every_seconds": 60}}}, "either cron or every_seconds"),
])
def test_bad_schedule_config_names_the_key(raw: dict, message: str) -> None:
    with pytest.raises(ConfigError) as raised:
        _config(raw)
    assert message in str(raised.value)


def test_reconcile_adds_changes_removes_and_keeps(catalog) -> None:
    sched = BackgroundScheduler(timezone=SHANGHAI)
    sched.start(paused=True)
    try:
        sources = list(catalog.values())
        first = jobs.reconcile(sched, jobs.desired_jobs(sources, _config(), with_digest=False))
        assert sorted(first["added"]) == sorted([f"crawl:{s.id}" for s in sources] + ["housekeeping:heartbeat"])
        kept_time = sched.get_job("crawl:zj-mpa-notices").next_run_time
        config = _config({"sources": {"zj-kjt-notices": {"every_seconds": 30}}, "disabled": ["zj-kjt-policy"]})
        second = jobs.reconcile(sched, jobs.desired_jobs(sources, config, with_digest=True))
        assert second["changed"] == ["crawl:zj-kjt-notices"]
        assert second["removed"] == ["crawl:zj-kjt-policy"]
        assert second["added"] == ["digest:daily", "alerts:cycle"]
        assert "crawl:zj-mpa-notices" in second["kept"]
        # An unchanged job keeps its next run time (a missed run is not lost by a restart).
        assert sched.get_job("crawl:zj-mpa-notices").next_run_time == kept_time
        job = sched.get_job("crawl:zj-kjt-notices")
        assert job.trigger.interval == timedelta(seconds=30)
        assert job.coalesce is True and job.max_instances == 1 and job.misfire_grace_time is None
    finally:
        sched.shutdown(wait=False)
