"""TRS WCM sites: MOST lists and xxgk articles; NMPA lists with (dates), PDFs, WeChat links, timestamp ids."""

from __future__ import annotations

import re
from urllib.parse import urljoin

import pytest
from lxml import html as lxml_html

from simulator.harness import SimClient
from tests.simulator.simkit import list_url

MOST_POLICY = "https://www.most.gov.cn/xxgk/xinxifenlei/fdzdgknr/fgzc/gfxwj/"
LABELS = ("标\u3000\u3000题：", "索 引 号：", "发文机构：", "成文日期：", "发布日期：", "发文字号：", "有\u3000效\u3000性：")


def _metas(tree: lxml_html.HtmlElement) -> dict[str, str]:
    return {m.get("name"): m.get("content") for m in tree.iter("meta") if m.get("name")}


def test_most_notice_list_pages(sim: SimClient) -> None:
    first = sim.get("https://www.most.gov.cn/tztg/index.html").text
    rows = lxml_html.fromstring(first).xpath("//ul[@class='info_list2']/li")
    assert len(rows) == 20
    link = rows[0].find("a")
    assert re.fullmatch(r"\./\d{6}/t\d{8}_\d{6}\.html", link.get("href"))
    pages = int(re.search(r'createPageHTML\((\d+), 0, "index", "html"\);', first)[1])
    assert pages >= 6
    assert sim.get(f"https://www.most.gov.cn/tztg/index_{pages - 1}.html").status == 200
    assert sim.get(f"https://www.most.gov.cn/tztg/index_{pages}.html").status == 404
    assert sim.get("https://www.most.gov.cn/tztg/index_0.html").status == 404
    shortened = [a for a in lxml_html.fromstring(first).xpath("//ul[@class='info_list2']/li/a")
                 if a.text_content().endswith("...")]
    assert all(a.get("title").startswith(a.text_content()[:-3]) for a in shortened)


def test_most_policy_list_uses_list_common_and_relative_links(sim: SimClient) -> None:
    page = sim.get(MOST_POLICY + "index.html").text
    rows = lxml_html.fromstring(page).xpath("//ul[@class='list_common']/li")
    assert rows and rows[0].xpath("./span[@class='mhide']") and rows[0].xpath("./span[@class='pchide']")
    href = rows[0].find("a").get("href")
    assert re.fullmatch(r"\./gfxwj\d{4}/\d{6}/t\d{8}_\d{6}\.html", href)
    assert urljoin(MOST_POLICY + "index.html", href) == sim.truth("cn-most-policy")[0]["url"]
    assert sim.get("https://www.most.gov.cn/robots.txt").status == 404  # as on the real site


def test_most_article_metadata_table_and_body(sim: SimClient) -> None:
    truth = sim.truth("cn-most-policy")
    article = next(a for a in truth if a["attachments"])
    page = sim.get(article["url"]).text
    tree = lxml_html.fromstring(page)
    table = tree.xpath("//table[contains(@class, 'xxgk_detail_table1')]")[0]
    labels = [b.text_content() for b in table.iter("b")]
    assert tuple(labels) == LABELS
    values = [td.text_content().strip() for td in table.iter("td")]
    assert {article["index_number"], article["issuer"], article["doc_number"]} <= set(values)
    assert re.fullmatch(r"国科(发[区资政监]|办发)(〔\d{4}〕|\[\d{4}\]|（\d{4}）)\d+号", article["doc_number"])
    published = article["published"]
    assert f"{published[:4]}年{published[5:7]}月{published[8:10]}日" in values
    editor = tree.xpath("//div[@id='Zoom']/div[contains(@class, 'trs_editor_view')"
                        " and contains(@class, 'TRS_UEDITOR')]")
    assert len(editor) == 1
    assert "\n".join(p.text_content().strip("\u3000") for p in editor[0].iter("p")) == article["body_text"]
    assert _metas(tree)["PubDate"] == published[:16].replace("T", " ")
    for attachment in article["attachments"]:
        name = attachment["url"].rsplit("/", 1)[1]
        assert re.fullmatch(r"W0\d{8}\d{12}\.\w+", name) and f'href="./{name}"' in page
        assert attachment["url"].rsplit("/", 1)[0] == article["url"].rsplit("/", 1)[0]
        assert sim.get(attachment["url"]).status == 200


def test_nmpa_list_dates_in_parentheses_pdfs_and_wechat(sim: SimClient) -> None:
    first = sim.get(list_url("cn-nmpa-announcements")).text
    rows = lxml_html.fromstring(first).xpath("//div[@class='list']/ul/li")
    assert len(rows) == 20 and re.fullmatch(r"\(\d{4}-\d{2}-\d{2}\)", rows[0].findtext("span"))
    assert re.fullmatch(r"\./(ypggtg|ylqxggtg|hzhpggtg|qtggtg)/\d{17}\.html", rows[0].find("a").get("href"))
    assert re.search(r"createPageHTML\('page_div',\d+,0,'index','html',\d+\);", first)
    truth = sim.get("/_sim/truth?source=cn-nmpa-announcements").json()
    extras = truth["non_articles"]["cn-nmpa-announcements"]
    pdfs = [e for e in extras if e["reason"] == "pdf"]
    assert pdfs and any(e["url"].startswith("https://mp.weixin.qq.com/") for e in extras)
    download = sim.get(pdfs[0]["url"])
    assert download.status == 200 and download.body.startswith(b"%PDF")


def test_nmpa_articles(sim: SimClient) -> None:
    truth = sim.truth("cn-nmpa-announcements")
    numbered = next(a for a in truth if a["doc_number"])
    for article in (truth[0], numbered):
        assert re.fullmatch(r"https://www\.nmpa\.gov\.cn/xxgk/ggtg/\w+/\d{17}\.html", article["url"])
        assert article["url"][-22:-14] == article["published"][:10].replace("-", "")
        tree = lxml_html.fromstring(sim.get(article["url"]).text)
        title = tree.xpath("//div[contains(@class, 'wenzhang')]/h2[@class='title']")[0]
        assert title.text_content().strip() == article["title"]
        date = tree.xpath("//div[@class='date']")[0].text_content().strip()
        assert date == f"发布时间：{article['published'][:10]}"
        text = tree.xpath("//div[@class='text']")[0]
        assert "\n".join(p.text_content() for p in text.iter("p")) == article["body_text"]
    cells = [td.text_content() for td in lxml_html.fromstring(sim.get(numbered["url"]).text).xpath("//td")]
    for label, value in (("索引号", numbered["index_number"]), ("文号", numbered["doc_number"])):
        assert cells[cells.index(label) + 1] == value
    assert "主题分类" in cells and "发布日期" in cells


@pytest.mark.parametrize("path", ["/xxgk/ggtg/index_99.html", "/xxgk/ggtg/ypggtg/20200101000000000.html"])
def test_nmpa_unknown_pages(sim: SimClient, path: str) -> None:
    assert sim.get(f"/www.nmpa.gov.cn{path}").status == 404
