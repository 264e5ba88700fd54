"""Target 5, daemon memory: `newswatch daemon` on a 1-second schedule for hundreds of crawl cycles.

Two simulated sources on different hosts are scheduled every second (the others disabled), so the daemon
runs one crawl child after another for each as fast as the runner allows. The daemon's resident set size
(/proc/<pid>/status VmRSS) is sampled twice a second; the figure is its RSS at the end against its RSS once
the first ten cycles (finished crawl runs) are done. Knobs: BENCH_DAEMON_CYCLES (default 300),
BENCH_DAEMON_SECONDS (time limit, default 300).
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml
from sqlalchemy import func, select

from bench.common import REPO_ROOT, Row, knob, log, run_main
from bench.crawling import bench_tmp
from bench.simserver import simulator_process
from crawler.config.catalog import load_catalog
from db.engine import make_engine
from db.migrate import upgrade
from db.models import CrawlRun

TARGET = 1.10
WARM_CYCLES = 10


def rss_mb(pid: int) -> float | None:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    except OSError:
        return None
    return None


def pick_sources(served: list[str]) -> list[str]:
    """Two served sources on different hosts (their crawls run in parallel), else the first two."""
    catalog = load_catalog()
    chosen: dict[str, str] = {}
    for source_id in served:
        if source_id in catalog:
            chosen.setdefault(catalog[source_id].primary_host, source_id)
    picked = list(chosen.values())[:2]
    return picked if len(picked) == 2 else [s for s in served if s in catalog][:2]


def run() -> list[Row]:
    """Daemon: RSS after hundreds of 1-second scheduled cycles vs after the first ten."""
    cycles, budget = int(knob("DAEMON_CYCLES", 300)), float(knob("DAEMON_SECONDS", 300))
    with simulator_process() as sim, tempfile.TemporaryDirectory(dir=bench_tmp()) as tmp:
        folder = Path(tmp)
        sources = pick_sources(sim.served_sources())
        others = [s for s in load_catalog() if s not in sources]
        config = folder / "newswatch.yaml"
        config.write_text(yaml.safe_dump({"schedule": {
            "jitter_seconds": 0, "disabled": others, "sources": {s: {"every_seconds": 1} for s in sources}}}),
            encoding="utf-8")
        url = f"sqlite:///{folder / 'daemon.sqlite3'}"
        upgrade(url)
        env = {**os.environ, "NEWSWATCH_DATABASE_URL": url, "NEWSWATCH_SIMULATOR": sim.url,
               "NEWSWATCH_DATA_DIR": str(folder / "data"), "NEWSWATCH_CONFIG": str(config),
               "NEWSWATCH_CRAWL_TIMEOUT": "120", "PYTHONUNBUFFERED": "1"}
        with open(folder / "daemon.log", "w", encoding="utf-8") as out:
            daemon = subprocess.Popen([sys.executable, "-m", "crawler", "daemon", "--stop-grace", "5"],
                                      cwd=REPO_ROOT, env=env, stdout=out, stderr=subprocess.STDOUT)
        log(f"daemon pid {daemon.pid} crawling {', '.join(sources)} every second (up to {cycles} cycles, {budget:.0f}s)")
        engine = make_engine(url)
        samples: list[tuple[int, float, float]] = []  # (finished runs, RSS MB, seconds)
        started = time.monotonic()
        try:
            while time.monotonic() - started < budget and daemon.poll() is None:
                with engine.connect() as conn:
                    done = conn.scalar(select(func.count(CrawlRun.id)).where(CrawlRun.finished_at.is_not(None))) or 0
                rss = rss_mb(daemon.pid)
                if rss is not None:
                    samples.append((done, rss, time.monotonic() - started))
                if done >= cycles:
                    break
                if len(samples) % 60 == 0:
                    log(f"  {done} cycles, RSS {rss:.1f} MB")
                time.sleep(0.5)
        finally:
            daemon.send_signal(signal.SIGTERM)
            try:
                daemon.wait(timeout=60)
            except subprocess.TimeoutExpired:
                daemon.kill()
                daemon.wait()
            with engine.connect() as conn:
                outcomes = dict(conn.execute(select(CrawlRun.outcome, func.count(CrawlRun.id)).group_by(CrawlRun.outcome)).all())
            engine.dispose()
        tail = (folder / "daemon.log").read_text(encoding="utf-8", errors="replace")[-2000:]
    warm = next((s for s in samples if s[0] >= WARM_CYCLES), None)
    if warm is None or not samples:
        return [Row("daemon", "RSS after all cycles / after 10", None, target=f"≤ {TARGET:.2f}", passed=False,
                    note=f"the daemon did not reach {WARM_CYCLES} cycles; log tail: {tail[-500:]!r}")]
    end = samples[-1]
    ratio = end[1] / warm[1]
    peak = max(s[1] for s in samples)
    note = (f"{end[0]} cycles in {end[2]:.0f}s ({', '.join(f'{k} {v}' for k, v in sorted(outcomes.items()))}); "
            f"RSS after {warm[0]} cycles {warm[1]:.1f} MB, at the end {end[1]:.1f} MB, peak {peak:.1f} MB")
    return [
        Row("daemon", f"RSS after {end[0]} cycles", end[1], "MB", peer=warm[1], peer_name=f"after {warm[0]} cycles",
            ratio=ratio, target=f"ratio ≤ {TARGET:.2f}", passed=ratio <= TARGET, note=note),
    ]


if __name__ == "__main__":
    run_main("daemon_soak", run)
