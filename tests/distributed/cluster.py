"""A newswatch cluster on this machine for tests: worker and daemon processes, one database, one queue."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from sqlalchemy import Engine, func, select

from crawler.config import load_settings
from crawler.config.catalog import load_catalog
from crawler.run.bootstrap import prepare_database
from db.engine import make_session_factory
from db.models import ChangeEvent, CrawlRequest, CrawlRun, Item
from tests.daemonfixtures import wait_for
from tests.distributed.conftest import REDIS_URL


@dataclass
class Cluster:
    tmp_path: Path
    database_url: str
    simulator: str
    queue: str
    schedule: dict[str, Any] = field(default_factory=lambda: {"disabled": sorted(load_catalog())})
    distributed: dict[str, Any] = field(default_factory=dict)
    processes: dict[str, subprocess.Popen[str]] = field(default_factory=dict)
    delay_scale: float = 0.01

    def __post_init__(self) -> None:
        settings = load_settings(environ=self._env(), simulator=self.simulator)
        self.engine: Engine = prepare_database(settings, load_catalog())
        self.sessions = make_session_factory(self.engine)

    def _env(self) -> dict[str, str]:
        config = self.tmp_path / "newswatch.yaml"
        section = {"redis_url": REDIS_URL, "queue": self.queue, "reconcile_seconds": 1, "lease_ttl_seconds": 20,
                   "host_wait_seconds": 2, "standby_poll_seconds": 0.5, **self.distributed}
        config.write_text(yaml.safe_dump({"schedule": self.schedule, "distributed": section}), encoding="utf-8")
        return {**os.environ, "NEWSWATCH_DATABASE_URL": self.database_url, "NEWSWATCH_SIMULATOR": self.simulator,
                "NEWSWATCH_DATA_DIR": str(self.tmp_path / "data"), "NEWSWATCH_CONFIG": str(config),
                "NEWSWATCH_CRAWL_TIMEOUT": "180", "PYTHONUNBUFFERED": "1"}

    def _start(self, label: str, *args: str) -> subprocess.Popen[str]:
        log = open(self.tmp_path / f"{label}.log", "w", encoding="utf-8")  # noqa: SIM115 (the process owns it)
        process = subprocess.Popen([sys.executable, "-m", "crawler", *args], env=self._env(), stdout=log,
                                   stderr=subprocess.STDOUT, text=True)
        self.processes[label] = process
        return process

    def start_worker(self, label: str) -> subprocess.Popen[str]:
        # Worker names carry the queue name, so the queue fixture's clean-up finds their Redis keys.
        # Politeness on: with DOWNLOAD_DELAY 0 a Scrapy 2.19 crawl sends a host's queued requests at once
        # (its per-domain limit is only checked between delayed sends), so the tests crawl with a small delay.
        return self._start(label, "worker", "--name", f"{self.queue}-{label}", "--delay-scale", str(self.delay_scale))

    def worker_name(self, label: str) -> str:
        return f"{self.queue}-{label}"

    def start_daemon(self, label: str, *extra: str) -> subprocess.Popen[str]:
        return self._start(label, "daemon", "--stop-grace", "2", *extra)

    def run_cli(self, *args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([sys.executable, "-m", "crawler", *args], env=self._env(), capture_output=True,
                              text=True, timeout=120, check=False)

    def log(self, label: str) -> str:
        return (self.tmp_path / f"{label}.log").read_text(encoding="utf-8")

    # --- what the database says -----------------------------------------------------------------
    def requests(self) -> list[CrawlRequest]:
        with self.sessions() as session:
            return list(session.scalars(select(CrawlRequest).order_by(CrawlRequest.id)))

    def open_requests(self) -> int:
        return sum(1 for r in self.requests() if r.status in ("pending", "started"))

    def wait_all_done(self, timeout: float) -> list[CrawlRequest]:
        wait_for(lambda: self.requests() and not self.open_requests(), timeout, "every crawl request to be done",
                 interval=0.5)
        return self.requests()

    def stored_urls(self, source_id: str) -> list[str]:
        with self.sessions() as session:
            return list(session.scalars(select(Item.url).where(Item.source_id == source_id)))

    def new_events(self, source_id: str) -> int:
        with self.sessions() as session:
            query = select(func.count(ChangeEvent.id)).where(ChangeEvent.kind == "new", ChangeEvent.source_id == source_id)
            return session.scalar(query) or 0

    def runs(self, outcome: str | None = None) -> list[CrawlRun]:
        with self.sessions() as session:
            query = select(CrawlRun).order_by(CrawlRun.id)
            return list(session.scalars(query.where(CrawlRun.outcome == outcome) if outcome else query))

    # --- stopping -------------------------------------------------------------------------------
    def terminate(self, labels: Sequence[str] | None = None, timeout: float = 60) -> dict[str, int | None]:
        codes = {}
        for label in labels or list(self.processes):
            process = self.processes[label]
            if process.poll() is None:
                process.send_signal(signal.SIGTERM)
            try:
                codes[label] = process.wait(timeout=timeout)
            except subprocess.TimeoutExpired:
                process.kill()
                codes[label] = process.wait()
        return codes

    def close(self) -> None:
        for process in self.processes.values():
            if process.poll() is None:
                process.kill()
                process.wait(timeout=30)
        self.engine.dispose()
