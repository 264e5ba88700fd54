"""TRS WCM static sites (MOST, NMPA): index.html, index_1.html … pages, links, pager, chrome and routing."""

from __future__ import annotations

import re
from collections.abc import Callable
from html import escape

from simulator.content import Article
from simulator.listing import ListEntry, entries, page_count, page_rows
from simulator.reply import Reply, Route, SimRequest, article_route, html_reply, not_found
from simulator.sites import TRS, Host, SiteColumn, source_by_path
from simulator.state import Simulator

INDEX_RE = re.compile(r"(?P<dir>/(?:[\w-]+/)*)(?:index(?:_(?P<n>\d+))?\.html)?")
ListPage = Callable[[Host, SiteColumn, list[ListEntry], int, int, int, str], str]
ArticlePage = Callable[[Host, Article, bool], str]
Router = Callable[[Simulator, Host, SimRequest], Route | None]


def relative(href: str, folder: str) -> str:
    """TRS writes links relative to the list's folder: ./202503/t20250314_193456.html."""
    return "./" + href[len(folder):] if href.startswith(folder) else href


def pager(page: int, pages: int, total: int, variant_id: bool) -> str:
    """The TRS pager script; NMPA's variant names its div and adds the record total."""
    if variant_id:
        call = f"createPageHTML('page_div',{pages},{page - 1},'index','html',{total});"
    else:
        call = f'createPageHTML({pages}, {page - 1}, "index", "html");'
    return f'<div class="page" id="page_div"></div>\n<script type="text/javascript">\n{call}\n</script>\n'


def chrome(host: Host) -> tuple[str, str]:
    """(header, footer) of a TRS page: logo, navigation, sponsor lines."""
    nav = "".join(f'<li><a href="{href}" target="_self">{escape(label)}</a></li>' for label, href in host.nav)
    lines = "".join(f"<p>{escape(line)}</p>" for line in host.footer)
    head = (f'<div class="header"><div class="logo"><a href="/"><img src="/images/logo.png" '
            f'alt="{escape(host.webname)}"></a></div><ul class="menu">{nav}</ul></div>\n')
    foot = (f'<div class="footer">{lines}<p>网站标识码：{host.site_id_code}</p></div>\n'
            '<script src="/assets/js/public.js" type="text/javascript"></script>\n')
    return head, foot


def make_route(layout: str, list_page: ListPage, article_page: ArticlePage) -> Router:
    """The router of the TRS sites of one layout (Host.layout), given how they render lists and articles."""

    def route(sim: Simulator, host: Host, request: SimRequest) -> Route | None:
        if host.layout != layout:
            return None
        corpus, path = sim.corpus, request.path
        if match := INDEX_RE.fullmatch(path):
            source = source_by_path(host.host, match["dir"])
            if source is not None and source.family == TRS:
                return _list_route(sim, host, source, match["n"], list_page)
        article = corpus.find_path(host.host, path, (TRS,))
        if article is None:
            return None

        return article_route(article.source_id, lambda: corpus.find_path(host.host, path, (TRS,)),
                             lambda a, body: html_reply(article_page(host, a, body)))

    return route


def _list_route(sim: Simulator, host: Host, source: SiteColumn, suffix: str | None, list_page: ListPage) -> Route:
    page = 1 if suffix is None else int(suffix) + 1  # index_1.html is the second page

    def listing(variant: str) -> Reply:
        rows = [] if variant == "shell" else entries(sim.corpus, source)
        pages = page_count(len(rows), source.per_page)
        if suffix == "0" or page > pages:
            return not_found()
        shown = page_rows(rows, page, source.per_page)
        return html_reply(list_page(host, source, shown, page, pages, len(rows), variant))

    return Route(source.id, "list", listing, data=page > 1, validated=True)
