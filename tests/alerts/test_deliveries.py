"""Delivery records: queueing is idempotent, a claim belongs to one sender, claims of dead senders expire."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import select

from crawler.alerts.config import AlertOptions
from crawler.notify import deliveries
from db.engine import make_session_factory
from db.models import Delivery
from tests.alerts.dbfactory import World, at, make_world

T0 = at("2025-03-10 02:00")


@pytest.fixture
def world(database_url: str) -> World:
    return make_world(database_url)


def test_backoff_doubles_up_to_the_cap() -> None:
    waits = [deliveries.backoff(n, 60, 600).total_seconds() for n in range(1, 7)]
    assert waits == [60, 120, 240, 480, 600, 600]


def test_queueing_twice_adds_each_event_and_channel_once(world: World) -> None:
    event = world.event("new", "zj-kjt-notices", T0, world.add_item("zj-kjt-notices", "通知", T0))
    sessions = make_session_factory(world.engine)
    with sessions.begin() as session:
        assert deliveries.queue(session, [(event.id, "a", "pending", ""), (event.id, "b", "pending", "")]) == 2
    with sessions.begin() as session:
        assert deliveries.queue(session, [(event.id, "a", "pending", ""), (event.id, "c", "skipped", "why")]) == 1
        assert deliveries.existing_pairs(session, [event.id]) == {(event.id, "a"), (event.id, "b"), (event.id, "c")}


def test_a_claimed_row_is_not_handed_to_a_second_sender_until_the_claim_expires(world: World) -> None:
    event = world.event("new", "zj-kjt-notices", T0, world.add_item("zj-kjt-notices", "通知", T0))
    sessions = make_session_factory(world.engine)
    with sessions.begin() as session:
        deliveries.queue(session, [(event.id, "a", "pending", "")])
    with sessions.begin() as session:
        first = deliveries.claim_due(session, T0)
    with sessions.begin() as session:
        second = deliveries.claim_due(session, T0 + timedelta(minutes=1))
    with sessions.begin() as session:
        after_crash = deliveries.claim_due(session, T0 + deliveries.CLAIM_TIMEOUT + timedelta(seconds=1))
    assert [r.channel for r in first] == ["a"] and second == [] and [r.id for r in after_crash] == [first[0].id]


def test_failures_are_recorded_with_the_next_attempt_time(world: World) -> None:
    event = world.event("new", "zj-kjt-notices", T0, world.add_item("zj-kjt-notices", "通知", T0))
    sessions = make_session_factory(world.engine)
    options = AlertOptions(max_attempts=2, backoff_seconds=30)
    with sessions.begin() as session:
        deliveries.queue(session, [(event.id, "a", "pending", "")])
    with sessions.begin() as session:
        rows = deliveries.claim_due(session, T0)
        assert deliveries.mark_failed(session, rows, T0, "boom", options) == (1, 0)
    with sessions.begin() as session:
        row = session.scalar(select(Delivery))
        assert (row.status, row.attempts, row.last_error, row.next_attempt_at) == ("pending", 1, "boom",
                                                                                   T0 + timedelta(seconds=30))
        rows = deliveries.claim_due(session, T0 + timedelta(seconds=30))
        assert deliveries.mark_failed(session, rows, T0, "boom again", options) == (0, 1)
    with sessions() as session:
        assert session.scalar(select(Delivery.status)) == "failed"
