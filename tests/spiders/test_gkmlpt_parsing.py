"""gkmlpt JSON API answers and page URLs."""

from __future__ import annotations

import json
from datetime import date

import pytest

from spiders.gkmlpt_parsing import GkmlptAnswerError, page_url, parse_api_answer, start_page

API = "https://mpa.gd.gov.cn/gkmlpt/api/all/2849?page=1&sid=755"


def test_page_urls_keep_the_other_parameters_in_place() -> None:
    assert page_url(API, 2) == "https://mpa.gd.gov.cn/gkmlpt/api/all/2849?page=2&sid=755"
    assert (
        page_url("https://mpa.gd.gov.cn/gkmlpt/api/all/2849?sid=755", 3)
        == "https://mpa.gd.gov.cn/gkmlpt/api/all/2849?sid=755&page=3"
    )
    assert start_page(API) == 1 and start_page("https://x.gov.cn/gkmlpt/api/all/1?page=4&sid=1") == 4
    assert start_page("https://x.gov.cn/gkmlpt/api/all/1?page=x") == 1


def test_articles_with_string_and_timestamp_dates() -> None:
    answer = {
        "total": 230,
        "articles": [
            {
                "id": 4400001,
                "identifier": "006940116/2025-00101",
                "title": " 广东省药品监督管理局关于 开展检查的通告 ",
                "url": "https://mpa.gd.gov.cn/gkmlpt/content/4/4400/post_4400001.html",
                "created_at": "2025-03-04 10:20:30",
            },
            # 2025-03-02 17:00 UTC is 2025-03-03 01:00 in China.
            {
                "id": 4400000,
                "title": "关于公布检查结果的通知",
                "url": "/gkmlpt/content/4/4400/post_4400000.html",
                "created_at": 1740934800,
            },
            {"id": 1, "title": "", "url": "https://mpa.gd.gov.cn/x.html"},
            {"id": 2, "title": "无链接"},
            "not an article",
        ],
    }
    page = parse_api_answer(json.dumps(answer, ensure_ascii=False).encode(), API)
    assert page.total == 230 and page.count == 5
    assert [(e.url, e.title, e.date) for e in page.entries] == [
        (
            "https://mpa.gd.gov.cn/gkmlpt/content/4/4400/post_4400001.html",
            "广东省药品监督管理局关于 开展检查的通告",
            date(2025, 3, 4),
        ),
        (
            "https://mpa.gd.gov.cn/gkmlpt/content/4/4400/post_4400000.html",
            "关于公布检查结果的通知",
            date(2025, 3, 3),
        ),
    ]


def test_total_may_be_missing_or_a_string() -> None:
    assert parse_api_answer(b'{"articles": [], "total": "12"}', API).total == 12
    assert parse_api_answer(b'{"articles": []}', API).total is None


@pytest.mark.parametrize(
    "body, message",
    [
        (b"<html>error</html>", "not JSON"),
        (b'{"code": 0, "data": []}', "without an `articles` list"),
        (b"[1, 2]", "without an `articles` list"),
    ],
)
def test_broken_answers(body: bytes, message: str) -> None:
    with pytest.raises(GkmlptAnswerError, match=message):
        parse_api_answer(body, API)
