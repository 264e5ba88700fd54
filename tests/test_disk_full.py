"""A full disk during a crawl: the SQLite database cannot grow (SQLITE_FULL, produced exactly by PRAGMA
max_page_count through NEWSWATCH_SQLITE_MAX_PAGES), with the spool writable or not. The run fails at once
with a clear message, nothing is half-written, fetched pages are kept or left to be fetched again, and once
space is freed the next crawl stores every article of the ground truth exactly once."""

from __future__ import annotations

from collections import Counter
from datetime import datetime, timezone
from pathlib import Path

import pytest
from sqlalchemy import func, select, text
from sqlalchemy.exc import OperationalError

from crawler.scrapy_ext.spool import Spool
from db.engine import MAX_PAGES_ENV, make_session_factory
from db.models import ChangeEvent, CrawlRun, Item, ItemVersion, Lease, Source
from simulator.harness import SimClient
from tests.simfixtures import Crawler

SOURCE = "zj-kjt-notices"
# Room for the crawl's lease and run rows and a handful of articles (each takes a few 4 KiB pages): the
# database fills up in the store step, early in the crawl.
HEADROOM_PAGES = 24


def fill_disk(crawler: Crawler, monkeypatch: pytest.MonkeyPatch, headroom: int) -> None:
    """Cap the database a few pages above its size, for this process and the crawl children it starts."""
    with crawler.engine.connect() as connection:
        pages = connection.execute(text("PRAGMA page_count")).scalar_one()
    monkeypatch.setenv(MAX_PAGES_ENV, str(pages + headroom))
    crawler.engine.dispose()  # pooled connections were opened without the cap


def free_space(crawler: Crawler, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(MAX_PAGES_ENV)
    crawler.engine.dispose()


def assert_nothing_half_written(crawler: Crawler) -> int:
    """Every stored item has its version and its one 'new' event (they are written in one transaction)."""
    with make_session_factory(crawler.engine)() as s:
        items = s.scalars(select(Item).where(Item.source_id == SOURCE)).all()
        versions = Counter(s.scalars(select(ItemVersion.item_id)))
        news = Counter(s.scalars(select(ChangeEvent.item_id).where(ChangeEvent.kind == "new")))
        assert all(versions[i.id] == i.version == 1 and news[i.id] == 1 for i in items)
        assert set(versions) == set(news) == {i.id for i in items}
        return len(items)


def assert_truth_stored_once(crawler: Crawler, sim: SimClient) -> None:
    truth = sorted(a["url"] for a in sim.truth(SOURCE))
    with make_session_factory(crawler.engine)() as s:
        stored = sorted(s.scalars(select(Item.url).where(Item.source_id == SOURCE)))
        assert stored == truth  # every article, exactly once
        events = s.execute(select(ChangeEvent.kind, ChangeEvent.item_id).where(ChangeEvent.kind != "health")).all()
        assert sorted(kind for kind, _ in events) == ["new"] * len(truth)  # one event per article, no doubles
        assert len({item_id for _, item_id in events}) == len(truth)
        assert s.scalar(select(func.count(ItemVersion.id))) == len(truth)
    assert_nothing_half_written(crawler)


def source_health(crawler: Crawler) -> tuple[str, int]:
    with make_session_factory(crawler.engine)() as s:
        row = s.get(Source, SOURCE)
        health_events = s.scalar(select(func.count(ChangeEvent.id)).where(ChangeEvent.kind == "health"))
        return row.health, health_events


@pytest.mark.parametrize("spool_writable", [True, False], ids=["spool-ok", "spool-unwritable"])
def test_database_full_mid_crawl(sim: SimClient, crawler: Crawler, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                 caplog: pytest.LogCaptureFixture, spool_writable: bool) -> None:
    truth = sim.truth(SOURCE)
    spool_dir = tmp_path / "spool"
    if not spool_writable:
        spool_dir.write_text("a file where the spool folder should be: nothing can be written under it")
    fill_disk(crawler, monkeypatch, HEADROOM_PAGES)

    result = crawler.crawl(SOURCE)[SOURCE]

    # A clean failure that says why: not "ok, 0 new", not a traceback.
    assert not [r for r in caplog.records if r.exc_info]
    assert result.outcome == "failed", result.message
    assert "disk is full" in result.message and not result.message.startswith("could not run"), result.message
    stored = assert_nothing_half_written(crawler)
    assert stored < len(truth) // 2
    # The crawl stopped at once instead of fetching (and spooling) the rest of the column; pages already
    # downloaded when it stopped are still handled (spooled, or left to be fetched again).
    fetched = sim.requests_log()["by_source"][SOURCE].get("detail", 0)
    assert fetched < len(truth) // 2, (fetched, stored, result.message)
    log = next((tmp_path / "logs").glob(f"crawl-{SOURCE}-*.log")).read_text(encoding="utf-8")
    assert "Traceback" not in log and "disk_full" in log, log[-3000:]
    # Our fault, not the source's: its health is untouched and no operator event claims otherwise.
    assert source_health(crawler) == ("ok", 0)
    if spool_writable:
        spooled = Spool(spool_dir).take(SOURCE)
        assert spooled and {p.url for p in spooled} <= {a["url"] for a in truth}  # kept, not lost
        assert "wait in the spool" in result.message
    else:
        assert "not kept, the next crawl fetches them again" in result.message, result.message
        spool_dir.unlink()

    free_space(crawler, monkeypatch)
    again = crawler.crawl(SOURCE)[SOURCE]
    assert again.outcome == "ok", again.message
    assert_truth_stored_once(crawler, sim)
    assert not list(spool_dir.glob("*")) if spool_dir.exists() else True  # the spool was replayed and emptied
    with make_session_factory(crawler.engine)() as s:
        runs = s.scalars(select(CrawlRun.outcome).order_by(CrawlRun.id)).all()
    assert runs == ["failed", "ok"], (runs, result.message)
    # A third crawl finds nothing new: nothing was left half-known.
    third = crawler.crawl(SOURCE)[SOURCE]
    assert (third.outcome, third.counts["new"], third.counts["changed"]) == ("ok", 0, 0)
    assert_truth_stored_once(crawler, sim)


def test_database_full_before_the_crawl_starts(crawler: Crawler, monkeypatch: pytest.MonkeyPatch,
                                               caplog: pytest.LogCaptureFixture) -> None:
    """Not even the crawl's lease or run row fits: the crawl does not start, and says why in one line."""
    fill_disk(crawler, monkeypatch, 0)
    sessions = make_session_factory(crawler.engine)
    long_ago = datetime(2020, 1, 1, tzinfo=timezone.utc)
    with pytest.raises(OperationalError, match="database or disk is full"):  # fill the last free bytes: leases
        for n in range(1000):                                                 # are the crawl's first write
            with sessions.begin() as s:
                s.add(Lease(name=f"filler:{n:04d}:" + "x" * 150, owner="filler", expires_at=long_ago))
    result = crawler.crawl(SOURCE)[SOURCE]
    assert result.outcome == "failed", result.message
    assert result.message.startswith("could not run the crawl: the database or its disk is full"), result.message
    assert not [r for r in caplog.records if r.exc_info], "a full disk is reported in one line, not a traceback"
    free_space(crawler, monkeypatch)
    with make_session_factory(crawler.engine)() as s:  # nothing left behind that would hold up the next crawl
        assert s.scalar(select(func.count(Lease.name)).where(Lease.owner != "filler")) == 0
        assert s.scalar(select(func.count(CrawlRun.id))) == 0
