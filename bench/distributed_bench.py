"""Distributed crawl benchmark: wall time of one catalog crawl with 1 and with 3 `newswatch worker` processes.

`python -m bench.distributed_bench [--sources 21] [--delay 0.5] [--max-pages 1]` (run by hand, not a test).
Politeness is on: every source keeps one connection and `--delay` seconds between requests to its host,
and no host is crawled by two workers at once. Many hosts: every crawled source is a mirror of a
simulated source on a host of its own (bench/host_mirror.py). Each run starts from an empty PostgreSQL
schema (NEWSWATCH_BENCH_POSTGRES_URL, default the local test database) and a fresh Redis queue, so
both runs do the same work. Prints the two wall times and their ratio (target: 3 workers >= 2.5x faster).
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
import urllib.request
import uuid
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from pathlib import Path
from typing import Any

import yaml
from redis import Redis
from sqlalchemy import create_engine, text

from crawler.config import load_settings
from crawler.config.catalog import CatalogSource, load_catalog
from crawler.distributed.broker import Broker
from crawler.distributed.config import load_distributed_config
from crawler.distributed.enqueue import Dispatcher
from crawler.distributed.worker import job_timeout
from crawler.run.bootstrap import prepare_database
from db.crawl_requests import count_by_status
from db.engine import make_session_factory
from db.models import CrawlRequest, Item

REPO = Path(__file__).absolute().parents[1]
POSTGRES = os.environ.get("NEWSWATCH_BENCH_POSTGRES_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test")
REDIS = os.environ.get("NEWSWATCH_BENCH_REDIS_URL", "redis://127.0.0.1:6379/0")
TARGET = 2.5


def log(message: str) -> None:
    print(f"[bench {time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


@contextmanager
def child(command: list[str], env: dict[str, str] | None = None) -> Iterator[str]:
    """A helper process that prints `... <url>` on its first line; yields that URL."""
    process = subprocess.Popen(command, cwd=REPO, env=env or dict(os.environ), stdout=subprocess.PIPE, text=True)
    try:
        assert process.stdout is not None
        yield process.stdout.readline().split()[-1]
    finally:
        process.terminate()
        process.wait(timeout=30)


def mirror_catalog(served: list[CatalogSource], count: int, delay: float, max_pages: int, folder: Path) -> tuple[Path, dict[str, str]]:
    """`count` sources, each a mirror of a served source on a host of its own; returns the catalog and the host map."""
    entries, mapping = [], {}
    for index in range(count):
        base = served[index % len(served)]
        real, mirror = base.primary_host, f"b{index:02d}-{base.primary_host}"
        data = json.loads(json.dumps(base.model_dump(mode="json")).replace(real, mirror))
        data["id"] = f"{base.id}-b{index:02d}"
        data["paging"]["max_pages"] = min(data["paging"]["max_pages"], max_pages)
        data["politeness"] = {**data["politeness"], "download_delay": delay, "concurrent_requests_per_host": 1}
        entries.append(data)
        mapping[mirror] = real
    path = folder / "mirrors.yaml"
    path.write_text(yaml.safe_dump({"sources": entries}, allow_unicode=True), encoding="utf-8")
    return path, mapping


def run_once(workers: int, env: dict[str, str], sources: list[str], folder: Path) -> dict[str, Any]:
    schema = f"bench_dist_{uuid.uuid4().hex[:10]}"
    admin = create_engine(POSTGRES)
    with admin.begin() as conn:
        conn.execute(text(f"CREATE SCHEMA {schema}"))
    url = f"{POSTGRES}?options=-csearch_path%3D{schema}"
    queue = f"bench{uuid.uuid4().hex[:8]}"
    env = {**env, "NEWSWATCH_DATABASE_URL": url, "NEWSWATCH_QUEUE": queue, "NEWSWATCH_DATA_DIR": str(folder / queue)}
    settings = load_settings(environ=env, simulator=env["NEWSWATCH_SIMULATOR"])
    catalog = load_catalog(settings.catalog_paths)
    engine = prepare_database(settings, catalog)
    sessions = make_session_factory(engine)
    config = load_distributed_config(settings, environ=env)
    assert config is not None
    broker = Broker(config, job_timeout(settings))
    processes = [subprocess.Popen([sys.executable, "-m", "crawler", "worker", "--name", f"{queue}-w{i}", "--delay-scale", "1"],
                                  cwd=REPO, env=env, stdout=subprocess.DEVNULL, stderr=open(folder / f"{queue}-w{i}.log", "w"))  # noqa: SIM115
                 for i in range(workers)]
    try:
        while len(broker.workers()) < workers:
            time.sleep(0.2)
        started = time.monotonic()
        Dispatcher(sessions, broker, "benchmark", config.max_retries).submit_batch([catalog[s] for s in sources])
        while True:
            with sessions() as session:
                counts = count_by_status(session)
            if not counts.get("pending") and not counts.get("started"):
                break
            time.sleep(0.2)
        wall = time.monotonic() - started
        with sessions() as session:
            outcomes = [o for (o,) in session.query(CrawlRequest.outcome)]
            items = session.query(Item).count()
        return {"workers": workers, "wall": wall, "crawls": len(outcomes), "ok": outcomes.count("ok"), "items": items}
    finally:
        for process in processes:
            process.terminate()
        for process in processes:
            process.wait(timeout=60)
        engine.dispose()
        redis = Redis.from_url(REDIS)
        leftovers = list(redis.scan_iter(match=f"*{queue}*"))
        if leftovers:
            redis.delete(*leftovers)
        with admin.begin() as conn:
            conn.execute(text(f"DROP SCHEMA {schema} CASCADE"))
        admin.dispose()


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.distributed_bench", description=__doc__.split("\n")[0])
    parser.add_argument("--sources", type=int, default=21, help="mirrored sources, each on its own host")
    parser.add_argument("--delay", type=float, default=0.5, help="seconds between two requests to one host")
    parser.add_argument("--max-pages", type=int, default=1, help="list pages read per source")
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="nw-distbench-"))
    with ExitStack() as stack:
        sim = stack.enter_context(child([sys.executable, "-m", "crawler", "sim", "--port", "0"]))
        with urllib.request.urlopen(f"{sim}/_sim/sources", timeout=60) as answer:
            served_ids = list(json.load(answer)["sources"])
        catalog = load_catalog()
        served = [catalog[s] for s in served_ids if s in catalog]
        catalog_path, mapping = mirror_catalog(served, args.sources, args.delay, args.max_pages, folder)
        (folder / "mapping.json").write_text(json.dumps(mapping), encoding="utf-8")
        proxy = stack.enter_context(child([sys.executable, "-m", "bench.host_mirror", sim, str(folder / "mapping.json")]))
        env = {**os.environ, "NEWSWATCH_SIMULATOR": proxy, "NEWSWATCH_CATALOGS": str(catalog_path),
               "NEWSWATCH_REDIS_URL": REDIS, "NEWSWATCH_CRAWL_TIMEOUT": "900", "PYTHONPATH": str(REPO)}
        env.pop("NEWSWATCH_CONFIG", None)
        sources = [s.id for s in load_catalog([catalog_path], include_builtin=False).values()]
        log(f"{len(sources)} sources on {len(mapping)} hosts, {args.delay}s between requests to a host, "
            f"{args.max_pages} list page(s) each; files in {folder}")
        results = []
        for workers in (1, 3):
            results.append(run_once(workers, env, sources, folder))
            log(f"{workers} worker(s): {results[-1]['wall']:.1f}s")
        with urllib.request.urlopen(f"{proxy}/_mirror/concurrency", timeout=30) as answer:
            peak = max(json.load(answer).values())
    print(f"{'workers':>7}  {'wall time':>9}  {'crawls ok':>9}  {'items':>6}")
    for r in results:
        print(f"{r['workers']:>7}  {r['wall']:>8.1f}s  {r['ok']:>4}/{r['crawls']:<4}  {r['items']:>6}")
    ratio = results[0]["wall"] / results[1]["wall"]
    verdict = "PASS" if ratio >= TARGET and peak <= 1 else "FAIL"
    print(f"speed-up with 3 workers: {ratio:.2f}x (target >= {TARGET}x); highest concurrency on one host: {peak}  {verdict}")


if __name__ == "__main__":
    main()
