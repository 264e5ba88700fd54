"""Fixtures of the distributed tests: a private PostgreSQL schema, a private Redis queue, the simulator."""

from __future__ import annotations

import uuid
from collections.abc import Iterator

import pytest
from redis import Redis
from redis.exceptions import RedisError

from tests.conftest import postgres_schema

REDIS_URL = "redis://127.0.0.1:6379/0"


@pytest.fixture
def pg_url() -> Iterator[str]:
    """Distributed mode shares one PostgreSQL database between machines: these tests need the real one."""
    with postgres_schema("d") as url:
        yield url


def forget_queue(redis: Redis, queue: str) -> int:
    """Delete every Redis key of this queue, its jobs and its workers (their names contain the queue name):
    what a broker restart without persistence does to them."""
    keys = list(redis.scan_iter(match=f"*{queue}*", count=1000))
    for members in ("rq:workers", "rq:queues"):
        stale = [m for m in redis.smembers(members) if queue.encode() in m]
        if stale:
            redis.srem(members, *stale)
    return redis.delete(*keys) if keys else 0


@pytest.fixture
def queue_name() -> Iterator[str]:
    """A queue of its own on the machine's Redis (skipped when Redis is not running), emptied afterwards."""
    redis = Redis.from_url(REDIS_URL, socket_connect_timeout=2)
    try:
        redis.ping()
    except RedisError as exc:
        pytest.skip(f"Redis is not running at {REDIS_URL} ({exc}); CI starts one (see .ci/run)")
    name = f"nwtest{uuid.uuid4().hex[:10]}"
    try:
        yield name
    finally:
        forget_queue(redis, name)
        redis.close()

