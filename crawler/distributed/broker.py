"""The broker: one RQ queue on Redis whose jobs carry only a crawl-request id; the database keeps everything else."""

from __future__ import annotations

import re
import uuid
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from redis import Redis
from rq import Queue, SimpleWorker
from rq.job import Job
from rq.registry import FailedJobRegistry, StartedJobRegistry

from crawler.distributed.config import DistributedConfig

TASK = "crawler.distributed.tasks.run_crawl_request"
# Job states in which the broker still holds the job and some worker will (or does) run it.
LIVE_STATES = {"queued", "started", "scheduled", "deferred", "rate_limited", "created"}
# Finished jobs are only kept for `rq info` and debugging: the outcome lives in the outbox.
RESULT_TTL = 3600
FAILURE_TTL = 7 * 24 * 3600


@dataclass(frozen=True)
class WorkerInfo:
    name: str
    host: str
    pid: int | None
    state: str
    current_job: str | None
    last_heartbeat: datetime | None
    jobs_done: int
    jobs_failed: int


class Broker:
    def __init__(self, config: DistributedConfig, job_timeout: int, connection: Redis | None = None) -> None:
        self.config = config
        self.job_timeout = job_timeout
        # Calls from the daemon and the CLI must not hang on a stuck Redis; the worker's own blocking
        # dequeue uses a connection RQ tunes itself (worker_connection).
        self.redis = connection or Redis.from_url(config.redis_url, socket_connect_timeout=5, socket_timeout=10)
        self.queue = Queue(config.queue, connection=self.redis, default_timeout=job_timeout)
        self._id_prefix = "nw-" + re.sub(r"[^A-Za-z0-9_-]", "_", config.queue)

    def worker_connection(self) -> Redis:
        return Redis.from_url(self.config.redis_url, socket_connect_timeout=5)

    def new_job_id(self, request_id: int) -> str:
        """A fresh id per push: a stale copy of an earlier push can never claim the request (see claim())."""
        return f"{self._id_prefix}-{request_id}-{uuid.uuid4().hex[:10]}"

    def push(self, request_id: int, job_id: str, description: str) -> None:
        self.queue.enqueue_call(
            TASK, args=(request_id,), job_id=job_id, timeout=self.job_timeout, result_ttl=RESULT_TTL,
            failure_ttl=FAILURE_TTL, description=description,
        )

    def job_states(self, job_ids: list[str]) -> dict[str, str | None]:
        """Each job's RQ status, None for a job the broker does not hold (lost in a restart, or expired)."""
        if not job_ids:
            return {}
        jobs = Job.fetch_many(job_ids, connection=self.redis)
        return {job_id: (str(job.get_status(refresh=False).value) if job else None) for job_id, job in zip(job_ids, jobs, strict=True)}

    def depth(self) -> dict[str, int]:
        return {
            "queued": self.queue.count,
            "started": StartedJobRegistry(queue=self.queue).count,
            "failed": FailedJobRegistry(queue=self.queue).count,
        }

    def workers(self) -> list[WorkerInfo]:
        found = []
        for worker in SimpleWorker.all(queue=self.queue):
            found.append(WorkerInfo(
                name=worker.name, host=worker.hostname or "", pid=worker.pid, state=str(worker.get_state()),
                current_job=worker.get_current_job_id(), last_heartbeat=worker.last_heartbeat,
                jobs_done=worker.successful_job_count or 0, jobs_failed=worker.failed_job_count or 0,
            ))
        return sorted(found, key=lambda w: w.name)

    def describe(self) -> dict[str, Any]:
        return {"queue": self.config.queue, **self.depth()}
