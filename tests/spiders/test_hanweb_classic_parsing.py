"""Hanweb classic list parsing: embedded datastore units, jpage parameters, data-proxy answers."""

from __future__ import annotations

import html
from datetime import date

import pytest

from spiders.hanweb_classic_parsing import (
    ProxyAnswerError,
    entries_from_records,
    parse_column_page,
    parse_proxy_answer,
)
from tests.conftest import realpage

JIANGSU_COLUMN = "http://da.jiangsu.gov.cn/col/col91813/index.html"


def test_real_jiangsu_column_two_units_same_records() -> None:
    units = parse_column_page(realpage("jiangsu_list.html").read_text(encoding="utf-8"))
    assert [u.unit_id for u in units] == ["427612", "427618"]
    # The real total is 50; the bogus totalRecord:1000 of jpage_<unit>() must be ignored.
    assert all(u.total_records == 50 and u.per_page == 15 for u in units)
    assert units[0].params["webid"] == "18" and units[0].params["columnid"] == "91813"
    assert units[0].proxy_url == "/module/web/jpage/dataproxy.jsp"
    entries = entries_from_records(units[0].records + units[1].records, JIANGSU_COLUMN)
    assert len(entries) == 45
    first = entries[0]
    assert first.url == "http://da.jiangsu.gov.cn/art/2026/7/19/art_91813_11805627.html"
    assert first.date == date(2026, 7, 19)
    assert first.title.startswith("某注射剂新增生产场地")
    assert not any(e.title.endswith("...") for e in entries)


PROXY = """<?xml version="1.0" encoding="UTF-8"?>
<datastore><nextgroup><![CDATA[<a href="/module/jpage/dataproxy.jsp?page=2"></a>]]></nextgroup>
<totalrecord>130</totalrecord><totalpage>9</totalpage><recordset>
<record><![CDATA[<li><a href="/art/2025/3/4/art_1228971341_9.html" title="关于征求《浙江省细胞治疗产业发展若干措施（征求意见稿）》意见的通知">关于征求《浙江省细胞治疗产业...</a><span>2025-03-04</span></li>]]></record>
<record><![CDATA[<li><a href="/art/2025/3/1/art_1228971341_8.html">浙江省科技厅召开工作会议</a><span>2025-03-01</span></li>]]></record>
</recordset></datastore>"""


def test_proxy_answer_with_truncated_title() -> None:
    answer = parse_proxy_answer(PROXY.encode())
    assert answer.total_records == 130
    entries = entries_from_records(answer.records, "https://kjt.zj.gov.cn/module/jpage/dataproxy.jsp")
    assert [e.url for e in entries] == [
        "https://kjt.zj.gov.cn/art/2025/3/4/art_1228971341_9.html",
        "https://kjt.zj.gov.cn/art/2025/3/1/art_1228971341_8.html",
    ]
    assert entries[0].title == "关于征求《浙江省细胞治疗产业发展若干措施（征求意见稿）》意见的通知"


def test_proxy_answer_entity_escaped_record_block() -> None:
    head, rest = PROXY.split("<recordset>")
    block, tail = rest.split("</recordset>")
    escaped = f"{head}<recordset>{html.escape(block)}</recordset>{tail}"
    answer = parse_proxy_answer(escaped.encode())
    entries = entries_from_records(answer.records, "https://kjt.zj.gov.cn/")
    assert len(entries) == 2 and entries[1].title == "浙江省科技厅召开工作会议"


def test_records_with_escaped_markup_inside_cdata() -> None:
    record = "&lt;li&gt;&lt;a href=\"/art/2025/1/2/art_1_3.html\"&gt;标题三&lt;/a&gt;&lt;span&gt;2025-01-02&lt;/span&gt;&lt;/li&gt;"
    xml = f"<datastore><totalrecord>1</totalrecord><recordset><record><![CDATA[{record}]]></record></recordset></datastore>"
    entries = entries_from_records(parse_proxy_answer(xml.encode()).records, "https://a.gov.cn/")
    assert entries[0].url == "https://a.gov.cn/art/2025/1/2/art_1_3.html" and entries[0].date == date(2025, 1, 2)


@pytest.mark.parametrize(
    "body, message",
    [
        (b"<!DOCTYPE html><html><body>error</body></html>", "HTML page"),
        (b"<datastore><recordset><record>", "not well-formed"),
        (b"<result>ok</result>", "instead of <datastore>"),
        (b"\x00\x01binary", "not well-formed"),
    ],
)
def test_malformed_proxy_answers_raise_clear_errors(body: bytes, message: str) -> None:
    with pytest.raises(ProxyAnswerError, match=message):
        parse_proxy_answer(body)


def test_column_page_without_datastore_has_no_units() -> None:
    assert parse_column_page("<html><body><div id='1'>迁移后的空壳页面</div></body></html>") == []
