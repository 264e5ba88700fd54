"""Retry-After: parsed in both forms, and it postpones the host's next request."""

from __future__ import annotations

import time
from types import SimpleNamespace

import pytest
from scrapy import Request
from scrapy.http import HtmlResponse
from scrapy.statscollectors import MemoryStatsCollector
from scrapy.utils.test import get_crawler

from crawler.scrapy_ext.retry_after import MAX_WAIT_SECONDS, RetryAfterMiddleware, retry_after_seconds

NOW = 1_790_000_000.0


@pytest.mark.parametrize(
    "value, expected",
    # A date in the past means: now.
    [("5", 5.0), (" 120 ", 120.0), ("Wed, 21 Oct 2026 07:28:10 GMT", 0.0), ("soon", None), ("", None)],
)
def test_parse(value: str, expected: float | None) -> None:
    assert retry_after_seconds(value, NOW + 10**8) == expected


def test_http_date_in_the_future() -> None:
    assert retry_after_seconds("Thu, 01 Jan 2099 00:00:00 GMT", NOW) > 10**8


def _middleware(slot: SimpleNamespace) -> tuple[RetryAfterMiddleware, MemoryStatsCollector]:
    stats = MemoryStatsCollector(get_crawler())
    downloader = SimpleNamespace(get_slot_key=lambda request: "kjt.zj.gov.cn", slots={"kjt.zj.gov.cn": slot})
    crawler = SimpleNamespace(engine=SimpleNamespace(downloader=downloader), stats=stats)
    return RetryAfterMiddleware(crawler), stats


@pytest.mark.parametrize("status, header, waits", [(503, b"7", True), (429, b"7", True), (503, None, False), (200, b"7", False)])
def test_slot_is_postponed(status: int, header: bytes | None, waits: bool) -> None:
    slot = SimpleNamespace(lastseen=0.0, delay=1.0)
    middleware, stats = _middleware(slot)
    request = Request("https://kjt.zj.gov.cn/col/col1/index.html")
    headers = {"Retry-After": header} if header else {}
    response = HtmlResponse(request.url, status=status, headers=headers, body=b"", request=request)
    before = time.monotonic()
    assert middleware.process_response(request, response) is response
    if waits:
        # Next request at lastseen + delay, i.e. about 7 seconds from now.
        assert slot.lastseen + slot.delay >= before + 7 - 0.01
        assert stats.get_value("newswatch/retry_after_waits") == 1
    else:
        assert slot.lastseen == 0.0


def test_wait_is_capped() -> None:
    slot = SimpleNamespace(lastseen=0.0, delay=0.0)
    middleware, _ = _middleware(slot)
    request = Request("https://kjt.zj.gov.cn/")
    response = HtmlResponse(request.url, status=503, headers={"Retry-After": "99999"}, body=b"", request=request)
    middleware.process_response(request, response)
    assert slot.lastseen <= time.monotonic() + MAX_WAIT_SECONDS + 1
