"""Hanweb classic (大汉 JCMS) URL scheme: column pages, the jpage data proxy, articles and the home page."""

from __future__ import annotations

import html
import re

from simulator import hanweb_article, hanweb_jiangsu, hanweb_listing
from simulator.corpus import Corpus
from simulator.hanweb_chrome import footer, header, page_head, site_metas
from simulator.hanweb_listing import FIRST_BATCH, GROUP_SIZE, PER_PAGE, proxy_answer
from simulator.reply import Reply, Route, SimRequest, article_route, html_reply, nginx_error, xml_reply
from simulator.sites import CLASSIC, Host, hanweb_column, sources_on_host
from simulator.state import Simulator

COLUMN_RE = re.compile(r"/col/col(\d+)/(?:index\.html)?")
ARTICLE_RE = re.compile(r"/art/\d{4}/\d{1,2}/\d{1,2}/art_(\d+)_(\d+)\.html")


def _int(value: str | None, default: int) -> int:
    try:
        return int(value) if value is not None else default
    except ValueError:
        return default


def route(sim: Simulator, host: Host, request: SimRequest) -> Route | None:
    """Recognise a Hanweb classic URL of `host`; None lets the next router (or a 404) answer."""
    corpus, path = sim.corpus, request.path
    if match := COLUMN_RE.fullmatch(path):
        source = hanweb_column(host.host, int(match[1]))
        if source is None or corpus.platform(source.id) != CLASSIC:
            return None  # a jpaas column: jpaas.route serves its shell page

        def page(variant: str) -> Reply:
            layout = hanweb_jiangsu if host.layout == "jiangsu" else hanweb_listing
            articles = corpus.articles(source.id)
            return html_reply(layout.column_page(host, source, articles, corpus.now(), variant))

        return Route(source.id, "list", page, validated=True)
    if path == host.proxy_path:
        return _proxy_route(corpus, host, request)
    if match := ARTICLE_RE.fullmatch(path):
        source = hanweb_column(host.host, int(match[1]))
        if source is None:
            return None

        layout = hanweb_jiangsu if host.layout == "jiangsu" else hanweb_article
        return article_route(source.id, lambda: corpus.find_in_column(host.host, path, source.id),
                             lambda a, body: html_reply(layout.article_page(host, source, a, corpus.now(), body)))
    if path in ("/", "/index.html"):
        return Route(None, "page", lambda variant: html_reply(home_page(corpus, host)))
    return None


def _proxy_route(corpus: Corpus, host: Host, request: SimRequest) -> Route:
    """POST ?startrecord=&endrecord=&perpage= with form fields, or GET ?page=N (a group of 45)."""
    params = request.params
    source = hanweb_column(host.host, _int(params.get("columnid"), -1))
    per_page = max(_int(params.get("perpage"), PER_PAGE), 1)
    if "startrecord" in params or "endrecord" in params:
        start = _int(params.get("startrecord"), 1)
        end = _int(params.get("endrecord"), start + per_page * GROUP_SIZE - 1)
    else:
        page = max(_int(params.get("page"), 1), 1)
        start, end = (page - 1) * FIRST_BATCH + 1, page * FIRST_BATCH
    unit_id = params.get("unitid", source.unit_id if source else "")

    def answer(variant: str) -> Reply:
        if source is not None and corpus.platform(source.id) != CLASSIC:
            return nginx_error(404, "Not Found")  # after a move to jpaas the old data proxy is gone
        articles = corpus.articles(source.id) if source else ()
        return xml_reply(proxy_answer(host, source, articles, unit_id, start, end, per_page,
                                      redesign=variant == "redesign"))

    return Route(source.id if source else None, "proxy", answer, data=True)


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
        name, path = html.escape(source.column_name), f"/col/col{source.column_id}/index.html"
        boxes.append(f'<div class="box"><div class="box-title"><a href="{path}">{name}</a>'
                     f'<a class="more" href="{path}">更多&gt;&gt;</a></div><ul>{items}</ul></div>')
    return (page_head(host, host.webname, site_metas(host, "首页")) + "<body>\n" + header(host, today)
            + f'<div class="main index">{"".join(boxes)}</div>\n' + footer(host) + "</body>\n</html>\n")
