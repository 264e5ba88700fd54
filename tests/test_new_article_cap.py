"""The cap on new articles per crawl, end to end on a loopback site: a huge list queues only the newest, the run
says how many are left, and the next crawls fetch the rest, each article stored exactly once."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

from sqlalchemy import func, select

from db.engine import make_session_factory
from db.models import ChangeEvent, CrawlRun, Item
from tests.fakesite import Page, article_page, crawl_user_source, generic_source, list_page, serve

NEWEST = date(2026, 6, 30)


def articles(count: int) -> list[tuple[str, str, str]]:
    """(path, title, date) newest first, one a day back from NEWEST."""
    days = [(NEWEST - timedelta(days=n)).isoformat() for n in range(count)]
    return [(f"/art/{n}.html", f"关于第{n}批项目的通知", day) for n, day in enumerate(days)]


def article_pages(links: list[tuple[str, str, str]]) -> dict[str, Page]:
    return {path: Page(article_page(title, day, f"{title}。各有关单位：现将有关事项通知如下。" * 5))
            for path, title, day in links}


def detail_hits(hits: dict[str, int]) -> dict[str, int]:
    return {path: n for path, n in hits.items() if path.startswith("/art/")}


def test_a_huge_list_fetches_only_the_newest_up_to_the_cap_and_says_how_many_are_left(tmp_path: Path) -> None:
    links = articles(5000)
    # A pinned old notice heads the list: newest first goes by date, so it waits.
    pinned = ("/art/pinned.html", "置顶：多年前的通知", "2019-01-01")
    pages = {"/col/index.html": Page(list_page([pinned, *links])), **article_pages([pinned, *links])}
    with serve(pages) as site:
        entry = generic_source("t-huge-notices", f"{site.url}/col/index.html", max_new_per_crawl=40)
        result, engine = crawl_user_source(tmp_path, entry)
        engine.dispose()
        assert result.outcome == "ok", result.message
        assert result.counts["new"] == 40 and result.counts["entries_seen"] == 5001
        assert "4961 more new article(s) left for the next crawls (at most 40 new per crawl" in result.message
        assert set(detail_hits(site.hits)) == {path for path, _, _ in links[:40]}


def test_the_articles_left_are_fetched_by_the_next_crawls_each_stored_exactly_once(tmp_path: Path) -> None:
    links = articles(30)
    pages = {"/col/index.html": Page(list_page(links[:10])), "/col/index_1.html": Page(list_page(links[10:20])),
             "/col/index_2.html": Page(list_page(links[20:])), **article_pages(links)}
    with serve(pages) as site:
        entry = generic_source("t-capped-notices", f"{site.url}/col/index.html", max_new_per_crawl=8,
                               paging={"page_pattern": "index_{n}.html"})
        runs = []
        for _ in range(5):
            result, engine = crawl_user_source(tmp_path, entry)
            engine.dispose()
            runs.append(result)
        assert [r.outcome for r in runs] == ["ok"] * 5, [r.message for r in runs]
        assert [r.counts["new"] for r in runs] == [8, 8, 8, 6, 0]
        assert [("left for the next crawls" in r.message) for r in runs] == [True, True, True, False, False]
        assert "22 more new article(s) left" in runs[0].message and "6 more new article(s) left" in runs[2].message
        assert detail_hits(site.hits) == {path: 1 for path, _, _ in links}
        # Caught up, the routine crawl stops at the known first page again.
        assert site.hits["/col/index.html"] == 5 and site.hits["/col/index_2.html"] == 4
    with make_session_factory(engine)() as s:
        assert s.scalar(select(func.count(Item.id))) == 30
        assert s.scalar(select(func.count(func.distinct(Item.url)))) == 30
        assert s.scalar(select(func.count(ChangeEvent.id)).where(ChangeEvent.kind == "new")) == 30
        assert s.scalar(select(func.count(CrawlRun.id))) == 5
