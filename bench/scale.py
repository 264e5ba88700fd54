"""Target 4, scale: storing, the near-duplicate lookup, the URL check and the day's digest on a database of
1,000,000 synthetic items (SQLite and PostgreSQL), and the peak memory of a crawl child on it.

Each operation is the production function, timed one call at a time (median of BENCH_OPS, default 200):
`db.store_item.store_item` of a new item in its own transaction, SimHash included (as the store pipeline
calls it); `db.clusters.near_duplicate_candidates` for a new text's bands; `db.repository.item_by_url` for
stored and for unknown URLs; `crawler.digest.build_digest` for the last full day (median of 5). The crawl
child's peak RSS is measured on the loaded database and, for comparison, on an empty one. Knobs:
BENCH_ITEMS (default 1000000), BENCH_OPS, BENCH_SCALE_DBS (default "sqlite,postgres"), BENCH_BODY_CHARS
(mean body length, default 700), BENCH_SPAN_DAYS (default 3650), BENCH_TMP (where the SQLite file goes),
BENCH_KEEP_DB=1 (keep the loaded databases and reuse them next time: for working on the benchmark only).
"""

from __future__ import annotations

import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import Callable
from pathlib import Path
from typing import Any

from sqlalchemy import func, select

from bench.common import REPO_ROOT, Row, knob, log, median, run_main
from bench.crawling import CrawlSetup, bench_tmp, kept_database, postgres_available, temporary_database
from bench.simserver import SimProcess, simulator_process
from bench.synthetic import Generator, Shape, digest_day, load, timeline_end
from crawler.config import load_settings
from crawler.config.catalog import load_catalog
from crawler.util.simhash import simhash
from db.clusters import _bands, near_duplicate_candidates
from db.engine import make_engine, make_session_factory
from db.models import Item
from db.repository import item_by_url
from db.store_item import store_item
from pipelines.change import content_hash, diff, snapshot

OP_TARGET_MS = 5.0
DIGEST_TARGET_S = 2.0
MEMORY_TARGET_MB = 250.0
MEMORY_SOURCE = "zj-kjt-notices"
STORE_COLUMNS = ("title", "published_at", "written_date", "origin", "author", "issuer", "doc_number", "index_number",
                 "validity", "body_text", "body_html", "attachments", "comment_deadline", "comment_channel", "topics",
                 "extra")


def timings_ms(operation: Callable[[Any], Any], inputs: list[Any]) -> list[float]:
    out = []
    for value in inputs:
        started = time.perf_counter()
        operation(value)
        out.append((time.perf_counter() - started) * 1000)
    return out


def p90(values: list[float]) -> float:
    return statistics.quantiles(values, n=10)[-1] if len(values) >= 10 else max(values)


def measure_store(sessions: Any, generator: Generator, ops: int) -> list[float]:
    run = uuid.uuid4().hex[:8]
    new = [generator.new_item(f"{run}{j}") for j in range(ops)]

    def store(row: dict[str, Any]) -> None:
        columns = {k: row[k] for k in STORE_COLUMNS}
        snap = snapshot({"title": row["title"], "body_text": row["body_text"], "doc_number": row["doc_number"],
                         "source": row["origin"], "attachments": row["attachments"]})
        with sessions.begin() as session:
            store_item(session, row["source_id"], row["url"], columns, snap, content_hash(snap), row["first_seen_at"],
                       diff, fingerprint=lambda: simhash(row["body_text"]))

    return timings_ms(store, new)


def measure_near_duplicates(sessions: Any, rng: random.Random, ops: int) -> list[float]:
    def lookup(fingerprint: int) -> None:
        with sessions() as session:
            near_duplicate_candidates(session, _bands(fingerprint))

    return timings_ms(lookup, [rng.getrandbits(64) for _ in range(ops)])


def measure_url_checks(sessions: Any, items: int, rng: random.Random, ops: int) -> tuple[list[float], list[float]]:
    with sessions() as session:
        ids = rng.sample(range(1, items + 1), min(ops, items))
        known = list(session.scalars(select(Item.url).where(Item.id.in_(ids))))
    unknown = [u.replace("/art_", "/art_9") for u in known]

    def check(url: str) -> None:
        with sessions() as session:
            item_by_url(session, url)

    return timings_ms(check, known), timings_ms(check, unknown)


def measure_digest(database_url: str, folder: Path, engine: Any, generator: Generator) -> tuple[list[float], str]:
    try:
        from crawler.digest.build import build_digest
    except ImportError as exc:
        return [], f"crawler.digest not importable ({exc})"
    settings = load_settings(environ={"NEWSWATCH_DATABASE_URL": database_url, "NEWSWATCH_DATA_DIR": str(folder)})
    day = digest_day(generator.end)
    seconds, counts = [], {}
    for _ in range(5):
        started = time.perf_counter()
        digest = build_digest(settings, engine, day)
        seconds.append(time.perf_counter() - started)
        counts = digest.counts
    return seconds, f"digest of {day}: " + ", ".join(f"{k} {v}" for k, v in counts.items() if v)


def crawl_peak_mb(sim: SimProcess, database_url: str, folder: Path) -> dict[str, Any]:
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [str(REPO_ROOT), os.environ.get("PYTHONPATH")]))}
    answer = subprocess.run(
        [sys.executable, "-m", "bench.crawl_memory", "--database", database_url, "--simulator", sim.url,
         "--source", MEMORY_SOURCE, "--data-dir", str(folder)],
        cwd=REPO_ROOT, env=env, check=True, capture_output=True, text=True)
    return json.loads(answer.stdout.strip().splitlines()[-1])


def timeline_end_of(database_url: str) -> Any:
    """The end of the timeline a kept database was generated with (its items' last_checked_at)."""
    engine = make_engine(database_url)
    try:
        with make_session_factory(engine)() as session:
            return session.scalar(select(Item.last_checked_at).where(Item.id == 1))
    finally:
        engine.dispose()


def loaded_items(database_url: str) -> int:
    engine = make_engine(database_url)
    try:
        with engine.connect() as conn:
            return conn.scalar(select(func.max(Item.id))) or 0
    finally:
        engine.dispose()


def one_backend(kind: str, sim: SimProcess, folder: Path, shape: Shape, ops: int, baseline_mb: float) -> list[Row]:
    label = f"{kind}, {shape.items:,} items"
    keep = bool(int(knob("KEEP_DB", 0)))
    database = kept_database(kind, str(shape.items)) if keep else temporary_database(kind, folder, "scale")
    with database as url:
        setup = CrawlSetup(sim.url, url, folder / f"data-{kind}")  # migrations + sources table
        setup.close()
        generator = Generator(shape, list(load_catalog().values()), timeline_end())
        if keep and loaded_items(url) >= shape.items:
            phases = {"reused": 0.0}
            generator.end = timeline_end_of(url)
        else:
            log(f"{kind}: loading {shape.items:,} synthetic items")
            phases = load(url, generator)
        log(f"{kind}: loaded ({', '.join(f'{k} {v:.0f}s' for k, v in phases.items())}); measuring")
        engine = make_engine(url)
        sessions = make_session_factory(engine)
        rng = random.Random(7)
        known, unknown = measure_url_checks(sessions, shape.items, rng, ops)
        near = measure_near_duplicates(sessions, rng, ops)
        stored = measure_store(sessions, generator, ops)
        digest_s, digest_note = measure_digest(url, folder, engine, generator)
        engine.dispose()
        log(f"{kind}: crawl child memory")
        memory = crawl_peak_mb(sim, url, folder / f"data-{kind}")
    checks = known + unknown
    rows = [
        Row("scale", f"store a new item ({label})", median(stored), "ms", target=f"median < {OP_TARGET_MS:g} ms",
            passed=median(stored) < OP_TARGET_MS,
            note=f"p90 {p90(stored):.2f} ms; own transaction, SimHash included; load took "
                 + ", ".join(f"{k} {v:.0f}s" for k, v in phases.items())),
        Row("scale", f"near-duplicate lookup ({label})", median(near), "ms", target=f"median < {OP_TARGET_MS:g} ms",
            passed=median(near) < OP_TARGET_MS, note=f"p90 {p90(near):.2f} ms"),
        Row("scale", f"URL check ({label})", median(checks), "ms", target=f"median < {OP_TARGET_MS:g} ms",
            passed=median(checks) < OP_TARGET_MS,
            note=f"stored URLs {median(known):.2f} ms, unknown {median(unknown):.2f} ms; p90 {p90(checks):.2f} ms"),
    ]
    if digest_s:
        rows.append(Row("scale", f"build a day's digest ({label})", median(digest_s), "s",
                        target=f"median < {DIGEST_TARGET_S:g} s", passed=median(digest_s) < DIGEST_TARGET_S,
                        note=f"median of {len(digest_s)}; {digest_note}"))
    else:
        rows.append(Row("scale", f"build a day's digest ({label})", None, target=f"< {DIGEST_TARGET_S:g} s",
                        note=digest_note))
    rows.append(Row("scale", f"crawl child peak RSS ({label})", memory["peak_mb"], "MB", peer=baseline_mb,
                    peer_name="empty database", ratio=memory["peak_mb"] / baseline_mb,
                    target=f"< {MEMORY_TARGET_MB:g} MB", passed=memory["peak_mb"] < MEMORY_TARGET_MB,
                    note=f"crawl of {MEMORY_SOURCE} ({shape.items // len(load_catalog()):,} of the items are its own): "
                         f"{memory['outcome']}, {memory['counts'].get('requests', 0)} requests, {memory['seconds']:.1f}s"))
    return rows


def run() -> list[Row]:
    """Scale: per-operation latency and crawl-child memory on a database of BENCH_ITEMS synthetic items."""
    shape = Shape(items=int(knob("ITEMS", 1_000_000)), span_days=int(knob("SPAN_DAYS", 3650)),
                  body_chars=int(knob("BODY_CHARS", 700)))
    ops = int(knob("OPS", 200))
    kinds = [k for k in str(knob("SCALE_DBS", "sqlite,postgres")).split(",") if k]
    rows: list[Row] = []
    with simulator_process() as sim, tempfile.TemporaryDirectory(dir=bench_tmp()) as tmp:
        folder = Path(tmp)
        with temporary_database("sqlite", folder, "empty") as url:
            baseline = crawl_peak_mb(sim, url, folder / "data-empty")["peak_mb"]
        log(f"crawl child peak RSS on an empty database: {baseline:.0f} MB")
        for kind in kinds:
            problem = postgres_available() if kind == "postgres" else None
            if problem:
                rows.append(Row("scale", f"{kind}: not measured", None, note=problem))
                continue
            rows += one_backend(kind, sim, folder, shape, ops, baseline)
    return rows


if __name__ == "__main__":
    run_main("scale", run)
