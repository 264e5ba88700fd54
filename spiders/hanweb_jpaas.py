"""Hanweb jpaas paging: the unit API, one JSON envelope of list HTML per page, until known ground."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import replace
from typing import Any
from urllib.parse import urlsplit

import scrapy
from scrapy.http import Response

from crawler.scrapy_ext.crawl_errors import record_signal
from crawler.scrapy_ext.items import ListPageSeen
from spiders.base import SourceSpider
from spiders.hanweb_jpaas_parsing import (
    JpaasAnswerError,
    JpaasParams,
    JpaasRefused,
    params_from_unit_url,
    parse_unit_answer,
    unit_url,
)

# ListPageState.list_via of the unit-API page-1 URL built from ids the column page stated: the next crawl
# reads those ids back from it when it skips the shell.
VIA_UNIT = "jpaas-unit"


class HanwebJpaasPaging(SourceSpider):
    """Mixin of HanwebSpider: pages through the jpaas unit API with the ids the column page (the shell) states
    in its queryData, read at run time, or else the catalog's params.jpaas_*."""

    # Read from the column page's queryData on this crawl, or remembered from the last one (VIA_UNIT).
    page_jpaas: JpaasParams | None = None

    @property
    def catalog_jpaas(self) -> JpaasParams | None:
        return JpaasParams.from_catalog(self.source.params, self.source.paging.per_page)

    @property
    def jpaas_params(self) -> JpaasParams | None:
        """The page's own ids win: they are what the platform's page script sends today."""
        return self.page_jpaas or self.catalog_jpaas

    def remembered_unit_params(self) -> JpaasParams | None:
        """The ids of the unit-API URL the last clean crawl read with ids from the column page (VIA_UNIT)."""
        host = urlsplit(self.source.start_urls[0]).netloc
        for url, via in self.known.list_via.items():
            if via == VIA_UNIT and urlsplit(url).netloc == host:
                return params_from_unit_url(url, self.source.paging.per_page)
        return None

    def jpaas_request(self, page: int, seen: set[str] | None = None) -> scrapy.Request:
        params = self.jpaas_params
        if params is None:  # callers check first; this is a programming error, not a site problem
            raise ValueError(
                f"source {self.source_id!r} has no params.jpaas_web_id/jpaas_page_id/jpaas_tpl_set_id"
            )
        column_url = self.source.start_urls[0]
        return self.list_request(
            unit_url(column_url, params, page),
            self.parse_jpaas,
            conditional=page == 1,
            cb_kwargs={"page": page, "seen": set() if seen is None else seen},
            dont_filter=page > 1,
        )

    def parse_jpaas(self, response: Response, page: int, seen: set[str]) -> Iterable[Any]:
        url = response.url
        if response.status in (404, 410):
            self.crawler.stats.inc_value("newswatch/list_pages")
            yield from self._failed(page, lambda: self._unit_api_unusable(url, f"answered HTTP {response.status}", seen))
            return
        if not self.list_response_ok(response):
            return
        try:
            answer = parse_unit_answer(response.body, self.source.start_urls[0])
        except JpaasRefused as exc:
            what = str(exc).removeprefix("the jpaas unit API ")
            yield from self._failed(page, lambda: self._unit_api_unusable(url, what, seen))
            return
        except JpaasAnswerError as exc:
            message = str(exc)
            yield from self._failed(page, lambda: self.list_parse_failed(message, url))
            return
        stand_in = self.note_list_reader(answer.strategy)
        if page == 1 and not answer.entries:
            yield from self._failed(page, lambda: self._unit_api_unusable(url, "answered no records on page 1", seen))
            return
        if page == 1:
            # Only an answer its own reader read: validators of a refusal, an empty list or a redesign would
            # turn the next crawl's conditional GET into a 304 that hides a broken column.
            validators = [] if stand_in else list(self.list_validators(response))
            if self.page_jpaas is not None:
                kept = validators[0] if validators else ListPageSeen(self.source_id, response.url, None, None)
                validators = [replace(kept, list_via=VIA_UNIT)]
            yield from validators
        # Records already read from a classic batch of this crawl (auto mode falling back mid-crawl).
        fresh = [e for e in answer.entries if e.url not in seen]
        seen.update(e.url for e in fresh)
        entries = self.entries_seen(fresh)
        yield from self.detail_requests(entries)
        rows = answer.rows or self.source.paging.per_page
        total = answer.total_records
        more = bool(answer.entries) and (total is None or page * rows < total)
        # Known ground is judged on the whole page, also rows an earlier classic batch already yielded.
        if self.keep_paging(self.on_site(answer.entries), pages=page, more=more):
            yield self.jpaas_request(page + 1, seen)

    def _failed(self, page: int, report: Callable[[], None]) -> Iterable[Any]:
        """The unit API could not be read: report it, unless page 1 failing sends the crawl elsewhere."""
        instead = self.unit_api_first_page_failed(report) if page == 1 else None
        if instead is None:
            report()
            return []
        return instead

    def unit_api_first_page_failed(self, report: Callable[[], None]) -> Iterable[Any] | None:
        """What to do when page 1 cannot be read: None reports it with `report()`; HanwebSpider reads the
        column page instead when it skipped it on the last crawl's word."""
        return None

    def _unit_api_unusable(self, url: str, what: str, seen: set[str]) -> None:
        """The column cannot be read from the unit API: `empty` (layout changed), said in jpaas terms."""
        advice = ("check the column page's jpaas queryData (or params.jpaas_* in the catalog) or whether the "
                  "column moved")
        if not seen:
            self.report_empty(url, f"the jpaas unit API {what}; {advice}")
            return
        # Part of the list was read (earlier unit-API pages, or a classic batch before its data proxy
        # failed): still a source that cannot be read completely.
        self.list_trouble = True
        message = f"layout changed: the jpaas unit API {what} after {len(seen)} entries were read; {advice}"
        record_signal(self.crawler.stats, "empty", message, url)
