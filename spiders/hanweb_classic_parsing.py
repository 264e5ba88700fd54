"""Pure parsers for Hanweb classic (大汉 JCMS) column pages and data-proxy answers."""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field

from lxml import etree
from lxml import html as lxml_html

from crawler.extract.dates import parse_date
from spiders.entries import Entry, absolute_url, best_title, dedupe_entries, without_control_chars

_UNIT_RE = re.compile(
    r"<div[^>]*\bid=['\"]?(?P<unit>[\w-]+)['\"]?[^>]*>\s*<script[^>]*type=['\"]text/xml['\"][^>]*>"
    r"(?P<store>.*?)</script>",
    re.S | re.I,
)
_RECORD_RE = re.compile(r"<record>\s*<!\[CDATA\[(.*?)\]\]>\s*</record>", re.S | re.I)
_PARAM_RE = re.compile(r"var\s+param_(?P<unit>[\w-]+)\s*=\s*\{(?P<body>.*?)\}\s*;", re.S)
_PAIR_RE = re.compile(r"(\w+)\s*:\s*('(?:[^'\\]|\\.)*'|\"(?:[^\"\\]|\\.)*\"|[^,}]+)")
# The real total is in the `$(function(){ $('#unit').jpage({... dataStore: ...}) })` call; an earlier
# `function jpage_<unit>(){...totalRecord:1000...}` carries a placeholder that must be ignored.
_JPAGE_CALL_RE = re.compile(r"\$\(['\"]#(?P<unit>[\w-]+)['\"]\)\.jpage\(\{(?P<body>.*?)\}\);", re.S)


class ProxyAnswerError(ValueError):
    """The data proxy answered something that is not its XML datastore."""


@dataclass
class Unit:
    """One datastore unit of a column page: its records and its jpage parameters."""

    unit_id: str
    records: list[str]
    total_records: int | None = None
    per_page: int = 15
    params: dict[str, str] = field(default_factory=dict)
    proxy_url: str | None = None


def _parse_js_object(body: str) -> dict[str, str]:
    values = {}
    for key, raw in _PAIR_RE.findall(body):
        raw = raw.strip()
        if raw[:1] in "'\"":
            raw = raw[1:-1]
        values[key] = raw
    return values


def _records(store: str) -> list[str]:
    records = _RECORD_RE.findall(store)
    return [html.unescape(r) if "&lt;" in r and "<a" not in r else r for r in records]


def parse_column_page(text: str) -> list[Unit]:
    params = {m["unit"]: _parse_js_object(m["body"]) for m in _PARAM_RE.finditer(text)}
    calls: dict[str, dict[str, str]] = {}
    for match in _JPAGE_CALL_RE.finditer(text):
        if "dataStore" in match["body"]:
            calls[match["unit"]] = _parse_js_object(match["body"])
    units = []
    for match in _UNIT_RE.finditer(text):
        if "<datastore" not in match["store"].lower():
            continue
        unit_id = match["unit"]
        call = calls.get(unit_id, {})
        total = call.get("totalRecord")
        units.append(
            Unit(
                unit_id=unit_id,
                records=_records(match["store"]),
                total_records=int(total) if total and total.isdigit() else None,
                per_page=int(call["perPage"]) if call.get("perPage", "").isdigit() else 15,
                params=params.get(unit_id, {}),
                proxy_url=call.get("proxyUrl"),
            )
        )
    return units


def parse_record(record: str, base_url: str) -> Entry | None:
    fragment = lxml_html.fragment_fromstring(without_control_chars(record), create_parent="div")
    links = [a for a in fragment.iter("a") if a.get("href")]
    if not links:
        return None
    link = max(links, key=lambda a: len(a.text_content()))
    title = best_title(link.text_content(), link.get("title"))
    url = absolute_url(base_url, link.get("href"))
    if not title or url is None:
        return None
    return Entry(url, title, parse_date(" ".join(fragment.itertext())))


def entries_from_records(records: list[str], base_url: str) -> list[Entry]:
    entries = [parse_record(r, base_url) for r in records if r.strip()]
    return dedupe_entries([e for e in entries if e is not None])


@dataclass
class ProxyAnswer:
    total_records: int | None
    records: list[str]


def parse_proxy_answer(data: bytes) -> ProxyAnswer:
    """Parse `<datastore><totalrecord/><recordset><record><![CDATA[..]]>` or raise ProxyAnswerError."""
    head = data.lstrip()[:200].lower()
    if head.startswith((b"<!doctype html", b"<html")):
        raise ProxyAnswerError("the data proxy answered an HTML page instead of its XML datastore")
    try:
        parser = etree.XMLParser(recover=False, resolve_entities=False, no_network=True, huge_tree=False)
        root = etree.fromstring(data, parser)
    except etree.XMLSyntaxError as exc:
        raise ProxyAnswerError(f"the data proxy answer is not well-formed XML: {exc}") from exc
    if root.tag.lower() != "datastore":
        raise ProxyAnswerError(f"the data proxy answered <{root.tag}> instead of <datastore>")
    total_text = (root.findtext("totalrecord") or "").strip()
    records = [html.unescape(r.text or "") if "&lt;" in (r.text or "") else (r.text or "") for r in root.iter("record")]
    if not records:
        recordset = root.find("recordset")
        block = recordset.text if recordset is not None and recordset.text else ""
        # The whole record block arrived entity-escaped: the parser hands it back as text; read it again.
        while "&lt;record" in block:
            block = html.unescape(block)
        records = _records(block)
    return ProxyAnswer(int(total_text) if total_text.isdigit() else None, records)
