"""Jiangsu's Hanweb classic sites (http): PC and mobile units, the /module/web/jpage proxy, twin bodies."""

from __future__ import annotations

import html
import re

import pytest
from lxml import html as lxml_html

from simulator.harness import SimClient
from simulator.sites import SOURCES
from tests.simulator.simkit import RECORD_RE

JIANGSU = ["js-mpa-notices", "js-kjt-notices"]
HREF_RE = re.compile(r'href="(/art/[^"]+)"')


def _unit(page: str, unit_id: str) -> list[str]:
    match = re.search(rf'<div id="{unit_id}"><script type="text/xml">(.*?)</script></div>', page, re.DOTALL)
    assert match, unit_id
    return RECORD_RE.findall(match[1])


@pytest.mark.parametrize("source_id", JIANGSU)
def test_column_page_has_pc_and_mobile_units_with_the_same_records(sim: SimClient, source_id: str) -> None:
    source = SOURCES[source_id]
    answer = sim.get(f"http://{source.host}/col/col{source.column_id}/index.html")
    page = answer.text
    assert answer.status == 200 and '<div id="pc">' in page and '<div id="sjd">' in page
    unit_at = page.index(f'<div id="{source.unit_id}">')
    assert page.index('<div id="pc">') < unit_at < page.index('<div id="sjd">')
    pc, mobile = _unit(page, source.unit_id), _unit(page, str(source.mobile_unit_id))
    paths = [a["url"].split(".gov.cn", 1)[1] for a in sim.truth(source_id)[:45]]
    assert [HREF_RE.search(r)[1] for r in pc] == [HREF_RE.search(r)[1] for r in mobile] == paths
    assert all(r.strip().startswith("<tr>") for r in pc) and all(r.strip().startswith("<li") for r in mobile)
    assert "proxyUrl:'/module/web/jpage/dataproxy.jsp'" in page
    assert "/module/web/jpage/jquery.jpage.js" in page
    truncated = [r for r in pc if "...</a>" in r]
    assert truncated
    with_title = ' title="' in truncated[0]
    assert with_title == (source_id == "js-kjt-notices")  # da.jiangsu's PC rows carry no title attribute


def test_proxy_groups_overlap_by_one_row(sim: SimClient) -> None:
    source = SOURCES["js-kjt-notices"]
    paths = [a["url"].split(".gov.cn", 1)[1] for a in sim.truth("js-kjt-notices")]
    form = (f"col=1&appid=1&webid=6&path=/&columnid={source.column_id}&sourceContentType=1"
            f"&unitid={source.unit_id}&permissiontype=0")
    target = ("http://kxjst.jiangsu.gov.cn/module/web/jpage/dataproxy.jsp"
              "?startrecord=46&endrecord=90&perpage=15")
    answer = sim.post_form(target, form)
    assert answer.status == 200 and f"<totalrecord>{len(paths)}</totalrecord>" in answer.text
    assert [HREF_RE.search(r)[1] for r in RECORD_RE.findall(answer.text)] == paths[44:90]
    assert sim.post_form(target.replace("/web/jpage/", "/jpage/"), form).status == 404  # Zhejiang's path


def test_article_body_appears_twice_with_publication_time(sim: SimClient) -> None:
    for article in sim.truth("js-mpa-notices")[:5]:
        assert article["url"].startswith("http://da.jiangsu.gov.cn/art/")
        page = sim.get(article["url"]).text
        stamp = article["published"][:19].replace("T", " ")
        assert page.count(f"发布时间：{stamp}") == 2 and page.count("<!--ZJEG_RSS.content.begin-->") == 2
        tree = lxml_html.fromstring(page)
        pc = tree.xpath("//div[@id='pc']//div[@id='zoom']")
        mobile = tree.xpath("//div[@id='sjd']//div[@id='zoom']")
        assert len(pc) == len(mobile) == 1 and pc[0].text_content() == mobile[0].text_content()
        text = "\n".join(p.text_content() for p in pc[0].iter("p"))
        assert text == article["body_text"]
        metas = {m.get("name"): m.get("content") for m in tree.iter("meta") if m.get("name")}
        assert metas["Url"] == article["url"] and metas["ContentSource"] == article["source"]
        assert html.unescape(metas["ArticleTitle"]) == article["title"]
