"""Issue 19, the web console on a big archive: search, filters and the item page, timed through the ASGI app
(routing, queries, templates: everything but the network) on BENCH_WEB_ITEMS synthetic items (default
1,000,000), on SQLite and, when NEWSWATCH_TEST_POSTGRES_URL is set, on PostgreSQL.

Searches are substrings of stored titles and bodies, two to four characters (a two-character Chinese word
cannot use SQLite's trigram index: it is the slow case, and half of the searches); filters are each filter of
the Items page alone and two combined; item pages are random items. Each request kind is timed BENCH_WEB_OPS
times (default 60): median and p95. Knobs: BENCH_WEB_ITEMS, BENCH_WEB_OPS, BENCH_WEB_DBS (default sqlite, plus
postgres when NEWSWATCH_TEST_POSTGRES_URL is set), BENCH_TMP, BENCH_BODY_CHARS.
"""

from __future__ import annotations

import os
import random
import statistics
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import quote

from sqlalchemy import text
from starlette.testclient import TestClient

from bench.common import Row, knob, log, run_main
from bench.crawling import bench_tmp, postgres_available, temporary_database
from bench.synthetic import Generator, Shape, load, timeline_end
from crawler.config import Settings
from crawler.config.catalog import load_catalog
from crawler.run.bootstrap import source_row
from crawler.web.app import create_app
from crawler.web.config import WebConfig
from crawler.web.readonly import read_only_engine
from db.engine import make_engine, make_session_factory
from db.migrate import upgrade
from db.repository import sync_sources

MEDIAN_TARGET_MS = 100.0
P95_TARGET_MS = 300.0


def p95(values: list[float]) -> float:
    return statistics.quantiles(values, n=20)[-1] if len(values) >= 20 else max(values)


@contextmanager
def fts_triggers_off(url: str) -> Iterator[None]:
    """SQLite: a bulk load without the per-row index triggers, then one rebuild of the trigram index (what
    migration 0008 does on an existing database); PostgreSQL's GIN index is rebuilt by the loader itself."""
    engine = make_engine(url)
    if engine.dialect.name != "sqlite":
        engine.dispose()
        yield
        return
    with engine.begin() as conn:
        triggers = conn.execute(text("SELECT name, sql FROM sqlite_master WHERE type = 'trigger' "
                                     "AND name LIKE 'items_fts_%'")).all()
        for name, _ in triggers:
            conn.execute(text(f'DROP TRIGGER "{name}"'))
    engine.dispose()  # the loader leaves WAL mode for the load: no other connection may be open
    try:
        yield
    finally:
        started = time.perf_counter()
        with engine.begin() as conn:
            # FTS5 writes its pending postings out as a new segment whenever they pass 'hashsize' (1 MB by default)
            # and keeps merging those segments: a million items make thousands of them, merged through a 2 MB page
            # cache. 256 MB of pending postings and a 1 GB cache for this one statement: 100,000 items in 21 s
            # instead of 117 s (1 GB cache alone) or over 300 s (neither).
            conn.execute(text("PRAGMA cache_size = -1048576"))
            conn.execute(text("INSERT INTO items_fts(items_fts, rank) VALUES ('hashsize', 268435456)"))
            conn.execute(text("INSERT INTO items_fts(items_fts) VALUES ('rebuild')"))
            conn.execute(text("DELETE FROM items_fts_config WHERE k = 'hashsize'"))  # back to the default
            for _, sql in triggers:
                conn.execute(text(sql))
        log(f"sqlite: trigram index built in {time.perf_counter() - started:.0f}s")
        engine.dispose()


def search_terms(generator: Generator, rng: random.Random, count: int) -> list[str]:
    terms = []
    while len(terms) < count:
        source = rng.choice(generator.titles if rng.random() < 0.5 else [b for b, _ in generator.bodies[:500]])
        size = 2 if len(terms) % 2 == 0 else rng.choice((3, 4))
        start = rng.randrange(max(1, len(source) - size))
        term = source[start:start + size]
        if len(term) == size and not any(c in "，。、；\n " for c in term):
            terms.append(term)
    return terms


def filter_queries(catalog_ids: list[str], generator: Generator, rng: random.Random, count: int) -> list[str]:
    end = generator.end.date()
    choices = [
        lambda: f"source={rng.choice(catalog_ids)}",
        lambda: "province=zhejiang",
        lambda: f"agency_kind={rng.choice(['science', 'drug', 'ministry'])}",
        # Topics the synthetic text holds in about 70%, 10%, 2% and 1% of items (a rare one is the slow case).
        lambda: f"topic={rng.choice(['science-funding', 'vaccines', 'clinical-trials', 'biomedicine'])}",
        # Kinds from common to rare: publicity (公示) is in about 4% of the synthetic titles.
        lambda: f"kind={rng.choice(['draft', 'notice', 'policy', 'inspection', 'publicity'])}",
        lambda: "open=1",
        lambda: f"from={end.replace(year=end.year - 1).isoformat()}&to={end.replace(month=1, day=1).isoformat()}",
        lambda: f"agency_kind=drug&kind=notice&page={rng.randint(1, 5)}",
    ]
    return [choices[i % len(choices)]() for i in range(count)]


def timed_requests(client: TestClient, paths: list[str]) -> list[float]:
    out = []
    for path in paths:
        started = time.perf_counter()
        response = client.get(path)
        out.append((time.perf_counter() - started) * 1000)
        if response.status_code != 200:
            raise RuntimeError(f"{path}: HTTP {response.status_code}")
    return out


def one_backend(kind: str, folder: Path, shape: Shape, ops: int) -> list[Row]:
    label = f"{kind}, {shape.items:,} items"
    catalog = load_catalog()
    with temporary_database(kind, folder, "web") as url:
        upgrade(url)
        engine = make_engine(url)
        with make_session_factory(engine).begin() as session:
            sync_sources(session, [source_row(s) for s in catalog.values()])
        engine.dispose()
        generator = Generator(shape, list(catalog.values()), timeline_end())
        log(f"{kind}: loading {shape.items:,} synthetic items")
        with fts_triggers_off(url):
            phases = load(url, generator)
        log(f"{kind}: loaded ({', '.join(f'{k} {v:.0f}s' for k, v in phases.items())}); measuring")
        settings = Settings(data_dir=folder, database_url=url)
        config = WebConfig(settings=settings, catalog=catalog, engine=read_only_engine(url))
        rng = random.Random(19)
        searches = [f"/items?q={quote(t)}" for t in search_terms(generator, rng, ops)]
        filters = [f"/items?{q}" for q in filter_queries(list(catalog), generator, rng, ops)]
        items = [f"/items/{rng.randint(1, shape.items)}" for _ in range(ops)]
        with TestClient(create_app(config)) as client:
            timed_requests(client, ["/items", searches[0], filters[0], items[0]])  # warm caches and templates
            results = {"search": timed_requests(client, searches), "filters": timed_requests(client, filters),
                       "item page": timed_requests(client, items)}
        config.engine.dispose()
    rows = []
    for name, samples in results.items():
        med, high = statistics.median(samples), p95(samples)
        rows.append(Row("web_console", f"{name} ({label})", med, "ms",
                        target=f"median < {MEDIAN_TARGET_MS:g} ms, p95 < {P95_TARGET_MS:g} ms",
                        passed=med < MEDIAN_TARGET_MS and high < P95_TARGET_MS,
                        note=f"p95 {high:.1f} ms, max {max(samples):.1f} ms over {len(samples)} requests", samples=samples))
    rows[0].note += "; load took " + ", ".join(f"{k} {v:.0f}s" for k, v in phases.items())
    return rows


def run() -> list[Row]:
    """Web console: search, filters and item pages on BENCH_WEB_ITEMS synthetic items."""
    shape = Shape(items=int(knob("WEB_ITEMS", 1_000_000)), body_chars=int(knob("BODY_CHARS", 700)))
    ops = int(knob("WEB_OPS", 60))
    default = "sqlite,postgres" if os.environ.get("NEWSWATCH_TEST_POSTGRES_URL") else "sqlite"
    kinds = [k for k in str(knob("WEB_DBS", default)).split(",") if k]
    rows: list[Row] = []
    with tempfile.TemporaryDirectory(dir=bench_tmp()) as tmp:
        for kind in kinds:
            problem = postgres_available() if kind == "postgres" else None
            if problem:
                rows.append(Row("web_console", f"{kind}: not measured", None, note=problem))
                continue
            rows += one_backend(kind, Path(tmp), shape, ops)
    return rows


if __name__ == "__main__":
    run_main("web_console", run)
