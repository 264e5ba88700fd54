"""The Hanweb path on synthetic pages: meta tags, span.fbrq, 信息来源 markers, #zoom + ZJEG markers."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from crawler.extract.fields import extract_fields
from crawler.util.china_time import CHINA_TZ

SITE = "http://kjt.zj.gov.cn"
URL = f"{SITE}/art/2019/6/5/art_1229080140_123.html"
TITLE = "关于组织申报2019年度省重点研发计划项目的通知"
META = f"""<meta name="SiteName" content="浙江省科学技术厅">
<meta name="ArticleTitle" content="{TITLE}">
<meta name="PubDate" content="{{pubdate}}">
<meta name="ContentSource" content="">
<meta name="Url" content="{URL}">"""
BODY = """<p style="text-align:center">浙科发[2019]12号</p>
<p>各市、县（市、区）科技局，各有关单位：</p>
<p>　　为贯彻落实省委省政府决策部署，现组织申报2019年度省重点研发计划项目，省财政安排4-5亿元予以支持。</p>
<p>附件：<a href="/module/download/downfile.jsp?classid=0&amp;filename=1906051234.pdf">1.申报指南.pdf</a></p>
<p><a href="/attach/-1/1906051235.docx">2.申报书模板.docx</a></p>
<p style="text-align:right">浙江省科学技术厅</p>"""
ZJEG_BEGIN, ZJEG_END = "<!--ZJEG_RSS.content.begin-->", "<!--ZJEG_RSS.content.end-->"


def hanweb_page(meta: str = "", zoom_body: str = BODY, fbrq: str = "发布日期：2019-06-05", extra: str = "") -> str:
    return f"""<!DOCTYPE html><html><head><meta charset="utf-8">
<title>{TITLE} 浙江省科学技术厅</title>{meta}</head><body>
<div class="nav"><a href="/">首页</a><a href="/col/col1228971341/index.html">通知公告</a></div>
<div class="article"><div class="title">{TITLE}</div>
<div class="info"><span class="fbrq">{fbrq}</span>
<span>信息来源：<!--<$[信息来源]>begin-->浙江省科技厅<!--<$[信息来源]>end--></span>
<span>浏览次数：<script>document.write(123)</script>次</span></div>
<div id="zoom">{ZJEG_BEGIN}<meta name="ContentStart">{zoom_body}<meta name="ContentEnd">{ZJEG_END}</div>
<div class="share"><a href="http://service.weibo.com/share/share.php">微博</a></div></div>{extra}
<div class="footer">版权所有：浙江省科学技术厅 <a href="/download/app.pdf">客户端说明</a></div>
<script>var _hmt = _hmt || [];</script></body></html>"""


def cn(*parts: int) -> datetime:
    return datetime(*parts, tzinfo=CHINA_TZ)  # type: ignore[misc]


def test_full_hanweb_page() -> None:
    fields = extract_fields(hanweb_page(META.format(pubdate="2019-06-05 09:12")), URL)
    assert fields.title == TITLE
    assert fields.published == cn(2019, 6, 5, 9, 12)  # same day as 发布日期, and more precise
    assert fields.source == "浙江省科技厅"  # empty ContentSource meta; the Hanweb marker has it
    assert fields.doc_number == "浙科发〔2019〕12号"  # the centred line under the title
    assert fields.body_text.startswith("浙科发[2019]12号\n各市、县（市、区）科技局，各有关单位：\n为贯彻落实")
    assert fields.body_text.endswith("2.申报书模板.docx\n浙江省科学技术厅")
    assert [(a.name, a.url, a.type) for a in fields.attachments] == [
        ("申报指南.pdf", f"{SITE}/module/download/downfile.jsp?classid=0&filename=1906051234.pdf", "pdf"),
        ("申报书模板.docx", f"{SITE}/attach/-1/1906051235.docx", "docx"),
    ]
    assert fields.amounts == ["4–5亿元"]
    assert fields.topics == ["science-funding"]
    assert fields.comment_deadline is None and fields.comment_channel is None
    assert "浏览次数" not in fields.body_text and "document.write" not in fields.body_text


@pytest.mark.parametrize(
    ("meta", "fbrq", "published", "noted"),
    [
        ("", "发布日期：2019-06-05", cn(2019, 6, 5), False),  # no meta: the visible date, local midnight
        (META.format(pubdate="2019-06-10 08:00"), "发布日期：2019-06-05", cn(2019, 6, 5), True),  # page wins
        (META.format(pubdate="2019-06-05 09:12"), "发布时间：2019年6月5日 09:12:30",
         cn(2019, 6, 5, 9, 12, 30), False),
        (META.format(pubdate="2019-06-05 09:12"), "", cn(2019, 6, 5, 9, 12), False),
        ("", "", cn(2019, 6, 5), True),  # nothing on the page: /art/2019/6/5/ in the URL
    ],
)
def test_published_cross_check(meta: str, fbrq: str, published: datetime, noted: bool) -> None:
    fields = extract_fields(hanweb_page(meta, fbrq=fbrq), URL)
    assert fields.published == published
    assert any(note.startswith("published:") for note in fields.notes) is noted


# Hanweb templates strip their own field markers in JavaScript; that code is not a field value.
MARKER_SCRIPT = """<script>var title = "x"; title = title.replace("<!--<$[标题]>begin-->","");
title = title.replace("<!--<$[标题]>end-->","");</script>"""


def test_without_meta_tags_the_heuristics_find_everything() -> None:
    fields = extract_fields(hanweb_page(extra=MARKER_SCRIPT), URL)
    assert fields.title == TITLE  # from div.title… via <title> cross-check, not the nav
    assert fields.source == "浙江省科技厅"
    assert fields.doc_number == "浙科发〔2019〕12号"


def test_gbk_bytes_decode_to_the_same_fields() -> None:
    html = hanweb_page(META.format(pubdate="2019-06-05 09:12")).replace('<meta charset="utf-8">',
                                                                      '<meta charset="gb2312">')
    from_bytes = extract_fields(html.encode("gb18030"), URL)
    from_text = extract_fields(html, URL)
    assert from_bytes.to_json() == from_text.to_json()


def test_mobile_copy_of_the_body_is_ignored() -> None:
    mobile = f'<div id="sjd"><div id="zoom">{ZJEG_BEGIN}{BODY}{ZJEG_END}</div></div>'
    fields = extract_fields(hanweb_page(META.format(pubdate="2019-06-05 09:12"), extra=mobile), URL)
    assert fields.body_text.count("各市、县（市、区）科技局") == 1
    assert len(fields.attachments) == 2


def test_draft_for_comment() -> None:
    body = """<p>为加快生命健康科技创新，我厅起草了《浙江省加快生命健康科技创新发展实施意见（征求意见稿）》，
现公开征求意见。支持细胞治疗、干细胞和第三类医疗器械创新。</p>
<p>请于2019年6月20日前将意见通过电子邮件发送至kjtzcc@zj.gov.cn，或传真至0571-87054006。</p>
<p>附件：<a href="/attach/-1/1906051236.wps">征求意见稿.wps</a></p>"""
    draft_meta = META.format(pubdate="2019-06-05 09:12").replace(TITLE, "关于公开征求意见的通知")
    fields = extract_fields(hanweb_page(draft_meta, zoom_body=body), URL)
    assert fields.comment_deadline == date(2019, 6, 20)
    assert fields.comment_channel == "电子邮箱：kjtzcc@zj.gov.cn；传真：0571-87054006"
    assert fields.topics == [
        "cell-therapy", "stem-cells", "medical-devices", "class-iii-devices", "biomedicine"
    ]
    assert [(a.name, a.type) for a in fields.attachments] == [("征求意见稿.wps", "wps")]


def test_new_zhejiang_layout_article_conter() -> None:
    html = f"""<html><head><meta name="ArticleTitle" content="{TITLE}">
<meta name="PubDate" content="2024-03-01 10:00">
<meta name="ContenSource" content="浙江省科学技术厅"></head><body><div class="article-conter">{BODY}</div>
<div class="fenxiang">分享到：微信</div></body></html>"""
    jpaas_url = "https://kjt.zj.gov.cn/col/col1229080140/art/2024/art_0123456789abcdef0123456789abcdef.html"
    fields = extract_fields(html, jpaas_url)
    assert fields.source == "浙江省科学技术厅"  # the misspelt ContenSource meta
    assert fields.published == cn(2024, 3, 1, 10, 0)
    assert fields.body_text.startswith("浙科发[2019]12号") and "分享到" not in fields.body_text


@pytest.mark.parametrize(
    ("info", "expected"),
    [
        ("日期：2019-06-05", datetime(2019, 6, 5, tzinfo=CHINA_TZ)),
        ("发布时间：2019年06月05日 10:30", datetime(2019, 6, 5, 10, 30, tzinfo=CHINA_TZ)),
        ("成文日期：2019-06-01", datetime(2019, 6, 5, tzinfo=CHINA_TZ)),  # not a publication date: URL
    ],
)
def test_visible_date_labels(info: str, expected: datetime) -> None:
    assert extract_fields(hanweb_page(fbrq=info), URL).published == expected
