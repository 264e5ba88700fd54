"""List entries as spiders see them, and the small text helpers every list parser shares."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from urllib.parse import urljoin, urlsplit

_SPACE_RE = re.compile(r"\s+")
_BULLETS = "·•◆■□▪●○>»"
# C0 controls other than tab/newline/CR: never meaningful in HTML, and lxml refuses them in some APIs.
_CONTROL_RE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_SKIP_SCHEMES = ("javascript:", "mailto:", "tel:", "data:", "about:", "vbscript:")


@dataclass(frozen=True)
class Entry:
    """One article entry of a list page: where it is, what it is called, when it is dated."""

    url: str
    title: str
    date: date | None = None


def clean_title(text: str) -> str:
    return _SPACE_RE.sub(" ", text).strip().lstrip(_BULLETS).strip()


def is_truncated(title: str) -> bool:
    return title.endswith(("...", "…", "..."))


def best_title(link_text: str, title_attr: str | None) -> str:
    """The `title` attribute holds the full title where the link text is cut with '...'."""
    text = clean_title(link_text)
    attr = clean_title(title_attr or "")
    if attr and (not text or is_truncated(text) or len(attr) > len(text)):
        return attr
    return text


def dedupe_entries(entries: list[Entry]) -> list[Entry]:
    """One entry per URL, in first-seen order, keeping the longest title and any known date."""
    merged: dict[str, Entry] = {}
    for entry in entries:
        seen = merged.get(entry.url)
        if seen is None:
            merged[entry.url] = entry
            continue
        title = entry.title if len(entry.title) > len(seen.title) and not is_truncated(entry.title) else seen.title
        merged[entry.url] = Entry(seen.url, title, seen.date or entry.date)
    return list(merged.values())


def without_control_chars(text: str) -> str:
    """Markup every lxml API accepts: damaged pages carry stray control bytes that browsers ignore."""
    return _CONTROL_RE.sub("", text)


def absolute_url(base_url: str, href: str | None) -> str | None:
    """The absolute http(s) URL of a link; None for script, mail and in-page links and for hrefs no URL
    parser accepts (`http://[x`, a port out of range), so one broken link never costs the whole page."""
    # Templates leave line breaks and tabs inside hrefs; browsers drop them, so do we.
    cleaned = re.sub(r"[\r\n\t]", "", href or "").strip()
    if not cleaned or cleaned.startswith("#") or cleaned.lower().startswith(_SKIP_SCHEMES):
        return None
    try:
        url = urljoin(base_url, cleaned)
        parts = urlsplit(url)
        valid = parts.scheme in ("http", "https") and bool(parts.hostname) and (parts.port or 0) >= 0
    except ValueError:
        return None
    return url if valid else None
