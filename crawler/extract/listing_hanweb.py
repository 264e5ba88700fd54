"""Hanweb classic datastores: records embedded in column pages and data-proxy XML answers."""

from __future__ import annotations

import html
import re
from urllib.parse import urlsplit

from crawler.extract.listing_items import ListEntry, finished, item_from_fragment

_DATASTORE_RE = re.compile(r"<datastore\b.*?(?:</datastore>|$)", re.S | re.I)
_ESCAPED_DATASTORE_RE = re.compile(r"&lt;(?:datastore|recordset|record)\b", re.I)
_RECORD_RE = re.compile(r"<record\b[^>]*>(.*?)</record>", re.S | re.I)
_CDATA_RE = re.compile(r"^\s*<!\[CDATA\[(.*?)\]\]>\s*$", re.S)
_COLUMN_ID_RE = re.compile(r"columnid=(\d+)", re.I)
_PAGE_COLUMN_RE = re.compile(r"/col/col(\d+)(?:/|$)", re.I)


def has_datastore(text: str) -> bool:
    lowered = text.lower()
    return "<datastore" in lowered or bool(_ESCAPED_DATASTORE_RE.search(text))


def _unescape_if_escaped(text: str) -> str:
    # An escaped block shows `&lt;` where markup belongs and has no real tags of its own.
    if "&lt;" in text and "<a " not in text.lower() and "<li" not in text.lower():
        return html.unescape(text)
    return text


def _record_markup(raw: str) -> str:
    match = _CDATA_RE.match(raw)
    body = match.group(1) if match else raw
    return _unescape_if_escaped(body)


def _records(store: str) -> list[str]:
    records = [_record_markup(r) for r in _RECORD_RE.findall(store)]
    if not records and _ESCAPED_DATASTORE_RE.search(store):
        # The whole record block arrived entity-escaped (`&lt;record&gt;&lt;![CDATA[…`): unescape once
        # and read the records again.
        records = [_record_markup(r) for r in _RECORD_RE.findall(html.unescape(store))]
    return records


def _datastores(text: str) -> list[str]:
    stores = _DATASTORE_RE.findall(text)
    if not stores and _ESCAPED_DATASTORE_RE.search(text):
        stores = _DATASTORE_RE.findall(html.unescape(text)) or [html.unescape(text)]
    return stores


def _own_column(stores: list[str], page_url: str) -> list[str]:
    """Keep the units of the page's own column when the page names one and some unit matches.

    Column pages may carry other units (sidebars); each unit's `<nextgroup>` link names its column.
    """
    match = _PAGE_COLUMN_RE.search(urlsplit(page_url).path)
    if not match:
        return stores
    own = [s for s in stores if match.group(1) in _COLUMN_ID_RE.findall(s)]
    return own or stores


def datastore_entries(text: str, page_url: str) -> list[ListEntry]:
    """Entries of every datastore in `text` (a column page or a data-proxy answer), in order."""
    entries = []
    for store in _own_column(_datastores(text), page_url):
        for record in _records(store):
            item = item_from_fragment(record, page_url)
            if item is not None:
                entries.append(finished(item))
    return entries
