"""The paging a list page's own pager states, on real saved pages and on the pager variants seen."""

from __future__ import annotations

import pytest

from crawler.extract.decode import decode_html
from spiders.list_paging import page_url
from spiders.pager_patterns import stated_paging
from tests.conftest import realpage

# (saved page, its URL, page_pattern, first_page_number, page count stated, the URL of page 2)
REAL = [
    ("anhui_list.html", "https://mpa.ah.gov.cn/ztgz/yssypbgba/yp/index.html",
     "/content/column/31415151?pageIndex={n}", 2, 6, "https://mpa.ah.gov.cn/content/column/31415151?pageIndex=2"),
    ("corpus/www.nmpa.gov.cn/list-ypggtg-drug-announcements.html", "https://www.nmpa.gov.cn/yaopin/ypggtg/index.html",
     "index_{n}.html", 1, None, "https://www.nmpa.gov.cn/yaopin/ypggtg/index_1.html"),
    ("corpus/dnr.gxzf.gov.cn/list-kyqjy-mining-rights-trading.html", "https://dnr.gxzf.gov.cn/zfxxgk/fdzdgknr/jysc/kyqjy/",
     "index_{n}.shtml", 1, 55, "https://dnr.gxzf.gov.cn/zfxxgk/fdzdgknr/jysc/kyqjy/index_1.shtml"),
    # createPageHTML('page-div', 34, 1, …) on the first page: one-based, page 2 is common_list_2.shtml.
    ("corpus/zrzyt.xinjiang.gov.cn/list-kyqsc-mining-rights-market.html",
     "https://zrzyt.xinjiang.gov.cn/xjgtzy/kyqsc/common_list.shtml", "common_list_{n}.shtml", 2, 34,
     "https://zrzyt.xinjiang.gov.cn/xjgtzy/kyqsc/common_list_2.shtml"),
    # The pager script inlined, its createPageHTML call commented out.
    ("corpus/www.mnr.gov.cn/list-zrzs-ministry-news.html", "https://www.mnr.gov.cn/dt/ywbb/",
     "index_{n}.html", 1, 50, "https://www.mnr.gov.cn/dt/ywbb/index_1.html"),
    ("corpus/www.chinamine-safety.gov.cn/list-mkaqjcxw.html", "https://www.chinamine-safety.gov.cn/xw/mkaqjcxw/",
     "index_{n}.shtml", 1, 52, "https://www.chinamine-safety.gov.cn/xw/mkaqjcxw/index_1.shtml"),
    # Hebei's first page is also index_1.html: its link to page 2 says index_2.html.
    ("corpus/zrzy.hebei.gov.cn/list-stdt-department-news.html", "https://zrzy.hebei.gov.cn/heb/xinwen/stdt/index.html",
     "index_{n}.html", 2, None, "https://zrzy.hebei.gov.cn/heb/xinwen/stdt/index_2.html"),
    ("corpus/www.cnmn.com.cn/list-shownewslist-43.html", "https://www.cnmn.com.cn/ShowNewsList.aspx?id=43",
     "/ShowNewsList.aspx?id=43&pageindex={n}", 2, None, "https://www.cnmn.com.cn/ShowNewsList.aspx?id=43&pageindex=2"),
    # A search page: the number that counts pages is the one that differs between the links to pages 2 and 3.
    ("corpus/sousuo.gov.cn/list-search-yiqing.html", "http://sousuo.gov.cn/s.htm?t=govall&q=%E7%96%AB%E6%83%85",
     None, 1, None, None),
]


@pytest.mark.parametrize("name, url, pattern, first, pages, second", REAL, ids=[r[0].rsplit("/", 1)[-1] for r in REAL])
def test_real_pagers(name: str, url: str, pattern: str | None, first: int, pages: int | None,
                     second: str | None) -> None:
    stated = stated_paging(decode_html(realpage(name).read_bytes()), url)
    assert stated is not None, name
    if pattern is None:  # only where the page number sits
        assert "&p={n}&" in stated.page_pattern and stated.first_page_number == first
        return
    assert (stated.page_pattern, stated.first_page_number, stated.total_pages) == (pattern, first, pages)
    assert page_url(url, stated.page_pattern, stated.first_page_number, 2) == second
    assert stated.evidence


@pytest.mark.parametrize("name", ["most_list.html", "jiangsu_list.html",
                                  "corpus/dnr.yn.gov.cn/list-kuangyeshichang-mining-market.html"])
def test_pages_without_a_readable_pager_state_none(name: str) -> None:
    assert stated_paging(decode_html(realpage(name).read_bytes()), "https://example.gov.cn/list/") is None


@pytest.mark.parametrize(
    "html, pattern, first",
    [
        ('<script>createPageHTML(12, 0, "index", "html");</script>', "index_{n}.html", 1),
        ("<script>createPageHTML('page_div', 7, 0, 'index', 'html', 140);</script>", "index_{n}.html", 1),
        ("<script>var countPage = 9; var currentPage = 0;\ncreatePageHTML(countPage, currentPage, 'index', 'htm');"
         "</script>", "index_{n}.htm", 1),
        ("<script>//createPageHTML(3, 0, 'index', 'html');\n</script><a href='index_2.html'>2</a>", "index_{n}.html", 2),
        ("<div class='page'><a href='?page=2'>下一页</a></div>", "/list/?page={n}", 2),
        ("<div class='page'><a href='list_2.jsp#top'>2</a></div>", "list_{n}.jsp", 2),
    ],
)
def test_pager_variants(html: str, pattern: str, first: int) -> None:
    stated = stated_paging(f"<html><body>{html}</body></html>", "https://example.gov.cn/list/")
    assert stated is not None and (stated.page_pattern, stated.first_page_number) == (pattern, first)


@pytest.mark.parametrize(
    "html",
    [
        "<a href='https://other.example.com/list_2.html'>2</a>",  # another site
        "<a href='javascript:goPage(2)'>2</a>",
        "<a href='/news/2024/art_35.html'>下一页</a>",  # no page number that reads 1 or 2
        "<script>function createPageHTML(_nPageCount, _nCurrIndex, _sPageName, _sPageExt){}</script>",
    ],
)
def test_what_is_no_pager(html: str) -> None:
    assert stated_paging(f"<html><body>{html}</body></html>", "https://example.gov.cn/list/") is None
