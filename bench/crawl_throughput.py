"""Target 1, crawl throughput: a full newswatch crawl of a large simulated catalog vs bare Scrapy fetching the same URLs.

Each round crawls every simulated source into a fresh database (politeness off: delay scale 0, which leaves
the runner's 1 ms floor, no autothrottle; one connection per host and one child per source as in production),
with the simulator logging every request. Bare Scrapy then replays exactly that log, split the same way (one
process per source crawl, hosts in parallel, the same Scrapy settings), with no parsing and no storage. Pages per second are
requests answered / wall-clock seconds, child start-up included on both sides. The target line uses the
simulator answering at once (as fast as this machine serves: what is left is each side's own cost); a second,
informational line repeats the comparison with every answer delayed by BENCH_LATENCY_MS (default 20 ms).
Another informational line says where the CPU goes: each round also times one crawl child on each side that has
a single request to make (a re-crawl that hears 304), and splits each side's crawl CPU into child start-ups and
a cost per request.
Knobs: BENCH_HISTORY (articles per simulated source, default 300), BENCH_ROUNDS (default 3),
BENCH_LATENCY_MS, BENCH_LATENCY_ROUNDS (default 1; 0 skips that line), BENCH_SOURCES (comma-separated ids).
"""

from __future__ import annotations

import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import select

from bench.common import REPO_ROOT, Row, knob, log, median, run_main
from bench.crawling import CrawlSetup, bench_tmp, crawlable_sources, temporary_database, truth_check
from bench.simserver import SimProcess, simulator_process
from crawler.run.child_process import stop_server
from crawler.run.handover import crawl_settings
from db.engine import make_session_factory
from db.models import CrawlRun

TARGET = 0.8


@dataclass
class Segment:
    """The requests one crawl child made, and the per-source Scrapy settings it ran with."""

    source_id: str
    host: str
    settings: dict[str, str]
    records: list[dict[str, Any]]


def child_segments(records: list[dict[str, Any]], setup: CrawlSetup) -> list[Segment]:
    """The log cut into the requests of each crawl child: a request belongs to the run of a source on its host
    whose start and end enclose it (runs of one host never overlap: the runner takes a host lease)."""
    with make_session_factory(setup.engine)() as session:
        runs = session.execute(select(CrawlRun.source_id, CrawlRun.started_at, CrawlRun.finished_at)).all()
    segments = [Segment(source_id, setup.catalog[source_id].primary_host,
                        crawl_settings(setup.settings, setup.catalog[source_id], 0, 0.0), [])
                for source_id, _, _ in runs]
    windows = [(started.timestamp(), finished.timestamp() if finished else float("inf")) for _, started, finished in runs]
    for record in records:
        candidates = [i for i, (source_id, _, _) in enumerate(runs) if _host(record) in setup.catalog[source_id].hosts]
        if not candidates:
            raise RuntimeError(f"no crawl run of host {_host(record)} for the logged request {record['path']}")
        # Distance of the request from each run's window (0 inside it): clocks of two processes, same machine.
        best = min(candidates, key=lambda i: max(windows[i][0] - record["t"], record["t"] - windows[i][1], 0.0))
        segments[best].records.append(record)
    return [s for s in segments if s.records]


def children_cpu() -> float:
    """CPU seconds of every child process waited for so far (crawl children through their fork server, bare
    Scrapy processes)."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def process_cpu(pid: int) -> float:
    """CPU seconds a running process used so far (the simulator)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


class CpuMeter:
    """CPU seconds spent by the crawl processes and by the simulator while a block runs."""

    def __init__(self, sim: SimProcess) -> None:
        self.sim = sim
        self.crawl = self.simulator = 0.0

    def __enter__(self) -> CpuMeter:
        self._start = (children_cpu(), process_cpu(self.sim.process.pid))
        return self

    def __exit__(self, *exc: object) -> None:
        stop_server()  # the crawl children's fork server: its children count once it is waited for
        self.crawl = children_cpu() - self._start[0]
        self.simulator = process_cpu(self.sim.process.pid) - self._start[1]


def _host(record: dict[str, Any]) -> str:
    return record["path"].lstrip("/").split("/", 1)[0]


def run_bare(sim: SimProcess, segments: list[Segment], parallel: int, folder: Path) -> tuple[float, int]:
    """Replay the segments like the runner ran them: hosts in parallel (at most `parallel`), one child per
    source, a host's children one after another."""
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [str(REPO_ROOT), os.environ.get("PYTHONPATH")]))}
    by_host: dict[str, list[Segment]] = defaultdict(list)
    for segment in segments:
        by_host[segment.host].append(segment)
    fetched: list[int] = []

    def one_host(host: str) -> None:
        for segment in by_host[host]:
            requests = folder / f"bare-{segment.source_id}.json"
            stats = folder / f"bare-{segment.source_id}.stats.json"
            settings = folder / f"bare-{segment.source_id}.settings.json"
            requests.write_text(json.dumps(segment.records), encoding="utf-8")
            settings.write_text(json.dumps(segment.settings), encoding="utf-8")
            subprocess.run([sys.executable, "-m", "bench.bare_scrapy", str(requests), str(stats), "--base-url", sim.url,
                            "--settings", str(settings)],
                           cwd=REPO_ROOT, env=env, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            fetched.append(int(json.loads(stats.read_text(encoding="utf-8")).get("downloader/response_count", 0)))

    started = time.perf_counter()
    with ThreadPoolExecutor(max_workers=parallel) as pool:
        list(pool.map(one_host, list(by_host)))
    return time.perf_counter() - started, sum(fetched)


@dataclass
class Measured:
    """Rounds of one simulator setting: pages/s of both sides, their ratios, CPU use, problems found."""

    nw_rates: list[float] = field(default_factory=list)
    bare_rates: list[float] = field(default_factory=list)
    ratios: list[float] = field(default_factory=list)
    cpu: list[tuple[float, float, float, float, int]] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    summary: str = ""
    children: int = 0
    startup: list[tuple[float, float]] = field(default_factory=list)  # (newswatch, bare) CPU s of a 1-request child

    def note(self) -> str:
        per_page = [median(c[i] / c[4] * 1000 for c in self.cpu) for i in range(4)]
        return (f"median of {len(self.ratios)} rounds, each side by side; {self.summary}; ratios per round "
                + ", ".join(f"{r:.2f}" for r in self.ratios)
                + f"; CPU ms per page: newswatch processes {per_page[0]:.1f} + simulator {per_page[1]:.1f}, "
                  f"bare Scrapy {per_page[2]:.1f} + simulator {per_page[3]:.1f} ({os.cpu_count()} cores)")

    def split(self) -> tuple[float, float, float, float]:
        """CPU seconds of one child's start-up and CPU ms per request after it, newswatch then bare Scrapy:
        each side's crawl CPU = children x start-up + requests x per-request cost."""
        nw_start, bare_start = median(s[0] for s in self.startup), median(s[1] for s in self.startup)
        nw_total, bare_total = median(c[0] for c in self.cpu), median(c[2] for c in self.cpu)
        pages = self.cpu[0][4]
        return (nw_start, (nw_total - self.children * nw_start) / pages * 1000,
                bare_start, (bare_total - self.children * bare_start) / pages * 1000)


def startup_cpu(sim: SimProcess, setup: CrawlSetup, source_id: str, folder: Path) -> tuple[float, float]:
    """CPU seconds of one crawl child that has next to nothing to fetch, on each side: newswatch re-crawls a
    source it has just stored whole (its list page answers 304), bare Scrapy replays that same request. The runner's
    list probe is off for it: with it on, such a re-crawl starts no crawl child at all (bench/steady_state.py).
    newswatch's figure is a child forked from a warm server: two such crawls in one runner less one, so that the
    server's imports (paid once per runner) cancel out."""
    sim.reset_logs()
    with CpuMeter(sim) as first:  # a runner's first child: the fork server's imports, then the child
        setup.crawl([source_id], probe=False)
    with CpuMeter(sim) as two:  # the same, and one more child forked from the now warm server
        setup.crawl([source_id], probe=False)
        sim.reset_logs()
        setup.crawl([source_id], probe=False)
    source = setup.catalog[source_id]
    segment = Segment(source_id, source.primary_host, crawl_settings(setup.settings, source, 0, 0.0), sim.request_log())
    with CpuMeter(sim) as bare:
        run_bare(sim, [segment], 1, folder)
    return two.crawl - first.crawl, bare.crawl


def measure(history: int, latency_ms: float, rounds: int, time_startup: bool = False) -> Measured:
    """Rounds of: newswatch crawls everything into a fresh database, bare Scrapy replays its requests."""
    out = Measured()
    with simulator_process(history, latency_ms) as sim, tempfile.TemporaryDirectory(dir=bench_tmp()) as tmp:
        folder = Path(tmp)
        truth = sim.truth()
        segments: list[Segment] = []
        for round_no in range(rounds):
            with temporary_database("sqlite", folder, f"throughput{round_no}") as url:
                setup = CrawlSetup(sim.url, url, folder / f"data{round_no}")
                sources = crawlable_sources(sim.served_sources(), setup.catalog)
                bare_first = round_no % 2 == 1 and segments  # alternate the order: drift hits both sides
                bare_cpu = CpuMeter(sim)
                if bare_first:
                    with bare_cpu:
                        bare_seconds, bare_pages = run_bare(sim, segments, setup.settings.parallel_crawls, folder)
                sim.reset_logs()
                with CpuMeter(sim) as nw_cpu:
                    seconds, results = setup.crawl(sources)
                records = sim.request_log()
                segments = child_segments(records, setup)
                if not bare_first:
                    sim.reset_logs()
                    with bare_cpu:
                        bare_seconds, bare_pages = run_bare(sim, segments, setup.settings.parallel_crawls, folder)
                check = truth_check(setup, truth, sources)
                failed = [r.source_id for r in results if r.outcome != "ok"]
                if time_startup:
                    out.startup.append(startup_cpu(sim, setup, sources[0], folder))
                setup.close()
            pages = len(records)
            if not check.ok or failed:
                out.problems.append(f"round {round_no + 1} ({latency_ms:g} ms): {check.describe()}"
                                    + (f"; crawl not ok: {', '.join(failed)}" if failed else ""))
            nw_rate, bare_rate = pages / seconds, bare_pages / bare_seconds
            out.nw_rates.append(nw_rate)
            out.bare_rates.append(bare_rate)
            out.ratios.append(nw_rate / bare_rate)
            out.cpu.append((nw_cpu.crawl, nw_cpu.simulator, bare_cpu.crawl, bare_cpu.simulator, pages))
            out.children = len(segments)
            out.summary = f"{len(sources)} sources on {len({s.host for s in segments})} hosts, {pages} requests per crawl"
            log(f"round {round_no + 1}/{rounds} ({latency_ms:g} ms): newswatch {pages} pages in {seconds:.1f}s "
                f"({nw_rate:.1f}/s), bare Scrapy {bare_pages} in {bare_seconds:.1f}s ({bare_rate:.1f}/s), "
                f"ratio {nw_rate / bare_rate:.2f}; {check.stored}/{check.served} stored")
    return out


def run() -> list[Row]:
    """Crawl throughput: newswatch full crawl vs bare Scrapy on the same URLs, side by side, several rounds."""
    history, rounds = int(knob("HISTORY", 300)), int(knob("ROUNDS", 3))
    latency, latency_rounds = float(knob("LATENCY_MS", 20.0)), int(knob("LATENCY_ROUNDS", 1))
    local = measure(history, 0.0, rounds, time_startup=True)
    rows = [Row("crawl throughput", "pages/s, full crawl, simulator answering at once", median(local.nw_rates),
                "pages/s", peer=median(local.bare_rates), peer_name="bare Scrapy", ratio=median(local.ratios),
                target=f"ratio ≥ {TARGET}", passed=median(local.ratios) >= TARGET, note=local.note(),
                samples=local.ratios)]
    nw_start, nw_request, bare_start, bare_request = local.split()
    rows.append(Row("crawl throughput", "CPU of a crawl child's start-up (one request to make, server warm)", nw_start, "s",
                    peer=bare_start, peer_name="bare Scrapy", ratio=nw_start / bare_start,
                    note=f"informational, where the CPU goes: {local.children} children per crawl; after start-up, "
                         f"CPU per request {nw_request:.1f} ms (newswatch: fetch, parse, extract, store) vs "
                         f"{bare_request:.1f} ms (bare Scrapy: fetch); the start-up difference is "
                         f"{local.children * (nw_start - bare_start) / local.cpu[0][4] * 1000:.1f} ms per request "
                         "(the fork server's imports, once per crawl, count in the per-request figure)",
                    samples=[s[0] for s in local.startup]))
    problems = list(local.problems)
    if latency > 0 and latency_rounds > 0:
        far = measure(history, latency, latency_rounds)
        problems += far.problems
        rows.append(Row("crawl throughput", f"pages/s, same, simulator answering in {latency:g} ms",
                        median(far.nw_rates), "pages/s", peer=median(far.bare_rates), peer_name="bare Scrapy",
                        ratio=median(far.ratios), note=far.note() + "; informational: a site as near as a fast "
                        "real one (the real sites answer in 50-500 ms and get 1 request/s)", samples=far.ratios))
    total = rounds + (latency_rounds if latency > 0 else 0)
    rows.append(Row("crawl throughput", "rounds with every served article stored once", float(total - len(problems)),
                    target=f"{total} of {total}", passed=not problems, note="; ".join(problems)))
    return rows


if __name__ == "__main__":
    run_main("crawl_throughput", run)
