"""Benchmark fixtures: throw-away databases (SQLite file or a PostgreSQL database) and newswatch crawls of a simulator."""

from __future__ import annotations

import os
import tempfile
import time
import urllib.request
import uuid
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from sqlalchemy import create_engine, func, select, text
from sqlalchemy.engine import make_url

from bench.common import knob
from crawler.config import load_settings
from crawler.config.catalog import CatalogSource, load_catalog
from crawler.run.bootstrap import prepare_database
from crawler.run.runner import CrawlResult, CrawlRunner
from crawler.util.simulator_url import to_simulator_url
from crawler.util.urls import canonical_url
from db.engine import make_session_factory, normalize_url
from db.models import Item

POSTGRES_URL = str(knob("POSTGRES_URL", "postgresql://postgres@127.0.0.1:5432/test"))


def bench_tmp() -> Path:
    """Where benchmark files go (BENCH_TMP, default the system temp dir); big databases need room."""
    root = Path(str(knob("TMP", tempfile.gettempdir())))
    root.mkdir(parents=True, exist_ok=True)
    return root


def postgres_available(url: str = POSTGRES_URL) -> str | None:
    """None when the PostgreSQL server answers, else why not."""
    try:
        engine = create_engine(normalize_url(url), connect_args={"connect_timeout": 5})
        with engine.connect() as conn:
            conn.execute(text("SELECT 1"))
        engine.dispose()
        return None
    except Exception as exc:  # any failure means: no PostgreSQL figures, with the reason in the table
        return f"PostgreSQL at {make_url(url).render_as_string(hide_password=True)} unavailable: {exc.__class__.__name__}"


@contextmanager
def temporary_database(kind: str, folder: Path, name: str = "bench") -> Iterator[str]:
    """A new empty database, dropped afterwards: a SQLite file in `folder`, or a PostgreSQL database."""
    if kind == "sqlite":
        path = folder / f"{name}.sqlite3"
        try:
            yield f"sqlite:///{path}"
        finally:
            for suffix in ("", "-wal", "-shm"):
                Path(f"{path}{suffix}").unlink(missing_ok=True)
        return
    database = f"newswatch_bench_{name}_{os.getpid()}_{uuid.uuid4().hex[:6]}"
    admin = create_engine(normalize_url(POSTGRES_URL), isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{database}"'))
    try:
        yield make_url(normalize_url(POSTGRES_URL)).set(database=database).render_as_string(hide_password=False)
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{database}" WITH (FORCE)'))
        admin.dispose()


@contextmanager
def kept_database(kind: str, name: str) -> Iterator[str]:
    """A database that outlives the run (BENCH_KEEP_DB=1, for working on the benchmarks): a SQLite file in
    BENCH_TMP or a PostgreSQL database, created when missing and never dropped. Remove it by hand."""
    if kind == "sqlite":
        yield f"sqlite:///{bench_tmp() / f'newswatch-bench-{name}.sqlite3'}"
        return
    database = f"newswatch_bench_keep_{name}"
    admin = create_engine(normalize_url(POSTGRES_URL), isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        if not conn.scalar(text("SELECT 1 FROM pg_database WHERE datname = :name"), {"name": database}):
            conn.execute(text(f'CREATE DATABASE "{database}"'))
    admin.dispose()
    yield make_url(normalize_url(POSTGRES_URL)).set(database=database).render_as_string(hide_password=False)


@dataclass
class CrawlSetup:
    """newswatch wired to a simulator and a database, as `newswatch --simulator URL crawl` would be."""

    simulator: str
    database_url: str
    data_dir: Path
    parallel_crawls: int | None = None
    catalog: dict[str, CatalogSource] = field(default_factory=dict)

    def __post_init__(self) -> None:
        env = {"NEWSWATCH_DATABASE_URL": self.database_url, "NEWSWATCH_DATA_DIR": str(self.data_dir),
               "NEWSWATCH_CRAWL_TIMEOUT": "900"}
        if self.parallel_crawls:
            env["NEWSWATCH_PARALLEL_CRAWLS"] = str(self.parallel_crawls)
        self.settings = load_settings(environ=env, simulator=self.simulator)
        self.catalog = load_catalog()
        self.engine = prepare_database(self.settings, self.catalog)

    def runner(self, probe: bool = True) -> CrawlRunner:
        """Politeness off: delay scale 0, as `newswatch --simulator … crawl` uses by default; probe: the runner's
        list probe (off: every crawl starts a crawl child, as before it existed)."""
        return CrawlRunner(self.settings, self.engine, politeness_scale=0.0, probe=probe)

    def crawl(self, source_ids: Sequence[str], probe: bool = True) -> tuple[float, list[CrawlResult]]:
        """Crawl the sources through the runner; returns wall-clock seconds and the results."""
        runner = self.runner(probe)
        started = time.perf_counter()
        results = runner.run([self.catalog[s] for s in source_ids])
        return time.perf_counter() - started, results

    def stored(self, urls: Sequence[str]) -> dict[str, int]:
        """How many rows each of these URLs has (a URL missing from the answer is not stored)."""
        counts: dict[str, int] = {}
        with make_session_factory(self.engine)() as session:
            for start in range(0, len(urls), 500):
                chunk = list(urls[start:start + 500])
                query = select(Item.url, func.count(Item.id)).where(Item.url.in_(chunk)).group_by(Item.url)
                counts.update(dict(session.execute(query).all()))
        return counts

    def close(self) -> None:
        self.engine.dispose()


@dataclass
class TruthCheck:
    """The demo's check, 'every served article stored exactly once', over some sources."""

    served: int
    stored: int
    doubled: int
    missing_by_source: dict[str, int]

    def describe(self) -> str:
        text = f"{self.stored}/{self.served} served articles stored, {self.doubled} twice"
        if self.missing_by_source:
            text += " (missing: " + ", ".join(f"{s} {n}" for s, n in sorted(self.missing_by_source.items())) + ")"
        return text

    @property
    def ok(self) -> bool:
        return self.stored == self.served and not self.doubled


def expected_urls(setup: CrawlSetup, source_id: str, articles: list[dict[str, Any]]) -> list[str]:
    """Canonical URLs a full crawl must store (as `newswatch demo` checks): every served article on the source's
    hosts (links to other sites are skipped by design), except that a feed lists only its newest entries."""
    source = setup.catalog[source_id]
    urls = [canonical_url(str(a["url"])) for a in articles
            if not a.get("offsite") and urlsplit(str(a["url"])).hostname in source.hosts]
    if source.family == "feed":
        from spiders.feed_parsing import parse_feed

        with urllib.request.urlopen(to_simulator_url(setup.simulator, source.start_urls[0]), timeout=60) as answer:
            listed = {canonical_url(e.url) for e in parse_feed(answer.read(), source.start_urls[0]).entries}
        urls = [u for u in urls if u in listed]
    return urls


def truth_check(setup: CrawlSetup, truth: dict[str, list[dict[str, Any]]], source_ids: Sequence[str]) -> TruthCheck:
    served = {s: expected_urls(setup, s, truth.get(s, [])) for s in source_ids}
    counts = setup.stored([u for urls in served.values() for u in urls])
    missing = {s: sum(1 for u in urls if u not in counts) for s, urls in served.items()}
    return TruthCheck(sum(len(u) for u in served.values()), sum(1 for urls in served.values() for u in urls if u in counts),
                      sum(1 for n in counts.values() if n > 1), {s: n for s, n in missing.items() if n})


def crawlable_sources(served: Sequence[str], catalog: dict[str, CatalogSource]) -> list[str]:
    only = [s for s in str(knob("SOURCES", "")).split(",") if s]
    return [s for s in served if s in catalog and (not only or s in only)]
