"""The runner's list probe (crawler/run/list_probe.py): when a source may be answered without a crawl child, how
the probe keeps politeness, and that a crawl child takes over the probe's answer instead of asking again."""

from __future__ import annotations

import base64
import threading
from collections.abc import Iterator
from datetime import datetime, timedelta, timezone

import pytest
from scrapy import Request
from scrapy.utils.test import get_crawler
from sqlalchemy import Engine, select, update
from sqlalchemy.orm import Session, sessionmaker

from crawler.config.catalog import load_catalog
from crawler.run.list_probe import HostPacer, ListProbe, retry_after, robots_allow
from crawler.run.probe_fetch import ProbeAnswer
from crawler.run.probe_run import UNCHANGED_MESSAGE, Probed, probe_settings
from crawler.scrapy_ext.probed_responses import ProbedResponseMiddleware
from crawler.util.page_digest import page_digest
from db.engine import make_engine, make_session_factory
from db.list_probe_state import PROBE_URLS_STAT, ProbeTarget, mark_full_check, probe_plan
from db.migrate import upgrade
from db.models import CrawlRun, Item, Source
from db.repository import finish_run, start_run
from db.store_item import save_list_validators
from simulator.harness import SimClient
from spiders.base import SourceSpider
from tests.simfixtures import Crawler

NOW = datetime(2026, 12, 7, 8, 0, tzinfo=timezone.utc)
DAY = timedelta(hours=24)
SOURCE = "zj-kjt-notices"
PAGE = "https://kjt.zj.gov.cn/col/col1228971341/index.html"
UA = "newswatch/0.1 (+policy monitoring; contact: ops@example.com)"


# --- when a source may be probed -----------------------------------------------------------------------
@pytest.fixture
def sessions(database_url: str) -> Iterator[sessionmaker[Session]]:
    upgrade(database_url)
    engine = make_engine(database_url)
    with make_session_factory(engine).begin() as s:
        s.add(Source(id=SOURCE, name="浙江省科学技术厅 通知公告", family="hanweb-auto"))
    yield make_session_factory(engine)
    engine.dispose()


def ended_run(sessions: sessionmaker[Session], outcome: str = "ok", urls: str = PAGE, etag: str | None = '"v1"',
              full_at: datetime | None = NOW - timedelta(hours=1), digest: str | None = None) -> None:
    with sessions.begin() as s:
        run = start_run(s, SOURCE, "schedule", "host", 123)
        finish_run(s, run.id, outcome, "", {"stats": {PROBE_URLS_STAT: urls}})
        save_list_validators(s, SOURCE, PAGE, etag, None, NOW, fingerprint=digest)
        if full_at is not None:
            mark_full_check(s, SOURCE, full_at)


def plan(sessions: sessionmaker[Session]):  # noqa: ANN201 - the plan, read as the runner reads it
    with sessions() as s:
        return probe_plan(s, SOURCE, NOW, DAY)


def test_a_source_is_probed_after_a_clean_run_that_kept_validators(sessions: sessionmaker[Session]) -> None:
    ended_run(sessions)
    found = plan(sessions)
    assert [(t.url, t.etag) for t in found.targets] == [(PAGE, '"v1"')] and not found.full


def test_a_page_without_validators_is_probed_by_its_digest(sessions: sessionmaker[Session]) -> None:
    ended_run(sessions, etag=None, digest="d" * 64)
    assert [(t.url, t.etag, t.fingerprint) for t in plan(sessions).targets] == [(PAGE, None, "d" * 64)]


@pytest.mark.parametrize(("case", "full"), [
    ("first crawl", True), ("unclean", True), ("full check a day old", True), ("never fully checked", True),
    ("no validators", False), ("no first page named", False),
])
def test_a_crawl_child_runs_instead(sessions: sessionmaker[Session], case: str, full: bool) -> None:
    if case == "unclean":
        ended_run(sessions, outcome="partial")
    elif case == "full check a day old":
        ended_run(sessions, full_at=NOW - DAY - timedelta(minutes=1))
    elif case == "never fully checked":
        ended_run(sessions, full_at=None)
    elif case == "no validators":
        ended_run(sessions, etag=None)
    elif case == "no first page named":
        ended_run(sessions, urls="")
    found = plan(sessions)
    assert not found.targets and found.full == full and found.reason


def test_items_due_for_a_recheck_need_a_crawl_child(sessions: sessionmaker[Session]) -> None:
    ended_run(sessions)
    with sessions.begin() as s:
        s.add(Item(url="https://kjt.zj.gov.cn/art/2026/12/6/art_1_1.html", source_id=SOURCE, title="通知",
                   published_at=NOW - timedelta(days=1), first_seen_at=NOW - timedelta(days=1),
                   last_checked_at=NOW - timedelta(hours=7), content_hash="0" * 64))
    assert plan(sessions).reason == "stored items are due for a re-check"


class PageServer:
    """Stands in for ProbeFetcher: always answers 200 with `body` and no validators."""

    user_agent = UA

    def __init__(self, body: bytes) -> None:
        self.body = body
        self.asked: list[tuple[str, str | None]] = []

    def target(self, url: str) -> str:
        return url

    def fetch(self, url: str, etag: str | None, modified: str | None, lenient: bool = False) -> ProbeAnswer:
        self.asked.append((url, etag))
        return ProbeAnswer(url, 200, [("Content-Type", "text/html")], self.body)


@pytest.mark.parametrize(("served", "unchanged"), [(b"<ul>\n  <li>a</li></ul>", True), (b"<ul><li>b</li></ul>", False)])
def test_a_server_without_validators_is_unchanged_when_its_page_is(served: bytes, unchanged: bool) -> None:
    server = PageServer(served)
    probe = ListProbe(server, 0.0, threading.Event(), 0.001)  # type: ignore[arg-type]
    target = ProbeTarget(PAGE, None, None, page_digest(b"<ul> <li>a</li></ul>"))
    answers = probe.probe(load_catalog()[SOURCE], (target,))
    assert answers is not None and Probed(answers).unchanged is unchanged and server.asked == [(PAGE, None)]


# --- politeness ----------------------------------------------------------------------------------------
def test_the_pacer_waits_out_the_delay_and_a_stop_ends_the_wait() -> None:
    now = [100.0]
    pacer = HostPacer(clock=lambda: now[0])
    stopping = threading.Event()
    pacer.note("kjt.zj.gov.cn", 2.0)
    stopping.set()  # asked to stop: a wait that would be needed ends at once, saying so
    assert pacer.wait("kjt.zj.gov.cn", stopping) is False
    assert pacer.wait("other.gov.cn", stopping) is True  # nothing to wait for
    now[0] = 102.0
    assert pacer.wait("kjt.zj.gov.cn", stopping) is True


@pytest.mark.parametrize(("status", "value", "seconds"), [
    (429, "7", 7.0), (503, "Mon, 07 Dec 2026 08:00:30 GMT", 30.0), (429, "99999", 300.0), (200, "7", 0.0),
    (503, "soon", 0.0),
])
def test_retry_after_holds_the_crawl_child_back(status: int, value: str, seconds: float) -> None:
    answer = ProbeAnswer(PAGE, status, [("Retry-After", value)])
    assert retry_after(answer, now=NOW.timestamp()) == seconds


def test_robots_txt_is_read_as_the_crawl_child_reads_it() -> None:
    rules = b"User-agent: *\nDisallow: /col/\n"
    assert not robots_allow(200, rules, PAGE, UA)
    assert robots_allow(200, rules, "https://kjt.zj.gov.cn/art/1.html", UA)
    assert robots_allow(404, b"<html>not found</html>", PAGE, UA)


# --- the crawl child takes over the probe's answer ------------------------------------------------------
def test_the_crawl_child_uses_a_probe_answer_once_for_its_conditional_request() -> None:
    body = "<html><body>列表</body></html>".encode()
    answer = ProbeAnswer(PAGE, 200, [("Content-Type", "text/html; charset=utf-8"), ("ETag", '"v2"')], body)
    crawler = get_crawler(SourceSpider, probe_settings([answer, ProbeAnswer(PAGE + "?x", None, error="timeout")],
                                                       full=False))
    crawler.stats.open_spider()
    middleware = ProbedResponseMiddleware.from_crawler(crawler)
    assert list(middleware.pending) == [PAGE]  # an answer that never came is not handed over
    assert middleware.process_request(Request(PAGE)) is None  # not the crawl's conditional first-page request
    response = middleware.process_request(Request(PAGE, meta={"conditional": True}))
    assert response is not None and response.status == 200 and response.body == body
    assert response.headers[b"ETag"] == b'"v2"' and response.text == "<html><body>列表</body></html>"
    assert crawler.stats.get_value("downloader/request_count") == 1
    assert middleware.process_request(Request(PAGE, meta={"conditional": True})) is None  # once only


def test_the_run_of_an_unchanged_source_counts_its_probe_requests() -> None:
    probed = Probed([ProbeAnswer(PAGE, 304), ProbeAnswer(PAGE + "?page=1", 304)], NOW, 0.01)
    stats = probed.stats()
    assert probed.unchanged and stats["downloader/request_count"] == 2 and stats["newswatch/list_not_modified"] == 2
    assert stats[PROBE_URLS_STAT] == f"{PAGE}\n{PAGE}?page=1"
    assert not Probed([ProbeAnswer(PAGE, 304), ProbeAnswer(PAGE, 200)]).unchanged
    assert not Probed().unchanged
    assert base64.b64decode(ProbeAnswer(PAGE, 200, [], b"x").handover()["body"]) == b"x"


# --- end to end against the simulator -------------------------------------------------------------------
def last_run(engine: Engine, source_id: str) -> CrawlRun:
    with make_session_factory(engine)() as session:
        return session.scalars(select(CrawlRun).where(CrawlRun.source_id == source_id)
                               .order_by(CrawlRun.id.desc()).limit(1)).one()


def test_a_blocked_source_is_judged_by_the_crawl_child_from_the_probe_answer(sim: SimClient,
                                                                             crawler: Crawler) -> None:
    assert crawler.crawl(SOURCE)[SOURCE].outcome == "ok"
    assert crawler.crawl(SOURCE)[SOURCE].message == UNCHANGED_MESSAGE
    sim.post(f"/_sim/sources/{SOURCE}/mode", {"mode": "blocked-412"})
    sim.post("/_sim/requests/reset")
    result = crawler.crawl(SOURCE)[SOURCE]
    assert result.outcome == "failed" and last_run(crawler.engine, SOURCE).stats.get("signal") == "blocked"
    assert sim.requests_log()["total"] == 1  # the probe's request, handed to the crawl child
    assert last_run(crawler.engine, SOURCE).stats.get("newswatch/probe_answers_used") == 1


def test_the_daily_full_check_reads_the_list_without_validators(sim: SimClient, crawler: Crawler) -> None:
    assert crawler.crawl(SOURCE)[SOURCE].outcome == "ok"
    sessions = make_session_factory(crawler.engine)
    with sessions.begin() as s:
        s.execute(update(Source).where(Source.id == SOURCE).values(full_check_at=NOW - 2 * DAY))
    sim.post("/_sim/requests/reset")
    result = crawler.crawl(SOURCE)[SOURCE]
    run = last_run(crawler.engine, SOURCE)
    assert result.outcome == "ok" and run.pid is not None  # a crawl child, not the probe
    assert not run.stats.get("newswatch/list_not_modified") and run.entries_seen > 0  # read whole, no 304
    assert sim.requests_log()["total"] == 1
    with sessions() as s:
        assert s.scalar(select(Source.full_check_at).where(Source.id == SOURCE)) > NOW - DAY


def test_migration_0007_goes_down_and_up_with_sources_referenced(sessions: sessionmaker[Session],
                                                                 database_url: str) -> None:
    from alembic import command

    from db.migrate import alembic_config

    ended_run(sessions)  # rows in other tables point at the source: SQLite must not copy the table to drop a column
    command.downgrade(alembic_config(database_url), "0006")
    command.upgrade(alembic_config(database_url), "head")
    with sessions() as s:
        assert s.scalar(select(Source.full_check_at).where(Source.id == SOURCE)) is None
