"""`newswatch alerts …`: test every channel, send due alerts now, and show how deliveries stand."""

from __future__ import annotations

import sys

import click
from sqlalchemy import func, select

from crawler.alerts.delivery import dispatch_pending
from crawler.cli.context import AppContext, pass_app
from crawler.config import ConfigError
from crawler.notify.testsend import test_channels
from crawler.util.table import format_table, truncate
from db.engine import make_session_factory
from db.models import Delivery
from db.timeutil import utcnow


def register(cli: click.Group) -> None:
    @cli.group("alerts")
    def alerts_group() -> None:
        """Immediate alerts: channels and deliveries."""

    @alerts_group.command("test")
    @pass_app
    def alerts_test(app: AppContext) -> None:
        """Send a test message to every configured channel and report how each went."""
        try:
            results = test_channels(app.settings)
        except ConfigError as exc:
            raise click.ClickException(str(exc)) from None
        if not results:
            click.echo("no channels configured (see the 'channels' section of the configuration)")
            return
        rows = [(name, "ok" if ok else "FAILED", truncate(message, 90)) for name, ok, message in results]
        click.echo(format_table(("channel", "result", "details"), rows))
        if not all(ok for _name, ok, _message in results):
            sys.exit(1)

    @alerts_group.command("send")
    @pass_app
    def alerts_send(app: AppContext) -> None:
        """Send due alerts now (new events and retries), as the daemon does every cycle."""
        try:
            report = dispatch_pending(app.settings, app.engine(), utcnow())
        except ConfigError as exc:
            raise click.ClickException(str(exc)) from None
        for line in report.lines:
            click.echo(line)
        click.echo(report.summary())
        if report.retrying or report.gave_up or report.unrecorded or any(line.startswith("FAILED") for line in report.lines):
            sys.exit(1)

    @alerts_group.command("status")
    @pass_app
    def alerts_status(app: AppContext) -> None:
        """Deliveries per channel and state, with the last error of those waiting for a retry."""
        with make_session_factory(app.engine())() as session:
            counts = session.execute(
                select(Delivery.channel, Delivery.status, func.count(Delivery.id), func.max(Delivery.last_error))
                .group_by(Delivery.channel, Delivery.status).order_by(Delivery.channel, Delivery.status)
            ).all()
        rows = [(channel, status, count, truncate(error or "", 70) if status in ("pending", "failed") else "")
                for channel, status, count, error in counts]
        click.echo(format_table(("channel", "state", "deliveries", "last error"), rows, right=(2,)))
