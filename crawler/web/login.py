"""Operator login: the form, sign-out, and the gate that asks for it on every page when a password is set."""

from __future__ import annotations

import base64
import binascii
from urllib.parse import quote, urlsplit

from starlette.requests import Request
from starlette.responses import PlainTextResponse, RedirectResponse, Response
from starlette.types import ASGIApp, Receive, Scope, Send

from crawler.web.auth import verify_password
from crawler.web.csrf import FIELD, csrf_valid

# Open without login: the login form itself, its stylesheet, and the health check (no secrets in it).
PUBLIC_PATHS = ("/login", "/healthz", "/static/")


def _basic_password(request: Request) -> str | None:
    """A feed reader cannot fill a form: HTTP Basic with the operator password (any user name) also signs in."""
    header = request.headers.get("authorization", "")
    scheme, _, value = header.partition(" ")
    if scheme.lower() != "basic":
        return None
    try:
        return base64.b64decode(value, validate=True).decode("utf-8").partition(":")[2]
    except (binascii.Error, UnicodeDecodeError):
        return None


def safe_next(target: str | None) -> str:
    """Only a path on this site: never an absolute URL (an open redirect)."""
    # Browsers read a backslash as a slash: "/\\evil.example" would be "//evil.example", another site.
    if not target or not target.startswith("/") or target.startswith("//") or "\\" in target or urlsplit(target).netloc:
        return "/"
    return target


class LoginGate:
    """ASGI middleware (inside the session middleware): with a password set, everything but PUBLIC_PATHS needs a
    signed-in session or HTTP Basic; pages redirect to the form, feeds and other clients get 401."""

    def __init__(self, app: ASGIApp, password_hash: str | None) -> None:
        self.app, self.password_hash = app, password_hash

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or not self.password_hash or scope["path"].startswith(PUBLIC_PATHS):
            await self.app(scope, receive, send)
            return
        request = Request(scope, receive)
        if request.session.get("operator"):
            await self.app(scope, receive, send)
            return
        password = _basic_password(request)
        if password is not None and verify_password(password, self.password_hash):
            await self.app(scope, receive, send)
            return
        response: Response
        if request.method == "GET" and not scope["path"].startswith("/feeds/"):
            target = scope["path"] + (f"?{scope['query_string'].decode('latin-1')}" if scope["query_string"] else "")
            response = RedirectResponse(f"/login?next={quote(target)}", status_code=303)
        else:
            response = PlainTextResponse("sign in first", status_code=401,
                                         headers={"WWW-Authenticate": 'Basic realm="newswatch"'})
        await response(scope, receive, send)


async def login_form(request: Request) -> Response:
    templates = request.app.state.templates
    if request.method == "GET":
        return templates.TemplateResponse(request, "login.html", {"next": safe_next(request.query_params.get("next")),
                                                                  "error": ""})
    form = await request.form()
    next_url = safe_next(str(form.get("next") or "/"))
    if not csrf_valid(request, form.get(FIELD)):
        return templates.TemplateResponse(request, "login.html", {"next": next_url, "error": "The form expired; "
                                          "try again."}, status_code=400)
    config = request.app.state.config
    if not config.password_hash or not verify_password(str(form.get("password") or ""), config.password_hash):
        return templates.TemplateResponse(request, "login.html", {"next": next_url, "error": "Wrong password."},
                                          status_code=401)
    request.session.clear()  # a new session on sign-in: no fixation of one set before
    request.session["operator"] = True
    return RedirectResponse(next_url, status_code=303)


async def logout(request: Request) -> Response:
    form = await request.form()
    if not csrf_valid(request, form.get(FIELD)):
        return PlainTextResponse("the form expired; go back and try again", status_code=400)
    request.session.clear()
    return RedirectResponse("/login" if request.app.state.config.login_required else "/", status_code=303)
