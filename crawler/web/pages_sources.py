"""The Sources page (every source's state at a glance) and a source's page (its transitions and runs)."""

from __future__ import annotations

from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import Response

from crawler.web.request_state import config_of, directory_of, open_session
from crawler.web.source_queries import next_runs, runs_of, source_rows, transitions


def sources_page(request: Request) -> Response:
    with open_session(request) as session:
        directory = directory_of(request, session)
        rows = source_rows(session, directory, next_runs(config_of(request).engine))
        return request.app.state.templates.TemplateResponse(request, "sources.html", {"rows": rows})


def source_page(request: Request) -> Response:
    source_id = request.path_params["source_id"]
    with open_session(request) as session:
        directory = directory_of(request, session)
        if source_id not in directory:
            raise HTTPException(404, "no such source")
        (row,) = [r for r in source_rows(session, {source_id: directory[source_id]},
                                         next_runs(config_of(request).engine))]
        context = {"row": row, "info": directory[source_id], "runs": runs_of(session, source_id),
                   "transitions": transitions(session, source_id)}
        return request.app.state.templates.TemplateResponse(request, "source.html", context)
