"""End to end: a re-crawl makes exactly the lower bound of requests against the simulator.

Nothing new: one request per source (its first list page or the jpaas unit API, answered 304 or read and
found known), no article, no robots.txt (cached across crawl children for 24 h), no jpaas shell page (the
column is remembered as a shell). k new articles: sources + k. And a column remembered as a jpaas shell
whose unit API stops answering (the column moved back to classic) is read from its page again, nothing lost.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from sqlalchemy import select

from crawler.config.catalog import load_catalog
from crawler.run.probe_run import UNCHANGED_MESSAGE
from crawler.util.urls import canonical_url
from db.engine import make_session_factory
from db.models import CrawlRun, Item, ListPageState, RobotsTxt
from simulator.harness import SimClient
from tests.simfixtures import Crawler

DRAFTS = "zj-kjt-drafts"  # hanweb-auto, served by the simulator as a migrated jpaas column (shell page)
NEW_IN = ("zj-kjt-drafts", "zj-kjt-notices", "cn-most-notices")
MOVING = "zj-kjt-notices"  # hanweb-auto, classic in the simulator; its shell states jpaas ids: it can move both ways


def served_sources(sim: SimClient) -> list[str]:
    catalog = load_catalog()
    return sorted(s for s in sim.get("/_sim/sources").json()["sources"] if s in catalog)


def list_requests(counts: dict, source_id: str) -> int:
    return counts["by_source"][source_id].get("list", 0) + counts["by_source"][source_id].get("proxy", 0)


def stored(crawler: Crawler, source_id: str) -> list[str]:
    with make_session_factory(crawler.engine)() as session:
        urls = session.scalars(select(Item.url).where(Item.source_id == source_id, Item.status == "active"))
        return sorted(canonical_url(u) for u in urls)


def last_stats(crawler: Crawler, source_id: str) -> dict:
    with make_session_factory(crawler.engine)() as session:
        return session.scalar(select(CrawlRun.stats).where(CrawlRun.source_id == source_id)
                              .order_by(CrawlRun.id.desc()).limit(1))


def test_recrawl_makes_one_request_per_source_then_sources_plus_k(sim: SimClient, crawler: Crawler) -> None:
    sources = served_sources(sim)
    first = crawler.crawl(*sources)
    assert all(r.outcome == "ok" for r in first.values()), {s: r.message for s, r in first.items() if r.outcome != "ok"}
    catalog = load_catalog()
    hosts = {f"{urlsplit(u).scheme}://{urlsplit(u).netloc}/robots.txt" for s in sources for u in catalog[s].start_urls}
    with make_session_factory(crawler.engine)() as session:
        # The first crawl asked each host once, whatever the number of its sources, and kept the answer.
        assert set(session.scalars(select(RobotsTxt.url))) == hosts
        column = catalog[DRAFTS].start_urls[0]
        assert session.get(ListPageState, column).list_via == "jpaas"

    sim.post("/_sim/requests/reset")
    quiet = crawler.crawl(*sources)
    assert all(r.outcome == "ok" and r.counts["new"] == 0 for r in quiet.values())
    counts = sim.requests_log()
    assert {s: list_requests(counts, s) for s in sources} == {s: 1 for s in sources}
    assert all(counts["by_source"][s].get("detail", 0) == 0 for s in sources)
    # Nothing else reached any host: no robots.txt, no shell page.
    assert counts["total"] == len(sources)
    # The remembered shell was skipped and the unit API asked conditionally: 304, nothing parsed. The runner's
    # probe asked it (crawler/run/list_probe.py), so no crawl child started at all.
    drafts = last_stats(crawler, DRAFTS)
    assert drafts.get("newswatch/list_not_modified") == 1
    assert drafts.get("newswatch/probe") == "unchanged" and drafts["newswatch/probe_urls"].split("\n") != [column]
    assert all(r.message == UNCHANGED_MESSAGE for r in quiet.values())

    for source_id in NEW_IN:
        sim.post(f"/_sim/sources/{source_id}/publish", {})
    sim.post("/_sim/requests/reset")
    fresh = crawler.crawl(*sources)
    assert all(r.outcome == "ok" for r in fresh.values())
    assert {s: r.counts["new"] for s, r in fresh.items() if r.counts["new"]} == {s: 1 for s in NEW_IN}
    counts = sim.requests_log()
    assert {s: list_requests(counts, s) for s in sources} == {s: 1 for s in sources}
    assert {s: counts["by_source"][s].get("detail", 0) for s in NEW_IN} == {s: 1 for s in NEW_IN}
    assert counts["total"] == len(sources) + len(NEW_IN)


def test_remembered_shell_falls_back_to_the_column_page_when_the_unit_api_refuses(
    sim: SimClient, crawler: Crawler
) -> None:
    source_id = MOVING
    assert crawler.crawl(source_id)[source_id].outcome == "ok"
    # The column moves to the jpaas cloud: its page becomes a shell, remembered once the crawl reads it.
    sim.post(f"/_sim/sources/{source_id}/platform", {"platform": "jpaas"})
    assert crawler.crawl(source_id)[source_id].outcome == "ok"
    sim.post("/_sim/requests/reset")
    assert crawler.crawl(source_id)[source_id].outcome == "ok"
    assert sim.requests_log()["total"] == 1  # the unit API only, answered 304
    # It moves back: the unit API refuses (栏目未发布到云平台) and the column page holds the list again.
    sim.post(f"/_sim/sources/{source_id}/platform", {"platform": "classic"})
    sim.post(f"/_sim/sources/{source_id}/publish", {"title": "关于征求《浙江省科技创新条例（修订草案）》意见的通知"})
    sim.post("/_sim/requests/reset")
    moved = crawler.crawl(source_id)[source_id]
    assert moved.outcome == "ok" and moved.counts["new"] == 1, moved.message
    stats = last_stats(crawler, source_id)
    assert stats.get("newswatch/shell_page_fallback") == 1 and stats.get("newswatch/hanweb_mode") == "classic"
    assert stored(crawler, source_id) == sorted(canonical_url(a["url"]) for a in sim.truth(source_id))
    column = load_catalog()[source_id].start_urls[0]
    with make_session_factory(crawler.engine)() as session:
        assert session.get(ListPageState, column).list_via is None
    # Forgotten: the next crawl reads the column page first, conditionally, and that is its one request.
    sim.post("/_sim/requests/reset")
    again = crawler.crawl(source_id)[source_id]
    assert again.outcome == "ok" and again.counts["new"] == 0
    assert list_requests(sim.requests_log(), source_id) == 1 and sim.requests_log()["total"] == 1
