"""`newswatch db …`: schema migrations."""

from __future__ import annotations

import click

from crawler.cli.context import AppContext, pass_app
from db.engine import make_url_safe
from db.migrate import current_revision, upgrade


def register(cli: click.Group) -> None:
    @cli.group("db")
    def db_group() -> None:
        """Database schema management."""

    @db_group.command("upgrade")
    @pass_app
    def db_upgrade(app: AppContext) -> None:
        """Apply the database migrations (creates the SQLite file on first use)."""
        url = app.settings.database_url
        upgrade(url)
        click.echo(f"database {make_url_safe(url)} is at revision {current_revision(url)}")
