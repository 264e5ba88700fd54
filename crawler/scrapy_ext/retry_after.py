"""Downloader middleware: a 429/503 with `Retry-After` holds back the next request to that host.

Scrapy's RetryMiddleware retries such answers but ignores the header; this middleware (placed after it
in the response chain) postpones the host's download slot, so the retry and every other request to
that host wait as long as the server asked, capped so that a hostile header cannot stall a crawl.
"""

from __future__ import annotations

import time
from email.utils import parsedate_to_datetime
from typing import Any

from scrapy import Request
from scrapy.http import Response

MAX_WAIT_SECONDS = 300.0


def retry_after_seconds(value: str, now: float) -> float | None:
    """Seconds to wait from a Retry-After value: delta-seconds or an HTTP date; None if unreadable."""
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return max(0.0, when.timestamp() - now)


class RetryAfterMiddleware:
    def __init__(self, crawler: Any) -> None:
        self.crawler = crawler

    @classmethod
    def from_crawler(cls, crawler: Any) -> RetryAfterMiddleware:
        return cls(crawler)

    def process_response(self, request: Request, response: Response, spider: Any = None) -> Response:
        header = response.headers.get(b"Retry-After")
        if response.status not in (429, 503) or not header:
            return response
        wait = retry_after_seconds(header.decode("latin-1"), time.time())
        if wait is None:
            return response
        wait = min(wait, MAX_WAIT_SECONDS)
        downloader = self.crawler.engine.downloader
        key = downloader.get_slot_key(request)
        slot = downloader.slots.get(key)
        if slot is not None:
            # The slot sends its next request at lastseen + delay (Scrapy's monotonic clock): move it `wait` ahead.
            slot.lastseen = max(slot.lastseen, time.monotonic() + wait - slot.delay)
        self.crawler.stats.inc_value("newswatch/retry_after_waits")
        self.crawler.stats.max_value("newswatch/retry_after_max_seconds", wait)
        return response
