"""`sources check`: a crawl child that fetches only the source's first list page and reports its entries.

It runs the real spider (same parser, same health classification) but, once the spider has seen list
entries, a downloader middleware refuses every further request (paging, articles); nothing is stored.
"""

from __future__ import annotations

import json
import sys
from typing import Any

from scrapy import Request, signals
from scrapy.exceptions import IgnoreRequest, NotConfigured

CHECK_PREFIX = "NWCHECK "
IGNORED = "source check"


class FirstPageOnlyMiddleware:
    def __init__(self, crawler: Any) -> None:
        self.crawler = crawler

    @classmethod
    def from_crawler(cls, crawler: Any) -> FirstPageOnlyMiddleware:
        if not crawler.settings.getbool("NEWSWATCH_CHECK"):
            raise NotConfigured("not a source check")
        return cls(crawler)

    def process_request(self, request: Request, spider: Any = None) -> None:
        spider = spider or self.crawler.spider
        if getattr(spider, "seen", None):
            raise IgnoreRequest(f"{IGNORED}: the first list page has been read; nothing more is fetched")


class CheckReport:
    @classmethod
    def from_crawler(cls, crawler: Any) -> CheckReport:
        if not crawler.settings.getbool("NEWSWATCH_CHECK"):
            raise NotConfigured("not a source check")
        report = cls()
        crawler.signals.connect(report.spider_closed, signal=signals.spider_closed)
        report.crawler = crawler
        return report

    def spider_closed(self, spider: Any, reason: str) -> None:
        stats = self.crawler.stats.get_stats()
        entries = [{"url": e.url, "title": e.title, "date": e.date.isoformat() if e.date else None}
                   for e in getattr(spider, "seen", {}).values()]
        # Requests this check refused itself are not problems of the source.
        signals_seen = {k.rsplit("/", 1)[-1]: v for k, v in stats.items()
                        if k.startswith("newswatch/signal/") and IGNORED not in str(v)}
        errors = [e for e in stats.get("newswatch/error_log") or [] if IGNORED not in str(e.get("message"))]
        payload = {"entries": entries, "signals": signals_seen, "errors": errors,
                   "status_counts": {k.rsplit("/", 1)[-1]: v for k, v in stats.items()
                                     if k.startswith("downloader/response_status_count/")}}
        sys.stdout.write(CHECK_PREFIX + json.dumps(payload, ensure_ascii=False) + "\n")
        sys.stdout.flush()
