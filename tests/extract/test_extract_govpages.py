"""Failure classes seen on government article pages the project had not been developed on (a held-out set
read by hand): each pinned with our own small markup."""

from __future__ import annotations

import pytest

from crawler.extract.docnumber import is_doc_number_line
from crawler.extract.fields import extract_fields
from crawler.extract.values import clean_field_value

PARAGRAPHS = "".join(
    f"<p>第{n}段：为进一步加强管理，现将有关事项通知如下，请认真贯彻执行并及时报告工作进展情况。</p>" for n in range(1, 4)
)


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("某某采购网 【打印】", "某某采购网"),  # a bracketed button after the value
        ("某某采购网 【", "某某采购网"),  # the bracket the button left open
        ("某某日报 [关闭窗口]", "某某日报"),
        ("[省某某委]", "省某某委"),  # an unlabelled 来源 printed in brackets
        ("【某某市某某局】", "某某市某某局"),
        ("某某日报（海外版）", "某某日报（海外版）"),  # brackets inside a name stay
    ],
)
def test_brackets_around_or_after_a_field_value(raw: str, expected: str) -> None:
    assert clean_field_value(raw) == expected


def test_a_bracketed_source_beside_the_date_is_the_source() -> None:
    html = (
        "<html><head><title>某某工作取得进展_部门动态_某某省人民政府</title></head><body>"
        '<div class="main"><h3>某某工作取得进展</h3>'
        '<h5 class="ly"><span>[省某某委]</span>&nbsp;&nbsp;2016-04-01&nbsp;&nbsp;字号：<a href="#">T</a> | <a href="#">T</a></h5>'
        f'<div class="TRS_Editor">{PARAGRAPHS}</div></div></body></html>'
    )
    fields = extract_fields(html, "http://www.example.gov.cn/xw/bmdt/")
    assert fields.source == "省某某委"
    assert fields.published is not None and fields.published.date().isoformat() == "2016-04-01"


def test_a_print_button_in_brackets_after_the_source_is_not_part_of_it() -> None:
    html = (
        "<html><head><title>某某项目中标结果公告</title></head><body>"
        '<div class="detail"><h2 class="tc">某某项目中标结果公告</h2>'
        '<p class="tc"><span id="pubTime">2025年05月27日 20:20</span> 来源：<span id="sourceName">某某采购网</span>'
        ' 【<span id="printBtn">打印</span>】</p>'
        f'<div class="content">{PARAGRAPHS}</div></div></body></html>'
    )
    assert extract_fields(html, "http://www.example.gov.cn/cggg/").source == "某某采购网"


def test_a_hidden_summary_table_is_not_the_body() -> None:
    names = "、".join(f"专家{n:03d}" for n in range(200))  # a long list in a collapsed summary
    cell_style = 'style="line-height: 50px; font-size: 26px; display: block;"'
    html = (
        "<html><head><title>某某项目中标结果公告</title></head><body>"
        '<div class="top"><p class="cl">某某网站是某某信息发布媒体 服务热线：400-000-0000</p></div>'
        '<div class="detail"><h2>某某项目中标结果公告</h2>'
        '<div class="table" style="display: none;"><table><tr><td class="title">评审专家名单</td>'
        f"<td>{names}</td></tr></table></div>"
        '<div class="detail_content"><table><tr><td>'
        f"<span {cell_style}>一、项目编号：XM0001</span>"
        f"<span {cell_style}>二、项目名称：某某中学空调采购，经评审确定中标供应商如下，公告期限三个工作日。</span>"
        f"<span {cell_style}>三、中标供应商名称：某某科技有限公司，中标金额人民币一百万元整。</span>"
        f"<span {cell_style}>四、凡对本次公告内容提出询问，请按以下方式联系采购人及代理机构。</span>"
        "</td></tr></table></div></div></body></html>"
    )
    fields = extract_fields(html, "http://www.example.gov.cn/cggg/")
    assert fields.body_text.startswith("一、项目编号：XM0001")
    assert "专家001" not in fields.body_text


def _notice(header: str, body: str = PARAGRAPHS) -> str:
    return (
        "<html><head><title>某某厅关于开展某某工作的通知_某某省某某厅</title></head><body>"
        f"<div class='main'><h1>某某厅关于开展某某工作的通知</h1>{header}<div id='zoom'>{body}</div></div>"
        "<div class='footer'>版权所有：某某省某某厅</div></body></html>"
    )


def test_labels_padded_with_spaces_in_a_line_of_spans() -> None:
    header = (
        "<div class='info'><span>索 引 号：11330000/2024-00012</span>\n<span>发文机关：某某省某某厅</span>\n"
        "<span>文　　号：某科发〔2024〕3号</span>\n<span>发布日期：2024-05-09</span></div>"
    )
    fields = extract_fields(_notice(header), "http://www.example.gov.cn/art/1.html")
    assert (fields.index_number, fields.issuer, fields.doc_number) == (
        "11330000/2024-00012", "某某省某某厅", "某科发〔2024〕3号")


@pytest.mark.parametrize(
    ("lines", "expected"),
    [
        (["某某部令2024年第3号"], "某某部令2024年第3号"),  # orders numbered by year
        (["中华人民共和国某某部令", "2024年第3号"], "中华人民共和国某某部令2024年第3号"),  # on two lines
        (["某某部令（2024年第3号）"], "某某部令2024年第3号"),
        (["公告2024年第3号"], "公告2024年第3号"),  # the agency named elsewhere on the page
        (["通告 （2024年第3号）"], "通告2024年第3号"),
    ],
)
def test_order_and_notice_numbers_at_the_top_of_the_text(lines: list[str], expected: str) -> None:
    centred = "".join(f"<p style='text-align:center'>{line}</p>" for line in lines)
    fields = extract_fields(_notice("<p>发布时间：2024-05-09</p>", centred + PARAGRAPHS),
                            "http://www.example.gov.cn/art/1.html")
    assert fields.doc_number == expected


def test_a_sentence_citing_a_notice_is_no_doc_number() -> None:
    body = "<p>根据某某局关于发布某某标准的公告（2024年第12号）要求，现将有关事项通知如下，请遵照执行。</p>" + PARAGRAPHS
    fields = extract_fields(_notice("<p>发布时间：2024-05-09</p>", body), "http://www.example.gov.cn/art/1.html")
    assert fields.doc_number is None


def test_a_byline_led_by_its_date_is_cut_off_the_text() -> None:
    html = (
        "<html><head><title>某某厅关于开展某某工作的通知 - 某某市人民政府</title></head><body>"
        "<h1 class='logo'>某某市人民政府</h1><div class='detail'><h2>某某厅关于开展某某工作的通知</h2>"
        f"<p>2024-05-09 来源：市政府办公室</p>{PARAGRAPHS}</div></body></html>"
    )
    fields = extract_fields(html, "http://www.example.gov.cn/col/1.html")
    assert fields.body_text.startswith("第1段")
    assert fields.source == "市政府办公室"


def test_a_date_alone_above_the_text_stays_in_it() -> None:
    html = (
        "<html><head><title>某某发言人讲话</title></head><body><h1>某某发言人讲话</h1>"
        "<p>发布时间：2024-05-10</p><div class='content'><p>2024年5月9日</p>"
        f"<p>女士们、先生们：</p>{PARAGRAPHS}</div></body></html>"
    )
    assert extract_fields(html, "http://www.example.gov.cn/col/1.html").body_text.startswith("2024年5月9日")


def test_labels_in_brackets_end_their_values_at_the_bracket() -> None:
    header = "<div class='info'>【发布单位：某某局】【发布时间：2024-05-09】【字号：大 中 小】</div>"
    fields = extract_fields(_notice(header), "http://www.example.gov.cn/col/1.html")
    assert fields.issuer == "某某局"
    assert fields.published is not None and fields.published.date().isoformat() == "2024-05-09"


def test_a_credit_written_with_a_slash_is_the_author() -> None:
    fields = extract_fields(_notice("<p>2024-05-09 来源：某某日报 文/张三 李四</p>"),
                            "http://www.example.gov.cn/col/1.html")
    assert (fields.source, fields.author) == ("某某日报", "张三 李四")


@pytest.mark.parametrize("empty", ["发布时间：", "作者：", "发布时间： 作者："])
def test_an_empty_label_does_not_swallow_the_next_one(empty: str) -> None:
    fields = extract_fields(_notice(f"<p>{empty} 来源：某某局 浏览次数：12</p>"), "http://www.example.gov.cn/col/1.html")
    assert fields.source == "某某局"


def test_a_doc_number_line_between_the_title_and_the_byline() -> None:
    header = "<p style='text-align:center'>某发〔2024〕5号</p><p>发布时间：2024-05-09</p>"
    assert extract_fields(_notice(header), "http://www.example.gov.cn/col/1.html").doc_number == "某发〔2024〕5号"


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        ("某某局关于印发某某办法的通知（某发〔2024〕5号）", "某发〔2024〕5号"),  # the document's own number
        ("某某局关于转发《某某办法》（某发〔2024〕5号）的通知", None),  # the number of the document forwarded
        ("某某条例（2024年修订）", None),
    ],
)
def test_a_doc_number_closing_the_title(title: str, expected: str | None) -> None:
    html = (f"<html><head><title>{title}</title></head><body><h1>{title}</h1><p>发布时间：2024-05-09</p>"
            f"<div class='content'>{PARAGRAPHS}</div></body></html>")
    assert extract_fields(html, "http://www.example.gov.cn/col/1.html").doc_number == expected


def test_the_department_heading_is_not_the_title_when_title_names_only_the_site() -> None:
    html = (
        "<html><head><title>某某省某某厅</title></head><body><div class='top'><h1>某某省某某厅</h1></div>"
        "<div class='art'><h2>某某厅关于开展某某工作的通知</h2><p>发布时间：2024-05-09</p>"
        f"<div class='con'>{PARAGRAPHS}</div></div></body></html>"
    )
    assert extract_fields(html, "http://www.example.gov.cn/col/1.html").title == "某某厅关于开展某某工作的通知"


def test_a_short_title_equal_to_the_html_title_stays() -> None:
    html = (
        "<html><head><title>某某厅关于开展某某工作的通知</title></head><body><h1>某某厅关于开展某某工作的通知</h1>"
        f"<h2>——某某专项行动实施方案</h2><p>发布时间：2024-05-09</p><div class='con'>{PARAGRAPHS}</div></body></html>"
    )
    assert extract_fields(html, "http://www.example.gov.cn/col/1.html").title == "某某厅关于开展某某工作的通知"


def test_dated_links_between_title_and_body_are_no_byline() -> None:
    related = ("<div class='xgwj'><ul><li><a href='/a/1.html'>另一份通知</a> 2023-01-02</li></ul></div>"
               "<ul><li><a href='/a/2.html'>第二份通知</a><span>2023-02-03</span></li>"
               "<li><a href='/a/3.html'>第三份通知</a><span>2023-03-04</span></li></ul>")
    fields = extract_fields(_notice(related), "http://www.example.gov.cn/col/1.html")
    assert (fields.published, fields.source) == (None, None)


@pytest.mark.parametrize(
    ("url", "day"),
    [
        ("http://www.example.gov.cn/c/2024-05-09/123.shtml", "2024-05-09"),
        ("http://www.example.gov.cn/2024/0509/c123a456/page.htm", "2024-05-09"),
        ("http://www.example.gov.cn/2024/1399/c1a2/page.htm", None),  # not a month and day
    ],
)
def test_more_dated_url_paths(url: str, day: str | None) -> None:
    html = f"<html><head><title>某某通知</title></head><body><h1>某某通知</h1><div class='con'>{PARAGRAPHS}</div></body></html>"
    published = extract_fields(html, url).published
    assert (published.date().isoformat() if published else None) == day


def test_a_notice_framed_in_a_table_keeps_its_letterhead_rows() -> None:
    cell = "display: block; line-height: 50px;"
    items = "".join(f"<span style='{cell}'>{n}、第{n}项：经评审确定中标供应商如下，公告期限为三个工作日，特此公告。</span>"
                    for n in "一二三四")
    html = (
        "<html><head><title>某某项目中标结果公告</title></head><body><h2>某某项目中标结果公告</h2>"
        "<p>2025-05-27 来源：某某采购网</p><div class='detail_content'><table>"
        "<tr><td>某某交易中心</td></tr><tr><td>中标（成交）结果公告</td></tr>"
        f"<tr><td>{items}</td></tr></table></div></body></html>"
    )
    body = extract_fields(html, "http://www.example.gov.cn/cggg/").body_text
    assert body.startswith("某某交易中心")
    assert body.endswith("特此公告。")


def test_a_layout_table_cell_is_not_widened_to_the_whole_page() -> None:
    menu = "".join(f"<a href='/c{n}/'>栏目{n}</a> " for n in range(30))
    html = (
        "<html><head><title>某某通知</title></head><body><table><tr><td class='left'>"
        f"{menu}</td><td><h1>某某通知</h1>{PARAGRAPHS}</td></tr></table></body></html>"
    )
    assert "栏目1" not in extract_fields(html, "http://www.example.gov.cn/col/1.html").body_text


def test_an_editor_line_with_a_bracketed_button_is_cut_off_the_end() -> None:
    body = PARAGRAPHS + "<p style='text-align:right'>某某省某某厅</p><p>【我要纠错】 责任编辑：张三</p>"
    fields = extract_fields(_notice("<p>发布时间：2024-05-09</p>", body), "http://www.example.gov.cn/col/1.html")
    assert fields.body_text.endswith("某某省某某厅")
    assert fields.author is None


@pytest.mark.parametrize(
    "metadata",
    [
        # a label element and its value in the next element, without a colon
        "<div class='tb'><div><span>索引号</span><p>001/2024-01</p></div><div><span>发文机关</span><p>某某局</p></div>"
        "<div><span>发文字号</span><p>某发〔2024〕1号</p></div></div>",
        # …or with one, in label and value blocks
        "<div class='xxgk'><div class='label'>索 引 号：</div><div class='value'>001/2024-01</div>"
        "<div class='label'>发文机关：</div><div class='value'>某某局</div>"
        "<div class='label'>发文字号：</div><div class='value'>某发〔2024〕1号</div></div>",
    ],
)
def test_label_and_value_in_sibling_elements(metadata: str) -> None:
    html = (f"<html><head><title>某某通知</title></head><body>{metadata}<h1>某某通知</h1>"
            f"<div class='con'>{PARAGRAPHS}</div></body></html>")
    fields = extract_fields(html, "http://www.example.gov.cn/col/1.html")
    assert (fields.index_number, fields.issuer, fields.doc_number) == ("001/2024-01", "某某局", "某发〔2024〕1号")


def test_a_hidden_label_pair_says_nothing() -> None:
    metadata = "<div style='display:none'><span>发文机关</span><p>某某旧单位</p></div>"
    html = (f"<html><head><title>某某通知</title></head><body>{metadata}<h1>某某通知</h1>"
            f"<div class='con'>{PARAGRAPHS}</div></body></html>")
    assert extract_fields(html, "http://www.example.gov.cn/col/1.html").issuer is None


@pytest.mark.parametrize(
    ("labels", "expected"),
    [
        (("信息索取号", "发文部门", "文件字号"), ("001/2024-01", "某某局", "某发〔2024〕1号")),
        (("索取号", "发布部门", "发布文号"), ("001/2024-01", "某某局", "某发〔2024〕1号")),
    ],
)
def test_more_label_words(labels: tuple[str, str, str], expected: tuple[str, str, str]) -> None:
    cells = "".join(f"<tr><td>{label}：</td><td>{value}</td></tr>" for label, value in zip(labels, expected, strict=True))
    html = (f"<html><head><title>某某通知</title></head><body><table>{cells}</table><h1>某某通知</h1>"
            f"<div class='con'>{PARAGRAPHS}</div></body></html>")
    fields = extract_fields(html, "http://www.example.gov.cn/col/1.html")
    assert (fields.index_number, fields.issuer, fields.doc_number) == expected


@pytest.mark.parametrize(
    "line",
    [
        "【发布机构】某某省某某厅 【发布日期】2024-03-01 【文号】某某发〔2024〕5号",
        "【发 布 机 构】 某某省某某厅【发布日期】 2024-03-01【文　号】某某发〔2024〕5号 【打印】【关闭】",
    ],
)
def test_bracketed_labels_without_a_colon(line: str) -> None:
    html = (f"<html><head><title>关于开展检查的通知</title></head><body><h1>关于开展检查的通知</h1>"
            f"<div class='info'>{line}</div><div class='con'>{PARAGRAPHS}</div></body></html>")
    fields = extract_fields(html, "http://www.example.gov.cn/col/art_1.html")
    assert (fields.issuer, fields.doc_number) == ("某某省某某厅", "某某发〔2024〕5号")
    assert fields.published is not None and fields.published.date().isoformat() == "2024-03-01"
    assert fields.body_text.startswith("第1段")


def test_bracketed_buttons_are_not_labels() -> None:
    html = ("<html><head><title>关于开展检查的通知</title></head><body><h1>关于开展检查的通知</h1>"
            f"<div class='tools'>【打印本页】【关闭窗口】【字体 大 中 小】</div><div class='con'>{PARAGRAPHS}</div></body></html>")
    fields = extract_fields(html, "http://www.example.gov.cn/col/art_1.html")
    assert (fields.issuer, fields.doc_number, fields.source, fields.published) == (None, None, None, None)


def _titled(title: str, first_lines: str = "") -> str:
    return (f"<html><head><title>{title}</title></head><body><h1>{title}</h1>"
            f"<div class='con'>{first_lines}{PARAGRAPHS}</div></body></html>")


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        ("某某局关于某某事项的公告（2024年第3号）", "某某局公告2024年第3号"),
        ("某某部 某某总局关于延续某某政策的公告（2022年第28号）", "某某部 某某总局公告2022年第28号"),
        ("关于发布某某目录的通告(2023年第12号)", "通告2023年第12号"),
        ("某某局公告（2024年第3号）", "某某局公告2024年第3号"),
        ("某某部令（第四十三号）", "某某部令第四十三号"),
        ("关于某某工作的通知（2024年第3号）", None),  # a notice's 号 only after 公告/通告
        ("关于某某的公示（2026年第二批）", None),  # a batch, not a number
    ],
)
def test_a_number_closing_a_notice_or_order_title(title: str, expected: str | None) -> None:
    assert extract_fields(_titled(title), "http://www.example.gov.cn/col/art_1.html").doc_number == expected


def test_an_order_named_by_the_title_numbered_by_the_first_line() -> None:
    html = _titled("中华人民共和国某某部令", "<p style='text-align:center'>第四十三号</p>")
    assert extract_fields(html, "http://www.example.gov.cn/col/art_1.html").doc_number == "中华人民共和国某某部令第四十三号"


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("某科发〔2024〕12号 某财教〔2024〕3号", "某科发〔2024〕12号"),  # a joint document: the lead agency's number
        ("科发〔2024〕12号、财教〔2024〕3号、农发〔2024〕1号", "科发〔2024〕12号"),
        ("根据某科发〔2024〕12号 某财教〔2024〕3号", None),  # running text citing numbers
    ],
)
def test_a_line_of_joint_numbers(line: str, expected: str | None) -> None:
    assert is_doc_number_line(line) == expected


@pytest.mark.parametrize("pad", [" ", "\u3000", "\xa0", "\u2002", "\u2003", "\n"])
def test_label_cells_and_label_elements_padded_with_any_space(pad: str) -> None:
    metadata = (f"<table><tr><td>索{pad}引{pad}号：</td><td>001/2024-01</td></tr>"
                f"<tr><th><b>发{pad}文{pad}机{pad}关</b></th><td>某某局</td></tr></table>"
                f"<div><span>文{pad}{pad}号</span><p>某发〔2024〕1号</p></div>")
    html = (f"<html><head><title>某某通知</title></head><body>{metadata}<h1>某某通知</h1>"
            f"<div class='con'>{PARAGRAPHS}</div></body></html>")
    fields = extract_fields(html, "http://www.example.gov.cn/col/1.html")
    assert (fields.index_number, fields.issuer, fields.doc_number) == ("001/2024-01", "某某局", "某发〔2024〕1号")


@pytest.mark.parametrize(
    "placeholder", ["{{data.docSource}}", "${source}", "$!{source}", "{$source}", "#{source}", "<%=source%>"]
)
def test_an_unrendered_template_placeholder_is_no_value(placeholder: str) -> None:
    assert clean_field_value(placeholder) is None
    assert clean_field_value(f"某某日报 {placeholder}") == "某某日报"


def test_placeholders_in_a_byline_and_a_metadata_table_give_no_fields() -> None:
    html = ("<html><head><title>关于开展检查的通知</title></head><body>"
            "<table><tr><td>发布机构：</td><td>{{data.publisher}}</td></tr></table><h1>关于开展检查的通知</h1>"
            "<div class='info'>发布时间：2024-03-01 来源：{{data.docSource}} 作者：${author}</div>"
            f"<div class='con'>{PARAGRAPHS}</div></body></html>")
    fields = extract_fields(html, "http://www.example.gov.cn/col/art_1.html")
    assert (fields.source, fields.author, fields.issuer) == (None, None, None)
    assert fields.published is not None and fields.published.date().isoformat() == "2024-03-01"
