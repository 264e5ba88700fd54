"""Scrapy's RobotsTxtMiddleware with a robots.txt cache shared by every crawl child, kept in the database.

Each crawl child is its own Scrapy process, so Scrapy's per-process cache made every crawl ask each host for
robots.txt again (17 extra requests per re-crawl of the catalog). Here a host's robots.txt, once fetched, is
stored with its status and read from the database by later crawls for 24 hours (ROBOTS_FRESH_FOR), as major
crawlers do; the parser stays Scrapy's (ROBOTSTXT_PARSER, Protego by default), so rules read from the cache
are obeyed exactly as freshly fetched ones.

What is stored, by the status of the answer (after redirects and Scrapy's retries):
- 2xx: the body, its rules apply;
- 4xx other than 429: no rules, everything is allowed (RFC 9309 "unavailable"; Scrapy parses the error
  page, which in practice allows everything too: here it is made explicit and identical from the cache);
- 429, 5xx, other statuses, and no answer at all: nothing. This crawl does what Scrapy does (parses the
  answer's body, or allows everything when there was none) and the next crawl asks again.

It runs before the simulator routing (crawler/scrapy_ext/simulator_routing.py), so it sees the real hosts: the cache is
keyed by the real robots.txt URL, and against the simulator the robots.txt request reaches the simulated host.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import datetime, timezone
from typing import Any

from scrapy import signals
from scrapy.downloadermiddlewares.robotstxt import RobotsTxtMiddleware
from scrapy.http import Request, Response
from scrapy.robotstxt import RobotParser
from scrapy.utils.httpobj import urlparse_cached
from scrapy.utils.misc import build_from_crawler
from sqlalchemy.exc import SQLAlchemyError

from db.robots import CachedRobots, fresh_robots, save_robots

logger = logging.getLogger(__name__)
Clock = Callable[[], datetime]


def cacheable(status: int) -> bool:
    """Answers worth keeping for a day: a robots.txt (2xx) or a definite "there is none" (4xx but 429)."""
    return 200 <= status < 300 or (400 <= status < 500 and status != 429)


def robots_body(status: int, body: bytes) -> bytes:
    """The rules to parse for an answer of `status`: none at all for a 4xx (everything allowed)."""
    return b"" if 400 <= status < 500 and status != 429 else body


class RobotsStore:
    """The robots_txt table through a lazily opened engine; every database error is a cache miss."""

    def __init__(self, database_url: str) -> None:
        self.database_url = database_url
        self._sessions: Any = None
        self._engine: Any = None

    def _session_factory(self) -> Any:
        if self._sessions is None:
            from db.engine import make_engine, make_session_factory

            self._engine = make_engine(self.database_url)
            self._sessions = make_session_factory(self._engine)
        return self._sessions

    def load(self, url: str, now: datetime) -> CachedRobots | None:
        with self._session_factory()() as session:
            return fresh_robots(session, url, now)

    def save(self, url: str, status: int, body: bytes, now: datetime) -> None:
        with self._session_factory().begin() as session:
            save_robots(session, url, status, body, now)

    def close(self) -> None:
        if self._engine is not None:
            self._engine.dispose()
            self._engine = self._sessions = None


class CachedRobotsTxtMiddleware(RobotsTxtMiddleware):
    """RobotsTxtMiddleware that consults the shared cache before asking a host for its robots.txt."""

    def __init__(self, crawler: Any, store: RobotsStore | None = None, clock: Clock | None = None) -> None:
        super().__init__(crawler)  # NotConfigured unless ROBOTSTXT_OBEY
        if store is None:
            url = crawler.settings.get("NEWSWATCH_DATABASE_URL")
            store = RobotsStore(url) if url else None
        self.store = store
        self.clock: Clock = clock or (lambda: datetime.now(timezone.utc))
        crawler.signals.connect(self._spider_closed, signal=signals.spider_closed)

    @classmethod
    def from_crawler(cls, crawler: Any) -> CachedRobotsTxtMiddleware:
        return cls(crawler)

    async def robot_parser(self, request: Request) -> RobotParser | None:
        url = urlparse_cached(request)
        netloc = url.netloc
        if netloc not in self._parsers and self.store is not None:
            # No await before the parser is set: concurrent requests to this host wait on Scrapy's own entry.
            cached = self._load(f"{url.scheme}://{netloc}/robots.txt")
            if cached is not None:
                parser = build_from_crawler(self._parserimpl, self.crawler, robots_body(cached.status, cached.body))
                self._parsers[netloc] = parser
                self._stats.inc_value("robotstxt/cache_hit")
                await self.crawler.signals.send_catch_log_async(
                    signal=signals.robots_parsed, robotparser=parser, request=request
                )
                return parser
        return await super().robot_parser(request)

    async def _parse_robots(self, response: Response, netloc: str, request: Request) -> None:
        status = response.status
        body = robots_body(status, response.body)
        await super()._parse_robots(response.replace(body=body) if body is not response.body else response,
                                    netloc, request)
        if self.store is not None and cacheable(status):
            # The robots.txt URL of the host asked about, not the answer's: a redirect elsewhere is still
            # this host's robots.txt.
            scheme = urlparse_cached(request).scheme
            self._save(f"{scheme}://{netloc}/robots.txt", status, body)
        elif self.store is not None:
            self._stats.inc_value("robotstxt/not_cached")

    def _load(self, robots_url: str) -> CachedRobots | None:
        assert self.store is not None
        try:
            return self.store.load(robots_url, self.clock())
        except SQLAlchemyError as exc:
            self._stats.inc_value("robotstxt/cache_error")
            logger.warning("robots.txt cache unreadable, asking the host: %r", exc)
            return None

    def _save(self, robots_url: str, status: int, body: bytes) -> None:
        assert self.store is not None
        try:
            self.store.save(robots_url, status, body, self.clock())
            self._stats.inc_value("robotstxt/cached")
        except SQLAlchemyError as exc:
            self._stats.inc_value("robotstxt/cache_error")
            logger.warning("robots.txt of %s not cached: %r", robots_url, exc)

    def _spider_closed(self, spider: Any = None) -> None:
        if self.store is not None:
            self.store.close()
