"""The Digests page: every digest sent (date, channel, status, subject) and a day's digest as the builder renders it."""

from __future__ import annotations

from datetime import date

from sqlalchemy import select
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import HTMLResponse, Response

from crawler.config import ConfigError
from crawler.digest.build import build_digest
from crawler.web.request_state import config_of, open_session, today
from db.models import DigestSend

ARCHIVE_LIMIT = 400


def digests_page(request: Request) -> Response:
    with open_session(request) as session:
        sends = list(session.scalars(select(DigestSend).order_by(DigestSend.digest_date.desc(), DigestSend.channel)
                                     .limit(ARCHIVE_LIMIT)))
    return request.app.state.templates.TemplateResponse(request, "digests.html",
                                                        {"sends": sends, "today": today(request)})


def digest_html(request: Request) -> Response:
    """A day's digest, HTML as emailed: built from what is stored now (the day's events do not change later)."""
    try:
        day = date.fromisoformat(request.path_params["day"])
    except ValueError:
        raise HTTPException(404, "not a date like 2026-12-03") from None
    config = config_of(request)
    try:
        digest = build_digest(config.settings, config.engine, day)
    except ConfigError as exc:
        raise HTTPException(500, f"the digest configuration is invalid: {exc}") from None
    # The digest template escapes every stored string itself; it is a whole document, shown in a frame.
    return HTMLResponse(digest.html, headers={"Content-Security-Policy": "default-src 'none'; style-src 'unsafe-inline'; "
                                              "img-src https: data:; frame-ancestors 'self'"})
