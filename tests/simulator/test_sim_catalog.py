"""The contract: every catalog source is served at its start URL, with the ids and paging scheme the spider
reads from the catalog or, where the catalog names none, from the pages themselves."""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest

from crawler.config.catalog import load_catalog
from crawler.extract.decode import decode_html
from simulator.harness import SimClient
from simulator.sites import HOSTS, SOURCES
from spiders.hanweb_jpaas_parsing import params_from_page, unit_url
from spiders.list_paging import page_url
from spiders.pager_patterns import stated_paging

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
    assert not entry.params, "family parameters are read from the pages (see the catalog files' comments)"


@pytest.mark.parametrize("source_id", sorted(s for s in CATALOG if SOURCES[s].jpaas and SOURCES[s].family == "hanweb-jpaas"))
def test_a_jpaas_shell_states_the_ids_its_unit_api_accepts(sim: SimClient, source_id: str) -> None:
    start = CATALOG[source_id].start_urls[0]
    params = params_from_page(decode_html(sim.get(start).body), CATALOG[source_id].paging.per_page)
    ids = SOURCES[source_id].jpaas
    assert params is not None and ids is not None
    assert (params.web_id, params.page_id, params.tpl_set_id) == (ids.web_id, ids.page_id, ids.tpl_set_id)
    answer = sim.get(unit_url(start, params, 1)).json()
    assert answer["success"] is True and "<li>" in answer["data"]["html"]


STATIC = ("trs", "gd-static", "lonsun", "jsarray")


@pytest.mark.parametrize("source_id", sorted(s for s in CATALOG if CATALOG[s].family in STATIC
                                             and not CATALOG[s].paging.page_pattern))
def test_the_first_pages_own_pager_reaches_the_second_page(sim: SimClient, source_id: str) -> None:
    start = CATALOG[source_id].start_urls[0]
    first_page = sim.get(start)
    stated = stated_paging(decode_html(first_page.body), start)
    assert stated is not None, "the spider pages such a source by the pager its first page states"
    second_page = sim.get(page_url(start, stated.page_pattern, stated.first_page_number, 2))
    assert second_page.status == 200 and second_page.body != first_page.body
    truth = sim.truth(source_id)
    assert any(a["url"].rsplit("/", 1)[1].encode() in second_page.body for a in truth[20:30])


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
