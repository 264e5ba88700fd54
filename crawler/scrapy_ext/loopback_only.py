"""Downloader middleware for test runs: refuses every request that would leave this machine."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit

from scrapy import Request
from scrapy.exceptions import IgnoreRequest, NotConfigured

from crawler.util.loopback import is_loopback_host


class LoopbackOnlyMiddleware:
    @classmethod
    def from_crawler(cls, crawler: Any) -> LoopbackOnlyMiddleware:
        if not crawler.settings.getbool("NEWSWATCH_LOOPBACK_ONLY"):
            raise NotConfigured("network not restricted")
        return cls()

    def process_request(self, request: Request, spider: Any = None) -> None:
        host = urlsplit(request.url).hostname or ""
        if not is_loopback_host(host):
            raise IgnoreRequest(f"NEWSWATCH_LOOPBACK_ONLY: refusing a request that leaves this machine: {request.url}")
