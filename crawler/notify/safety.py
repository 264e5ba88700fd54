"""Making crawled text and links safe for mail and chat: markup stripped, links absolute http(s), headers one line."""

from __future__ import annotations

import html
import re
from urllib.parse import urljoin, urlsplit

import nh3

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u200b-\u200f\u202a-\u202e\u2066-\u2069]")
_SPACES = re.compile(r"[ \t\u3000\xa0]+")
_LINE_BREAKS = re.compile(r"[\r\n\u2028\u2029]+")


def plain_text(value: object, limit: int | None = None) -> str:
    """Crawled text as plain text: tags and their script/style content removed, control characters too.

    Titles and bodies are plain text already; a page that smuggles markup in (a <script>, an
    onerror= attribute) loses it here, and the templates escape whatever is left.
    """
    if value is None:
        return ""
    text = str(value)
    if "<" in text:
        # nh3 drops every tag (and the content of script/style), then hands back entity-escaped text.
        text = html.unescape(nh3.clean(text, tags=set(), clean_content_tags={"script", "style"}))
    # Bidi overrides and zero-width characters can disguise a link or a title: drop them.
    text = _CONTROL.sub("", text.replace("\r\n", "\n"))
    text = "\n".join(_SPACES.sub(" ", line).strip() for line in text.split("\n"))
    text = re.sub(r"\n{3,}", "\n\n", text).strip()
    if limit is not None and len(text) > limit:
        text = text[: max(0, limit - 1)].rstrip() + "…"
    return text


def one_line(value: object, limit: int | None = None) -> str:
    """Plain text on a single line: for mail headers (no header injection) and list entries."""
    return plain_text(_LINE_BREAKS.sub(" ", str(value or "")), limit)


def safe_url(url: object, base: str | None = None) -> str | None:
    """An absolute http(s) URL, resolved against the page it came from; None for anything else."""
    if not url:
        return None
    text = _CONTROL.sub("", str(url)).strip()
    if base:
        text = urljoin(base, text)
    parts = urlsplit(text)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        return None  # javascript:, data:, mailto: and relative links without a base never reach a reader
    if any(ch in text for ch in " \"'<>\\\n"):
        # Spaces and quotes break out of an href in some clients: percent-encode the few that appear.
        text = text.replace(" ", "%20").replace('"', "%22").replace("'", "%27").replace("<", "%3C")
        text = text.replace(">", "%3E").replace("\\", "%5C").replace("\n", "")
    return text


def redact(text: str, secrets: list[str | None]) -> str:
    """A message with each secret (password, webhook URL or token) replaced, safe to log and store."""
    for secret in secrets:
        if secret and len(secret) >= 4:
            text = text.replace(secret, "***")
    return text
