"""Anhui's Lonsun (龙讯) CMS: ul.doc_list pages, /content/column/{id}?pageIndex=N, Word-pasted articles."""

from __future__ import annotations

import re
from datetime import datetime
from html import escape

from simulator.content import Article, Paragraph
from simulator.listing import ListEntry, entries, page_count, page_rows, redesigned
from simulator.reply import Reply, Route, SimRequest, article_route, html_reply
from simulator.sites import LONSUN, SOURCES, Host, SiteColumn, source_by_path
from simulator.state import Simulator

PAGER_RE = re.compile(r"/content/column/(\d+)")
INDEX_RE = re.compile(r"(?P<dir>/(?:[\w-]+/)+)index\.html")
MSO = ("margin: 0pt 0pt 0.0001pt; font-family: Calibri; font-size: 10.5pt; color: rgb(0, 0, 0); "
       "line-height: 28pt;")
FONT = "font-family: 方正仿宋_GBK; font-size: 16pt;"
EMPTY_MSO = (f'<p class="MsoNormal" align="justify" style="{MSO}"><span style="{FONT}"><o:p>&nbsp;</o:p>'
             "</span></p>\n")


def _head(host: Host, title: str, source: SiteColumn, metas: list[tuple[str, str]], stamp: datetime) -> str:
    tags = "\n".join(f'<meta name="{name}" content="{escape(value)}">' for name, value in metas)
    return (
        '<!DOCTYPE html>\n<html lang="zh-CN">\n<head>\n  <meta charset="utf-8">\n'
        '  <meta name="renderer" content="webkit">\n'
        f" <title>{escape(title)}</title>\n <meta name=\"WebSiteCollectionCode\" content=\"anhui_szbm_5\">\n"
        f'<meta name="SiteId" content="{host.webid}">\n<meta name="SiteName" '
        f'content="{escape(host.webname)}">\n'
        f'<meta name="SiteDomain" content="{host.host}">\n<meta name="SiteIDCode" '
        f'content="{host.site_id_code}">\n'
        f'<meta name="ColumnName" content="{escape(source.column_name)}">\n'
        f'<meta name="ColumnType" content="{escape(source.column_name)}">\n{tags}\n'
        f'<meta name="HtmlGenerateTime" content="{stamp:%Y-%m-%d %H:%M:%S}">\n'
        f'<meta name="ColumnPath" content="{source.column_path.strip("/").rsplit("/", 1)[0]}">\n'
        '<link rel="stylesheet" href="/_res/css/public_new2022.css?v=22">\n'
        '<script src="/assets/js/common.min.js?v=120129"></script>\n</head>\n'
    )


def _frame(host: Host, inner: str) -> str:
    nav = "".join(f'<li><a class="off" href="{escape(href)}">{escape(label)}</a></li>'
                  for label, href in host.nav)
    lines = "".join(f"<span>{escape(line)}</span>" for line in host.footer)
    return (f'<body>\n<div class="ind_body wza-container">\n<div id="main_header"><div class="header">'
            f'<div id="navbar"><ul class="nav navbar-nav">{nav}</ul></div></div></div>\n'
            f'<div class="container"><div class="lmy_container" id="main-container" role="main">\n{inner}\n'
            f'</div></div>\n<div class="footer-warp" id="main_footer"><div class="foot">{lines}'
            f"<span>网站标识码：{host.site_id_code}</span></div></div>\n</div>\n</body>\n</html>\n")


def _row(index: int, row: ListEntry, base_url: str) -> str:
    line = '\t\t\t\t\t\t\t\t<li class="lm_line"></li>\n' if index % 5 == 4 else ""
    return (f'<li class="{"odd" if index % 2 == 0 else "even"}">\n            <a '
            f'href="{escape(row.absolute(base_url))}"'
            f' target="_blank" title="{escape(row.title)}" class="left">\n                <span '
            'style=\'color:;\'>'
            f"{escape(row.title)}</span>\n            </a>\n"
            f'            <span class="right date">{row.day}</span>        </li>\n{line}')


def list_page(host: Host, source: SiteColumn, rows: list[ListEntry], page: int, pages: int, total: int,
              variant: str, stamp: datetime) -> str:
    column = source.column_id
    if variant == "redesign":
        listing = redesigned(rows, host.base_url)
    else:
        listing = (f'<ul class="doc_list list-{column}">'
                   f'\n{"".join(_row(i, r, host.base_url) for i, r in enumerate(rows))}'
                   "</ul>")
    script = (f'<div id="page_{column}" class="pagination">分页</div>\n<script>\n'
              f'    Ls.pagination("#page_{column}", function (pageIndex) {{\n'
              f"        location.href = '{host.base_url}/content/column/{column}?pageIndex=' + pageIndex;\n"
              f"    }}, {{\n        isTotal: true,\n        total: {total},\n        currPage: "
              f"({page - 1}+1),\n"
              f'        pageCount:{pages},\n        param: "pageSize={source.per_page}"\n    }});\n</script>')
    name = escape(source.column_name)
    inner = (f'<div class="lmy_position" id="main_navigation"><span>您所在的位置：</span><a href="/index.html">首页'
             f"</a> &gt; <a title='{name}' href='{host.base_url}{source.column_path}'>{name}</a></div>\n"
             f'<div class="lmy_dqlanmu"><span class="lanmu_tit">{name}</span></div>\n'
             f'<div class="navjz" id="listnews" role="list" aria-label="{name}">\n'
             f"<!--StartLabelHtml_articleNewsPageList_{column}-->{listing}\n{script}"
             f"<!--EndLabelHtml_articleNewsPageList_{column}-->\n</div>")
    return _head(host, f"{source.column_name}_{host.webname}", source, [], stamp) + _frame(host, inner)


def _paragraph(paragraph: Paragraph, index: int) -> str:
    if paragraph.align:
        style, lead = f"{MSO} text-align: {paragraph.align};", ""
    else:
        style, lead = f"{MSO} text-indent: 32pt;", "&nbsp;&nbsp;&nbsp;&nbsp;" if index % 4 == 1 else ""
    text = (f'<p class="MsoNormal" align="{paragraph.align or "justify"}" style="{style}"><span '
            f'style="{FONT}">'
            f'{lead}<font face="方正仿宋_GBK">{escape(paragraph.text)}</font></span><span style="{FONT}"><o:p>'
            '</o:p>'
            "</span></p>\n")
    return text + (EMPTY_MSO if index % 3 == 2 else "")


def article_page(host: Host, article: Article, body: bool = True) -> str:
    source = SOURCES[article.source_id]
    metas = [("ArticleTitle", article.title), ("PubDate", f"{article.published:%Y-%m-%d %H:%M}"),
             ("ContentSource", article.origin), ("Author", ""), ("Description", article.description())]
    paragraphs = "".join(_paragraph(p, i) for i, p in enumerate(article.body_paragraphs()))
    files = "".join(f'<p><a href="{escape(a.path)}" target="_blank">{escape(a.name)}</a></p>'
                    for a in article.attachments)
    content = ""
    if body:
        content = ('<div class="wzcon j-fontContent d-wza_content clearfix">\n  <meta name="ContentStart"/>\n'
                   f'{paragraphs}  <meta name="ContentEnd"/>\n  <div class="clear"></div>\n</div>\n')
    inner = (
        f'<div class="secnr"><div id="wenzhang" role="article" aria-label="内容">\n'
        f'<h1 class="newstitle d-wza_title">{escape(article.title)}</h1>\n<div class="newsinfo">\n'
        f"  <span>发布日期：{article.published:%Y-%m-%d %H:%M}</span>\n  <span>来源：{escape(article.origin)}</span>"
        f'  <span tabindex="0">阅读：<i class="j-info-hit" data-setting="{{infoId:{article.id}}}"></i> 次</span>'
        '\n'
        f"</div>\n{content}" + (f'<div class="fjxz"><p>附件：</p>{files}</div>\n' if files else "")
        + '<div class="wzbot1 clearfix"><a href="javascript:void(0)" onClick="javascript:window.print()">打印本页'
        "</a></div>\n</div></div>"
    )
    head = _head(host, f"{article.title}_{host.webname}", source, metas, article.published)
    return head + _frame(host, inner)


def route(sim: Simulator, host: Host, request: SimRequest) -> Route | None:
    corpus, path = sim.corpus, request.path
    source, page = None, 1
    if match := INDEX_RE.fullmatch(path):
        source = source_by_path(host.host, match["dir"])
    elif match := PAGER_RE.fullmatch(path):
        source = next((s for s in SOURCES.values()
                       if s.host == host.host and s.column_id == int(match[1])), None)
        try:
            page = max(int(request.params.get("pageIndex", "1")), 1)
        except ValueError:
            page = 1
    if source is not None and source.family == LONSUN:
        found = source

        def listing(variant: str) -> Reply:
            rows = [] if variant == "shell" else entries(corpus, found)
            # Past the last page Lonsun still answers the page frame, with an empty list.
            shown = page_rows(rows, page, found.per_page)
            pages = page_count(len(rows), found.per_page)
            return html_reply(list_page(host, found, shown, page, pages, len(rows), variant, corpus.now()))

        return Route(found.id, "list", listing, data=path.startswith("/content/"), validated=True)
    article = corpus.find_path(host.host, path, (LONSUN,))
    if article is None:
        return None

    return article_route(article.source_id, lambda: corpus.find_path(host.host, path, (LONSUN,)),
                         lambda a, body: html_reply(article_page(host, a, body)))
