"""Dispatch against a real webhook sink on loopback: exactly once, retries with backoff, operator routing."""

from __future__ import annotations

import sqlite3
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select
from sqlalchemy.exc import OperationalError

from crawler.alerts.delivery import dispatch_pending
from crawler.alerts.glossary import Glossary
from crawler.notify import deliveries as deliveries_module
from crawler.notify.deliveries import CLAIM_TIMEOUT
from crawler.notify.unrecorded import UnrecordedSends
from db.engine import make_session_factory
from db.models import ChangeEvent, Delivery
from tests.alerts.dbfactory import World, at, make_world, settings_for
from tests.alerts.servers import WebhookSink

T0 = at("2025-03-10 02:00")
CELL = "关于开展免疫细胞治疗临床研究备案的通知"


def config(sink: WebhookSink, **alerts: Any) -> dict[str, Any]:
    base = f"json://127.0.0.1:{sink.port}"
    return {
        "channels": {"team": {"type": "apprise", "url": f"{base}/team"},
                     "ops": {"type": "apprise", "url": f"{base}/ops", "operator": True}},
        "rules": [{"name": "cell therapy", "keywords": ["cell therapy"], "channels": ["team"],
                   "events": ["new", "changed", "comment_deadline"]}],
        "alerts": {"backoff_seconds": 60, **alerts},
    }


@pytest.fixture
def world(database_url: str, fixed_glossary: Glossary) -> World:
    return make_world(database_url)


def deliveries(world: World) -> list[Delivery]:
    with world.session() as session:
        return list(session.scalars(select(Delivery).order_by(Delivery.id)))


def test_an_alert_reaches_the_webhook_exactly_once(world: World, webhook: WebhookSink, tmp_path: Path) -> None:
    item = world.add_item("zj-kjt-notices", CELL, T0, doc_number="浙科发〔2025〕5号")
    world.event("new", "zj-kjt-notices", T0, item)
    world.add_item("zj-kjt-notices", "无关的通知", T0)
    settings = settings_for(world.url, tmp_path, config(webhook))

    first = dispatch_pending(settings, world.engine, T0 + timedelta(minutes=1))
    second = dispatch_pending(settings, world.engine, T0 + timedelta(minutes=2))

    assert (first.sent, second.sent, second.queued) == (1, 0, 0)
    assert webhook.paths == ["/team"]
    body = webhook.bodies[0]
    assert CELL in body["title"] and "浙科发〔2025〕5号" in body["message"] and "cell therapy" in body["message"]
    assert item.url in body["message"]
    [row] = deliveries(world)
    assert (row.channel, row.status, row.attempts, row.sent_at) == ("team", "sent", 1, T0 + timedelta(minutes=1))


def test_a_failed_send_is_retried_after_the_backoff_and_nothing_is_lost(world: World, webhook: WebhookSink,
                                                                        tmp_path: Path) -> None:
    item = world.add_item("zj-kjt-notices", CELL, T0)
    world.event("new", "zj-kjt-notices", T0, item)
    settings = settings_for(world.url, tmp_path, config(webhook))
    webhook.status = 500

    failed = dispatch_pending(settings, world.engine, T0)
    [row] = deliveries(world)
    assert (failed.sent, failed.retrying, row.status, row.attempts) == (0, 1, "pending", 1)
    assert row.next_attempt_at == T0 + timedelta(seconds=60)
    assert "FAILED" in failed.lines[0]

    webhook.status = 200
    too_early = dispatch_pending(settings, world.engine, T0 + timedelta(seconds=30))
    assert too_early.sent == 0 and webhook.bodies == []

    retried = dispatch_pending(settings, world.engine, T0 + timedelta(seconds=61))
    [row] = deliveries(world)
    assert retried.sent == 1 and len(webhook.bodies) == 1
    assert (row.status, row.attempts, row.last_error) == ("sent", 2, "")


def test_backoff_doubles_and_gives_up_after_max_attempts(world: World, webhook: WebhookSink, tmp_path: Path) -> None:
    item = world.add_item("zj-kjt-notices", CELL, T0)
    world.event("new", "zj-kjt-notices", T0, item)
    settings = settings_for(world.url, tmp_path,
                            config(webhook, max_attempts=3))
    webhook.status = 500
    now = T0
    waits = []
    for _ in range(3):
        dispatch_pending(settings, world.engine, now)
        [row] = deliveries(world)
        if row.next_attempt_at:
            waits.append((row.next_attempt_at - now).total_seconds())
            now = row.next_attempt_at
    assert waits == [60, 120]
    assert (row.status, row.attempts, row.next_attempt_at) == ("failed", 3, None)
    assert dispatch_pending(settings, world.engine, now + timedelta(days=1)).sent == 0


def test_health_goes_to_the_operator_channel_and_content_to_the_team(world: World, webhook: WebhookSink,
                                                                     tmp_path: Path) -> None:
    item = world.add_item("zj-mpa-notices", CELL, T0)
    world.event("new", "zj-mpa-notices", T0, item)
    world.event("health", "zj-mpa-inspections", T0, None,
                {"state": "blocked", "previous": "ok", "message": "HTTP 412 <b>challenge</b>"})
    settings = settings_for(world.url, tmp_path, config(webhook))

    report = dispatch_pending(settings, world.engine, T0)

    assert report.sent == 2
    by_path = dict(zip(webhook.paths, webhook.bodies, strict=True))
    assert set(by_path) == {"/team", "/ops"}
    assert "blocked" in by_path["/ops"]["title"] and "HTTP 412 challenge" in by_path["/ops"]["message"]
    assert CELL not in by_path["/ops"]["message"] and "blocked" not in by_path["/team"]["message"]


def test_several_events_travel_in_one_message(world: World, webhook: WebhookSink, tmp_path: Path) -> None:
    titles = [f"细胞治疗项目通知{n}" for n in range(3)]
    for title in titles:
        world.event("new", "zj-kjt-notices", T0, world.add_item("zj-kjt-notices", title, T0))
    settings = settings_for(world.url, tmp_path, config(webhook))

    report = dispatch_pending(settings, world.engine, T0)

    assert report.sent == 3 and len(webhook.bodies) == 1
    assert webhook.bodies[0]["title"] == "newswatch: 3 new"
    assert all(t in webhook.bodies[0]["message"] for t in titles)


def test_baselines_backfills_and_old_events_are_left_to_the_digest(world: World, webhook: WebhookSink,
                                                                  tmp_path: Path) -> None:
    world.crawl_run("zj-kjt-notices", T0 - timedelta(minutes=30), T0 + timedelta(minutes=5), new=2)
    baseline = world.add_item("zj-kjt-notices", "细胞治疗 first crawl", T0)
    world.event("new", "zj-kjt-notices", T0, baseline)
    old = world.add_item("zj-kjt-policy", "细胞治疗 2019", T0, published_at=at("2019-05-01 00:00"))
    world.event("new", "zj-kjt-policy", T0, old)
    stale = world.add_item("zj-kjt-policy", "细胞治疗 last week", T0)
    world.event("new", "zj-kjt-policy", T0 - timedelta(days=7), stale)
    fresh = world.add_item("zj-kjt-notices", "细胞治疗 second crawl", T0 + timedelta(hours=1))
    world.event("new", "zj-kjt-notices", T0 + timedelta(hours=1), fresh)
    settings = settings_for(world.url, tmp_path, config(webhook))

    report = dispatch_pending(settings, world.engine, T0 + timedelta(hours=1))

    assert (report.sent, report.skipped) == (1, 2)
    assert "second crawl" in webhook.bodies[0]["message"] and "first crawl" not in webhook.bodies[0]["message"]
    notes = sorted(d.last_error.split(":")[0] for d in deliveries(world) if d.status == "skipped")
    assert notes == ["backfill", "baseline"]


def test_a_comment_deadline_coming_close_alerts_once(world: World, webhook: WebhookSink, tmp_path: Path) -> None:
    draft = world.add_item("zj-mpa-notices", "关于《细胞治疗产品管理规定（征求意见稿）》征求意见的通知",
                           T0 - timedelta(days=20), comment_deadline=date(2025, 3, 12))
    world.add_item("zj-mpa-notices", "细胞治疗 far deadline", T0, comment_deadline=date(2025, 4, 30))
    settings = settings_for(world.url, tmp_path, config(webhook))

    first = dispatch_pending(settings, world.engine, T0)
    second = dispatch_pending(settings, world.engine, T0 + timedelta(hours=1))

    assert (first.deadline_events, first.sent, second.deadline_events, second.sent) == (1, 1, 0, 0)
    assert webhook.bodies[0]["title"].startswith("newswatch comment deadline: ")
    assert "2025-03-12" in webhook.bodies[0]["message"] and "2 days left" in webhook.bodies[0]["message"]
    with world.session() as session:
        kinds = list(session.scalars(select(ChangeEvent.kind).where(ChangeEvent.item_id == draft.id)))
    assert kinds == ["comment_deadline"]


def test_crawled_markup_cannot_reach_the_chat_message(world: World, webhook: WebhookSink, tmp_path: Path) -> None:
    evil = world.add_item("zj-kjt-notices", "<script>alert(1)</script>细胞治疗<img src=x onerror=alert(2)>通知", T0)
    world.event("changed", "zj-kjt-notices", T0, evil, {"diff": {"body_text": {
        "added_paragraphs": ['<a href="javascript:x()" onclick="y()">细胞治疗新增段落</a>'], "removed_paragraphs": []}}})
    settings = settings_for(world.url, tmp_path, config(webhook))

    dispatch_pending(settings, world.engine, T0)

    text = webhook.bodies[0]["title"] + webhook.bodies[0]["message"]
    assert "细胞治疗通知" in text and "细胞治疗新增段落" in text
    for bad in ("<script", "onerror", "onclick", "javascript:", "<img", "<a "):
        assert bad not in text


def test_a_secret_url_missing_from_the_environment_is_reported_and_retried(world: World, webhook: WebhookSink,
                                                                          tmp_path: Path) -> None:
    item = world.add_item("zj-kjt-notices", CELL, T0)
    world.event("new", "zj-kjt-notices", T0, item)
    raw = config(webhook)
    raw["channels"]["team"] = {"type": "apprise", "url_env": "NEWSWATCH_TEAM_URL"}
    settings = settings_for(world.url, tmp_path, raw)

    missing = dispatch_pending(settings, world.engine, T0, environ={})
    present = dispatch_pending(settings, world.engine, T0 + timedelta(minutes=5),
                               environ={"NEWSWATCH_TEAM_URL": f"json://127.0.0.1:{webhook.port}/secret-token"})

    assert missing.retrying == 1 and "NEWSWATCH_TEAM_URL is not set" in missing.lines[0]
    assert present.sent == 1 and webhook.paths == ["/secret-token"]
    assert all("secret-token" not in line for line in present.lines)
    with make_session_factory(world.engine)() as session:
        assert session.scalar(select(Delivery.status)) == "sent"


def test_an_alert_sent_but_not_recorded_on_a_full_disk_is_never_sent_twice(world: World, webhook: WebhookSink,
                                                                           tmp_path: Path,
                                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    """The webhook took the alert, then the database (its disk full) refused the "sent" record: held, and
    nothing is sent until it is written, even once the claim has expired."""
    item = world.add_item("zj-kjt-notices", CELL, T0)
    world.event("new", "zj-kjt-notices", T0, item)
    settings = settings_for(world.url, tmp_path, config(webhook))
    held = UnrecordedSends()  # the daemon's, kept across its cycles

    def disk_full(*_args: object) -> None:
        raise OperationalError("UPDATE deliveries …", {}, sqlite3.OperationalError("database or disk is full"))

    monkeypatch.setattr(deliveries_module, "mark_sent", disk_full)
    first = dispatch_pending(settings, world.engine, T0, unrecorded=held)
    assert (first.sent, first.unrecorded, len(webhook.bodies)) == (1, 1, 1)
    assert "NOT RECORDED (database or disk is full)" in first.lines[0]
    assert "1 of them not recorded yet" in first.summary()

    later = dispatch_pending(settings, world.engine, T0 + CLAIM_TIMEOUT * 2, unrecorded=held)  # claim expired
    assert later.sent == 0 and later.lines[0].startswith("sending paused") and len(webhook.bodies) == 1

    monkeypatch.undo()  # space freed
    freed = dispatch_pending(settings, world.engine, T0 + CLAIM_TIMEOUT * 3, unrecorded=held)
    assert freed.sent == 0 and len(webhook.bodies) == 1
    [row] = deliveries(world)
    assert (row.status, row.sent_at) == ("sent", T0)


def test_a_full_database_before_sending_sends_nothing_and_loses_nothing(world: World, webhook: WebhookSink,
                                                                        tmp_path: Path,
                                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    item = world.add_item("zj-kjt-notices", CELL, T0)
    world.event("new", "zj-kjt-notices", T0, item)
    settings = settings_for(world.url, tmp_path, config(webhook))

    def disk_full(*_args: object, **_kwargs: object) -> None:
        raise OperationalError("UPDATE deliveries …", {}, sqlite3.OperationalError("database or disk is full"))

    monkeypatch.setattr(deliveries_module, "claim_due", disk_full)
    report = dispatch_pending(settings, world.engine, T0)
    assert report.sent == 0 and webhook.bodies == []
    assert report.lines == ["FAILED: the database refuses writes (database or disk is full); due alerts stay due"]
    monkeypatch.undo()
    assert dispatch_pending(settings, world.engine, T0 + timedelta(minutes=1)).sent == 1
    assert len(webhook.bodies) == 1
