"""Every simulator failure mode ends in the right health state, with one operator event per transition and
one on recovery; broken answers are recorded in the crawl run while the rest of the crawl completes."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import select

from db.engine import make_session_factory
from db.models import ChangeEvent, CrawlRun, Item, Source
from tests.simfixtures import Crawler, Sim


def health_events(crawler: Crawler, source_id: str) -> list[tuple[str, str]]:
    with make_session_factory(crawler.engine)() as s:
        events = s.scalars(select(ChangeEvent).where(ChangeEvent.kind == "health", ChangeEvent.source_id == source_id)
                           .order_by(ChangeEvent.id))
        return [(e.payload["previous"], e.payload["state"]) for e in events]


def health(crawler: Crawler, source_id: str) -> tuple[str, str]:
    with make_session_factory(crawler.engine)() as s:
        row = s.get(Source, source_id)
        return row.health, row.health_message


@pytest.mark.parametrize(
    "source_id, mode, state, words",
    [
        ("cn-nmpa-announcements", {"mode": "blocked-412"}, "blocked", "412"),
        ("js-mpa-notices", {"mode": "blocked-521"}, "blocked", "521"),
        ("gd-kjt-notices", {"mode": "forbidden-403"}, "blocked", "403"),
        ("js-kjt-notices", {"mode": "empty-shell"}, "empty", "layout"),
        ("zj-mpa-inspections", {"mode": "server-error", "count": 50}, "unreachable", "503"),
    ],
)
def test_failure_mode_health_once_and_recovery(sim: Sim, crawler: Crawler, source_id: str, mode: dict,
                                               state: str, words: str) -> None:
    assert crawler.crawl(source_id)[source_id].outcome == "ok"
    sim.post(f"/_sim/sources/{source_id}/mode", mode)
    broken = crawler.crawl(source_id)[source_id]
    assert broken.outcome == "failed" and broken.counts["new"] == 0  # never "0 new items" and ok
    current, message = health(crawler, source_id)
    assert current == state and words in message, message
    crawler.crawl(source_id)  # still broken: no second event
    assert health_events(crawler, source_id) == [("ok", state)]
    sim.post(f"/_sim/sources/{source_id}/mode", {"mode": "ok"})
    assert crawler.crawl(source_id)[source_id].outcome == "ok"
    assert health(crawler, source_id)[0] == "ok"
    assert health_events(crawler, source_id) == [("ok", state), (state, "ok")]


def test_timeouts_make_the_source_unreachable(sim: Sim, tmp_path: Path) -> None:
    crawler = Crawler(sim, f"sqlite:///{tmp_path / 'slow.sqlite3'}", tmp_path, download_timeout=1.0)
    try:
        sim.post("/_sim/sources/cn-most-policy/mode", {"mode": "slow", "delay": 3})
        result = crawler.crawl("cn-most-policy")["cn-most-policy"]
        assert result.outcome == "failed"
        state, message = health(crawler, "cn-most-policy")
        assert state == "unreachable" and "TimeoutError" in message, message
    finally:
        crawler.close()


def test_retry_after_is_waited_out(sim: Sim, crawler: Crawler) -> None:
    sim.post("/_sim/sources/cn-most-policy/mode", {"mode": "retry-after", "count": 2})
    result = crawler.crawl("cn-most-policy")["cn-most-policy"]
    assert result.outcome == "ok" and result.counts["new"] == len(sim.truth("cn-most-policy"))
    with make_session_factory(crawler.engine)() as s:
        run = s.scalar(select(CrawlRun).where(CrawlRun.source_id == "cn-most-policy"))
        assert run.stats.get("newswatch/retry_after_waits", 0) >= 1


def test_redesigned_list_is_still_read_by_the_generic_extractor(sim: Sim, crawler: Crawler) -> None:
    """Selectors no longer match, but the generic list extractor still finds the entries: no false alarm.
    (A list that yields nothing at all is *empty*, as the empty-shell case above shows.)"""
    crawler.crawl("cn-most-notices")
    sim.post("/_sim/sources/cn-most-notices/mode", {"mode": "redesign"})
    sim.post("/_sim/sources/cn-most-notices/publish", {"title": "关于开展2027年度国家重点研发计划“合成生物学”重点专项申报的通知"})
    result = crawler.crawl("cn-most-notices")["cn-most-notices"]
    assert result.outcome == "ok" and result.counts["new"] == 1
    assert health(crawler, "cn-most-notices")[0] == "ok"


def test_malformed_proxy_answer_is_recorded_and_the_rest_completes(sim: Sim, crawler: Crawler) -> None:
    sim.post("/_sim/sources/zj-kjt-notices/mode", {"mode": "malformed-proxy"})
    result = crawler.crawl("zj-kjt-notices")["zj-kjt-notices"]
    assert result.outcome == "partial" and "list_parse" in result.message
    with make_session_factory(crawler.engine)() as s:
        run = s.scalar(select(CrawlRun).where(CrawlRun.source_id == "zj-kjt-notices"))
        assert any(e["kind"] == "list_parse" and "XML" in e["message"] for e in run.error_log)
        stored = s.scalars(select(Item.url)).all()
    truth = [a["url"] for a in sim.truth("zj-kjt-notices")]
    assert set(stored) == set(truth[:45])  # the embedded batch was stored despite the broken proxy
