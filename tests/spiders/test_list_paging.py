"""Static list paging: page URLs from catalog patterns, page counts from TRS and Lonsun pagers."""

from __future__ import annotations

import pytest

from spiders.list_paging import page_url, total_pages
from tests.conftest import realpage


@pytest.mark.parametrize(
    "start, pattern, first, page, expected",
    [
        (
            "https://www.most.gov.cn/tztg/index.html",
            "index_{n}.html",
            1,
            1,
            "https://www.most.gov.cn/tztg/index.html",
        ),
        (
            "https://www.most.gov.cn/tztg/index.html",
            "index_{n}.html",
            1,
            2,
            "https://www.most.gov.cn/tztg/index_1.html",
        ),
        (
            "https://www.most.gov.cn/tztg/index.html",
            "index_{n}.html",
            1,
            4,
            "https://www.most.gov.cn/tztg/index_3.html",
        ),
        (
            "https://www.nmpa.gov.cn/xxgk/ggtg/",
            "index_{n}.html",
            1,
            2,
            "https://www.nmpa.gov.cn/xxgk/ggtg/index_1.html",
        ),
        (
            "https://gdstc.gd.gov.cn/zwgk_n/tzgg/index.html",
            "index_{n}.html",
            2,
            2,
            "https://gdstc.gd.gov.cn/zwgk_n/tzgg/index_2.html",
        ),
        (
            "https://gdstc.gd.gov.cn/zwgk_n/tzgg/index.html",
            "index_{n}.html",
            2,
            3,
            "https://gdstc.gd.gov.cn/zwgk_n/tzgg/index_3.html",
        ),
        (
            "https://mpa.ah.gov.cn/xwzx/tzgg/index.html",
            "/content/column/6785921?pageIndex={n}",
            2,
            2,
            "https://mpa.ah.gov.cn/content/column/6785921?pageIndex=2",
        ),
        (
            "https://example.gov.cn/list.jsp?col=1",
            "?col=1&page={n}",
            2,
            3,
            "https://example.gov.cn/list.jsp?col=1&page=3",
        ),
    ],
)
def test_page_urls(start: str, pattern: str, first: int, page: int, expected: str) -> None:
    assert page_url(start, pattern, first, page) == expected


def test_real_lonsun_pager_states_six_pages() -> None:
    assert total_pages(realpage("anhui_list.html").read_text(encoding="utf-8")) == 6


@pytest.mark.parametrize(
    "script, expected",
    [
        ('createPageHTML(12, 0, "index", "html");', 12),
        ("createPageHTML('page_div', 7, 1, 'index', 'html', 140);", 7),
        (
            'var currentPage = 0;\nvar countPage = 34\ncreatePageHTML(countPage, currentPage, "index", "html");',
            34,
        ),
        # The function's own definition comes first on some pages; its parameter names resolve to nothing.
        (
            "function createPageHTML(_nPageCount, _nCurrIndex, _sPageName, _sPageExt){}\ncreatePageHTML(5, 0, 'index', 'html');",
            5,
        ),
        ("<div class='page'>共 9 页 当前第 1 页</div>", 9),
        ("Ls.pagination('#p', function(i){}, {total: 30, pageCount: 2, param: 'pageSize=15'});", 2),
        ("createPageHTML(countPage, 0, 'index', 'html');", None),
        ("<div>no pager here</div>", None),
        ("createPageHTML(0, 0, 'index', 'html');", None),
    ],
)
def test_page_counts(script: str, expected: int | None) -> None:
    assert total_pages(f"<html><body><script>{script}</script></body></html>") == expected
