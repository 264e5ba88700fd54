"""`newswatch worker` and `newswatch enqueue`: the two ends of the queue in distributed mode."""

from __future__ import annotations

import click

from crawler.cli.context import AppContext, pass_app
from crawler.distributed.config import DistributedConfig, load_distributed_config
from crawler.util.logging_setup import setup_logging
from crawler.util.table import format_table

NOT_CONFIGURED = ("distributed mode is not configured: add `distributed: {redis_url: redis://HOST:6379/0}` to the "
                  "configuration or set NEWSWATCH_REDIS_URL (see docs/distributed.md)")


def _config(app: AppContext) -> DistributedConfig:
    config = load_distributed_config(app.settings)
    if config is None:
        raise click.ClickException(NOT_CONFIGURED)
    if app.settings.is_sqlite:
        click.echo("newswatch: warning: distributed mode with SQLite only works on one machine; "
                   "use PostgreSQL (NEWSWATCH_DATABASE_URL) to share the database", err=True)
    return config


def register(cli: click.Group) -> None:
    @cli.command("worker")
    @click.option("--name", default=None, help="Worker name (default <host>-<pid>; must be unique while it runs).")
    @click.option("--delay-scale", type=float, default=None, help="Multiply politeness delays (default 1; 0 with the simulator).")
    @click.option("--burst", is_flag=True, help="Exit once the queue is empty (for batch runs and tests).")
    @click.option("--log-file", type=click.Path(dir_okay=False), default=None, help="Also log to this file.")
    @click.option("--log-level", default="INFO", show_default=True, type=click.Choice(["DEBUG", "INFO", "WARNING", "ERROR"]))
    @pass_app
    def worker(app: AppContext, name: str | None, delay_scale: float | None, burst: bool, log_file: str | None,
               log_level: str) -> None:
        """Run crawl requests from the queue, one at a time, with the same runner as `newswatch crawl`.

        Start as many as you like, on any number of machines; they share the database and the queue.
        SIGTERM stops the running crawl and puts its request back on the queue.
        """
        from crawler.distributed.worker import WorkerContext, serve

        config = _config(app)
        setup_logging(log_level, log_file)
        scale = delay_scale if delay_scale is not None else (0.0 if app.settings.simulator else 1.0)
        context = WorkerContext(app.settings, app.catalog, app.crawling_engine(), config, scale)
        if name:
            context.name = name
        serve(context, burst=burst, log_level=log_level)

    @cli.command("enqueue")
    @click.option("--source", "source_ids", multiple=True, metavar="ID", help="Only this source (repeatable); default all.")
    @pass_app
    def enqueue(app: AppContext, source_ids: tuple[str, ...]) -> None:
        """Ask the workers for a one-off crawl of these sources (distributed mode)."""
        from crawler.distributed.broker import Broker
        from crawler.distributed.enqueue import Dispatcher
        from crawler.distributed.worker import job_timeout
        from db.engine import make_session_factory

        config = _config(app)
        sources = app.select_sources(source_ids)
        broker = Broker(config, job_timeout(app.settings))
        dispatcher = Dispatcher(make_session_factory(app.engine()), broker, requested_by="newswatch enqueue",
                                max_retries=config.max_retries)
        submitted = dispatcher.submit_batch(sources)
        rows = [(source_id, request_id if request_id is not None else "", "enqueued" if request_id else "already pending")
                for source_id, request_id in submitted.items()]
        click.echo(format_table(("source", "request", "state"), rows))
        added = sum(1 for r in submitted.values() if r is not None)
        click.echo(f"{added} crawl request(s) enqueued on queue {config.queue}", err=True)
