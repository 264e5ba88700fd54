"""Helpers for tests that crawl the bundled simulator: start it, talk to its control endpoints, crawl."""

from __future__ import annotations

import json
import threading
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from crawler.config import load_settings
from crawler.config.catalog import Source, load_catalog
from crawler.run.bootstrap import prepare_database
from crawler.run.runner import CrawlResult, CrawlRunner


@dataclass
class Sim:
    url: str

    def get(self, path: str) -> Any:
        with urllib.request.urlopen(self.url + path, timeout=30) as answer:
            return json.load(answer)

    def post(self, path: str, payload: dict[str, Any] | None = None) -> Any:
        request = urllib.request.Request(self.url + path, data=json.dumps(payload or {}).encode(),
                                         headers={"Content-Type": "application/json"}, method="POST")
        with urllib.request.urlopen(request, timeout=30) as answer:
            return json.load(answer)

    def truth(self, source_id: str) -> list[dict[str, Any]]:
        return self.get(f"/_sim/truth?source={source_id}")["sources"][source_id]

    def requests(self) -> dict[str, Any]:
        return self.get("/_sim/requests")


@contextmanager
def running_simulator() -> Iterator[Sim]:
    from simulator.server import make_server

    server = make_server(0)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield Sim(f"http://127.0.0.1:{server.server_address[1]}")
    finally:
        server.shutdown()
        server.server_close()


@dataclass
class Crawler:
    """Runs real crawls (Scrapy child processes) against the simulator into a test database."""

    sim: Sim
    database_url: str
    data_dir: Path

    download_timeout: float = 30.0

    def __post_init__(self) -> None:
        env = {"NEWSWATCH_DATABASE_URL": self.database_url, "NEWSWATCH_DATA_DIR": str(self.data_dir),
               "NEWSWATCH_CRAWL_TIMEOUT": "180", "NEWSWATCH_DOWNLOAD_TIMEOUT": str(self.download_timeout)}
        self.settings = load_settings(environ=env, simulator=self.sim.url)
        self.catalog: dict[str, Source] = load_catalog()
        self.engine = prepare_database(self.settings, self.catalog)

    def crawl(self, *source_ids: str) -> dict[str, CrawlResult]:
        runner = CrawlRunner(self.settings, self.engine, politeness_scale=0.0)
        results = runner.run([self.catalog[s] for s in source_ids])
        return {r.source_id: r for r in results}

    def close(self) -> None:
        self.engine.dispose()
