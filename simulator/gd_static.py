"""Guangdong's static site (gdstc.gd.gov.cn): index.html, index_2.html … (one-based), content/post_N pages."""

from __future__ import annotations

import re
from html import escape

from simulator.content import Article
from simulator.listing import ListEntry, entries, page_count, page_rows, redesigned
from simulator.reply import Reply, Route, SimRequest, article_route, html_reply, not_found
from simulator.sites import GD_STATIC, SOURCES, Host, SiteColumn, source_by_path
from simulator.state import Simulator

INDEX_RE = re.compile(r"(?P<dir>/(?:[\w-]+/)+)index(?:_(?P<n>\d+))?\.html")


def _head(host: Host, title: str, metas: list[tuple[str, str]]) -> str:
    tags = "\n".join(f'<meta name="{name}" content="{escape(value)}">' for name, value in metas)
    nav = "".join(f'<li><a href="{href}">{escape(label)}</a></li>' for label, href in host.nav)
    return (
        '<!DOCTYPE html>\n<html>\n<head>\n<meta charset="utf-8">\n<meta http-equiv="X-UA-Compatible" '
        'content="IE=edge">'
        f"\n<title>{escape(title)}</title>\n<meta name=\"SiteName\" content=\"{escape(host.webname)}\">\n"
        f'<meta name="SiteDomain" content="{host.host}">\n<meta name="SiteIDCode" '
        f'content="{host.site_id_code}">\n'
        f'{tags}\n<link rel="stylesheet" href="/global/css/base.css">\n</head>\n<body>\n'
        '<div class="header"><div class="logo"><img src="/global/images/logo.png" '
        f'alt="{escape(host.webname)}">'
        f'</div><div class="nav"><ul>{nav}</ul></div></div>\n'
    )


def _foot(host: Host) -> str:
    lines = "".join(f"<p>{escape(line)}</p>" for line in host.footer)
    return f'<div class="footer">{lines}<p>网站标识码：{host.site_id_code}</p></div>\n</body>\n</html>\n'


def _pager(page: int, pages: int, total: int) -> str:
    def name(number: int) -> str:
        return "index.html" if number == 1 else f"index_{number}.html"

    links = [f'<a href="{name(1)}" class="first">首页</a>']
    if page > 1:
        links.append(f'<a href="{name(page - 1)}" class="prev">上一页</a>')
    links.append(f'<a class="cur">{page}</a>')
    if page < pages:
        links.append(f'<a href="{name(page + 1)}" class="next">下一页</a>')
    links.append(f'<a href="{name(pages)}" class="last">尾页</a>')
    return f'<div class="page">{" ".join(links)} <span class="total">共{pages}页 {total}条</span></div>'


def list_page(host: Host, source: SiteColumn, rows: list[ListEntry], page: int, pages: int, total: int,
              variant: str) -> str:
    if variant == "redesign":
        listing = redesigned(rows, host.base_url)
    else:
        items = "".join(
            f'<li><a href="{escape(r.absolute(host.base_url))}" target="_blank" title="{escape(r.title)}">'
            f'{escape(r.title)}</a><span class="time">{r.day}</span></li>\n' for r in rows
        )
        listing = f'<ul class="list">\n{items}</ul>'
    name = escape(source.column_name)
    return (
        _head(host, f"{source.column_name} - {host.webname}", [("ColumnName", source.column_name)])
        + f'<div class="main"><div class="position">当前位置：<a href="/">首页</a> &gt; <a href="/zwgk_n/">政务公开'
        f'</a> &gt; <span>{name}</span></div>\n<div class="list_box"><div class="list_title">{name}</div>\n'
        f"{listing}\n{_pager(page, pages, total)}\n</div></div>\n" + _foot(host)
    )


def article_page(host: Host, article: Article, body: bool = True) -> str:
    source = SOURCES[article.source_id]
    metas = article.article_metas(source.column_name)
    paragraphs = "".join(
        f'<p style="text-align: {p.align};">{escape(p.text)}</p>' if p.align
        else f'<p style="text-indent: 2em;">{escape(p.text)}</p>' for p in article.body_paragraphs()
    )
    zw = (f'<div class="zw">\n<meta name="ContentStart">{paragraphs}<meta name="ContentEnd">\n</div>\n'
          if body else "")
    files = "".join(f'<p><a href="{escape(a.path)}" target="_blank">{escape(a.name)}</a></p>'
                    for a in article.attachments)
    return (
        _head(host, f"{article.title} - {host.webname}", metas)
        + f'<div class="main"><div class="position">当前位置：<a href="/">首页</a> &gt; '
        f'<a href="{source.column_path}">{escape(source.column_name)}</a></div>\n<div class="article">\n'
        f'<h3 class="zw-title">{escape(article.title)}</h3>\n<div class="zw-info">'
        f'<span class="time">发布时间：{article.published:%Y-%m-%d %H:%M:%S}</span>'
        f'<span class="source">来源：{escape(article.origin)}</span></div>\n{zw}'
        + (f'<div class="fj"><p>附件：</p>{files}</div>\n' if files else "")
        + "</div></div>\n" + _foot(host)
    )


def route(sim: Simulator, host: Host, request: SimRequest) -> Route | None:
    corpus, path = sim.corpus, request.path
    if match := INDEX_RE.fullmatch(path):
        source = source_by_path(host.host, match["dir"])
        if source is not None and source.family == GD_STATIC:
            suffix = match["n"]
            page = 1 if suffix is None else int(suffix)  # one-based: index_2.html is the second page

            def listing(variant: str) -> Reply:
                rows = [] if variant == "shell" else entries(corpus, source)
                pages = page_count(len(rows), source.per_page)
                if suffix in ("0", "1") or page > pages:
                    return not_found()
                shown = page_rows(rows, page, source.per_page)
                return html_reply(list_page(host, source, shown, page, pages, len(rows), variant))

            return Route(source.id, "list", listing, data=page > 1, validated=True)
    article = corpus.find_path(host.host, path, (GD_STATIC,))
    if article is None:
        return None

    return article_route(article.source_id, lambda: corpus.find_path(host.host, path, (GD_STATIC,)),
                         lambda a, body: html_reply(article_page(host, a, body)))
