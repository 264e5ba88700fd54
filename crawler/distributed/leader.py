"""The leading daemon in distributed mode: scheduled crawls become outbox rows and queue jobs, never crawls."""

from __future__ import annotations

import contextvars
import logging
from concurrent.futures import Future
from datetime import datetime, tzinfo
from typing import Any

from apscheduler.executors.base import run_job
from apscheduler.executors.pool import ThreadPoolExecutor
from apscheduler.job import Job
from apscheduler.triggers.interval import IntervalTrigger
from sqlalchemy.orm import Session, sessionmaker

from crawler.config import Settings
from crawler.distributed.broker import Broker
from crawler.distributed.config import DistributedConfig, load_distributed_config
from crawler.distributed.enqueue import Dispatcher, scheduled_key
from crawler.distributed.reconcile import Reconciler
from crawler.distributed.worker import job_timeout
from db.timeutil import utcnow
from scheduler import JobSpec

logger = logging.getLogger("newswatch.daemon")
RECONCILE_JOB = "housekeeping:dispatch"
# The run time the executing job stands for; set by ScheduledTimeExecutor, read by Leader.enqueue_scheduled.
SCHEDULED_FOR: contextvars.ContextVar[datetime | None] = contextvars.ContextVar("scheduled_for", default=None)


class ScheduledTimeExecutor(ThreadPoolExecutor):
    """APScheduler's thread pool, telling each job which scheduled run it executes.

    That run time is the request's stable key: a standby that takes over before the old leader stored
    the job's next run time fires the same run again, and the outbox then finds the key already there.
    """

    def _do_submit_job(self, job: Job, run_times: list[datetime]) -> None:
        context = contextvars.copy_context()
        context.run(SCHEDULED_FOR.set, run_times[-1])  # coalesced: the latest missed run stands for all
        future = self._pool.submit(context.run, run_job, job, job._jobstore_alias, run_times, self._logger.name)
        future.add_done_callback(lambda done: self._finished(job.id, done))

    def _finished(self, job_id: str, future: Future[Any]) -> None:
        exc = future.exception()
        if exc is not None:
            self._run_job_error(job_id, exc, exc.__traceback__)
        else:
            self._run_job_success(job_id, future.result())


class Leader:
    def __init__(self, settings: Settings, config: DistributedConfig, sessions: sessionmaker[Session], owner: str) -> None:
        self.config = config
        self.broker = Broker(config, job_timeout(settings))
        self.dispatcher = Dispatcher(sessions, self.broker, requested_by=owner, max_retries=config.max_retries)
        self.reconciler = Reconciler(sessions, self.dispatcher, self.broker)

    def enqueue_scheduled(self, source_id: str) -> None:
        scheduled = SCHEDULED_FOR.get() or utcnow()
        request_id = self.dispatcher.submit(source_id, "schedule", scheduled_key(source_id, scheduled))
        if request_id is None:
            logger.info("crawl %s (scheduled %s): already requested or pending; not enqueued again", source_id,
                        scheduled.isoformat(timespec="seconds"))
        else:
            logger.info("crawl %s: enqueued as request %d on queue %s", source_id, request_id, self.config.queue)

    def executor(self) -> ScheduledTimeExecutor:
        # Jobs only write a row and push to Redis here: a few threads are plenty, however many sources.
        return ScheduledTimeExecutor(4)

    def job_specs(self, timezone: tzinfo | str) -> list[JobSpec]:
        trigger = IntervalTrigger(seconds=self.config.reconcile_seconds, timezone=timezone)
        grace = max(1, int(self.config.reconcile_seconds))
        return [JobSpec(RECONCILE_JOB, "crawler.distributed.leader:reconcile_job", trigger, {}, grace)]


def make_leader(settings: Settings, sessions: sessionmaker[Session], owner: str) -> Leader | None:
    """The daemon's distributed side, or None in local mode (no `distributed` configuration)."""
    config = load_distributed_config(settings)
    return Leader(settings, config, sessions, owner) if config is not None else None


def reconcile_job() -> None:
    """The leader's periodic job (module-level and importable, for the persistent job store)."""
    from crawler.run.daemon import current_daemon

    leader = current_daemon().leader
    if leader is not None:
        leader.reconciler.run_once()
