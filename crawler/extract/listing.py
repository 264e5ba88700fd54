"""Generic list extractor: article entries (URL, title, date) of a column page without selectors."""

from __future__ import annotations

import re

from lxml import etree
from lxml import html as lxml_html

from crawler.extract.decode import decode_html
from crawler.extract.listing_choose import block_entries
from crawler.extract.listing_feeds import (
    embedded_html,
    js_array_entries,
    json_entries,
    load_json,
    script_json_entries,
)
from crawler.extract.listing_hanweb import datastore_entries, has_datastore
from crawler.extract.listing_items import ListEntry
from crawler.extract.listing_links import is_url_text
from crawler.extract.listing_text import is_truncated

__all__ = ["ListEntry", "extract_entries"]


def _better_title(old: str, new: str) -> str:
    """A title beats an address; a complete title beats one cut with '...'; otherwise the longer one wins."""
    if is_url_text(old) != is_url_text(new):
        return old if is_url_text(new) else new
    if is_truncated(old) != is_truncated(new):
        return old if is_truncated(new) else new
    return new if len(new) > len(old) else old


def _dedupe(entries: list[ListEntry]) -> list[ListEntry]:
    """One entry per absolute URL, in first-seen order, with the best title and any known date."""
    merged: dict[str, ListEntry] = {}
    for entry in entries:
        seen = merged.get(entry.url)
        if seen is None:
            merged[entry.url] = entry
        else:
            title = _better_title(seen.title, entry.title)
            subtitle = seen.subtitle if title == seen.title else entry.subtitle
            related = tuple(dict.fromkeys((*seen.related, *entry.related)))
            merged[entry.url] = ListEntry(seen.url, title, seen.date or entry.date, subtitle, related)
    return list(merged.values())


def _html_entries(text: str, url: str) -> list[ListEntry]:
    # Lists that templates carry as data (Hanweb datastores inside `<script type="text/xml">`, Beijing's
    # JS arrays) are the column's own list; everything else on such a page is site chrome.
    if has_datastore(text):
        found = datastore_entries(text, url)
        if found:
            return found
    found = js_array_entries(text, url)
    if found:
        return found
    try:
        root = lxml_html.document_fromstring(text)
    except (etree.ParserError, ValueError):
        return []  # an empty or markup-free document has no list
    fold_into_body(root)
    base = root.find(".//base[@href]")
    found = block_entries(root, base.get("href") if base is not None else url)
    if len(found) < _FEW_ENTRIES:
        # A shell whose list is drawn by JavaScript from data in an inline script.
        scripted = script_json_entries(text, url)
        if len(scripted) > len(found):
            return scripted
    return found


def fold_into_body(root: etree._Element) -> None:
    """Read content after a premature `</body></html>` as part of the body.

    An included header fragment that ends with `</body></html>` closes the document before the page's main
    content. libxml2 (2.14) then keeps what follows under a second top-level <html> beside the root, which
    `root.iter()` never reaches, and after a lone `</body>` it puts the rest under <html> beside the body.
    Both are moved, in page order, to the end of the root's body.
    """
    body = root.find("body")
    if body is None:
        body = etree.SubElement(root, "body")
    for element in list(body.itersiblings()):  # after </body>, inside this <html>
        body.append(element)
    for top in list(root.itersiblings()):  # after </html>: comments, text and further <html> elements
        if top.tag != "html":
            body.append(top)
            continue
        _append_text(body, top.text)
        top.text = None
        for child in list(top):
            if child.tag == "head":
                continue  # a repeated page's head holds no list
            if child.tag == "body":
                _append_text(body, child.text)
                body.extend(list(child))
                _append_text(body, child.tail)
            else:
                body.append(child)


def _append_text(parent: etree._Element, text: str | None) -> None:
    if not text:
        return
    last = parent[-1] if len(parent) else None
    if last is None:
        parent.text = (parent.text or "") + text
    else:
        last.tail = (last.tail or "") + text


# Fewer entries than this in the markup: the page may carry its list as script data instead.
_FEW_ENTRIES = 3


_CONTROL_CHARS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def extract_entries(content: str | bytes, url: str) -> list[ListEntry]:
    """Article entries of a list page, a JSON list answer or a Hanweb data-proxy XML answer.

    `url` is the address the content was fetched from; relative links are resolved against it.
    Entries come in page order, one per absolute URL, titles whitespace-normalized.
    """
    text = decode_html(content) if isinstance(content, bytes) else content
    # Control characters (broken or binary answers) are not valid in a parsed tree: lxml refuses them.
    text = _CONTROL_CHARS.sub("", text.removeprefix("\ufeff"))
    document = load_json(text)
    if document is not None:
        fragment = embedded_html(document)
        found = _html_entries(fragment, url) if fragment is not None else json_entries(document, url)
    else:
        found = _html_entries(text, url)
    return _dedupe(found)
