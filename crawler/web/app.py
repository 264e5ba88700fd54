"""The console's ASGI application: routes, middleware (session cookie, login gate) and shared state."""

from __future__ import annotations

from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.middleware import Middleware
from starlette.middleware.sessions import SessionMiddleware
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles

from crawler.alerts.glossary import load_glossary
from crawler.alerts.rules import compile_rules
from crawler.web.config import WebConfig
from crawler.web.health import healthz
from crawler.web.login import LoginGate, login_form, logout
from crawler.web.pages_digests import digest_html, digests_page
from crawler.web.pages_feeds import feeds_page, items_feed, rule_feed, source_feed, topic_feed
from crawler.web.pages_items import item_page, items_page
from crawler.web.pages_sources import source_page, sources_page
from crawler.web.templating import make_templates

SESSION_HOURS = 12
SECURITY_HEADERS = {
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
    "X-Frame-Options": "SAMEORIGIN",
}


def _home(request: Request) -> Response:
    return items_page(request)


async def _http_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, HTTPException)
    return request.app.state.templates.TemplateResponse(request, "error.html", {"status": exc.status_code,
                                                        "detail": exc.detail}, status_code=exc.status_code)


ROUTES = [
    Route("/", _home),
    Route("/items", items_page),
    Route("/items/{item_id}", item_page),
    Route("/sources", sources_page),
    Route("/sources/{source_id}", source_page),
    Route("/digests", digests_page),
    Route("/digests/{day}.html", digest_html),
    Route("/feeds", feeds_page),
    Route("/feeds/items.atom", items_feed),
    Route("/feeds/sources/{source_id}.atom", source_feed),
    Route("/feeds/topics/{topic_id}.atom", topic_feed),
    Route("/feeds/rules/{rule}.atom", rule_feed),
    Route("/healthz", healthz),
    Route("/login", login_form, methods=["GET", "POST"]),
    Route("/logout", logout, methods=["POST"]),
]


class SecurityHeaders:
    def __init__(self, app: object) -> None:
        self.app = app

    async def __call__(self, scope: dict, receive: object, send: object) -> None:
        async def with_headers(message: dict) -> None:
            if message["type"] == "http.response.start":
                present = {k.lower() for k, _v in message.get("headers", [])}
                for name, value in SECURITY_HEADERS.items():
                    if name.lower().encode() not in present:
                        message.setdefault("headers", []).append((name.lower().encode(), value.encode()))
            await send(message)  # type: ignore[operator]

        await self.app(scope, receive, with_headers if scope["type"] == "http" else send)  # type: ignore[operator]


def create_app(config: WebConfig) -> Starlette:
    middleware = [
        Middleware(SecurityHeaders),
        Middleware(SessionMiddleware, secret_key=config.secret_key, session_cookie="newswatch_session",
                   max_age=SESSION_HOURS * 3600, same_site="lax", https_only=config.cookie_secure),
        Middleware(LoginGate, password_hash=config.password_hash),
    ]
    routes = [*ROUTES, Mount("/static", StaticFiles(packages=[("crawler.web", "static")]), name="static")]
    app = Starlette(routes=routes, middleware=middleware, exception_handlers={HTTPException: _http_error})
    glossary = load_glossary()
    app.state.config = config
    app.state.glossary = glossary
    app.state.rules = compile_rules(config.settings.config.rules, glossary)
    app.state.templates = make_templates(config.settings.timezone)
    return app
