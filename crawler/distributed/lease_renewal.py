"""Keeping a crawl's leases alive from the crawl child itself, and stopping the crawl if one is lost."""

from __future__ import annotations

import logging
from typing import Any

from scrapy import signals
from scrapy.exceptions import NotConfigured
from scrapy.utils.defer import deferred_from_coro

from crawler.run.lease_keeper import LeaseKeeper
from db.engine import make_engine, make_session_factory

logger = logging.getLogger("newswatch.lease_renewal")


class LeaseRenewal:
    """Scrapy extension: renews NEWSWATCH_LEASES (owned by NEWSWATCH_LEASE_OWNER) while the crawl runs."""

    def __init__(self, crawler: Any, database_url: str, names: list[str], owner: str, ttl: float) -> None:
        self.crawler = crawler
        self.engine = make_engine(database_url)
        self.keeper = LeaseKeeper(make_session_factory(self.engine), names, owner, ttl, self._lost)

    @classmethod
    def from_crawler(cls, crawler: Any) -> LeaseRenewal:
        names = [n for n in crawler.settings.get("NEWSWATCH_LEASES", "").split("|") if n]
        url = crawler.settings.get("NEWSWATCH_DATABASE_URL")
        if not names or not url:
            raise NotConfigured("no leases to renew: the runner renews nothing in local mode")
        extension = cls(crawler, url, names, crawler.settings.get("NEWSWATCH_LEASE_OWNER"),
                        crawler.settings.getfloat("NEWSWATCH_LEASE_TTL", 60.0))
        crawler.signals.connect(extension.spider_opened, signal=signals.spider_opened)
        crawler.signals.connect(extension.spider_closed, signal=signals.spider_closed)
        return extension

    def spider_opened(self, spider: Any) -> None:
        self.keeper.renew_once()  # the runner took the leases before starting this process: extend at once
        self.keeper.start()

    def spider_closed(self, spider: Any) -> None:
        self.keeper.stop()
        self.engine.dispose()

    def _lost(self, names: list[str]) -> None:
        logger.error("lease(s) %s taken by another process: stopping this crawl", ", ".join(names))
        from twisted.internet import reactor

        def close() -> None:
            deferred_from_coro(self.crawler.engine.close_spider_async(reason="lease_lost"))

        # Called on the renewal thread (or in spider_opened on the reactor's): the engine lives on the reactor.
        reactor.callFromThread(close)  # type: ignore[attr-defined]
