"""The `newswatch` command group, which says a database error every command can meet in one line."""

from __future__ import annotations

from typing import Any

import click

from db.write_errors import is_locked, locked_message


class NewswatchGroup(click.Group):
    """A locked SQLite database (another process holds its write lock) fails any command the same way: one
    line, not a traceback ending in the SQL statement and its parameters."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except Exception as exc:
            if is_locked(exc):
                raise click.ClickException(locked_message()) from None
            raise
