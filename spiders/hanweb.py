"""The Hanweb spider: classic datastore columns, jpaas unit-API columns, and `auto` choosing between them."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterable
from typing import Any

import scrapy
from scrapy.http import Response

from crawler.crawl_errors import record_signal
from spiders.hanweb_classic import HanwebClassicPaging
from spiders.hanweb_classic_parsing import parse_column_page
from spiders.hanweb_jpaas import HanwebJpaasPaging

CLASSIC, JPAAS, AUTO = "hanweb-classic", "hanweb-jpaas", "hanweb-auto"
MODE_STAT = "newswatch/hanweb_mode"


class HanwebSpider(HanwebClassicPaging, HanwebJpaasPaging):
    """`hanweb-classic` reads the column page's datastore and the data proxy; `hanweb-jpaas` goes straight to
    the unit API; `hanweb-auto` reads the column page and uses the datastore when there is one, the unit
    API when the page became an empty shell (Zhejiang's 2026 migration) and the catalog has params.jpaas_*.
    Whatever happens, a column that yields no entries ends in the `empty` signal, never in "0 new items".
    """

    name = "hanweb"
    families = (CLASSIC, JPAAS, AUTO)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.switched_to_jpaas = False

    async def start(self) -> AsyncIterator[scrapy.Request]:
        if self.source.family != JPAAS:
            for url in self.source.start_urls:
                yield self.list_request(url, self.parse_column, conditional=True)
            return
        if self.jpaas_params is None:
            record_signal(
                self.crawler.stats,
                "error",
                f"source {self.source_id!r} is a hanweb-jpaas column but the catalog lacks "
                "params.jpaas_web_id, jpaas_page_id or jpaas_tpl_set_id",
                self.source.start_urls[0],
            )
            return
        self.crawler.stats.set_value(MODE_STAT, "jpaas")
        yield self.jpaas_request(1)

    def parse_column(self, response: Response) -> Iterable[Any]:
        if not self.list_response_ok(response):
            return
        units = parse_column_page(self.page_text(response))
        parsed = self.classic_entries(units, response.url)
        if parsed:
            self.crawler.stats.set_value(MODE_STAT, "classic")
            yield from self.list_validators(response)
            yield from self.follow_datastore(response, units, parsed)
            return
        # No validators for a shell: it stays the same while the list behind the unit API changes, so a
        # 304 on it must never stand for "nothing new".
        if self.can_use_jpaas:
            self.logger.info(
                "the column page holds no datastore records (a migrated shell): reading the "
                "jpaas unit API instead"
            )
            self.switched_to_jpaas = True
            self.crawler.stats.set_value(MODE_STAT, "jpaas")
            yield self.jpaas_request(1)
            return
        hint = (
            " and the catalog has no params.jpaas_* to try the jpaas unit API"
            if self.source.family == AUTO
            else ""
        )
        what = "datastore units without records" if units else "no datastore"
        self.report_empty(response.url, f"the column page has {what}{hint}; the site may have moved platform")

    @property
    def can_use_jpaas(self) -> bool:
        return self.source.family == AUTO and not self.switched_to_jpaas and self.jpaas_params is not None

    def classic_proxy_gone(self, response: Response, seen: set[str]) -> Iterable[Any] | None:
        # The page still carries its first batch but the proxy behind it is gone: a migration in progress.
        if not self.can_use_jpaas:
            return None
        self.crawler.stats.inc_value("newswatch/list_pages")
        self.logger.warning(
            "the data proxy answered HTTP %s: reading the rest of the column from the jpaas unit API",
            response.status,
        )
        self.switched_to_jpaas = True
        self.crawler.stats.set_value(MODE_STAT, "classic+jpaas")
        return [self.jpaas_request(1, seen)]
