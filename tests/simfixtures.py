"""Crawling the bundled simulator from tests: newswatch wired to a running simulator and a test database."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from crawler.config import load_settings
from crawler.config.catalog import CatalogSource, load_catalog
from crawler.run.bootstrap import prepare_database
from crawler.run.runner import CrawlResult, CrawlRunner
from simulator.harness import SimClient


@dataclass
class Crawler:
    """Runs real crawls (Scrapy child processes) against the simulator into a test database."""

    sim: SimClient
    database_url: str
    data_dir: Path

    download_timeout: float = 30.0

    def __post_init__(self) -> None:
        env = {"NEWSWATCH_DATABASE_URL": self.database_url, "NEWSWATCH_DATA_DIR": str(self.data_dir),
               "NEWSWATCH_CRAWL_TIMEOUT": "180", "NEWSWATCH_DOWNLOAD_TIMEOUT": str(self.download_timeout)}
        self.settings = load_settings(environ=env, simulator=self.sim.base_url)
        self.catalog: dict[str, CatalogSource] = load_catalog()
        self.engine = prepare_database(self.settings, self.catalog)

    def crawl(self, *source_ids: str) -> dict[str, CrawlResult]:
        runner = CrawlRunner(self.settings, self.engine, politeness_scale=0.0)
        results = runner.run([self.catalog[s] for s in source_ids])
        return {r.source_id: r for r in results}

    def close(self) -> None:
        self.engine.dispose()
