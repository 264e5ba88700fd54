"""Hanweb classic article pages, downloads, robots.txt, home pages and 404s as served."""

from __future__ import annotations

import html
import re
from typing import Any

import pytest
from lxml import html as lxml_html

from simulator.harness import SimClient
from simulator.sites import FEED, HANWEB_CLASSIC, SOURCES

# Zhejiang's Hanweb classic columns (and the feed's column, whose articles are Hanweb pages too).
ZJ_CLASSIC = [sid for sid, s in SOURCES.items()
              if s.host.endswith(".zj.gov.cn") and s.family in (HANWEB_CLASSIC, FEED)]

ZOOM_RE = re.compile(
    r'<div id="zoom"><!--ZJEG_RSS\.content\.begin--><meta name="ContentStart">(.*?)'
    r'<meta name="ContentEnd"><!--ZJEG_RSS\.content\.end--></div>', re.DOTALL)



def _sample(sim: SimClient, source_id: str) -> list[dict[str, Any]]:
    articles = sim.truth(source_id)
    special = [a for a in articles if a["doc_number"] or a["attachments"] or a["comment_deadline"]][:6]
    return articles[:3] + special


def _metas(page: str) -> dict[str, str]:
    tree = lxml_html.fromstring(page.encode("utf-8"))
    return {m.get("name"): m.get("content") for m in tree.iter("meta") if m.get("name")}


@pytest.mark.parametrize("source_id", ZJ_CLASSIC)
def test_article_pages_match_truth(sim: SimClient, source_id: str) -> None:
    for article in _sample(sim, source_id):
        answer = sim.get(article["url"])
        assert answer.status == 200
        assert answer.headers["Content-Type"] == "text/html"  # no charset, like kjt.zj
        page = answer.text
        metas = _metas(page)
        assert metas["ArticleTitle"] == article["title"]
        assert metas["PubDate"] == article["published"][:16].replace("T", " ")
        assert metas["ContentSource"] == article["source"]
        assert metas["Url"] == article["url"]
        for name in ("SiteName", "SiteDomain", "SiteIDCode", "ColumnName", "ColumnType", "Keywords", "Author",
                     "Description"):
            assert name in metas
        stamp = article["published"][:19].replace("T", " ")
        assert f"发布日期：{stamp}" in page
        assert f"信息来源：<!--<$[信息来源]>begin-->{article['source']}<!--<$[信息来源]>end-->" in page
        zoom = ZOOM_RE.search(page)
        assert zoom, "body markers missing"
        paragraphs = [lxml_html.fromstring(p).text_content() for p in re.findall(r"<p[^>]*>.*?</p>", zoom[1])]
        assert "\n".join(paragraphs) == article["body_text"]
        if article["doc_number"]:
            assert article["doc_number"] in page
        for attachment in article["attachments"]:
            path = attachment["url"].split(".gov.cn", 1)[1].replace("&", "&amp;")
            assert f'<a href="{path}" target="_blank">{attachment["name"]}</a>' in page
        assert "浏览次数" in page and "分享到" in page


def test_kjt_layout_details(sim: SimClient) -> None:
    policies = sim.truth("zj-kjt-policy")
    page = sim.get(policies[0]["url"]).text
    assert '<span class="fbrq">发布日期：' in page and 'class="article-conter"' in page
    in_table = [a for a in policies if a["doc_number"] and not a["body_text"].startswith(a["doc_number"])]
    assert in_table, "some policy pages carry the 文号 in the info table only"
    table_page = sim.get(in_table[0]["url"]).text
    assert re.search(r'<td class="label">文号：</td><td>' + re.escape(in_table[0]["doc_number"]), table_page)
    in_body = [a for a in policies if a["doc_number"] and a["body_text"].startswith(a["doc_number"])]
    assert in_body and '<p style="text-align: center;">' in sim.get(in_body[0]["url"]).text


def test_wrong_urls_answer_404(sim: SimClient) -> None:
    article = sim.truth("zj-kjt-notices")[0]
    path = article["url"].split(".gov.cn", 1)[1]
    day = int(path.split("/")[4])
    wrong_day = re.sub(r"^/art/(\d+)/(\d+)/\d+/", lambda m: f"/art/{m[1]}/{m[2]}/{day % 28 + 1}/", path)
    assert sim.get(f"/kjt.zj.gov.cn{wrong_day}").status == 404
    assert sim.get(f"/kjt.zj.gov.cn{path.replace(str(article['id']), '1')}").status == 404
    assert sim.get(f"/mpa.zj.gov.cn{path}").status == 404  # the column lives on the other host
    assert sim.get("/kjt.zj.gov.cn/col/col1/index.html").status == 404
    assert sim.get("/kjt.zj.gov.cn/no/such/page.html").status == 404
    assert sim.get("/www.example.gov.cn/index.html").status == 404


def test_attachments_download(sim: SimClient) -> None:
    attachments = [att for sid in SOURCES for a in sim.truth(sid) for att in a["attachments"]]
    by_ext = {att["name"].rsplit(".", 1)[1]: att for att in attachments}
    pdf = sim.get(by_ext["pdf"]["url"])
    assert pdf.status == 200 and pdf.headers["Content-Type"] == "application/pdf"
    assert pdf.body.startswith(b"%PDF")
    docx = sim.get(by_ext["docx"]["url"])
    assert docx.body.startswith(b"PK") and "wordprocessingml" in docx.headers["Content-Type"]
    assert "filename*=UTF-8''" in docx.headers["Content-Disposition"]
    assert sim.get("/kjt.zj.gov.cn/module/download/downfile.jsp?classid=0&filename=00.pdf").status == 404
    assert sim.get("/kjt.zj.gov.cn/attach/-1/1.docx").status == 404


def test_robots_home_and_index(sim: SimClient) -> None:
    robots = sim.get("/kjt.zj.gov.cn/robots.txt")
    assert robots.status == 200 and "User-agent: *" in robots.text and "Allow: /" in robots.text
    home = sim.get("/mpa.zj.gov.cn/")
    assert home.status == 200 and "/col/col1228972439/index.html" in home.text
    index = sim.get("/")
    assert index.status == 200
    for source_id, source in SOURCES.items():
        assert source_id in index.text and html.escape(f"/{source.host}{source.column_path}") in index.text
