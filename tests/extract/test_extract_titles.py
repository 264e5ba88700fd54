"""Titles: the visible text agreeing with <title>, og:title and the list title, never a site name or a suffix;
subtitles kept apart."""

from __future__ import annotations

import pytest

from crawler.extract.fields import extract_fields
from crawler.extract.title_candidates import Reference

URL = "http://www.example.gov.cn/art/2024/5/9/art_1_2.html"
TEXT = "<p>为贯彻落实有关部署，现将有关事项通知如下，请认真贯彻执行。</p><p>特此通知。</p>"


def page(head: str, body: str) -> str:
    return f"<html><head>{head}</head><body>{body}</body></html>"


@pytest.mark.parametrize(
    ("html", "expected"),
    [
        # <title> carries the site's name after a separator; the page shows the title alone.
        (page("<title>关于开展科技活动周的通知－某某市科学技术委员会</title>",
              f'<div class="bt">关于开展科技活动周的通知</div><div class="con">{TEXT}</div>'),
         "关于开展科技活动周的通知"),
        (page("<title>关于开展科技活动周的通知_通知公告_某某市科学技术委员会</title>",
              f'<table><tr><td class="tit">关于开展科技活动周的通知</td></tr></table><div>{TEXT}</div>'),
         "关于开展科技活动周的通知"),
        # The most prominent heading is the department's name; the title is the text agreeing with <title>.
        (page("<title>关于开展科技活动周的通知 - 某某省科学技术厅</title>",
              '<div class="header"><h1>某某省科学技术厅</h1></div>'
              f'<div class="article"><span class="ti">关于开展科技活动周的通知</span>{TEXT}</div>'),
         "关于开展科技活动周的通知"),
        # The site's name in front: "网站名--标题".
        (page("<title>某某资讯网--联合国报告称全球经济增长放缓</title>",
              '<h1>某某资讯网，权威资讯网站</h1>'
              f'<div class="title-text">联合国报告称全球经济增长放缓</div><div>{TEXT}</div>'),
         "联合国报告称全球经济增长放缓"),
        # A title spread over lines with <br> inside the body, the 题注 after it in the same paragraph.
        (page("<title>某某委员会关于批准某项议案的决议__公报_某某网</title>",
              '<div class="pages_content"><p align="center"><strong>某某委员会<br>'
              "关于批准某项议案的决议</strong><br>（2007年6月29日某某委员会第二十八次会议通过）</p>"
              "<p>某某委员会第二十八次会议审议了议案，决定批准。</p></div>"),
         "某某委员会关于批准某项议案的决议"),
        # Nothing on the page agrees: <title>'s leading segment.
        (page("<title>关于开展科技活动周的通知 - 某某省科学技术厅</title>", f"<div>{TEXT}</div>"),
         "关于开展科技活动周的通知"),
        # <title> names only the column and the site: the heading right before the body.
        (page("<title>新闻动态--某某学会官网</title>",
              '<div class="nav"><a href="/">首页</a><a href="/news">新闻动态</a></div>'
              f'<h5>某某学会年会在某地成功举行</h5><div class="detailCon">{TEXT}</div>'),
         "某某学会年会在某地成功举行"),
        # A breadcrumb heading never wins.
        (page("<title>关于开展科技活动周的通知-某某网</title>",
              '<h2 class="crumbs">首页 > 通知公告 ></h2>'
              f'<div class="title">关于开展科技活动周的通知</div><div>{TEXT}</div>'),
         "关于开展科技活动周的通知"),
        # A <title> cut short: the heading that continues it.
        (page("<title>关于开展2024年度医疗器械飞行检查...</title>",
              f"<h1>关于开展2024年度医疗器械飞行检查工作的通知</h1><div>{TEXT}</div>"),
         "关于开展2024年度医疗器械飞行检查工作的通知"),
        # og:title agrees with the visible headline when <title> is the site's name only.
        (page('<title>某某新闻网</title><meta property="og:title" content="某地举行科技成果发布会">',
              f"<div class='t'>某地举行科技成果发布会</div><div>{TEXT}</div>"),
         "某地举行科技成果发布会"),
    ],
)
def test_title_is_the_visible_segment_of_title(html: str, expected: str) -> None:
    assert extract_fields(html, URL).title == expected


def test_the_list_title_is_a_reference_too() -> None:
    html = page("<title>某某市科学技术局</title>",
                f"<h1>某某市科学技术局</h1><p class='x'>关于征集2025年度科技项目的通知</p><div>{TEXT}</div>")
    assert extract_fields(html, URL).title == "某某市科学技术局"
    assert extract_fields(html, URL, title_hint="关于征集2025年度科技项目的通知").title == "关于征集2025年度科技项目的通知"


def test_the_headline_before_a_copy_inside_the_body_holds_the_byline() -> None:
    html = page("<title>关于开展科技活动周的通知_某某网</title>",
                '<h1>关于开展科技活动周的通知</h1><div class="info">发布日期：2024-05-09 来源：某某局</div>'
                f'<div id="zoom"><p>关于开展科技活动周的通知</p>{TEXT}</div>')
    fields = extract_fields(html, URL)
    assert (fields.title, fields.source) == ("关于开展科技活动周的通知", "某某局")
    assert fields.body_text.startswith("为贯彻落实")


@pytest.mark.parametrize(
    ("reference", "candidate", "weight"),
    [
        ("标题－某某委员会", "标题", 0.9),
        ("标题_栏目_网站名", "标题", 0.9),
        ("网站名--标题", "标题", 0.8),
        ("标题_栏目_网站名", "栏目", 0.6),
        ("标题 东区办事处_某某网", "标题", 0.9),
        ("中华人民共和国某某法-某某", "中华人民", 0.0),  # not a whole segment
        ("关于开展检查工作的...", "关于开展检查工作的通知", 0.7),
    ],
)
def test_segment_agreement(reference: str, candidate: str, weight: float) -> None:
    assert Reference.of(reference).agreement(candidate)[0] == weight


@pytest.mark.parametrize(
    ("body", "subtitle"),
    [
        ("<h2>某省品牌推介行正式启动</h2><h3>成功举办双向经贸投资洽谈会</h3>", "成功举办双向经贸投资洽谈会"),
        ('<div><h1>某省品牌推介行正式启动</h1><p class="sub-title">成功举办双向经贸投资洽谈会</p></div>',
         "成功举办双向经贸投资洽谈会"),
        ("<table><tr><td>标题</td><td>某省品牌推介行正式启动</td></tr>"
         "<tr><td>副标题</td><td>成功举办双向经贸投资洽谈会</td></tr></table>", "成功举办双向经贸投资洽谈会"),
        # The heading after the title is a byline, not a subtitle.
        ("<h2>某省品牌推介行正式启动</h2><h3>发布时间：2019-09-18</h3>", None),
        ("<h1>某省品牌推介行正式启动</h1><div class='info'>来源：某某日报</div>", None),
    ],
)
def test_subtitle_is_found_and_kept_out_of_the_title(body: str, subtitle: str | None) -> None:
    html = page("<title>某省品牌推介行正式启动 - 某省人民政府门户网站</title>",
                f"<div class='main'>{body}<div class='TRS_Editor'>{TEXT}</div></div>")
    fields = extract_fields(html, URL)
    assert fields.title == "某省品牌推介行正式启动"
    assert fields.subtitle == subtitle
    assert fields.to_json()["subtitle"] == subtitle
