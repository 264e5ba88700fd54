"""End to end: crawl the simulated Zhejiang sources, then re-crawl, publish, edit and withdraw."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import func, select

from db.engine import make_session_factory
from db.models import ChangeEvent, CrawlRun, Item
from simulator.harness import SimClient
from tests.simfixtures import Crawler

SOURCES = ("zj-kjt-notices", "zj-mpa-inspections")


@pytest.fixture
def crawler(sim: SimClient, database_url: str, tmp_path: Path) -> Iterator[Crawler]:
    crawler = Crawler(sim, database_url, tmp_path)
    yield crawler
    crawler.close()


def stored_urls(crawler: Crawler, source_id: str) -> list[str]:
    with make_session_factory(crawler.engine)() as s:
        return list(s.scalars(select(Item.url).where(Item.source_id == source_id, Item.status == "active")))


def event_kinds(crawler: Crawler) -> list[str]:
    with make_session_factory(crawler.engine)() as s:
        return list(s.scalars(select(ChangeEvent.kind).where(ChangeEvent.kind != "health").order_by(ChangeEvent.id)))


def test_full_crawl_then_incremental(sim: SimClient, crawler: Crawler) -> None:
    results = crawler.crawl(*SOURCES)
    for source_id in SOURCES:
        assert results[source_id].outcome == "ok", results[source_id].message
        truth = sim.truth(source_id)
        assert len(truth) >= 120
        stored = stored_urls(crawler, source_id)
        assert sorted(stored) == sorted(a["url"] for a in truth)  # every article exactly once (url is unique)
        assert results[source_id].counts["new"] == len(truth)
    with make_session_factory(crawler.engine)() as s:
        item = s.scalar(select(Item).where(Item.url == sim.truth("zj-kjt-notices")[0]["url"]))
        assert item.published_at.tzinfo is not None and item.body_text and item.origin
    first_events = len(event_kinds(crawler))

    # Nothing changed: one list request per source, no detail requests, nothing stored, no events.
    sim.post("/_sim/requests/reset")
    again = crawler.crawl(*SOURCES)
    assert all(r.outcome == "ok" and r.counts["new"] == 0 and r.counts["changed"] == 0 for r in again.values())
    by_source = sim.requests_log()["by_source"]
    for source_id in SOURCES:
        assert by_source[source_id].get("detail", 0) == 0
        assert by_source[source_id].get("list", 0) + by_source[source_id].get("proxy", 0) == 1
    assert len(event_kinds(crawler)) == first_events

    # A new article is found by the next crawl, with one list request and one detail request.
    published = sim.post("/_sim/sources/zj-kjt-notices/publish", {"title": "关于征求《浙江省脑机接口产业发展行动计划（征求意见稿）》意见的通知"})
    sim.post("/_sim/requests/reset")
    third = crawler.crawl("zj-kjt-notices")
    assert third["zj-kjt-notices"].counts["new"] == 1
    assert published["url"] in stored_urls(crawler, "zj-kjt-notices")
    assert sim.requests_log()["by_source"]["zj-kjt-notices"].get("detail", 0) == 1
    assert event_kinds(crawler)[-1] == "new"


def test_edit_and_withdraw(sim: SimClient, crawler: Crawler) -> None:
    crawler.crawl("zj-kjt-notices")
    newest, victim = sim.truth("zj-kjt-notices")[0], sim.truth("zj-kjt-notices")[3]
    sim.post("/_sim/sources/zj-kjt-notices/edit", {"id": newest["id"], "title": newest["title"] + "（更新）"})
    sim.post("/_sim/sources/zj-kjt-notices/withdraw", {"id": victim["id"]})
    # A publish moves the simulated clock: every page's date widget and Maketime change (noise, not news).
    sim.post("/_sim/sources/zj-kjt-policy/publish", {})
    # Young items are due for a re-check after six hours; pretend that time has passed.
    with make_session_factory(crawler.engine).begin() as s:
        from datetime import timedelta
        for item in s.scalars(select(Item)):
            item.last_checked_at = item.last_checked_at - timedelta(days=400)
            item.first_seen_at = item.first_seen_at - timedelta(days=400)
    result = crawler.crawl("zj-kjt-notices")["zj-kjt-notices"]
    # Dozens of known items were re-fetched (all due) with new noise on their pages; only the real edit changed.
    assert result.counts["unchanged"] >= 40
    assert result.counts["changed"] == 1 and result.counts["withdrawn"] == 1
    with make_session_factory(crawler.engine)() as s:
        edited = s.scalar(select(Item).where(Item.url == newest["url"]))
        assert edited.version == 2 and edited.title.endswith("（更新）")
        assert edited.versions[-1].diff["title"]["after"].endswith("（更新）")
        gone = s.scalar(select(Item).where(Item.url == victim["url"]))
        assert gone.status == "withdrawn"
        kinds = [k for k in s.scalars(select(ChangeEvent.kind).where(ChangeEvent.item_id.in_([edited.id, gone.id])))]
        assert sorted(kinds) == ["changed", "new", "new", "withdrawn"]
        run = s.scalar(select(CrawlRun).order_by(CrawlRun.id.desc()))
        assert run.withdrawn == 1


def test_sources_are_counted_once_across_runs(sim: SimClient, crawler: Crawler) -> None:
    crawler.crawl("zj-mpa-inspections")
    crawler.crawl("zj-mpa-inspections")
    with make_session_factory(crawler.engine)() as s:
        dupes = s.execute(select(Item.url, func.count()).group_by(Item.url).having(func.count() > 1)).all()
        assert dupes == []
