"""Spider for Hanweb classic columns: embedded datastore batch, then the jpage data proxy."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterable
from typing import Any
from urllib.parse import urlencode, urljoin

import scrapy
from scrapy.http import Response

from crawler.crawl_errors import record_signal
from spiders.base import SourceSpider
from spiders.entries import Entry
from spiders.hanweb_classic_parsing import ProxyAnswerError, Unit, entries_from_records, parse_column_page, parse_proxy_answer

PROXY_FORM_KEYS = ("col", "appid", "webid", "path", "columnid", "sourceContentType", "unitid", "webname", "permissiontype")


class HanwebClassicSpider(SourceSpider):
    name = "hanweb-classic"
    family = "hanweb-classic"

    async def start(self) -> AsyncIterator[scrapy.Request]:
        for url in self.source.start_urls:
            yield self.list_request(url, self.parse_column, conditional=True)

    def parse_column(self, response: Response) -> Iterable[Any]:
        if not self.list_response_ok(response):
            return
        yield from self.list_validators(response)
        units = parse_column_page(response.text)
        records = [r for unit in units for r in unit.records]
        entries = self.entries_seen(entries_from_records(records, response.url))
        if not entries:
            record_signal(
                self.crawler.stats,
                "empty",
                "the column page holds no list entries (no datastore records): the layout changed or the "
                "site moved to another platform",
                response.url,
            )
            return
        seen = {e.url for e in entries}
        yield from self.detail_requests(entries)
        unit = next((u for u in units if u.params), units[0])
        fetched = len(unit.records)
        if self._keep_paging(entries, fetched, unit.total_records, pages=1):
            yield self._proxy_request(response, unit, fetched, seen, pages=1)

    def _keep_paging(self, entries: list[Entry], fetched: int, total: int | None, pages: int) -> bool:
        if total is not None and fetched >= total:
            return False
        if pages >= self.source.paging.max_pages:
            self.crawler.stats.inc_value("newswatch/paging_capped")
            return False
        return self.known.full_crawl or not self.known.settled(entries)

    def _proxy_request(self, response: Response, unit: Unit, fetched: int, seen: set[str], pages: int) -> scrapy.Request:
        paging = self.source.paging
        group = unit.per_page * paging.group_size
        proxy_path = paging.proxy_path or unit.proxy_url or "/module/jpage/dataproxy.jsp"
        query = urlencode({"startrecord": fetched + 1, "endrecord": fetched + group, "perpage": unit.per_page})
        form = {key: str(unit.params[key]) for key in PROXY_FORM_KEYS if key in unit.params}
        return scrapy.FormRequest(
            urljoin(response.url, proxy_path) + "?" + query,
            formdata=form,
            callback=self.parse_proxy,
            errback=self.list_failed,
            cb_kwargs={"unit": unit, "fetched": fetched + group, "seen": seen, "pages": pages + 1},
            dont_filter=True,
        )

    def parse_proxy(self, response: Response, unit: Unit, fetched: int, seen: set[str], pages: int) -> Iterable[Any]:
        if not self.list_response_ok(response):
            return
        try:
            answer = parse_proxy_answer(response.body)
        except ProxyAnswerError as exc:
            self.list_parse_failed(str(exc), response.url)
            return
        # Groups after the first repeat the previous group's last row: keep only rows not seen yet.
        fresh = [e for e in entries_from_records(answer.records, response.url) if e.url not in seen]
        entries = self.entries_seen(fresh)
        seen.update(e.url for e in entries)
        yield from self.detail_requests(entries)
        total = answer.total_records if answer.total_records is not None else unit.total_records
        if entries and self._keep_paging(entries, fetched, total, pages):
            yield self._proxy_request(response, unit, fetched, seen, pages)
