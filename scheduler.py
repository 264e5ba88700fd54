"""When things run: APScheduler jobs built from the configuration, reconciled at start-up.

Job ids are stable (`crawl:<source>`, `digest:daily`, `alerts:cycle`, `housekeeping:heartbeat`); jobs live in the
database's job store so that a restart keeps their next run times and missed runs are coalesced.
"""

from __future__ import annotations

import logging
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from apscheduler.events import EVENT_JOB_ERROR, EVENT_JOB_MISSED, EVENT_SCHEDULER_STARTED, JobExecutionEvent
from apscheduler.schedulers.base import BaseScheduler
from apscheduler.triggers.base import BaseTrigger
from apscheduler.triggers.cron import CronTrigger
from apscheduler.triggers.interval import IntervalTrigger

from crawler.config.catalog import CatalogSource
from crawler.config.timetable import ScheduleConfig

logger = logging.getLogger("newswatch.scheduler")

# Crawls that should have run while the daemon was down still run, once (coalesce), however late:
# a missed crawl is a missed chance to see a withdrawn or short-lived item.
CRAWL_MISFIRE_GRACE: int | None = None
HEARTBEAT_SECONDS = 15
ALERTS_CYCLE_SECONDS = 60


@dataclass(frozen=True)
class JobSpec:
    id: str
    func: str  # "module:function", importable, so the persistent job store can hold it
    trigger: BaseTrigger
    kwargs: dict[str, Any]
    misfire_grace_time: int | None

    @property
    def fingerprint(self) -> str:
        """Changes whenever the configuration of this job changes; stored as the job's name."""
        jitter = getattr(self.trigger, "jitter", None)
        return f"{self.id} {self.func} {self.trigger} jitter={jitter} {sorted(self.kwargs.items())} grace={self.misfire_grace_time}"


def _stable_offset(source_id: str, spread: int) -> int:
    return zlib.crc32(source_id.encode()) % max(1, spread)


def crawl_trigger(source: CatalogSource, config: ScheduleConfig) -> BaseTrigger:
    override = config.sources.get(source.id)
    every = (override.every_seconds if override else None) or (
        source.schedule.every_minutes * 60 if source.schedule.every_minutes else None
    )
    cron = (override.cron if override else None) or source.schedule.cron
    if cron and not (override and override.every_seconds):
        return CronTrigger.from_crontab(cron, timezone=config.timezone)
    every = every or config.default_every_seconds
    # Jitter spreads the hosts so that they are not all hit on the same second.
    jitter = min(config.jitter_seconds, every // 10) or None
    return IntervalTrigger(seconds=every, jitter=jitter, timezone=config.timezone)


def desired_jobs(sources: list[CatalogSource], config: ScheduleConfig, with_digest: bool) -> list[JobSpec]:
    jobs = [
        JobSpec(f"crawl:{s.id}", "scheduler:crawl_job", crawl_trigger(s, config), {"source_id": s.id}, CRAWL_MISFIRE_GRACE)
        for s in sources
        if s.id not in config.disabled
    ]
    if with_digest:
        hour, minute = config.digest_time
        trigger = CronTrigger(hour=hour, minute=minute, timezone=config.timezone)
        # The digest job itself sends every unsent past digest, so a late start still sends it once.
        jobs.append(JobSpec("digest:daily", "scheduler:digest_job", trigger, {}, None))
        # Alerts go out (and failed sends are retried with backoff) every minute; this also retries a
        # digest whose send failed at its hour, since the daily trigger fires only once.
        cycle = IntervalTrigger(seconds=ALERTS_CYCLE_SECONDS, timezone=config.timezone)
        jobs.append(JobSpec("alerts:cycle", "scheduler:alerts_job", cycle, {}, ALERTS_CYCLE_SECONDS))
    trigger = IntervalTrigger(seconds=HEARTBEAT_SECONDS, timezone=config.timezone)
    jobs.append(JobSpec("housekeeping:heartbeat", "scheduler:heartbeat_job", trigger, {}, HEARTBEAT_SECONDS))
    return jobs


def reconcile(scheduler: BaseScheduler, specs: list[JobSpec]) -> dict[str, list[str]]:
    """Make the job store match the configuration; unchanged jobs keep their next run time."""
    wanted = {spec.id: spec for spec in specs}
    existing = {job.id: job for job in scheduler.get_jobs()}
    report: dict[str, list[str]] = {"added": [], "changed": [], "removed": [], "kept": []}
    for job_id in sorted(set(existing) - set(wanted)):
        scheduler.remove_job(job_id)
        report["removed"].append(job_id)
    for job_id, spec in wanted.items():
        options = {"coalesce": True, "max_instances": 1, "misfire_grace_time": spec.misfire_grace_time}
        job = existing.get(job_id)
        if job is not None and job.name == spec.fingerprint:
            report["kept"].append(job_id)
            continue
        scheduler.add_job(spec.func, spec.trigger, id=job_id, name=spec.fingerprint, kwargs=spec.kwargs,
                          replace_existing=True, **options)
        report["changed" if job is not None else "added"].append(job_id)
    return report


def reconcile_when_started(scheduler: BaseScheduler, specs: list[JobSpec], on_report: Callable[[dict[str, list[str]]], None]) -> None:
    """Reconcile once the job store is open (the scheduler starts paused), then let jobs run."""

    def started(_event: Any) -> None:
        on_report(reconcile(scheduler, specs))
        scheduler.resume()

    scheduler.add_listener(started, EVENT_SCHEDULER_STARTED)


def listen_for_failures(scheduler: BaseScheduler, record: Callable[[str, str, str], None]) -> None:
    def on_event(event: JobExecutionEvent) -> None:
        if event.code == EVENT_JOB_MISSED:
            message = f"missed its run time {event.scheduled_run_time.isoformat()}"
            logger.warning("job %s %s", event.job_id, message)
            record(event.job_id, "missed", message)
        else:
            message = f"failed: {event.exception!r}"
            logger.error("job %s %s", event.job_id, message)
            record(event.job_id, "error", message)

    scheduler.add_listener(on_event, EVENT_JOB_ERROR | EVENT_JOB_MISSED)


# Job functions: module-level and importable; they act through the running daemon.
def crawl_job(source_id: str) -> None:
    from crawler.run.daemon import current_daemon

    current_daemon().crawl(source_id)


def digest_job() -> None:
    from crawler.run.daemon import current_daemon

    current_daemon().send_due_digests()


def alerts_job() -> None:
    from crawler.run.daemon import current_daemon

    current_daemon().alerts_cycle()


def heartbeat_job() -> None:
    from crawler.run.daemon import current_daemon

    current_daemon().heartbeat()
