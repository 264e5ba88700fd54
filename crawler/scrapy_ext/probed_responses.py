"""Downloader middleware: a first list page the runner's probe already asked stands in for the request.

The runner probes a source's first list pages before starting a crawl child (crawler/run/list_probe.py); when
they changed, it hands the answers over (NEWSWATCH_PROBED). The crawl child's conditional request for such a
page then gets that answer instead of going to the site again: the page is asked once per crawl. Each answer
stands in once; it goes through every middleware's process_response as a downloaded one would (redirects,
retries, Retry-After). It sits after the robots.txt middleware, before the simulator rewrite (real URLs).
"""

from __future__ import annotations

import base64
from typing import Any

from scrapy import Request
from scrapy.exceptions import NotConfigured
from scrapy.http import Headers, Response
from scrapy.responsetypes import responsetypes

PROBED_SETTING = "NEWSWATCH_PROBED"


class ProbedResponseMiddleware:
    def __init__(self, crawler: Any, answers: list[dict[str, Any]]) -> None:
        self.crawler = crawler
        self.pending = {answer["url"]: answer for answer in answers}

    @classmethod
    def from_crawler(cls, crawler: Any) -> ProbedResponseMiddleware:
        answers = crawler.settings.get(PROBED_SETTING)
        if not answers:
            raise NotConfigured("no probe answers handed over")
        return cls(crawler, list(answers))

    def process_request(self, request: Request, spider: Any = None) -> Response | None:
        if request.method != "GET" or not request.meta.get("conditional"):
            return None
        answer = self.pending.pop(request.url, None)
        if answer is None:
            return None
        stats = self.crawler.stats
        # The probe's request was this crawl's request for the page: counted as the downloader counts its own.
        stats.inc_value("downloader/request_count")
        stats.inc_value("downloader/request_method_count/GET")
        stats.inc_value("newswatch/probe_answers_used")
        headers = Headers(answer["headers"])
        body = base64.b64decode(answer["body"])
        response_class = responsetypes.from_args(headers=headers, url=request.url, body=body)
        return response_class(url=request.url, status=int(answer["status"]), headers=headers, body=body,
                              request=request, flags=["probed"])
