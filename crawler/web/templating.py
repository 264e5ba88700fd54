"""The console's Jinja2 templates: autoescaped, times shown in the configured zone, the CSRF token in every form."""

from __future__ import annotations

from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape
from markupsafe import Markup
from starlette.requests import Request
from starlette.templating import Jinja2Templates

from crawler.extract.sanitize import sanitize_html
from crawler.util.shown_time import shown
from crawler.web.csrf import FIELD, csrf_token
from crawler.web.kinds import KIND_IDS, kind_of


def _context(request: Request) -> dict[str, Any]:
    config = request.app.state.config
    return {
        "csrf_field": FIELD,
        "csrf_token": lambda: csrf_token(request),
        "login_required": config.login_required,
        "signed_in": bool(request.session.get("operator")) if "session" in request.scope else False,
    }


def make_templates(timezone: str) -> Jinja2Templates:
    tz = ZoneInfo(timezone)
    env = Environment(loader=PackageLoader("crawler.web", "templates"), autoescape=select_autoescape(default=True),
                      undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True)

    def local(value: datetime | None) -> str:
        return shown(value, tz)

    def local_date(value: datetime | None) -> str:
        return value.astimezone(tz).date().isoformat() if value else ""

    def safe_body(html: str, base_url: str) -> Markup:
        # Stored bodies were sanitized when crawled; again here, so a page never trusts the database.
        return Markup(sanitize_html(html or "", base_url))  # noqa: S704 - the sanitizer's output

    env.filters.update(local=local, local_date=local_date, safe_body=safe_body)
    env.globals.update(kind_label=lambda k: KIND_IDS[k].label if k in KIND_IDS else "", kind_of=kind_of)
    return Jinja2Templates(env=env, context_processors=[_context])
