"""Hanweb classic (大汉 JCMS) URL scheme: column pages, the jpage data proxy, articles, downloads, home page."""

from __future__ import annotations

import html
import re

from crawler.simulator.corpus import Corpus
from crawler.simulator.hanweb_article import article_page
from crawler.simulator.hanweb_chrome import footer, header, page_head, site_metas
from crawler.simulator.hanweb_listing import FIRST_BATCH, GROUP_SIZE, PER_PAGE, column_page, proxy_answer
from crawler.simulator.reply import (
    Reply,
    Route,
    SimRequest,
    attachment_reply,
    html_reply,
    not_found,
    xml_reply,
)
from crawler.simulator.sites import HANWEB_CLASSIC, Host, source_for_column, sources_on_host

COLUMN_RE = re.compile(r"/col/col(\d+)/(?:index\.html)?")
ARTICLE_RE = re.compile(r"/art/\d{4}/\d{1,2}/\d{1,2}/art_(\d+)_(\d+)\.html")
DOWNLOAD_PATHS = ("/module/download/downfile.jsp",)


def _int(value: str | None, default: int) -> int:
    try:
        return int(value) if value is not None else default
    except ValueError:
        return default


def route(corpus: Corpus, host: Host, request: SimRequest) -> Route | None:
    """Recognise a Hanweb classic URL of `host`; None lets the server answer 404."""
    path = request.path
    if match := COLUMN_RE.fullmatch(path):
        source = source_for_column(host.host, int(match[1]))
        if source is None or source.family != HANWEB_CLASSIC:
            return None

        def page(shell: bool) -> Reply:
            return html_reply(column_page(host, source, corpus.articles(source.id), corpus.now(), shell))

        return Route(source.id, "list", lambda: page(False), lambda: page(True))
    if path == host.proxy_path:
        return _proxy_route(corpus, host, request)
    if match := ARTICLE_RE.fullmatch(path):
        source = source_for_column(host.host, int(match[1]))
        if source is None or source.family != HANWEB_CLASSIC:
            return None
        article_id = int(match[2])

        def detail() -> Reply:
            # Looked up at answer time: an article withdrawn meanwhile answers 404 like any missing page.
            article = corpus.find(host.host, source.column_id, article_id)
            if article is None or article.path != path:
                return not_found()
            return html_reply(article_page(host, source, article, corpus.now()))

        return Route(source.id, "detail", detail)
    if path in DOWNLOAD_PATHS or path.startswith("/attach/"):
        found = corpus.find_attachment(host.host, request.target)
        if found is None:
            return Route(None, "attachment", not_found)
        article, attachment = found
        return Route(article.source_id, "attachment", lambda: attachment_reply(attachment))
    if path in ("/", "/index.html"):
        return Route(None, "page", lambda: html_reply(home_page(corpus, host)))
    return None


def _proxy_route(corpus: Corpus, host: Host, request: SimRequest) -> Route:
    """POST ?startrecord=&endrecord=&perpage= with form fields, or GET ?page=N (a group of 45)."""
    params = request.params
    source = source_for_column(host.host, _int(params.get("columnid"), -1))
    if source is not None and source.family != HANWEB_CLASSIC:
        source = None
    per_page = max(_int(params.get("perpage"), PER_PAGE), 1)
    if "startrecord" in params or "endrecord" in params:
        start = _int(params.get("startrecord"), 1)
        end = _int(params.get("endrecord"), start + per_page * GROUP_SIZE - 1)
    else:
        page = max(_int(params.get("page"), 1), 1)
        start, end = (page - 1) * FIRST_BATCH + 1, page * FIRST_BATCH
    unit_id = params.get("unitid", source.unit_id if source else "")

    def answer() -> Reply:
        articles = corpus.articles(source.id) if source else ()
        return xml_reply(proxy_answer(host, source, articles, unit_id, start, end, per_page))

    return Route(source.id if source else None, "proxy", answer)


def home_page(corpus: Corpus, host: Host) -> str:
    """The site's front page: the newest five items of every simulated column, Hanweb-style boxes."""
    today = corpus.now()
    boxes = []
    for source in sources_on_host(host.host):
        items = "".join(
            f'<li><a href="{a.path}" title="{html.escape(a.title)}" target="_blank">'
            f'{html.escape(a.title)}</a><span>{a.published.strftime("%m-%d")}</span></li>'
            for a in corpus.articles(source.id)[:5]
        )
        name, path = html.escape(source.column_name), source.column_path
        boxes.append(f'<div class="box"><div class="box-title"><a href="{path}">{name}</a>'
                     f'<a class="more" href="{path}">更多&gt;&gt;</a></div><ul>{items}</ul></div>')
    return (page_head(host, host.webname, site_metas(host, "首页")) + "<body>\n" + header(host, today)
            + f'<div class="main index">{"".join(boxes)}</div>\n' + footer(host) + "</body>\n</html>\n")
