"""Hanweb jpaas columns (Shandong, Zhejiang's new columns): shell pages, the unit API envelope, articles."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

import pytest
from lxml import html as lxml_html

from simulator.harness import SimClient
from tests.simulator.simkit import jpaas_url, parse_entries

JPAAS_SOURCES = ["sd-mpa-notices", "zj-kjt-drafts", "zj-mpa-announcements"]
SHANDONG = "sd-mpa-notices"


@pytest.mark.parametrize("source_id", JPAAS_SOURCES)
def test_column_page_is_an_empty_shell(sim: SimClient, source_id: str) -> None:
    summary = sim.get("/_sim/sources").json()["sources"][source_id]
    page = sim.get(summary["column_url"])
    assert page.status == 200 and summary["platform"] == "jpaas"
    assert "<datastore>" not in page.text and "<li>" not in page.text and "jpage(" not in page.text
    assert 'unitUrl="/api-gateway/jpaas-publish-server/front/page/build/unit"' in page.text


def test_unit_api_envelope_is_shaped_like_the_real_one(sim: SimClient) -> None:
    answer = sim.get(jpaas_url(SHANDONG, 2, 15))
    assert answer.status == 200 and answer.headers["Content-Type"].startswith("application/json")
    raw = answer.body.decode("utf-8")
    assert raw.startswith('{"roles":null,"permissions":null,"traceId":"')
    assert raw.endswith('"message":"生成成功"}')
    assert '"data":{"html":"\\t\\t\\t\\t\\t\\t\\t\\t\\t\\t<div id=\\"栏目list\\">' in raw  # literal \t escapes
    assert "</a><span>" in raw and "</span></li>\\n\\n\\n" in raw
    document = answer.json()
    assert document["success"] is True and document["code"] == "200"
    pager_re = r'class="pagination"[^>]*rows="(\d+)"[^>]*count="(\d+)" pageNo="(\d+)"'
    pager = re.search(pager_re, document["data"]["html"])
    truth = sim.get(f"/_sim/truth?source={SHANDONG}").json()
    total = len(truth["sources"][SHANDONG]) + len(truth["non_articles"][SHANDONG])
    assert pager and pager.groups() == ("15", str(total), "2")
    assert len(parse_entries(SHANDONG, jpaas_url(SHANDONG, 2, 15), answer)) == 15


def test_paging_sizes_and_the_latest_ten_without_param_json(sim: SimClient) -> None:
    source_id = "zj-kjt-drafts"
    truth = [a["url"] for a in sim.truth(source_id)]
    newest = parse_entries(source_id, jpaas_url(source_id, None), sim.get(jpaas_url(source_id, None)))
    assert [url for url, _ in newest] == truth[:10]
    page3 = parse_entries(source_id, jpaas_url(source_id, 3, 20), sim.get(jpaas_url(source_id, 3, 20)))
    assert [url for url, _ in page3] == truth[40:60]
    assert all(url.startswith("https://kjt.zj.gov.cn/col/col1229225203/art/") for url, _ in page3)  # absolute
    past = sim.get(jpaas_url(source_id, 99, 20)).json()
    assert past["success"] and "<li>" not in past["data"]["html"] and 'pageNo="99"' in past["data"]["html"]


@pytest.mark.parametrize(
    "change, message",
    [(lambda url: url.replace("tplSetId=uDM5", "tplSetId=ffff"), "模板集"),
     (lambda url: url.replace("paramJson=%7B", "paramJson=%5B%7B"), "paramJson"),
     (lambda url: url.replace("pageId=s1101785", "pageId=s1"), "页面不存在")],
)
def test_bad_parameters_are_refused_in_the_envelope(sim: SimClient, change: object, message: str) -> None:
    answer = sim.get(change(jpaas_url(SHANDONG)))  # type: ignore[operator]
    document = answer.json()
    assert answer.status == 200 and document["success"] is False and message in document["message"]
    assert document["data"] is None


def test_off_site_entries_are_listed_but_not_truth(sim: SimClient) -> None:
    answer = sim.get(f"/_sim/truth?source={SHANDONG}").json()
    extras = answer["non_articles"][SHANDONG]
    assert len(extras) >= 10 and all(e["reason"] == "offsite" for e in extras)
    hosts = {urlsplit(e["url"]).hostname for e in extras}
    assert "mp.weixin.qq.com" in hosts and "sdxw.iqilu.com" in hosts
    article_urls = {a["url"] for a in answer["sources"][SHANDONG]}
    assert not {e["url"] for e in extras} & article_urls


def test_articles_are_shaped_like_shandong_detail(sim: SimClient) -> None:
    truth = sim.truth(SHANDONG)
    disagreeing = 0
    for article in truth[:40]:
        path = urlsplit(article["url"]).path
        assert re.fullmatch(r"/col/col101785/art/\d{4}/art_[0-9a-f]{32}\.html", path)
        page = sim.get(article["url"]).text
        tree = lxml_html.fromstring(page)
        metas = {m.get("name"): m.get("content") for m in tree.iter("meta") if m.get("name")}
        assert metas["Url"] == path and metas["SiteDomain"] == "http://mpa.shandong.gov.cn"
        assert metas["ArticleTitle"] == article["title"] and metas["ContentSource"] == article["source"]
        shown = article["published"][:16].replace("T", " ")
        assert f"<span>发布日期：{shown}" in page
        disagreeing += metas["PubDate"][:10] != shown[:10]
        wen = tree.xpath("//div[@class='wen']")[0]
        assert wen.xpath(".//section//p") and "<p><section>" in page  # WeChat-editor nesting
        innermost = [p for p in wen.iter("p") if not p.xpath(".//p")]  # the outer <p> of <p><section> repeats
        paragraphs = [p.text_content() for p in innermost if p.text_content().strip()]
        assert "\n".join(paragraphs) == article["body_text"]
        for attachment in article["attachments"]:
            assert sim.get(attachment["url"]).status == 200
    assert disagreeing >= 3  # the visible 发布日期 and meta PubDate disagree on some pages, as on the real one
