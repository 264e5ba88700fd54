"""Steady-state cost: checking many sources where (almost) nothing changed, with the runner's list probe and
without it (the old path: a crawl child for every check), side by side in one run.

The simulator serves a synthetic catalog (bench/replicas.py): copies of the real catalog's sources on copies of
its hosts, so families keep the real catalog's proportions. After a first crawl of every copy (seeding: a
crawl child each), four cycles are measured:

- no change, probe on (every source) and probe off (the old path; a sample of BENCH_OLD_SOURCES sources, its wall
  time scaled to the whole catalog, said so in the note);
- 5 % of sources with one new article each, probe on (every source) and off (the sample, 5 % of it new).

CPU is newswatch's own, all processes: resource.getrusage of this process (the runner) plus its waited-for
children (the crawl children, through their fork server, which each cycle stops and waits for, so that its
imports are counted once a cycle); the simulator runs in another process tree and is not counted. Requests are
the simulator's count, against the lower bound (one first list page per source, plus one per new article).
Peak memory: the runner process's and the largest crawl child's peak RSS.

Knobs (BENCH_SOURCES names catalog sources for other benchmarks, hence the STEADY_ prefix):
BENCH_STEADY_SOURCES (default 1000), BENCH_STEADY_OLD_SOURCES (default 100), BENCH_STEADY_COPY_HISTORY (articles
per copied source, default 5), BENCH_STEADY_DELAY_SCALE (the catalog's politeness delays times this, default 0.01),
BENCH_STEADY_PARALLEL (parallel crawls, default: the configuration's, 4).
"""

from __future__ import annotations

import math
import random
import resource
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import Engine

from bench.common import Row, knob, log, run_main
from bench.crawling import bench_tmp, temporary_database
from bench.replicas import replica_catalog, served_originals
from bench.simserver import SimProcess, simulator_process
from crawler.config import Settings, load_settings
from crawler.config.catalog import CatalogSource
from crawler.run.bootstrap import prepare_database
from crawler.run.child_process import stop_server
from crawler.run.runner import CrawlResult, CrawlRunner

NAME = "steady_state"
CPU_TARGET = 0.05  # CPU-s per unchanged check
CYCLE_TARGET = 300.0  # a whole cycle inside 5 minutes
MEMORY_TARGET_MB = 250.0
NEW_SHARE = 0.05


@dataclass
class Cycle:
    sources: int
    wall: float
    cpu: float
    requests: int
    children: int
    new: int
    failed: list[str]

    @property
    def cpu_per_check(self) -> float:
        return self.cpu / self.sources


def cpu_seconds() -> float:
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def peak_mb(who: int) -> float:
    return resource.getrusage(who).ru_maxrss / 1024  # kB on Linux


def cycle(sim: SimProcess, settings: Settings, engine: Engine, sources: list[CatalogSource], probe: bool,
          scale: float) -> Cycle:
    sim.post("/_sim/requests/reset")
    runner = CrawlRunner(settings, engine, politeness_scale=scale, probe=probe)
    cpu, started = cpu_seconds(), time.perf_counter()
    results: list[CrawlResult] = runner.run(sources)
    wall = time.perf_counter() - started
    stop_server()  # the crawl children's fork server: its imports and children count once it is waited for
    cpu = cpu_seconds() - cpu
    requests = int(sim.get("/_sim/requests")["total"])
    children = sum(1 for r in results if r.message and "no crawl child" not in r.message)
    failed = [r.source_id for r in results if r.outcome != "ok"]
    new = sum(r.counts.get("new", 0) for r in results)
    return Cycle(len(sources), wall, cpu, requests, children, new, failed)


def publish(sim: SimProcess, sources: list[CatalogSource], rng: random.Random) -> list[str]:
    chosen = rng.sample([s.id for s in sources], max(1, math.ceil(len(sources) * NEW_SHARE)))
    for source_id in chosen:
        sim.post(f"/_sim/sources/{source_id}/publish", {})
    return chosen


def describe(c: Cycle) -> str:
    failed = f"; not ok: {', '.join(c.failed[:5])}{' …' if len(c.failed) > 5 else ''}" if c.failed else ""
    return (f"{c.sources} sources, {c.children} crawl children, {c.new} new, {c.requests} requests, "
            f"{c.cpu:.1f} CPU-s, {c.wall:.1f} s{failed}")


def run() -> list[Row]:
    """1,000 sources checked with nothing new (and with 5 % new): CPU, wall time, requests, memory."""
    count, old_count = int(knob("STEADY_SOURCES", 1000)), int(knob("STEADY_OLD_SOURCES", 100))
    history, scale = int(knob("STEADY_COPY_HISTORY", 5)), float(knob("STEADY_DELAY_SCALE", 0.01))
    parallel = int(knob("STEADY_PARALLEL", 0))
    rng = random.Random(20261207)
    with tempfile.TemporaryDirectory(dir=bench_tmp()) as tmp, \
            simulator_process(copies=count, copy_history=history) as sim, \
            temporary_database("sqlite", Path(tmp), NAME) as database_url:
        catalog = replica_catalog(count, served_originals())
        env = {"NEWSWATCH_DATABASE_URL": database_url, "NEWSWATCH_DATA_DIR": tmp, "NEWSWATCH_CRAWL_TIMEOUT": "900"}
        if parallel:
            env["NEWSWATCH_PARALLEL_CRAWLS"] = str(parallel)
        settings = load_settings(environ=env, simulator=sim.url)
        engine = prepare_database(settings, catalog)
        sources = list(catalog.values())
        hosts = len({s.primary_host for s in sources})
        families = sorted({s.family for s in sources})
        log(f"seeding: first crawl of {count} sources on {hosts} hosts ({', '.join(families)})")
        seed = cycle(sim, settings, engine, sources, True, scale)
        log(f"seeded: {describe(seed)}")
        sample = rng.sample(sources, min(old_count, count))
        quiet_on = cycle(sim, settings, engine, sources, True, scale)
        log(f"no change, probe on: {describe(quiet_on)}")
        quiet_off = cycle(sim, settings, engine, sample, False, scale)
        log(f"no change, probe off: {describe(quiet_off)}")
        new_on_ids = publish(sim, sources, rng)
        fresh_on = cycle(sim, settings, engine, sources, True, scale)
        log(f"5 % new, probe on: {describe(fresh_on)}")
        new_off_ids = publish(sim, sample, rng)
        fresh_off = cycle(sim, settings, engine, sample, False, scale)
        log(f"5 % new, probe off: {describe(fresh_off)}")
        runner_mb, child_mb = peak_mb(resource.RUSAGE_SELF), peak_mb(resource.RUSAGE_CHILDREN)
        engine.dispose()
    return rows(count, hosts, quiet_on, quiet_off, fresh_on, fresh_off, len(new_on_ids), len(new_off_ids),
                runner_mb, child_mb)


def rows(count: int, hosts: int, quiet_on: Cycle, quiet_off: Cycle, fresh_on: Cycle, fresh_off: Cycle,
         new_on: int, new_off: int, runner_mb: float, child_mb: float) -> list[Row]:
    old = "old path: a crawl child per check"
    scaled = count / quiet_off.sources
    where = f"{count} sources on {hosts} hosts"
    sample_note = (f"old path measured on {quiet_off.sources} of the sources, its wall time scaled ×{scaled:.1f}"
                   if quiet_off.sources < count else "")
    return [
        Row(NAME, f"CPU per unchanged check ({where})", quiet_on.cpu_per_check, "CPU-s", quiet_off.cpu_per_check, old,
            quiet_on.cpu_per_check / quiet_off.cpu_per_check, f"≤ {CPU_TARGET} CPU-s",
            quiet_on.cpu_per_check <= CPU_TARGET, f"probe on: {describe(quiet_on)}; probe off: {describe(quiet_off)}"),
        Row(NAME, "CPU of one no-change cycle, all sources", quiet_on.cpu, "CPU-s", quiet_off.cpu * scaled, old,
            quiet_on.cpu / (quiet_off.cpu * scaled), f"≤ {CYCLE_TARGET:.0f} CPU-s (one core, 5 min)",
            quiet_on.cpu <= CYCLE_TARGET, sample_note),
        Row(NAME, "wall time of one no-change cycle", quiet_on.wall, "s", quiet_off.wall * scaled, old,
            quiet_on.wall / (quiet_off.wall * scaled), f"≤ {CYCLE_TARGET:.0f} s", quiet_on.wall <= CYCLE_TARGET,
            sample_note),
        Row(NAME, "requests of one no-change cycle", quiet_on.requests, "", count, "lower bound", quiet_on.requests / count,
            "= lower bound", quiet_on.requests <= count and not quiet_on.failed,
            f"old path on its sample: {quiet_off.requests} for {quiet_off.sources} sources"),
        Row(NAME, "CPU per check, 5 % with one new article", fresh_on.cpu_per_check, "CPU-s", fresh_off.cpu_per_check,
            old, fresh_on.cpu_per_check / fresh_off.cpu_per_check, "informational", None,
            f"probe on: {describe(fresh_on)}; probe off: {describe(fresh_off)}"),
        Row(NAME, "wall time of one 5 %-new cycle", fresh_on.wall, "s", fresh_off.wall * scaled, old,
            fresh_on.wall / (fresh_off.wall * scaled), f"≤ {CYCLE_TARGET:.0f} s", fresh_on.wall <= CYCLE_TARGET,
            sample_note),
        Row(NAME, "requests of one 5 %-new cycle", fresh_on.requests, "", count + new_on, "lower bound",
            fresh_on.requests / (count + new_on), "= lower bound",
            fresh_on.requests <= count + new_on and fresh_on.new == new_on and not fresh_on.failed,
            f"{new_on} new articles, {fresh_on.new} stored; old path: {fresh_off.requests} requests for "
            f"{fresh_off.sources} sources and {new_off} new ({fresh_off.new} stored)"),
        Row(NAME, "peak RSS: runner process", runner_mb, "MB", None, "", None, f"< {MEMORY_TARGET_MB:.0f} MB",
            runner_mb < MEMORY_TARGET_MB, "the benchmark's own process, which runs the runner (probes included)"),
        Row(NAME, "peak RSS: largest crawl child", child_mb, "MB", None, "", None, f"< {MEMORY_TARGET_MB:.0f} MB",
            child_mb < MEMORY_TARGET_MB),
    ]


if __name__ == "__main__":
    run_main(NAME, run)
