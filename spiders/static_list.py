"""Spider for static paged lists: TRS (MOST, NMPA), Guangdong, Lonsun, Beijing JS arrays, generic URLs."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterable
from typing import Any

import scrapy
from scrapy.http import Response

from spiders.base import SourceSpider
from spiders.list_paging import page_url, total_pages
from spiders.list_selectors import BUILTIN_SELECTORS, parse_list_page
from spiders.pager_patterns import stated_paging

# (page_pattern, first_page_number, the URL the pattern is relative to) of one crawl's list.
PagePattern = tuple[str, int, str]


class StaticListSpider(SourceSpider):
    """Page 1 is the start URL; further pages follow paging.page_pattern, or, when the catalog gives none,
    the pattern page 1's own pager states (TRS createPageHTML, Lonsun Ls.pagination, a link to page 2; see
    spiders/pager_patterns.py), read again on every crawl. Paging stops at the page count the pager states,
    at the first page without entries (or missing, or repeating earlier pages), at paging.max_pages, and on
    routine crawls once a page reaches known ground. `generic` sources (a start URL alone) are read by the
    generic extractor and paged only when they give a page_pattern.
    """

    name = "static-list"

    async def start(self) -> AsyncIterator[scrapy.Request]:
        for url in self.source.start_urls:
            yield self._page_request(url, url, page=1, total=None, listed=set())

    def _page_request(
        self, url: str, start_url: str, page: int, total: int | None, listed: set[str],
        pattern: PagePattern | None = None,
    ) -> scrapy.Request:
        return self.list_request(
            url,
            self.parse_list,
            conditional=page == 1,
            cb_kwargs={"start_url": start_url, "page": page, "total": total, "listed": listed, "pattern": pattern},
        )

    def _paging(self, text: str, start_url: str, url: str) -> tuple[PagePattern | None, int | None]:
        """The list's page pattern (the catalog's, else the one page 1 at `url` states) and the page count."""
        paging = self.source.paging
        total = total_pages(text)
        if paging.page_pattern:
            return (paging.page_pattern, paging.first_page_number, start_url), total
        stated = stated_paging(text, url) if self.source.family != "generic" else None
        if stated is None:
            return None, total
        self.crawler.stats.set_value("newswatch/page_pattern_stated", stated.page_pattern)
        return (stated.page_pattern, stated.first_page_number, url), total or stated.total_pages

    def parse_list(
        self, response: Response, start_url: str, page: int, total: int | None, listed: set[str],
        pattern: PagePattern | None = None,
    ) -> Iterable[Any]:
        if not self.list_response_ok(response, later_page=page > 1):
            return
        text = self.page_text(response)
        parsed = parse_list_page(text, response.url, self.source.family, self.source.selectors)
        stats = self.crawler.stats
        stand_in = self.note_list_reader(parsed.strategy)
        if page == 1 and parsed.entries and not stand_in:
            # Validators of an empty or redesigned page would turn the next crawl into a 304 that hides it.
            yield from self.list_validators(response)
        if not parsed.entries:
            if page == 1:
                self.report_empty(response.url, self._nothing_matched())
            else:
                stats.inc_value("newswatch/paging_ended_empty_page")
            return
        if page > 1 and all(e.url in listed for e in parsed.entries):
            # Some sites answer any page number past the end with the last (or first) page again.
            stats.inc_value("newswatch/paging_ended_repeat")
            return
        listed.update(e.url for e in parsed.entries)
        if page == 1:
            pattern, total = self._paging(text, start_url, response.url)
        entries = self.entries_seen(parsed.entries)
        yield from self.detail_requests(entries)
        more = pattern is not None and (total is None or page < total)
        if pattern and self.keep_paging(self.on_site(parsed.entries), page, more=more):
            next_url = page_url(pattern[2], pattern[0], pattern[1], page + 1)
            yield self._page_request(next_url, start_url, page + 1, total, listed, pattern)

    def _nothing_matched(self) -> str:
        tried = []
        if any(k in self.source.selectors for k in ("list_item", "list_link", "list_date")):
            tried.append("the catalog's selectors")
        if BUILTIN_SELECTORS.get(self.source.family):
            tried.append(f"the built-in {self.source.family} layouts")
        if self.source.family == "jsarray":
            tried.append("the JavaScript-array reader")
        tried.append("the generic list extractor")
        return "tried " + ", ".join(tried)
