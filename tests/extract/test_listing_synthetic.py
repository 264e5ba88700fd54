"""The generic list extractor on small hand-written pages and answers of each supported shape."""

from __future__ import annotations

import json
from datetime import date

from crawler.extract.listing import ListEntry, extract_entries

NAV = "".join(
    f'<li><a href="/col/col{n}/index.html">{name}</a></li>'
    for n, name in enumerate(["首页", "机构概况", "政务公开", "通知公告", "政策文件", "互动交流"], start=100)
)
FOOTER = "".join(
    f'<li><a href="{href}" target="_blank">{name}</a></li>'
    for href, name in [
        ("https://www.gov.cn/", "中国政府网"),
        ("https://www.most.gov.cn/index.html", "中华人民共和国科学技术部"),
        ("https://www.nmpa.gov.cn/", "国家药品监督管理局"),
        ("http://www.zj.gov.cn/col/col1545735/index.html", "浙江省人民政府门户网站"),
    ]
)


def _page(body: str, charset: str = "utf-8") -> str:
    return (
        f'<html><head><meta charset="{charset}"><title>通知公告</title></head><body>'
        f'<div class="header"><ul class="menu">{NAV}</ul></div>'
        '<div class="crumbs">当前位置：<a href="/">首页</a> &gt; <a href="/col/col103/index.html">通知公告</a></div>'
        f'<div class="main">{body}</div>'
        f'<div class="footer"><div class="yqlj"><ul>{FOOTER}</ul></div>'
        '<p><a href="/sitemap.html">网站地图</a> <a href="/contact.html">联系我们</a></p></div>'
        "</body></html>"
    )


def test_ten_item_list_between_header_nav_and_footer_friend_links() -> None:
    rows = "".join(
        f'<li><a href="./202405/t202405{d:02d}_{700 + d}.html" title="关于开展第{d}批科技项目申报工作的通知">'
        f"关于开展第{d}批科技项目申报工作的通知</a><span>2024-05-{d:02d}</span></li>"
        for d in range(10, 0, -1)
    )
    pager = '<div class="page"><a href="index_1.html">下一页</a><a href="index_9.html">尾页</a></div>'
    html = _page(f'<ul class="list">{rows}</ul>{pager}', charset="gb2312").encode("gb18030")
    entries = extract_entries(html, "https://kjt.example.gov.cn/tzgg/index.html")
    assert len(entries) == 10
    assert entries[0] == ListEntry(
        "https://kjt.example.gov.cn/tzgg/202405/t20240510_710.html", "关于开展第10批科技项目申报工作的通知",
        date(2024, 5, 10),
    )
    assert [e.date for e in entries] == [date(2024, 5, d) for d in range(10, 0, -1)]
    assert not any("index" in e.url or e.url.endswith("/") for e in entries)


def test_undated_list_with_article_urls_and_truncated_link_text() -> None:
    rows = "".join(
        f'<div class="item"><a href="/content/post_{3000000 + n}.html" title="广东省科学技术厅关于公布{n}号文件的通知全文">'
        f"· 广东省科学技术厅关于公布{n}号...</a></div>"
        for n in range(1, 6)
    )
    page = _page(f'<div class="list">{rows}</div>')
    entries = extract_entries(page, "https://gdstc.gd.gov.cn/zwgk/index.html")
    assert [e.title for e in entries] == [f"广东省科学技术厅关于公布{n}号文件的通知全文" for n in range(1, 6)]
    assert entries[0].url == "https://gdstc.gd.gov.cn/content/post_3000001.html"
    assert all(e.date is None for e in entries)


def test_date_inside_the_link_and_bracketed_dates() -> None:
    rows = "".join(
        f'<li><a href="/xxgk/ggtg/2024010{d}1200000{d}.html"><p>国家药监局关于发布药品标准的公告（2024年第{d}号）</p>'
        f"<span>(2024-01-0{d})</span></a></li>"
        for d in range(1, 5)
    )
    entries = extract_entries(_page(f"<ul>{rows}</ul>"), "https://www.nmpa.gov.cn/xxgk/ggtg/index.html")
    assert len(entries) == 4
    assert entries[2].title == "国家药监局关于发布药品标准的公告（2024年第3号）"
    assert entries[2].date == date(2024, 1, 3)


def test_hanweb_proxy_answer_with_entity_escaped_record_block() -> None:
    records = "".join(
        f'<record><![CDATA[<li><a href="/art/2025/3/{d}/art_1228971341_5891{d:04d}.html" '
        f'title="浙江省科学技术厅关于第{d}项工作的通知">浙江省科学技术厅关于第{d}项...</a>'
        f"<span>2025-03-{d:02d}</span></li>]]></record>"
        for d in (3, 2, 1)
    )
    escaped = records.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    answer = (
        '<?xml version="1.0" encoding="UTF-8"?><datastore><totalrecord>3</totalrecord>'
        f"<totalpage>1</totalpage><recordset>{escaped}</recordset></datastore>"
    ).encode()
    proxy = "https://kjt.zj.gov.cn/module/jpage/dataproxy.jsp?startrecord=1&endrecord=45&perpage=15"
    entries = extract_entries(answer, proxy)
    assert entries == [
        ListEntry(f"https://kjt.zj.gov.cn/art/2025/3/{d}/art_1228971341_5891{d:04d}.html",
                  f"浙江省科学技术厅关于第{d}项工作的通知", date(2025, 3, d))
        for d in (3, 2, 1)
    ]


def test_hanweb_proxy_answer_with_escaped_cdata_bodies() -> None:
    answer = (
        "<datastore><recordset><record>&lt;li&gt;&lt;a href=&quot;/art/2024/1/5/art_1_2.html&quot;&gt;"
        "关于印发药品检查办法的通知&lt;/a&gt;&lt;i&gt;2024-01-05&lt;/i&gt;&lt;/li&gt;</record></recordset></datastore>"
    )
    entries = extract_entries(answer, "https://mpa.zj.gov.cn/module/jpage/dataproxy.jsp")
    assert entries == [ListEntry("https://mpa.zj.gov.cn/art/2024/1/5/art_1_2.html", "关于印发药品检查办法的通知",
                                 date(2024, 1, 5))]


def test_beijing_javascript_array_list() -> None:
    rows = "".join(
        f"urls[i]='./202401/t2024011{d}_35270{d}.html';"
        f"headers[i]=\"<a href='./202401/t2024011{d}_35270{d}.html' target='_blank' "
        f"title='北京市科学技术委员会关于第{d}批项目的公示'>北京市科学技术委员会关于第{d}批项目的公示</a>\";"
        f"year[i]='2024';month[i]='01';day[i]='1{d}';i++;\n"
        for d in (3, 2, 1)
    )
    script = f"<script>var urls=new Array();var headers=new Array();var i=0;\n{rows}</script>"
    page = _page(f'<div class="list">{script}</div>')
    entries = extract_entries(page, "https://kw.beijing.gov.cn/col2384/index.html")
    assert entries == [
        ListEntry(f"https://kw.beijing.gov.cn/col2384/202401/t2024011{d}_35270{d}.html",
                  f"北京市科学技术委员会关于第{d}批项目的公示", date(2024, 1, 10 + d))
        for d in (3, 2, 1)
    ]


def test_gkmlpt_json_answer() -> None:
    answer = {
        "total": 2,
        "articles": [
            {"id": 1, "identifier": "006939748/2024-00101", "title": " 广东省科学技术厅关于印发 管理办法的通知 ",
             "url": "https://gdstc.gd.gov.cn/gkmlpt/content/4/4400/post_4400001.html",
             "created_at": "2024-05-06 10:20:30"},
            {"id": 2, "title": "广东省药品监督管理局公告2024年第5号", "url": "/gkmlpt/content/4/4400/post_4400002.html",
             "display_publish_time": 1714962000},  # 2024-05-06 10:20 Beijing time
        ],
    }
    api = "https://mpa.gd.gov.cn/gkmlpt/api/all/2?page=1&sid=3"
    entries = extract_entries(json.dumps(answer, ensure_ascii=False), api)
    assert entries == [
        ListEntry("https://gdstc.gd.gov.cn/gkmlpt/content/4/4400/post_4400001.html",
                  "广东省科学技术厅关于印发 管理办法的通知", date(2024, 5, 6)),
        ListEntry("https://mpa.gd.gov.cn/gkmlpt/content/4/4400/post_4400002.html",
                  "广东省药品监督管理局公告2024年第5号", date(2024, 5, 6)),
    ]


def test_empty_shells_give_no_entries() -> None:
    shell = _page('<div id="栏目list"><div class="page-content"></div></div>')
    assert extract_entries(shell, "https://kjt.zj.gov.cn/col/col1228971341/index.html") == []
    empty_fragment = '<div class="page-content"></div>'
    envelope = json.dumps({"success": True, "code": "200", "data": {"html": empty_fragment}})
    assert extract_entries(envelope, "https://kjt.zj.gov.cn/api-gateway/x") == []
    assert extract_entries(b"", "https://example.gov.cn/") == []
    assert extract_entries("<datastore><recordset></recordset></datastore>", "https://example.gov.cn/") == []


def test_bom_and_gb18030_bytes_are_decoded() -> None:
    row = (
        '<li><a href="/art/2024/2/{d}/art_9_{d}.html">江苏省药品监督管理局关于第{d}号公告的说明</a>'
        "<span>2024-02-0{d}</span></li>"
    )
    body = "<ul>" + "".join(row.format(d=d) for d in (1, 2, 3)) + "</ul>"
    for raw in ("\ufeff".encode() + _page(body).encode(), _page(body, charset="GBK").encode("gb18030")):
        entries = extract_entries(raw, "http://da.jiangsu.gov.cn/col/col9/index.html")
        assert [e.title for e in entries] == [f"江苏省药品监督管理局关于第{d}号公告的说明" for d in (1, 2, 3)]


def test_sidebar_list_in_another_layout_column_is_left_out() -> None:
    def row(n: int, folder: str) -> str:
        return (
            f'<li><a href="/{folder}/202401/t202401{n:02d}_{n}.html">关于开展2024年度第{n}次专项检查工作的通知</a>'
            f"<span>2024-01-{n:02d}</span></li>"
        )

    main = "<ul>" + "".join(row(n, "tzgg") for n in range(1, 16)) + '<li><a href="/tzgg/">更多</a></li></ul>'
    side = "<ul>" + "".join(row(n, "rdxw") for n in range(1, 8)) + "</ul>"
    body = (
        f'<div class="left"><div class="box"><div class="bd">{main}</div></div></div>'
        f'<div class="right"><div class="box"><h3>热点新闻</h3><div class="bd">{side}</div></div></div>'
    )
    entries = extract_entries(_page(body), "https://kjt.example.gov.cn/tzgg/index.html")
    assert len(entries) == 15
    assert all("/tzgg/202401/" in e.url for e in entries)  # neither the sidebar nor the 更多 link
