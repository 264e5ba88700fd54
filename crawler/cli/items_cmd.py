"""`newswatch items …`: what is stored."""

from __future__ import annotations

import json
from zoneinfo import ZoneInfo

import click
from sqlalchemy import select

from crawler.cli.context import AppContext, pass_app
from crawler.util.shown_time import shown, shown_iso
from crawler.util.table import format_table, truncate
from db.engine import make_session_factory
from db.models import Item, Source
from db.repository import list_items


def item_json(item: Item, tz: ZoneInfo) -> dict[str, object]:
    return {
        "url": item.url,
        "source": item.source_id,
        "title": item.title,
        "published": shown_iso(item.published_at, tz),
        "doc_number": item.doc_number,
        "origin": item.origin,
        "issuer": item.issuer,
        "topics": item.topics,
        "attachments": item.attachments,
        "comment_deadline": item.comment_deadline.isoformat() if item.comment_deadline else None,
        "status": item.status,
        "version": item.version,
    }


def register(cli: click.Group) -> None:
    @cli.group("items")
    def items_group() -> None:
        """Stored items."""

    @items_group.command("list")
    @click.option("--source", "source_ids", multiple=True, metavar="ID")
    @click.option("--limit", type=click.IntRange(min=1), default=None, help="Show at most this many (newest first).")
    @click.option("--json", "as_json", is_flag=True, help="A JSON list of objects (url, source, title, published, …).")
    @pass_app
    def items_list(app: AppContext, source_ids: tuple[str, ...], limit: int | None, as_json: bool) -> None:
        """List stored items, newest first."""
        tz = ZoneInfo(app.settings.timezone)
        with make_session_factory(app.engine())() as session:
            # Sources dropped from the catalog keep their rows and items: they can still be listed.
            unknown = sorted(set(source_ids) - set(session.scalars(select(Source.id))))
            if unknown:
                raise click.BadParameter(f"unknown source(s): {', '.join(unknown)}; see `newswatch sources list`",
                                         param_hint="--source")
            items = list_items(session, source_ids or None, limit)
            if as_json:
                click.echo(json.dumps([item_json(i, tz) for i in items], ensure_ascii=False, indent=1))
                return
            rows = [
                (shown(i.published_at, tz), i.source_id,
                 truncate(i.title, 60), i.doc_number or "")
                for i in items
            ]
        click.echo(format_table(("published", "source", "title", "文号"), rows))
        click.echo(f"{len(rows)} item(s)")
