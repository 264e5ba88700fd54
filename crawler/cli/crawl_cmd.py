"""`newswatch crawl`: a one-off crawl with progress and a summary table per source."""

from __future__ import annotations

import sys
import threading
import time
from dataclasses import dataclass
from typing import Any

import click

from crawler.cli.context import AppContext, pass_app
from crawler.cli.ctrl_c import ctrl_c_stops
from crawler.run.runner import CrawlResult, CrawlRunner
from crawler.util.table import format_table
from db.write_errors import LOCKED
from db.write_lock import wait_until_writable


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


# The exit status of a command stopped by Ctrl-C (SIGINT), as shells report it.
INTERRUPTED_EXIT = 128 + 2


@dataclass
class CrawlReport:
    """What a one-off crawl did, source by source, and whether Ctrl-C cut it short."""

    results: list[CrawlResult]
    interrupted: bool  # by Ctrl-C

    @property
    def ran(self) -> list[CrawlResult]:
        return [r for r in self.results if not r.not_started]

    @property
    def not_started(self) -> list[str]:
        return [r.source_id for r in self.results if r.not_started]


def run_crawl(app: AppContext, source_ids: tuple[str, ...], delay_scale: float | None, wait: float) -> CrawlReport:
    sources = app.select_sources(source_ids)
    engine = app.crawling_engine()
    scale = delay_scale if delay_scale is not None else (0.0 if app.settings.simulator else 1.0)
    where = f"simulator {app.settings.simulator}" if app.settings.simulator else "the real sites"
    engine = app.engine()
    wait_until_writable(engine, lambda seconds: click.echo(f"{LOCKED}; retrying for up to {seconds:g} s", err=True))
    click.echo(f"crawling {len(sources)} source(s) from {where}", err=True)
    runner = CrawlRunner(app.settings, engine, trigger="manual", politeness_scale=scale,
                         on_progress=ProgressPrinter(), lock_wait=wait)
    with ctrl_c_stops(runner) as ctrl_c:
        results = runner.run(sources)
    return CrawlReport(results, interrupted=ctrl_c.presses > 0)


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
        report = run_crawl(app, source_ids, delay_scale, wait)
        if report.ran:
            click.echo(summary_table(report.ran))
        if report.not_started:
            click.echo(f"{len(report.not_started)} source(s) not started: {', '.join(report.not_started)}", err=True)
        if report.interrupted:
            sys.exit(INTERRUPTED_EXIT)
        if any(r.outcome in ("failed", "interrupted", "timeout") for r in report.results):
            sys.exit(1)
