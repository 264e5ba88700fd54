"""The `newswatch` command: the composition root that builds settings and wires the parts together."""

from __future__ import annotations

import click

from crawler.cli import (
    accuracy_cmd,
    alerts_cmd,
    crawl_cmd,
    daemon_cmd,
    db_cmd,
    demo_cmd,
    digest_cmd,
    extract_cmd,
    items_cmd,
    sim_cmd,
    sources_cmd,
    worker_cmd,
)
from crawler.cli.context import AppContext
from crawler.cli.database_errors import NewswatchGroup


@click.group(cls=NewswatchGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.option("--config", "config_path", type=click.Path(dir_okay=False), envvar="NEWSWATCH_CONFIG",
              help="YAML configuration file (env NEWSWATCH_CONFIG).")
@click.option("--simulator", metavar="URL", envvar="NEWSWATCH_SIMULATOR",
              help="Send every crawl to a running simulator, e.g. http://127.0.0.1:8000 (env NEWSWATCH_SIMULATOR).")
@click.pass_context
def cli(ctx: click.Context, config_path: str | None, simulator: str | None) -> None:
    """newswatch: watch Chinese science and drug-regulator websites for new, changed and withdrawn items."""
    ctx.obj = AppContext(config_path=config_path, simulator=simulator)


COMMANDS = (db_cmd, sim_cmd, crawl_cmd, daemon_cmd, worker_cmd, items_cmd, sources_cmd, extract_cmd, alerts_cmd,
            digest_cmd, accuracy_cmd, demo_cmd)
for module in COMMANDS:
    module.register(cli)


def main() -> None:
    cli(prog_name="newswatch")
