"""Pure helpers for Guangdong's gkmlpt JSON API: `{"articles": [...], "total": N}` and its `page=N` URLs."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from crawler.extract.listing_text import clean_title, date_from_value
from spiders.entries import Entry, absolute_url, dedupe_entries

# created_at is what the API fills for every article; the others appear on some deployments.
_DATE_KEYS = ("created_at", "first_publish_time", "display_publish_time", "publish_time")


class GkmlptAnswerError(ValueError):
    """The API answered something other than its `{"articles": [...]}` JSON."""


@dataclass(frozen=True)
class GkmlptPage:
    entries: list[Entry]
    total: int | None  # articles in the whole category
    count: int  # articles on this page, before dropping unusable ones


def page_url(start_url: str, page: int) -> str:
    """The start URL with its `page` query parameter set to `page` (added when missing)."""
    parts = urlsplit(start_url)
    query = parse_qsl(parts.query, keep_blank_values=True)
    if not any(k == "page" for k, _ in query):
        query.append(("page", ""))
    query = [(k, str(page) if k == "page" else v) for k, v in query]
    return urlunsplit(parts._replace(query=urlencode(query)))


def start_page(start_url: str) -> int:
    """The page number the start URL asks for (1 when it does not say)."""
    value = dict(parse_qsl(urlsplit(start_url).query)).get("page", "1")
    return int(value) if value.isdigit() and int(value) >= 1 else 1


def _total(document: dict[str, Any]) -> int | None:
    value = document.get("total")
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    return int(value) if isinstance(value, str) and value.strip().isdigit() else None


def _entry(article: Any, base_url: str) -> Entry | None:
    if not isinstance(article, dict):
        return None
    href, title = article.get("url"), article.get("title")
    url = absolute_url(base_url, href) if isinstance(href, str) else None
    if url is None or not isinstance(title, str) or not clean_title(title):
        return None
    when = next((d for d in (date_from_value(article.get(k)) for k in _DATE_KEYS) if d), None)
    return Entry(url, clean_title(title), when)


def parse_api_answer(body: bytes, base_url: str) -> GkmlptPage:
    try:
        document = json.loads(body.decode("utf-8-sig"))
    except (UnicodeDecodeError, ValueError) as exc:
        raise GkmlptAnswerError(f"the gkmlpt API answer is not JSON: {exc}") from exc
    if not isinstance(document, dict) or not isinstance(document.get("articles"), list):
        raise GkmlptAnswerError(
            "the gkmlpt API answered JSON without an `articles` list; the API changed or "
            "the start URL is not /gkmlpt/api/all/<category>?page=N&sid=<site>"
        )
    articles = document["articles"]
    entries = [e for e in (_entry(a, base_url) for a in articles) if e is not None]
    return GkmlptPage(dedupe_entries(entries), _total(document), len(articles))
