"""Distributed mode as deployed: worker and daemon processes on the real PostgreSQL and Redis, crawling the simulator."""

from __future__ import annotations

import os
import signal
from collections import Counter
from itertools import pairwise
from pathlib import Path

from redis import Redis

from db import leases
from simulator.harness import SimClient
from tests.daemonfixtures import wait_for
from tests.distributed.cluster import Cluster
from tests.distributed.conftest import REDIS_URL, forget_queue
from tests.test_crawl_catalog import expected, served_sources

WORKERS = ("w1", "w2", "w3")


def enqueue(cluster: Cluster, sources: list[str]) -> None:
    result = cluster.run_cli("enqueue", *[arg for s in sources for arg in ("--source", s)])
    assert result.returncode == 0, result.stdout + result.stderr


def assert_stored_exactly_once(cluster: Cluster, sim: SimClient, sources: list[str]) -> None:
    problems = []
    for source_id in sources:
        truth, got = expected(sim, source_id), cluster.stored_urls(source_id)
        twice = [url for url, n in Counter(got).items() if n > 1]
        if sorted(truth) != sorted(got) or twice or cluster.new_events(source_id) != len(truth):
            problems.append(f"{source_id}: {len(set(truth) - set(got))} missing, {len(set(got) - set(truth))} extra, "
                            f"{len(twice)} twice, {cluster.new_events(source_id)} 'new' events for {len(truth)} articles")
    assert not problems, "\n".join(problems)


def assert_polite(sim: SimClient) -> None:
    concurrency = sim.requests_log()["max_concurrency_by_host"]
    assert concurrency and max(concurrency.values()) <= 1, concurrency


def test_three_workers_crawl_the_catalog_once_and_one_host_at_a_time(sim: SimClient, pg_url: str, queue_name: str,
                                                                     tmp_path: Path) -> None:
    sources = served_sources(sim)
    cluster = Cluster(tmp_path, pg_url, sim.base_url, queue_name)
    try:
        for label in WORKERS:
            cluster.start_worker(label)
        enqueue(cluster, sources)
        requests = cluster.wait_all_done(900)
        assert [(r.source_id, r.status, r.outcome) for r in requests if r.outcome != "ok"] == []
        assert sorted(r.source_id for r in requests) == sorted(sources)
        assert {r.worker for r in requests} == {cluster.worker_name(label) for label in WORKERS}
        assert_stored_exactly_once(cluster, sim, sources)
        assert_polite(sim)
        status = cluster.run_cli("status")
        assert status.returncode == 0, status.stderr
        assert f"distributed: queue {queue_name}" in status.stdout and "queue depth: 0 queued" in status.stdout
        assert all(cluster.worker_name(label) in status.stdout for label in WORKERS), status.stdout
        assert cluster.terminate() == {label: 0 for label in WORKERS}
    finally:
        cluster.close()


def test_a_worker_killed_mid_crawl_is_replaced_and_every_article_stored_once(sim: SimClient, pg_url: str, queue_name: str,
                                                                             tmp_path: Path) -> None:
    served = served_sources(sim)
    victim = "zj-mpa-notices"
    sources = [victim] + [s for s in ("zj-mpa-inspections", "zj-kjt-notices", "js-kjt-notices") if s in served]
    sim.post(f"/_sim/sources/{victim}/mode", {"mode": "slow", "delay": 0.15})  # long enough to be killed midway
    cluster = Cluster(tmp_path, pg_url, sim.base_url, queue_name)
    try:
        cluster.start_daemon("leader")  # its reconciler retries the requests of lost workers
        for label in WORKERS:
            cluster.start_worker(label)
        enqueue(cluster, sources)
        wait_for(lambda: len(cluster.stored_urls(victim)) >= 10, 180, f"{victim} to be half-way")
        request = next(r for r in cluster.requests() if r.source_id == victim)
        run = next(r for r in cluster.runs("running") if r.source_id == victim)
        label = request.worker.removeprefix(f"{queue_name}-")
        # A machine crash: the worker and its crawl child die at once, nothing gets to clean up.
        cluster.processes[label].kill()
        os.kill(run.pid, signal.SIGKILL)
        sim.post(f"/_sim/sources/{victim}/mode", {"mode": "ok"})
        cluster.wait_all_done(600)
        retried = next(r for r in cluster.requests() if r.id == request.id)
        assert (retried.status, retried.outcome, retried.retries) == ("done", "ok", 1)
        assert retried.worker not in ("", request.worker)
        assert_stored_exactly_once(cluster, sim, sources)
        assert_polite(sim)
        assert next(r for r in cluster.runs() if r.id == run.id).outcome == "interrupted"
        assert cluster.runs("running") == []
        assert "retried" in cluster.log("leader")
    finally:
        cluster.close()


def test_a_broker_restart_loses_no_requested_crawl(sim: SimClient, pg_url: str, queue_name: str, tmp_path: Path) -> None:
    scheduled, one_off = "zj-mpa-inspections", ["zj-kjt-policy", "js-kjt-notices"]
    cluster = Cluster(tmp_path, pg_url, sim.base_url, queue_name)
    cluster.schedule = {"jitter_seconds": 0, "disabled": [s for s in served_sources(sim) if s != scheduled],
                        "sources": {scheduled: {"every_seconds": 3}}}
    redis = Redis.from_url(REDIS_URL)
    try:
        cluster.start_daemon("leader")
        enqueue(cluster, one_off)
        wait_for(lambda: any(r.trigger == "schedule" for r in cluster.requests()), 60, "a scheduled crawl request")
        # The outbox row is written before the job is pushed: wait until the queue has caught up with it.
        wait_for(lambda: redis.llen(f"rq:queue:{queue_name}") == len(cluster.requests()), 30, "the jobs to be queued")
        before = cluster.requests()
        assert forget_queue(redis, queue_name) > 0  # Redis restarted without persistence: every job is gone
        for label in ("w1", "w2"):
            cluster.start_worker(label)
        wanted = {r.id for r in before}
        wait_for(lambda: all(r.status == "done" for r in cluster.requests() if r.id in wanted), 300,
                 "every request made before the broker restart to be done")
        assert {r.outcome for r in cluster.requests() if r.id in wanted} == {"ok"}
        assert "reconciler: pushed" in cluster.log("leader")
    finally:
        redis.close()
        cluster.close()


def test_a_standby_takes_over_from_a_killed_leader_without_double_scheduling(sim: SimClient, pg_url: str, queue_name: str,
                                                                             tmp_path: Path) -> None:
    source, interval = "zj-mpa-inspections", 3
    cluster = Cluster(tmp_path, pg_url, sim.base_url, queue_name)
    cluster.schedule = {"jitter_seconds": 0, "disabled": [s for s in served_sources(sim) if s != source],
                        "sources": {source: {"every_seconds": interval}}}
    try:
        leader = cluster.start_daemon("leader")
        wait_for(lambda: "daemon started" in cluster.log("leader"), 60, "the leader to start")
        standby = cluster.start_daemon("standby", "--standby")
        wait_for(lambda: "standby: waiting" in cluster.log("standby"), 60, "the standby to wait")
        refused = cluster.run_cli("daemon")
        assert refused.returncode == 2 and f"pid {leader.pid}" in refused.stderr, refused.stderr
        cluster.start_worker("w1")

        def scheduled_by(pid: int) -> list[int]:
            return [int(r.key.rsplit(":", 1)[1]) for r in cluster.requests()
                    if r.trigger == "schedule" and f":{pid}:" in r.requested_by]

        wait_for(lambda: len(scheduled_by(leader.pid)) >= 2, 120, "the leader to schedule two crawls")
        leader.kill()
        leader.wait(timeout=30)
        wait_for(lambda: "takes over" in cluster.log("standby"), 60, "the standby to take over")
        wait_for(lambda: len(scheduled_by(standby.pid)) >= 2, 120, "the new leader to schedule two crawls")
        holder = leases.holder(cluster.sessions, "daemon")
        assert holder is not None and holder.pid == standby.pid
        times = sorted(scheduled_by(leader.pid) + scheduled_by(standby.pid))
        # Every scheduled run is requested once: no two requests stand for the same (or a too-close) run time.
        assert all(later - earlier >= interval - 1 for earlier, later in pairwise(times)), times
        assert cluster.terminate(["standby", "w1"]) == {"standby": 0, "w1": 0}
    finally:
        cluster.close()
