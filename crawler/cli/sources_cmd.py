"""`newswatch sources …`: the catalog and how each source is doing."""

from __future__ import annotations

import json
from typing import Any
from zoneinfo import ZoneInfo

import click
from sqlalchemy import func, select

from crawler.cli.context import AppContext, pass_app
from crawler.cli.sources_add_cmd import register_add
from crawler.util.shown_time import local_date, shown, shown_iso
from crawler.util.table import format_table, truncate
from db.engine import make_session_factory
from db.models import Item, Source
from db.repository import latest_runs


def register(cli: click.Group) -> None:
    @cli.group("sources")
    def sources_group() -> None:
        """Watched sources."""

    register_check(sources_group)
    register_add(sources_group)

    @sources_group.command("list")
    @click.option("--json", "as_json", is_flag=True)
    @pass_app
    def sources_list(app: AppContext, as_json: bool) -> None:
        """All sources with family, last run, health, items stored and newest item date."""
        with make_session_factory(app.engine())() as session:
            runs = latest_runs(session)
            health = dict(session.execute(select(Source.id, Source.health)).all())
            stored = dict(session.execute(select(Item.source_id, func.count(Item.id)).group_by(Item.source_id)).all())
            newest = dict(session.execute(select(Item.source_id, func.max(Item.published_at)).group_by(Item.source_id)).all())
        tz = ZoneInfo(app.settings.timezone)
        rows: list[dict[str, Any]] = []
        for source in app.catalog.values():
            run = runs.get(source.id)
            rows.append({
                "id": source.id,
                "name": source.name.zh,
                "family": source.family,
                "last_run": run.started_at if run else None,
                "last_outcome": run.outcome if run else None,
                "health": health.get(source.id, "ok"),
                "items": stored.get(source.id, 0),
                "newest": local_date(newest[source.id], tz).isoformat() if newest.get(source.id) else None,
                "verified": source.verified,
                "unverified_reason": source.unverified_reason,
            })
        if as_json:
            for row in rows:
                row["last_run"] = shown_iso(row["last_run"], tz)
            click.echo(json.dumps(rows, ensure_ascii=False, indent=1))
            return
        headers = ("id", "family", "verified", "last run", "outcome", "health", "items", "newest")
        table = [(r["id"], r["family"], "yes" if r["verified"] else "NO", shown(r["last_run"], tz),
                  r["last_outcome"] or "", r["health"], r["items"], r["newest"] or "") for r in rows]
        click.echo(format_table(headers, table, right=(6,)))
        unverified = [r for r in rows if not r["verified"]]
        if unverified:
            click.echo(f"\n{len(unverified)} source(s) name a value no real page confirmed (catalog `verified: false`):")
            for row in unverified:
                click.echo(f"- {row['id']}: {row['unverified_reason']}")


def check_source(app: AppContext, source_id: str) -> dict[str, object]:
    """Run the source's spider on its first list page only, in a child process, and return its report."""
    import subprocess

    from crawler.run.handover import crawl_command, crawl_environment, crawl_handover
    from crawler.scrapy_ext.check_mode import CHECK_PREFIX

    source = app.catalog[source_id]
    # The spider reads what is already known (the database must exist) and caches robots.txt in it.
    app.crawling_engine()
    check = {"NEWSWATCH_CHECK": True, "ITEM_PIPELINES": {}, "LOG_FILE": None, "LOG_LEVEL": "ERROR"}
    handover = crawl_handover(app.settings, source, run_id=0, politeness_scale=0.0, extra=check)
    done = subprocess.run(crawl_command(source), input=handover, capture_output=True, text=True,
                          env=crawl_environment(), timeout=300)
    for line in done.stdout.splitlines():
        if line.startswith(CHECK_PREFIX):
            return json.loads(line[len(CHECK_PREFIX):])
    raise click.ClickException(f"the check of {source_id} produced no report:\n{done.stderr[-2000:]}")


def register_check(sources_group: click.Group) -> None:
    @sources_group.command("check")
    @click.argument("source_id", metavar="ID")
    @click.option("--json", "as_json", is_flag=True)
    @pass_app
    def sources_check(app: AppContext, source_id: str, as_json: bool) -> None:
        """Fetch the source's first list page now and show what the parser found."""
        if source_id not in app.catalog:
            raise click.BadParameter(f"unknown source {source_id!r}; see `newswatch sources list`")
        report = check_source(app, source_id)
        if as_json:
            click.echo(json.dumps(report, ensure_ascii=False, indent=1))
            return
        entries = report["entries"]
        rows = [(e["date"] or "", truncate(e["title"], 50), e["url"]) for e in entries]
        click.echo(format_table(("date", "title", "url"), rows))
        click.echo(f"\n{len(entries)} entries on the first list page")
        for kind, message in report["signals"].items():
            click.echo(f"health signal: {kind}: {message}")
        if not entries and not report["signals"]:
            click.echo("no entries and no signal: the list parsed to zero entries (layout changed?)")
