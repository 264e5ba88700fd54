"""Pure RSS/Atom parsing with feedparser: entries (link, title, published date in China time)."""

from __future__ import annotations

import time
from dataclasses import dataclass
from datetime import date, datetime, timezone
from typing import Any

import feedparser

from crawler.extract.dates import parse_date
from crawler.extract.listing_text import clean_title
from crawler.util.china_time import CHINA_TZ
from spiders.entries import Entry, absolute_url, dedupe_entries

# How a whole feed document ends; a cut-off answer (a proxy or connection that stopped midway) does not.
_CLOSING_TAGS = (b"</rss>", b"</feed>", b"</rdf:rdf>")
_TAIL = 64



class FeedError(ValueError):
    """A feed feedparser cannot read: broken XML with no usable entry (feedparser's reason in the message)."""


class NotAFeed(FeedError):
    """No RSS or Atom at all: an HTML page or an empty answer where the feed was (retired or moved)."""


@dataclass(frozen=True)
class FeedParse:
    entries: list[Entry]
    title: str
    problem: str | None  # feedparser's complaint about a feed it could still read (bozo), or None
    cut_off: bool = False  # the document stops before its closing </rss>, </feed> or </rdf:RDF>


def _link(entry: Any, base_url: str) -> str | None:
    link = entry.get("link")
    if not link:
        alternates = [
            x for x in entry.get("links", []) if x.get("rel", "alternate") == "alternate" and x.get("href")
        ]
        link = alternates[0]["href"] if alternates else None
    return absolute_url(base_url, link)


def _date(entry: Any) -> date | None:
    for key in ("published", "updated", "created"):
        parsed: time.struct_time | None = entry.get(f"{key}_parsed")
        if parsed:
            # feedparser normalises to UTC; the article's calendar date is the one in China.
            return datetime(*parsed[:6], tzinfo=timezone.utc).astimezone(CHINA_TZ).date()
        raw = entry.get(key)
        if raw and (found := parse_date(raw)):
            return found  # a format feedparser does not know, e.g. "2024-01-05 10:00:00 星期五"
    return None


def parse_feed(body: bytes, url: str) -> FeedParse:
    """Entries of an RSS or Atom document; relative links resolve against the feed's URL.

    Raises NotAFeed when there is no feed element at all, FeedError when feedparser complains (bozo) and
    no usable entry (link and title) is left. A well-formed feed without entries parses to zero entries.
    """
    # Bytes, never a string: feedparser treats a string that looks like a URL as something to fetch. No
    # response headers either: government feeds are often served as text/html, which feedparser would
    # flag although the feed reads fine.
    try:
        parsed = feedparser.parse(bytes(body))
    except ValueError as exc:  # feedparser lets some decoding errors out (NUL bytes, broken UTF-8 in a declaration)
        raise FeedError(f"the feed does not parse as RSS or Atom: {exc!r}") from exc
    reason = str(parsed.get("bozo_exception") or "no reason given") if parsed.get("bozo") else None
    entries = []
    for item in parsed.entries:
        link = _link(item, url)
        title = clean_title(item.get("title", ""))
        if link and title:
            entries.append(Entry(link, title, _date(item)))
    if not entries and not parsed.get("version"):
        because = f" (feedparser: {reason})" if reason else ""
        raise NotAFeed(f"the feed URL answers no RSS or Atom feed but an HTML page or nothing{because}")
    if reason and not entries:
        raise FeedError(f"the feed does not parse as RSS or Atom: {reason}")
    cut_off = not bytes(body).rstrip()[-_TAIL:].lower().endswith(_CLOSING_TAGS)
    return FeedParse(dedupe_entries(entries), clean_title(parsed.feed.get("title", "")), reason, cut_off)
