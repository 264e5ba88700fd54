"""Guangdong: gdstc's one-based static lists and post_N pages; mpa.gd's gkmlpt JSON API and content pages."""

from __future__ import annotations

import re
from datetime import datetime

from lxml import html as lxml_html

from simulator.content import CHINA
from simulator.harness import SimClient

GDSTC = "https://gdstc.gd.gov.cn/zwgk_n/tzgg/"
API = "https://mpa.gd.gov.cn/gkmlpt/api/all/2849?page={page}&sid=755"


def test_gdstc_list_pages_are_one_based(sim: SimClient) -> None:
    first = sim.get(GDSTC + "index.html").text
    rows = lxml_html.fromstring(first).xpath("//ul[@class='list']/li")
    truth = sim.truth("gd-kjt-notices")
    assert len(rows) == 20 and rows[0].findtext("span[@class='time']") == truth[0]["published"][:10]
    assert rows[0].find("a").get("href") == truth[0]["url"]
    assert re.fullmatch(r"https://gdstc\.gd\.gov\.cn/zwgk_n/tzgg/content/post_\d{7}\.html", truth[0]["url"])
    assert 'href="index_2.html" class="next"' in first
    second_page = lxml_html.fromstring(sim.get(GDSTC + "index_2.html").text)
    second = second_page.xpath("//ul[@class='list']/li/a/@href")
    assert second == [a["url"] for a in truth[20:40]]
    assert sim.get(GDSTC + "index_1.html").status == 404
    pages = -(-len(truth) // 20)
    assert sim.get(GDSTC + f"index_{pages}.html").status == 200
    assert sim.get(GDSTC + f"index_{pages + 1}.html").status == 404


def test_gdstc_article(sim: SimClient) -> None:
    article = next(a for a in sim.truth("gd-kjt-notices") if a["attachments"])
    tree = lxml_html.fromstring(sim.get(article["url"]).text)
    assert tree.xpath("//h3[@class='zw-title']")[0].text_content() == article["title"]
    info = tree.xpath("//div[@class='zw-info']")[0].text_content()
    assert f"发布时间：{article['published'][:19].replace('T', ' ')}" in info
    body = tree.xpath("//div[@class='zw']")[0]
    assert "\n".join(p.text_content() for p in body.iter("p")) == article["body_text"]
    for attachment in article["attachments"]:
        assert re.fullmatch(r"https://gdstc\.gd\.gov\.cn/attachment/0/\d+/\d+/\d+\.\w+", attachment["url"])
        assert sim.get(attachment["url"]).status == 200


def test_gkmlpt_api_pages(sim: SimClient) -> None:
    truth = sim.truth("gd-mpa-gkmlpt")
    answer = sim.get(API.format(page=2))
    assert answer.status == 200 and answer.headers["Content-Type"].startswith("application/json")
    document = answer.json()
    assert document["total"] == len(truth) >= 100 and document["page"] == 2
    assert [a["url"] for a in document["articles"]] == [a["url"] for a in truth[20:40]]
    entry, article = document["articles"][0], truth[20]
    assert set(entry) == {"id", "identifier", "publisher", "created_at", "title", "url"}
    assert entry["identifier"] == article["index_number"] and entry["publisher"] == article["issuer"]
    assert datetime.fromtimestamp(entry["created_at"], CHINA).isoformat() == article["published"]
    assert re.fullmatch(r"https://mpa\.gd\.gov\.cn/gkmlpt/content/\d/\d{4}/post_\d{7}\.html", entry["url"])
    assert entry["url"].split("/")[-3] == str(entry["id"] // 1_000_000)
    assert sim.get(API.format(page=99)).json()["articles"] == []
    assert sim.get(API.format(page=1).replace("sid=755", "sid=1")).json()["total"] == 0
    assert sim.get("https://mpa.gd.gov.cn/gkmlpt/api/all/1?page=1&sid=755").status == 404


def test_gkmlpt_content_page_table(sim: SimClient) -> None:
    article = next(a for a in sim.truth("gd-mpa-gkmlpt") if a["doc_number"])
    tree = lxml_html.fromstring(sim.get(article["url"]).text)
    cells = [td.text_content() for td in tree.xpath("//table[@class='table-info']//td")]
    pairs = dict(zip(cells[::2], cells[1::2], strict=True))
    assert pairs["索引号："] == article["index_number"] and pairs["发布机构："] == article["issuer"]
    assert pairs["文号："] == article["doc_number"] and pairs["发布日期："] == article["published"][:10]
    assert {"分类：", "成文日期："} <= set(pairs)
    body = tree.xpath("//div[@class='article-content']")[0]
    assert "\n".join(p.text_content() for p in body.iter("p")) == article["body_text"]
