"""Tells a usable page from a challenge, an error answer or a non-page, without parsing content."""

from __future__ import annotations

import re

from scrapy.http import Response

_CHALLENGE_MARKERS = (
    (re.compile(rb"\$_ts\s*=|\$_ts\["), "a JavaScript anti-bot challenge (412-style, 瑞数)"),
    (re.compile(rb"__jsl_clearance"), "a 加速乐 JavaScript challenge (521-style)"),
    (re.compile(rb"<meta[^>]+\br=['\"]m['\"]"), "a JavaScript anti-bot challenge (412-style, 瑞数)"),
)
_BLOCK_STATUSES = {403: "403 Forbidden", 412: "412 with a challenge", 521: "521 加速乐 challenge"}


def challenge_reason(body: bytes) -> str | None:
    """Why this body is a challenge page rather than content, or None. Only the head is inspected."""
    head = body[:20000]
    for pattern, reason in _CHALLENGE_MARKERS:
        if pattern.search(head):
            return reason
    return None


def looks_binary(body: bytes) -> bool:
    sample = body[:2048]
    return b"\x00" in sample or sample.startswith((b"%PDF", b"PK\x03\x04", b"\xd0\xcf\x11\xe0"))


def classify_unusable_page(response: Response) -> tuple[str, str] | None:
    """(health kind, message) when a list answer cannot be used; None when it can be parsed."""
    return classify_answer(response.status, response.body)


def classify_answer(status: int, body: bytes) -> tuple[str, str] | None:
    """classify_unusable_page for an answer fetched outside Scrapy (`newswatch sources add`)."""
    if status in _BLOCK_STATUSES:
        reason = challenge_reason(body) or "an error page"
        return "blocked", f"the site answered {_BLOCK_STATUSES[status]} ({reason}); newswatch does not bypass it"
    if status >= 500:
        return "unreachable", f"the site answered HTTP {status} after retries"
    if status in (404, 410):
        return "empty", f"the list page answered HTTP {status}: the column moved or the site was redesigned"
    if status != 200:
        return "error", f"the list page answered HTTP {status}"
    reason = challenge_reason(body)
    if reason:
        return "blocked", f"the site served {reason} with HTTP 200; newswatch does not bypass it"
    if looks_binary(body):
        return "error", "the list page is binary data, not HTML"
    return None
