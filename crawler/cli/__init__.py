"""The `newswatch` command: the composition root that builds settings and wires the parts together."""

from __future__ import annotations

import click

from crawler.cli.context import AppContext
from crawler.cli.database_errors import NewswatchGroup

COMMANDS = {
    "crawl": ("crawler.cli.crawl_cmd", "Crawl now, one crawl child per source, and print a summary."),
    "daemon": ("crawler.cli.daemon_cmd", "Run the scheduler in the foreground; SIGTERM stops it cleanly."),
    "status": ("crawler.cli.daemon_cmd", "Is a daemon running, when does each job run next, how is each source."),
    "items": ("crawler.cli.items_cmd", "Stored items."),
    "sources": ("crawler.cli.sources_cmd", "Watched sources: list, check."),
    "digest": ("crawler.cli.digest_cmd", "Preview or send the daily digest."),
    "alerts": ("crawler.cli.alerts_cmd", "Immediate alerts: test channels, send, deliveries."),
    "extract": ("crawler.cli.extract_cmd", "The extracted fields of a saved page, or the entries of a list page."),
    "accuracy": ("crawler.cli.accuracy_cmd", "Extraction accuracy on the labelled corpora, against the floors."),
    "db": ("crawler.cli.db_cmd", "Database schema management."),
    "sim": ("crawler.cli.sim_cmd", "Serve the offline simulator of the real sites."),
    "demo": ("crawler.cli.demo_cmd", "Offline end-to-end demo: simulator, crawl, ground-truth check, digest."),
    "worker": ("crawler.cli.worker_cmd", "Distributed mode: run queued crawl requests."),
    "enqueue": ("crawler.cli.worker_cmd", "Distributed mode: queue one-off crawls for the workers."),
    "web": ("crawler.cli.web_cmd", "Serve the web console and Atom feeds (loopback unless a login is set)."),
}


@click.group(cls=NewswatchGroup, lazy=COMMANDS, context_settings={"help_option_names": ["-h", "--help"]})
@click.option("--config", "config_path", type=click.Path(dir_okay=False), envvar="NEWSWATCH_CONFIG",
              help="YAML configuration file (env NEWSWATCH_CONFIG).")
@click.option("--simulator", metavar="URL", envvar="NEWSWATCH_SIMULATOR",
              help="Send every crawl to a running simulator, e.g. http://127.0.0.1:8000 (env NEWSWATCH_SIMULATOR).")
@click.pass_context
def cli(ctx: click.Context, config_path: str | None, simulator: str | None) -> None:
    """newswatch: watch Chinese science and drug-regulator websites for new, changed and withdrawn items."""
    ctx.obj = AppContext(config_path=config_path, simulator=simulator)


def main() -> None:
    cli(prog_name="newswatch")
