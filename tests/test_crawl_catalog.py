"""End to end: crawl every catalog source the simulator serves; every true article is stored exactly once."""

from __future__ import annotations

import urllib.request
from collections import Counter
from pathlib import Path

import pytest
from sqlalchemy import select

from crawler.config.catalog import load_catalog
from crawler.util.simulator_url import to_simulator_url
from crawler.util.urls import canonical_url
from db.engine import make_session_factory
from db.models import Item
from simulator.harness import SimClient
from spiders.entries import Entry
from spiders.entry_filter import split_entries
from spiders.feed_parsing import parse_feed
from tests.simfixtures import Crawler


def served_sources(sim: SimClient) -> list[str]:
    """Catalog sources the simulator serves; the others would only answer 404 here."""
    catalog = load_catalog()
    return sorted(s for s in sim.get("/_sim/sources").json()["sources"] if s in catalog)


def followable(source_id: str, articles: list[dict]) -> list[str]:
    """Truth URLs a spider follows: on the source's hosts and not a bare attachment (spiders/entry_filter.py)."""
    source = load_catalog()[source_id]
    entries = [Entry(a["url"], a["title"]) for a in articles]
    return [canonical_url(e.url) for e in split_entries(entries, sorted(source.hosts)).kept]


def expected(sim: SimClient, source_id: str) -> list[str]:
    """What a crawl must store: every true article, except that a feed only ever shows its newest items."""
    truth = sim.truth(source_id)
    source = load_catalog()[source_id]
    if source.family == "feed":
        with urllib.request.urlopen(to_simulator_url(sim.base_url, source.start_urls[0]), timeout=30) as answer:
            listed = {canonical_url(e.url) for e in parse_feed(answer.read(), source.start_urls[0]).entries}
        assert listed, f"{source_id}: the simulated feed lists nothing"
        truth = [a for a in truth if canonical_url(a["url"]) in listed]
    return followable(source_id, truth)


def stored(crawler: Crawler, source_id: str) -> list[str]:
    with make_session_factory(crawler.engine)() as session:
        urls = session.scalars(select(Item.url).where(Item.source_id == source_id, Item.status == "active"))
        return [canonical_url(u) for u in urls]


def test_every_served_source_stores_every_article_exactly_once(
    sim: SimClient, sqlite_url: str, tmp_path: Path
) -> None:
    sources = served_sources(sim)
    assert sources, "the simulator serves no catalog source"
    crawler = Crawler(sim, sqlite_url, tmp_path)
    try:
        results = crawler.crawl(*sources)
        problems = []
        for source_id in sources:
            result = results[source_id]
            if result.outcome != "ok":
                problems.append(f"{source_id}: {result.outcome}: {result.message}")
                continue
            truth = expected(sim, source_id)
            got = stored(crawler, source_id)
            twice = sorted(url for url, n in Counter(got).items() if n > 1)
            missing, extra = sorted(set(truth) - set(got)), sorted(set(got) - set(truth))
            if twice or missing or extra:
                problems.append(
                    f"{source_id}: {len(missing)} missing (e.g. {missing[:2]}), {len(extra)} not in "
                    f"the truth (e.g. {extra[:2]}), {len(twice)} stored twice (e.g. {twice[:2]})"
                )
        assert not problems, "\n".join(problems)
    finally:
        crawler.close()


@pytest.mark.parametrize("mode", ["empty-shell", "proxy-404"])
def test_migrated_zhejiang_column_reads_jpaas_or_fails_clearly(
    sim: SimClient, sqlite_url: str, tmp_path: Path, mode: str
) -> None:
    """Zhejiang 2026: the column page became a shell, or its data proxy answers 404. The crawl either reads
    the column from the jpaas unit API or fails with the `empty` signal; it never reports "0 new items"."""
    sim.post("/_sim/sources/zj-kjt-notices/mode", {"mode": mode})
    crawler = Crawler(sim, sqlite_url, tmp_path)
    try:
        result = crawler.crawl("zj-kjt-notices")["zj-kjt-notices"]
        if result.outcome == "ok":
            assert sorted(stored(crawler, "zj-kjt-notices")) == sorted(
                followable("zj-kjt-notices", sim.truth("zj-kjt-notices"))
            )
        else:
            assert result.outcome == "failed", result.message
            assert "layout changed" in result.message and "jpaas unit API" in result.message, result.message
    finally:
        crawler.close()


def test_zhejiang_column_moving_to_jpaas_keeps_every_article_once(
    sim: SimClient, sqlite_url: str, tmp_path: Path
) -> None:
    """The classic column is read, then it moves to the jpaas cloud (shell page, unit API): the next crawl
    reads the unit API, finds nothing new, and a new article published there is stored once."""
    source_id = "zj-kjt-notices"
    crawler = Crawler(sim, sqlite_url, tmp_path)
    try:
        assert crawler.crawl(source_id)[source_id].outcome == "ok"
        sim.post(f"/_sim/sources/{source_id}/platform", {"platform": "jpaas"})
        moved = crawler.crawl(source_id)[source_id]
        assert moved.outcome == "ok" and moved.counts["new"] == 0, moved.message
        sim.post(
            f"/_sim/sources/{source_id}/publish", {"title": "关于开展2026年度省级科技计划项目申报工作的通知"}
        )
        again = crawler.crawl(source_id)[source_id]
        assert again.outcome == "ok" and again.counts["new"] == 1, again.message
        assert sorted(stored(crawler, source_id)) == sorted(expected(sim, source_id))
    finally:
        crawler.close()
