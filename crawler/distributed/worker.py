"""A worker process: its settings, catalog and pooled database engine, and the RQ worker that runs crawl jobs."""

from __future__ import annotations

import logging
import os
import socket
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from rq import SimpleWorker
from sqlalchemy import Engine
from sqlalchemy.orm import Session, sessionmaker

from crawler.config import Settings, load_settings
from crawler.config.catalog import CatalogSource, load_catalog
from crawler.distributed.broker import Broker
from crawler.distributed.config import DistributedConfig, load_distributed_config
from crawler.distributed.enqueue import Dispatcher
from crawler.run.runner import STOP_GRACE_SECONDS, CrawlRunner
from db.engine import make_session_factory

logger = logging.getLogger("newswatch.worker")
# The runner's own timeout stops a crawl first; RQ's job timeout is only the backstop.
JOB_TIMEOUT_MARGIN = STOP_GRACE_SECONDS + 120


def job_timeout(settings: Settings) -> int:
    return int(settings.crawl_timeout + JOB_TIMEOUT_MARGIN)


@dataclass
class WorkerContext:
    """What a crawl job needs, built once per worker process (one engine, so database connections are pooled)."""

    settings: Settings
    catalog: dict[str, CatalogSource]
    engine: Engine
    config: DistributedConfig
    politeness_scale: float
    name: str = field(default_factory=lambda: f"{socket.gethostname()}-{os.getpid()}")
    active: CrawlRunner | None = None

    @cached_property
    def sessions(self) -> sessionmaker[Session]:
        return make_session_factory(self.engine)

    @cached_property
    def broker(self) -> Broker:
        return Broker(self.config, job_timeout(self.settings))

    @cached_property
    def dispatcher(self) -> Dispatcher:
        return Dispatcher(self.sessions, self.broker, requested_by=f"worker {self.name}", max_retries=self.config.max_retries)

    def new_runner(self, trigger: str) -> CrawlRunner:
        # A source's lease must outlast the wait for its host (the child renews it only once it runs).
        host_wait = min(self.config.host_wait_seconds, self.config.lease_ttl_seconds / 2)
        return CrawlRunner(self.settings, self.engine, trigger=trigger, politeness_scale=self.politeness_scale,
                           lease_ttl=self.config.lease_ttl_seconds, host_wait=host_wait)

    def stop_crawls(self) -> None:
        if self.active is not None:
            self.active.stop()


_context: WorkerContext | None = None


def current_context() -> WorkerContext:
    """The context `newswatch worker` set up; a plain `rq worker` builds one from the environment."""
    global _context
    if _context is None:
        from crawler.run.bootstrap import prepare_database

        settings = load_settings()
        config = load_distributed_config(settings)
        if config is None:
            raise RuntimeError("distributed mode is not configured: set distributed.redis_url or NEWSWATCH_REDIS_URL")
        catalog = load_catalog(settings.catalog_paths)
        scale = 0.0 if settings.simulator else 1.0
        _context = WorkerContext(settings, catalog, prepare_database(settings, catalog), config, scale)
    return _context


class CrawlWorker(SimpleWorker):
    """Runs each job in this process (every crawl is a child process already, and the engine's pool stays warm).

    SIGTERM: the running crawl is asked to stop (its run is recorded as interrupted) and its request is
    put back on the queue for another worker; then the worker exits.
    """

    def request_stop(self, signum: int, frame: Any) -> None:
        if _context is not None:
            _context.stop_crawls()
        super().request_stop(signum, frame)


def serve(context: WorkerContext, burst: bool = False, log_level: str = "INFO") -> bool:
    global _context
    _context = context
    # By name, on a connection of its own: RQ lengthens that connection's socket timeout for its blocking dequeue.
    worker = CrawlWorker([context.config.queue], connection=context.broker.worker_connection(), name=context.name)
    logger.info("worker %s listening on queue %s", context.name, context.config.queue)
    return worker.work(burst=burst, logging_level=log_level)
