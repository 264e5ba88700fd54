"""Beijing's science commission (kw.beijing.gov.cn): JavaScript-array lists, GBK pages, meta charset only."""

from __future__ import annotations

import re
from html import escape

from simulator.content import Article
from simulator.hanweb_article import zoom_block
from simulator.listing import ListEntry, entries, page_count, page_rows
from simulator.reply import Reply, Route, SimRequest, article_route, encoded_html_reply, not_found
from simulator.sites import JSARRAY, SOURCES, Host, SiteColumn, source_for_column
from simulator.state import Simulator
from simulator.trs import pager

ENCODING = "gbk"
COLUMN_RE = re.compile(r"/col/col(\d+)/index(?:_(?P<n>\d+))?\.html")
ARTICLE_RE = re.compile(r"/art/\d{4}/\d{1,2}/\d{1,2}/art_\d+_\d+\.html")


def _head(host: Host, title: str, metas: list[tuple[str, str]], charset_tag: str) -> str:
    tags = "\n".join(f'<meta name="{name}" content="{escape(value)}">' for name, value in metas)
    nav = "".join(f'<li><a href="{href}">{escape(label)}</a></li>' for label, href in host.nav)
    return (f"<!DOCTYPE html>\n<html>\n<head>\n{charset_tag}\n<title>{escape(title)}</title>\n"
            f'<meta name="SiteName" content="{escape(host.webname)}">\n<meta name="SiteDomain" '
            f'content="{host.host}">\n'
            f'<meta name="SiteIDCode" content="{host.site_id_code}">\n{tags}\n'
            f'<link rel="stylesheet" href="/images/{host.webid}/style.css">\n</head>\n<body>\n'
            f'<div class="header"><div class="logo"><img src="/images/{host.webid}/logo.png" alt=""></div>'
            f'<div class="nav"><ul>{nav}</ul></div></div>\n')


def _foot(host: Host) -> str:
    lines = "".join(f"<p>{escape(line)}</p>" for line in host.footer)
    return f'<div class="footer">{lines}<p>网站标识码：{host.site_id_code}</p></div>\n</body>\n</html>\n'


def array_script(rows: list[ListEntry], variant: str) -> str:
    """The script block the page's list is built from; `redesign` renames every array."""
    if variant == "redesign":
        lines = "".join(
            f"linkArr[{i}]='{r.href}';titleArr[{i}]=\"{escape(r.title)}\";dateArr[{i}]='{r.day}';\n"
            for i, r in enumerate(rows))
        return ("<script language=\"javascript\">\nvar linkArr=[];var titleArr=[];var dateArr=[];\n" + lines
                + "for(var k=0;k<linkArr.length;k++){$('#news-box').append('<p class=\"news-item\"><a "
                  "href=\"'"
                "+linkArr[k]+'\">'+titleArr[k]+'</a><em>'+dateArr[k]+'</em></p>');}\n</script>")
    lines = "".join(
        f"urls[{i}]='{r.href}';headers[{i}]=\"<a href='{r.href}' target='_blank' title='{escape(r.title)}'>"
        f"{escape(r.title)}</a>\";year[{i}]='{r.published:%Y}';month[{i}]='{r.published:%m}';"
        f"day[{i}]='{r.published:%d}';\n" for i, r in enumerate(rows))
    return ("<script language=\"javascript\">\nvar urls=new Array();var headers=new Array();var year=new "
            "Array();"
            "var month=new Array();var day=new Array();\n" + lines
            + 'for(var i=0;i<urls.length;i++){document.write("<li>"+headers[i]+"<span>"+year[i]+"-"+month[i]'
            '+"-"+day[i]+"</span></li>");}\n</script>')


def list_page(host: Host, source: SiteColumn, rows: list[ListEntry], page: int, pages: int, total: int,
              variant: str) -> str:
    name = escape(source.column_name)
    container = ('<div class="news-box" id="news-box"></div>' if variant == "redesign"
                 else '<ul class="list-ul" id="list-ul">')
    closing = "" if variant == "redesign" else "</ul>"
    return (_head(host, f"{source.column_name}_{host.webname}", [("ColumnName", source.column_name)],
                  f'<meta charset="{ENCODING}">')
            + f'<div class="main"><div class="position">当前位置：<a href="/">首页</a> &gt; {name}</div>\n'
            f'<div class="list">\n{container}\n{array_script(rows, variant)}\n{closing}\n</div>\n'
            f"{pager(page, pages, total, False)}</div>\n" + _foot(host))


def article_page(host: Host, article: Article, body: bool = True) -> str:
    source = SOURCES[article.source_id]
    metas = article.article_metas(source.column_name)
    files = "".join(f'<p><a href="{escape(a.path)}" target="_blank">{escape(a.name)}</a></p>'
                    for a in article.attachments)
    charset = f'<meta http-equiv="Content-Type" content="text/html; charset={ENCODING}">'
    return (_head(host, f"{article.title}_{host.webname}", metas, charset)
            + '<div class="main"><div class="article">\n<div class="article-title"><h1>'
              f'{escape(article.title)}</h1>'
            f'</div>\n<div class="article-info"><span>发布日期：{article.published:%Y-%m-%d}</span>'
            f"<span>来源：{escape(article.origin)}</span></div>\n{zoom_block(article) if body else ''}\n"
            + (f'<div class="fj"><p>附件：</p>{files}</div>\n' if files else "")
            + "</div></div>\n" + _foot(host))


def route(sim: Simulator, host: Host, request: SimRequest) -> Route | None:
    corpus, path = sim.corpus, request.path
    if match := COLUMN_RE.fullmatch(path):
        source = source_for_column(host.host, int(match[1]))
        if source is None or source.family != JSARRAY:
            return None
        suffix = match["n"]
        page = 1 if suffix is None else int(suffix) + 1  # zero-based suffix, as on TRS sites

        def listing(variant: str) -> Reply:
            rows = [] if variant == "shell" else entries(corpus, source)
            pages = page_count(len(rows), source.per_page)
            if suffix == "0" or page > pages:
                return not_found()
            shown = page_rows(rows, page, source.per_page)
            page_html = list_page(host, source, shown, page, pages, len(rows), variant)
            return encoded_html_reply(page_html, ENCODING)

        return Route(source.id, "list", listing, data=page > 1, validated=True)
    if not ARTICLE_RE.fullmatch(path):
        return None
    article = corpus.find_path(host.host, path, (JSARRAY,))
    if article is None:
        return None

    return article_route(article.source_id, lambda: corpus.find_path(host.host, path, (JSARRAY,)),
                         lambda a, body: encoded_html_reply(article_page(host, a, body), ENCODING))
