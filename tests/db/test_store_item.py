"""Storing observations: new, unchanged and changed items, versions and idempotent outbox events."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

from sqlalchemy import func, select

from db.engine import make_engine, make_session_factory
from db.migrate import upgrade
from db.models import ChangeEvent, Item, ItemVersion, Source
from db.repository import add_event
from db.store_item import StoredOutcome, store_item
from pipelines.change import content_hash, diff, snapshot

NOW = datetime(2026, 11, 20, 2, 0, tzinfo=timezone.utc)
URL = "https://kjt.zj.gov.cn/art/2026/11/20/art_1228971341_1.html"


def _setup(url: str):
    upgrade(url)
    engine = make_engine(url)
    sessions = make_session_factory(engine)
    with sessions.begin() as s:
        s.add(Source(id="zj-kjt-notices", name="浙江省科学技术厅 通知公告", family="hanweb-classic"))
    return engine, sessions


def _record(title: str, body: str) -> dict:
    return {"title": title, "published": "2026-11-20T10:00:00+08:00", "body_text": body, "attachments": []}


def _store(sessions, record: dict, now: datetime, extractor: str | None = None) -> StoredOutcome:
    snap = snapshot(record)
    columns = {"title": record["title"], "body_text": record["body_text"], "attachments": [], "topics": [], "extra": {}}
    with sessions.begin() as s:
        return store_item(s, "zj-kjt-notices", URL, columns, snap, content_hash(snap), now, diff, extractor=extractor)


def test_new_unchanged_changed_on_both_databases(database_url: str) -> None:
    engine, sessions = _setup(database_url)
    assert _store(sessions, _record("关于开展2027年度项目申报的通知", "第一段\n第二段"), NOW) is StoredOutcome.NEW
    # Whitespace-only differences are noise, not a change.
    noisy = _record("关于开展2027年度项目申报的通知 ", "第一段  \n\n第二段")
    assert _store(sessions, noisy, NOW + timedelta(hours=1)) is StoredOutcome.UNCHANGED
    edited = _record("关于开展2027年度项目申报的通知（更正）", "第一段\n第二段\n补充说明")
    assert _store(sessions, edited, NOW + timedelta(hours=2)) is StoredOutcome.CHANGED
    with sessions() as s:
        item = s.scalar(select(Item))
        assert item.version == 2 and item.title.endswith("（更正）")
        assert item.published_at is None or item.published_at.tzinfo is not None
        assert item.last_checked_at == NOW + timedelta(hours=2)
        versions = s.scalars(select(ItemVersion).order_by(ItemVersion.version)).all()
        assert [v.version for v in versions] == [1, 2]
        assert versions[1].diff["title"]["after"].endswith("（更正）")
        assert versions[1].diff["body_text"]["added_paragraphs"] == ["补充说明"]
        kinds = s.scalars(select(ChangeEvent.kind).order_by(ChangeEvent.id)).all()
        assert kinds == ["new", "changed"]
    engine.dispose()


def test_fields_read_differently_by_newer_rules_are_a_version_without_an_event(database_url: str) -> None:
    engine, sessions = _setup(database_url)
    assert _store(sessions, _record("关于开展项目申报的通知_浙江省科学技术厅", "正文"), NOW, "old") is StoredOutcome.NEW
    # The next release reads the title without the site's suffix: a new version, announced to nobody.
    reread = _record("关于开展项目申报的通知", "正文")
    assert _store(sessions, reread, NOW + timedelta(hours=1), "new") is StoredOutcome.REEXTRACTED
    assert _store(sessions, reread, NOW + timedelta(hours=2), "new") is StoredOutcome.UNCHANGED
    # A real edit read by the same rules is a change, announced once.
    edited = _record("关于开展项目申报的通知（更正）", "正文")
    assert _store(sessions, edited, NOW + timedelta(hours=3), "new") is StoredOutcome.CHANGED
    with sessions() as s:
        versions = s.scalars(select(ItemVersion).order_by(ItemVersion.version)).all()
        assert [(v.version, v.extractor) for v in versions] == [(1, "old"), (2, "new"), (3, "new")]
        assert versions[1].diff["title"]["after"] == "关于开展项目申报的通知"
        assert s.scalars(select(ChangeEvent.kind).order_by(ChangeEvent.id)).all() == ["new", "changed"]
    engine.dispose()


def test_events_are_idempotent(database_url: str) -> None:
    engine, sessions = _setup(database_url)
    with sessions.begin() as s:
        assert add_event(s, "new", "zj-kjt-notices", None, "new:x", {}) is True
    with sessions.begin() as s:
        assert add_event(s, "new", "zj-kjt-notices", None, "new:x", {}) is False
    with sessions() as s:
        assert s.scalar(select(func.count(ChangeEvent.id))) == 1
    engine.dispose()
