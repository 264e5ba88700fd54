"""Hanweb jpaas: the unit-API URL from catalog params, and the JSON envelope of list HTML."""

from __future__ import annotations

import json
from datetime import date
from urllib.parse import parse_qs, unquote, urlsplit

import pytest

from spiders.hanweb_jpaas_parsing import (
    JpaasAnswerError,
    JpaasParams,
    JpaasRefused,
    parse_unit_answer,
    unit_url,
)
from tests.conftest import realpage
from tests.spiders.hanwebpages import jpaas_answer, jpaas_items

SD_COLUMN = "http://mpa.shandong.gov.cn/col/col101798/index.html"


def test_params_come_from_the_catalog_or_not_at_all() -> None:
    params = {"jpaas_web_id": "s1412", "jpaas_page_id": "s1101798", "jpaas_tpl_set_id": "abc"}
    assert JpaasParams.from_catalog(params, 20) == JpaasParams("s1412", "s1101798", "abc", 20, "栏目list")
    assert JpaasParams.from_catalog({**params, "jpaas_tag_id": "文章list"}, 20).tag_id == "文章list"
    assert JpaasParams.from_catalog({"jpaas_web_id": "3387"}, 20) is None
    assert JpaasParams.from_catalog({**params, "jpaas_page_id": " "}, 20) is None


def test_unit_url_percent_encodes_the_tag_and_param_json() -> None:
    url = unit_url(SD_COLUMN, JpaasParams("s1412", "s1101798", "tpl1", 15), page=3)
    parts = urlsplit(url)
    assert parts.scheme == "http" and parts.netloc == "mpa.shandong.gov.cn"
    assert parts.path == "/api-gateway/jpaas-publish-server/front/page/build/unit"
    assert "tagId=%E6%A0%8F%E7%9B%AElist" in parts.query and "%7B%22pageNo%22%3A3" in parts.query
    query = parse_qs(parts.query)
    assert (
        query["parseType"] == ["bulidstatic"]
        and query["pageType"] == ["column"]
        and query["editType"] == ["null"]
    )
    assert query["webId"] == ["s1412"] and query["pageId"] == ["s1101798"] and query["tplSetId"] == ["tpl1"]
    assert json.loads(unquote(query["paramJson"][0])) == {"pageNo": 3, "pageSize": 15}


def test_real_shandong_answer() -> None:
    page = parse_unit_answer(realpage("shandong_api.json").read_bytes(), SD_COLUMN)
    assert (page.total_records, page.page_no, page.rows) == (130, 2, 15)
    assert len(page.entries) == 15
    first, last = page.entries[0], page.entries[-1]
    assert first.title == "“检”问百“答” | 化妆品检验问题解答1" and first.date == date(2025, 6, 10)
    assert first.url.startswith("http://mp.weixin.qq.com/s?__biz=")
    assert last.date == date(2024, 8, 26)
    assert all(e.date for e in page.entries)


def test_relative_links_resolve_against_the_column_page() -> None:
    body = jpaas_answer(jpaas_items(1229011587, range(1, 3)), count=2, page=1).encode()
    page = parse_unit_answer(body, "https://mpa.zj.gov.cn/col/col1229011587/index.html")
    assert page.entries[0].url == f"https://mpa.zj.gov.cn/col/col1229011587/art/2025/art_{2:032x}.html"
    assert page.entries[0].date == date(2025, 1, 3) and page.total_records == 2


def test_empty_fragment_is_zero_entries() -> None:
    body = json.dumps({"success": True, "data": {"html": ""}}).encode()
    assert parse_unit_answer(body, SD_COLUMN).entries == []


@pytest.mark.parametrize(
    "body, message",
    [
        (b"<html><body>502 Bad Gateway</body></html>", "not JSON"),
        (b'{"success": true, "data": {"html": "<li>', "not JSON"),
        (b'{"rows": [], "total": 0}', "without the {success, data: {html}} envelope"),
        (b'{"success": true, "data": {"list": []}}', "no data.html"),
        ('{"success": false, "code": "500", "message": "模板不存在", "data": null}'.encode(), "模板不存在"),
        (b"\xff\xfe\x00garbage", "not JSON"),
    ],
)
def test_broken_answers_raise_clear_errors(body: bytes, message: str) -> None:
    with pytest.raises(JpaasAnswerError, match=message):
        parse_unit_answer(body, SD_COLUMN)


def test_refusal_is_its_own_error() -> None:
    body = '{"success": false, "code": "404", "message": "栏目未发布到云平台", "data": null}'.encode()
    with pytest.raises(JpaasRefused, match="栏目未发布到云平台 \\(code 404\\)"):
        parse_unit_answer(body, SD_COLUMN)


def test_redesigned_fragment_is_read_by_the_generic_extractor() -> None:
    items = "".join(
        f'<p class="news-item"><a href="/col/col101798/art/2025/art_{n:032x}.html" title="关于第{n}批药品'
        f'抽检结果的通告">关于第{n}批药品抽检结果的通告</a><em class="news-date">2025-03-0{n}</em></p>'
        for n in range(1, 5)
    )
    fragment = f'<div id="栏目list"><div class="news-box">{items}</div><div count="4" pageNo="1" rows="15"></div></div>'
    body = json.dumps({"success": True, "data": {"html": fragment}}, ensure_ascii=False).encode()
    page = parse_unit_answer(body, SD_COLUMN)
    assert page.strategy == "generic" and len(page.entries) == 4 and page.total_records == 4
    assert page.entries[0].url.startswith("http://mpa.shandong.gov.cn/col/col101798/art/2025/art_")
