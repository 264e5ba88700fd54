"""`newswatch digest`: preview a day's digest (HTML file or text) or send it, exactly once per channel."""

from __future__ import annotations

import sys
from datetime import date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import click

from crawler.cli.context import AppContext, pass_app
from crawler.config import ConfigError
from crawler.digest.build import build_digest
from crawler.digest.config import day_window
from crawler.digest.nothing_sent import why_nothing_due, why_nothing_sent
from crawler.digest.send import send_digest, send_due_digests
from crawler.util.file_writes import write_text_atomically
from db.timeutil import utcnow


def _parse_date(_ctx: click.Context, _param: click.Parameter, value: str | None) -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise click.BadParameter(f"{value!r} is not a date like 2025-03-10") from None


def _yesterday(now: datetime, timezone: str) -> date:
    return now.astimezone(ZoneInfo(timezone)).date() - timedelta(days=1)


def register(cli: click.Group) -> None:
    @cli.command("digest")
    @click.option("--date", "digest_date", metavar="YYYY-MM-DD", callback=_parse_date,
                  help="The local day to digest (default: yesterday).")
    @click.option("--out", "out", type=click.Path(dir_okay=False, path_type=Path),
                  help="Write the HTML to this file (a preview: nothing is sent or recorded).")
    @click.option("--send", is_flag=True,
                  help="Send to the digest channels, once per date and channel; without --date, every due digest.")
    @pass_app
    def digest(app: AppContext, digest_date: date | None, out: Path | None, send: bool) -> None:
        """Build the daily digest: preview it (--out FILE.html, or the text on stdout) or --send it."""
        now = utcnow()
        try:
            if send:
                _send(app, digest_date, now)
                return
            the_date = digest_date or _yesterday(now, app.settings.timezone)
            result = build_digest(app.settings, app.engine(), the_date)
        except ConfigError as exc:
            raise click.ClickException(str(exc)) from None
        if out is None:
            click.echo(result.text, nl=False)
            return
        try:
            write_text_atomically(out, result.html)
        except OSError as exc:  # a full disk (ENOSPC): no half-written file is left behind
            raise click.ClickException(f"could not write {out}: {exc.strerror or exc}; nothing was written, "
                                       "sent or recorded") from None
        click.echo(f"wrote {out}: {result.subject}")


def _send(app: AppContext, digest_date: date | None, now: datetime) -> None:
    if digest_date is None:
        lines = send_due_digests(app.settings, app.engine(), now)
        click.echo("\n".join(lines) if lines else why_nothing_due(app.settings, app.engine(), now))
    else:
        tz = ZoneInfo(app.settings.timezone)
        if now < day_window(digest_date, tz)[1]:
            # Sending a day before it ends would mark it sent and lose what the rest of the day brings.
            raise click.ClickException(f"{digest_date} is not over yet in {tz.key}; preview it with --out instead")
        lines = send_digest(app.settings, app.engine(), digest_date, now)
        click.echo("\n".join(lines) if lines else why_nothing_sent(app.settings, app.engine(), digest_date))
    if any("FAILED" in line or "NOT RECORDED" in line for line in lines):
        sys.exit(1)
