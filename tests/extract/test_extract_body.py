"""Body location (markers, selector, containers, density) and rendering it as clean paragraphs."""

from __future__ import annotations

import pytest
from lxml.html import document_fromstring, fragment_fromstring

from crawler.extract.body import find_body
from crawler.extract.page import compiled_selector
from crawler.extract.text import element_text

ARTICLE = "<p>第一段正文，内容足够长，用于测试。</p><p>第二段正文，同样足够长。</p>"
MARKED = f'<meta name="ContentStart">{ARTICLE}<meta name="ContentEnd">'
ZJEG = f"<!--ZJEG_RSS.content.begin-->{ARTICLE}<!--ZJEG_RSS.content.end-->"


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
    ],
)
def test_find_body(html: str, strategy: str, expected: str) -> None:
    body = find_body(document_fromstring(html))
    assert (body.strategy, element_text(body.element)) == (strategy, expected)


def test_selector_beats_containers_but_not_markers() -> None:
    html = page(f'<div id="zoom"><p>容器里的导读文字</p></div><div class="real">{ARTICLE}</div>')
    select = compiled_selector("div.real")
    assert element_text(find_body(document_fromstring(html), select).element).startswith("第一段正文")
    marked = page(f'<div>{MARKED}</div><div class="real">别的</div>')
    assert find_body(document_fromstring(marked), select).strategy == "meta-markers"


def test_widgets_are_removed_from_the_body() -> None:
    html = page(
        '<div id="zoom"><p>正文内容。</p><div class="bdsharebuttonbox">分享到微博</div>'
        '<div id="qrcode">扫码</div><div class="print-area-btn"><a>打印</a></div>'
        "<span>浏览次数：123次</span><p>扫一扫在手机打开当前页</p><p>今天是2025年8月12日 星期二</p></div>"
    )
    assert element_text(find_body(document_fromstring(html)).element) == "正文内容。"


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
def test_element_text(html: str, expected: str) -> None:
    assert element_text(fragment_fromstring(html, create_parent="div")) == expected
