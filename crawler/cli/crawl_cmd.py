"""`newswatch crawl`: a one-off crawl with progress and a summary table per source."""

from __future__ import annotations

import sys
import threading
import time
from typing import Any

import click

from crawler.cli.context import AppContext, pass_app
from crawler.runner import CrawlResult, CrawlRunner
from crawler.table import format_table


class ProgressPrinter:
    """One line per source update, at most every two seconds per source, on stderr."""

    def __init__(self, interval: float = 2.0) -> None:
        self.interval = interval
        self.last: dict[str, float] = {}
        self.lock = threading.Lock()

    def __call__(self, source_id: str, data: dict[str, Any]) -> None:
        now = time.monotonic()
        with self.lock:
            if now - self.last.get(source_id, 0.0) < self.interval:
                return
            self.last[source_id] = now
        click.echo(
            f"  {source_id}: {data['entries']} entries, {data['new']} new, {data['changed']} changed, "
            f"{data['errors']} errors, {data['requests']} requests",
            err=True,
        )


def summary_table(results: list[CrawlResult]) -> str:
    rows = [
        (r.source_id, r.outcome, r.counts.get("entries_seen", 0), r.counts.get("new", 0), r.counts.get("changed", 0),
         r.counts.get("withdrawn", 0), r.counts.get("errors", 0), f"{r.duration:.1f}s", r.message)
        for r in results
    ]
    headers = ("source", "outcome", "entries", "new", "changed", "withdrawn", "errors", "duration", "message")
    return format_table(headers, rows, right=(2, 3, 4, 5, 6, 7))


def run_crawl(app: AppContext, source_ids: tuple[str, ...], delay_scale: float | None, wait: float) -> list[CrawlResult]:
    sources = app.select_sources(source_ids)
    engine = app.crawling_engine()
    scale = delay_scale if delay_scale is not None else (0.0 if app.settings.simulator else 1.0)
    where = f"simulator {app.settings.simulator}" if app.settings.simulator else "the real sites"
    click.echo(f"crawling {len(sources)} source(s) from {where}", err=True)
    runner = CrawlRunner(app.settings, engine, trigger="manual", politeness_scale=scale,
                         on_progress=ProgressPrinter(), lock_wait=wait)
    return runner.run(sources)


def register(cli: click.Group) -> None:
    @cli.command("crawl")
    @click.option("--source", "source_ids", multiple=True, metavar="ID", help="Crawl only this source (repeatable).")
    @click.option("--delay-scale", type=float, default=None,
                  help="Multiply every politeness delay (default 1; 0 when crawling the local simulator).")
    @click.option("--wait", type=float, default=0.0, show_default=True,
                  help="Seconds to wait for a source another process is crawling before skipping it.")
    @pass_app
    def crawl(app: AppContext, source_ids: tuple[str, ...], delay_scale: float | None, wait: float) -> None:
        """Crawl now, one Scrapy process per source, and print a summary per source."""
        results = run_crawl(app, source_ids, delay_scale, wait)
        click.echo(summary_table(results))
        if any(r.outcome in ("failed", "interrupted", "timeout") for r in results):
            sys.exit(1)
