"""CSRF protection of every form that posts: a random token kept in the signed session and repeated in the form."""

from __future__ import annotations

import hmac
import secrets

from starlette.requests import Request

SESSION_KEY = "csrf"
FIELD = "csrf_token"


def csrf_token(request: Request) -> str:
    token = request.session.get(SESSION_KEY)
    if not token:
        token = secrets.token_urlsafe(32)
        request.session[SESSION_KEY] = token
    return str(token)


def csrf_valid(request: Request, submitted: object) -> bool:
    expected = request.session.get(SESSION_KEY)
    return bool(expected) and isinstance(submitted, str) and hmac.compare_digest(str(expected), submitted)
