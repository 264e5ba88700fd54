"""Hanweb jpaas URL scheme: shell column pages, the unit API (JSON envelope of list HTML) and articles."""

from __future__ import annotations

import json
import re

from simulator import jpaas_article, jpaas_render
from simulator.corpus import Corpus
from simulator.jpaas_render import TAG_ID, UNIT_PATH, envelope, refusal
from simulator.listing import entries, page_rows
from simulator.reply import Reply, Route, SimRequest, api_json_reply, article_route, fixed, html_reply
from simulator.sites import JPAAS, Host, hanweb_column, sources_on_host
from simulator.state import Simulator

COLUMN_RE = re.compile(r"/col/col(\d+)/(?:index\.html)?")
ARTICLE_RE = re.compile(r"/col/col(\d+)/art/\d{4}/art_[0-9a-f]{32}\.html")
LATEST_ONLY = 10  # without paramJson the API answers only the newest records
MAX_PAGE_SIZE = 100


def route(sim: Simulator, host: Host, request: SimRequest) -> Route | None:
    corpus, path = sim.corpus, request.path
    if match := COLUMN_RE.fullmatch(path):
        source = hanweb_column(host.host, int(match[1]))
        if source is None or corpus.platform(source.id) != JPAAS:
            return None
        return Route(source.id, "list", fixed(lambda: html_reply(jpaas_render.column_page(host, source))),
                     validated=True)
    if path == UNIT_PATH:
        return _unit_route(corpus, host, request)
    if match := ARTICLE_RE.fullmatch(path):
        source = hanweb_column(host.host, int(match[1]))
        if source is None:
            return None

        return article_route(source.id, lambda: corpus.find_in_column(host.host, path, source.id),
                             lambda a, body: html_reply(jpaas_article.article_page(host, source, a, corpus.now(), body)))
    return None


def _paging(param_json: str | None) -> tuple[int, int] | None:
    """(pageNo, pageSize) from paramJson; None when it is not the JSON object the platform expects."""
    if param_json is None:
        return 1, LATEST_ONLY
    try:
        value = json.loads(param_json)
        page_no, page_size = int(value.get("pageNo", 1)), int(value.get("pageSize", 20))
    except (ValueError, TypeError, AttributeError):
        return None
    return max(page_no, 1), min(max(page_size, 1), MAX_PAGE_SIZE)


def _unit_route(corpus: Corpus, host: Host, request: SimRequest) -> Route:
    params = request.params
    web_id, page_id = params.get("webId", ""), params.get("pageId", "")
    source = next((s for s in sources_on_host(host.host)
                   if s.jpaas and s.jpaas.web_id == web_id and s.jpaas.page_id == page_id), None)
    if source is None or source.jpaas is None:
        return Route(None, "list", fixed(lambda: api_json_reply(refusal("页面不存在", "404"))))
    jpaas_ids = source.jpaas

    def answer(variant: str) -> Reply:
        if params.get("tplSetId") != jpaas_ids.tpl_set_id or params.get("tagId") != TAG_ID:
            return api_json_reply(refusal("模板集或单元不存在"))
        if corpus.platform(source.id) != JPAAS:
            return api_json_reply(refusal("栏目未发布到云平台", "404"))
        paging = _paging(params.get("paramJson"))
        if paging is None:
            return api_json_reply(refusal("paramJson参数格式错误"))
        page_no, page_size = paging
        rows = [] if variant == "shell" else entries(corpus, source)
        shown = page_rows(rows, page_no, page_size)
        fragment = jpaas_render.unit_html(host, source, shown, page_no, page_size, len(rows), variant)
        return api_json_reply(envelope(fragment))

    return Route(source.id, "list", answer, data=True, validated=True)
