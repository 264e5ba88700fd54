"""Attachment links: which links are documents, their names, absolute URLs and types."""

from __future__ import annotations

import pytest
from lxml.html import fragment_fromstring

from crawler.extract.attachments import attachment_type, attachments_from_links, clean_name

K = "http://kjt.zj.gov.cn"
BASE = f"{K}/art/2019/6/5/art_1229080140_123.html"
MOST_DIR = "https://www.most.gov.cn/xxgk/xinxifenlei/fdzdgknr/fgzc/bmgz/202602"
MOST = f"{MOST_DIR}/t20260211_195895.html"


def found(html: str, base: str = BASE) -> list[tuple[str, str, str | None]]:
    root = fragment_fromstring(html, create_parent="div")
    return [(a.name, a.url, a.type) for a in attachments_from_links(root.iter("a"), base)]


@pytest.mark.parametrize(
    ("html", "base", "expected"),
    [
        (
            '<a href="/module/download/downfile.jsp?classid=0&filename=2019060512345.pdf">附件1：申报指南</a>',
            BASE,
            [("申报指南", f"{K}/module/download/downfile.jsp?classid=0&filename=2019060512345.pdf", "pdf")],
        ),
        (
            '<a href="/attach/-1/1906051234567.docx">附件：2. 申报书模板.docx</a>',
            BASE,
            [("2. 申报书模板.docx", f"{K}/attach/-1/1906051234567.docx", "docx")],
        ),
        (
            '<a href="./W020260211512345678901.pdf">1.科学技术活动违规行为调查处理规定</a>',
            MOST,
            [("科学技术活动违规行为调查处理规定", f"{MOST_DIR}/W020260211512345678901.pdf", "pdf")],
        ),
        ('<a href="/a/b.WPS">征求意见表</a>', BASE, [("征求意见表", f"{K}/a/b.WPS", "wps")]),
        ('<a href="/a/b.ofd">文件</a>', BASE, [("文件", f"{K}/a/b.ofd", "ofd")]),
        ('<a href="/a/list.et">名单</a>', BASE, [("名单", f"{K}/a/list.et", "et")]),
        ('<a href="/a/x.rar">材料</a><a href="/a/y.zip">材料2</a>'
         '<a href="/a/z.xls">表</a><a href="/a/w.xlsx">表2</a>',
         BASE,
         [("材料", f"{K}/a/x.rar", "rar"), ("材料2", f"{K}/a/y.zip", "zip"),
          ("表", f"{K}/a/z.xls", "xls"), ("表2", f"{K}/a/w.xlsx", "xlsx")]),
        # The link is opaque; the link text names the file.
        ('<a href="/download.jsp?id=77">2025年项目清单.xlsx</a>', BASE,
         [("2025年项目清单.xlsx", f"{K}/download.jsp?id=77", "xlsx")]),
        # Icon link and text link to one file: one attachment with the real name.
        ('<a href="/f/a.pdf"><img src="/i/pdf.gif"></a> <a href="/f/a.pdf">实施方案</a>', BASE,
         [("实施方案", f"{K}/f/a.pdf", "pdf")]),
        # A generic link text falls back to the title attribute.
        ('<a href="/f/b.doc" title="意见反馈表">点击下载</a>', BASE, [("意见反馈表", f"{K}/f/b.doc", "doc")]),
        ('<a href="https://oss.example.com/bucket/abc.pdf">通知</a>', BASE,
         [("通知", "https://oss.example.com/bucket/abc.pdf", "pdf")]),
        ('<a href="/col/col123/index.html">栏目</a><a href="javascript:void(0)">打印</a><a href="#top">顶部</a>'
         '<a href="mailto:a@b.cn">邮件</a>', BASE, []),
    ],
)
def test_find_attachments(html: str, base: str, expected: list[tuple[str, str, str | None]]) -> None:
    assert found(html, base) == expected


@pytest.mark.parametrize(
    ("url", "name", "expected"),
    [
        ("http://x.gov.cn/a.PDF", None, "pdf"),
        ("http://x.gov.cn/module/download/downfile.jsp?classid=0&filename=abc.docx", None, "docx"),
        ("http://x.gov.cn/download?id=1", "附件.wps", "wps"),
        ("http://x.gov.cn/a.html", "说明", None),
        ("http://x.gov.cn/%E9%99%84%E4%BB%B6.xls", None, "xls"),
    ],
)
def test_attachment_type(url: str, name: str | None, expected: str | None) -> None:
    assert attachment_type(url, name) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("附件1：申报指南", "申报指南"),
        ("附件：申报指南.pdf", "申报指南.pdf"),
        ("附件 2、 汇总表", "汇总表"),
        ("1.申报指南", "申报指南"),
        ("（2）汇总表", "汇总表"),
        ("2025年申报指南", "2025年申报指南"),
        ("1.2亿元项目清单", "1.2亿元项目清单"),
        ("  申报\u3000指南  ", "申报 指南"),
        ("附件", "附件"),
    ],
)
def test_clean_name(text: str, expected: str) -> None:
    assert clean_name(text) == expected
