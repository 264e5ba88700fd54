"""`newswatch daemon` and `newswatch status`: the scheduler in the foreground, and what it is doing."""

from __future__ import annotations

import json
import sys
from datetime import datetime, timezone
from zoneinfo import ZoneInfo

import click

from crawler.cli.context import AppContext, ConfigurationError, pass_app
from crawler.run.status import collect_status
from crawler.util.logging_setup import setup_logging
from crawler.util.shown_time import shown
from crawler.util.table import format_table


def register(cli: click.Group) -> None:
    @cli.command("daemon")
    @click.option("--log-file", type=click.Path(dir_okay=False), default=None, help="Also log to this file (rotated at 10 MB, 5 kept).")
    @click.option("--log-level", default="INFO", show_default=True, type=click.Choice(["DEBUG", "INFO", "WARNING", "ERROR"]))
    @click.option("--delay-scale", type=float, default=None, help="Multiply politeness delays (default 1; 0 with the simulator).")
    @click.option("--stop-grace", type=float, default=60.0, show_default=True, help="Seconds running crawls get to finish on SIGTERM.")
    @click.option("--standby", is_flag=True, help="If a daemon already runs, wait and take over when it is gone.")
    @pass_app
    def daemon(app: AppContext, log_file: str | None, log_level: str, delay_scale: float | None, stop_grace: float,
               standby: bool) -> None:
        """Run the scheduler in the foreground (systemd/container friendly); SIGTERM stops it cleanly."""
        from crawler.config import ConfigError
        from crawler.run.daemon import Daemon, DaemonAlreadyRunning

        setup_logging(log_level, log_file)
        scale = delay_scale if delay_scale is not None else (0.0 if app.settings.simulator else 1.0)
        try:
            daemon = Daemon(app.settings, app.catalog, app.crawling_engine(), scale, stop_grace, standby=standby)
        except ConfigError as exc:
            raise ConfigurationError(str(exc)) from None
        try:
            daemon.run()
        except DaemonAlreadyRunning as exc:
            click.echo(f"newswatch daemon: {exc}", err=True)
            sys.exit(2)

    @cli.command("status")
    @click.option("--json", "as_json", is_flag=True)
    @pass_app
    def status(app: AppContext, as_json: bool) -> None:
        """Is a daemon running, when does each job run next, how is each source doing."""
        data = collect_status(app.engine(), app.catalog, datetime.now(timezone.utc), app.settings)
        if as_json:
            click.echo(json.dumps(data, ensure_ascii=False, indent=1))
            return
        tz = ZoneInfo(app.settings.timezone)

        def local(value: str | None) -> str:
            return shown(datetime.fromisoformat(value), tz) if value else ""

        d = data["daemon"]
        click.echo(f"daemon: running on {d['host']} pid {d['pid']} since {local(d['since'])}" if d["running"] else "daemon: not running")
        click.echo("\n" + format_table(("job", "next run"), [(j["id"], local(j["next_run"])) for j in data["jobs"]]))
        if "distributed" in data:
            from crawler.distributed.status_view import format_distributed, format_locks

            click.echo("\n" + format_distributed(data["distributed"], local))
            click.echo("\n" + format_locks(data["locks"], local))
        rows = [(s["id"], s["health"], s["last_outcome"] or "", local(s["last_run"]), s["items"]) for s in data["sources"]]
        click.echo("\n" + format_table(("source", "health", "last outcome", "last run", "items"), rows, right=(4,)))
