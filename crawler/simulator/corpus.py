"""The mutable, lock-protected corpus of served articles: initial history, publish, edit, withdraw."""

from __future__ import annotations

import threading
from dataclasses import replace
from datetime import date, datetime, timedelta
from random import Random
from typing import Any
from urllib.parse import parse_qs, urlsplit

from crawler.simulator.content import KINDS, Article, Attachment, paragraphs_from_text, parse_moment
from crawler.simulator.generator import SourceWriter, anchor_moment, assign_ids
from crawler.simulator.sites import HOSTS, SOURCES, source_for_column

DEFAULT_ANCHOR = date(2026, 11, 20)
DEFAULT_SEED = 20261120
PUBLISH_FIELDS = {
    "title", "body", "doc_number", "kind", "published", "source", "comment_deadline", "attachments",
}
EDIT_FIELDS = {"id", "title", "body", "doc_number", "source", "comment_deadline", "attachments"}


class SimNotFound(LookupError):
    """An unknown source or article id (answered as HTTP 404)."""


class SimBadRequest(ValueError):
    """A control request with unknown keys or ill-typed values (answered as HTTP 400)."""


def attachment_key(path: str) -> str:
    """What identifies an attachment URL: the path, plus the file name for the downfile.jsp form."""
    parts = urlsplit(path)
    filename = parse_qs(parts.query).get("filename", [""])[0]
    return f"{parts.path}?{filename}" if filename else parts.path


class Corpus:
    """All served articles per source, newest first. Every access holds the lock; articles are immutable."""

    def __init__(self, anchor: date | datetime = DEFAULT_ANCHOR, seed: int = DEFAULT_SEED) -> None:
        self.anchor = anchor_moment(anchor)
        self.seed = seed
        self._lock = threading.RLock()
        self.reset()

    def reset(self) -> None:
        with self._lock:
            self._writers = {sid: SourceWriter(source, self.seed) for sid, source in SOURCES.items()}
            self._articles: dict[str, list[Article]] = {}
            self._last_id: dict[str, int] = {}
            for host in HOSTS:
                ids = [sid for sid, s in SOURCES.items() if s.host == host]
                history = [a for sid in ids for a in self._writers[sid].history(self.anchor)]
                merged = assign_ids(history, host, self.seed)
                for sid in ids:
                    self._articles[sid] = [a for a in merged if a.source_id == sid]
                self._last_id[host] = max((a.id for a in merged), default=20_000_000)
            self._id_rng = Random(f"{self.seed}:published-ids")

    def articles(self, source_id: str) -> tuple[Article, ...]:
        with self._lock:
            return tuple(self._source_list(source_id))

    def article(self, source_id: str, article_id: int) -> Article:
        with self._lock:
            for article in self._source_list(source_id):
                if article.id == article_id:
                    return article
        raise SimNotFound(f"source {source_id} serves no article with id {article_id}")

    def find(self, host: str, column_id: int, article_id: int) -> Article | None:
        source = source_for_column(host, column_id)
        if source is None:
            return None
        try:
            return self.article(source.id, article_id)
        except SimNotFound:
            return None

    def find_attachment(self, host: str, path: str) -> tuple[Article, Attachment] | None:
        key = attachment_key(path)
        with self._lock:
            for source_id, articles in self._articles.items():
                if SOURCES[source_id].host != host:
                    continue
                for article in articles:
                    for attachment in article.attachments:
                        if attachment_key(attachment.path) == key:
                            return article, attachment
        return None

    def now(self) -> datetime:
        """The simulated clock: one hour after the anchor or the newest article, whichever is later."""
        with self._lock:
            newest = max((lst[0].published for lst in self._articles.values() if lst), default=self.anchor)
            return max(self.anchor, newest) + timedelta(hours=1)

    def publish(self, source_id: str, fields: dict[str, Any]) -> Article:
        _check_keys(fields, PUBLISH_FIELDS)
        with self._lock:
            source = self._source(source_id)
            published = parse_moment(_text(fields, "published")) if "published" in fields else self.now()
            kind = fields.get("kind") or _kind_from_title(fields.get("title"))
            if kind is not None and kind not in KINDS:
                raise SimBadRequest(f"kind must be one of {', '.join(KINDS)}, not {kind!r}")
            article = self._writers[source_id].write(published, kind)
            self._last_id[source.host] += self._id_rng.randrange(3, 800)
            article = _apply(replace(article, id=self._last_id[source.host]), fields, self._id_rng)
            articles = self._articles[source_id]
            articles.append(article)
            articles.sort(key=lambda a: (a.published, a.id), reverse=True)
            return article

    def edit(self, source_id: str, fields: dict[str, Any]) -> Article:
        _check_keys(fields, EDIT_FIELDS)
        with self._lock:
            old = self.article(source_id, _article_id(fields))
            new = _apply(old, {k: v for k, v in fields.items() if k != "id"}, self._id_rng)
            new = replace(new, version=old.version + 1)
            articles = self._articles[source_id]
            articles[articles.index(old)] = new
            return new

    def withdraw(self, source_id: str, fields: dict[str, Any]) -> Article:
        _check_keys(fields, {"id"})
        with self._lock:
            old = self.article(source_id, _article_id(fields))
            self._articles[source_id].remove(old)
            return old

    def _source(self, source_id: str) -> Any:
        if source_id not in SOURCES:
            raise SimNotFound(f"unknown source {source_id!r}; known: {', '.join(SOURCES)}")
        return SOURCES[source_id]

    def _source_list(self, source_id: str) -> list[Article]:
        self._source(source_id)
        return self._articles[source_id]


def _check_keys(fields: dict[str, Any], allowed: set[str]) -> None:
    if not isinstance(fields, dict):
        raise SimBadRequest("the request body must be a JSON object")
    unknown = set(fields) - allowed
    if unknown:
        raise SimBadRequest(f"unknown keys {sorted(unknown)}; allowed: {sorted(allowed)}")


def _kind_from_title(title: Any) -> str | None:
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


def _text(fields: dict[str, Any], key: str) -> str:
    value = fields[key]
    if not isinstance(value, str) or not value.strip():
        raise SimBadRequest(f"{key} must be a non-empty string")
    return value.strip()


def _article_id(fields: dict[str, Any]) -> int:
    value = fields.get("id")
    if not isinstance(value, int) or isinstance(value, bool):
        raise SimBadRequest("id (an integer article id) is required")
    return value


def _apply(article: Article, fields: dict[str, Any], rng: Random) -> Article:
    """Overwrite the given fields of an article (values validated here, keys checked by the caller)."""
    changes: dict[str, Any] = {}
    if "title" in fields:
        changes["title"] = _text(fields, "title")
    if "body" in fields:
        changes["paragraphs"] = paragraphs_from_text(_text(fields, "body"))
    if "source" in fields:
        changes["origin"] = _text(fields, "source")
    if "doc_number" in fields:
        number = fields["doc_number"]
        if number is not None and not isinstance(number, str):
            raise SimBadRequest("doc_number must be a string or null")
        changes["doc_number"] = number.strip() if number else None
        if number and article.doc_placement == "none":
            changes["doc_placement"] = "line"
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
        if parts.netloc and parts.netloc != host:
            raise SimBadRequest(f"attachment url {url!r} is not on {host}")
        found.append(Attachment(item["name"], parts.path + (f"?{parts.query}" if parts.query else "")))
    return tuple(found)
