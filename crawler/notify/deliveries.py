"""Delivery records, the state machine that makes each event reach each channel exactly once.

pending (due at next_attempt_at) → sending (claimed; next_attempt_at is the claim's expiry) → sent;
a failed send goes back to pending with exponential backoff, and to failed after max_attempts;
skipped marks an event deliberately not sent (a baseline or backfill, left to the digest).
A claim is a compare-and-set UPDATE, so two senders (daemon and CLI) never send the same row; a sender
killed mid-send leaves a claim that expires and is retried (at least once in that one crash window).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import datetime, timedelta

from sqlalchemy import ColumnElement, and_, or_, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from crawler.alerts.config import AlertOptions
from db.models import Delivery

# Longer than any send can take (SMTP timeout × a few commands); a crashed sender's claim frees after this.
CLAIM_TIMEOUT = timedelta(minutes=10)


def backoff(attempts: int, base_seconds: float, max_seconds: float) -> timedelta:
    """Wait after the n-th failed attempt: base × 2^(n-1), capped (1 min, 2, 4, … up to the cap)."""
    return timedelta(seconds=min(max_seconds, base_seconds * 2 ** max(0, attempts - 1)))


def existing_pairs(session: Session, event_ids: Iterable[int]) -> set[tuple[int, str]]:
    ids = list(event_ids)
    if not ids:
        return set()
    return {(e, c) for e, c in session.execute(select(Delivery.event_id, Delivery.channel).where(Delivery.event_id.in_(ids)))}


def queue(session: Session, rows: Sequence[tuple[int, str, str, str]]) -> int:
    """Insert (event_id, channel, status, note) rows not yet there; each in a savepoint, so a row another
    sender inserted a moment earlier is simply left to it."""
    added = 0
    for event_id, channel, status, note in rows:
        try:
            with session.begin_nested():
                session.add(Delivery(event_id=event_id, channel=channel, status=status, last_error=note))
            added += 1
        except IntegrityError:
            continue  # the unique (event_id, channel) says someone else queued it: exactly once holds
    return added


def _due(now: datetime) -> ColumnElement[bool]:
    return or_(
        and_(Delivery.status == "pending", or_(Delivery.next_attempt_at.is_(None), Delivery.next_attempt_at <= now)),
        and_(Delivery.status == "sending", Delivery.next_attempt_at <= now),
    )


def claim_due(session: Session, now: datetime, limit: int = 500) -> list[Delivery]:
    """Claim due rows (oldest first) for this sender; a row someone else claimed first is not returned."""
    candidates = list(session.scalars(select(Delivery.id).where(_due(now)).order_by(Delivery.id).limit(limit)))
    claimed = []
    for delivery_id in candidates:
        result = session.execute(
            update(Delivery)
            .where(Delivery.id == delivery_id, _due(now))
            .values(status="sending", next_attempt_at=now + CLAIM_TIMEOUT)
        )
        if result.rowcount == 1:
            claimed.append(delivery_id)
    if not claimed:
        return []
    return list(session.scalars(select(Delivery).where(Delivery.id.in_(claimed)).order_by(Delivery.id)))


def mark_sent(session: Session, ids: Sequence[int], now: datetime) -> None:
    session.execute(
        update(Delivery).where(Delivery.id.in_(ids))
        .values(status="sent", sent_at=now, next_attempt_at=None, last_error="", attempts=Delivery.attempts + 1)
    )


def mark_failed(session: Session, rows: Sequence[Delivery], now: datetime, error: str,
                options: AlertOptions) -> tuple[int, int]:
    """Record a failed attempt on each row; returns (to retry, given up)."""
    retry = gave_up = 0
    for row in rows:
        attempts = row.attempts + 1
        values: dict[str, object] = {"attempts": attempts, "last_error": error[:2000]}
        if attempts >= options.max_attempts:
            values.update(status="failed", next_attempt_at=None)
            gave_up += 1
        else:
            delay = backoff(attempts, options.backoff_seconds, options.backoff_max_seconds)
            values.update(status="pending", next_attempt_at=now + delay)
            retry += 1
        session.execute(update(Delivery).where(Delivery.id == row.id).values(**values))
    return retry, gave_up
