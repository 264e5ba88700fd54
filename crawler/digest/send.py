"""Sending digests exactly once per date and channel: claim, send, record; failures retried with backoff."""

from __future__ import annotations

import logging
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import Engine, and_, func, or_, select, update
from sqlalchemy.exc import IntegrityError, OperationalError
from sqlalchemy.orm import Session

from crawler.alerts.messages import Message
from crawler.alerts.rules import AlertSetup, load_setup
from crawler.config import Settings
from crawler.digest.build import build_with
from crawler.digest.config import DigestConfig, day_window, due_dates, load_digest_config
from crawler.notify.channels import Channel, build_channels
from crawler.notify.deliveries import CLAIM_TIMEOUT, backoff
from crawler.notify.smtp import SendError
from crawler.notify.unrecorded import UnrecordedSends
from crawler.util.shown_time import shown
from db.engine import make_session_factory
from db.models import ChangeEvent, CrawlRun, DigestSend
from db.write_errors import reason

logger = logging.getLogger("newswatch.digest")
DONE = ("sent", "empty")


@dataclass(frozen=True)
class DigestJob:
    """One sending pass: configuration loaded once, the clock injected."""

    settings: Settings
    engine: Engine
    setup: AlertSetup
    config: DigestConfig
    channels: dict[str, Channel]
    now: datetime
    unrecorded: UnrecordedSends


def claim(session: Session, digest_date: date, channel: str, now: datetime) -> int | None:
    """Take the (date, channel) digest for this sender: the attempts made so far, or None when it is done,
    in flight elsewhere or waiting for its retry time."""
    row = session.scalar(select(DigestSend).where(DigestSend.digest_date == digest_date, DigestSend.channel == channel))
    if row is None:
        try:
            with session.begin_nested():
                session.add(DigestSend(digest_date=digest_date, channel=channel, status="sending",
                                       next_attempt_at=now + CLAIM_TIMEOUT))
        except IntegrityError:
            return None  # another sender inserted it a moment earlier: it is theirs
        return 0
    due = or_(
        and_(DigestSend.status.in_(("pending", "failed")),
             or_(DigestSend.next_attempt_at.is_(None), DigestSend.next_attempt_at <= now)),
        and_(DigestSend.status == "sending", DigestSend.next_attempt_at <= now),
    )
    result = session.execute(update(DigestSend).where(DigestSend.id == row.id, due)
                             .values(status="sending", next_attempt_at=now + CLAIM_TIMEOUT))
    return row.attempts if result.rowcount == 1 else None


def _record_in(session: Session, digest_date: date, channel: str, values: dict[str, object]) -> None:
    session.execute(update(DigestSend).where(DigestSend.digest_date == digest_date, DigestSend.channel == channel)
                    .values(attempts=DigestSend.attempts + 1, **values))


def _record(job: DigestJob, digest_date: date, channel: str, values: dict[str, object]) -> None:
    with make_session_factory(job.engine).begin() as session:
        _record_in(session, digest_date, channel, values)


def send_one(job: DigestJob, digest_date: date, channel_name: str) -> str | None:
    """Send one date's digest to one channel unless it was already; a line saying what happened, or None."""
    with make_session_factory(job.engine).begin() as session:
        previous_attempts = claim(session, digest_date, channel_name, job.now)
    if previous_attempts is None:
        return None
    digest = build_with(job.settings, job.engine, job.setup, job.config, digest_date, channel_name)
    label = f"digest {digest_date.isoformat()} → {channel_name}"
    if digest.empty and not job.config.send_empty:
        _record(job, digest_date, channel_name, {"status": "empty", "subject": digest.subject, "next_attempt_at": None})
        return f"{label}: nothing new, not sent (digest.send_empty is false)"
    channel = job.channels.get(channel_name)
    try:
        if channel is None:
            raise SendError(f"channel {channel_name} is not configured")
        note = channel.send(Message(digest.subject, digest.text, digest.html), job.now)
    except SendError as exc:
        attempts = previous_attempts + 1
        options = job.setup.config.options
        retry_at = job.now + backoff(attempts, options.backoff_seconds, options.backoff_max_seconds)
        _record(job, digest_date, channel_name, {"status": "pending", "last_error": str(exc)[:2000],
                                                 "next_attempt_at": retry_at})
        logger.warning("%s failed (attempt %d), retry after %s: %s", label, attempts, retry_at.isoformat(), exc)
        return f"{label}: FAILED, retry after {shown(retry_at, job.config.tz)}: {exc}"
    sent = {"status": "sent", "sent_at": job.now, "subject": digest.subject, "last_error": "", "next_attempt_at": None}
    # A refused record is held, not lost: the row stays claimed and is never sent again from here.
    refused = job.unrecorded.record(job.engine, label, lambda session: _record_in(session, digest_date, channel_name, sent))
    if refused:
        return f"{label}: sent \"{digest.subject}\" ({note}) but NOT RECORDED ({refused}): held, not sent again"
    logger.info("%s: sent (%s)", label, note)
    return f"{label}: sent \"{digest.subject}\" ({note})"


def first_activity(session: Session) -> datetime | None:
    """When the database first saw anything; days before it have no digest to catch up on."""
    times = [session.scalar(select(func.min(CrawlRun.started_at))), session.scalar(select(func.min(ChangeEvent.created_at)))]
    known = [t for t in times if t is not None]
    return min(known) if known else None


def prepare(settings: Settings, engine: Engine, now: datetime, environ: Mapping[str, str] | None,
            unrecorded: UnrecordedSends | None = None) -> DigestJob:
    setup = load_setup(settings, environ)
    config = load_digest_config(settings, setup.config)
    return DigestJob(settings, engine, setup, config, build_channels(setup.config, environ), now,
                     UnrecordedSends() if unrecorded is None else unrecorded)


def send_digest(settings: Settings, engine: Engine, digest_date: date, now: datetime,
                environ: Mapping[str, str] | None = None, unrecorded: UnrecordedSends | None = None) -> list[str]:
    """Send one date's digest to each digest channel that has not had it (by hand: `newswatch digest --send`)."""
    job = prepare(settings, engine, now, environ, unrecorded)
    return _send_dates(job, [digest_date])


def _send_dates(job: DigestJob, dates: Sequence[date]) -> list[str]:
    """Send each (date, channel) due; stops as soon as the database refuses a write (its disk full, say)."""
    refused = job.unrecorded.flush(job.engine)
    if refused:
        return [job.unrecorded.paused(refused)]
    lines = []
    for digest_date in dates:
        for channel_name in job.config.channels:
            try:
                line = send_one(job, digest_date, channel_name)
            except OperationalError as exc:
                # Claiming or recording a failure was refused: the digest was not sent and stays due.
                logger.error("digest %s → %s: not sent, the database refuses writes (%s)", digest_date, channel_name,
                             reason(exc))
                failed = (f"digest {digest_date.isoformat()} → {channel_name}: FAILED, not sent: the database "
                          f"refuses writes ({reason(exc)}); it stays due")
                return [*lines, failed]
            if line:
                lines.append(line)
            if job.unrecorded.held:
                return lines
    return lines


def send_due_digests(settings: Settings, engine: Engine, now: datetime,
                     environ: Mapping[str, str] | None = None, unrecorded: UnrecordedSends | None = None) -> list[str]:
    """Send every due, unsent digest: yesterday's once today's send time passed, and up to catch_up_days
    of earlier ones (the daemon was down); one line per digest sent or failed. `unrecorded` holds sends the
    database could not record: the daemon passes the same one every time."""
    job = prepare(settings, engine, now, environ, unrecorded)
    if not job.config.channels:
        return []
    with make_session_factory(engine)() as session:
        since = first_activity(session)
    if since is None:
        return []
    return _send_dates(job, due_since(now, job.config, since))


def due_since(now: datetime, config: DigestConfig, since: datetime) -> list[date]:
    """The due dates (due_dates) from the day the database first saw anything (`since`) on."""
    return [d for d in due_dates(now, config) if day_window(d, config.tz)[1] > since]
