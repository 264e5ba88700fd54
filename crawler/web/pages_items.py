"""The Items page (search and filters) and the Item page (fields, attachments, cluster, versions with diffs)."""

from __future__ import annotations

from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import Response

from crawler.web.diff import field_changes, side_by_side
from crawler.web.directory import agency_kinds, provinces
from crawler.web.filters import ItemFilters
from crawler.web.item_queries import item_detail, list_page
from crawler.web.kinds import KINDS
from crawler.web.request_state import directory_of, open_session, today, zone


def items_page(request: Request) -> Response:
    filters = ItemFilters.from_query(request.query_params)
    with open_session(request) as session:
        directory = directory_of(request, session)
        page = list_page(session, filters, directory, zone(request), today(request))
        glossary = request.app.state.glossary
        context = {
            "filters": filters, "page": page, "directory": directory, "provinces": provinces(directory),
            "agency_kinds": agency_kinds(directory), "kinds": KINDS,
            "topics": sorted((tid, glossary.label(tid)) for tid in glossary.topics), "today": today(request),
        }
        return request.app.state.templates.TemplateResponse(request, "items.html", context)


def _version_diffs(versions: list) -> list[dict]:
    """Each version after the first against the one before it, newest first."""
    diffs = []
    for before, after in zip(versions, versions[1:], strict=False):
        diffs.append({
            "before": before, "after": after,
            "fields": field_changes(before.fields or {}, after.fields or {}),
            "body": side_by_side((before.fields or {}).get("body_text") or "", (after.fields or {}).get("body_text") or ""),
        })
    return list(reversed(diffs))


def item_page(request: Request) -> Response:
    try:
        item_id = int(request.path_params["item_id"])
    except ValueError:
        raise HTTPException(404, "no such item") from None
    with open_session(request) as session:
        detail = item_detail(session, item_id)
        if detail is None:
            raise HTTPException(404, "no such item")
        directory = directory_of(request, session)
        context = {"d": detail, "item": detail.item, "source": directory.get(detail.item.source_id),
                   "diffs": _version_diffs(detail.versions), "glossary": request.app.state.glossary,
                   "today": today(request)}
        return request.app.state.templates.TemplateResponse(request, "item.html", context)
