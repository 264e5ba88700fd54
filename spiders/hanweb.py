"""The Hanweb spider: classic datastore columns, jpaas unit-API columns, and `auto` choosing between them."""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable, Iterable
from typing import Any

import scrapy
from scrapy.http import Response

from crawler.scrapy_ext.crawl_errors import record_signal
from crawler.scrapy_ext.items import ListPageSeen
from spiders.hanweb_classic import HanwebClassicPaging
from spiders.hanweb_classic_parsing import parse_column_page
from spiders.hanweb_jpaas import HanwebJpaasPaging
from spiders.hanweb_jpaas_parsing import params_from_page

CLASSIC, JPAAS, AUTO = "hanweb-classic", "hanweb-jpaas", "hanweb-auto"
MODE_STAT = "newswatch/hanweb_mode"
# ListPageState.list_via of an auto column page that was an empty shell: its list lives in the unit API.
VIA_JPAAS = "jpaas"


class HanwebSpider(HanwebClassicPaging, HanwebJpaasPaging):
    """`hanweb-classic` reads the column page's datastore and the data proxy; `hanweb-auto` reads the column
    page and uses the datastore when there is one, the unit API when the page became an empty shell
    (Zhejiang's 2026 migration); `hanweb-jpaas` goes straight to the unit API when the catalog has
    params.jpaas_*, else reads the shell first. The unit API's ids (webId, pageId, tplSetId, tagId) are the
    ones the shell states in its queryData, read on every crawl that reads the shell; the catalog's
    params.jpaas_* stand in when it states none. Whatever happens, a column that yields no entries ends in
    the `empty` signal, never in "0 new items".

    A column page found to be a shell is remembered (ListPageState.list_via, with the unit-API URL its ids
    were read into): while that is fresh and the last run was clean, the next crawl reads the unit API
    directly, so a re-crawl costs one request. The column page is read again when the unit API fails
    (refused, 404, no records, not its envelope), a day later, and after an unclean run.
    """

    name = "hanweb"

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.switched_to_jpaas = False
        # The column page was skipped on the last crawl's word that it is a shell (see shell_remembered).
        self.shell_skipped = False
        # How the unit API failed when read on that word; reported if the column page is still a shell.
        self.unit_api_failure: Callable[[], None] | None = None

    async def start(self) -> AsyncIterator[scrapy.Request]:
        if self.source.family != CLASSIC and self.partial_jpaas_params():
            return
        self.page_jpaas = self.remembered_unit_params()
        for url in self.source.start_urls:
            if not self.skip_column_page(url):
                yield self.list_request(url, self.parse_column, conditional=True)
                continue
            if self.known.list_via.get(url) == VIA_JPAAS:
                self.logger.info(
                    "the column page was an empty shell on the last crawl: reading the jpaas unit API directly"
                )
                self.crawler.stats.set_value("newswatch/shell_page_skipped", 1)
            self.shell_skipped = self.switched_to_jpaas = True
            self.crawler.stats.set_value(MODE_STAT, "jpaas")
            yield self.jpaas_request(1)

    def skip_column_page(self, url: str) -> bool:
        """Read the unit API without the column page: a jpaas column whose ids are known (the catalog's, or the
        shell's on a recent clean crawl), or an auto column a recent clean crawl found to be a shell. When the
        unit API then fails on page 1, the column page is read after all (unit_api_first_page_failed)."""
        if url != self.column_url or self.jpaas_params is None:
            return False
        if self.source.family == JPAAS:
            return True
        return self.shell_remembered(url)

    def partial_jpaas_params(self) -> bool:
        """True (and a configuration error recorded) when the catalog names some params.jpaas_* but not all."""
        given = [key for key in ("jpaas_web_id", "jpaas_page_id", "jpaas_tpl_set_id") if key in self.source.params]
        if not given or self.catalog_jpaas is not None:
            return False
        record_signal(
            self.crawler.stats,
            "error",
            f"source {self.source_id!r} has params {', '.join(given)} but not all of params.jpaas_web_id, "
            "jpaas_page_id and jpaas_tpl_set_id: give all three, or none to read them from the column page",
            self.source.start_urls[0],
        )
        return True

    def shell_remembered(self, url: str) -> bool:
        """True when a recent clean crawl found this auto column page to be a shell (and we can read jpaas)."""
        return (
            self.source.family in (AUTO, JPAAS)
            and url == self.column_url
            and self.jpaas_params is not None
            and not self.known.full_crawl
            and self.known.list_via.get(url) == VIA_JPAAS
        )

    @property
    def column_url(self) -> str:
        return self.source.start_urls[0]

    def parse_column(self, response: Response) -> Iterable[Any]:
        if not self.list_response_ok(response):
            return
        text = self.page_text(response)
        units = parse_column_page(text)
        parsed = self.classic_entries(units, response.url)
        if parsed:
            self.crawler.stats.set_value(MODE_STAT, "classic")
            self.unit_api_failure = None  # the column is classic again: the unit API is not its list
            validators = list(self.list_validators(response))
            if self.column_url in self.known.list_via and not any(v.url == self.column_url for v in validators):
                # Forget the shell: the next crawl reads this page first again.
                validators.append(ListPageSeen(self.source_id, self.column_url, None, None))
            yield from validators
            yield from self.follow_datastore(response, units, parsed)
            return
        stated = params_from_page(text, self.source.paging.per_page)
        if self.unit_api_failure is not None and (stated is None or stated == self.jpaas_params):
            # Still a shell, and the unit API just failed where the last crawl read it: that is what to report.
            failure, self.unit_api_failure = self.unit_api_failure, None
            failure()
            return
        self.unit_api_failure = None
        if stated is not None and self.source.family != CLASSIC:
            if self.catalog_jpaas is not None and stated != self.catalog_jpaas:
                self.logger.warning("the column page states other jpaas ids than the catalog's params.jpaas_*: "
                                    "using the page's (webId %s, pageId %s, tplSetId %s)",
                                    stated.web_id, stated.page_id, stated.tpl_set_id)
            self.page_jpaas = stated
        # No validators for a shell: it stays the same while the list behind the unit API changes, so a
        # 304 on it must never stand for "nothing new". What it says (the list is in the unit API) is kept.
        if self.can_use_jpaas:
            self.logger.info(
                "the column page holds no datastore records (a migrated shell): reading the "
                "jpaas unit API instead"
            )
            self.switched_to_jpaas = True
            self.crawler.stats.set_value(MODE_STAT, "jpaas")
            if (response.meta.get("redirect_urls") or [response.url])[0] == self.column_url:
                yield ListPageSeen(self.source_id, self.column_url, None, None, list_via=VIA_JPAAS)
            yield self.jpaas_request(1)
            return
        hint = (
            ", states no jpaas queryData (webId, pageId, tplSetId) and the catalog has no params.jpaas_* to try "
            "the jpaas unit API"
            if self.source.family != CLASSIC
            else ""
        )
        what = "datastore units without records" if units else "no datastore"
        self.report_empty(response.url, f"the column page has {what}{hint}; the site may have moved platform")

    @property
    def can_use_jpaas(self) -> bool:
        return self.source.family != CLASSIC and not self.switched_to_jpaas and self.jpaas_params is not None

    def unit_api_first_page_failed(self, report: Callable[[], None]) -> Iterable[Any] | None:
        # Read on the last crawl's word only: the column may have moved again, so its page decides.
        if not self.shell_skipped or self.unit_api_failure is not None:
            return None
        self.shell_skipped = self.switched_to_jpaas = False
        self.unit_api_failure = report
        self.crawler.stats.set_value("newswatch/shell_page_fallback", 1)
        self.logger.warning(
            "the jpaas unit API failed with the ids %s: reading the column page for the ids it states",
            "the catalog gives" if self.page_jpaas is None else "the last crawl read from the column page",
        )
        # Not conditional: its content decides between classic and jpaas, a 304 would say nothing.
        return [self.list_request(self.column_url, self.parse_column)]

    def classic_proxy_gone(self, response: Response, seen: set[str]) -> Iterable[Any] | None:
        # The page still carries its first batch but the proxy behind it is gone: a migration in progress.
        if self.source.family == CLASSIC:
            return None
        if not self.can_use_jpaas:
            self.crawler.stats.inc_value("newswatch/list_pages")
            self.list_trouble = True
            record_signal(self.crawler.stats, "empty",
                          f"layout changed: the data proxy answered HTTP {response.status} after {len(seen)} entries "
                          "were read, and neither the column page (no jpaas queryData) nor params.jpaas_* name the "
                          "jpaas unit API to read the rest from", response.url)
            return []
        self.crawler.stats.inc_value("newswatch/list_pages")
        self.logger.warning(
            "the data proxy answered HTTP %s: reading the rest of the column from the jpaas unit API",
            response.status,
        )
        self.switched_to_jpaas = True
        self.crawler.stats.set_value(MODE_STAT, "classic+jpaas")
        return [self.jpaas_request(1, seen)]
