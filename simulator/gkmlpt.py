"""Guangdong's open-government catalogue (gkmlpt): /gkmlpt/api/all/{category}?page=N&sid=S, content pages."""

from __future__ import annotations

import re
from html import escape
from typing import Any

from simulator.content import Article
from simulator.corpus import Corpus
from simulator.reply import (
    Reply,
    Route,
    SimRequest,
    api_json_reply,
    article_route,
    fixed,
    html_reply,
    json_error,
)
from simulator.sites import GKMLPT, SOURCES, Host, SiteColumn, sources_on_host
from simulator.state import Simulator

API_RE = re.compile(r"/gkmlpt/api/all/(\d+)")
CLASSES = {"policy": "规范性文件", "notice": "通知公告", "draft": "征求意见", "news": "工作动态", "inspection": "监督检查"}


def record(article: Article) -> dict[str, Any]:
    """One entry of `articles`; created_at is epoch seconds (the API's integer form)."""
    return {"id": article.id, "identifier": article.index_number, "publisher": article.issuer,
            "created_at": int(article.published.timestamp()), "title": article.title, "url": article.url}


def api_answer(source: SiteColumn, articles: tuple[Article, ...], page: int, variant: str) -> dict[str, Any]:
    shown = articles[(page - 1) * source.per_page: page * source.per_page]
    if variant == "redesign":
        # After a platform upgrade the same data comes with other key names.
        renamed = [{"docId": a.id, "indexNo": a.index_number, "pubOrg": a.issuer,
                    "pubTime": int(a.published.timestamp()), "docTitle": a.title, "link": a.url}
                   for a in shown]
        return {"data": {"list": renamed, "totalCount": len(articles), "pageNo": page}}
    return {"articles": [record(a) for a in shown], "total": len(articles), "page": page}


def _api_route(corpus: Corpus, host: Host, request: SimRequest, category: int) -> Route:
    source = next((s for s in sources_on_host(host.host)
                   if s.family == GKMLPT and s.column_id == category), None)
    if source is None:
        return Route(None, "list", fixed(lambda: json_error(f"no catalogue category {category}", 404)))
    try:
        page = max(int(request.params.get("page", "1")), 1)
    except ValueError:
        page = 1
    right_site = request.params.get("sid") == str(host.webid)

    def answer(variant: str) -> Reply:
        articles = corpus.articles(source.id) if right_site and variant != "shell" else ()
        return api_json_reply(api_answer(source, articles, page, variant))

    return Route(source.id, "list", answer, data=True, validated=True)


def article_page(host: Host, article: Article, body: bool = True) -> str:
    """A gkmlpt content page: the catalogue's metadata table above the title and body."""
    source = SOURCES[article.source_id]
    metas = [("SiteName", host.webname), ("SiteDomain", host.host), ("SiteIDCode", host.site_id_code),
             ("ColumnName", source.column_name), ("ArticleTitle", article.title),
             ("PubDate", f"{article.published:%Y-%m-%d %H:%M}"), ("ContentSource", article.origin),
             ("Url", article.url)]
    tags = "\n".join(f'<meta name="{name}" content="{escape(value)}">' for name, value in metas)
    written = article.written or article.published.date()
    cells = (("索引号：", article.index_number or ""), ("分类：", CLASSES.get(article.kind, "其他")),
             ("发布机构：", article.issuer or ""), ("成文日期：", f"{written:%Y-%m-%d}"),
             ("文号：", article.doc_number or ""), ("发布日期：", f"{article.published:%Y-%m-%d}"))
    rows = "".join(
        f'<tr><td class="first">{cells[i][0]}</td><td class="td-value-xl"><span>{escape(cells[i][1])}'
        f'</span></td><td class="first">{cells[i + 1][0]}</td><td class="td-value"><span>'
        f'{escape(cells[i + 1][1])}</span></td></tr>\n'
        for i in range(0, len(cells), 2)
    )
    paragraphs = "".join(f'<p style="text-align: {p.align or "justify"};">{escape(p.text)}</p>'
                         for p in article.body_paragraphs())
    content = ""
    if body:
        content = (f'<div class="article-content">\n<meta name="ContentStart">{paragraphs}'
                   '<meta name="ContentEnd">\n</div>\n')
    files = "".join(f'<li><a href="{escape(a.path)}" target="_blank">{escape(a.name)}</a></li>'
                    for a in article.attachments)
    return (
        f'<!DOCTYPE html>\n<html>\n<head>\n<meta charset="utf-8">\n<title>{escape(article.title)}</title>\n'
        f"{tags}\n"
        '<link rel="stylesheet" href="/gkmlpt/static/css/content.css">\n</head>\n<body>\n'
        f'<div class="gkmlpt-header"><span>{escape(host.webname)}</span> 政府信息公开</div>\n'
        '<div class="content-container">\n'
        f'<div class="classify"><table class="table-info">\n{rows}</table></div>\n'
        f'<div class="content"><h1 class="title">{escape(article.title)}</h1>\n{content}'
        + (f'<div class="attachment"><p>附件：</p><ul>{files}</ul></div>\n' if files else "")
        + f'</div>\n</div>\n<div class="footer">{escape(" ".join(host.footer))}</div>\n</body>\n</html>\n'
    )


def route(sim: Simulator, host: Host, request: SimRequest) -> Route | None:
    corpus, path = sim.corpus, request.path
    if match := API_RE.fullmatch(path):
        return _api_route(corpus, host, request, int(match[1]))
    article = corpus.find_path(host.host, path, (GKMLPT,))
    if article is None:
        return None

    return article_route(article.source_id, lambda: corpus.find_path(host.host, path, (GKMLPT,)),
                         lambda a, body: html_reply(article_page(host, a, body)))
