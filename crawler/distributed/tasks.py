"""The RQ job of distributed mode: claim one crawl request, run it with the shared runner, record the end."""

from __future__ import annotations

import logging

from redis.exceptions import RedisError
from rq import get_current_job
from sqlalchemy.exc import SQLAlchemyError

from crawler.distributed.worker import WorkerContext, current_context
from db.crawl_requests import claim, finish, get_request
from db.timeutil import utcnow

logger = logging.getLogger("newswatch.worker")


def run_crawl_request(request_id: int) -> str:
    """What the broker's jobs call (by name, see broker.TASK); returns a one-line summary for `rq info`."""
    job = get_current_job()
    return execute(current_context(), request_id, job.id if job else "")


def execute(context: WorkerContext, request_id: int, job_id: str) -> str:
    with context.sessions() as session:
        request = get_request(session, request_id)
    if request is None:
        return f"request {request_id} does not exist"
    source = context.catalog.get(request.source_id)
    runner = context.new_runner(request.trigger)
    owner = f"{runner.owner}:{request.source_id}" if source is None else runner.lease_owner(source)
    with context.sessions.begin() as session:
        # A stale copy of an earlier push, or a request another worker already has, is simply dropped.
        if not claim(session, request_id, job_id, context.name, owner, utcnow()):
            return f"request {request_id} is not pending under job {job_id}: nothing to do"
    if source is None:
        with context.sessions.begin() as session:
            finish(session, request_id, "failed", "failed", f"source {request.source_id} is not in this worker's "
                   "catalog (is the worker's catalog older than the daemon's?)", owner=owner)
        return f"request {request_id}: unknown source {request.source_id}"
    context.active = runner
    try:
        result = runner.run_one(source)
    except Exception as exc:
        _retry_after_error(context, request_id, source.id, owner, request.retries, exc)
        raise
    finally:
        context.active = None
    if result.outcome == "skipped" or (result.outcome == "interrupted" and runner.stopping.is_set()):
        # Busy source or host, or this worker is stopping: another worker (or this one, later) takes it.
        context.dispatcher.defer(request_id, source.id, owner, result.message or "the worker stopped")
        logger.info("request %d (%s) deferred: %s", request_id, source.id, result.message)
        return f"{source.id}: deferred: {result.message}"
    with context.sessions.begin() as session:
        finish(session, request_id, "done", result.outcome, result.message, result.run_id, owner=owner)
    c = result.counts
    line = (f"{source.id}: {result.outcome}: {c.get('entries_seen', 0)} entries, {c.get('new', 0)} new, "
            f"{c.get('changed', 0)} changed, {c.get('errors', 0)} errors in {result.duration:.1f}s")
    logger.log(logging.INFO if result.outcome == "ok" else logging.WARNING, "request %d %s", request_id, line)
    return line


def _retry_after_error(context: WorkerContext, request_id: int, source_id: str, owner: str, retries: int,
                       exc: Exception) -> None:
    try:
        context.dispatcher.retry(request_id, source_id, owner, retries, f"the worker's job raised {exc!r}")
    except (SQLAlchemyError, RedisError) as again:
        # The request stays started; the leader's reconciler retries it once its leases have lapsed.
        logger.error("request %d (%s): could not queue it again (%s); the reconciler will", request_id, source_id, again)
