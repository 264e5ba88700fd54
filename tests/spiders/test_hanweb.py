"""The Hanweb spider's modes: classic, jpaas, and auto choosing between them (Zhejiang's 2026 migration)."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlsplit

from spiders.hanweb import HanwebSpider
from spiders.hanweb_jpaas_parsing import UNIT_PATH
from tests.spiders.hanwebpages import SHELL, column_page, jpaas_answer, jpaas_items, records, shell
from tests.spiders.spiderkit import (
    builtin_entry,
    errors,
    make_spider,
    run,
    signal,
    source_dict,
    start_requests,
    stat,
)

COL = 1228971341
KJT_SHELL = shell("3387", str(COL), "tpl-kjt")
# A catalog entry that names the unit API's ids itself: the only way on from a classic page whose data proxy is
# gone (the classic page states no queryData).
KJT_WITH_IDS = builtin_entry(
    "zj-kjt-notices", params={"jpaas_web_id": "3387", "jpaas_page_id": str(COL), "jpaas_tpl_set_id": "tpl-kjt"}
)
MPA_WITH_IDS = builtin_entry(
    "zj-mpa-inspections",
    params={"jpaas_web_id": "3396", "jpaas_page_id": "1228972439", "jpaas_tpl_set_id": "tpl-mpa"},
)
CHALLENGE = (
    b"<!DOCTYPE html><html><head><meta id='a' content='qqqq' r='m'>"
    b"<script r='m'>$_ts=window['$_ts'];if(!$_ts)$_ts={};$_ts.nsd=12345;</script></head><body></body></html>"
)


def test_auto_reads_the_datastore_when_there_is_one() -> None:
    spider = make_spider(HanwebSpider, "zj-kjt-notices")
    [column] = start_requests(spider)
    assert column.url == "https://kjt.zj.gov.cn/col/col1228971341/index.html"
    out = run(spider, column, column_page(COL, "5339897", records(COL, range(1, 46)), 130))
    assert len(out.details) == 45 and urlsplit(out.lists[0].url).path == "/module/jpage/dataproxy.jsp"
    assert stat(spider, "hanweb_mode") == "classic"


def test_auto_turns_to_jpaas_with_the_ids_the_shell_states() -> None:
    spider = make_spider(HanwebSpider, "zj-kjt-notices")
    out = run(spider, start_requests(spider)[0], KJT_SHELL)
    assert out.details == [] and signal(spider, "empty") is None
    [api] = out.lists
    assert urlsplit(api.url).netloc == "kjt.zj.gov.cn" and urlsplit(api.url).path == UNIT_PATH
    assert "pageId=1228971341" in api.url and "webId=3387" in api.url and "tplSetId=tpl-kjt" in api.url
    out = run(spider, api, jpaas_answer(jpaas_items(COL, range(1, 11)), count=10, page=1))
    assert len(out.details) == 10 and out.lists == [] and stat(spider, "hanweb_mode") == "jpaas"


def test_the_shells_ids_win_over_the_catalogs() -> None:
    spider = make_spider(HanwebSpider, KJT_WITH_IDS)
    [api] = run(spider, start_requests(spider)[0], shell("3387", str(COL), "tpl-new")).lists
    assert "tplSetId=tpl-new" in api.url


def test_shell_then_jpaas_404_ends_in_a_clear_empty_error() -> None:
    spider = make_spider(HanwebSpider, "zj-kjt-notices")
    [api] = run(spider, start_requests(spider)[0], KJT_SHELL).lists
    run(spider, api, "<html><body>404</body></html>", status=404)
    message = signal(spider, "empty")
    assert "zero entries: layout changed" in message and "jpaas unit API answered HTTP 404" in message
    assert stat(spider, "entries_seen") is None


def test_proxy_404_mid_crawl_continues_from_jpaas_without_repeating_the_batch() -> None:
    spider = make_spider(HanwebSpider, MPA_WITH_IDS)
    column = start_requests(spider)[0]
    first = run(spider, column, column_page(1228972439, "7543749", records(1228972439, range(6, 51)), 50))
    gone = run(spider, first.lists[0], "<html>404 Not Found</html>", status=404)
    assert signal(spider, "empty") is None and stat(spider, "hanweb_mode") == "classic+jpaas"
    [api] = gone.lists
    assert urlsplit(api.url).path == UNIT_PATH
    # The unit API lists the whole column again; only the rows the classic batch did not have are new.
    out = run(spider, api, jpaas_answer(records(1228972439, range(1, 51)), count=50, page=1, per_page=50))
    assert [u.rsplit("_", 1)[1] for u in out.detail_urls] == [f"{n}.html" for n in (5, 4, 3, 2, 1)]
    assert out.lists == []


def test_proxy_404_without_the_unit_apis_ids_is_empty() -> None:
    spider = make_spider(HanwebSpider, builtin_entry("zj-mpa-inspections", params={}))
    page = column_page(1228972439, "7543749", records(1228972439, range(6, 51)), 50)
    first = run(spider, start_requests(spider)[0], page)
    assert run(spider, first.lists[0], "<html>404 Not Found</html>", status=404).lists == []
    message = signal(spider, "empty")
    assert "layout changed: the data proxy answered HTTP 404 after 45 entries" in message
    assert "jpaas unit API" in message and spider.list_trouble


def test_a_shell_without_query_data_and_no_catalog_ids_is_empty(tmp_path: Path) -> None:
    entry = source_dict("t-hanweb-auto", "hanweb-auto", "https://kjt.zj.gov.cn/col/col1/index.html")
    spider = make_spider(HanwebSpider, entry, tmp_path)
    out = run(spider, start_requests(spider)[0], SHELL)
    assert out.details == [] and out.lists == []
    message = signal(spider, "empty")
    assert "zero entries: layout changed" in message and "states no jpaas queryData" in message
    assert "no params.jpaas_*" in message


def test_classic_family_never_tries_jpaas() -> None:
    spider = make_spider(HanwebSpider, "js-kjt-notices")
    out = run(spider, start_requests(spider)[0], SHELL)
    assert out.lists == [] and "no datastore" in signal(spider, "empty")


def test_jpaas_family_with_some_ids_but_not_all_is_a_configuration_error(tmp_path: Path) -> None:
    entry = source_dict(
        "t-hanweb-jpaas",
        "hanweb-jpaas",
        "https://mpa.example.gov.cn/col/col1/index.html",
        params={"jpaas_web_id": "1"},
    )
    spider = make_spider(HanwebSpider, entry, tmp_path)
    assert start_requests(spider) == []
    assert "has params jpaas_web_id but not all of" in signal(spider, "error")


def test_jpaas_family_without_ids_reads_them_from_the_shell() -> None:
    spider = make_spider(HanwebSpider, builtin_entry("sd-mpa-notices", params={}))
    [column] = start_requests(spider)
    assert column.url == "http://mpa.shandong.gov.cn/col/col101785/index.html"
    out = run(spider, column, shell("s1412", "s1101785", "uDM5IX1D0wqgdLmhxIOpg"))
    assert [v.list_via for v in out.validators] == ["jpaas"]
    [api] = out.lists
    assert "webId=s1412" in api.url and "pageId=s1101785" in api.url
    assert "tplSetId=uDM5IX1D0wqgdLmhxIOpg" in api.url


def test_challenge_on_the_column_page_is_blocked() -> None:
    spider = make_spider(HanwebSpider, "zj-kjt-notices")
    out = run(spider, start_requests(spider)[0], CHALLENGE, status=412)
    assert out.lists == [] and out.details == [] and "412" in signal(spider, "blocked")
    assert [e["kind"] for e in errors(spider)] == ["blocked"]


def test_jiasule_521_on_the_proxy_is_blocked() -> None:
    spider = make_spider(HanwebSpider, "js-mpa-notices")
    [proxy] = run(
        spider, start_requests(spider)[0], column_page(84586, "1", records(84586, range(1, 46)), 90)
    ).lists
    run(spider, proxy, "<script>document.cookie='__jsl_clearance_s=1|0|x'</script>", status=521)
    assert "加速乐" in signal(spider, "blocked")


def test_a_shell_column_page_is_never_fetched_conditionally_next_time() -> None:
    spider = make_spider(HanwebSpider, "zj-kjt-notices")
    out = run(spider, start_requests(spider)[0], KJT_SHELL, headers={"ETag": '"shell-v1"'})
    # What is kept of a shell is that it is one (the list is in the unit API), never its validators.
    [kept] = out.validators
    assert (kept.etag, kept.last_modified, kept.list_via) == (None, None, "jpaas")
    spider = make_spider(HanwebSpider, "zj-kjt-notices")
    page = column_page(COL, "5339897", records(COL, range(1, 46)), 45)
    out = run(spider, start_requests(spider)[0], page, headers={"ETag": '"list-v7"'})
    assert [v.etag for v in out.validators] == ['"list-v7"']


def test_proxy_and_unit_api_both_gone_is_empty_with_the_partial_count() -> None:
    spider = make_spider(HanwebSpider, KJT_WITH_IDS)
    first = run(
        spider, start_requests(spider)[0], column_page(COL, "5339897", records(COL, range(1, 46)), 90)
    )
    [api] = run(spider, first.lists[0], "<html>404</html>", status=404).lists
    run(spider, api, "<html>404</html>", status=404)
    message = signal(spider, "empty")
    assert "layout changed" in message and "after 45 entries were read" in message and spider.list_trouble
