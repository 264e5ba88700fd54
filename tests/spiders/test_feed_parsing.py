"""RSS and Atom parsing with feedparser: links, titles, China-time dates, broken and empty feeds."""

from __future__ import annotations

from datetime import date

import pytest

from spiders.feed_parsing import FeedError, NotAFeed, parse_feed

FEED_URL = "https://kjt.zj.gov.cn/module/rss/rssfeed.jsp?colid=1228971342"

RSS = """<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>浙江省科学技术厅 工作动态</title><link>https://kjt.zj.gov.cn/</link>
<item><title>省科技厅召开 2025 年工作会议</title><link>https://kjt.zj.gov.cn/art/2025/1/6/art_1228971342_1.html</link>
<pubDate>Mon, 06 Jan 2025 18:30:00 GMT</pubDate></item>
<item><title><![CDATA[关于《脑机接口》专项的通知]]></title><link>/art/2025/1/3/art_1228971342_2.html</link>
<pubDate>2025-01-03 10:00:00</pubDate></item>
<item><title>无链接条目</title></item>
</channel></rss>"""

ATOM = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>RSSHub 国家药监局 公告通告</title><id>urn:x</id>
<updated>2025-02-01T00:00:00Z</updated>
<entry><title>国家药监局关于发布某标准的公告</title><id>urn:1</id>
<link rel="alternate" href="https://www.nmpa.gov.cn/xxgk/ggtg/20250201090000123.html"/>
<published>2025-02-01T09:00:00+08:00</published><updated>2025-02-02T09:00:00+08:00</updated></entry>
<entry><title>只有更新时间</title><id>urn:2</id><link href="https://www.nmpa.gov.cn/xxgk/ggtg/2.html"/>
<updated>2025-01-31T20:00:00Z</updated></entry>
</feed>"""


def test_rss_items_with_rfc822_and_plain_dates() -> None:
    feed = parse_feed(RSS.encode() + b"\r\n", FEED_URL)
    assert feed.title == "浙江省科学技术厅 工作动态" and feed.problem is None and not feed.cut_off
    assert [(e.url, e.date) for e in feed.entries] == [
        # 18:30 GMT on the 6th is the 7th in China.
        ("https://kjt.zj.gov.cn/art/2025/1/6/art_1228971342_1.html", date(2025, 1, 7)),
        ("https://kjt.zj.gov.cn/art/2025/1/3/art_1228971342_2.html", date(2025, 1, 3)),
    ]
    assert feed.entries[1].title == "关于《脑机接口》专项的通知"


def test_atom_entries_published_or_updated() -> None:
    feed = parse_feed(ATOM.encode(), "https://rsshub.example.org/nmpa/ggtg")
    assert [(e.title, e.date) for e in feed.entries] == [
        ("国家药监局关于发布某标准的公告", date(2025, 2, 1)),
        ("只有更新时间", date(2025, 2, 1)),  # 20:00 UTC on the 31st is 04:00 on the 1st in China
    ]
    assert feed.entries[0].url == "https://www.nmpa.gov.cn/xxgk/ggtg/20250201090000123.html"


def test_gbk_declared_feed() -> None:
    body = RSS.replace('encoding="UTF-8"', 'encoding="GBK"').encode("gbk")
    assert parse_feed(body, FEED_URL).entries[0].title == "省科技厅召开 2025 年工作会议"


def test_well_formed_feed_without_items_is_zero_entries() -> None:
    body = b'<?xml version="1.0"?><rss version="2.0"><channel><title>t</title></channel></rss>'
    feed = parse_feed(body, FEED_URL)
    assert feed.entries == [] and feed.problem is None


def test_slightly_broken_feed_still_reads_with_the_problem_noted() -> None:
    body = RSS.replace("</channel></rss>", "<item><title>坏&nbsp;条目</title></channel>").encode()
    feed = parse_feed(body, FEED_URL)
    assert len(feed.entries) >= 2 and feed.problem


def test_feed_cut_off_midway_reads_its_first_entries_and_says_so() -> None:
    whole = RSS.encode()
    feed = parse_feed(whole[: whole.index("<item><title>无链接条目".encode())], FEED_URL)
    assert feed.cut_off and feed.problem and [e.title for e in feed.entries] == [
        "省科技厅召开 2025 年工作会议", "关于《脑机接口》专项的通知"]
    assert not parse_feed(ATOM.encode(), FEED_URL).cut_off


@pytest.mark.parametrize(
    "body",
    [
        b"<!DOCTYPE html><html><body><ul><li><a href='/a.html'>\xe9\x80\x9a\xe7\x9f\xa5</a></li></ul></body></html>",
        b"",
        b"https://example.org/feed.xml",  # bytes are never fetched as a URL
    ],
)
def test_no_feed_at_all_is_not_a_feed(body: bytes) -> None:
    with pytest.raises(NotAFeed, match="answers no RSS or Atom feed"):
        parse_feed(body, FEED_URL)


def test_broken_feed_raises_with_feedparsers_reason() -> None:
    body = b'<?xml version="1.0"?><rss version="2.0"><channel><item><title>x</ti'
    with pytest.raises(FeedError, match="does not parse as RSS or Atom: ") as caught:
        parse_feed(body, FEED_URL)
    assert not isinstance(caught.value, NotAFeed)
