"""The crawl-request outbox (db/crawl_requests.py): idempotent adds, one claim per push, owner-guarded ends."""

from __future__ import annotations

from db.crawl_requests import (
    NewRequest,
    add_request,
    claim,
    count_by_status,
    finish,
    get_request,
    mark_pushed,
    requeue,
)
from db.timeutil import utcnow
from tests.distributed.fakes import catalog_database

SOURCE = "zj-kjt-notices"


def test_the_same_key_is_added_once_and_a_pending_source_is_coalesced(database_url: str) -> None:
    with catalog_database(database_url) as sessions:
        with sessions.begin() as session:
            first = add_request(session, NewRequest("schedule:zj-kjt-notices:100", SOURCE, "schedule", "daemon a"))
            # A second daemon firing the same scheduled run (a failover) adds nothing.
            again = add_request(session, NewRequest("schedule:zj-kjt-notices:100", SOURCE, "schedule", "daemon b"),
                                coalesce=False)
            # A later run while the first still waits in the queue is coalesced into it.
            later = add_request(session, NewRequest("schedule:zj-kjt-notices:200", SOURCE, "schedule", "daemon a"))
            other = add_request(session, NewRequest("manual:x:zj-mpa-notices", "zj-mpa-notices", "manual", "cli"))
        assert first is not None and again is None and later is None and other is not None
        with sessions() as session:
            assert count_by_status(session) == {"pending": 2}
            assert get_request(session, first).requested_by == "daemon a"


def test_only_the_latest_push_can_claim_and_only_the_claimant_can_end(database_url: str) -> None:
    with catalog_database(database_url) as sessions:
        with sessions.begin() as session:
            request_id = add_request(session, NewRequest("manual:1", SOURCE, "manual", "cli"))
            assert request_id is not None
            mark_pushed(session, request_id, "job-old", utcnow())
            mark_pushed(session, request_id, "job-new", utcnow())
        with sessions.begin() as session:
            assert not claim(session, request_id, "job-old", "w1", "owner-1", utcnow())  # a stale copy
            assert claim(session, request_id, "job-new", "w2", "owner-2", utcnow())
            assert not claim(session, request_id, "job-new", "w3", "owner-3", utcnow())  # delivered twice
        with sessions.begin() as session:
            assert not finish(session, request_id, "done", "ok", "", owner="owner-1")
            assert requeue(session, request_id, "owner-2", "host busy", count_retry=False)
            assert not requeue(session, request_id, "owner-2", "again", count_retry=True)  # no longer started
        with sessions.begin() as session:
            mark_pushed(session, request_id, "job-3", utcnow())
            assert claim(session, request_id, "job-3", "w1", "owner-4", utcnow())
            assert finish(session, request_id, "done", "ok", "12 entries", run_id=None, owner="owner-4")
        with sessions() as session:
            row = get_request(session, request_id)
            assert (row.status, row.attempts, row.retries, row.worker) == ("done", 2, 0, "w1")
