"""Validation of publish/edit control fields and applying them to an article (the corpus calls these)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from random import Random
from typing import Any
from urllib.parse import urlsplit

from simulator.content import Article, Attachment, paragraphs_from_text
from simulator.sites import HOSTS

PUBLISH_FIELDS = {
    "title", "body", "doc_number", "kind", "published", "source", "comment_deadline", "attachments",
}
EDIT_FIELDS = {"id", "title", "body", "doc_number", "source", "comment_deadline", "attachments"}


class SimNotFound(LookupError):
    """An unknown source or article id (answered as HTTP 404)."""


class SimBadRequest(ValueError):
    """A control request with unknown keys or ill-typed values (answered as HTTP 400)."""


def check_keys(fields: dict[str, Any], allowed: set[str]) -> None:
    if not isinstance(fields, dict):
        raise SimBadRequest("the request body must be a JSON object")
    unknown = set(fields) - allowed
    if unknown:
        raise SimBadRequest(f"unknown keys {sorted(unknown)}; allowed: {sorted(allowed)}")


def kind_from_title(title: Any) -> str | None:
    """A given title without a kind: guess the kind so the generated body and truth match the title."""
    if not isinstance(title, str):
        return None
    if "征求意见" in title:
        return "draft"
    if "飞行检查" in title:
        return "inspection"
    if "印发" in title:
        return "policy"
    return None


def text_field(fields: dict[str, Any], key: str) -> str:
    value = fields[key]
    if not isinstance(value, str) or not value.strip():
        raise SimBadRequest(f"{key} must be a non-empty string")
    return value.strip()


def article_id(fields: dict[str, Any]) -> int:
    value = fields.get("id")
    if not isinstance(value, int) or isinstance(value, bool):
        raise SimBadRequest("id (an integer article id) is required")
    return value


def apply_fields(article: Article, fields: dict[str, Any], rng: Random, placement: str = "line") -> Article:
    """Overwrite the given fields of an article (values validated here, keys checked by the caller).

    `placement`: where a 文号 given to an article that had none shows (the source's usual place)."""
    changes: dict[str, Any] = {}
    if "title" in fields:
        changes["title"] = text_field(fields, "title")
    if "body" in fields:
        changes["paragraphs"] = paragraphs_from_text(text_field(fields, "body"))
    if "source" in fields:
        changes["origin"] = text_field(fields, "source")
    if "doc_number" in fields:
        number = fields["doc_number"]
        if number is not None and not isinstance(number, str):
            raise SimBadRequest("doc_number must be a string or null")
        changes["doc_number"] = number.strip() if number else None
        if number and article.doc_placement == "none":
            changes["doc_placement"] = placement
    if "comment_deadline" in fields:
        value = fields["comment_deadline"]
        try:
            changes["comment_deadline"] = date.fromisoformat(value) if value else None
        except (TypeError, ValueError) as exc:
            raise SimBadRequest(f"comment_deadline must be YYYY-MM-DD or null: {exc}") from exc
    if "attachments" in fields:
        changes["attachments"] = _attachments(fields["attachments"], article.host, rng)
    return replace(article, **changes)


def _attachments(value: Any, host: str, rng: Random) -> tuple[Attachment, ...]:
    if not isinstance(value, list):
        raise SimBadRequest("attachments must be a list of {name, url?} objects")
    found = []
    for item in value:
        if not isinstance(item, dict) or not isinstance(item.get("name"), str) or set(item) - {"name", "url"}:
            raise SimBadRequest("each attachment must be an object with a string name and an optional url")
        extension = item["name"].rsplit(".", 1)[-1]
        url = item.get("url") or f"/attach/-1/{rng.randrange(10**8, 10**10)}.{extension}"
        parts = urlsplit(url)
        tail = parts.path + (f"?{parts.query}" if parts.query else "")
        if parts.netloc and parts.netloc != host:
            if parts.netloc not in HOSTS:
                raise SimBadRequest(f"attachment url {url!r} is neither on {host} nor on another simulated host")
            # A file on another simulated host (a shared file server): linked, and served there, by its URL.
            found.append(Attachment(item["name"], f"{parts.scheme or 'https'}://{parts.netloc}{tail}"))
            continue
        found.append(Attachment(item["name"], tail))
    return tuple(found)
