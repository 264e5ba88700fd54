"""The contract: every catalog source is served at its start URL, with the catalog's ids and paging scheme."""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest

from crawler.config.catalog import load_catalog
from simulator.harness import SimClient
from simulator.sites import HOSTS, SOURCES

CATALOG = load_catalog()


def test_every_catalog_source_is_simulated() -> None:
    assert set(CATALOG) <= set(SOURCES)


@pytest.mark.parametrize("source_id", sorted(CATALOG))
def test_start_url_ids_and_proxy_path_match_the_catalog(sim: SimClient, source_id: str) -> None:
    entry, source = CATALOG[source_id], SOURCES[source_id]
    host = HOSTS[source.host]
    assert entry.start_urls == [host.base_url + source.column_path]
    assert sim.get(entry.start_urls[0]).status == 200
    if entry.paging.proxy_path:
        assert entry.paging.proxy_path == host.proxy_path
    if "jpaas_web_id" in entry.params:
        assert source.jpaas is not None
        params = entry.params
        wanted = (params["jpaas_web_id"], params["jpaas_page_id"], params["jpaas_tpl_set_id"])
        assert (source.jpaas.web_id, source.jpaas.page_id, source.jpaas.tpl_set_id) == wanted


@pytest.mark.parametrize("source_id", sorted(s for s in CATALOG if CATALOG[s].paging.page_pattern))
def test_the_catalogs_page_pattern_reaches_the_second_page(sim: SimClient, source_id: str) -> None:
    entry = CATALOG[source_id]
    start = entry.start_urls[0]
    second = entry.paging.page_pattern.format(n=entry.paging.first_page_number)
    parts = urlsplit(start)
    if second.startswith("/"):
        url = f"{parts.scheme}://{parts.netloc}{second}"
    else:
        url = start.rsplit("/", 1)[0] + "/" + second
    first_page, second_page = sim.get(start), sim.get(url)
    assert second_page.status == 200 and second_page.body != first_page.body
    truth = sim.truth(source_id)
    # An article from the second page of the list is linked from the second page.
    assert any(a["url"].rsplit("/", 1)[1].encode() in second_page.body for a in truth[20:30])
