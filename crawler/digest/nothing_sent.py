"""Why `digest --send` sent nothing, in one line: no channel, nothing due yet (and when the first digest goes
out), a digest waiting for its retry or being sent elsewhere, or everything due already sent."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date, datetime, timedelta

from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from crawler.alerts.rules import load_setup
from crawler.config import Settings
from crawler.digest.config import DigestConfig, due_at, load_digest_config
from crawler.digest.send import DONE, due_since, first_activity
from crawler.util.shown_time import local_date, shown
from db.engine import make_session_factory
from db.models import DigestSend

NO_CHANNEL = ("no digest was sent: no digest channel is configured (the digest goes to every email channel "
              "that is not an operator channel, or to those named in digest.channels)")


def _config(settings: Settings, environ: Mapping[str, str] | None) -> DigestConfig:
    return load_digest_config(settings, load_setup(settings, environ).config)


def why_nothing_due(settings: Settings, engine: Engine, now: datetime,
                    environ: Mapping[str, str] | None = None) -> str:
    """Why send_due_digests sent nothing at `now`."""
    config = _config(settings, environ)
    if not config.channels:
        return NO_CHANNEL
    with make_session_factory(engine)() as session:
        since = first_activity(session)
        if since is None:
            return (f"no digest due yet: nothing has been crawled; the first digest covers the day of the first "
                    f"crawl and goes out the next day at {config.send_at:%H:%M} ({config.tz.key})")
        dates = due_since(now, config, since)
        if not dates:
            first = local_date(since, config.tz)
            return f"no digest due yet: the first, for {first}, goes out at {shown(due_at(first, config), config.tz)}"
        unsent = _unsent(session, dates, config)
    if unsent:
        return unsent
    following = dates[-1] + timedelta(days=1)
    return (f"no digest due: every due date was already sent (the latest, for {dates[-1]}); the next, for "
            f"{following}, goes out at {shown(due_at(following, config), config.tz)}")


def why_nothing_sent(settings: Settings, engine: Engine, digest_date: date,
                     environ: Mapping[str, str] | None = None) -> str:
    """Why send_digest sent nothing for `digest_date`."""
    config = _config(settings, environ)
    if not config.channels:
        return NO_CHANNEL
    with make_session_factory(engine)() as session:
        unsent = _unsent(session, [digest_date], config)
    return unsent or f"digest {digest_date} was already sent to every digest channel"


def _unsent(session: Session, dates: Sequence[date], config: DigestConfig) -> str | None:
    """A line about the (date, channel) digests that are not done: waiting for a retry, or being sent by another
    process; None when every one is sent (or recorded as empty)."""
    rows = session.scalars(
        select(DigestSend)
        .where(DigestSend.digest_date.in_(dates), DigestSend.channel.in_(config.channels),
               DigestSend.status.not_in(DONE))
        .order_by(DigestSend.digest_date, DigestSend.channel)
    ).all()
    if not rows:
        return None
    row = rows[0]
    label = f"digest {row.digest_date} → {row.channel}"
    if row.status == "sending":
        line = f"{label} is being sent by another process (its claim lapses at {shown(row.next_attempt_at, config.tz)})"
    else:
        error = f": {row.last_error.splitlines()[0]}" if row.last_error else ""
        when = shown(row.next_attempt_at, config.tz) or "the next send"
        line = f"{label} waits for its retry at {when} (attempt {row.attempts} failed{error})"
    more = len(rows) - 1
    return f"nothing sent now: {line}" + (f"; {more} more not sent yet" if more else "")
