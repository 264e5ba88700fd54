"""Feed endpoints: Atom of all new items, a source, a topic, a watch rule; 304 on a matching conditional GET."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from email.utils import format_datetime, parsedate_to_datetime
from urllib.parse import quote

from sqlalchemy.orm import Session
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import Response

from crawler.web.feed_queries import all_items, rule_items, source_items, topic_items
from crawler.web.feeds import FeedSpec, build_atom, etag, last_modified
from crawler.web.request_state import directory_of, open_session
from db.models import Item

ATOM = "application/atom+xml; charset=utf-8"


def not_modified(request: Request, tag: str, modified_header: str) -> bool:
    """RFC 9110 13.2.2: If-None-Match decides when present; If-Modified-Since only without it."""
    if_none_match = request.headers.get("if-none-match")
    if if_none_match is not None:
        candidates = {t.strip().removeprefix("W/") for t in if_none_match.split(",")}
        return "*" in candidates or tag in candidates
    since = request.headers.get("if-modified-since")
    if since:
        try:
            return parsedate_to_datetime(since) >= parsedate_to_datetime(modified_header)
        except (TypeError, ValueError):
            return False
    return False


def _feed(request: Request, key: str, title: str, page_url: str,
          select_items: Callable[[Session], Sequence[Item]]) -> Response:
    with open_session(request) as session:
        items = select_items(session)
        directory = directory_of(request, session)
        base = str(request.base_url)
        spec = FeedSpec(key, title, str(request.url.replace(query="")), base.rstrip("/") + page_url)
        tag = etag(spec, items)
        modified = format_datetime(last_modified(items).replace(microsecond=0), usegmt=True)
        headers = {"ETag": tag, "Last-Modified": modified, "Cache-Control": "no-cache"}
        if not_modified(request, tag, modified):
            return Response(status_code=304, headers=headers)
        return Response(build_atom(spec, items, directory, base), media_type=ATOM, headers=headers)


def items_feed(request: Request) -> Response:
    return _feed(request, "items", "newswatch: new items 新文件", "/items", all_items)


def source_feed(request: Request) -> Response:
    source_id = request.path_params["source_id"]
    with open_session(request) as session:
        info = directory_of(request, session).get(source_id)
    if info is None:
        raise HTTPException(404, "no such source")
    return _feed(request, f"source:{source_id}", f"newswatch: {info.name}", f"/items?source={quote(source_id)}",
                 lambda session: source_items(session, source_id))


def topic_feed(request: Request) -> Response:
    topic_id = request.path_params["topic_id"]
    glossary = request.app.state.glossary
    if topic_id not in glossary.topics:
        raise HTTPException(404, "no such topic")
    return _feed(request, f"topic:{topic_id}", f"newswatch: {glossary.label(topic_id)}",
                 f"/items?topic={quote(topic_id)}", lambda session: topic_items(session, topic_id))


def rule_feed(request: Request) -> Response:
    name = request.path_params["rule"]
    rule = next((r for r in request.app.state.rules if r.name == name), None)
    if rule is None or not set(rule.rule.events) - {"health"}:
        raise HTTPException(404, "no watch rule of that name matches items")
    glossary = request.app.state.glossary

    def select_items(session: Session) -> Sequence[Item]:
        return rule_items(session, rule, directory_of(request, session), glossary)

    return _feed(request, f"rule:{name}", f"newswatch: rule {name}", "/feeds", select_items)


def feeds_page(request: Request) -> Response:
    """Every feed, to copy into a reader."""
    with open_session(request) as session:
        directory = directory_of(request, session)
    glossary = request.app.state.glossary
    context = {"directory": directory, "topics": sorted((t, glossary.label(t)) for t in glossary.topics),
               "rules": [r for r in request.app.state.rules if set(r.rule.events) - {"health"}]}
    return request.app.state.templates.TemplateResponse(request, "feeds.html", context)
