"""robots.txt cached across crawl children in the database for 24 h; Scrapy's middleware and parser otherwise.

Each test crawl child is a fresh middleware (as each Scrapy process is) on the same database; time is an
injected clock, downloads a fake engine that records what would have been asked of the host.
"""

from __future__ import annotations

import asyncio
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import pytest
from scrapy import Request, Spider
from scrapy.exceptions import IgnoreRequest
from scrapy.http import Response, TextResponse
from scrapy.utils.test import get_crawler
from sqlalchemy import select

from crawler.scrapy_ext.robots_cache import CachedRobotsTxtMiddleware, RobotsStore
from db.engine import make_engine, make_session_factory
from db.migrate import upgrade
from db.models import RobotsTxt

T0 = datetime(2026, 11, 24, 2, 0, tzinfo=timezone.utc)
RULES = b"User-agent: *\nDisallow: /private/\n"


class Clock:
    def __init__(self) -> None:
        self.now = T0

    def __call__(self) -> datetime:
        return self.now


class FakeEngine:
    """Answers robots.txt requests as a host would: a status and body, or an exception (unreachable)."""

    def __init__(self, status: int = 200, body: bytes = RULES, error: Exception | None = None) -> None:
        self.status, self.body, self.error = status, body, error
        self.asked: list[str] = []

    async def download_async(self, request: Request) -> Response:
        self.asked.append(request.url)
        if self.error is not None:
            raise self.error
        return TextResponse(request.url, status=self.status, body=self.body, request=request)


class Site:
    """One database shared by the crawl children of a test, and the host they ask."""

    def __init__(self, database_url: str | None, clock: Clock, engine: FakeEngine) -> None:
        self.database_url, self.clock, self.engine = database_url, clock, engine
        self.children: list[Any] = []

    def child(self, **settings: Any) -> Any:
        """A new crawl child: its own middleware and stats, the shared database and clock."""
        crawler = get_crawler(Spider, {"ROBOTSTXT_OBEY": True, "NEWSWATCH_DATABASE_URL": self.database_url,
                                       **settings})
        crawler.spider = Spider("test")
        crawler.engine = self.engine
        middleware = CachedRobotsTxtMiddleware(crawler, clock=self.clock)
        self.children.append(middleware)
        return middleware

    def close(self) -> None:
        for middleware in self.children:
            if middleware.store is not None:
                middleware.store.close()


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def migrated(tmp_path: Path) -> str:
    url = f"sqlite:///{tmp_path / 'robots.sqlite3'}"
    upgrade(url)
    return url


def site(migrated: str, clock: Clock, **answer: Any) -> Site:
    return Site(migrated, clock, FakeEngine(**answer))


def fetch(middleware: Any, url: str) -> bool:
    """True when the middleware lets `url` through, False when robots.txt forbids it."""
    try:
        asyncio.run(middleware.process_request(Request(url)))
    except IgnoreRequest:
        return False
    return True


def stat(middleware: Any, key: str) -> Any:
    return middleware.crawler.stats.get_value(f"robotstxt/{key}")


def test_fresh_cache_means_no_request_and_the_rules_still_apply(migrated: str, clock: Clock) -> None:
    s = site(migrated, clock)
    first = s.child()
    assert fetch(first, "https://kjt.zj.gov.cn/col/col1/index.html")
    assert not fetch(first, "https://kjt.zj.gov.cn/private/a.html")
    assert s.engine.asked == ["https://kjt.zj.gov.cn/robots.txt"]  # once per host within a crawl, as Scrapy
    clock.now = T0 + timedelta(hours=23, minutes=59)
    second = s.child()
    assert fetch(second, "https://kjt.zj.gov.cn/col/col2/index.html")
    # Disallowed paths are obeyed from the cached copy, parsed by Scrapy's parser (Protego).
    assert not fetch(second, "https://kjt.zj.gov.cn/private/b.html")
    assert s.engine.asked == ["https://kjt.zj.gov.cn/robots.txt"]
    assert stat(second, "cache_hit") == 1 and stat(second, "request_count") is None
    assert stat(second, "forbidden") == 1
    s.close()


def test_stale_cache_means_one_request_and_a_refreshed_copy(migrated: str, clock: Clock) -> None:
    s = site(migrated, clock)
    fetch(s.child(), "https://kjt.zj.gov.cn/a.html")
    clock.now = T0 + timedelta(hours=24)
    s.engine.body = b"User-agent: *\nDisallow: /col/\n"  # the site changed its rules meanwhile
    stale = s.child()
    assert not fetch(stale, "https://kjt.zj.gov.cn/col/col1/index.html")
    assert fetch(stale, "https://kjt.zj.gov.cn/private/a.html")
    assert fetch(stale, "https://kjt.zj.gov.cn/a.html")
    assert len(s.engine.asked) == 2 and stat(stale, "request_count") == 1
    clock.now = T0 + timedelta(hours=30)
    assert not fetch(s.child(), "https://kjt.zj.gov.cn/col/col3/index.html")
    assert len(s.engine.asked) == 2  # fresh again from the new copy's time
    s.close()


def test_each_host_has_its_own_copy(migrated: str, clock: Clock) -> None:
    s = site(migrated, clock)
    fetch(s.child(), "https://kjt.zj.gov.cn/a.html")
    child = s.child()
    fetch(child, "https://kjt.zj.gov.cn/b.html")
    fetch(child, "https://mpa.zj.gov.cn/b.html")
    fetch(s.child(), "http://kjt.zj.gov.cn/b.html")  # another scheme is another robots.txt
    assert s.engine.asked == ["https://kjt.zj.gov.cn/robots.txt", "https://mpa.zj.gov.cn/robots.txt",
                              "http://kjt.zj.gov.cn/robots.txt"]
    s.close()


@pytest.mark.parametrize("status", [401, 403, 404, 410])
def test_4xx_allows_everything_and_is_cached(migrated: str, clock: Clock, status: int) -> None:
    # Even an error page that happens to read like rules: a 4xx means there are none.
    s = site(migrated, clock, status=status, body=b"User-agent: *\nDisallow: /\n")
    assert fetch(s.child(), "https://www.most.gov.cn/tztg/index.html")
    clock.now = T0 + timedelta(hours=12)
    cached = s.child()
    assert fetch(cached, "https://www.most.gov.cn/kjbgz/index.html")
    assert len(s.engine.asked) == 1 and stat(cached, "cache_hit") == 1
    s.close()


@pytest.mark.parametrize("status", [429, 500, 503])
def test_5xx_and_429_are_asked_again_next_crawl(migrated: str, clock: Clock, status: int) -> None:
    s = site(migrated, clock, status=status, body=b"<html>Service Unavailable</html>")
    first = s.child()
    assert fetch(first, "https://kjt.zj.gov.cn/a.html")  # this crawl: Scrapy's behaviour (the body parsed)
    assert stat(first, "not_cached") == 1
    clock.now = T0 + timedelta(minutes=10)
    s.engine.status, s.engine.body = 200, RULES
    second = s.child()
    assert not fetch(second, "https://kjt.zj.gov.cn/private/a.html")
    assert len(s.engine.asked) == 2 and stat(second, "request_count") == 1
    s.close()


def test_unreachable_allows_this_crawl_and_is_asked_again_next_crawl(migrated: str, clock: Clock) -> None:
    s = site(migrated, clock, error=TimeoutError("robots.txt timed out"))
    assert fetch(s.child(), "https://kjt.zj.gov.cn/private/a.html")
    s.engine.error = None
    assert not fetch(s.child(), "https://kjt.zj.gov.cn/private/a.html")
    assert len(s.engine.asked) == 2
    with make_session_factory(make_engine(migrated))() as session:
        assert [row.status for row in session.scalars(select(RobotsTxt))] == [200]
    s.close()


def test_without_a_database_it_is_scrapys_middleware(clock: Clock) -> None:
    s = Site(None, clock, FakeEngine())
    assert not fetch(s.child(), "https://kjt.zj.gov.cn/private/a.html")
    assert not fetch(s.child(), "https://kjt.zj.gov.cn/private/a.html")
    assert len(s.engine.asked) == 2  # every crawl child asks, as before


def test_an_unusable_cache_only_costs_the_request(tmp_path: Path, clock: Clock) -> None:
    s = Site(f"sqlite:///{tmp_path / 'not-migrated.sqlite3'}", clock, FakeEngine())  # no robots_txt table
    child = s.child()
    assert not fetch(child, "https://kjt.zj.gov.cn/private/a.html")
    assert fetch(child, "https://kjt.zj.gov.cn/a.html")
    assert len(s.engine.asked) == 1 and stat(child, "cache_error") == 2  # read and write both failed
    s.close()


def test_not_obeying_robots_turns_it_off(migrated: str, clock: Clock) -> None:
    from scrapy.exceptions import NotConfigured

    with pytest.raises(NotConfigured):
        site(migrated, clock).child(ROBOTSTXT_OBEY=False)


def test_the_store_reads_only_fresh_copies(migrated: str) -> None:
    store = RobotsStore(migrated)
    store.save("https://kjt.zj.gov.cn/robots.txt", 200, RULES, T0)
    assert store.load("https://kjt.zj.gov.cn/robots.txt", T0 + timedelta(hours=23)).body == RULES
    assert store.load("https://kjt.zj.gov.cn/robots.txt", T0 + timedelta(hours=24)) is None
    # A copy stamped far in the future (a machine with a wrong clock) is not trusted either.
    assert store.load("https://kjt.zj.gov.cn/robots.txt", T0 - timedelta(hours=1)) is None
    store.close()
