"""The mutable, lock-protected corpus of served articles: history, publish, edit, withdraw, platforms."""

from __future__ import annotations

import threading
from dataclasses import replace
from datetime import date, datetime, timedelta
from random import Random
from typing import Any
from urllib.parse import parse_qs, urlsplit

from simulator.content import KINDS, Article, Attachment, parse_moment
from simulator.corpus_build import fresh_writers, initial
from simulator.corpus_fields import (
    EDIT_FIELDS,
    PUBLISH_FIELDS,
    SimBadRequest,
    SimNotFound,
    apply_fields,
    article_id,
    check_keys,
    kind_from_title,
    text_field,
)
from simulator.extras import ListExtra
from simulator.generator import anchor_moment
from simulator.schemes import finish, identifiers, next_id
from simulator.site_model import CLASSIC, HANWEB_FAMILIES, JPAAS, SiteColumn
from simulator.sites import HOSTS, SOURCES, source_for_column

__all__ = ["DEFAULT_ANCHOR", "DEFAULT_SEED", "Corpus", "SimBadRequest", "SimNotFound", "attachment_key"]

DEFAULT_ANCHOR = date(2026, 11, 20)
DEFAULT_SEED = 20261120


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
        snapshot = initial(self.anchor, self.seed)
        with self._lock:
            self._writers = fresh_writers(snapshot, self.seed)
            self._articles = {sid: list(found) for sid, found in snapshot.articles.items()}
            self._extras = snapshot.extras
            self._pinned = dict(snapshot.pinned)
            self._last_id = dict(snapshot.last_id)
            self._platforms = {sid: s.initial_platform for sid, s in SOURCES.items()}
            self._id_rng = Random(f"{self.seed}:published-ids")

    # --- reading --------------------------------------------------------------------------------
    def articles(self, source_id: str) -> tuple[Article, ...]:
        with self._lock:
            return tuple(self._source_list(source_id))

    def extras(self, source_id: str) -> tuple[ListExtra, ...]:
        """List entries of the source that are not its articles (off-site links, bare PDFs)."""
        self._source(source_id)
        return self._extras[source_id]

    def pinned(self, source_id: str) -> frozenset[int]:
        with self._lock:
            return self._pinned[source_id]

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

    def find_path(self, host: str, path: str, families: tuple[str, ...] = ()) -> Article | None:
        """The article served at `path` on `host` (of a source of one of `families`, if given)."""
        with self._lock:
            for source_id, articles in self._articles.items():
                source = SOURCES[source_id]
                if source.host == host and (not families or source.family in families):
                    for article in articles:
                        if article.path == path:
                            return article
        return None

    def find_in_column(self, host: str, path: str, source_id: str) -> Article | None:
        """The article served at `path` on `host` if it is one of `source_id`'s (a Hanweb URL names its column)."""
        article = self.find_path(host, path)
        return article if article is not None and article.source_id == source_id else None

    def find_attachment(self, host: str, path: str) -> tuple[Article, Attachment] | None:
        """The article and attachment served at `path` on `host`: one of the host's own articles, or any
        article whose attachment lives on this host (Attachment.elsewhere)."""
        key = attachment_key(path)
        with self._lock:
            for source_id, articles in self._articles.items():
                own_host = SOURCES[source_id].host == host
                for article in articles:
                    for attachment in article.attachments:
                        if not (own_host or attachment.elsewhere):
                            continue
                        where, served_at = attachment.location(article.host)
                        if where == host and attachment_key(served_at) == key:
                            return article, attachment
        return None

    def find_file(self, host: str, path: str) -> tuple[str, Attachment] | None:
        """(source id, file) of an attachment or of an on-site PDF list entry served at `path`."""
        found = self.find_attachment(host, path)
        if found is not None:
            return found[0].source_id, found[1]
        for source_id, extras in self._extras.items():
            if SOURCES[source_id].host == host:
                for extra in extras:
                    if extra.reason == "pdf" and extra.url == urlsplit(path).path:
                        return source_id, Attachment(f"{extra.title}.pdf", extra.url)
        return None

    def now(self) -> datetime:
        """The simulated clock: one hour after the anchor or the newest article, whichever is later."""
        with self._lock:
            newest = max((lst[0].published for lst in self._articles.values() if lst), default=self.anchor)
            return max(self.anchor, newest) + timedelta(hours=1)

    def newest(self, source_id: str) -> datetime:
        """When the source last published (the anchor for an empty source)."""
        with self._lock:
            articles = self._source_list(source_id)
            return articles[0].published if articles else self.anchor

    # --- platforms ------------------------------------------------------------------------------
    def platform(self, source_id: str) -> str:
        with self._lock:
            return self._platforms[source_id]

    def set_platform(self, source_id: str, platform: Any) -> str:
        """Move a Hanweb column between classic and jpaas (what Zhejiang did in 2024–2026)."""
        source = self._source(source_id)
        if platform not in (CLASSIC, JPAAS):
            raise SimBadRequest(f"platform must be {CLASSIC!r} or {JPAAS!r}, not {platform!r}")
        if source.family not in HANWEB_FAMILIES or source.jpaas is None or not source.unit_id:
            raise SimBadRequest(f"source {source_id} cannot move: only Hanweb columns with both classic "
                                "units "
                                "and jpaas ids (params.jpaas_*) can")
        with self._lock:
            self._platforms[source_id] = platform
            return platform

    # --- changes --------------------------------------------------------------------------------
    def publish(self, source_id: str, fields: dict[str, Any]) -> Article:
        check_keys(fields, PUBLISH_FIELDS)
        with self._lock:
            source = self._source(source_id)
            published = parse_moment(text_field(fields, "published")) if "published" in fields else self.now()
            kind = fields.get("kind") or kind_from_title(fields.get("title"))
            if kind is not None and kind not in KINDS:
                raise SimBadRequest(f"kind must be one of {', '.join(KINDS)}, not {kind!r}")
            article = self._writers[source_id].write(published, kind)
            host = HOSTS[source.host]
            taken = {a.id for lst in self._articles.values() for a in lst}
            last = next_id(host, self._last_id[source.host], published, self._id_rng, taken)
            self._last_id[source.host] = last
            article = finish(article, last, source, host, self._platforms[source_id], self.seed)
            article = self._rework(source, article, fields)
            articles = self._articles[source_id]
            articles.append(article)
            articles.sort(key=lambda a: (a.published, a.id), reverse=True)
            return article

    def edit(self, source_id: str, fields: dict[str, Any]) -> Article:
        check_keys(fields, EDIT_FIELDS)
        with self._lock:
            old = self.article(source_id, article_id(fields))
            new = self._rework(self._source(source_id), old, {k: v for k, v in fields.items() if k != "id"})
            new = replace(new, version=old.version + 1)
            articles = self._articles[source_id]
            articles[articles.index(old)] = new
            return new

    def withdraw(self, source_id: str, fields: dict[str, Any]) -> Article:
        check_keys(fields, {"id"})
        with self._lock:
            old = self.article(source_id, article_id(fields))
            self._articles[source_id].remove(old)
            return old

    def _rework(self, source: SiteColumn, article: Article, fields: dict[str, Any]) -> Article:
        placement = source.doc_placements[0][0]
        changed = apply_fields(article, fields, self._id_rng, placement)
        index_number, issuer = identifiers(changed, HOSTS[source.host])  # a new 文号 can bring an info table
        return replace(changed, index_number=index_number, issuer=issuer)

    def _source(self, source_id: str) -> SiteColumn:
        if source_id not in SOURCES:
            raise SimNotFound(f"unknown source {source_id!r}; known: {', '.join(SOURCES)}")
        return SOURCES[source_id]

    def _source_list(self, source_id: str) -> list[Article]:
        self._source(source_id)
        return self._articles[source_id]
