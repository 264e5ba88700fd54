"""Sanitized body HTML: allow-listed tags only, no active content, absolute links, no trackers."""

from __future__ import annotations

import pytest

from crawler.extract.sanitize import same_site, sanitize_html

BASE = "http://kjt.zj.gov.cn/art/2019/6/5/art_1229080140_123.html"
DOWNLOAD = "http://kjt.zj.gov.cn/module/download/downfile.jsp?filename=a.pdf"
LOGO = '<img src="http://www.zj.gov.cn/logo.png" alt="">'


@pytest.mark.parametrize(
    ("html", "expected"),
    [
        ("<p>正文<script>alert(1)</script></p>", "<p>正文</p>"),
        ("<style>p{color:red}</style><p>正文</p>", "<p>正文</p>"),
        ('<p onclick="steal()">正文</p>', "<p>正文</p>"),
        ('<img src="/images/a.png" onerror="alert(1)" alt="图">',
         '<img src="http://kjt.zj.gov.cn/images/a.png" alt="图">'),
        ('<a href="javascript:alert(1)">点我</a>', '<a rel="noopener noreferrer">点我</a>'),
        ('<a href="../../../../module/download/downfile.jsp?filename=a.pdf">附件</a>',
         f'<a href="{DOWNLOAD}" rel="noopener noreferrer">附件</a>'),
        ('<a href="https://www.gov.cn/x.html" target="_blank" rel="opener">国务院</a>',
         '<a href="https://www.gov.cn/x.html" rel="noopener noreferrer">国务院</a>'),
        # Off-site images and 1×1 pixels are trackers; images elsewhere on the same site are content.
        ('<p>a<img src="https://stats.example.com/p.gif">b</p>', "<p>ab</p>"),
        ('<img src="/count.gif" width="1" height="1">', ""),
        ('<img src="/t.gif" style="width:1px;height:1px">', ""),
        (LOGO, LOGO),
        ('<img src="data:image/png;base64,AAAA">', ""),
        ('<iframe src="https://evil.example.com"></iframe><p>x</p>', "<p>x</p>"),
        ('<form action="/x"><input name="q"><button>搜</button></form>', "搜"),
        ('<table class="t" style="x"><tr><td colspan="2" width="5">甲</td></tr></table>',
         '<table><tbody><tr><td colspan="2">甲</td></tr></tbody></table>'),
        ('<h2>标题</h2><ul><li><strong>一</strong><em>二</em><sup>3</sup><sub>4</sub></li></ul>',
         "<h2>标题</h2><ul><li><strong>一</strong><em>二</em><sup>3</sup><sub>4</sub></li></ul>"),
        ('<font face="仿宋"><o:p>文</o:p></font>', "文"),
        ("纯文本 &lt;script&gt; 保留", "纯文本 &lt;script&gt; 保留"),
        ("", ""),
    ],
)
def test_sanitize(html: str, expected: str) -> None:
    assert sanitize_html(html, BASE) == expected


@pytest.mark.parametrize(
    ("url", "base", "expected"),
    [
        ("http://www.jiangsu.gov.cn/a.png", "http://da.jiangsu.gov.cn/art/1.html", True),
        ("http://www.zhejiang.gov.cn/a.png", "http://da.jiangsu.gov.cn/art/1.html", False),
        ("https://cdn.most.gov.cn/a.png", "https://www.most.gov.cn/x.html", True),
        ("https://example.com/a.png", "https://www.example.com/x.html", True),
        ("/relative.png", "https://www.most.gov.cn/x.html", False),
    ],
)
def test_same_site(url: str, base: str, expected: bool) -> None:
    assert same_site(url, base) is expected
