"""The distributed part of `newswatch status`: workers (RQ's registry), queue depth, the outbox, crawl locks."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any
from urllib.parse import urlsplit, urlunsplit

from sqlalchemy import Engine

from crawler.config import Settings
from crawler.distributed.config import DistributedConfig, load_distributed_config
from crawler.util.shown_time import shown_iso
from crawler.util.table import format_table
from db.crawl_requests import count_by_status
from db.engine import make_session_factory


def distributed_status(settings: Settings, engine: Engine) -> dict[str, Any] | None:
    """None in local mode; otherwise what the broker and the outbox say (a broker outage is reported, not raised)."""
    config = load_distributed_config(settings)
    if config is None:
        return None
    # Only in distributed mode: the broker's client (redis, rq) and the worker (Scrapy's runner) cost `status`
    # about a second of imports otherwise.
    from redis.exceptions import RedisError

    from crawler.distributed.broker import Broker
    from crawler.distributed.worker import job_timeout

    with make_session_factory(engine)() as session:
        requests = count_by_status(session)
    data: dict[str, Any] = {"queue": config.queue, "redis": _masked(config), "requests": requests,
                            "depth": None, "workers": [], "broker_error": None}
    broker = Broker(config, job_timeout(settings))
    try:
        data["depth"] = broker.depth()
        data["workers"] = [
            {"name": w.name, "host": w.host, "pid": w.pid, "state": w.state, "current_job": w.current_job,
             "last_heartbeat": shown_iso(w.last_heartbeat, settings.timezone),
             "jobs_done": w.jobs_done, "jobs_failed": w.jobs_failed}
            for w in broker.workers()
        ]
    except RedisError as exc:
        data["broker_error"] = f"the broker is unreachable: {exc}"
    finally:
        broker.redis.close()
    return data


def _masked(config: DistributedConfig) -> str:
    parts = urlsplit(config.redis_url)
    if not parts.password:
        return config.redis_url
    return urlunsplit(parts._replace(netloc=parts.netloc.replace(f":{parts.password}@", ":***@")))


def format_distributed(data: dict[str, Any], local: Callable[[str | None], str]) -> str:
    """Text for `newswatch status`: queue line, workers table."""
    requests = data["requests"]
    outbox = ", ".join(f"{requests.get(k, 0)} {k}" for k in ("pending", "started", "done", "failed"))
    lines = [f"distributed: queue {data['queue']} on {data['redis']}; requests: {outbox}"]
    if data["broker_error"]:
        lines.append(f"  {data['broker_error']} (pending requests wait in the outbox)")
        return "\n".join(lines)
    depth = data["depth"]
    lines.append(f"  queue depth: {depth['queued']} queued, {depth['started']} running, {depth['failed']} failed jobs")
    rows = [(w["name"], w["host"], w["pid"] or "", w["state"], w["current_job"] or "", local(w["last_heartbeat"]),
             w["jobs_done"], w["jobs_failed"]) for w in data["workers"]]
    headers = ("worker", "host", "pid", "state", "current job", "last heartbeat", "done", "failed")
    lines.append("\n" + format_table(headers, rows, right=(6, 7)) if rows else "  no workers registered")
    return "\n".join(lines)


def format_locks(locks: list[dict[str, Any]], local: Callable[[str | None], str]) -> str:
    rows = [(lock["name"], lock.get("host", ""), lock.get("pid") or "", local(lock["since"]), local(lock.get("expires")))
            for lock in locks]
    return format_table(("lock", "host", "pid", "since", "expires"), rows) if rows else "locks: none held"
