"""Recording a source's health: state changes and one operator event per transition (recovery too)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from db.models import Item, Source
from db.repository import add_event


def recent_publish_times(session: Session, source_id: str, limit: int) -> list[datetime]:
    query = (
        select(Item.published_at)
        .where(Item.source_id == source_id, Item.published_at.is_not(None))
        .order_by(Item.published_at.desc())
        .limit(limit)
    )
    return [t for t in session.scalars(query) if t is not None]


def set_health(session: Session, source_id: str, state: str, message: str, now: datetime, run_id: int) -> bool:
    """Update the state; on a transition add a 'health' event (once: keyed by source and run). True if changed."""
    source = session.get(Source, source_id)
    if source is None:
        return False
    previous = source.health or "ok"
    if previous == state:
        if state != "ok":
            source.health_message = message
        return False
    source.health, source.health_since, source.health_message = state, now, message
    payload = {"state": state, "previous": previous, "message": message,
               "recovered": state == "ok"}
    add_event(session, "health", source_id, None, f"health:{source_id}:{run_id}", payload)
    return True
