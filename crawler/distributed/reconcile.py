"""The leader's reconciler: the outbox is the truth, the broker only a copy that may be lost or outlived.

Every pass: a pending request whose job the broker no longer holds (Redis restarted, or the push never
happened) is pushed again; a started request whose crawl holds no live lease (its worker or machine
died) is retried, or given up after max_retries; crawl runs left `running` by a dead crawl are marked
interrupted. A started request is only retried when two passes in a row found it without a lease, so
the instant between a crawl releasing its leases and its worker recording the end is never mistaken
for a death.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from redis.exceptions import RedisError
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from crawler.distributed.broker import LIVE_STATES, Broker
from crawler.distributed.enqueue import Dispatcher
from crawler.run import process_leases
from db.crawl_requests import open_requests
from db.models import CrawlRequest, CrawlRun
from db.repository import mark_stale_runs_interrupted
from db.timeutil import utcnow

logger = logging.getLogger("newswatch.distributed")
# A request pushed or claimed this recently is left alone: its push or its lease may be in flight.
GRACE = timedelta(seconds=10)


@dataclass
class ReconcileReport:
    pushed: list[int] = field(default_factory=list)
    retried: list[int] = field(default_factory=list)
    failed: list[int] = field(default_factory=list)
    interrupted_runs: int = 0
    broker_error: str | None = None

    def __bool__(self) -> bool:
        return bool(self.pushed or self.retried or self.failed or self.interrupted_runs or self.broker_error)


class Reconciler:
    def __init__(self, sessions: sessionmaker[Session], dispatcher: Dispatcher, broker: Broker,
                 clock: Callable[[], datetime] = utcnow, grace: timedelta = GRACE) -> None:
        self.sessions = sessions
        self.dispatcher = dispatcher
        self.broker = broker
        self.clock = clock
        self.grace = grace
        self._suspects: set[tuple[int, str]] = set()

    def run_once(self) -> ReconcileReport:
        now, report = self.clock(), ReconcileReport()
        with self.sessions() as session:
            requests = open_requests(session)
        live = process_leases.live_leases(self.sessions, "source:")
        live_owners = {holder.owner for holder in live}
        # A request just added is pushed by its dispatcher a moment later: only older ones can be lost.
        pending = [r for r in requests if r.status == "pending" and not self._recent(r.enqueued_at or r.created_at, now)]
        try:
            states = self.broker.job_states([r.job_id for r in pending if r.job_id])
            for request in pending:
                if states.get(request.job_id or "") not in LIVE_STATES and self.dispatcher.push(request.id, request.source_id):
                    report.pushed.append(request.id)
        except RedisError as exc:
            report.broker_error = str(exc)
            logger.warning("reconciler: the broker is unreachable (%s); pending requests wait in the outbox", exc)
        self._check_started([r for r in requests if r.status == "started"], live_owners, now, report)
        # Owner tokens end with ":<source id>" (CrawlRunner.lease_owner).
        self._interrupt_orphan_runs({holder.owner.rsplit(":", 1)[-1] for holder in live}, now, report)
        if report:
            logger.info("reconciler: pushed %s, retried %s, failed %s, %d orphaned run(s) interrupted",
                        report.pushed, report.retried, report.failed, report.interrupted_runs)
        return report

    def _recent(self, moment: datetime | None, now: datetime) -> bool:
        return moment is not None and now - moment < self.grace

    def _check_started(self, started: list[CrawlRequest], live_owners: set[str], now: datetime,
                       report: ReconcileReport) -> None:
        suspects = set()
        for request in started:
            if request.owner in live_owners or self._recent(request.started_at, now):
                continue
            key = (request.id, request.owner)
            suspects.add(key)
            if key not in self._suspects:
                continue
            reason = f"worker {request.worker} was lost (its crawl holds no lease)"
            try:
                outcome = self.dispatcher.retry(request.id, request.source_id, request.owner, request.retries, reason)
            except RedisError as exc:
                report.broker_error = str(exc)
                continue
            if outcome == "retried":
                report.retried.append(request.id)
            elif outcome == "failed":
                report.failed.append(request.id)
        self._suspects = suspects

    def _interrupt_orphan_runs(self, busy_sources: set[str], now: datetime, report: ReconcileReport) -> None:
        with self.sessions.begin() as session:
            running = set(session.scalars(
                select(CrawlRun.source_id).where(CrawlRun.outcome == "running", CrawlRun.started_at < now - self.grace)
            ))
            orphaned = sorted(running - busy_sources)
            if orphaned:
                report.interrupted_runs = mark_stale_runs_interrupted(session, orphaned, started_before=now - self.grace)
