"""Failure classes seen on real pages the project had not been developed on (held-out news pages and the
issue's list): each pinned with our own small markup."""

from __future__ import annotations

import pytest

from crawler.extract.authors import clean_author, credit_line_authors
from crawler.extract.fields import extract_fields
from crawler.extract.values import clean_field_value

PARAGRAPHS = "".join(
    f"<p>第{n}段：为进一步加强管理，现将有关事项通知如下，请认真贯彻执行并及时报告工作进展情况。</p>" for n in range(1, 4)
)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("责任编辑：张三", None),  # an empty 作者 label runs into the next label
        ("编辑: 李四", None),
        ("张三", "张三"),
        ("张三 李四", "张三 李四"),
    ],
)
def test_an_author_value_that_is_the_next_label_names_nobody(value: str, expected: str | None) -> None:
    assert clean_author(value) == expected


def test_a_credit_line_may_use_a_vertical_bar_form() -> None:
    assert credit_line_authors("作者︱王五") == "王五"


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("某某科技 某某网收集 2009-11-01", "某某科技"),  # a reposting site's credit after the origin
        ("某某日报 某某网整理", "某某日报"),
        ("某某日报", "某某日报"),
        ("某某整理小组", "某某整理小组"),  # 整理 inside a name is not a credit
    ],
)
def test_a_reposting_credit_leaves_the_source(raw: str, expected: str) -> None:
    assert clean_field_value(raw) == expected


def test_an_empty_author_label_does_not_leak_the_editor() -> None:
    html = (
        "<html><head><title>某项工作进展</title></head><body><h1>某项工作进展</h1>"
        "<div class='info'>2024-05-09 10:00 来源：某某报 作者：责任编辑：张三</div>"
        f"<div class='content'>{PARAGRAPHS}</div></body></html>"
    )
    fields = extract_fields(html, "https://news.example.com/a/1.html")
    assert fields.author is None
    assert fields.source == "某某报"


def test_the_shown_source_beats_a_content_source_meta_naming_the_owner() -> None:
    html = (
        "<html><head><meta name='SiteName' content='某某市科学技术局'>"
        "<meta name='ContentSource' content='某某市科学技术局'><title>某项工作进展_某某市科学技术局</title></head>"
        "<body><div class='nav'>首页 &gt; 工作动态</div><h1>某项工作进展</h1>"
        f"<div class='content'>{PARAGRAPHS}<p>来源：某某日报</p></div></body></html>"
    )
    fields = extract_fields(html, "https://kjj.example.gov.cn/gzdt/2024/1.html")
    assert fields.source == "某某日报"


def test_a_content_source_meta_stays_when_the_page_shows_nothing_else() -> None:
    html = (
        "<html><head><meta name='SiteName' content='某某市科学技术局'>"
        "<meta name='ContentSource' content='某某市科学技术局'><title>某项工作进展</title></head>"
        f"<body><h1>某项工作进展</h1><div class='content'>{PARAGRAPHS}</div></body></html>"
    )
    assert extract_fields(html, "https://kjj.example.gov.cn/gzdt/2024/1.html").source == "某某市科学技术局"


def test_a_hidden_copy_of_the_headline_loses_to_the_visible_one() -> None:
    # A share box hidden by its block repeats the headline and the lead; the visible headline is the title, so
    # the byline under it is read and the lead stays in the body.
    html = (
        "<html><head><title>某项工作取得进展 - 某某网</title></head><body>"
        "<div style='display:none'><h1>某项工作取得进展</h1><h2>某项工作近日取得进展。有关部门表示将继续推进。</h2></div>"
        "<div class='main'><h1 class='headline'>某项工作取得进展</h1>"
        "<div class='info'><span>来源：</span><span>某某日报</span><span>2023-11-17 15:13</span></div>"
        "<div class='content'><p>某项工作近日取得进展。有关部门表示将继续推进。</p>"
        f"{PARAGRAPHS}</div></div></body></html>"
    )
    fields = extract_fields(html, "https://news.example.com/a/202311/17/1.html")
    assert fields.title == "某项工作取得进展"
    assert fields.subtitle is None
    assert fields.published is not None and fields.published.strftime("%Y-%m-%d %H:%M") == "2023-11-17 15:13"
    assert fields.body_text.startswith("某项工作近日取得进展。")


@pytest.mark.parametrize(
    ("second", "expected"),
    [
        ("<h2>推动某项工作高质量发展</h2>", "推动某项工作高质量发展"),  # a heading under the headline: the subtitle
        ("<h2>某项工作近日取得进展。有关部门表示将继续推进。</h2>", None),  # a sentence: the lead, not a subtitle
    ],
)
def test_a_subtitle_is_a_phrase_not_a_sentence(second: str, expected: str | None) -> None:
    html = (f"<html><head><title>某项工作取得进展</title></head><body><h1>某项工作取得进展</h1>{second}"
            f"<div class='content'>{PARAGRAPHS}</div></body></html>")
    assert extract_fields(html, "https://news.example.com/a/1.html").subtitle == expected


def test_a_closing_run_of_related_story_links_leaves_the_body() -> None:
    related = "".join(f"<a href='/news/{n}.html'>相关报道标题第{n}条</a><br>" for n in range(1, 5))
    html = (f"<html><head><title>某项工作取得进展</title></head><body><h1>某项工作取得进展</h1>"
            f"<div class='content'>{PARAGRAPHS}<p>最后一段正文到此结束。</p>{related}</div></body></html>")
    body = extract_fields(html, "https://news.example.com/a/1.html").body_text
    assert body.endswith("最后一段正文到此结束。")


def test_a_closing_list_of_attachment_links_stays() -> None:
    files = "".join(f"<p><a href='/files/{n}.pdf'>附件{n}：某某工作方案</a></p>" for n in range(1, 5))
    html = (f"<html><head><title>关于印发某某方案的通知</title></head><body><h1>关于印发某某方案的通知</h1>"
            f"<div class='content'>{PARAGRAPHS}{files}</div></body></html>")
    body = extract_fields(html, "https://www.example.gov.cn/a/1.html").body_text
    assert body.endswith("附件4：某某工作方案")


def test_two_related_links_are_not_a_block() -> None:
    related = "".join(f"<a href='/news/{n}.html'>相关报道标题第{n}条</a><br>" for n in range(1, 3))
    html = (f"<html><head><title>某项工作取得进展</title></head><body><h1>某项工作取得进展</h1>"
            f"<div class='content'>{PARAGRAPHS}{related}</div></body></html>")
    body = extract_fields(html, "https://news.example.com/a/1.html").body_text
    assert body.endswith("相关报道标题第2条")


@pytest.mark.parametrize(
    "trailer",
    [
        "<p>原标题：某某事件背后的故事</p><p>出品︱某某栏目组 张三</p>",  # a reposted text's original title and credits
        "<p>看新闻、查资讯，上手机某某网 m.example.cn</p>",  # a prompt naming the mobile site
    ],
)
def test_reposting_trailers_leave_the_body(trailer: str) -> None:
    html = (f"<html><head><title>某项工作取得进展</title></head><body><h1>某项工作取得进展</h1>"
            f"<div class='content'>{PARAGRAPHS}<p>最后一段正文到此结束。</p>{trailer}</div></body></html>")
    assert extract_fields(html, "https://news.example.com/a/1.html").body_text.endswith("最后一段正文到此结束。")


def test_a_script_inside_a_paragraph_does_not_vote_for_the_body() -> None:
    # No known container: the body is found by text density, and an ad loader's code is not text.
    code = "var adSlots = [" + ",".join(f"'slot-{n}'" for n in range(200)) + "];"
    html = (
        "<html><head><title>某项工作取得进展</title></head><body><div id='main'><div id='headline'>某项工作取得进展</div>"
        f"<div id='story'>{PARAGRAPHS}</div></div>"
        f"<dl><dd><p><script>{code}</script></p><p><script>{code}</script></p></dd></dl></body></html>"
    )
    body = extract_fields(html, "https://news.example.com/a/1.html").body_text
    assert body.startswith("第1段：")


def test_a_column_of_short_br_separated_links_does_not_outvote_the_text() -> None:
    links = "".join(f"<a href='/n/{n}.html'>条目{n}</a><br>" for n in range(60))
    html = (
        "<html><head><title>某项工作取得进展</title></head><body><div id='headline'>某项工作取得进展</div>"
        f"<div id='story'>{PARAGRAPHS}</div><div id='side'><span>{links}</span></div></body></html>"
    )
    body = extract_fields(html, "https://news.example.com/a/1.html").body_text
    assert body.startswith("第1段：") and "条目" not in body


def test_the_source_element_bounds_a_labelled_source_that_runs_on() -> None:
    html = (
        "<html><head><title>某项工作取得进展</title></head><body><div class='tit'>某项工作取得进展</div>"
        "<div class='time'>发稿时间：<span>2017-03-10 08:42:00</span> <span id='source_x'>来源：<a href='/x'>某某日报</a>"
        "</span><span><a href='/'>某某网</a></span></div>"
        f"<div class='content'>{PARAGRAPHS}</div></body></html>"
    )
    assert extract_fields(html, "https://news.example.com/a/1.html").source == "某某日报"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("發布日期：113年5月9日", "2024-05-09 00:00"),  # the Minguo calendar: year + 1911
        ("民國99年1月2日 10:30", "2010-01-02 10:30"),
        ("民国88年12月31日", "1999-12-31 00:00"),
        ("于2113年5月9日", None),  # a four-digit year out of range is no Minguo year either
        ("共113年5月", None),
    ],
)
def test_minguo_dates(text: str, expected: str | None) -> None:
    from crawler.extract.dates import find_date

    hit = find_date(text)
    assert (hit.value.strftime("%Y-%m-%d %H:%M") if hit else None) == expected


def test_an_order_header_on_two_lines_is_the_doc_number() -> None:
    html = (
        "<html><head><title>某某管理条例</title></head><body><h1>某某管理条例</h1><div class='info'>2024-05-09</div>"
        f"<div class='content'><p>中华人民共和国国务院令</p><p>（第八百号）</p>{PARAGRAPHS}</div></body></html>"
    )
    assert extract_fields(html, "https://www.example.gov.cn/a/1.html").doc_number == "中华人民共和国国务院令第八百号"


def test_a_minguo_publication_date_on_the_page() -> None:
    html = (
        "<html><head><title>某某事項公告</title></head><body><h1>某某事項公告</h1><div>發布日期：113年5月9日</div>"
        f"<div class='content'>{PARAGRAPHS}</div></body></html>"
    )
    published = extract_fields(html, "https://www.example.gov.tw/a/1.html").published
    assert published is not None and published.date().isoformat() == "2024-05-09"


def test_a_closing_table_of_links_leaves_the_body() -> None:
    table = ("<table><tr><td></td><td><a href='/s'>搜索某某</a>-<a href='/'>首页</a>-<a href='/sub'>订阅</a></td></tr>"
             "<tr><td></td><td><a href='/rel/1.html'>与某某有关的九件事</a></td></tr></table>")
    html = (f"<html><head><title>某项工作取得进展</title></head><body><h1>某项工作取得进展</h1>"
            f"<div class='content'>{PARAGRAPHS}<p>最后一段正文到此结束。</p>{table}</div></body></html>")
    assert extract_fields(html, "https://news.example.com/a/1.html").body_text.endswith("最后一段正文到此结束。")


def test_an_unlabelled_source_link_after_the_date_and_the_sites_address() -> None:
    html = (
        "<html><head><title>某项活动创意十足</title></head><body><div id='ArticleTit'>某项活动创意十足</div>"
        "<div id='ArtFrom'><a href='http://ent.example.com'>http://ent.example.com</a> 2009年11月09日11:30 "
        "<a href='http://music.example.com/'>某某音乐</a> <a href='/comment'>我要评论(0)</a></div>"
        f"<div id='ArticleCnt'>{PARAGRAPHS}</div></body></html>"
    )
    fields = extract_fields(html, "https://ent.example.com/a/20091109/1.htm")
    assert fields.source == "某某音乐"
    assert fields.published is not None and fields.published.strftime("%Y-%m-%d %H:%M") == "2009-11-09 11:30"


@pytest.mark.parametrize(
    ("before", "expected"),
    [
        ("<p class='yt'>某省推行领导干部预警告诫工作制度</p>", "某省推行领导干部预警告诫工作制度"),  # a kicker (引题)
        ("<p>工作动态</p>", None),  # a column's name
        ("<p>首页 &gt; 新闻中心 &gt; 工作动态栏目</p>", None),  # a breadcrumb
        ("<p><a href='/zt/'>某某专题活动正在进行中</a></p>", None),  # a link
        ("<p>某项工作近日取得新的进展。</p>", None),  # a sentence
    ],
)
def test_a_kicker_over_the_headline_is_its_subtitle(before: str, expected: str | None) -> None:
    html = (f"<html><head><title>某项工作取得进展</title></head><body><div class='main'>{before}"
            f"<h1>某项工作取得进展</h1><div class='content'>{PARAGRAPHS}</div></div></body></html>")
    assert extract_fields(html, "https://news.example.com/a/1.html").subtitle == expected


def test_the_site_named_by_the_title_suffix_is_the_owner_too() -> None:
    # No SiteName meta: <title>'s last segment names the site, so a ContentSource meta naming it is the owner's
    # default and the origin the text closes with wins.
    html = (
        "<html><head><meta name='ContentSource' content='某某市科学技术局'>"
        "<title>某项工作进展_工作动态_某某市科学技术局</title></head>"
        "<body><h1>某项工作进展</h1>"
        f"<div class='content'>{PARAGRAPHS}<p>（来源：某某日报）</p></div></body></html>"
    )
    assert extract_fields(html, "https://kjj.example.gov.cn/gzdt/2024/1.html").source == "某某日报"


def test_a_page_wide_wrapper_with_a_nav_class_is_not_navigation() -> None:
    # The template flags its outermost container "int-nav"; the article inside it is still the article.
    html = (
        "<html><head><title>某项工作取得进展 - 某某网</title></head><body><div class='lang-zh site-int-nav container'>"
        "<ul class='nav'><li><a href='/'>首页</a></li><li><a href='/news/'>新闻</a></li></ul>"
        f"<div class='story-body'><h1>某项工作取得进展</h1><div class='bodytext'>{PARAGRAPHS}</div></div>"
        "</div></body></html>"
    )
    body = extract_fields(html, "https://news.example.com/a/1.html").body_text
    assert body.startswith("第1段：") and "首页" not in body


@pytest.mark.parametrize(
    ("paragraph", "expected"),
    [
        ("才有这座城市的今天！（评论员 王五 赵六）", "王五 赵六"),  # a commentary's sign-off: 评论员 is the role
        ("才有这座城市的今天！（本报评论员 王五）", "王五"),
        ("才有这座城市的今天！（赵六）", "赵六"),
    ],
)
def test_a_commentators_sign_off_names_the_authors(paragraph: str, expected: str) -> None:
    from crawler.extract.authors import sign_off_authors

    assert sign_off_authors(paragraph) == expected


@pytest.mark.parametrize(
    "trailer",
    [
        "<p><strong>精彩视频推荐</strong></p><p>某某视频一</p><p>某某视频二</p>",  # a video widget's heading
        "<p>#某某</p><p>#某某部门</p><p>延伸閱讀</p><p>某某相關報導</p>",  # topic tags, then related stories
    ],
)
def test_widgets_after_the_text_leave_the_body(trailer: str) -> None:
    html = (f"<html><head><title>某项工作取得进展</title></head><body><h1>某项工作取得进展</h1>"
            f"<div class='content'>{PARAGRAPHS}<p>最后一段正文到此结束。</p>{trailer}</div></body></html>")
    assert extract_fields(html, "https://news.example.com/a/1.html").body_text.endswith("最后一段正文到此结束。")


def test_a_share_button_naming_its_platform_is_furniture() -> None:
    html = (f"<html><head><title>某项工作取得进展</title></head><body><h1>某项工作取得进展</h1>"
            f"<div class='content'><p>转播到某某微博</p>{PARAGRAPHS}</div></body></html>")
    assert extract_fields(html, "https://news.example.com/a/1.html").body_text.startswith("第1段：")
