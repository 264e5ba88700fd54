"""`newswatch demo`: start the simulator, crawl every source from it, and check the result against its truth."""

from __future__ import annotations

import sys
import threading
import urllib.request
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import click
from sqlalchemy import func, select

from crawler.cli.context import AppContext, pass_app
from crawler.cli.crawl_cmd import INTERRUPTED_EXIT, run_crawl, summary_table
from crawler.digest.build import build_digest
from crawler.util.file_writes import write_text_atomically
from crawler.util.simulator_url import simulator_json, to_simulator_url
from crawler.util.table import format_table, truncate
from crawler.util.urls import canonical_url
from db.engine import make_session_factory
from db.models import Item
from spiders.feed_parsing import parse_feed

DEMO_CONFIG = Path(__file__).resolve().parents[1] / "demo.yaml"


def fetch_truth(simulator: str) -> dict[str, list[dict[str, object]]]:
    return simulator_json(simulator, "/_sim/truth")["sources"]


def expected_urls(app: AppContext, simulator: str, source_id: str, articles: list[dict[str, object]]) -> list[str]:
    """Canonical URLs a crawl must store: every served article, except that a feed lists only its newest."""
    urls = [canonical_url(str(a["url"])) for a in articles]
    source = app.catalog[source_id]
    if source.family == "feed":
        with urllib.request.urlopen(to_simulator_url(simulator, source.start_urls[0]), timeout=30) as answer:
            listed = {canonical_url(e.url) for e in parse_feed(answer.read(), source.start_urls[0]).entries}
        urls = [u for u in urls if u in listed]
    return urls


def truth_report(app: AppContext, simulator: str, truth: dict[str, list[dict[str, object]]]) -> tuple[str, bool]:
    """Per source: articles expected, stored, missing, stored more than once."""
    rows, all_good = [], True
    with make_session_factory(app.engine())() as session:
        for source_id, articles in sorted(truth.items()):
            if source_id not in app.catalog:
                continue
            urls = expected_urls(app, simulator, source_id, articles)
            counts = dict(session.execute(
                select(Item.url, func.count(Item.id)).where(Item.url.in_(urls)).group_by(Item.url)
            ).all())
            missing = sum(1 for u in urls if u not in counts)
            doubled = sum(1 for n in counts.values() if n > 1)
            all_good &= missing == 0 and doubled == 0
            rows.append((source_id, len(urls), len(counts), missing, doubled))
    table = format_table(("source", "expected", "stored", "missing", "duplicated"), rows, right=(1, 2, 3, 4))
    return table, all_good


def write_digest(app: AppContext) -> str:
    """Today's digest (everything this demo found) as an HTML file in the data directory."""
    today = datetime.now(ZoneInfo(app.settings.timezone)).date()
    digest = build_digest(app.settings, app.engine(), today)
    path = app.settings.data_dir / f"digest-{today.isoformat()}.html"
    try:
        write_text_atomically(path, digest.html)
    except OSError as exc:  # a full disk: say so, leave no half-written preview behind
        return f"Digest preview NOT written to {path}: {exc.strerror or exc}"
    return f"Digest preview written to {path}\n  subject: {digest.subject}"


def register(cli: click.Group) -> None:
    @cli.command("demo")
    @click.option("--port", type=int, default=0, help="Simulator port (default: a free one).")
    @pass_app
    def demo(app: AppContext, port: int) -> None:
        """Offline end-to-end demo: simulator + crawl of every source into the local database."""
        from simulator.server import make_server

        server = make_server(port)
        simulator = f"http://127.0.0.1:{server.server_address[1]}"
        threading.Thread(target=server.serve_forever, daemon=True).start()
        app.simulator = simulator
        app.config_path = app.config_path or str(DEMO_CONFIG)
        app.__dict__.pop("settings", None)  # settings are rebuilt with the simulator and demo rules in them
        click.echo(f"simulator running at {simulator}; database {app.settings.database_url}")
        try:
            served = tuple(s for s in simulator_json(simulator, "/_sim/sources")["sources"] if s in app.catalog)
            report = run_crawl(app, served, None, 0.0)
            click.echo("\nCrawl summary\n" + summary_table(report.ran))
            if report.interrupted:
                sys.exit(INTERRUPTED_EXIT)
            table, ok = truth_report(app, simulator, fetch_truth(simulator))
            click.echo("\nChecked against the simulator's ground truth\n" + table)
            with make_session_factory(app.engine())() as session:
                newest = session.scalars(select(Item).order_by(Item.published_at.desc()).limit(10)).all()
                rows = [(i.published_at.astimezone(ZoneInfo(app.settings.timezone)).strftime("%Y-%m-%d") if i.published_at else "", i.source_id,
                         truncate(i.title, 56), i.doc_number or "") for i in newest]
            click.echo("\nNewest items\n" + format_table(("published", "source", "title", "文号"), rows))
            click.echo("\nEvery served article stored exactly once." if ok else "\nMISMATCH with the ground truth (see above).")
            click.echo(write_digest(app))
            if not ok:
                raise SystemExit(1)
        finally:
            server.shutdown()
