"""Putting crawls on the queue: an outbox row first (idempotent by key), then the broker job that carries it."""

from __future__ import annotations

import logging
import uuid
from collections import defaultdict
from collections.abc import Sequence
from datetime import UTC, datetime

from redis.exceptions import RedisError
from sqlalchemy.orm import Session, sessionmaker

from crawler.config.catalog import CatalogSource
from crawler.distributed.broker import Broker
from db.crawl_requests import NewRequest, add_request, finish, mark_pushed, requeue
from db.timeutil import utcnow

logger = logging.getLogger("newswatch.distributed")


def scheduled_key(source_id: str, scheduled_for: datetime) -> str:
    """The same scheduled run gets the same key on any daemon: whole seconds, since the job store keeps run
    times as floats and a round trip through it may move them by a microsecond."""
    return f"schedule:{source_id}:{round(scheduled_for.astimezone(UTC).timestamp())}"


def interleave_hosts(sources: Sequence[CatalogSource]) -> list[CatalogSource]:
    """One source per host in turn, busiest hosts first: a batch then keeps every worker on a different
    host for as long as possible, and the hosts that take longest start first."""
    by_host: dict[str, list[CatalogSource]] = defaultdict(list)
    for source in sources:
        by_host[source.primary_host].append(source)
    groups = sorted(by_host.values(), key=len, reverse=True)
    ordered: list[CatalogSource] = []
    for rank in range(max((len(g) for g in groups), default=0)):
        ordered.extend(group[rank] for group in groups if rank < len(group))
    return ordered


class Dispatcher:
    def __init__(self, sessions: sessionmaker[Session], broker: Broker, requested_by: str, max_retries: int) -> None:
        self.sessions = sessions
        self.broker = broker
        self.requested_by = requested_by
        self.max_retries = max_retries

    def submit(self, source_id: str, trigger: str, key: str) -> int | None:
        """Add a request and push it; None when the key exists or the source already has one pending."""
        with self.sessions.begin() as session:
            request_id = add_request(session, NewRequest(key, source_id, trigger, self.requested_by))
        if request_id is not None:
            self.push(request_id, source_id)
        return request_id

    def submit_batch(self, sources: Sequence[CatalogSource], trigger: str = "manual") -> dict[str, int | None]:
        """One-off crawls of these sources, ordered so that hosts alternate (interleave_hosts)."""
        batch = uuid.uuid4().hex[:12]
        return {s.id: self.submit(s.id, trigger, f"{trigger}:{batch}:{s.id}") for s in interleave_hosts(sources)}

    def push(self, request_id: int, source_id: str) -> bool:
        """Hand the request to the broker under a new job id; False (logged) if the broker is unreachable."""
        job_id = self.broker.new_job_id(request_id)
        # The outbox names the job before the broker holds it: a crash or a broker outage in between leaves
        # a pending request whose job is missing, which the leader's reconciler pushes again.
        with self.sessions.begin() as session:
            mark_pushed(session, request_id, job_id, utcnow())
        try:
            self.broker.push(request_id, job_id, f"crawl {source_id} (request {request_id})")
        except RedisError as exc:
            logger.warning("request %d (%s) waits in the outbox: the broker is unreachable (%s)", request_id, source_id, exc)
            return False
        return True

    def retry(self, request_id: int, source_id: str, owner: str, retries: int, reason: str) -> str:
        """A request whose crawl was lost: back on the queue, or given up after max_retries; returns which."""
        with self.sessions.begin() as session:
            if retries >= self.max_retries:
                finish(session, request_id, "failed", "lost", f"given up after {retries + 1} lost attempts: {reason}",
                       owner=owner)
                logger.error("request %d (%s) given up after %d lost attempts: %s", request_id, source_id, retries + 1, reason)
                return "failed"
            if not requeue(session, request_id, owner, reason, count_retry=True):
                return "unchanged"
        logger.warning("request %d (%s) retried: %s", request_id, source_id, reason)
        self.push(request_id, source_id)
        return "retried"

    def defer(self, request_id: int, source_id: str, owner: str, reason: str) -> None:
        """The crawl could not start (its source or host is busy, or the worker is stopping): queue it again."""
        with self.sessions.begin() as session:
            moved = requeue(session, request_id, owner, reason, count_retry=False)
        if moved:
            self.push(request_id, source_id)
