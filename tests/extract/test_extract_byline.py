"""The byline under the title: publication date (byline, then meta tags, <time>, URL, never a sidebar, footer or
clock), 来源 (a reprint names its origin) and authors; attribute debris never leaks into a value."""

from __future__ import annotations

from datetime import datetime

import pytest

from crawler.extract.authors import clean_author, credit_line_authors, dateline_authors, sign_off_authors
from crawler.extract.dates import SHANGHAI
from crawler.extract.fields import extract_fields
from crawler.extract.values import clean_field_value

URL = "http://news.example.com/a/12345.html"
URL_WITH_DATE = "http://www.example.gov.cn/xwzx/202405/t20240509_1234.html"
TITLE = "某地举行科技成果发布会"
TEXT = "<p>本报讯 某地昨日举行科技成果发布会，发布了一批重要成果，涉及多个领域。</p><p>会议要求各单位抓好落实。</p>"
SIDEBAR = ('<div class="side"><h3>热点新闻</h3><ul><li><a href="/1.html">另一条新闻的标题</a> 2018-03-02 08:58</li>'
           '<li><a href="/2.html">又一条新闻的标题</a> 2018-03-01 14:40</li></ul></div>')
CLOCK = '<div class="top">今天是2026年12月7日 星期一</div>'
FOOTER = '<div class="footer">Copyright © 2003-2019 某某网 版权所有</div>'


def cn(*parts: int) -> datetime:
    return datetime(*parts, tzinfo=SHANGHAI)  # type: ignore[misc]


def page(byline: str = "", head: str = "", text: str = TEXT, before: str = "", after: str = "") -> str:
    return (f"<html><head><title>{TITLE}_某某网</title>{head}</head><body>{CLOCK}{before}<h1>{TITLE}</h1>"
            f'<div class="info">{byline}</div><div class="article">{text}</div>{after}{FOOTER}</body></html>')


@pytest.mark.parametrize(
    ("html", "url", "expected"),
    [
        # The date beside the title, unlabelled, with the source link next to it; the sidebar's dates come first
        # in the page and the clock earlier still, and neither is taken.
        (page('2019-09-26 10:56:28 <a href="http://x.com">证券时报网</a>', before=SIDEBAR), URL, cn(2019, 9, 26, 10, 56, 28)),
        (page("<span>时间：</span><span>2019年10月31日 23:00</span>"), URL, cn(2019, 10, 31, 23, 0)),
        # No byline date: the publication meta tags, then <time>, then the URL.
        (page("来源：某某网", head='<meta property="article:published_time" content="2019-09-07T09:59:22+08:00">',
              before=SIDEBAR), URL, cn(2019, 9, 7, 9, 59, 22)),
        (page("来源：某某网", head='<meta name="firstpublishedtime" content="2007-08-20-23:59:59">'), URL, cn(2007, 8, 20)),
        (page("来源：某某网", before=SIDEBAR, after='<p><time datetime="2020-01-02T03:04">1月2日</time></p>'), URL,
         cn(2020, 1, 2, 3, 4)),
        (page("来源：某某网", before=SIDEBAR), URL_WITH_DATE, cn(2024, 5, 9)),
        (page("来源：某某网", before=SIDEBAR), URL, None),
        # A 题注 under the title is the adoption date, not the publication's.
        (page("（2007年6月29日第十届全国人民代表大会常务委员会第二十八次会议通过）"), URL_WITH_DATE, cn(2024, 5, 9)),
        # A byline without its year takes it from a full date that falls on the same day.
        (page("发布时间：10-08 12:00", head='<meta itemprop="dateUpdate" content="2019-10-08 12:00:57">'), URL,
         cn(2019, 10, 8, 12, 0)),
        # The byline's date beats a meta tag that disagrees (a re-published page).
        (page("发布日期：2025-08-20 20:00", head='<meta name="PubDate" content="2025-09-10 10:29">'), URL,
         cn(2025, 8, 20, 20, 0)),
    ],
)
def test_published(html: str, url: str, expected: datetime | None) -> None:
    assert extract_fields(html, url).published == expected


def test_a_labelled_date_away_from_the_title_loses_to_the_meta() -> None:
    html = page("", head='<meta name="PubDate" content="2024-05-09 10:00">',
                after='<div class="rel"><p>发布时间：2023-01-01</p></div>')
    fields = extract_fields(html, URL)
    assert fields.published == cn(2024, 5, 9, 10, 0)
    assert any("meta" in note for note in fields.notes)


@pytest.mark.parametrize(
    ("byline", "head", "text", "expected"),
    [
        # A reprint names its origin in the byline; the ContentSource meta names the site's owner.
        ("来源：新华网", '<meta name="ContentSource" content="某某市人民政府"><meta name="SiteName" content="某某市人民政府">',
         TEXT, "新华网"),
        # …or only at the body's end.
        ("发布日期：2024-05-09", '<meta name="ContentSource" content="某某部"><meta name="SiteName" content="中华人民共和国某某部">',
         TEXT + "<p>（来源：中国政府网）</p>", "中国政府网"),
        # A ContentSource that is not the site's owner stands.
        ("发布日期：2024-05-09", '<meta name="ContentSource" content="某某日报"><meta name="SiteName" content="某某市人民政府">',
         TEXT + "<p>（来源：中国政府网）</p>", "某某日报"),
        # Marked by class, or a link alone beside the date; buttons after the value are not part of it.
        ('<span class="date">2019年11月25日 18:57</span><a class="source" href="#">参考消息</a>', "", TEXT, "参考消息"),
        ('2019-09-07 09:59:22　来源: <a href="#">新京报</a> <a href="#">举报</a>', "", TEXT, "新京报"),
        ("来源: | 发布时间: 2018-05-17 | 浏览次数: 2168", "", TEXT, None),  # an empty label
    ],
)
def test_source(byline: str, head: str, text: str, expected: str | None) -> None:
    assert extract_fields(page(byline, head, text), URL).source == expected


@pytest.mark.parametrize(
    ("byline", "head", "text", "expected"),
    [
        ("2019-09-26 12:11 <span>来源：证券时报网</span><span>作者：李在山</span>", "", TEXT, "李在山"),
        ('<p class="author-name">加拿大必读</p><span>发布时间：10-08 12:00</span>', "", TEXT, "加拿大必读"),
        ("作者：网络整理", "", TEXT, None),  # names nobody
        ("来源：新华社 作者： 2023-12-01 14:43", "", TEXT, None),  # an empty label takes nothing from the next
        ("责任编辑：王五", "", TEXT, None),  # an editor is not the author
        ("", '<meta name="Author" content="办公室终审">', TEXT, None),  # the CMS account in the Author meta
        # A hidden block for crawlers repeats the byline with the editor as 作者.
        ('<div style="display:none"><span>作者：陈海峰</span></div>2020年07月04日 12:10 来源：求是网', "",
         TEXT + "<p>(作者：方敏北京大学经济学院教授)</p><p>【编辑:陈海峰】</p>", "方敏"),
        # Names in the body's own lines: a credit line, a dateline, a closing sign-off.
        ("", "", "<p>执笔/叨叨姐、胡一刀&amp;李小飞刀</p>" + TEXT, "叨叨姐 胡一刀 李小飞刀"),
        ("", "", "<p>澎湃新闻记者 段彦超 廖艳</p>" + TEXT, "段彦超 廖艳"),
        ("", "", "<p>新华社巴黎12月9日电（记者唐霁）法国9日再次爆发全国跨行业大罢工。</p><p>交通受到影响。</p>", "唐霁"),
        ("", "", TEXT + "<p>南美站活动将先后在巴西、乌拉圭、阿根廷举行。（张巨峰）</p>", "张巨峰"),
        ("", "", TEXT + "<p>总体投资结构趋稳趋优。（德清县发改局）</p>", None),  # an office, not a person
    ],
)
def test_author(byline: str, head: str, text: str, expected: str | None) -> None:
    assert extract_fields(page(byline, head, text), URL).author == expected


def test_credit_lines_leave_the_body() -> None:
    html = page("2019-09-26 12:11", text="<p>澎湃新闻记者 段彦超 廖艳</p>" + TEXT + "<p>作者：上官云 宋宇晟</p><p>（责任编辑：周雁）</p>")
    body = extract_fields(html, URL).body_text
    assert body.startswith("本报讯") and body.endswith("会议要求各单位抓好落实。")


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ('新华网" size="20"', "新华网"),
        ('<font size="20">新华网</font>', "新华网"),
        ('size="20">新华网', "新华网"),
        ("新京报 举报", "新京报"),
        ("求是网 参与互动", "求是网"),
        ("|", None),
        ("举报", None),
        ("", None),
    ],
)
def test_field_values_lose_markup_debris(raw: str, expected: str | None) -> None:
    assert clean_field_value(raw) == expected


def test_attribute_debris_in_a_hanweb_marker_never_reaches_source_or_author() -> None:
    marker = '<!--<$[信息来源]>begin-->浙江省科技厅<font size="20" <!--<$[信息来源]>end-->'
    html = page(f"<span>信息来源：{marker}</span><span>作者：张三 size=\"20\"</span>")
    fields = extract_fields(html, URL)
    assert (fields.source, fields.author) == ("浙江省科技厅", "张三")


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("张三 李四", "张三 李四"),
        ("张三、李四", "张三 李四"),
        ("本报记者 张三", "张三"),
        ("记者陈智 整合", "陈智"),
        ("方敏北京大学经济学院教授", "方敏"),
        ("王小明中国人民大学教授", "王小明"),
        ("佚名", None),
        ("admin", None),
        ("104363", None),
    ],
)
def test_clean_author(value: str, expected: str | None) -> None:
    assert clean_author(value) == expected


def test_body_line_helpers() -> None:
    assert credit_line_authors("文/图 刘玺东 易赛楠") == "刘玺东 易赛楠"
    assert credit_line_authors("《棱镜》作者 周纯") == "周纯"
    assert credit_line_authors("为深入推进党建工作，记者走访了多个单位。") is None
    assert dateline_authors("长江网10月4日讯（记者陈智 整合） 国庆中秋长假过半") == "陈智"
    assert dateline_authors("本站讯（职工通讯员 李琴雯 刘会）为深入推进") is None  # correspondents are not 记者
    assert sign_off_authors("需要。(文/图 刘玺东 易赛楠)") == "刘玺东 易赛楠"
    assert sign_off_authors("全文完。（完）") is None
    assert sign_off_authors("据报道。（新华社）") is None


@pytest.mark.parametrize(
    ("byline", "head", "expected"),
    [
        # Parts separated by bars, labels followed by a space instead of a colon.
        ("发表于 2014-08-24 21:30 | 1164次阅读 | 来源 CSDN | 0 条评论 | 作者 魏星", "",
         (cn(2014, 8, 24, 21, 30), "CSDN", "魏星")),
        # Two digits of the year, completed by the meta tag that falls on the same day (or standing alone).
        ("发布时间：18-03-08 23:16", '<meta itemprop="dateUpdate" content="2018-03-08 23:16:24">',
         (cn(2018, 3, 8, 23, 16), None, None)),
        ("发布时间：18-03-08 23:16", "", (cn(2018, 3, 8, 23, 16), None, None)),
        # A publication meta under a name of the CMS's own.
        ("", '<meta name="apub:time" content="2019-9-7 21:30:50">', (cn(2019, 9, 7, 21, 30, 50), None, None)),
        # The source element holding its own label, the byline's date run into the 来源 value.
        ('<span class="source">本文来源于 北京商报</span> 2024-05-20 09:47:48', "", (cn(2024, 5, 20, 9, 47, 48), "北京商报", None)),
        ("来源： 人民日报 2024-05-13 08:49", "", (cn(2024, 5, 13, 8, 49), "人民日报", None)),
        # The outlet named as 作者 beside the same 来源 is not an author; a name padded with a space is one name.
        ('2024年05月16日 17:02 <a class="source" href="#">新京报</a> 作者：新京报', "", (cn(2024, 5, 16, 17, 2), "新京报", None)),
        ("作者：王乐文 方 敏", "", (None, None, "王乐文 方敏")),
        # A badge where a source would be is none.
        ('<span class="source">原创</span>', "", (None, None, None)),
    ],
)
def test_byline_forms(byline: str, head: str, expected: tuple[datetime | None, str | None, str | None]) -> None:
    fields = extract_fields(page(byline, head), URL)
    published, source, author = expected
    assert fields.published == published
    assert fields.source == source
    assert fields.author == author


def test_readers_comments_and_a_counter_sharing_the_body_class_never_hold_the_body() -> None:
    comments = "".join(f"<li class='comment-item'><p>网友评论第{i}条，内容很长很长，比正文还要长很多很多很多。</p></li>" for i in range(12))
    html = (f"<html><head><title>{TITLE}_某某网</title></head><body><h1>{TITLE}</h1>"
            '<a class="comment-count"><div class="text">2819</div></a>'
            f'<div class="main">{TEXT}</div><div class="gc-comment"><ul>{comments}</ul></div></body></html>')
    assert extract_fields(html, URL).body_text.startswith("本报讯")
