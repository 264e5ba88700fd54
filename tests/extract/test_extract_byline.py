"""The byline under the title: publication date (byline, then meta tags, <time>, URL, never a sidebar, footer or
clock), 来源 (a reprint names its origin) and authors; attribute debris never leaks into a value."""

from __future__ import annotations

from datetime import datetime

import pytest

from crawler.extract.authors import clean_author, credit_line_authors, dateline_authors, sign_off_authors
from crawler.extract.fields import extract_fields
from crawler.extract.values import clean_field_value
from crawler.util.china_time import CHINA_TZ

URL = "http://news.example.com/a/12345.html"
URL_WITH_DATE = "http://www.example.gov.cn/xwzx/202405/t20240509_1234.html"
TITLE = "某地举行科技成果发布会"
TEXT = "<p>本报讯 某地昨日举行科技成果发布会，发布了一批重要成果，涉及多个领域。</p><p>会议要求各单位抓好落实。</p>"
SIDEBAR = ('<div class="side"><h3>热点新闻</h3><ul><li><a href="/1.html">另一条新闻的标题</a> 2018-03-02 08:58</li>'
           '<li><a href="/2.html">又一条新闻的标题</a> 2018-03-01 14:40</li></ul></div>')
CLOCK = '<div class="top">今天是2026年12月7日 星期一</div>'
FOOTER = '<div class="footer">Copyright © 2003-2019 某某网 版权所有</div>'


def cn(*parts: int) -> datetime:
    return datetime(*parts, tzinfo=CHINA_TZ)  # type: ignore[misc]


def page(byline: str = "", head: str = "", text: str = TEXT, before: str = "", after: str = "") -> str:
    return (f"<html><head><title>{TITLE}_某某网</title>{head}</head><body>{CLOCK}{before}<h1>{TITLE}</h1>"
            f'<div class="info">{byline}</div><div class="article">{text}</div>{after}{FOOTER}</body></html>')


@pytest.mark.parametrize(
    ("html", "url", "expected"),
    [
        # The date beside the title, unlabelled, with the source link next to it; the sidebar's dates come first
        # in the page and the clock earlier still, and neither is taken.
        (page('2019-09-26 10:56:28 <a href="http://x.com">某某报网</a>', before=SIDEBAR), URL, cn(2019, 9, 26, 10, 56, 28)),
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
        (page("（2007年6月29日某某委员会第二十八次会议通过）"), URL_WITH_DATE, cn(2024, 5, 9)),
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
        ("来源：某某网", '<meta name="ContentSource" content="某某市人民政府"><meta name="SiteName" content="某某市人民政府">',
         TEXT, "某某网"),
        # …or only at the body's end.
        ("发布日期：2024-05-09", '<meta name="ContentSource" content="某某部"><meta name="SiteName" content="中华人民共和国某某部">',
         TEXT + "<p>（来源：某某政府网）</p>", "某某政府网"),
        # A ContentSource that is not the site's owner stands.
        ("发布日期：2024-05-09", '<meta name="ContentSource" content="某某日报"><meta name="SiteName" content="某某市人民政府">',
         TEXT + "<p>（来源：某某政府网）</p>", "某某日报"),
        # Marked by class, or a link alone beside the date; buttons after the value are not part of it.
        ('<span class="date">2019年11月25日 18:57</span><a class="source" href="#">某某消息</a>', "", TEXT, "某某消息"),
        ('2019-09-07 09:59:22　来源: <a href="#">某某报</a> <a href="#">举报</a>', "", TEXT, "某某报"),
        ("来源: | 发布时间: 2018-05-17 | 浏览次数: 2168", "", TEXT, None),  # an empty label
    ],
)
def test_source(byline: str, head: str, text: str, expected: str | None) -> None:
    assert extract_fields(page(byline, head, text), URL).source == expected


@pytest.mark.parametrize(
    ("byline", "head", "text", "expected"),
    [
        ("2019-09-26 12:11 <span>来源：某某报网</span><span>作者：郑一</span>", "", TEXT, "郑一"),
        ('<p class="author-name">某某必读</p><span>发布时间：10-08 12:00</span>', "", TEXT, "某某必读"),
        ("作者：网络整理", "", TEXT, None),  # names nobody
        ("来源：某某社 作者： 2023-12-01 14:43", "", TEXT, None),  # an empty label takes nothing from the next
        ("责任编辑：王五", "", TEXT, None),  # an editor is not the author
        ("", '<meta name="Author" content="某某办公室">', TEXT, None),  # the CMS account in the Author meta
        # A hidden block for crawlers repeats the byline with the editor as 作者.
        ('<div style="display:none"><span>作者：钱七</span></div>2020年07月04日 12:10 来源：某某网', "",
         TEXT + "<p>(作者：李明北京大学经济学院教授)</p><p>【编辑:李四】</p>", "李明"),
        # Names in the body's own lines: a credit line, a dateline, a closing sign-off.
        ("", "", "<p>执笔/张三、李四&amp;王五</p>" + TEXT, "张三 李四 王五"),
        ("", "", "<p>某某新闻记者 张三 李四</p>" + TEXT, "张三 李四"),
        ("", "", "<p>某某社北京5月9日电（记者王五）某地9日举行会议。</p><p>交通受到影响。</p>", "王五"),
        ("", "", TEXT + "<p>活动将先后在三地举行。（赵六）</p>", "赵六"),
        ("", "", TEXT + "<p>总体投资结构趋稳趋优。（某某县发改局）</p>", None),  # an office, not a person
    ],
)
def test_author(byline: str, head: str, text: str, expected: str | None) -> None:
    assert extract_fields(page(byline, head, text), URL).author == expected


def test_credit_lines_leave_the_body() -> None:
    html = page("2019-09-26 12:11", text="<p>某某新闻记者 张三 李四</p>" + TEXT + "<p>作者：张三 李四</p><p>（责任编辑：张三）</p>")
    body = extract_fields(html, URL).body_text
    assert body.startswith("本报讯") and body.endswith("会议要求各单位抓好落实。")


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ('某某网" size="20"', "某某网"),
        ('<font size="20">某某网</font>', "某某网"),
        ('size="20">某某网', "某某网"),
        ("某某报 举报", "某某报"),
        ("某某网 参与互动", "某某网"),
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
        ("记者张三 整合", "张三"),
        ("李明北京大学经济学院教授", "李明"),
        ("王小明中国人民大学教授", "王小明"),
        ("佚名", None),
        ("admin", None),
        ("104363", None),
    ],
)
def test_clean_author(value: str, expected: str | None) -> None:
    assert clean_author(value) == expected


def test_body_line_helpers() -> None:
    assert credit_line_authors("文/图 张三 李四") == "张三 李四"
    assert credit_line_authors("《某某》作者 张三") == "张三"
    assert credit_line_authors("为深入推进党建工作，记者走访了多个单位。") is None
    assert dateline_authors("某某网5月9日讯（记者张三 整合） 假期过半") == "张三"
    assert dateline_authors("本站讯（职工通讯员 李琴雯 刘会）为深入推进") is None  # correspondents are not 记者
    assert sign_off_authors("需要。(文/图 张三 李四)") == "张三 李四"
    assert sign_off_authors("全文完。（完）") is None
    assert sign_off_authors("据报道。（某某社）") is None


@pytest.mark.parametrize(
    ("byline", "head", "expected"),
    [
        # Parts separated by bars, labels followed by a space instead of a colon.
        ("发表于 2014-08-24 21:30 | 1164次阅读 | 来源 某某 | 0 条评论 | 作者 郑一", "",
         (cn(2014, 8, 24, 21, 30), "某某", "郑一")),
        # Two digits of the year, completed by the meta tag that falls on the same day (or standing alone).
        ("发布时间：18-03-08 23:16", '<meta itemprop="dateUpdate" content="2018-03-08 23:16:24">',
         (cn(2018, 3, 8, 23, 16), None, None)),
        ("发布时间：18-03-08 23:16", "", (cn(2018, 3, 8, 23, 16), None, None)),
        # A publication meta under a name of the CMS's own.
        ("", '<meta name="apub:time" content="2019-9-7 21:30:50">', (cn(2019, 9, 7, 21, 30, 50), None, None)),
        # The source element holding its own label, the byline's date run into the 来源 value.
        ('<span class="source">本文来源于 某某报</span> 2024-05-20 09:47:48', "", (cn(2024, 5, 20, 9, 47, 48), "某某报", None)),
        ("来源： 某某日报 2024-05-13 08:49", "", (cn(2024, 5, 13, 8, 49), "某某日报", None)),
        # The outlet named as 作者 beside the same 来源 is not an author; a name padded with a space is one name.
        ('2024年05月16日 17:02 <a class="source" href="#">某某报</a> 作者：某某报', "", (cn(2024, 5, 16, 17, 2), "某某报", None)),
        ("作者：王小文 李 明", "", (None, None, "王小文 李明")),
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
