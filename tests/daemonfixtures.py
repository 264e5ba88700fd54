"""Starting and watching `newswatch daemon` processes in tests (real processes, real signals)."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from sqlalchemy import Engine, func, select

from crawler.run.process_leases import pid_alive
from db.engine import make_engine
from db.migrate import upgrade
from db.models import CrawlRun


def wait_for(condition: Callable[[], Any], timeout: float, what: str, interval: float = 0.2) -> Any:
    """Poll a condition of another process (a daemon); the deadline bounds the test, not a sleep."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = condition()
        if value:
            return value
        time.sleep(interval)
    raise AssertionError(f"timed out after {timeout:.0f} s waiting for {what}")


@dataclass
class DaemonHarness:
    tmp_path: Path
    database_url: str
    simulator: str
    schedule: dict[str, Any]
    processes: list[subprocess.Popen[str]] = field(default_factory=list)

    def env(self) -> dict[str, str]:
        config = self.tmp_path / "newswatch.yaml"
        config.write_text(yaml.safe_dump({"schedule": self.schedule}), encoding="utf-8")
        return {**os.environ, "NEWSWATCH_DATABASE_URL": self.database_url, "NEWSWATCH_SIMULATOR": self.simulator,
                "NEWSWATCH_DATA_DIR": str(self.tmp_path / "data"), "NEWSWATCH_CONFIG": str(config),
                "NEWSWATCH_CRAWL_TIMEOUT": "120", "PYTHONUNBUFFERED": "1"}

    def start(self, *extra: str) -> subprocess.Popen[str]:
        upgrade(self.database_url)  # so the test can watch tables before the daemon is up
        log = open(self.tmp_path / f"daemon-{len(self.processes)}.log", "w", encoding="utf-8")  # noqa: SIM115
        process = subprocess.Popen([sys.executable, "-m", "crawler", "daemon", "--stop-grace", "2", *extra],
                                   env=self.env(), stdout=log, stderr=subprocess.STDOUT, text=True)
        self.processes.append(process)
        return process

    def log(self, index: int = -1) -> str:
        index = index % len(self.processes)
        return (self.tmp_path / f"daemon-{index}.log").read_text(encoding="utf-8")

    def engine(self) -> Engine:
        return make_engine(self.database_url)

    def runs(self, source_id: str, outcome: str | None = None) -> int:
        engine = self.engine()
        try:
            with engine.connect() as conn:
                query = select(func.count(CrawlRun.id)).where(CrawlRun.source_id == source_id)
                if outcome:
                    query = query.where(CrawlRun.outcome == outcome)
                return conn.scalar(query) or 0
        finally:
            engine.dispose()

    def stop_all(self) -> None:
        for process in self.processes:
            if process.poll() is None:
                process.kill()
                process.wait(timeout=30)


def kill_recorded_crawls(database_url: str) -> list[int]:
    """SIGKILL the crawl children that this test's database records as running (children of processes the
    test started; never a process found by name) and wait until each is dead; returns their pids."""
    engine = make_engine(database_url)
    try:
        with engine.connect() as conn:
            pids = [pid for pid in conn.scalars(select(CrawlRun.pid).where(CrawlRun.outcome == "running")) if pid]
    finally:
        engine.dispose()
    for pid in pids:
        try:
            os.killpg(pid, signal.SIGKILL)  # a crawl child leads its own process group
        except ProcessLookupError:
            pass
    wait_for(lambda: not any(pid_alive(pid) for pid in pids), 30, f"crawl children {pids} to be gone")
    return pids
