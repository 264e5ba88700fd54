"""The `distributed` configuration section (and NEWSWATCH_REDIS_URL / NEWSWATCH_QUEUE); absent means local mode."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from crawler.config import ConfigError, Settings


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


def load_distributed_config(settings: Settings, environ: Mapping[str, str] | None = None) -> DistributedConfig | None:
    """The configuration, or None when neither distributed.redis_url nor NEWSWATCH_REDIS_URL is set (the
    loader merged the environment into the section; `environ` overrides it, for tests and benchmarks)."""
    env = {} if environ is None else environ
    section = settings.config.distributed
    redis_url = env.get("NEWSWATCH_REDIS_URL") or section.redis_url
    if not redis_url:
        if "distributed" in settings.raw and settings.raw["distributed"]:
            raise ConfigError("distributed.redis_url is required, e.g. redis://127.0.0.1:6379/0")
        return None
    if not str(redis_url).startswith(("redis://", "rediss://", "unix://")):
        raise ConfigError(f"NEWSWATCH_REDIS_URL must be a redis://, rediss:// or unix:// URL (got {redis_url!r})")
    return DistributedConfig(
        redis_url=str(redis_url),
        queue=str(env.get("NEWSWATCH_QUEUE") or section.queue),
        lease_ttl_seconds=section.lease_ttl_seconds,
        host_wait_seconds=section.host_wait_seconds,
        reconcile_seconds=section.reconcile_seconds,
        max_retries=section.max_retries,
        standby_poll_seconds=section.standby_poll_seconds,
    )
