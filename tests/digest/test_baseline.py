"""A source's first crawl in the digest: its archive is summarised per source; what it found that is recent is news."""

from __future__ import annotations

import copy
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from crawler.alerts.glossary import Glossary
from crawler.digest.build import Digest, build_digest
from tests.alerts.dbfactory import World, at, make_world, settings_for
from tests.digest.scenario import DAY, DIGEST_RAW
from tests.digest.test_build import section

FIRST_CRAWL_ENDS = at("2025-03-10 02:30")


@pytest.fixture
def world(database_url: str, fixed_glossary: Glossary) -> World:
    """zj-kjt-notices is crawled for the first time on DAY; zj-mpa-notices has been watched since March 1st."""
    w = make_world(database_url)
    w.crawl_run("zj-mpa-notices", at("2025-03-01 01:00"), at("2025-03-01 01:30"), new=5)
    w.crawl_run("zj-kjt-notices", at("2025-03-10 01:00"), FIRST_CRAWL_ENDS, new=5)
    found = at("2025-03-10 02:00")
    items = {
        "old": w.add_item("zj-kjt-notices", "二〇二四年的旧通知", found, published_at=at("2024-06-01 02:00")),
        "old_match": w.add_item("zj-kjt-notices", "关于细胞治疗项目的旧通知", found, published_at=at("2025-01-15 02:00"),
                                body_text="cell therapy"),
        "undated": w.add_item("zj-kjt-notices", "没有日期的旧通知", found, published_at=None),
        "old_draft": w.add_item("zj-kjt-notices", "仍在征求意见的办法（征求意见稿）", found,
                                published_at=at("2025-03-01 02:00"), comment_deadline=date(2025, 3, 20)),
        # Published the day before the digest's day: news, even though the first crawl found it.
        "recent": w.add_item("zj-kjt-notices", "昨天发布的细胞治疗通知", found, published_at=at("2025-03-09 03:00"),
                             body_text="cell therapy"),
        # A watched source: found today, published a while ago, still listed (not a first crawl).
        "watched": w.add_item("zj-mpa-notices", "关于药品监管的公告", at("2025-03-10 05:00"),
                              published_at=at("2025-02-01 02:00")),
    }
    for item in items.values():
        w.event("new", item.source_id, item.first_seen_at, item)
    w.items = items  # type: ignore[attr-defined]
    return w


def digest_of(world: World, tmp_path: Path, **alerts: Any) -> Digest:
    raw = copy.deepcopy(DIGEST_RAW)
    raw["alerts"] = alerts
    return build_digest(settings_for(world.url, tmp_path, raw), world.engine, DAY, "analysts-mail")


def test_the_archive_of_a_first_crawl_is_summarised_not_listed(world: World, tmp_path: Path) -> None:
    items = world.items  # type: ignore[attr-defined]
    digest = digest_of(world, tmp_path)
    assert digest.counts["new"] == 2 and digest.counts["baseline_sources"] == 1 and digest.counts["baseline_items"] == 4
    assert digest.subject.endswith("2 new, 0 changed, 0 withdrawn, 1 open for comment, started watching 1 source(s)")
    new = section(digest.text, "NEW")
    assert items["recent"].title in new and items["watched"].title in new
    for name in ("old", "old_match", "undated", "old_draft"):
        assert items[name].title not in new
    highlights = section(digest.text, "HIGHLIGHTS")
    assert items["recent"].title in highlights and items["old_match"].title not in highlights
    started = section(digest.text, "STARTED WATCHING")
    assert "4 item(s) they had published before 2025-03-09" in started
    assert "(zj-kjt-notices): 4 item(s), published 2024-06-01 to 2025-03-01, 1 without a date" in started
    assert "zj-mpa-notices" not in started
    # A draft of the archive still open for comment is not history: it is in its own section.
    assert items["old_draft"].title in section(digest.text, "OPEN FOR COMMENT")
    assert "Started watching 开始监测 (1)" in digest.html and "2024-06-01 to 2025-03-01; 1 without a date" in digest.html


def test_a_day_with_only_a_first_crawl_is_not_an_empty_day(database_url: str, fixed_glossary: Glossary,
                                                            tmp_path: Path) -> None:
    w = make_world(database_url)
    w.crawl_run("zj-kjt-notices", at("2025-03-10 01:00"), FIRST_CRAWL_ENDS, new=2)
    for title, published in (("旧通知一", at("2024-06-01 02:00")), ("旧通知二", None)):
        item = w.add_item("zj-kjt-notices", title, at("2025-03-10 02:00"), published_at=published)
        w.event("new", item.source_id, item.first_seen_at, item)
    digest = digest_of(w, tmp_path)
    assert not digest.empty and digest.counts["new"] == 0 and digest.counts["baseline_items"] == 2
    assert "nothing new" not in digest.subject and "started watching 1 source(s)" in digest.subject
    assert "Nothing new" not in digest.text and "旧通知一" not in digest.text


def test_with_first_crawls_alerted_the_digest_lists_them_too(world: World, tmp_path: Path) -> None:
    digest = digest_of(world, tmp_path, skip_first_crawl=False)
    assert digest.counts["new"] == 6 and digest.counts["baseline_sources"] == 0
    assert "STARTED WATCHING" not in digest.text
    assert world.items["old"].title in section(digest.text, "NEW")  # type: ignore[attr-defined]


def test_an_archive_stored_over_several_capped_crawls_is_summarised_whole(database_url: str,
                                                                         fixed_glossary: Glossary,
                                                                         tmp_path: Path) -> None:
    w = make_world(database_url)
    w.crawl_run("zj-kjt-notices", at("2025-03-10 01:00"), FIRST_CRAWL_ENDS, new=1, stats={"newswatch/new_left": 1})
    w.crawl_run("zj-kjt-notices", at("2025-03-10 08:00"), at("2025-03-10 08:30"), new=1)
    for title, found in (("旧通知一", at("2025-03-10 02:00")), ("旧通知二，第二次抓取", at("2025-03-10 08:10"))):
        item = w.add_item("zj-kjt-notices", title, found, published_at=at("2024-06-01 02:00"))
        w.event("new", item.source_id, item.first_seen_at, item)
    digest = digest_of(w, tmp_path)
    assert digest.counts["new"] == 0 and digest.counts["baseline_items"] == 2
    assert "(zj-kjt-notices): 2 item(s)" in section(digest.text, "STARTED WATCHING")
