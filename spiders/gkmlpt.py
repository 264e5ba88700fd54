"""Spider for Guangdong's gkmlpt open-government API: JSON pages of articles, `page=N`, until known ground."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterable
from typing import Any

import scrapy
from scrapy.http import Response

from spiders.base import SourceSpider
from spiders.gkmlpt_parsing import GkmlptAnswerError, page_url, parse_api_answer, start_page


class GkmlptSpider(SourceSpider):
    """Pages the start URL's `page` parameter; stops when `total` articles were listed, at a page without
    articles, at paging.max_pages, and on routine crawls once a page reaches known ground."""

    name = "gkmlpt"

    async def start(self) -> AsyncIterator[scrapy.Request]:
        for url in self.source.start_urls:
            yield self._request(url, url, page=start_page(url), pages=1, listed=0)

    def _request(self, url: str, start_url: str, page: int, pages: int, listed: int) -> scrapy.Request:
        return self.list_request(
            url,
            self.parse_api,
            conditional=pages == 1,
            cb_kwargs={"start_url": start_url, "page": page, "pages": pages, "listed": listed},
        )

    def parse_api(
        self, response: Response, start_url: str, page: int, pages: int, listed: int
    ) -> Iterable[Any]:
        if not self.list_response_ok(response, later_page=pages > 1):
            return
        try:
            answer = parse_api_answer(response.body, response.url)
        except GkmlptAnswerError as exc:
            self.list_parse_failed(str(exc), response.url)
            return
        if not answer.entries:
            if pages == 1:
                self.report_empty(
                    response.url,
                    "the gkmlpt API listed no articles; check the category id and sid of the start URL",
                )
            return
        if pages == 1:
            # Only from an answer that was read: a 304 must never stand for a broken list.
            yield from self.list_validators(response)
        listed += answer.count
        entries = self.entries_seen(answer.entries)
        yield from self.detail_requests(entries)
        more = answer.total is None or listed < answer.total
        if self.keep_paging(self.on_site(answer.entries), pages, more=more):
            yield self._request(page_url(start_url, page + 1), start_url, page + 1, pages + 1, listed)
