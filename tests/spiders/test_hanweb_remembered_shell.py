"""Columns remembered as jpaas shells: the next crawl reads the unit API directly (one request) with the ids
the shell stated (kept as the unit-API URL they were read into), and reads the column page again when the
unit API fails, after an unclean run, or once the memory is stale."""

from __future__ import annotations

import pytest
from scrapy.http import TextResponse

from crawler.scrapy_ext.known_items import KnownItems
from spiders.hanweb import HanwebSpider
from spiders.hanweb_jpaas import VIA_UNIT
from spiders.hanweb_jpaas_parsing import JpaasParams, unit_url
from tests.spiders.hanwebpages import column_page, jpaas_answer, jpaas_items, records, shell
from tests.spiders.spiderkit import builtin_entry, errors, make_spider, run, signal, start_requests, stat

# hanweb-auto, served as a jpaas column by the simulator; per_page 20; the unit API's ids come from its shell.
SOURCE = builtin_entry("zj-kjt-drafts", params={})
COL = 1229225203
COLUMN = f"https://kjt.zj.gov.cn/col/col{COL}/index.html"
SHELL = shell("3387", str(COL), "tpl-kjt")
UNIT_PAGE_1 = unit_url(COLUMN, JpaasParams("3387", str(COL), "tpl-kjt", 20), 1)
REFUSAL = '{"success": false, "code": "404", "message": "栏目未发布到云平台", "data": null}'


def remembering(full_crawl: bool = False) -> KnownItems:
    return KnownItems(list_via={COLUMN: "jpaas", UNIT_PAGE_1: VIA_UNIT}, full_crawl=full_crawl)


def remembered_spider() -> HanwebSpider:
    return make_spider(HanwebSpider, SOURCE, known=remembering())


def test_first_crawl_reads_the_column_page_and_remembers_the_shell() -> None:
    spider = make_spider(HanwebSpider, SOURCE, known=KnownItems(full_crawl=False))
    [column] = start_requests(spider)
    assert column.url == COLUMN
    out = run(spider, column, SHELL)
    [kept] = out.validators
    assert (kept.url, kept.list_via, kept.etag) == (COLUMN, "jpaas", None)
    [api] = out.lists
    assert api.url == UNIT_PAGE_1


def test_a_remembered_shell_is_skipped_one_conditional_unit_api_request() -> None:
    spider = make_spider(HanwebSpider, SOURCE, known=remembering())
    [api] = start_requests(spider)
    assert api.url == UNIT_PAGE_1 and api.meta["conditional"]
    assert stat(spider, "hanweb_mode") == "jpaas" and stat(spider, "shell_page_skipped") == 1
    # The unit API's own validators make the request conditional; a 304 ends the crawl: one request.
    known = remembering()
    known.list_validators[api.url] = ('"u-7"', None)
    spider = make_spider(HanwebSpider, SOURCE, known=known)
    [api] = start_requests(spider)
    assert api.headers.get("If-None-Match") == b'"u-7"'
    out = run(spider, api, b"", status=304)
    assert out.lists == [] and out.details == [] and signal(spider, "empty") is None
    assert stat(spider, "list_not_modified") == 1 and stat(spider, "list_pages") == 1


def test_a_remembered_shell_with_new_items_fetches_only_them() -> None:
    spider = remembered_spider()
    [api] = start_requests(spider)
    out = run(spider, api, jpaas_answer(jpaas_items(COL, range(1, 4)), count=3, page=1, per_page=20),
              headers={"ETag": '"u-8"'})
    assert len(out.details) == 3 and out.lists == [] and signal(spider, "empty") is None
    assert [(v.url, v.etag) for v in out.validators] == [(api.url, '"u-8"')]


def test_after_an_unclean_run_the_column_page_is_read_again() -> None:
    spider = make_spider(HanwebSpider, SOURCE, known=remembering(full_crawl=True))
    assert [r.url for r in start_requests(spider)] == [COLUMN]


FAILURES = {
    "refused": dict(body=REFUSAL, cls=TextResponse),
    "404": dict(body="<html>404</html>", status=404),
    "no records": dict(body=jpaas_answer([], count=0, page=1), cls=TextResponse),
    "not the envelope": dict(body="<html><body>门户首页</body></html>"),
}


@pytest.mark.parametrize("failure", sorted(FAILURES))
def test_unit_api_failing_falls_back_to_the_column_page_which_is_classic_again(failure: str) -> None:
    spider = remembered_spider()
    [api] = start_requests(spider)
    out = run(spider, api, **FAILURES[failure])
    assert out.details == [] and signal(spider, "empty") is None and errors(spider) == []
    [column] = out.lists
    # Not conditional: the page's content decides between classic and jpaas.
    assert column.url == COLUMN and not column.meta["conditional"] and not column.headers.get("If-None-Match")
    assert stat(spider, "shell_page_fallback") == 1
    out = run(spider, column, column_page(COL, "5339897", records(COL, range(1, 46)), 45))
    assert len(out.details) == 45 and stat(spider, "hanweb_mode") == "classic"
    assert signal(spider, "empty") is None and not spider.list_trouble
    # The shell is forgotten: the next crawl reads the column page first.
    assert [(v.url, v.list_via) for v in out.validators] == [(COLUMN, None)]


def test_unit_api_failing_and_column_still_a_shell_reports_the_unit_api_once() -> None:
    spider = remembered_spider()
    [api] = start_requests(spider)
    [column] = run(spider, api, "<html>404</html>", status=404).lists
    out = run(spider, column, SHELL)
    # No second unit-API request: it just failed.
    assert out.lists == [] and out.details == [] and out.validators == []
    message = signal(spider, "empty")
    assert "zero entries: layout changed" in message and "jpaas unit API answered HTTP 404" in message


def test_unit_api_malformed_and_column_still_a_shell_is_a_list_parse_error() -> None:
    spider = remembered_spider()
    [api] = start_requests(spider)
    [column] = run(spider, api, '{"success": true, "data": {"html": 1}}', cls=TextResponse).lists
    run(spider, column, SHELL)
    assert [e["kind"] for e in errors(spider)] == ["list_parse"] and spider.list_trouble


def test_unit_api_server_error_is_not_a_reason_to_fall_back() -> None:
    spider = remembered_spider()
    [api] = start_requests(spider)
    out = run(spider, api, "<html>502 Bad Gateway</html>", status=502)
    assert out.lists == [] and spider.list_trouble


def test_classic_columns_are_never_remembered_as_shells() -> None:
    """A classic column never skips its page (it holds the list)."""
    classic = make_spider(HanwebSpider, "js-kjt-notices")
    column = classic.source.start_urls[0]
    classic.known = KnownItems(list_via={column: "jpaas"}, full_crawl=False)
    assert [r.url for r in start_requests(classic)] == [column]


def test_a_unit_api_answer_without_records_leaves_no_validators() -> None:
    """Validators of a refusal or an empty list would make the next crawl's answer a 304 hiding the failure."""
    entry = builtin_entry("zj-mpa-announcements",
                          params={"jpaas_web_id": "3396", "jpaas_page_id": "1229011587", "jpaas_tpl_set_id": "t"})
    spider = make_spider(HanwebSpider, entry)
    [api] = start_requests(spider)
    out = run(spider, api, REFUSAL, cls=TextResponse, headers={"ETag": '"refused"'})
    assert out.validators == []
    [column] = out.lists
    assert run(spider, column, shell("3396", "1229011587", "t")).validators == []
    assert "refused the request" in signal(spider, "empty")


def test_a_remembered_shell_without_its_unit_url_reads_the_column_page() -> None:
    """Ids are never guessed: without the unit-API URL they were read into, the shell is read again."""
    spider = make_spider(HanwebSpider, SOURCE, known=KnownItems(list_via={COLUMN: "jpaas"}, full_crawl=False))
    assert [r.url for r in start_requests(spider)] == [COLUMN]


def test_a_shell_stating_new_ids_after_the_unit_api_failed_is_read_with_them() -> None:
    spider = remembered_spider()
    [api] = start_requests(spider)
    [column] = run(spider, api, REFUSAL, cls=TextResponse).lists
    [retry] = run(spider, column, shell("3387", str(COL), "tpl-2027")).lists
    assert "tplSetId=tpl-2027" in retry.url and signal(spider, "empty") is None
    out = run(spider, retry, jpaas_answer(jpaas_items(COL, range(1, 4)), count=3, page=1, per_page=20))
    assert len(out.details) == 3 and [v.list_via for v in out.validators] == [VIA_UNIT]
