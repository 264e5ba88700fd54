"""Anhui's Lonsun lists (pinned rows, Ls.pagination, off-site links); Beijing's GBK JavaScript-array list."""

from __future__ import annotations

import re

import pytest
from lxml import html as lxml_html

from simulator.harness import SimClient
from tests.simulator.simkit import ARRAY_RE

ANHUI = "https://mpa.ah.gov.cn/xwzx/tzgg/index.html"
BEIJING = "https://kw.beijing.gov.cn/col/col2384/"


def test_lonsun_first_page_pinned_rows_and_pager(sim: SimClient) -> None:
    page = sim.get(ANHUI).text
    rows = lxml_html.fromstring(page).xpath("//ul[starts-with(@class, 'doc_list')]/li[not(@class='lm_line')]")
    assert len(rows) == 15
    dates = [r.findtext("span[@class='right date']") for r in rows]
    # Pinned rows sit above the dated order, as on anhui_list.html.
    assert dates != sorted(dates, reverse=True)
    assert dates[2:] == sorted(dates[2:], reverse=True)
    assert page.count('<li class="lm_line"></li>') == 3
    truth = sim.get("/_sim/truth?source=ah-mpa-notices").json()
    total = len(truth["sources"]["ah-mpa-notices"]) + len(truth["non_articles"]["ah-mpa-notices"])
    pager = re.search(r"Ls\.pagination\(\"#page_6785921\".*?total: (\d+),.*?currPage: \(0\+1\),"
                      r"\s*pageCount:(\d+)",
                      page, re.DOTALL)
    assert pager and int(pager[1]) == total and int(pager[2]) == -(-total // 15)
    assert "location.href = 'https://mpa.ah.gov.cn/content/column/6785921?pageIndex=' + pageIndex;" in page


def test_lonsun_later_pages_and_off_site_entries(sim: SimClient) -> None:
    second = sim.get("https://mpa.ah.gov.cn/content/column/6785921?pageIndex=2").text
    assert "currPage: (1+1)" in second
    links = lxml_html.fromstring(second).xpath("//ul[starts-with(@class, 'doc_list')]/li/a/@href")
    assert len(links) == 15 and all(link.startswith("https://") for link in links)
    extras = sim.get("/_sim/truth?source=ah-mpa-notices").json()["non_articles"]["ah-mpa-notices"]
    assert len(extras) >= 10
    assert all(e["url"].startswith("https://www.chp.org.cn/#/newsDetail?id=") for e in extras)
    past = sim.get("https://mpa.ah.gov.cn/content/column/6785921?pageIndex=40").text
    assert not lxml_html.fromstring(past).xpath("//ul[starts-with(@class, 'doc_list')]/li/a")


def test_lonsun_article_is_word_pasted(sim: SimClient) -> None:
    article = sim.truth("ah-mpa-notices")[0]
    assert re.fullmatch(r"https://mpa\.ah\.gov\.cn/xwzx/tzgg/\d{9}\.html", article["url"])
    page = sim.get(article["url"]).text
    assert 'class="MsoNormal"' in page and "<o:p>" in page and "&nbsp;" in page
    assert f"<span>发布日期：{article['published'][:16].replace('T', ' ')}</span>" in page
    body = page.split('<meta name="ContentStart"/>', 1)[1].split('<meta name="ContentEnd"/>', 1)[0]
    paragraphs = [lxml_html.fromstring(p).text_content().replace("\xa0", "").strip()
                  for p in re.findall(r"<p .*?</p>", body)]
    assert "\n".join(p for p in paragraphs if p) == article["body_text"]


def test_beijing_list_is_gbk_with_the_charset_only_in_a_meta_tag(sim: SimClient) -> None:
    answer = sim.get(BEIJING + "index.html")
    assert answer.headers["Content-Type"] == "text/html"  # no charset parameter
    with pytest.raises(UnicodeDecodeError):
        answer.body.decode("utf-8")
    assert b'<meta charset="gbk">' in answer.body[:200]
    text = answer.body.decode("gb18030")
    truth = sim.truth("bj-kw-notices")
    entries = ARRAY_RE.findall(text)
    assert [href for _, href, _ in entries] == [a["url"].split(".gov.cn", 1)[1] for a in truth[:20]]
    first = truth[0]["published"]
    assert f"year[0]='{first[:4]}';month[0]='{first[5:7]}';day[0]='{first[8:10]}';" in text
    assert 'createPageHTML(' in text and sim.get(BEIJING + "index_1.html").status == 200


def test_beijing_article_is_gbk_too(sim: SimClient) -> None:
    article = sim.truth("bj-kw-notices")[3]
    answer = sim.get(article["url"])
    assert answer.headers["Content-Type"] == "text/html"
    assert b'<meta http-equiv="Content-Type" content="text/html; charset=gbk">' in answer.body
    text = answer.body.decode("gb18030")
    assert article["title"] in text and "<!--ZJEG_RSS.content.begin-->" in text
    zoom = lxml_html.fromstring(text).xpath("//div[@id='zoom']")[0]
    assert "\n".join(p.text_content() for p in zoom.iter("p")) == article["body_text"]
