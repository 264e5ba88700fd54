"""Failure classes seen on news and blog pages the project had not been developed on (a third held-out set):
each pinned with our own small markup."""

from __future__ import annotations

import pytest

from crawler.extract.authors import is_outlet
from crawler.extract.fields import extract_fields

PARAGRAPHS = "".join(
    f"<p>第{n}段：记者从有关方面获悉，相关工作正在有序推进，各项措施将陆续落地，预计年内全部完成。</p>" for n in range(1, 4)
)


def test_a_known_container_class_on_a_toolbar_button_is_not_the_body() -> None:
    html = f"""<html><head><title>某某文章标题_某某博客</title></head><body>
    <h1>某某文章标题</h1>
    <ul class="toolbox"><li class="tool-item"><div class="text">觉得还不错? <span>一键收藏</span><img src="c.png"></div>
    </li></ul>
    <div id="content" class="markdown_views">{PARAGRAPHS}</div>
    </body></html>"""
    fields = extract_fields(html, "https://blog.example.com/u/article/1")
    assert fields.body_text.startswith("第1段：记者从有关方面获悉")
    assert "一键收藏" not in fields.body_text


def test_a_blog_header_names_the_writer_by_a_nickname_class() -> None:
    html = f"""<html><head><title>某某文章标题_某某博客</title></head><body>
    <h1>某某文章标题</h1>
    <div class="article-info"><a class="follow-nickName" href="/u/someone">某某写手</a>
    <span class="time">2016-10-06 18:02:38</span><span class="read-count">阅读量545</span></div>
    <div id="content">{PARAGRAPHS}</div>
    </body></html>"""
    assert extract_fields(html, "https://blog.example.com/u/article/2").author == "某某写手"


def test_a_json_ld_block_supplies_the_publication_date_where_the_page_shows_none() -> None:
    html = f"""<html><head><title>某某文章标题</title>
    <script type="application/ld+json">{{"@context":"https://schema.example/contexts/a.jsonld",
    "pubDate":"2014-12-09T13:10:52","title":"某某文章标题","upDate":"2015-01-02T08:00:00"}}</script>
    </head><body><h1>某某文章标题</h1><div class="info">阅读量836</div>
    <div id="content">{PARAGRAPHS}</div></body></html>"""
    fields = extract_fields(html, "https://blog.example.com/u/article/3")
    assert fields.published is not None and fields.published.isoformat().startswith("2014-12-09T13:10")


def test_a_header_date_given_as_a_recommended_articles_is_not_the_articles() -> None:
    html = f"""<html><head><title>某某文章标题</title>
    <script type="application/ld+json">{{"pubDate":"2016-10-06T18:02:38","title":"某某文章标题"}}</script>
    </head><body><h1>某某文章标题</h1>
    <div class="info"><a class="follow-nickName" href="/u/a">某某写手</a>
    <span class="time">最新推荐文章于&nbsp;2024-02-02 22:51:05&nbsp;发布</span></div>
    <div id="content">{PARAGRAPHS}</div></body></html>"""
    fields = extract_fields(html, "https://blog.example.com/u/article/4")
    assert fields.published is not None and fields.published.isoformat().startswith("2016-10-06T18:02")


def test_a_related_news_heading_before_a_long_headline_widget_still_ends_the_text() -> None:
    paragraphs = "".join(
        f"<p>第{n}段：海关统计显示，前{n}个月进出口总值继续保持增长，其中出口增长较快，进口降幅收窄，贸易顺差扩大。"
        f"相关部门表示，将继续推进贸易便利化改革，稳定外贸基本盘，支持企业开拓多元市场。</p>" for n in range(1, 11)
    )
    headlines = "".join(f'<li><a href="/roll/{n}.html">[滚动] 某某公司申请挂牌上市 第{n}条</a> (12-09 12:{n:02d})</li>'
                        for n in range(20))
    html = f"""<html><head><title>某某新闻标题_某某财经</title></head><body><h1>某某新闻标题</h1>
    <div id="endText">{paragraphs}<p>【相关新闻】</p><p><a href="/a/1.html">某某相关新闻标题</a></p>
    <div class="hot"><h2>财经热点资讯</h2><ul>{headlines}</ul></div></div></body></html>"""
    body = extract_fields(html, "https://money.example.com/15/1208/10/abc.html").body_text
    assert body.rstrip().endswith("支持企业开拓多元市场。")


def test_a_video_players_title_and_origin_inside_the_body_are_not_its_start() -> None:
    html = f"""<html><head><title>某某新闻标题_某某财经</title></head><body><h1>某某新闻标题</h1>
    <div class="post_info">2016-01-19 10:03:14　来源: 某某统计局</div>
    <div id="endText"><div class="video-wrap"><object data="player.swf"></object>
    <div class="video-info"><a class="video-title" href="/v/1.html">某某发布会现场</a>
    <span class="video-from">（来源：某某网）</span></div></div>{PARAGRAPHS}</div></body></html>"""
    fields = extract_fields(html, "https://money.example.com/16/0119/10/abc.html")
    assert fields.body_text.startswith("第1段：记者从有关方面获悉")
    assert fields.source == "某某统计局"


@pytest.mark.parametrize("credit", ["文/某某IT", "文/某某科技", "作者：某某日报"])
def test_an_outlet_credited_as_the_writer_is_the_origin_not_the_author(credit: str) -> None:
    html = f"""<html><head><title>某某新闻标题_某某资讯</title></head><body><h1>某某新闻标题</h1>
    <p class="info"><span>某某会员发布于 2012-05-02 06:50:49</span></p>
    <div id="news_content">{PARAGRAPHS}<p>{credit}</p></div></body></html>"""
    fields = extract_fields(html, "http://news.example.com/articles/185236.htm")
    assert fields.author is None
    assert fields.source == credit.split("/")[-1].split("：")[-1]
    assert fields.body_text.rstrip().endswith("预计年内全部完成。")


@pytest.mark.parametrize(("value", "outlet"), [("某某IT", True), ("某某日报", True), ("张三", False), ("王科", False),
                                               ("张三 某某网", False)])
def test_is_outlet(value: str, outlet: bool) -> None:
    assert is_outlet(value) is outlet


def test_a_traditional_character_staff_line_closes_the_text() -> None:
    html = f"""<html><head><title>某某新聞標題 - 某某日報</title></head><body><h1>某某新聞標題</h1>
    <div class="info"><span>19:05</span> <span>2020/02/28</span></div>
    <div class="article-detail-content">{PARAGRAPHS}<p>責任編輯：張三</p></div></body></html>"""
    body = extract_fields(html, "https://news.example.com/article/2553122").body_text
    assert body.rstrip().endswith("预计年内全部完成。")
    assert "責任編輯" not in body


def test_a_long_line_of_numbers_that_is_no_pager_is_read_at_once() -> None:
    import time

    from crawler.extract.bodytrim import trim_body

    gutter = " ".join(str(n) for n in range(1, 80)) + " public void init() { }"
    started = time.perf_counter()
    trim_body(["第1段：正文。", gutter], ["某某标题"])
    assert time.perf_counter() - started < 1.0


def test_a_body_that_is_a_data_table_is_found() -> None:
    rows = "".join(f"<tr><td>22:{n:02d}</td><td>某国</td><td>某项经济指标(月度)</td><td>0.{n}%</td></tr>" for n in range(20))
    html = f"""<html><head><title>某某经济日历</title></head><body>
    <nav><ul><li><a href="/">首页</a></li><li><a href="/c">分类</a></li></ul></nav>
    <article><h1>某某经济日历</h1><div class="meta"><time datetime="2020-10-17T22:15:11+08:00">2020-10-17</time></div>
    <div class="post-content"><h2>某国某项经济指标</h2><table><tr><th>时间</th><th>国家</th><th>事件</th><th>值</th></tr>
    {rows}</table></div></article></body></html>"""
    fields = extract_fields(html, "https://blog.example.com/1580/")
    assert "某项经济指标(月度)" in fields.body_text
    assert fields.body_text.startswith("某国某项经济指标")


def test_a_related_articles_heading_ends_the_text() -> None:
    html = f"""<html><head><title>某某新闻标题</title></head><body><h1>某某新闻标题</h1>
    <div class="post-content">{PARAGRAPHS}<p>相关文章链接：</p><p><a href="/1.html">某某另一篇文章</a></p></div></body></html>"""
    body = extract_fields(html, "https://blog.example.com/1581/").body_text
    assert body.rstrip().endswith("预计年内全部完成。")


def test_a_signature_line_with_a_note_on_how_the_piece_came_names_the_author() -> None:
    html = f"""<html><head><title>某某新闻标题_某某新闻</title></head><body><h1>某某新闻标题</h1>
    <div class="info">2024年10月11日08:30　来源：某某晨报</div>
    <div id="contentText">{PARAGRAPHS}<p>　　张某某（某某社供本报特稿）</p><p>(责任编辑：AB021)</p></div></body></html>"""
    fields = extract_fields(html, "http://news.example.com/20241011/n1.shtml")
    assert fields.author == "张某某"


def test_an_outlets_platform_account_in_the_header_is_the_origin_and_the_reporter_the_author() -> None:
    html = f"""<html><head><title>某某新闻标题_某某新闻</title>
    <meta name="apub:time" content="2024-5-10 03:12:40"></head><body><h1>某某新闻标题</h1>
    <div class="tool"><div class="year"><span>2024</span></div><div class="md">05/09</div><div class="time">10:30</div>
    <div><a class="author" href="/omn/author/1"><div>某某新闻</div><span class="badge">企鹅号</span></a></div></div>
    <div class="content-article"><p><strong>某某网·某某新闻记者 王某</strong></p>{PARAGRAPHS}</div></body></html>"""
    fields = extract_fields(html, "https://news.example.com/omn/20240509/A0001.html")
    assert fields.author == "王某"
    assert fields.source == "某某新闻"
    assert fields.published is not None and fields.published.isoformat().startswith("2024-05-09T10:30")


def test_a_header_link_to_the_accounts_home_names_a_blogs_writer() -> None:
    html = f"""<html><head><title>某某文章标题_某某博客</title></head><body>
    <h1>某某文章标题</h1>
    <div class="mess"><a class="fl" href="https://blog.example.com/u_1234">某某开发者社区</a>
    <time>2024-03-02 09:15:20</time><span>博主文章分类：<a href="https://blog.example.com/u_1234/category1">运维</a></span></div>
    <div id="content">{PARAGRAPHS}</div></body></html>"""
    assert extract_fields(html, "https://blog.example.com/u_1234/567").author == "某某开发者社区"


def test_a_header_link_to_a_section_is_no_writer() -> None:
    html = f"""<html><head><title>某某新闻标题_某某网</title></head><body>
    <h1>某某新闻标题</h1>
    <div class="info">2022-11-23 11:30 <a href="https://news.example.com/world">国际</a></div>
    <div id="content">{PARAGRAPHS}</div></body></html>"""
    assert extract_fields(html, "https://news.example.com/world/2022/1123/1.html").author is None


def test_a_blogs_posted_at_footer_names_the_writer() -> None:
    html = f"""<html><head><title>某某文章标题 - 某某 - 某某博客</title></head><body>
    <h1 class="postTitle"><a href="https://blog.example.com/some-one/p/1.html">某某文章标题</a></h1>
    <div id="body">{PARAGRAPHS}</div>
    <div class="postDesc">posted @ <span id="post-date">2024-06-01 08:05</span>&nbsp; <a href="https://blog.example.com/some-one">某某人</a>
    &nbsp; 阅读(12)&nbsp; 评论(0)&nbsp; <a href="/edit">编辑</a>&nbsp; <a href="#">收藏</a></div>
    </body></html>"""
    assert extract_fields(html, "https://blog.example.com/some-one/p/1.html").author == "某某人"


def test_a_self_media_account_card_names_the_writer() -> None:
    html = f"""<html><head><title>某某文章标题_某某号</title></head><body>
    <div class="column left"><div class="user-info" id="user-info">
    <div class="user-pic"><a href="https://mp.example.com/profile?xpt=abc"><img src="a.jpg"></a></div>
    <h4><a href="https://mp.example.com/profile?xpt=abc">某某写手</a></h4>
    <dl class="user-num"><dd><span class="value">131</span>文章</dd></dl>
    <div class="user-more"><a href="https://mp.example.com/profile?xpt=abc">查看TA的文章&gt;</a></div></div></div>
    <div class="column main"><h1>某某文章标题</h1><div class="article-info"><span class="time">2024-02-03 21:40</span></div>
    <article class="article">{PARAGRAPHS}</article></div></body></html>"""
    assert extract_fields(html, "https://www.example.com/a/1001_2002").author == "某某写手"


def test_a_card_without_a_profile_link_names_nobody() -> None:
    html = f"""<html><head><title>某某文章标题_某某网</title></head><body>
    <div class="user-info"><a href="/login">登录</a> <a href="/hot/1.html">某某热点</a></div>
    <h1>某某文章标题</h1><div class="info">2024-02-03 21:40</div>
    <div id="content">{PARAGRAPHS}</div></body></html>"""
    assert extract_fields(html, "https://www.example.com/a/1.html").author is None


def test_a_reblog_button_beside_the_date_is_no_source_and_a_reposted_accounts_note_is() -> None:
    html = f"""<html><head><title>某某文章标题_某某博客</title></head><body>
    <div class="title"><h1>某某文章标题</h1>
    <div class="info"><span class="oper"><a href="javascript:;" action-type="reblog">转载</a></span>
    <span class="time">2024-04-06 13:20:48</span></div></div>
    <div class="cont"><p><strong>文/某某写手</strong></p>
    <p><strong>本文转载自公众号：某某食堂（ID：abc123），系作者授权“某某”发布，如需转载请与作者本人联系</strong></p>
    {PARAGRAPHS}</div></body></html>"""
    fields = extract_fields(html, "http://blog.example.com/s/blog_1.html")
    assert fields.source == "某某食堂"
    assert fields.author == "某某写手"
    assert fields.body_text.startswith("第1段：记者从有关方面获悉")


def test_labels_run_together_on_a_credit_line_give_the_author() -> None:
    html = f"""<html><head><title>某某新闻标题_某某科技</title></head><body><h1>某某新闻标题</h1>
    <div class="post_time_source">2024-04-07 10:14:44　来源: 某某之家</div>
    <div id="endText"><p>来源：某某之家作者：张某责编：李某</p>{PARAGRAPHS}</div></body></html>"""
    fields = extract_fields(html, "http://tech.example.com/24/0407/10/abc.html")
    assert fields.author == "张某"
    assert fields.body_text.startswith("第1段：记者从有关方面获悉")
