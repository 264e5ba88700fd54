"""The command table: every listed command is registered by the module it names, and `--help` imports no
command module (so it answers at once)."""

from __future__ import annotations

import importlib
import subprocess
import sys

import click

from crawler.cli import COMMANDS, cli


def test_every_command_in_the_table_is_registered_by_its_module() -> None:
    for name, (module, _help) in COMMANDS.items():
        group = click.Group()
        importlib.import_module(module).register(group)
        assert name in group.commands, (name, module)
    assert set(cli.list_commands(click.Context(cli))) == set(COMMANDS)


def test_help_imports_no_command_module_nor_heavy_library() -> None:
    probe = ("import sys, crawler.cli; sys.argv = ['newswatch', '--help']\n"
             "try:\n    crawler.cli.main()\nexcept SystemExit:\n    pass\n"
             "heavy = [m for m in sys.modules if m.startswith(('scrapy', 'sqlalchemy', 'pydantic', 'apprise', 'alembic',"
             " 'crawler.cli.', 'twisted'))]\n"
             "print('HEAVY', sorted(m for m in heavy if m not in ('crawler.cli.context', 'crawler.cli.database_errors')))")
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True).stdout
    assert "HEAVY []" in out, out
    assert "crawl" in out and "status" in out  # the commands are listed
