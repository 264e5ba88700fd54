"""Recognising a list page's platform family from its markup: pure functions over (url, bytes, headers) that
say which catalog family reads it, the values that family needs, how the list pages on, and the evidence.

The families' markers live in crawler/config/recognizers.py (one function per family, one registry); the
parsing is the spiders' own (spiders/*_parsing.py, spiders/list_selectors.py, spiders/pager_patterns.py), so
what `newswatch sources add` shows is what a crawl will read.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from html import unescape
from typing import Any

from crawler.extract.decode import charset_of, decode_html
from crawler.extract.listing_feeds import load_json
from spiders.entries import Entry, clean_title
from spiders.entry_filter import split_entries
from spiders.page_checks import classify_answer


@dataclass(frozen=True)
class ListPage:
    """One fetched (or saved) list page, decoded once for every recognizer."""

    url: str
    body: bytes
    text: str
    content_type: str = ""
    document: Any = None  # the parsed JSON, when the answer is JSON

    @classmethod
    def read(cls, url: str, body: bytes, headers: Mapping[str, str] | None = None) -> ListPage:
        content_type = next((v for k, v in (headers or {}).items() if k.lower() == "content-type"), "")
        text = decode_html(body, charset_of(content_type)).removeprefix("\ufeff")
        return cls(url, body, text, content_type, load_json(text))


@dataclass
class Recognition:
    """What a list page is: the catalog family that reads it and what that family needs.

    `params` and `paging` are catalog keys read from this page (written into a new entry); `at_run_time` are
    values the spider reads from the page on every crawl (shown, never written); `follow_url` is where the
    entries are when the page holds none itself (a jpaas shell: its unit API)."""

    family: str
    entries: list[Entry]
    evidence: list[str]
    paging: dict[str, Any] = field(default_factory=dict)
    paging_note: str = ""
    params: dict[str, str] = field(default_factory=dict)
    at_run_time: dict[str, str] = field(default_factory=dict)
    follow_url: str | None = None
    problem: tuple[str, str] | None = None  # (health state, message) when the page cannot be a source

    def on_site(self, host: str) -> list[Entry]:
        """The entries a crawl would fetch: HTML articles on the page's host (or its subdomains)."""
        return split_entries(self.entries, [host]).kept


_META_RE = r"""<meta\s[^>]*?name\s*=\s*["']{name}["'][^>]*?content\s*=\s*["']([^"']*)["']"""
_TITLE_RE = re.compile(r"<title[^>]*>(.*?)</title>", re.S | re.I)


def meta_value(text: str, name: str) -> str:
    """A government meta tag's content (SiteName, ColumnName; SITES.md), or ''."""
    match = re.search(_META_RE.format(name=re.escape(name)), text[:65536], re.I)
    return clean_title(unescape(match.group(1))) if match else ""


def page_title(text: str) -> str:
    match = _TITLE_RE.search(text[:65536])
    return clean_title(unescape(re.sub(r"<[^>]+>", "", match.group(1)))) if match else ""


def recognize(url: str, body: bytes, headers: Mapping[str, str] | None = None) -> Recognition:
    """The family of the list page at `url` (the first recognizer of crawler/config/recognizers.py that knows
    its markers), or `generic` with whatever the generic list extractor reads. A page with no entries and
    nowhere to follow them carries the problem `empty`: a crawl of it would end in that health state."""
    from crawler.config.recognizers import recognizers

    unusable = classify_answer(200, body)  # a challenge page served with 200, binary data
    if unusable is not None:
        return Recognition("unknown", [], [unusable[1]], problem=unusable)
    page = ListPage.read(url, body, headers)
    for _, recognizer in recognizers():
        found = recognizer(page)
        if found is None:
            continue
        if found.problem is None and not found.entries and found.follow_url is None:
            found.problem = ("empty", f"the page holds no list entries newswatch can read (read as {found.family}; "
                                      "an article, a home page or a list drawn by a script?)")
        return found
    raise AssertionError("the generic recognizer always answers")  # pragma: no cover


def with_followed(recognition: Recognition, column_url: str, body: bytes) -> Recognition:
    """A shell's recognition completed with the entries of the answer it points to (its unit API's page 1),
    read by the same parser as a crawl; the ids stay the shell's, read at run time, never written."""
    followed = recognize(column_url, body)
    evidence = [*recognition.evidence, f"its unit API (page 1): {len(followed.entries)} entries"]
    problem = followed.problem
    if problem is not None:
        problem = (problem[0], f"the unit API the shell names: {problem[1]}")
    return Recognition(recognition.family, followed.entries, evidence, recognition.paging, recognition.paging_note,
                       {}, recognition.at_run_time, recognition.follow_url, problem)
