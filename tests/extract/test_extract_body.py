"""Body location (markers, selector, containers, density) and rendering it as clean paragraphs."""

from __future__ import annotations

import pytest
from lxml.html import HtmlElement, document_fromstring, fragment_fromstring

from crawler.extract.body import find_body
from crawler.extract.fields import extract_fields
from crawler.extract.page import compiled_selector
from crawler.extract.text import element_lines

ARTICLE = "<p>第一段正文，内容足够长，用于测试。</p><p>第二段正文，同样足够长。</p>"
MARKED = f'<meta name="ContentStart">{ARTICLE}<meta name="ContentEnd">'
ZJEG = f"<!--ZJEG_RSS.content.begin-->{ARTICLE}<!--ZJEG_RSS.content.end-->"


def text_of(element: HtmlElement) -> str:
    return "\n".join(element_lines(element))


def page(body: str) -> str:
    nav = "<div class='nav'><a href='/'>首页</a></div>"
    return f"<html><head><title>t</title></head><body>{nav}{body}</body></html>"


@pytest.mark.parametrize(
    ("html", "strategy", "expected"),
    [
        (page(f'<div class="c">{MARKED}</div><p>页脚版权所有</p>'),
         "meta-markers", "第一段正文，内容足够长，用于测试。\n第二段正文，同样足够长。"),
        # PC and mobile copies of one body: only the first marked block is taken.
        (page(f'<div id="pc">{MARKED}</div><div id="sjd">{MARKED}</div>'),
         "meta-markers", "第一段正文，内容足够长，用于测试。\n第二段正文，同样足够长。"),
        (page(f'<div id="zoom">{ZJEG}<p>分享</p></div>'),
         "zjeg-markers", "第一段正文，内容足够长，用于测试。\n第二段正文，同样足够长。"),
        (page(f'<div class="article-conter">{ARTICLE}</div>'), "container",
         "第一段正文，内容足够长，用于测试。\n第二段正文，同样足够长。"),
        (page(f'<div class="wzcon j-fontContent">{ARTICLE}</div>'), "container",
         "第一段正文，内容足够长，用于测试。\n第二段正文，同样足够长。"),
        (page(f'<div class="main"><div class="box">{ARTICLE}<p>第三段正文也在这里，足够长。</p></div></div>'),
         "density", "第一段正文，内容足够长，用于测试。\n第二段正文，同样足够长。\n第三段正文也在这里，足够长。"),
        (page(""), "none", ""),
        # A page whose article is gone: the footer (in chrome, or an ICP filing line) is no body.
        (page('<div class="footer-text"><p>主办：浙江省药品监督管理局</p><p>地址：杭州市莫干山路77号 邮编：310005</p>'
              '</div><div class="x"><p>浙ICP备19040157号-1 政府网站标识码：3300000151</p><p>友情链接与联系方式</p></div>'),
         "none", ""),
    ],
)
def test_find_body(html: str, strategy: str, expected: str) -> None:
    body = find_body(document_fromstring(html))
    assert (body.strategy, text_of(body.element)) == (strategy, expected)


def test_selector_beats_containers_but_not_markers() -> None:
    html = page(f'<div id="zoom"><p>容器里的导读文字</p></div><div class="real">{ARTICLE}</div>')
    select = compiled_selector("div.real")
    assert text_of(find_body(document_fromstring(html), select).element).startswith("第一段正文")
    marked = page(f'<div>{MARKED}</div><div class="real">别的</div>')
    assert find_body(document_fromstring(marked), select).strategy == "meta-markers"


def test_widgets_are_removed_from_the_body() -> None:
    html = page(
        '<div id="zoom"><p>正文内容。</p><div class="bdsharebuttonbox">分享到微博</div>'
        '<div id="qrcode">扫码</div><div class="print-area-btn"><a>打印</a></div>'
        "<span>浏览次数：123次</span><p>扫一扫在手机打开当前页</p><p>今天是2025年8月12日 星期二</p></div>"
    )
    assert text_of(find_body(document_fromstring(html)).element) == "正文内容。"


@pytest.mark.parametrize(
    ("html", "expected"),
    [
        ("<p>甲</p><p>乙<br>丙</p>", "甲\n乙\n丙"),
        ("<p>　　首行缩进&nbsp;&nbsp;正文\u200b</p>", "首行缩进 正文"),
        ("<table><tr><th>序号</th><th>品名</th></tr><tr><td><p>1</p></td><td><p>注射液</p><p>10ml</p></td></tr>"
         "<tr><td>2</td><td></td></tr></table>", "序号 | 品名\n1 | 注射液 10ml\n2 |"),
        ("<p>前<!-- 注释 -->后</p><script>var x=1;</script><style>p{}</style>", "前后"),
        ("<p>一段</p><p>二段</p><p>一段</p><p>二段</p>", "一段\n二段"),  # the whole text twice: once
        ("<p>打印本页 关闭窗口</p><p>【打印】【关闭】</p><p>字体：[大] [中] [小]</p><p>正文</p>", "正文"),
        ("<p>发布时间：2025-08-12 10:31:54</p><p>上一篇：某某</p><p>正文</p>", "正文"),
        ("<section><section><p><strong>一</strong></p></section><p>问题？</p></section>", "一\n问题？"),
    ],
)
def test_text_of(html: str, expected: str) -> None:
    assert text_of(fragment_fromstring(html, create_parent="div")) == expected


TITLE = "关于公开征求《浙江省新型研发机构管理办法（征求意见稿）》意见的通知"
HEADER = (f'<p class="title">{TITLE}</p><p><span>发布日期：2026-11-19 09:27:13</span><span>信息来源：浙江省科学技术厅</span>'
          '<span>浏览次数：</span><span>字号：[大 中 小]</span></p>')
FILES = '<p>附件：</p><p><a href="/attach/1.pdf">1.浙江省新型研发机构管理办法（征求意见稿）.pdf</a></p>'


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        # The container is left with the title and the header line once a redesign moved the text.
        (f'<div class="article-conter">{HEADER}</div>', ""),
        # Density settles on the title's paragraph, with the attachment list beside it: no article text.
        (f'<div class="cen">{HEADER}<div class="fujian">{FILES}</div></div>', ""),
        # In a known container an attachment list is the article (a notice whose body is its attachments).
        (f'<div id="zoom">{FILES}</div>', "附件：\n1.浙江省新型研发机构管理办法（征求意见稿）.pdf"),
        # With text after them, the title and header lines are headline matter, not the text.
        (f'<div class="article-conter">{HEADER}<p>各有关单位：现将办法印发给你们。</p></div>',
         "各有关单位：现将办法印发给你们。"),
    ],
)
def test_a_body_of_only_title_header_or_attachment_names_is_no_body(body: str, expected: str) -> None:
    fields = extract_fields(f"<html><head><title>{TITLE}</title></head><body>{body}</body></html>",
                            "https://kjt.zj.gov.cn/art/2026/11/19/art_1_2.html")
    assert fields.body_text == expected
    assert bool(fields.body_html) == bool(expected)
