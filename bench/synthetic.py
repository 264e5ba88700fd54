"""A large synthetic newswatch database, fast: realistic rows (URL, title and body sizes, SimHash bands, reposts,
one version and one 'new' event per item) bulk-loaded with secondary indexes built afterwards.

Values are converted by SQLAlchemy's own bind processors (so they are stored exactly as newswatch stores
them), then SQLite is loaded with the driver's executemany (journal off during the load, WAL again after)
and PostgreSQL with COPY (foreign-key triggers off during the load). Both end with the migrations' schema.
"""

from __future__ import annotations

import array
import hashlib
import json
import os
import queue
import random
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone
from typing import Any

from sqlalchemy import Engine, text

from bench.common import log
from crawler.config.catalog import CatalogSource
from crawler.extract.topics import match_topics
from crawler.util.china_time import CHINA_TZ
from db.engine import make_engine
from db.models import ChangeEvent, Item, ItemVersion
from simulator.agencies import AGENCIES
from simulator.pen import Pen
from simulator.writers import WRITERS

BATCH = 5000
POOL = 6000  # documents of text; items draw from them (text repeats, sizes and everything else do not)
REPOST_SHARE = 0.02  # items that repost an earlier one (same text give or take a line: 1-2 SimHash bits apart)
DRAFT_SHARE = 0.01  # drafts for comment, with a deadline
CHANGED_SHARE = 0.005  # items edited after publication (a 'changed' event)
LOADED_TABLES = ("items", "item_versions", "change_events")
KIND_WEIGHTS = (("notice", 40), ("policy", 20), ("news", 25), ("draft", 8), ("inspection", 7))


@dataclass(frozen=True)
class Piece:
    """One written document of the text pool: title, paragraphs, and the topics the taxonomy finds in them."""

    title: str
    paragraphs: tuple[str, ...]


def _written(rng: random.Random, count: int, end: datetime) -> list[Piece]:
    """Documents written by the project's simulator (simulator/writers.py: notices, policies, drafts for comment,
    news, inspection reports of the simulated science and drug agencies, from its own word banks), so the text
    has the vocabulary, phrasing and trigram spread of government notices rather than random characters."""
    agencies = list(AGENCIES.values())
    kinds, weights = [k for k, _ in KIND_WEIGHTS], [w for _, w in KIND_WEIGHTS]
    pieces = []
    for _ in range(count):
        published = (end - timedelta(days=rng.randrange(3650))).astimezone(CHINA_TZ)
        pen = Pen(random.Random(rng.getrandbits(64)), rng.choice(agencies), published)
        draft = WRITERS[rng.choices(kinds, weights)[0]](pen)
        pieces.append(Piece(draft.title, tuple(p.text for p in draft.paragraphs if p.text)))
    return pieces


@dataclass(frozen=True)
class Shape:
    """How big and how spread the synthetic data is."""

    items: int
    span_days: int = 3650
    body_chars: int = 700  # mean body length in characters (Chinese: about 3 bytes each)
    seed: int = 20261120


class Generator:
    """Deterministic rows for items 1..N, in first-seen order (ids grow with time, as in a real database)."""

    def __init__(self, shape: Shape, sources: list[CatalogSource], end: datetime) -> None:
        self.shape = shape
        self.rng = random.Random(shape.seed)
        self.end = end
        self.start = end - timedelta(days=shape.span_days)
        self.step = (end - self.start) / shape.items
        # (id, host, column id in URLs, agency) per source; bodies and titles from pools (text repeats, sizes do not).
        self.sources = [(s.id, s.primary_host, int(hashlib.md5(s.id.encode()).hexdigest()[:8], 16) % 10**9 + 10**9,
                         s.agency.zh) for s in sources]
        pieces = _written(self.rng, POOL, end)
        paragraphs = [p for piece in pieces for p in piece.paragraphs]
        # (title, body_text, body_html, topics): a document's own text, lengthened with paragraphs of others to
        # the body sizes of real notices and policies; its topics are what newswatch's matcher finds in its own
        # title and paragraphs (the borrowed ones would give nearly every item every topic).
        self.documents = []
        for piece in pieces:
            body_text, body_html = self._body(list(piece.paragraphs), paragraphs)
            topics = match_topics("\n".join((piece.title, *piece.paragraphs)))
            self.documents.append((piece.title, body_text, body_html, topics))
        self.titles = [d[0] for d in self.documents]
        self.bodies = [(d[1], d[2]) for d in self.documents]
        self.simhashes = array.array("q")
        self.clusters = array.array("q")

    def first_seen(self, index: int) -> datetime:
        return self.start + self.step * index

    def _body(self, paragraphs: list[str], pool: list[str]) -> tuple[str, str]:
        """(body_text, body_html): sizes exponentially distributed around shape.body_chars, as notices and
        long policy documents mix on these sites."""
        size = sum(len(p) for p in paragraphs)
        target = self.rng.expovariate(1 / self.shape.body_chars) + 120
        while size < target:
            paragraph = self.rng.choice(pool)
            paragraphs.append(paragraph)
            size += len(paragraph)
        return "\n".join(paragraphs), "".join(f"<p>{p}</p>" for p in paragraphs)

    def fingerprint(self, index: int) -> tuple[int, int]:
        """(signed SimHash, cluster id) of item index+1; a repost copies an earlier item's, 1-2 bits apart."""
        item_id = index + 1
        if index > 100 and self.rng.random() < REPOST_SHARE:
            original = index - self.rng.randint(1, min(index, 5000))
            value = self.simhashes[original] & (1 << 64) - 1
            for _ in range(self.rng.randint(1, 2)):
                value ^= 1 << self.rng.randrange(64)
            cluster = self.clusters[original]
        else:
            value, cluster = self.rng.getrandbits(64), item_id
        signed = value - (1 << 64) if value >= 1 << 63 else value
        self.simhashes.append(signed)
        self.clusters.append(cluster)
        return signed, cluster

    def rows(self, index: int) -> tuple[dict[str, Any], dict[str, Any], list[dict[str, Any]]]:
        """(item, version, events) of item index+1."""
        rng = self.rng
        item_id = index + 1
        source_id, host, column, agency = self.sources[index % len(self.sources)]
        seen = self.first_seen(index)
        published = seen - timedelta(minutes=rng.randint(10, 3 * 24 * 60))
        local = published.astimezone(CHINA_TZ)
        url = f"https://{host}/art/{local.year}/{local.month}/{local.day}/art_{column}_{90_000_000 + item_id}.html"
        title, body_text, body_html, topics = rng.choice(self.documents)
        roll = rng.random()
        doc_number = f"浙科发〔{local.year}〕{item_id}号" if roll < 0.2 else None
        draft = roll > 1 - DRAFT_SHARE
        deadline = (local + timedelta(days=30)).date() if draft else None
        attachments = ([{"name": "附件1.pdf", "url": url.replace(".html", "_1.pdf"), "type": "pdf"}]
                       if 0.2 <= roll < 0.3 else [])
        simhash, cluster = self.fingerprint(index)
        unsigned = simhash & (1 << 64) - 1
        digest = f"{item_id:064x}"
        item = {
            "id": item_id, "source_id": source_id, "url": url, "title": title, "published_at": published,
            "written_date": None, "origin": agency, "author": None, "issuer": None,
            "doc_number": doc_number, "index_number": None, "validity": None, "body_text": body_text,
            "body_html": body_html, "attachments": attachments,
            "comment_deadline": deadline, "comment_channel": "电子邮件" if draft else None,
            "topics": topics, "extra": {"amounts": []},
            "content_hash": digest, "status": "active", "version": 1, "cluster_id": cluster, "simhash": simhash,
            "simhash_b0": unsigned & 0xFFFF, "simhash_b1": unsigned >> 16 & 0xFFFF,
            "simhash_b2": unsigned >> 32 & 0xFFFF, "simhash_b3": unsigned >> 48 & 0xFFFF,
            "first_seen_at": seen, "last_seen_at": self.end, "last_checked_at": self.end,
        }
        snapshot = {
            "title": title, "published": local.isoformat(), "written": None, "doc_number": doc_number,
            "index_number": None, "source": agency, "issuer": None, "validity": None,
            "body_text": body_text, "attachments": [{"name": a["name"], "url": a["url"]} for a in attachments],
            "comment_deadline": deadline.isoformat() if deadline else None,
        }
        version = {"id": item_id, "item_id": item_id, "version": 1, "fetched_at": seen, "content_hash": digest,
                   "fields": snapshot, "diff": {}}
        events = [{"kind": "new", "source_id": source_id, "item_id": item_id, "dedupe_key": f"new:{url}",
                   "created_at": seen, "payload": {"title": title, "url": url, "cluster_id": cluster}}]
        if rng.random() < CHANGED_SHARE:
            diff = {"title": {"before": title, "after": title + "（更新）"}}
            events.append({"kind": "changed", "source_id": source_id, "item_id": item_id,
                           "dedupe_key": f"changed:{item_id}:2", "created_at": seen + timedelta(days=rng.randint(1, 5)),
                           "payload": {"title": title, "url": url, "diff": diff}})
        return item, version, events

    def new_item(self, token: str) -> dict[str, Any]:
        """An item that is in no loaded database: what a crawl would store next (its SimHash is computed)."""
        rng = random.Random(token)  # not the loader's sequence: a rerun on a kept database picks other texts
        source_id, host, column, agency = self.sources[rng.randrange(len(self.sources))]
        local = self.end.astimezone(CHINA_TZ)
        body_text, body_html = rng.choice(self.bodies)
        return {
            "source_id": source_id, "url": f"https://{host}/art/{local.year}/{local.month}/{local.day}/art_{column}_n{token}.html",
            "title": rng.choice(self.titles), "published_at": self.end, "written_date": None,
            "origin": agency, "author": None, "issuer": None, "doc_number": None, "index_number": None,
            "validity": None, "body_text": body_text, "body_html": body_html, "attachments": [],
            "comment_deadline": None, "comment_channel": None, "topics": [], "extra": {"amounts": []},
            "first_seen_at": self.end,
        }

    def batches(self) -> Iterator[tuple[list[dict[str, Any]], list[dict[str, Any]], list[dict[str, Any]]]]:
        for start in range(0, self.shape.items, BATCH):
            items, versions, events = [], [], []
            for index in range(start, min(start + BATCH, self.shape.items)):
                item, version, item_events = self.rows(index)
                items.append(item)
                versions.append(version)
                events.extend(item_events)
            yield items, versions, events


def _secondary_indexes(engine: Engine) -> list[tuple[str, str]]:
    """(name, CREATE statement) of the non-unique indexes of the loaded tables."""
    with engine.connect() as conn:
        if engine.dialect.name == "sqlite":
            rows = conn.execute(text(
                "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL AND tbl_name IN "
                "('items', 'item_versions', 'change_events', 'item_topics')")).all()
            return [(name, sql) for name, sql in rows if "UNIQUE" not in sql.upper()]
        rows = conn.execute(text(
            "SELECT indexname, indexdef FROM pg_indexes WHERE schemaname = current_schema() AND tablename IN "
            "('items', 'item_versions', 'change_events', 'item_topics') AND indexdef NOT LIKE 'CREATE UNIQUE%'")).all()
        return [(name, sql) for name, sql in rows]


# What migration 0009 runs on an existing database: item_topics from the items' topic lists.
TOPICS_BACKFILL = {
    "sqlite": "INSERT INTO item_topics (item_id, topic, published_at, first_seen_at) SELECT DISTINCT items.id, "
              "j.value, items.published_at, items.first_seen_at FROM items, json_each(items.topics) AS j "
              "WHERE j.type = 'text'",
    "postgresql": "INSERT INTO item_topics (item_id, topic, published_at, first_seen_at) SELECT DISTINCT items.id, "
                  "t.topic, items.published_at, items.first_seen_at FROM items, "
                  "json_array_elements_text(items.topics) AS t(topic)",
}


def load(database_url: str, generator: Generator) -> dict[str, float]:
    """Fill an upgraded, empty database with the generator's items; returns seconds spent per phase."""
    engine = make_engine(database_url)
    indexes = _secondary_indexes(engine)
    timings: dict[str, float] = {}
    started = time.perf_counter()
    with engine.begin() as conn:
        for name, _ in indexes:
            conn.execute(text(f'DROP INDEX "{name}"'))
        # item_topics is filled once after the load, as migration 0009 fills it (PostgreSQL's COPY runs with
        # triggers off anyway: session_replication_role).
        topic_triggers = [] if engine.dialect.name != "sqlite" else conn.execute(text(
            "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'item_topics_%'")).all()
        for name, _ in topic_triggers:
            conn.execute(text(f'DROP TRIGGER "{name}"'))
    if engine.dialect.name == "sqlite":
        _load_sqlite(engine, generator)
    else:
        _load_postgres(engine, generator)
    timings["rows"] = time.perf_counter() - started
    started = time.perf_counter()
    with engine.begin() as conn:
        conn.execute(text(TOPICS_BACKFILL[engine.dialect.name]))
        for _, sql in topic_triggers:
            conn.execute(text(sql))
    timings["topics"] = time.perf_counter() - started
    started = time.perf_counter()
    with engine.begin() as conn:
        if engine.dialect.name == "postgresql":
            conn.execute(text("SET maintenance_work_mem = '512MB'"))
        for _, sql in indexes:
            conn.execute(text(sql))
    timings["indexes"] = time.perf_counter() - started
    started = time.perf_counter()
    if engine.dialect.name == "postgresql":
        # What autovacuum does to a real database long before anyone measures it: statistics, hint bits and
        # the visibility map (without it no index-only scan; the bodies' TOAST table does not matter here).
        with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
            conn.execute(text("VACUUM (ANALYZE, PROCESS_TOAST FALSE) items"))
            conn.execute(text("VACUUM (ANALYZE, PROCESS_TOAST FALSE) item_versions, change_events, item_topics"))
    else:
        with engine.begin() as conn:
            conn.execute(text("ANALYZE"))
    timings["analyze"] = time.perf_counter() - started
    started = time.perf_counter()
    _flush_to_disk(engine)
    timings["flush"] = time.perf_counter() - started
    engine.dispose()
    return timings


def _flush_to_disk(engine: Engine) -> None:
    """Write the load out before anything is timed: a fresh load leaves gigabytes of dirty pages, and the first
    checkpoint that fsyncs them would stall the operations being measured (a real database is not in that state)."""
    if engine.dialect.name == "sqlite":
        path = engine.url.database
        if path:
            descriptor = os.open(path, os.O_RDONLY)
            try:
                os.fsync(descriptor)
            finally:
                os.close(descriptor)
        return
    with engine.connect() as conn:
        conn.execute(text("CHECKPOINT"))


def _bound_rows(engine: Engine, table: Any, rows: list[dict[str, Any]]) -> tuple[list[str], list[tuple[Any, ...]]]:
    """Column names and value tuples converted exactly as SQLAlchemy would bind them (UTC datetimes, JSON text)."""
    columns = list(rows[0])
    processors = []
    for name in columns:
        column_type = table.c[name].type
        processors.append(column_type._cached_bind_processor(engine.dialect))
    converted = [tuple(p(row[c]) if p else row[c] for c, p in zip(columns, processors, strict=True)) for row in rows]
    return columns, converted


TABLES = (Item.__table__, ItemVersion.__table__, ChangeEvent.__table__)
Prepared = list[tuple[str, list[str], list[tuple[Any, ...]]]]  # (table, columns, rows) of one batch


def _prepared_batches(engine: Engine, generator: Generator) -> Iterator[Prepared]:
    done = 0
    for batch in generator.batches():
        yield [(table.name, *_bound_rows(engine, table, rows)) for table, rows in zip(TABLES, batch, strict=True)]
        done += len(batch[0])
        if done % 200_000 == 0:
            log(f"  {done:,} items")


def _pipelined(batches: Iterator[Prepared], writers: list[Callable[[Prepared], None]]) -> None:
    """Generate in this thread while writer threads store earlier batches: drivers release the GIL while the
    database works, so generating and writing overlap (and two PostgreSQL backends use both cores)."""
    pending: queue.Queue[Prepared | None] = queue.Queue(maxsize=2 * len(writers))
    errors: list[BaseException] = []

    def drain(write: Callable[[Prepared], None]) -> None:
        while (batch := pending.get()) is not None:
            if not errors:
                try:
                    write(batch)
                except BaseException as exc:  # handed to the main thread, which raises it
                    errors.append(exc)

    threads = [threading.Thread(target=drain, args=(w,), daemon=True) for w in writers]
    for thread in threads:
        thread.start()
    for batch in batches:
        if errors:
            break
        pending.put(batch)
    for _ in threads:
        pending.put(None)
    for thread in threads:
        thread.join()
    if errors:
        raise errors[0]


def _load_sqlite(engine: Engine, generator: Generator) -> None:
    raw = engine.raw_connection()
    try:
        dbapi = raw.driver_connection
        assert dbapi is not None
        for pragma in ("journal_mode=OFF", "synchronous=OFF", "cache_size=-524288", "temp_store=MEMORY", "threads=2"):
            dbapi.execute(f"PRAGMA {pragma}")
        dbapi.commit()

        def write(batch: Prepared) -> None:
            for table, columns, values in batch:
                marks = ", ".join("?" for _ in columns)
                dbapi.executemany(f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({marks})", values)
            dbapi.commit()

        _pipelined(_prepared_batches(engine, generator), [write])
        dbapi.execute("PRAGMA journal_mode=WAL")
        dbapi.commit()
    finally:
        raw.close()


def _copy_field(value: Any) -> str:
    """One value in PostgreSQL's COPY text format (JSON as SQLAlchemy's default serializer writes it)."""
    if value is None:
        return "\\N"
    if isinstance(value, bool):
        return "t" if value else "f"
    if isinstance(value, (dict, list)):
        value = json.dumps(value)
    elif isinstance(value, datetime):
        value = value.astimezone(timezone.utc).isoformat()
    elif not isinstance(value, str):
        value = str(value) if not isinstance(value, date) else value.isoformat()
    # str.replace is C-fast; str.translate with a mapping is a Python-speed loop on non-ASCII text.
    return value.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r")


def _copy_batches(generator: Generator) -> Iterator[Prepared]:
    """Batches as COPY text, built here so that the writer threads only send bytes."""
    done = 0
    for batch in generator.batches():
        prepared = []
        for table, rows in zip(TABLES, batch, strict=True):
            columns = list(rows[0])
            text_rows = "".join("\t".join([_copy_field(row[c]) for c in columns]) + "\n" for row in rows)
            prepared.append((table.name, columns, [(text_rows.encode(),)]))
        yield prepared
        done += len(batch[0])
        if done % 200_000 == 0:
            log(f"  {done:,} items")


def _load_postgres(engine: Engine, generator: Generator) -> None:
    raws = [engine.raw_connection() for _ in range(2)]
    try:
        connections = [raw.driver_connection for raw in raws]
        for dbapi in connections:
            dbapi.execute("SET session_replication_role = replica")  # no foreign-key triggers during the load
            dbapi.commit()

        def writer(dbapi: Any) -> Callable[[Prepared], None]:
            def write(batch: Prepared) -> None:
                with dbapi.cursor() as cursor:
                    for table, columns, ((data,),) in batch:
                        with cursor.copy(f"COPY {table} ({', '.join(columns)}) FROM STDIN") as copy:
                            copy.write(data)
                dbapi.commit()
            return write

        _pipelined(_copy_batches(generator), [writer(c) for c in connections])
        with connections[0].cursor() as cursor:
            for table in LOADED_TABLES:
                cursor.execute(f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), (SELECT max(id) FROM {table}))")
        connections[0].commit()
    finally:
        for raw in raws:
            raw.close()


def digest_day(end: datetime) -> date:
    """The last complete local day of the synthetic timeline."""
    return (end.astimezone(CHINA_TZ) - timedelta(days=1)).date()


def timeline_end() -> datetime:
    return datetime.now(timezone.utc).replace(microsecond=0) - timedelta(hours=1)
