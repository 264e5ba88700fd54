"""A full database in the store step (SQLITE_FULL through PRAGMA max_page_count): the crawl is stopped at once,
no item is half-written, fetched pages go to the spool, or stay unknown so that the next crawl fetches them."""

from __future__ import annotations

import errno
import os
import sqlite3
from collections.abc import Iterator
from datetime import datetime, timezone
from pathlib import Path
from types import SimpleNamespace

import pytest
from scrapy.utils.test import get_crawler
from sqlalchemy import func, select, text
from sqlalchemy.exc import OperationalError

from crawler.extract.fields import extract_fields
from crawler.scrapy_ext.items import RawPage
from crawler.scrapy_ext.known_items import load_known_items
from crawler.scrapy_ext.spool import Spool
from db.engine import MAX_PAGES_ENV, make_engine, make_session_factory
from db.migrate import upgrade
from db.models import ChangeEvent, Item, ItemVersion, Source
from pipelines.store import NotKept, SpooledAgain, StorePipeline

SOURCE = "zj-kjt-notices"
# Long enough to need overflow pages: a full database cannot take even the first one.
BODY = "".join(f"<p>第{n}段：各有关单位，现将2027年度细胞治疗与基因治疗项目申报工作有关事项通知如下。</p>" for n in range(120))


def page(n: int) -> RawPage:
    html = (f'<html><head><meta name="ArticleTitle" content="关于开展{2027 + n}年度项目申报的通知">'
            f'<meta name="PubDate" content="2026-11-20 10:30"></head><body><div id="zoom">{BODY}</div></body></html>')
    item = RawPage(SOURCE, f"https://kjt.zj.gov.cn/art/2026/11/20/art_1_{n}.html", 200, html.encode())
    item.fields["extracted"] = extract_fields(html, item.url)
    return item


@pytest.fixture
def database(tmp_path: Path) -> Iterator[str]:
    url = f"sqlite:///{tmp_path / 'db.sqlite3'}"
    upgrade(url)
    engine = make_engine(url)
    with make_session_factory(engine).begin() as s:
        s.add(Source(id=SOURCE, name="通知公告"))
    engine.dispose()
    yield url


def fill_up(url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """Cap the database at its current size: the next write that needs a new page fails with SQLITE_FULL."""
    engine = make_engine(url)
    with engine.connect() as connection:
        pages = connection.execute(text("PRAGMA page_count")).scalar_one()
    engine.dispose()
    monkeypatch.setenv(MAX_PAGES_ENV, str(pages))


class Pipeline:
    """A StorePipeline as a crawl would use it, recording the stop requests it makes."""

    def __init__(self, url: str, spool: Spool | None) -> None:
        self.stops: list[str] = []
        self.store = StorePipeline(url, get_crawler().stats, spool, self.stops.append)
        self.store.open_spider(SimpleNamespace(source_id=SOURCE))
        self.stats = self.store.stats

    def close(self) -> None:
        self.store.close_spider()


def counts(url: str) -> tuple[int, int, int]:
    engine = make_engine(url)
    with make_session_factory(engine)() as s:
        found = tuple(s.scalar(select(func.count()).select_from(t)) for t in (Item, ItemVersion, ChangeEvent))
    engine.dispose()
    return found  # type: ignore[return-value]


@pytest.fixture(autouse=True)
def no_waiting(monkeypatch: pytest.MonkeyPatch) -> None:
    """Retrying a full database cannot help: the store step must not wait for it."""
    def refuse(seconds: float) -> None:
        raise AssertionError(f"the store step slept {seconds} s on a full database")

    monkeypatch.setattr("pipelines.store.time.sleep", refuse)


def test_full_database_stops_the_crawl_and_spools(database: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    fill_up(database, monkeypatch)
    spool = Spool(tmp_path / "spool")
    run = Pipeline(database, spool)
    for n in range(3):
        with pytest.raises(SpooledAgain, match="database full, page kept in the spool"):
            run.store.process_item(page(n))
    assert run.stops == ["disk_full"]  # asked once, at the first page
    assert "database or disk is full" in run.stats.get_value("newswatch/signal/disk_full")
    assert run.stats.get_value("newswatch/errors") == 1  # one clear error, not one per page
    assert run.stats.get_value("newswatch/spooled") == 3
    run.close()
    assert counts(database) == (0, 0, 0)

    monkeypatch.delenv(MAX_PAGES_ENV)  # space freed: the next crawl stores the spooled pages first
    replay = Pipeline(database, Spool(tmp_path / "spool"))
    assert replay.stats.get_value("newswatch/spool_replayed") == 3
    replay.close()
    assert counts(database) == (3, 3, 3)
    assert list((tmp_path / "spool").iterdir()) == []


def test_an_item_is_never_half_written(database: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """The disk fills up after the item and version rows were written, at the event: all three are undone."""
    def full(*_args: object, **_kwargs: object) -> bool:
        raise OperationalError("INSERT INTO change_events …", {}, sqlite3.OperationalError("database or disk is full"))

    monkeypatch.setattr("db.store_item.add_event", full)
    run = Pipeline(database, None)
    with pytest.raises(NotKept, match="the next crawl fetches it again"):
        run.store.process_item(page(1))
    run.close()
    assert counts(database) == (0, 0, 0)


def test_spool_full_too_leaves_the_page_to_the_next_crawl(database: str, tmp_path: Path,
                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    fill_up(database, monkeypatch)
    spool = Spool(tmp_path / "spool")

    def no_space(_page: RawPage) -> None:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), str(tmp_path / "spool" / f"{SOURCE}.jsonl"))

    monkeypatch.setattr(spool, "add", no_space)
    run = Pipeline(database, spool)
    for n in range(2):
        with pytest.raises(NotKept):
            run.store.process_item(page(n))
    assert run.stops == ["disk_full", "spool_failed"]
    assert run.stats.get_value("newswatch/not_kept") == 2
    kinds = [e["kind"] for e in run.stats.get_value("newswatch/error_log")]
    assert kinds == ["disk_full", "spool_failed"]
    assert "No space left on device" in run.stats.get_value("newswatch/error_log")[1]["message"]
    run.close()
    monkeypatch.delenv(MAX_PAGES_ENV)
    # Never stored, so never known: the next crawl fetches both pages again.
    known = load_known_items(database, SOURCE, datetime.now(timezone.utc))
    assert all(known.needs_fetch(page(n).url) for n in range(2))


def test_replay_into_a_full_database_keeps_the_spool(database: str, tmp_path: Path,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    spool = Spool(tmp_path / "spool")
    for n in range(3):
        spool.add(page(n))
    fill_up(database, monkeypatch)
    full = Pipeline(database, Spool(tmp_path / "spool"))
    assert full.stops == ["disk_full"] and not full.stats.get_value("newswatch/spool_replayed")
    full.close()
    assert len(Spool(tmp_path / "spool").take(SOURCE)) == 3  # nothing dropped, nothing spooled twice

    monkeypatch.delenv(MAX_PAGES_ENV)
    freed = Pipeline(database, Spool(tmp_path / "spool"))
    assert freed.stats.get_value("newswatch/spool_replayed") == 3
    freed.close()
    assert counts(database) == (3, 3, 3)
    assert list((tmp_path / "spool").iterdir()) == []
