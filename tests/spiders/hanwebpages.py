"""Synthetic Hanweb answers for spider tests: classic column pages, data-proxy XML, jpaas envelopes, shells."""

from __future__ import annotations

import json
from datetime import date, timedelta


def records(column: int, ids: range, style: str = "li") -> list[str]:
    """Hanweb records for article ids, newest (highest id) first, one day apart."""
    rows = []
    for n in sorted(ids, reverse=True):
        day = date(2025, 1, 1) + timedelta(days=n)
        href = f"/art/{day.year}/{day.month}/{day.day}/art_{column}_{n}.html"
        if style == "tr":
            rows.append(
                f'<tr><td><a class="bt_link" href="{href}"><b>·</b>通知{n}</a></td><td><font>{day}</font></td></tr>'
            )
        else:
            rows.append(
                f'<li><a href="{href}" title="关于第{n}号事项的通知">关于第{n}号事项的通知</a><span>{day}</span></li>'
            )
    return rows


def column_page(
    column: int,
    unit: str,
    rows: list[str],
    total: int,
    per_page: int = 15,
    proxy_url: str = "/module/jpage/dataproxy.jsp",
) -> str:
    store = "".join(f"<record><![CDATA[{r}]]></record>" for r in rows)
    return (
        "<!DOCTYPE html><html><head><meta charset='utf-8'><title>通知公告</title></head><body>"
        f'<div id="{unit}"><script type="text/xml"><datastore><nextgroup><![CDATA[<a href="{proxy_url}'
        f'?page=1&columnid={column}&unitid={unit}"></a>]]></nextgroup><recordset>{store}</recordset></datastore>'
        "</script></div>"
        f"<script>var param_{unit} = {{col:1,appid:1,webid:3387,path:'/',columnid:{column},sourceContentType:1,"
        f"unitid:'{unit}',webname:'浙江省科学技术厅',permissiontype:0}};</script>"
        f"<script>$(function(){{$('#{unit}').jpage({{baseUrl:'{proxy_url}',dataStore:$('#{unit} script').html(),"
        f"totalRecord:{total},perPage:{per_page},groupSize:3,proxyUrl:'{proxy_url}'}});}});</script>"
        "</body></html>"
    )


def proxy_answer(rows: list[str], total: int) -> str:
    store = "".join(f"<record><![CDATA[{r}]]></record>" for r in rows)
    return (
        f'<?xml version="1.0" encoding="UTF-8"?><datastore><totalrecord>{total}</totalrecord>'
        f"<recordset>{store}</recordset></datastore>"
    )


SHELL = (
    "<!DOCTYPE html><html><head><meta charset='utf-8'><title>通知公告</title></head><body>"
    '<div class="side"><ul><li><a href="/col/col1229080140/index.html">政策文件</a></li>'
    '<li><a href="/col/col1228971342/index.html">工作动态</a></li></ul></div>'
    '<div class="list-box" id="jpaas-list"><ul></ul><div class="page"></div></div>'
    '<script src="/jpaas-jsam-server/static/js/unit-list.js"></script></body></html>'
)


def shell(web_id: str, page_id: str, tpl_set_id: str, tag: str = "栏目list") -> str:
    """A jpaas column page: no records, the unit's pagination div with the queryData its page script sends
    (written as in realpages/shandong_api.json)."""
    query = (f"{{'webId':'{web_id}','pageId':'{page_id}','parseType':'bulidstatic','pageType':'column',"
             f"'tagId': '{tag}', 'tplSetId': '{tpl_set_id}'}}")
    return (
        "<!DOCTYPE html><html><head><meta charset='UTF-8'><title>征求意见</title></head><body>"
        '<div class="side"><ul><li><a href="/col/col1229080140/index.html">政策文件</a></li></ul></div>'
        f'<div id="{tag}"><div class="page-content"></div> <div class="pagination" pagestyle="custom" '
        f'queryData="{query}" rows="20" unitid="{tag}" '
        'unitUrl="/api-gateway/jpaas-publish-server/front/page/build/unit">\n  </div>\n</div>'
        '<script src="/cms_files/default/script/ajax/page/page.js"></script></body></html>'
    )


def jpaas_items(column: int, ids: range) -> list[str]:
    rows = []
    for n in sorted(ids, reverse=True):
        day = date(2025, 1, 1) + timedelta(days=n)
        rows.append(
            f'<li><a title="公告第{n}号" href="/col/col{column}/art/{day.year}/art_{n:032x}.html" '
            f'target="_blank">公告第{n}号</a><span>{day}</span></li>'
        )
    return rows


def jpaas_answer(rows: list[str], count: int, page: int, per_page: int = 15) -> str:
    fragment = (
        '<div id="栏目list"><div class="page-content">' + "\n".join(rows) + "</div>"
        f'<div class="pagination" rows="{per_page}" unitid="栏目list" count="{count}" pageNo="{page}"></div></div>'
    )
    return json.dumps(
        {"success": True, "code": "200", "message": "生成成功", "data": {"html": fragment}},
        ensure_ascii=False,
    )
