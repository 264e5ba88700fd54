"""The `distributed` configuration section (and NEWSWATCH_REDIS_URL / NEWSWATCH_QUEUE); absent means local mode."""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from crawler.config import ConfigError, Settings

KEYS = {"redis_url", "queue", "lease_ttl_seconds", "host_wait_seconds", "reconcile_seconds", "max_retries",
        "standby_poll_seconds"}


@dataclass(frozen=True)
class DistributedConfig:
    redis_url: str
    queue: str = "newswatch"
    # Crawl leases live this long unless the crawl child renews them (every third of it): a machine that
    # dies mid-crawl frees its source and host after at most this long.
    lease_ttl_seconds: float = 60.0
    # A worker whose job's host is busy waits this long, then puts the job back at the end of the queue.
    host_wait_seconds: float = 5.0
    # How often the leader pushes requests the broker lost and retries those of lost workers.
    reconcile_seconds: float = 15.0
    # A request whose worker was lost this many times is given up (status failed).
    max_retries: int = 3
    # How often a standby daemon checks whether the leader is gone.
    standby_poll_seconds: float = 2.0


def _number(section: Mapping[str, Any], key: str, default: float, minimum: float) -> float:
    value = section.get(key, default)
    if isinstance(value, bool) or not isinstance(value, (int, float)) or value < minimum:
        raise ConfigError(f"distributed.{key} must be a number of at least {minimum:g} (got {value!r})")
    return float(value)


def load_distributed_config(settings: Settings, environ: Mapping[str, str] | None = None) -> DistributedConfig | None:
    """The configuration, or None when neither the section nor NEWSWATCH_REDIS_URL is set."""
    env = os.environ if environ is None else environ
    section = settings.raw.get("distributed") or {}
    if not isinstance(section, dict):
        raise ConfigError("distributed must be a mapping, e.g. {redis_url: redis://127.0.0.1:6379/0}")
    unknown = sorted(set(section) - KEYS)
    if unknown:
        raise ConfigError(f"distributed: unknown key(s) {', '.join(unknown)}; known keys: {', '.join(sorted(KEYS))}")
    redis_url = env.get("NEWSWATCH_REDIS_URL") or section.get("redis_url")
    if not redis_url:
        if section:
            raise ConfigError("distributed.redis_url is required, e.g. redis://127.0.0.1:6379/0")
        return None
    if not str(redis_url).startswith(("redis://", "rediss://", "unix://")):
        raise ConfigError(f"distributed.redis_url must be a redis://, rediss:// or unix:// URL (got {redis_url!r})")
    queue = str(env.get("NEWSWATCH_QUEUE") or section.get("queue") or "newswatch")
    return DistributedConfig(
        redis_url=str(redis_url),
        queue=queue,
        lease_ttl_seconds=_number(section, "lease_ttl_seconds", 60.0, 10.0),
        host_wait_seconds=_number(section, "host_wait_seconds", 5.0, 0.0),
        reconcile_seconds=_number(section, "reconcile_seconds", 15.0, 1.0),
        max_retries=int(_number(section, "max_retries", 3, 0)),
        standby_poll_seconds=_number(section, "standby_poll_seconds", 2.0, 0.2),
    )
