"""A database that is down at crawl time: pages go to the spool, and the next crawl stores them."""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace

import pytest
from scrapy.utils.test import get_crawler
from sqlalchemy import select

from crawler.extract.fields import extract_fields
from crawler.scrapy_ext.items import RawPage
from crawler.scrapy_ext.spool import Spool
from db.engine import make_engine, make_session_factory
from db.migrate import upgrade
from db.models import ChangeEvent, Item, Source
from pipelines.store import SpooledAgain, StorePipeline

PAGE = """<html><head><meta name="ArticleTitle" content="关于开展2027年度细胞治疗项目申报的通知">
<meta name="PubDate" content="2026-11-20 10:30"><meta name="ContentSource" content="浙江省科学技术厅"></head>
<body><div id="zoom"><p>各有关单位：现将2027年度项目申报工作通知如下。</p><p>一、申报范围为细胞治疗和基因治疗。</p></div></body></html>"""
DOWN = "postgresql+psycopg://postgres@127.0.0.1:1/nowhere?connect_timeout=2"


def page(n: int) -> RawPage:
    body = PAGE.replace("2027年度", f"{2027 + n}年度").encode()
    return RawPage("zj-kjt-notices", f"https://kjt.zj.gov.cn/art/2026/11/20/art_1_{n}.html", 200, body)


def pipeline(url: str, spool: Spool) -> StorePipeline:
    stats = get_crawler().stats
    store = StorePipeline(url, stats, spool)
    store.open_spider(SimpleNamespace(source_id="zj-kjt-notices"))
    return store


def test_pages_survive_a_dead_database(tmp_path: Path) -> None:
    spool = Spool(tmp_path / "spool")
    down = pipeline(DOWN, spool)
    for n in range(3):
        item = page(n)
        item.fields["extracted"] = extract_fields(item.body.decode(), item.url)
        with pytest.raises(SpooledAgain):
            down.process_item(item)
    assert down.stats.get_value("newswatch/spooled") == 3
    assert down.stats.get_value("newswatch/errors/store_failed") == 3
    down.close_spider()

    good = f"sqlite:///{tmp_path / 'db.sqlite3'}"
    upgrade(good)
    engine = make_engine(good)
    with make_session_factory(engine).begin() as s:
        s.add(Source(id="zj-kjt-notices", name="通知公告"))
    replay = pipeline(good, spool)  # the next crawl of the source replays the spool first
    assert replay.stats.get_value("newswatch/spool_replayed") == 3
    replay.close_spider()
    with make_session_factory(engine)() as s:
        titles = sorted(s.scalars(select(Item.title)))
        assert titles == [f"关于开展{2027 + n}年度细胞治疗项目申报的通知" for n in range(3)]
        assert len(s.scalars(select(ChangeEvent)).all()) == 3
    assert not list((tmp_path / "spool").iterdir())
    engine.dispose()
