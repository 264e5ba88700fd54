"""The daemon's lifecycle: one instance per database, clean stop on SIGTERM/SIGINT, crash recovery."""

from __future__ import annotations

import logging
import os
import signal
import socket
import threading
import time
import uuid
from datetime import timedelta
from typing import Any

from apscheduler.executors.pool import ThreadPoolExecutor
from apscheduler.jobstores.sqlalchemy import SQLAlchemyJobStore
from sqlalchemy import Engine

import scheduler as jobs
from crawler.alerts.delivery import dispatch_pending
from crawler.alerts.rules import load_setup
from crawler.config import Settings
from crawler.config.catalog import CatalogSource
from crawler.config.timetable import load_schedule_config
from crawler.digest.config import load_digest_config
from crawler.digest.send import send_due_digests
from crawler.distributed.leader import make_leader
from crawler.distributed.leadership import LeaderLock, take_leadership, wait_for_leadership
from crawler.notify.unrecorded import UnrecordedSends
from crawler.run import process_leases
from crawler.run.runner import CrawlRunner
from crawler.run.stoppable_scheduler import StoppableScheduler
from crawler.util.shown_time import shown
from db import leases
from db.engine import make_session_factory
from db.models import SchedulerEvent
from db.repository import mark_stale_runs_interrupted
from db.timeutil import utcnow

logger = logging.getLogger("newswatch.daemon")
DAEMON_LEASE = "daemon"
# The lease outlives a few missed heartbeats; a daemon killed on another host is replaced after this.
DAEMON_LEASE_TTL = timedelta(seconds=jobs.HEARTBEAT_SECONDS * 4)
_current: Daemon | None = None


class DaemonAlreadyRunning(Exception):
    pass


def current_daemon() -> Daemon:
    if _current is None:
        raise RuntimeError("no newswatch daemon is running in this process")
    return _current


class Daemon:
    def __init__(self, settings: Settings, catalog: dict[str, CatalogSource], engine: Engine, politeness_scale: float,
                 stop_grace: float = 60.0, standby: bool = False) -> None:
        self.settings = settings
        self.catalog = catalog
        self.engine = engine
        self.sessions = make_session_factory(engine)
        # Cross-check the alert and digest configuration now: a mistake should stop the start, not a 3 a.m. job.
        load_digest_config(settings, load_setup(settings).config)
        self.schedule = load_schedule_config(settings.config.schedule, settings.timezone, settings.config.digest.time)
        self.stop_grace = stop_grace
        self.host, self.pid = socket.gethostname(), os.getpid()
        self.owner = f"daemon:{self.host}:{self.pid}:{uuid.uuid4().hex[:8]}"
        self.runner = CrawlRunner(settings, engine, trigger="schedule", politeness_scale=politeness_scale)
        self.standby = standby
        self.leader_lock = LeaderLock(engine)
        # Distributed mode: crawls are enqueued for `newswatch worker` processes instead of run here.
        self.leader = make_leader(settings, self.sessions, self.owner)
        self.stopped = threading.Event()
        self.scheduler = StoppableScheduler(
            self.stopped,
            timezone=self.schedule.timezone,
            jobstores={"default": SQLAlchemyJobStore(engine=engine)},
            executors={"default": self.leader.executor() if self.leader else
                       ThreadPoolExecutor(max(2, settings.parallel_crawls + 1))},
            job_defaults={"coalesce": True, "max_instances": 1},
        )
        # Sends whose record a full database refused: written before anything else is sent (no double sends).
        self.unrecorded = UnrecordedSends()
        self._running_crawls = 0
        self._crawls_lock = threading.Lock()

    # --- start-up -------------------------------------------------------------------------------
    def claim(self) -> None:
        """Take the single-daemon lease (and, on PostgreSQL, the leader lock), or explain who holds it; a dead
        holder on this host is replaced."""
        held = take_leadership(self.leader_lock, self.sessions, DAEMON_LEASE, self.owner, DAEMON_LEASE_TTL)
        if held:
            since = shown(held.acquired_at, self.settings.timezone)
            raise DaemonAlreadyRunning(
                f"another newswatch daemon is running on this database: host {held.host}, pid {held.pid}, since {since}"
            )

    def recover(self) -> None:
        busy = self._sources_of(process_leases.live_leases(self.sessions, "source:"))
        stale = [s for s in self.catalog if s not in busy]
        with self.sessions.begin() as session:
            count = mark_stale_runs_interrupted(session, stale)
        if count:
            logger.warning("marked %d crawl run(s) left running by a killed process as interrupted", count)

    @staticmethod
    def _sources_of(holders: list[leases.LeaseHolder]) -> set[str]:
        # Owner tokens end with ":<source id>" (see CrawlRunner.run_one).
        return {h.owner.rsplit(":", 1)[-1] for h in holders}

    def run(self) -> None:
        global _current
        if not self.standby:
            self.claim()
        else:
            # A standby (--standby) waits for the leader to go away instead of refusing to start.
            for signum in (signal.SIGTERM, signal.SIGINT):
                signal.signal(signum, self._on_signal)
            poll = self.leader.config.standby_poll_seconds if self.leader else 2.0
            if not wait_for_leadership(self.claim, DaemonAlreadyRunning, self.stopped, poll):
                logger.info("daemon stopped (it was a standby)")
                return
        _current = self
        try:
            self.recover()
            specs = jobs.desired_jobs(list(self.catalog.values()), self.schedule, with_digest=True)
            specs += self.leader.job_specs(self.schedule.timezone) if self.leader else []
            jobs.reconcile_when_started(self.scheduler, specs, self._log_reconcile)
            jobs.listen_for_failures(self.scheduler, self._record_event)
            for signum in (signal.SIGTERM, signal.SIGINT):
                signal.signal(signum, self._on_signal)
            mode = f", distributed: queue {self.leader.config.queue}" if self.leader else ""
            logger.info("daemon started (pid %d, timezone %s%s)", self.pid, self.schedule.timezone, mode)
            self.scheduler.start(paused=True)
        finally:
            leases.release(self.sessions, DAEMON_LEASE, self.owner)
            self.leader_lock.release()
            _current = None
            logger.info("daemon stopped")

    def _log_reconcile(self, report: dict[str, list[str]]) -> None:
        logger.info("jobs reconciled: %s", ", ".join(f"{k} {len(v)}" for k, v in report.items()))
        for kind in ("added", "changed", "removed"):
            for job_id in report[kind]:
                logger.info("job %s %s", job_id, kind)

    def _record_event(self, job_id: str, kind: str, message: str) -> None:
        with self.sessions.begin() as session:
            session.add(SchedulerEvent(job_id=job_id, kind=kind, message=message))

    # --- stopping -------------------------------------------------------------------------------
    def _on_signal(self, signum: int, _frame: Any) -> None:
        if self.stopped.is_set():
            return
        self.stopped.set()
        if _current is not self:
            return  # a standby still waiting: wait_for_leadership sees `stopped` and returns
        logger.info("received %s: no new jobs; letting running crawls finish (up to %.0f s)",
                    signal.Signals(signum).name, self.stop_grace)
        threading.Thread(target=self._stop, name="newswatch-stop", daemon=True).start()

    def _stop(self) -> None:
        self.scheduler.pause()
        deadline = time.monotonic() + self.stop_grace
        while self._running() and time.monotonic() < deadline:
            time.sleep(0.2)
        if self._running():
            logger.warning("grace period over: stopping %d running crawl(s)", self._running())
            self.runner.stop()
        self.scheduler.shutdown(wait=True)

    def _running(self) -> int:
        with self._crawls_lock:
            return self._running_crawls

    # --- job bodies -----------------------------------------------------------------------------
    def crawl(self, source_id: str) -> None:
        source = self.catalog.get(source_id)
        if source is None or self.stopped.is_set():
            return
        if self.leader is not None:
            self.leader.enqueue_scheduled(source_id)
            return
        with self._crawls_lock:
            self._running_crawls += 1
        try:
            result = self.runner.run_one(source)
        finally:
            with self._crawls_lock:
                self._running_crawls -= 1
        c = result.counts
        line = (f"crawl {source_id}: {result.outcome}: {c.get('entries_seen', 0)} entries, {c.get('new', 0)} new, "
                f"{c.get('changed', 0)} changed, {c.get('errors', 0)} errors in {result.duration:.1f}s")
        level = logging.INFO if result.outcome in ("ok", "skipped") else logging.WARNING
        logger.log(level, "%s%s", line, "" if result.outcome == "ok" else f" ({result.message})")

    def send_due_digests(self) -> None:
        for line in send_due_digests(self.settings, self.engine, utcnow(), unrecorded=self.unrecorded):
            logger.info("digest: %s", line)

    def alerts_cycle(self) -> None:
        """Send pending alerts (and retry failed ones), then any digest that is due but unsent."""
        report = dispatch_pending(self.settings, self.engine, utcnow(), unrecorded=self.unrecorded)
        for line in report.lines:
            logger.info("alerts: %s", line)
        self.send_due_digests()

    def heartbeat(self) -> None:
        if not self.leader_lock.held() or not leases.renew(self.sessions, DAEMON_LEASE, self.owner, DAEMON_LEASE_TTL):
            logger.error("lost the daemon lease; stopping so that two daemons never run at once")
            self._on_signal(signal.SIGTERM, None)
