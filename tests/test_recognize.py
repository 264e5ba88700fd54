"""Recognising a list page's platform family: real saved pages of each family (their entries checked against the
corpus labels), the evidence, what is written and what is read at run time, and pages that cannot be sources."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml

from crawler.config.families import SPIDER_FOR_FAMILY
from crawler.config.recognize import recognize, with_followed
from crawler.config.recognizers import recognizers
from tests.conftest import realpage
from tests.spiders.hanwebpages import jpaas_answer, jpaas_items, shell

LABELS = Path(__file__).resolve().parents[1] / "crawler" / "evaluation" / "labels"

# (saved page under ../shared/realpages, its URL, family, entries, its label file)
REAL = [
    ("jiangsu_list.html", "http://da.jiangsu.gov.cn/col/col91813/index.html", "hanweb-classic", 45, "jiangsu_list.yaml"),
    ("shandong_api.json", "http://mpa.shandong.gov.cn/col/col101798/index.html", "hanweb-jpaas", 15, None),
    ("most_list.html", "https://www.most.gov.cn/xxgk/xinxifenlei/fdzdgknr/fgzc/", "trs", 17, "most_list.yaml"),
    ("anhui_list.html", "https://mpa.ah.gov.cn/ztgz/yssypbgba/yp/index.html", "lonsun", 15, "anhui_list.yaml"),
    ("corpus/www.nmpa.gov.cn/list-ypggtg-drug-announcements.html", "https://www.nmpa.gov.cn/yaopin/ypggtg/index.html",
     "trs", 20, "corpus/www.nmpa.gov.cn/list-ypggtg-drug-announcements.yaml"),
    ("corpus/zrzy.hebei.gov.cn/list-stdt-department-news.html", "https://zrzy.hebei.gov.cn/heb/xinwen/stdt/index.html",
     "generic", 20, "corpus/zrzy.hebei.gov.cn/list-stdt-department-news.yaml"),
    ("corpus/www.chinamine-safety.gov.cn/list-mkaqjcxw.html", "https://www.chinamine-safety.gov.cn/xw/mkaqjcxw/",
     "generic", 15, "corpus/www.chinamine-safety.gov.cn/list-mkaqjcxw.yaml"),
]


def labelled_urls(name: str) -> list[str]:
    return [e["url"] for e in yaml.safe_load((LABELS / name).read_text(encoding="utf-8"))["entries"]]


@pytest.mark.parametrize("name, url, family, count, label", REAL, ids=[r[0].rsplit("/", 1)[-1] for r in REAL])
def test_real_pages_of_each_family(name: str, url: str, family: str, count: int, label: str | None) -> None:
    found = recognize(url, realpage(name).read_bytes())
    assert (found.family, len(found.entries), found.problem) == (family, count, None)
    assert found.evidence and found.paging_note
    if label is not None:  # what a crawl of it reads is the list a person read off the page
        assert [e.url for e in found.entries] == labelled_urls(label)


def test_hanweb_classic_values_are_read_at_run_time_not_written() -> None:
    found = recognize("http://da.jiangsu.gov.cn/col/col91813/index.html", realpage("jiangsu_list.html").read_bytes())
    assert found.params == {} and found.paging == {}
    assert found.at_run_time["hanweb webid"] == "18" and found.at_run_time["hanweb columnid"] == "91813"
    assert found.at_run_time["hanweb data proxy"] == "/module/web/jpage/dataproxy.jsp"
    assert any("427612, 427618" in line for line in found.evidence)


def test_a_jpaas_unit_answer_gives_the_ids_its_query_data_states() -> None:
    found = recognize("http://mpa.shandong.gov.cn/col/col101798/index.html", realpage("shandong_api.json").read_bytes())
    assert found.params == {"jpaas_web_id": "s1412", "jpaas_page_id": "s1101798",
                            "jpaas_tpl_set_id": "uDM5IX1D0wqgdLmhxIOpg"}
    assert found.paging == {"per_page": 15} and any("count 130" in line for line in found.evidence)
    assert found.on_site("mpa.shandong.gov.cn") == []  # every entry is on WeChat or iqilu


def test_a_jpaas_shell_is_followed_to_its_unit_api_and_its_ids_are_not_written() -> None:
    column = "https://kjt.zj.gov.cn/col/col1229225203/index.html"
    found = recognize(column, shell("3387", "1229225203", "tpl-kjt").encode())
    assert found.family == "hanweb-jpaas" and found.entries == [] and found.problem is None
    assert found.follow_url and "tplSetId=tpl-kjt" in found.follow_url and "pageId=1229225203" in found.follow_url
    answer = jpaas_answer(jpaas_items(1229225203, range(1, 13)), count=12, page=1)
    followed = with_followed(found, column, answer.encode())
    assert len(followed.entries) == 12 and followed.params == {} and followed.at_run_time["jpaas tplSetId"] == "tpl-kjt"


def test_static_families_read_their_pager_at_run_time_and_generic_writes_it() -> None:
    lonsun = recognize("https://mpa.ah.gov.cn/ztgz/yssypbgba/yp/index.html", realpage("anhui_list.html").read_bytes())
    assert lonsun.paging == {} and lonsun.at_run_time["pager"].startswith("/content/column/31415151?pageIndex={n}")
    hebei = recognize("https://zrzy.hebei.gov.cn/heb/xinwen/stdt/index.html",
                      realpage("corpus/zrzy.hebei.gov.cn/list-stdt-department-news.html").read_bytes())
    assert hebei.paging == {"page_pattern": "index_{n}.html", "first_page_number": 2}


def test_a_feed_and_a_gkmlpt_answer() -> None:
    rss = ('<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>工作动态</title>'
           "<item><title>科技厅工作</title><link>https://kjt.example.gov.cn/art/2025/1/2/art_1_2.html</link>"
           "<pubDate>Thu, 02 Jan 2025 10:00:00 +0800</pubDate></item></channel></rss>").encode()
    found = recognize("https://kjt.example.gov.cn/rss.xml", rss)
    assert found.family == "feed" and len(found.entries) == 1 and "feeds are not paged" in found.paging_note
    api = {"articles": [{"id": 1, "title": "关于药品注册的公告", "url": "https://mpa.gd.gov.cn/gkmlpt/content/0/1/post_1.html",
                         "created_at": "2025-01-02 10:00:00"}], "total": 1}
    found = recognize("https://mpa.gd.gov.cn/gkmlpt/api/all/2849?page=1&sid=755", json.dumps(api).encode())
    assert found.family == "gkmlpt" and len(found.entries) == 1
    assert "category 2849 and site id 755 in the URL" in found.evidence


def test_a_javascript_array_list() -> None:
    script = "".join(f"urls[i]='/col/col2384/art_{n}.html';headers[i]=\"<a href='/col/col2384/art_{n}.html'>"
                     f"关于第{n}批项目的通知</a>\";year[i]='2025';month[i]='01';day[i]='0{n}';i++;" for n in range(1, 6))
    page = f"<html><body><script>var i=0;{script}</script></body></html>".encode()
    found = recognize("https://kw.beijing.gov.cn/col/col2384/index.html", page)
    assert found.family == "jsarray" and len(found.entries) == 5


@pytest.mark.parametrize(
    "body, health",
    [
        (b"<html><head><meta content='{qqq' r='m'><script>$_ts=window['$_ts'];</script></head></html>", "blocked"),
        (b"<html><script>document.cookie='__jsl_clearance_s=1'</script></html>", "blocked"),
        (b"%PDF-1.7 binary", "error"),
        (b"<html><body><p>\xe6\xac\xa2\xe8\xbf\x8e</p></body></html>", "empty"),
        (b'{"success": false, "code": "500", "message": "x", "data": null}', "empty"),
    ],
)
def test_pages_that_cannot_be_sources_say_the_health_state(body: bytes, health: str) -> None:
    found = recognize("https://example.gov.cn/list/", body)
    assert found.problem is not None and found.problem[0] == health


def test_an_article_page_is_not_a_list() -> None:
    found = recognize("https://www.nmpa.gov.cn/zwfw/sdxx/sdxxyp/yppjfb/20200911083851127.html",
                      realpage("nmpa_article_ruishu.html").read_bytes())
    assert found.problem is not None and found.problem[0] == "empty"


def test_every_registered_platform_has_its_recognizer_and_generic_is_tried_last() -> None:
    names = [name for name, _ in recognizers()]
    assert names[-1] == "generic" and all(callable(r) for _, r in recognizers())
    # hanweb-auto is the catalog's choice between two recognised platforms, not a platform of its own.
    assert set(names) == set(SPIDER_FOR_FAMILY) - {"hanweb-auto"}
