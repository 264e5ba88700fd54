"""Read one list item (an `li`, `tr`, `div` or record fragment) into a list entry candidate."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from lxml import html as lxml_html
from lxml.etree import _Element

from crawler.extract.listing_text import (
    best_title,
    date_only,
    find_date,
    normalize_space,
    split_trailing_date,
)
from crawler.extract.listing_urls import resolve


@dataclass(frozen=True)
class ListEntry:
    """One article entry of a list page: absolute URL, full title, publish date if shown."""

    url: str
    title: str
    date: datetime.date | None


@dataclass(frozen=True)
class Item:
    """A candidate entry plus what the block scorer needs to know about its item element."""

    entry: ListEntry
    link_count: int  # distinct usable links inside the item; menus carry many, entries one or two
    text_length: int  # all text of the item; a whole content area is far longer than title + date


def _is_element(node: object) -> bool:
    # Comments and processing instructions are nodes too, with a callable `tag`.
    return isinstance(getattr(node, "tag", None), str)


def _text_skipping(node: _Element, skip: set[_Element]) -> str:
    """Text content of `node` leaving out the subtrees in `skip` (their tails are kept)."""
    parts: list[str] = []
    if node not in skip and _is_element(node):
        parts.append(node.text or "")
        for child in node:
            parts.append(_text_skipping(child, skip))
            parts.append(child.tail or "")
    return "".join(parts)


def _date_children(link: _Element) -> list[_Element]:
    """Elements inside a link that hold only a date (`<a><p>title</p><span>2024-01-05</span></a>`)."""
    return [el for el in link.iterdescendants() if _is_element(el) and len(el) == 0
            and date_only(el.text_content() or "")]


def _link_title(link: _Element) -> tuple[str, datetime.date | None]:
    dated = _date_children(link)
    text = _text_skipping(link, set(dated))
    link_date = date_only(dated[0].text_content()) if dated else None
    title = best_title(text, link.get("title"))
    if link_date is None:
        title, link_date = split_trailing_date(title)
    return title, link_date


def _usable_links(item: _Element, base_url: str) -> list[tuple[_Element, str]]:
    links = [item] if item.tag == "a" else list(item.iter("a"))
    found = []
    for link in links:
        url = resolve(link.get("href"), base_url)
        if url:
            found.append((link, url))
    return found


def _sibling_text(link: _Element) -> str:
    """For bare `<a>` items: the text after the link up to the next link (where dates sit)."""
    parts = [link.tail or ""]
    for sibling in link.itersiblings():
        if _is_element(sibling) and sibling.tag == "a":
            break
        if _is_element(sibling):
            parts.append(sibling.text_content())
        parts.append(sibling.tail or "")
    return "".join(parts)


def item_from_element(item: _Element, base_url: str) -> Item | None:
    """The item's main link (the one with the longest title), its title and its date."""
    links = _usable_links(item, base_url)
    titled = [(link, url, *_link_title(link)) for link, url in links]
    titled = [t for t in titled if t[2]]
    if not titled:
        return None
    link, url, title, link_date = max(titled, key=lambda t: len(t[2]))
    # The date beside the title, not one inside it: titles such as "自2024年10月1日起…" carry dates.
    outside = _sibling_text(link) if item is link else _text_skipping(item, {link})
    when = find_date(outside) or link_date
    length = len(title) + len(normalize_space(outside))
    return Item(ListEntry(url, title, when), len({u for _, u in links}), length)


def item_from_fragment(fragment: str, base_url: str) -> Item | None:
    """Parse an HTML snippet such as a Hanweb `<record>` (`<li>` or bare `<tr>`) as one item."""
    if not fragment.strip():
        return None
    # Table rows outside a table are dropped by the HTML parser unless wrapped in one.
    if fragment.lstrip().lower().startswith(("<tr", "<td")):
        fragment = f"<table>{fragment}</table>"
    try:
        root = lxml_html.fragment_fromstring(fragment, create_parent="div")
    except (ValueError, TypeError):
        return None
    return item_from_element(root, base_url)
