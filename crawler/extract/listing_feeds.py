"""Lists that arrive as data: JSON answers (jpaas, gkmlpt) and Beijing-style JavaScript arrays."""

from __future__ import annotations

import json
import re
from typing import Any

from crawler.extract.dates import parse_date
from crawler.extract.listing_items import ListEntry, item_from_fragment
from crawler.extract.listing_text import clean_title, date_from_parts, date_from_value
from crawler.extract.listing_urls import resolve

_JSONP_RE = re.compile(r"^\s*[\w.$]+\s*\((.*)\)\s*;?\s*$", re.S)
_TITLE_KEYS = ("title", "name", "subject", "doc_title", "docTitle", "articleTitle")
_URL_KEYS = ("url", "post_url", "link", "href", "docpuburl", "docPubUrl", "pub_url", "articleUrl", "docUrl", "linkUrl")
_DATE_KEYS = ("created_at", "display_publish_time", "publish_time", "first_publish_time", "pubDate",
              "pub_date", "publishDate", "date", "docreltime", "create_time", "time", "docDate", "releaseDate")
# `name[i]='…';` / `name[3]="…";` as written by Beijing-style list scripts.
_JS_ASSIGN_RE = re.compile(
    r"""\b([A-Za-z_]\w*)\s*\[\s*\w+\s*\]\s*=\s*(?:'((?:[^'\\]|\\.)*)'|"((?:[^"\\]|\\.)*)")\s*;"""
)
_JS_ESCAPE_RE = re.compile(r"\\(.)", re.S)


def load_json(text: str) -> Any | None:
    """The parsed JSON (or JSONP) document, or None when `text` is not JSON."""
    stripped = text.strip()
    if not stripped or stripped[0] not in "{[":
        match = _JSONP_RE.match(stripped)
        if not match:
            return None
        stripped = match.group(1)
    try:
        return json.loads(stripped)
    except ValueError:
        return None


def embedded_html(document: Any) -> str | None:
    """The HTML fragment of a jpaas envelope (`data.html`) or of a bare `{"html": …}` answer."""
    if not isinstance(document, dict):
        return None
    data = document.get("data")
    for holder in (data, document):
        if isinstance(holder, dict) and isinstance(holder.get("html"), str):
            return holder["html"]
    return None


def _first(record: dict[str, Any], keys: tuple[str, ...]) -> Any:
    for key in keys:
        if record.get(key) not in (None, ""):
            return record[key]
    # Templates spell the same keys in any case (docurl, DocUrl, PUBDATE).
    lowered = {str(k).lower(): v for k, v in record.items()}
    for key in keys:
        if lowered.get(key.lower()) not in (None, ""):
            return lowered[key.lower()]
    return None


def _record_url(record: dict[str, Any]) -> Any:
    """The record's URL; or, in a `urls` field, the page's address among its devices' ones (a JSON object or its
    text: `"urls": "{\"pc\": \"/col/…/content_1.html\"}"`, as a Hanweb template writes it)."""
    url = _first(record, _URL_KEYS)
    if url is not None:
        return url
    urls = record.get("urls")
    if isinstance(urls, str):
        urls = load_json(urls)
    if isinstance(urls, dict):
        return next((v for k in ("pc", "web", "url") if isinstance(v := urls.get(k), str) and v), None)
    return None


def _article_lists(node: Any, depth: int = 0) -> list[list[dict[str, Any]]]:
    """Lists of objects that each have a title and a URL, searched breadth-first in the document."""
    if depth > 4:
        return []
    if isinstance(node, list):
        records = [r for r in node if isinstance(r, dict)]
        if records and all(_first(r, _TITLE_KEYS) and _record_url(r) for r in records):
            return [records]
        return [found for child in node for found in _article_lists(child, depth + 1)]
    if isinstance(node, dict):
        return [found for child in node.values() for found in _article_lists(child, depth + 1)]
    return []


def json_entries(document: Any, base_url: str) -> list[ListEntry]:
    """Entries of a gkmlpt-style answer: `{"articles": [{"title", "url", "created_at"}, …]}`."""
    lists = _article_lists(document)
    entries = []
    for record in lists[0] if lists else []:
        url = resolve(str(_record_url(record)), base_url)
        title = clean_title(str(_first(record, _TITLE_KEYS)))
        if url and title:
            entries.append(ListEntry(url, title, date_from_value(_first(record, _DATE_KEYS))))
    return entries


def _js_records(text: str) -> list[dict[str, str]]:
    """Group `urls[i]=…;headers[i]=…;year[i]=…` assignments into one dict per list row."""
    records: list[dict[str, str]] = []
    current: dict[str, str] = {}
    for match in _JS_ASSIGN_RE.finditer(text):
        name = match.group(1).lower()
        value = _JS_ESCAPE_RE.sub(r"\1", match.group(2) if match.group(2) is not None else match.group(3))
        if name in current:  # a name seen again starts the next row
            records.append(current)
            current = {}
        current[name] = value
    if current:
        records.append(current)
    return [r for r in records if any(k.startswith(("url", "header", "href", "link")) for k in r)]


def js_array_entries(text: str, base_url: str) -> list[ListEntry]:
    """Entries of a list written as JavaScript arrays (kw.beijing.gov.cn)."""
    entries = []
    for record in _js_records(text):
        markup = next((v for k, v in record.items() if k.startswith(("header", "title")) and "<a" in v), "")
        item = item_from_fragment(markup, base_url) if markup else None
        url_value = next((v for k, v in record.items() if k.startswith(("url", "href", "link"))), None)
        url = resolve(url_value, base_url) if url_value else (item.entry.url if item else None)
        plain_title = next((v for k, v in record.items() if k.startswith("title") and "<" not in v), "")
        title = item.entry.title if item else clean_title(plain_title)
        if not url or not title:
            continue
        when = date_from_parts(record.get("year", ""), record.get("month", ""), record.get("day", ""))
        dated = next((v for k, v in record.items() if k.startswith(("date", "time", "pubdate"))), "")
        entries.append(ListEntry(url, title, when or parse_date(dated) or (item.entry.date if item else None)))
    return entries


_SCRIPT_RE = re.compile(r"<script\b(?P<attrs>[^>]*)>(?P<code>.*?)</script\s*>", re.S | re.I)
# Where a data literal starts in a script: after an assignment, a call's parenthesis or a property's colon.
_LITERAL_START = re.compile(r"(?:=|\(|:)\s*(?=[\[{])")
# A list carried as data has at least this many records (fewer is a widget's config, not the column).
_MIN_SCRIPT_RECORDS = 3


def script_json_entries(text: str, base_url: str) -> list[ListEntry]:
    """Entries of a list that the page carries only as data in an inline script (`var listData = [{"title": …,
    "url": …, "pubDate": …}, …]`, `render({"rows": […]})`) and draws with JavaScript: the largest list of records
    with a title and a URL. JSON literals only; JavaScript object syntax (unquoted keys) is not read."""
    decoder = json.JSONDecoder()
    best: list[ListEntry] = []
    for script in _SCRIPT_RE.finditer(text):
        if "src=" in script.group("attrs").lower():
            continue
        code = script.group("code")
        for start in _LITERAL_START.finditer(code):
            try:
                document, _ = decoder.raw_decode(code, start.end())
            except ValueError:
                continue
            found = json_entries(document, base_url)
            if len(found) >= _MIN_SCRIPT_RECORDS and len(found) > len(best):
                best = found
    return best
