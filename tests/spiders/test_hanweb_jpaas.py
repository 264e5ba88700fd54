"""Hanweb jpaas paging: unit-API pages until the pager's count, known ground or paging.max_pages."""

from __future__ import annotations

import json
from urllib.parse import parse_qs, unquote, urlsplit

from scrapy.http import TextResponse

from spiders.hanweb import HanwebSpider
from spiders.hanweb_jpaas import VIA_UNIT
from tests.conftest import realpage
from tests.spiders.hanwebpages import SHELL, jpaas_answer, jpaas_items, shell
from tests.spiders.spiderkit import builtin_entry, errors, known, make_spider, run, signal, start_requests, stat

COL = 1229011587
# hanweb-jpaas, per_page 20, max_pages 20; with the unit API's ids in the catalog it goes straight to the API.
SOURCE = builtin_entry(
    "zj-mpa-announcements",
    params={"jpaas_web_id": "3396", "jpaas_page_id": str(COL), "jpaas_tpl_set_id": "tpl-mpa"},
)
# Column 101798 of mpa.shandong.gov.cn with the ids its real unit answer states (realpages/shandong_api.json).
SHANDONG_101798 = builtin_entry(
    "sd-mpa-notices",
    start_urls=["http://mpa.shandong.gov.cn/col/col101798/index.html"],
    params={"jpaas_web_id": "s1412", "jpaas_page_id": "s1101798", "jpaas_tpl_set_id": "uDM5IX1D0wqgdLmhxIOpg"},
)


def page_no(url: str) -> int:
    return json.loads(unquote(parse_qs(urlsplit(url).query)["paramJson"][0]))["pageNo"]


def test_pages_until_the_count_is_reached() -> None:
    spider = make_spider(HanwebSpider, SOURCE)
    [first] = start_requests(spider)
    assert (
        urlsplit(first.url).netloc == "mpa.zj.gov.cn"
        and page_no(first.url) == 1
        and first.meta["conditional"]
    )
    assert parse_qs(urlsplit(first.url).query)["webId"] == ["3396"]
    out = run(spider, first, jpaas_answer(jpaas_items(COL, range(31, 51)), count=50, page=1, per_page=20))
    assert len(out.details) == 20 and [page_no(r.url) for r in out.lists] == [2]
    out = run(
        spider, out.lists[0], jpaas_answer(jpaas_items(COL, range(11, 31)), count=50, page=2, per_page=20)
    )
    out = run(
        spider, out.lists[0], jpaas_answer(jpaas_items(COL, range(1, 11)), count=50, page=3, per_page=20)
    )
    assert len(out.details) == 10 and out.lists == []  # 3 × 20 ≥ 50
    assert stat(spider, "entries_seen") == 50 and stat(spider, "hanweb_mode") == "jpaas"


def test_routine_crawl_stops_at_known_ground() -> None:
    spider = make_spider(HanwebSpider, SOURCE)
    answer = jpaas_answer(jpaas_items(COL, range(31, 51)), count=50, page=1, per_page=20)
    urls = run(spider, start_requests(spider)[0], answer).detail_urls
    routine = make_spider(HanwebSpider, SOURCE, known=known(*urls[2:]))
    out = run(routine, start_requests(routine)[0], answer)
    assert out.detail_urls == urls[:2] and out.lists == []


def test_all_off_site_page_keeps_paging_but_skips_every_entry() -> None:
    spider = make_spider(HanwebSpider, SHANDONG_101798)
    out = run(spider, start_requests(spider)[0], realpage("shandong_api.json").read_bytes())
    assert out.details == [] and stat(spider, "entries_skipped/offsite") == 15
    assert [page_no(r.url) for r in out.lists] == [2]  # pageNo 1 asked; 15 × 1 < count 130


def test_a_page_without_entries_ends_paging() -> None:
    spider = make_spider(HanwebSpider, SOURCE)
    first = run(spider, start_requests(spider)[0], jpaas_answer(jpaas_items(COL, range(31, 51)), 500, 1, 20))
    out = run(spider, first.lists[0], jpaas_answer([], 500, 2, 20))
    assert out.lists == [] and signal(spider, "empty") is None


def failed_then_shell(spider: HanwebSpider, body: str, shell_page: str = SHELL, **kwargs: object) -> None:
    """Page 1 of the unit API fails with the catalog's ids: the column page is read for the ids it states;
    a shell stating none (or the same) leaves the failure to be reported."""
    [column] = run(spider, start_requests(spider)[0], body, **kwargs).lists  # type: ignore[arg-type]
    assert column.url == "https://mpa.zj.gov.cn/col/col1229011587/index.html" and signal(spider, "empty") is None
    assert run(spider, column, shell_page).lists == []


def test_no_records_on_page_one_is_empty() -> None:
    spider = make_spider(HanwebSpider, SOURCE)
    failed_then_shell(spider, jpaas_answer([], 0, 1, 20))
    assert "zero entries: layout changed" in signal(spider, "empty")


def test_broken_json_is_a_list_parse_error() -> None:
    spider = make_spider(HanwebSpider, SOURCE)
    failed_then_shell(spider, '{"success": true, "data": {"html": "<li>', cls=TextResponse)
    [error] = errors(spider)
    assert error["kind"] == "list_parse" and "not JSON" in error["message"]


def test_catalog_ids_the_api_refuses_give_way_to_the_ids_the_shell_states() -> None:
    spider = make_spider(HanwebSpider, SOURCE)
    refusal = '{"success": false, "code": "500", "message": "模板集或单元不存在", "data": null}'
    [column] = run(spider, start_requests(spider)[0], refusal, cls=TextResponse).lists
    [api] = run(spider, column, shell("3396", str(COL), "tpl-2027")).lists
    assert "tplSetId=tpl-2027" in api.url
    out = run(spider, api, jpaas_answer(jpaas_items(COL, range(1, 4)), count=3, page=1, per_page=20))
    assert len(out.details) == 3 and signal(spider, "empty") is None


def test_refusal_on_page_one_is_empty_in_jpaas_terms() -> None:
    spider = make_spider(HanwebSpider, SOURCE)
    refusal = '{"success": false, "code": "500", "message": "模板集或单元不存在", "data": null}'
    failed_then_shell(spider, refusal, shell("3396", str(COL), "tpl-mpa"), cls=TextResponse)
    message = signal(spider, "empty")
    assert "zero entries: layout changed" in message and "refused the request: 模板集或单元不存在" in message
    assert errors(spider)[0]["kind"] == "empty"


def test_ids_read_from_the_shell_are_remembered_with_the_first_answers_validators() -> None:
    spider = make_spider(HanwebSpider, builtin_entry("zj-mpa-announcements", params={}))
    [column] = start_requests(spider)
    [api] = run(spider, column, shell("3396", str(COL), "tpl-mpa")).lists
    out = run(spider, api, jpaas_answer(jpaas_items(COL, range(31, 51)), count=50, page=1, per_page=20),
              headers={"ETag": '"u-1"'})
    [kept] = out.validators
    assert (kept.url, kept.etag, kept.list_via) == (api.url, '"u-1"', VIA_UNIT)
    assert [page_no(r.url) for r in out.lists] == [2]
    assert not any(v.list_via for v in run(spider, out.lists[0], jpaas_answer([], 50, 2, 20)).validators)
