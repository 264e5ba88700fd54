"""Hanweb jpaas list markup: the empty column-page shell, and the unit API's JSON envelope of list HTML."""

from __future__ import annotations

import hashlib
from html import escape
from typing import Any

from simulator.listing import ListEntry, redesigned
from simulator.sites import Host, SiteColumn

UNIT_PATH = "/api-gateway/jpaas-publish-server/front/page/build/unit"
TAG_ID = "栏目list"  # the unit's tag name, sent percent-encoded as tagId
PAGE_SCRIPT = '<script src="/cms_files/default/script/ajax/page/page.js">\n</script>\n'


def query_data(host: Host, source: SiteColumn) -> str:
    """The pagination div's queryData attribute value (single-quoted pseudo-JSON, as the platform writes)."""
    web_id = source.jpaas.web_id if source.jpaas else str(host.webid)
    page_id = source.jpaas.page_id if source.jpaas else str(source.column_id)
    tpl = source.jpaas.tpl_set_id if source.jpaas else ""
    return (f"{{'webId':'{web_id}','pageId':'{page_id}','parseType':'bulidstatic','pageType':'column',"
            f"'tagId': '{TAG_ID}', 'tplSetId': '{tpl}'}}")


def _pagination(host: Host, source: SiteColumn, rows: int, count: int | None, page_no: int | None) -> str:
    numbers = f' count="{count}" pageNo="{page_no}"' if count is not None else ""
    return (f'<div class="pagination" style="width:100%;display: inline-block;" pagestyle="custom" '
            f'pagecolor="#1890ff" queryData="{query_data(host, source)}" rows="{rows}" unitid="{TAG_ID}"'
            f'{numbers} unitUrl="{UNIT_PATH}">\n  </div>')


def shell_listing(host: Host, source: SiteColumn) -> str:
    """What a jpaas column page holds instead of records: an empty unit its script fills from the API."""
    return (f'<div id="{TAG_ID}"><div class="page-content"></div> {_pagination(host, source, 20, None, None)}'
            f"\n</div>\n{PAGE_SCRIPT}")


def column_page(host: Host, source: SiteColumn) -> str:
    """The whole column page of a jpaas column: page furniture around the empty unit."""
    name = escape(source.column_name)
    page_id = source.jpaas.page_id if source.jpaas else str(source.column_id)
    return (
        '<!DOCTYPE html>\n<html lang="en">\n\n\t<head><script '
        'src="/cms_files/default/script/jslib/jquery.js">'
        '</script>\n <script src="/script/webglobal.js"></script>\n\t\t<meta charset="UTF-8">\n'
        f"\t<title>{name}</title>\n<meta name=\"ColId\" content=\"{page_id}\">\n"
        f'<meta name="SiteName" content="{escape(host.webname)}">\n<meta name="SiteDomain" '
        f'content="{host.base_url}">\n'
        f'<meta name="SiteIDCode" content="{host.site_id_code}">\n<meta name="ColumnName" content="{name}">\n'
        f'<meta name="ColumnType" content="{name}">\n<meta id="pagetype" content="2">\n</head>\n\n'
        '\t<body id="page_type" alt="栏目页"><div id=\'barrierfree_container\'>\n\t\t<div class="bg">'
        '<div class="con">\n\t\t\t\t<div class="dang" ergodic="view"><div class="qian"><table><tr><td>'
        '<a href="/index.html" class="bt_link">首页</a></td><td>&gt;<a '
        f'href="/col/col{source.column_id}/index.html"'
        f' class="bt_link">{name}</a></td></tr></table></div>\n\t\t\t\t\t<div class="main"><div '
        'class="lm_tit">'
        f"{name}</div>\n{shell_listing(host, source)}</div></div></div>\n\t\t\t<div class=\"fot\">"
        f"<p>{escape(' '.join(host.footer))}</p></div>\n\t\t</div>\n </div></body>\n\n</html>"
    )


def _href(host: Host, row: ListEntry) -> str:
    # Zhejiang's cloud writes absolute links; Shandong's are site-relative (off-site ones absolute anyway).
    return row.href if "://" in row.href or host.layout == "jpaas" else host.base_url + row.href


def unit_html(host: Host, source: SiteColumn, rows: list[ListEntry], page_no: int, page_size: int, total: int,
              variant: str = "normal") -> str:
    """data.html of one unit answer, whitespace and all, as in shandong_api.json."""
    if variant == "redesign":
        items = "\n" + redesigned([ListEntry(r.title, _href(host, r), r.published) for r in rows]) + "\n"
    else:
        items = "\n" + "".join(
            f'<li><a title="{escape(r.title)}" href="{escape(_href(host, r))}" target="_blank">'
            f'{escape(r.title)}'
            f"</a><span>{r.day}</span></li>\n\n\n" for r in rows
        )
    return (f'{chr(9) * 10}<div id="{TAG_ID}">{chr(9) * 5}<div class="page-content">'
            f'{chr(9) * 7}{items}</div> '
            f"{_pagination(host, source, page_size, total, page_no)}\n</div>\n{PAGE_SCRIPT}")


def _trace(text: str) -> str:
    # Derived from the answer, not random: the same list must keep the same ETag.
    return hashlib.md5(text.encode("utf-8")).hexdigest().upper()


def envelope(fragment: str) -> dict[str, Any]:
    return {"roles": None, "permissions": None, "traceId": _trace(fragment), "messageType": 2,
            "success": True, "code": "200", "data": {"html": fragment}, "message": "生成成功"}


def refusal(message: str, code: str = "500") -> dict[str, Any]:
    """What the API answers to parameters it cannot build a unit from (HTTP 200, success false)."""
    return {"roles": None, "permissions": None, "traceId": _trace(message), "messageType": 2,
            "success": False, "code": code, "data": None, "message": message}
