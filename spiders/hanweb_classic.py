"""Hanweb classic paging: the column page's embedded datastore batch, then the jpage data proxy."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any
from urllib.parse import urlencode, urljoin

import scrapy
from scrapy.http import Response

from spiders.base import SourceSpider
from spiders.entries import Entry
from spiders.hanweb_classic_parsing import ProxyAnswerError, Unit, entries_from_records, parse_proxy_answer

PROXY_FORM_KEYS = (
    "col",
    "appid",
    "webid",
    "path",
    "columnid",
    "sourceContentType",
    "unitid",
    "webname",
    "permissiontype",
)
# Zhejiang's path; Jiangsu and newer sites use /module/web/jpage/ (catalog paging.proxy_path or the page's
# jpage proxyUrl say which).
DEFAULT_PROXY_PATH = "/module/jpage/dataproxy.jsp"


class HanwebClassicPaging(SourceSpider):
    """Mixin of HanwebSpider: reads datastore units and pages through the data proxy."""

    def classic_entries(self, units: list[Unit], url: str) -> list[Entry]:
        """Entries of every unit on the page; PC and mobile units of one column repeat the same records."""
        return entries_from_records([r for unit in units for r in unit.records], url)

    def follow_datastore(self, response: Response, units: list[Unit], parsed: list[Entry]) -> Iterable[Any]:
        """Detail requests for the page's batch, then the proxy request for the next group if needed."""
        entries = self.entries_seen(parsed)
        seen = {e.url for e in parsed}
        yield from self.detail_requests(entries)
        unit = next((u for u in units if u.params), units[0])
        fetched = len(unit.records)
        more = unit.total_records is None or fetched < unit.total_records
        if self.keep_paging(entries, pages=1, more=more):
            yield self._proxy_request(response.url, unit, fetched, seen, pages=1)

    def _proxy_request(
        self, page_url: str, unit: Unit, fetched: int, seen: set[str], pages: int
    ) -> scrapy.Request:
        paging = self.source.paging
        group = unit.per_page * paging.group_size
        proxy_path = paging.proxy_path or unit.proxy_url or DEFAULT_PROXY_PATH
        query = urlencode(
            {"startrecord": fetched + 1, "endrecord": fetched + group, "perpage": unit.per_page}
        )
        form = {key: str(unit.params[key]) for key in PROXY_FORM_KEYS if key in unit.params}
        return scrapy.FormRequest(
            urljoin(page_url, proxy_path) + "?" + query,
            formdata=form,
            callback=self.parse_proxy,
            errback=self.list_failed,
            cb_kwargs={
                "unit": unit,
                "fetched": fetched + group,
                "seen": seen,
                "pages": pages + 1,
                "page_url": page_url,
            },
            dont_filter=True,
        )

    def parse_proxy(
        self, response: Response, unit: Unit, fetched: int, seen: set[str], pages: int, page_url: str = ""
    ) -> Iterable[Any]:
        if response.status in (404, 410):
            gone = self.classic_proxy_gone(response, seen)
            if gone is not None:
                yield from gone
                return
        if not self.list_response_ok(response):
            return
        try:
            answer = parse_proxy_answer(response.body)
        except ProxyAnswerError as exc:
            self.list_parse_failed(str(exc), response.url)
            return
        # Groups after the first repeat the previous group's last row: keep only rows not seen yet.
        fresh = [e for e in entries_from_records(answer.records, response.url) if e.url not in seen]
        seen.update(e.url for e in fresh)
        entries = self.entries_seen(fresh)
        yield from self.detail_requests(entries)
        total = answer.total_records if answer.total_records is not None else unit.total_records
        more = bool(fresh) and (total is None or fetched < total)
        if self.keep_paging(entries, pages, more=more):
            yield self._proxy_request(page_url or response.url, unit, fetched, seen, pages)

    def classic_proxy_gone(self, response: Response, seen: set[str]) -> Iterable[Any] | None:
        """What to do when the data proxy answers 404: None lets list_response_ok report it (`empty`)."""
        return None
