"""Talking to the bundled simulator: its control endpoints, and a downloader middleware that sends real-site
requests to it and maps answers back."""

from __future__ import annotations

from typing import Any

from scrapy import Request, Spider
from scrapy.exceptions import NotConfigured
from scrapy.http import Response

from crawler.util.simulator_url import to_simulator_url

REAL_URL_KEY = "newswatch_real_url"


class SimulatorRoutingMiddleware:
    def __init__(self, simulator: str) -> None:
        self.simulator = simulator.rstrip("/")

    @classmethod
    def from_crawler(cls, crawler: Any) -> SimulatorRoutingMiddleware:
        simulator = crawler.settings.get("NEWSWATCH_SIMULATOR")
        if not simulator:
            raise NotConfigured("no simulator configured: requests go to the real sites")
        return cls(simulator)

    def process_request(self, request: Request, spider: Spider | None = None) -> Request | None:
        if request.url.startswith(self.simulator + "/"):
            return None
        meta = dict(request.meta)
        meta[REAL_URL_KEY] = request.url
        # The real URL already passed the offsite check; its simulator twin is the same request.
        meta["allow_offsite"] = True
        return request.replace(url=to_simulator_url(self.simulator, request.url), meta=meta)

    def process_response(self, request: Request, response: Response, spider: Spider | None = None) -> Response:
        real_url = request.meta.get(REAL_URL_KEY)
        if real_url and response.url.startswith(self.simulator + "/"):
            return response.replace(url=real_url)
        return response
