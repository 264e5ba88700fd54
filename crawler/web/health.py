"""/healthz for load balancers and monitoring: the database answers, and how many sources are in each state."""

from __future__ import annotations

from collections import Counter

from sqlalchemy import select, text
from sqlalchemy.exc import SQLAlchemyError
from starlette.requests import Request
from starlette.responses import JSONResponse, Response

from crawler.web.request_state import now, open_session
from db.migrate import head_revision
from db.models import Source


def healthz(request: Request) -> Response:
    """200 with {"status": "ok"} while the database can be read; 503 otherwise. No URLs, paths or secrets."""
    try:
        with open_session(request) as session:
            revision = session.execute(text("SELECT version_num FROM alembic_version")).scalar()
            states = Counter(session.scalars(select(Source.health)))
    except SQLAlchemyError as exc:
        return JSONResponse({"status": "error", "database": "unavailable", "error": type(exc).__name__},
                            status_code=503)
    body = {"status": "ok", "database": "ok", "schema": revision, "schema_current": revision == head_revision(),
            "sources": dict(sorted(states.items())), "time": now().isoformat(timespec="seconds")}
    return JSONResponse(body)
