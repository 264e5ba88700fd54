"""extract_fields as a whole: the JSON shape, layer precedence, selectors, labelled tables, odd input."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from crawler.extract.amounts import find_amounts
from crawler.extract.dates import find_date
from crawler.extract.docnumber import find_doc_number
from crawler.extract.drafts import find_comment_deadline
from crawler.extract.fields import ExtractedFields, extract_fields
from crawler.extract.page import SelectorSyntaxError
from crawler.util.china_time import CHINA_TZ

URL = "https://www.nmpa.gov.cn/xxgk/fgwj/gzwj/gzwjyp/20240105170000123.html"
NMPA_NORMATIVE = """<html><head><meta name="ArticleTitle" content="国家药监局关于发布药品注册检验工作程序的公告">
<meta name="PubDate" content="2024-01-05 17:00"><meta name="ContentSource" content="国家药品监督管理局"></head>
<body><div class="wenzhang"><table class="wenzhang-table">
<tr><td class="bg">索引号</td><td>FGWJ-2024-12</td><td class="bg">主题分类</td><td>药品注册</td></tr>
<tr><td class="bg">发布日期</td><td>2024年01月05日</td><td class="bg">文号</td><td>国家药监局公告（2024年第3号）</td></tr>
<tr><td class="bg">成文日期</td><td>2024-01-02</td><td class="bg">有效性</td><td>有效</td></tr>
</table><h2 class="title">国家药监局关于发布药品注册检验工作程序的公告</h2>
<div class="date">发布时间：2024-01-05</div><div class="text"><p>为规范药品注册检验工作，现予发布。</p>
<p>特此公告。</p></div></div></body></html>"""
JSON_KEYS = {
    "title", "subtitle", "published", "written", "source", "author", "issuer", "doc_number", "index_number", "validity",
    "body_text", "attachments", "comment_deadline", "topics", "comment_channel", "amounts", "topic_category",
    "body_html",
}


def test_labelled_table_and_json_shape() -> None:
    fields = extract_fields(NMPA_NORMATIVE, URL)
    data = fields.to_json()
    assert set(data) == JSON_KEYS
    assert data["published"] == "2024-01-05T17:00:00+08:00"
    assert data["written"] == "2024-01-02"
    assert (data["index_number"], data["topic_category"], data["validity"]) == ("FGWJ-2024-12", "药品注册", "有效")
    assert data["doc_number"] == "国家药监局公告2024年第3号"
    assert data["body_text"] == "为规范药品注册检验工作，现予发布。\n特此公告。"
    assert data["source"] == "国家药品监督管理局"
    assert "drug-review" in data["topics"]


def test_empty_result_serializes() -> None:
    data = ExtractedFields().to_json()
    assert set(data) == JSON_KEYS
    assert data["published"] is None and data["attachments"] == [] and data["body_text"] == ""


@pytest.mark.parametrize(
    "html", ["", "   ", "<!-- nothing -->", b"", "<?xml version='1.0' encoding='utf-8'?><p>正文</p>"]
)
def test_odd_input_does_not_raise(html: str | bytes) -> None:
    fields = extract_fields(html, "http://x.gov.cn/a.html")
    assert isinstance(fields.body_text, str)


CUSTOM = """<html><head><title>某局网站</title></head><body>
<h1>某局网站</h1><div class="hd"><span class="tt">自定义布局的文章标题</span>
<em class="when">2023年3月8日</em><em class="who">来源：某市科技局</em><em class="no">某科发〔2023〕8号</em></div>
<div class="detail-body"><p>第一段内容，篇幅足够长以便识别。</p><p>第二段内容。</p></div>
<div class="files"><a href="/f/download?id=9">项目汇总表</a></div></body></html>"""
SELECTORS = {"title": "span.tt", "published": "em.when", "source": "em.who", "doc_number": "em.no",
             "body": "div.detail-body", "attachments": "div.files"}


def test_per_source_selectors() -> None:
    fields = extract_fields(CUSTOM, "http://kj.example.gov.cn/news/1.html", SELECTORS)
    assert fields.title == "自定义布局的文章标题"
    assert fields.published == datetime(2023, 3, 8, tzinfo=CHINA_TZ)
    assert fields.source == "某市科技局"
    assert fields.doc_number == "某科发〔2023〕8号"
    assert fields.body_text == "第一段内容，篇幅足够长以便识别。\n第二段内容。"
    assert [(a.name, a.url, a.type) for a in fields.attachments] == [
        ("项目汇总表", "http://kj.example.gov.cn/f/download?id=9", None)
    ]


def test_meta_tags_outrank_selectors_and_headings() -> None:
    html = CUSTOM.replace("<head>", '<head><meta name="ArticleTitle" content="元数据里的标题">')
    assert extract_fields(html, "http://kj.example.gov.cn/1.html", SELECTORS).title == "元数据里的标题"
    assert extract_fields(CUSTOM, "http://kj.example.gov.cn/1.html").title != "自定义布局的文章标题"


def test_truncated_meta_title_gives_way_to_the_full_heading() -> None:
    html = ('<html><head><meta name="ArticleTitle" content="关于开展2024年度医疗器械...">'
            '<title>关于开展2024年度医疗器械飞行检查的通知</title></head><body>'
            "<h1>关于开展2024年度医疗器械飞行检查的通知</h1><div id='zoom'><p>正文。</p></div></body></html>")
    assert extract_fields(html, "http://x.gov.cn/1.html").title == "关于开展2024年度医疗器械飞行检查的通知"


def test_bad_selector_says_which() -> None:
    with pytest.raises(SelectorSyntaxError, match="span..tt"):
        extract_fields(CUSTOM, "http://x.gov.cn/1.html", {"title": "span..tt"})


@settings(max_examples=60, deadline=None)
@given(st.one_of(st.binary(max_size=3000), st.text(max_size=3000)))
def test_never_raises_on_arbitrary_input(data: bytes | str) -> None:
    fields = extract_fields(data, "http://x.gov.cn/art/2019/6/5/art_1_2.html")
    assert set(fields.to_json()) == JSON_KEYS


@settings(max_examples=150, deadline=None)
@given(st.text(alphabet=st.sampled_from("0123456789年月日号〔〕[]()（）-/.:：令第发科浙二〇十一 元亿万"), max_size=60))
def test_text_helpers_never_raise(text: str) -> None:
    find_date(text)
    find_doc_number(text)
    find_amounts(text)
    find_comment_deadline(text, date(2025, 1, 1))
