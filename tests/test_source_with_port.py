"""A source whose URL names a port is crawled like any other; a list whose entries are all skipped is empty."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import select

from db.engine import make_session_factory
from db.models import Item, Source
from tests.fakesite import Page, article_page, crawl_user_source, generic_source, list_page, serve

ARTICLES = {f"/art/2026/12/0{n}/art_{n}.html": (f"关于第{n}批科技项目的通知", f"2026-12-0{n}") for n in range(1, 4)}


def site_pages(links: list[tuple[str, str, str]]) -> dict[str, Page]:
    pages = {"/col/index.html": Page(list_page(links))}
    for path, (title, date) in ARTICLES.items():
        pages[path] = Page(article_page(title, date, f"{title}。各有关单位：现将有关事项通知如下。" * 5))
    return pages


def test_a_source_on_a_port_is_crawled_and_its_entries_stored(tmp_path: Path) -> None:
    links = [(path, title, date) for path, (title, date) in ARTICLES.items()]
    with serve(site_pages(links)) as site:
        entry = generic_source("t-port-notices", f"{site.url}/col/index.html")
        result, engine = crawl_user_source(tmp_path, entry)
        assert result.outcome == "ok", result.message
        assert result.counts["new"] == len(ARTICLES)
        with make_session_factory(engine)() as s:
            titles = set(s.scalars(select(Item.title)))
            assert titles == {title for title, _ in ARTICLES.values()}
            assert s.get(Source, "t-port-notices").health == "ok"
        engine.dispose()


def test_a_list_of_only_off_site_entries_is_empty_with_the_reason(tmp_path: Path) -> None:
    links = [(f"https://mp.weixin.qq.com/s/{n}", title, date) for n, (title, date) in enumerate(ARTICLES.values())]
    with serve(site_pages(links)) as site:
        result, engine = crawl_user_source(tmp_path, generic_source("t-port-weixin", f"{site.url}/col/index.html"))
        assert result.outcome == "failed"
        assert "every entry of the list was skipped" in result.message and "mp.weixin.qq.com" in result.message
        with make_session_factory(engine)() as s:
            source = s.get(Source, "t-port-weixin")
            assert source.health == "empty" and "mp.weixin.qq.com" in source.health_message
        engine.dispose()
