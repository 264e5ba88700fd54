"""One alert cycle: notice deadlines, route new events to channels, send what is due, record every delivery."""

from __future__ import annotations

import logging
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import Engine, select
from sqlalchemy.exc import IntegrityError, OperationalError
from sqlalchemy.orm import Session

from crawler.alerts.config import AlertOptions
from crawler.alerts.context import EventContext, SourceInfo, first_crawl_ends, load_contexts, source_directory
from crawler.alerts.deadlines import record_deadline_events
from crawler.alerts.messages import Message, build_message
from crawler.alerts.rules import AlertSetup, immediate_routes, load_setup
from crawler.config import Settings
from crawler.notify import deliveries
from crawler.notify.channels import build_channels
from crawler.notify.smtp import SendError
from crawler.notify.unrecorded import UnrecordedSends
from db.engine import make_session_factory
from db.models import ChangeEvent, Delivery
from db.write_errors import reason

logger = logging.getLogger("newswatch.alerts")


@dataclass
class DispatchReport:
    deadline_events: int = 0
    queued: int = 0
    skipped: int = 0
    sent: int = 0  # deliveries: one event to one channel
    retrying: int = 0
    gave_up: int = 0
    unrecorded: int = 0  # sent, but the database refused the record: held (see unrecorded.py)
    lines: list[str] = field(default_factory=list)

    def summary(self) -> str:
        held = f" ({self.unrecorded} of them not recorded yet: held)" if self.unrecorded else ""
        return (f"{self.sent} sent{held}, {self.retrying} to retry, {self.gave_up} given up, {self.queued} queued, "
                f"{self.skipped} skipped, {self.deadline_events} deadline reminder(s)")


def skip_reason(ctx: EventContext, baseline_ends: Mapping[str, datetime], options: AlertOptions) -> str:
    """Why a 'new' event is left to the digest instead of alerting now ('' when it is news)."""
    if ctx.event.kind != "new":
        return ""
    end = baseline_ends.get(ctx.event.source_id)
    if options.skip_first_crawl and end is not None and ctx.event.created_at <= end:
        return "baseline: found by the source's first crawl"
    published = ctx.item.published_at if ctx.item else None
    if published and ctx.event.created_at - published > timedelta(days=options.stale_item_days):
        return f"backfill: published {published.date().isoformat()}, long before it was found"
    return ""


@dataclass
class Cycle:
    """Everything one dispatch cycle works with, passed as one object."""

    settings: Settings
    engine: Engine
    setup: AlertSetup
    now: datetime
    environ: Mapping[str, str] | None
    unrecorded: UnrecordedSends = field(default_factory=UnrecordedSends)
    report: DispatchReport = field(default_factory=DispatchReport)
    _sources: dict[str, SourceInfo] | None = None

    @property
    def tz(self) -> ZoneInfo:
        return ZoneInfo(self.settings.timezone)

    def sources(self, session: Session) -> dict[str, SourceInfo]:
        """The source directory, read once per cycle (it parses the catalog files)."""
        if self._sources is None:
            self._sources = source_directory(session, self.settings)
        return self._sources


def route_events(session: Session, cycle: Cycle) -> tuple[int, int]:
    """Queue a delivery for each (recent event, channel) a rule or the operator route asks for."""
    setup, options = cycle.setup, cycle.setup.config.options
    horizon = cycle.now - timedelta(hours=options.max_event_age_hours)
    events = list(session.scalars(select(ChangeEvent).where(ChangeEvent.created_at >= horizon).order_by(ChangeEvent.id)))
    if not events:
        return 0, 0
    contexts = load_contexts(session, events, cycle.sources(session))
    existing = deliveries.existing_pairs(session, [e.id for e in events])
    baseline = first_crawl_ends(session, {e.source_id for e in events if e.kind == "new"}, cycle.now)
    rows: list[tuple[int, str, str, str]] = []
    for ctx in contexts:
        for channel in immediate_routes(ctx, setup.config, setup.rules, setup.glossary):
            if (ctx.event.id, channel) not in existing:
                reason = skip_reason(ctx, baseline, options)
                rows.append((ctx.event.id, channel, "skipped" if reason else "pending", reason))
    added = deliveries.queue(session, rows)
    skipped = sum(1 for row in rows if row[2] == "skipped")
    return added - skipped, skipped


def _message_for(cycle: Cycle, channel_name: str, batch: Sequence[Delivery]) -> Message:
    setup = cycle.setup
    with make_session_factory(cycle.engine)() as session:
        query = select(ChangeEvent).where(ChangeEvent.id.in_([r.event_id for r in batch])).order_by(ChangeEvent.id)
        contexts = load_contexts(session, list(session.scalars(query)), cycle.sources(session))
        # Rule names are worked out again at send time: they are for the reader, not part of the record.
        routed = [(ctx, immediate_routes(ctx, setup.config, setup.rules, setup.glossary).get(channel_name, []))
                  for ctx in contexts]
        return build_message(routed, setup.glossary, cycle.tz, cycle.now.astimezone(cycle.tz).date())


def send_channel(cycle: Cycle, channel_name: str, rows: Sequence[Delivery]) -> None:
    """Send one channel's claimed deliveries, a batch per message, and record how each batch went."""
    sessions, report, options = make_session_factory(cycle.engine), cycle.report, cycle.setup.config.options
    channel = build_channels(cycle.setup.config, cycle.environ).get(channel_name)
    if channel is None:
        with sessions.begin() as session:
            deliveries.mark_failed(session, rows, cycle.now, "channel no longer configured",
                                   options.model_copy(update={"max_attempts": 1}))
        report.gave_up += len(rows)
        report.lines.append(f"{channel_name}: {len(rows)} delivery(ies) for a channel no longer configured: given up")
        return
    size = options.max_items_per_message
    for start in range(0, len(rows), size):
        batch = rows[start:start + size]
        try:
            note = channel.send(_message_for(cycle, channel_name, batch), cycle.now)
        except SendError as exc:
            with sessions.begin() as session:
                retry, gave_up = deliveries.mark_failed(session, batch, cycle.now, str(exc), options)
            report.retrying += retry
            report.gave_up += gave_up
            logger.warning("channel %s: sending %d event(s) failed: %s", channel_name, len(batch), exc)
            report.lines.append(f"{channel_name}: FAILED for {len(batch)} event(s), {retry} to retry: {exc}")
            continue
        ids = [r.id for r in batch]
        report.sent += len(batch)
        refused = cycle.unrecorded.record(cycle.engine, f"{channel_name}: {len(batch)} alert(s)",
                                          lambda session, ids=ids: deliveries.mark_sent(session, ids, cycle.now))
        if refused:
            # Held, never re-sent from here; the rest waits until the database takes writes again.
            report.unrecorded += len(batch)
            report.lines.append(f"{channel_name}: sent {len(batch)} event(s) ({note}) but NOT RECORDED ({refused}): "
                                "held, not sent again")
            return
        logger.info("channel %s: sent %d event(s): %s", channel_name, len(batch), note)
        report.lines.append(f"{channel_name}: sent {len(batch)} event(s) ({note})")


def dispatch_pending(settings: Settings, engine: Engine, now: datetime, environ: Mapping[str, str] | None = None,
                     unrecorded: UnrecordedSends | None = None) -> DispatchReport:
    """Send immediate alerts that are due (new ones and retries) and record each delivery. `unrecorded` holds
    sends the database could not record: the daemon passes the same one every cycle."""
    cycle = Cycle(settings, engine, load_setup(settings, environ), now, environ,
                  UnrecordedSends() if unrecorded is None else unrecorded)
    config, report = cycle.setup.config, cycle.report
    if not config.channels:
        report.lines.append("no channels configured: nothing to send")
        return report
    refused = cycle.unrecorded.flush(engine)
    if refused:
        report.lines.append(cycle.unrecorded.paused(refused))
        return report
    try:
        _dispatch(cycle)
    except OperationalError as exc:
        # A claim or a failure record was refused (a full disk): nothing unrecorded went out; all stays due.
        logger.error("alerts: the database refuses writes (%s): what is due stays due", reason(exc))
        report.lines.append(f"FAILED: the database refuses writes ({reason(exc)}); due alerts stay due")
    return report


def _dispatch(cycle: Cycle) -> None:
    engine, now, config, report = cycle.engine, cycle.now, cycle.setup.config, cycle.report
    sessions = make_session_factory(engine)
    try:
        with sessions.begin() as session:
            today = now.astimezone(cycle.tz).date()
            report.deadline_events = record_deadline_events(session, today, config.options.deadline_days)
    except IntegrityError:
        logger.info("another sender recorded the same deadline reminders a moment earlier")
    with sessions.begin() as session:
        report.queued, report.skipped = route_events(session, cycle)
    with sessions.begin() as session:
        claimed = deliveries.claim_due(session, now)
    by_channel: dict[str, list[Delivery]] = {}
    for row in claimed:
        by_channel.setdefault(row.channel, []).append(row)
    for channel_name, rows in by_channel.items():
        if cycle.unrecorded.held:
            break  # claimed rows not sent stay claimed until their claim expires, then go out once
        send_channel(cycle, channel_name, rows)
