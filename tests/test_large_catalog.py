"""A large catalog costs what it must: a crawl child never reads the catalog (its source is handed over), and
registering the catalog's sources in the database reads the sources table once, whatever its size."""

from __future__ import annotations

from pathlib import Path

from scrapy.utils.test import get_crawler
from sqlalchemy import event, select

from crawler.config.catalog import load_catalog
from crawler.run.bootstrap import source_row
from crawler.run.child import SOURCE_SETTING
from db.engine import make_engine, make_session_factory
from db.migrate import upgrade
from db.models import Source
from db.repository import sync_sources
from spiders.static_list import StaticListSpider


def test_a_crawl_child_uses_the_source_handed_over_and_never_reads_the_catalog(tmp_path: Path) -> None:
    unreadable = tmp_path / "broken.yaml"
    unreadable.write_text("sources: [ {id: unterminated\n", encoding="utf-8")
    source = load_catalog()["cn-most-policy"]
    settings = {"NEWSWATCH_CATALOGS": str(unreadable), SOURCE_SETTING: source.model_dump(mode="json")}
    spider = StaticListSpider.from_crawler(get_crawler(StaticListSpider, settings), source="cn-most-policy")
    assert spider.source == source


def test_registering_many_sources_reads_the_table_once(database_url: str) -> None:
    upgrade(database_url)
    engine = make_engine(database_url)
    template = load_catalog()["cn-most-policy"]
    rows = [{**source_row(template), "id": f"xx-mpa-col{i}", "name": f"测试{i}"} for i in range(500)]
    statements: list[str] = []
    event.listen(engine, "before_cursor_execute", lambda *args: statements.append(args[2]))
    sessions = make_session_factory(engine)
    with sessions.begin() as session:
        sync_sources(session, rows)
    first = len(statements)
    rows[7]["name"] = "改名"
    with sessions.begin() as session:
        sync_sources(session, rows)  # one source renamed: one more read, one write
    second = len(statements) - first
    with sessions() as session:
        assert session.scalar(select(Source.name).where(Source.id == "xx-mpa-col7")) == "改名"
        assert len(session.scalars(select(Source.id)).all()) == 500
    engine.dispose()
    assert first <= 3 and second <= 3, statements[:5]
