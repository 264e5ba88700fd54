"""The old Hanweb per-column RSS feed of kjt.zj's work news: RSS 2.0 of the newest 50 Hanweb articles."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from email.utils import parsedate_to_datetime

from simulator.harness import SimClient

FEED = "https://kjt.zj.gov.cn/module/rss/rssfeed.jsp?colid=1228971342"
SOURCE = "zj-kjt-worknews-feed"


def test_feed_is_rss_of_the_newest_fifty(sim: SimClient) -> None:
    answer = sim.get(FEED)
    assert answer.status == 200 and answer.headers["Content-Type"].startswith("text/xml")
    channel = ET.fromstring(answer.body).find("channel")
    assert channel is not None
    assert channel.findtext("title") == "浙江省科学技术厅 工作动态"
    assert channel.findtext("link") == "https://kjt.zj.gov.cn/col/col1228971342/index.html"
    truth = sim.truth(SOURCE)
    assert len(truth) >= 100
    items = channel.findall("item")
    assert len(items) == 50
    for item, article in zip(items, truth, strict=False):
        assert item.findtext("title") == article["title"] and item.findtext("link") == article["url"]
        assert re.fullmatch(r"https://kjt\.zj\.gov\.cn/art/\d{4}/\d{1,2}/\d{1,2}/art_1228971342_\d+\.html",
                            item.findtext("link") or "")
        stamp = item.findtext("pubDate") or ""
        assert stamp.endswith(" +0800") and parsedate_to_datetime(stamp).isoformat() == article["published"]
        assert item.findtext("description")


def test_feed_items_are_hanweb_article_pages(sim: SimClient) -> None:
    article = sim.truth(SOURCE)[7]
    page = sim.get(article["url"]).text
    assert "<!--ZJEG_RSS.content.begin-->" in page and 'class="article-conter"' in page
    assert f'<meta name="ArticleTitle" content="{article["title"]}">' in page


def test_unknown_column_gives_an_empty_channel(sim: SimClient) -> None:
    answer = sim.get("https://kjt.zj.gov.cn/module/rss/rssfeed.jsp?colid=1")
    channel = ET.fromstring(answer.body).find("channel")
    assert answer.status == 200 and channel is not None and not channel.findall("item")
    assert sim.get("https://kjt.zj.gov.cn/module/rss/rssfeed.jsp?colid=abc").status == 200


def test_the_work_news_column_page_is_classic(sim: SimClient) -> None:
    page = sim.get("https://kjt.zj.gov.cn/col/col1228971342/index.html").text
    assert "<datastore>" in page and sim.truth(SOURCE)[0]["url"].split(".gov.cn")[1] in page
