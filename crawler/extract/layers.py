"""The four evidence layers of a page as raw strings: meta tags, labelled tables, selectors, heuristics."""

from __future__ import annotations

import html
import re
from collections.abc import Mapping
from dataclasses import dataclass, field

from crawler.extract.labels import hanweb_marker_values, pair_values, table_values, text_values
from crawler.extract.page import Page
from crawler.extract.text import normalize_line

# Government meta tag (lowercased) → field; ContenSource is a misspelling seen on live sites.
META_FIELDS: dict[str, tuple[str, ...]] = {
    "title": ("articletitle",),
    "published": ("pubdate",),
    "source": ("contentsource", "contensource"),
    "author": ("author",),
}
SELECTOR_FIELDS = ("title", "published", "source", "doc_number")
_TAG = re.compile(r"<[^>]*>")
_LABEL_PREFIX = re.compile(r"^[^:：]{0,8}[:：]\s*")


@dataclass
class Layers:
    meta: dict[str, str] = field(default_factory=dict)
    table: dict[str, str] = field(default_factory=dict)
    selector: dict[str, str] = field(default_factory=dict)
    text: dict[str, str] = field(default_factory=dict)


def clean_value(value: str | None) -> str | None:
    """Tags and entities out, whitespace collapsed; None for empty."""
    if not value:
        return None
    cleaned = normalize_line(html.unescape(_TAG.sub("", value)))
    return cleaned or None


def meta_layer(page: Page) -> dict[str, str]:
    found: dict[str, str] = {}
    for name, keys in META_FIELDS.items():
        for key in keys:
            value = clean_value(page.meta.get(key))
            if value:
                found[name] = value
                break
    return found


def selector_layer(page: Page, selectors: Mapping[str, str] | None) -> dict[str, str]:
    found: dict[str, str] = {}
    for name in SELECTOR_FIELDS:
        css = (selectors or {}).get(name)
        if not css:
            continue
        for element in page.select(css):
            value = clean_value(element.text_content())
            if value and name in ("source", "doc_number"):
                value = _LABEL_PREFIX.sub("", value) or None  # "来源：X" → "X"
            if value:
                found[name] = value
                break
    return found


def collect_layers(page: Page, selectors: Mapping[str, str] | None = None) -> Layers:
    """Every layer's raw values; resolve.py decides between them."""
    table = hanweb_marker_values(page.source)
    for name, value in table_values(page.root).items():
        table.setdefault(name, value)
    for name, value in pair_values(page.root).items():
        table.setdefault(name, value)
    return Layers(
        meta=meta_layer(page),
        table=table,
        selector=selector_layer(page, selectors),
        text=text_values(page.lines),
    )
