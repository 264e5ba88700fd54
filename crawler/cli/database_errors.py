"""The `newswatch` command group: commands imported only when run (so `--help` and the quick commands start at
once), and a database error every command can meet said in one line."""

from __future__ import annotations

import importlib
from typing import Any

import click


class NewswatchGroup(click.Group):
    """`commands` maps a command name to (the module that registers it, its one-line help): the module is
    imported when the command runs, never for `--help`. A locked SQLite database (another process holds its
    write lock) fails any command the same way: one line, not a traceback ending in the SQL statement."""

    def __init__(self, *args: Any, lazy: dict[str, tuple[str, str]] | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.lazy = lazy or {}

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted({*self.lazy, *self.commands})

    def get_command(self, ctx: click.Context, name: str) -> click.Command | None:
        if name not in self.commands and name in self.lazy:
            importlib.import_module(self.lazy[name][0]).register(self)
        return self.commands.get(name)

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        rows = [(name, self.lazy[name][1] if name in self.lazy else self.commands[name].get_short_help_str())
                for name in self.list_commands(ctx)]
        with formatter.section("Commands"):
            formatter.write_dl(rows)

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except Exception as exc:
            from db.write_errors import is_locked, locked_message

            if is_locked(exc):
                raise click.ClickException(locked_message()) from None
            raise
