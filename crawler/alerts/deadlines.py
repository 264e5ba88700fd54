"""Comment deadlines approaching: one outbox event per open draft and deadline, when it comes within reach."""

from __future__ import annotations

from datetime import date, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from db.models import Item
from db.repository import add_event

DEADLINE_EVENT = "comment_deadline"


def deadline_key(item_id: int, deadline: date) -> str:
    # Keyed by the deadline too: a draft whose deadline is extended gets a reminder for the new date.
    return f"{DEADLINE_EVENT}:{item_id}:{deadline.isoformat()}"


def record_deadline_events(session: Session, today: date, within_days: int) -> int:
    """Add a comment_deadline event for each active item closing between today and today+within_days.

    The crawl records what it saw; "closing soon" depends on the calendar, so it is noticed here, at
    send time, and written to the outbox like any other event so that delivery stays exactly once.
    """
    horizon = today + timedelta(days=within_days)
    query = select(Item.id, Item.source_id, Item.title, Item.url, Item.comment_deadline).where(
        Item.status == "active",
        Item.comment_deadline.is_not(None),
        Item.comment_deadline >= today,
        Item.comment_deadline <= horizon,
    )
    added = 0
    for item_id, source_id, title, url, deadline in session.execute(query):
        payload = {"title": title, "url": url, "deadline": deadline.isoformat(), "days_left": (deadline - today).days}
        if add_event(session, DEADLINE_EVENT, source_id, item_id, deadline_key(item_id, deadline), payload):
            added += 1
    return added
