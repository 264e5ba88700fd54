"""`newswatch sources …`: the catalog and how each source is doing."""

from __future__ import annotations

import json

import click
from sqlalchemy import func, select

from crawler.cli.context import AppContext, pass_app
from crawler.table import format_table
from db.engine import make_session_factory
from db.models import Item, Source
from db.repository import latest_runs


def register(cli: click.Group) -> None:
    @cli.group("sources")
    def sources_group() -> None:
        """Watched sources."""

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
        rows = []
        for source in app.catalog.values():
            run = runs.get(source.id)
            rows.append({
                "id": source.id,
                "name": source.name.zh,
                "family": source.family,
                "last_run": run.started_at.isoformat(timespec="seconds") if run else None,
                "last_outcome": run.outcome if run else None,
                "health": health.get(source.id, "ok"),
                "items": stored.get(source.id, 0),
                "newest": newest[source.id].date().isoformat() if newest.get(source.id) else None,
            })
        if as_json:
            click.echo(json.dumps(rows, ensure_ascii=False, indent=1))
            return
        headers = ("id", "family", "last run", "outcome", "health", "items", "newest")
        keys = ("id", "family", "last_run", "last_outcome", "health", "items", "newest")
        click.echo(format_table(headers, [[r[k] or "" for k in keys] for r in rows], right=(5,)))
