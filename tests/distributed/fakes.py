"""Test doubles for distributed mode: a broker held in memory, a database with the catalog's sources."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from itertools import count

from sqlalchemy.orm import Session, sessionmaker

from crawler.config import load_settings
from crawler.config.catalog import load_catalog
from crawler.run.bootstrap import prepare_database
from db.engine import make_session_factory


class MemoryBroker:
    """Holds pushed jobs in a dict; `lose_everything()` is a broker restart without persistence."""

    def __init__(self) -> None:
        self.jobs: dict[str, tuple[int, str]] = {}  # job id -> (request id, status)
        self.pushed: list[int] = []
        self.reachable = True
        self._ids = count(1)

    def new_job_id(self, request_id: int) -> str:
        return f"job-{request_id}-{next(self._ids)}"

    def push(self, request_id: int, job_id: str, description: str) -> None:
        from redis.exceptions import ConnectionError as RedisConnectionError

        if not self.reachable:
            raise RedisConnectionError("broker down (test)")
        self.jobs[job_id] = (request_id, "queued")
        self.pushed.append(request_id)

    def job_states(self, job_ids: list[str]) -> dict[str, str | None]:
        from redis.exceptions import ConnectionError as RedisConnectionError

        if not self.reachable:
            raise RedisConnectionError("broker down (test)")
        return {job_id: (self.jobs[job_id][1] if job_id in self.jobs else None) for job_id in job_ids}

    def lose_everything(self) -> None:
        self.jobs.clear()


@contextmanager
def catalog_database(url: str) -> Iterator[sessionmaker[Session]]:
    """A migrated database whose sources table mirrors the catalog (crawl requests refer to it)."""
    engine = prepare_database(load_settings(environ={"NEWSWATCH_DATABASE_URL": url}), load_catalog())
    try:
        yield make_session_factory(engine)
    finally:
        engine.dispose()
