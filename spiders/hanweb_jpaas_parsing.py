"""Pure helpers for Hanweb jpaas columns: the unit-API URL and its JSON envelope of list HTML."""

from __future__ import annotations

import html
import json
import re
from dataclasses import dataclass
from typing import Any
from urllib.parse import parse_qs, quote, urlsplit

from lxml import etree
from lxml import html as lxml_html

from crawler.extract.dates import parse_date
from crawler.extract.listing import extract_entries
from spiders.entries import Entry, absolute_url, best_title, dedupe_entries, without_control_chars

UNIT_PATH = "/api-gateway/jpaas-publish-server/front/page/build/unit"
DEFAULT_TAG = "栏目list"
_PARAM_KEYS = ("jpaas_web_id", "jpaas_page_id", "jpaas_tpl_set_id")
_NUMBER_RE = re.compile(r"^\s*(\d+)\s*$")
# The unit's pagination div says which unit the platform's page script asks the API for:
# queryData="{'webId':'s1412','pageId':'s1101798','parseType':'bulidstatic','pageType':'column',
# 'tagId': '栏目list', 'tplSetId': 'uDM5IX1D0wqgdLmhxIOpg'}" (realpages/shandong_api.json).
_QUERY_DATA_RE = re.compile(r"""\bquerydata\s*=\s*(?:"([^"]*)"|'([^']*)')""", re.I)
_QUERY_PAIR_RE = re.compile(r"""['"]?(\w+)['"]?\s*:\s*['"]([^'"]*)['"]""")


class JpaasAnswerError(ValueError):
    """The unit API answered something that is not its JSON envelope with list HTML."""


class JpaasRefused(JpaasAnswerError):
    """A well-formed envelope saying `success: false`: the API cannot build this unit (wrong ids, or the
    column is not published on the cloud platform)."""


@dataclass(frozen=True)
class JpaasParams:
    """The catalog's jpaas identifiers of one column (params.jpaas_*) and the page size to ask for."""

    web_id: str
    page_id: str
    tpl_set_id: str
    per_page: int
    tag_id: str = DEFAULT_TAG

    @classmethod
    def from_catalog(cls, params: dict[str, str | int], per_page: int) -> JpaasParams | None:
        """None when the catalog entry lacks one of params.jpaas_web_id / jpaas_page_id / jpaas_tpl_set_id."""
        if not all(str(params.get(key, "")).strip() for key in _PARAM_KEYS):
            return None
        return cls(
            str(params["jpaas_web_id"]),
            str(params["jpaas_page_id"]),
            str(params["jpaas_tpl_set_id"]),
            per_page,
            str(params.get("jpaas_tag_id") or DEFAULT_TAG),
        )


def query_data(text: str) -> list[dict[str, str]]:
    """Every queryData attribute of a page or list fragment, as key/value pairs (article pages carry other
    units' queryData too, without tplSetId)."""
    found = []
    for match in _QUERY_DATA_RE.finditer(text):
        value = html.unescape(match.group(1) if match.group(1) is not None else match.group(2))
        found.append({k: v.strip() for k, v in _QUERY_PAIR_RE.findall(value)})
    return found


def params_from_page(text: str, per_page: int) -> JpaasParams | None:
    """The unit-API identifiers a jpaas column page (the shell) or a unit answer states in its queryData:
    the values the platform's own page script sends. None when no queryData names webId, pageId and tplSetId."""
    for data in query_data(text):
        if all(data.get(key) for key in ("webId", "pageId", "tplSetId")):
            return JpaasParams(data["webId"], data["pageId"], data["tplSetId"], per_page,
                               data.get("tagId") or DEFAULT_TAG)
    return None


def params_from_unit_url(url: str, per_page: int) -> JpaasParams | None:
    """The identifiers a unit-API URL (unit_url) was built from; None for any other URL."""
    parts = urlsplit(url)
    if parts.path != UNIT_PATH:
        return None
    query = {k: v[0] for k, v in parse_qs(parts.query).items()}
    if not all(query.get(key) for key in ("webId", "pageId", "tplSetId")):
        return None
    return JpaasParams(query["webId"], query["pageId"], query["tplSetId"], per_page, query.get("tagId") or DEFAULT_TAG)


def unit_url(column_url: str, params: JpaasParams, page: int) -> str:
    """The unit-API URL for one list page (1-based) of the column whose page is `column_url`.

    Without paramJson the API answers only the latest ~10 records, so it is always sent. "bulidstatic"
    is the platform's own spelling.
    """
    parts = urlsplit(column_url)
    param_json = json.dumps({"pageNo": page, "pageSize": params.per_page}, separators=(",", ":"))
    query = "&".join(
        [
            "parseType=bulidstatic",
            f"webId={quote(params.web_id, safe='')}",
            f"tplSetId={quote(params.tpl_set_id, safe='')}",
            "pageType=column",
            f"tagId={quote(params.tag_id, safe='')}",
            "editType=null",
            f"pageId={quote(params.page_id, safe='')}",
            f"paramJson={quote(param_json, safe='')}",
        ]
    )
    return f"{parts.scheme}://{parts.netloc}{UNIT_PATH}?{query}"


@dataclass(frozen=True)
class JpaasPage:
    entries: list[Entry]
    total_records: int | None  # the pagination div's `count`
    page_no: int | None
    rows: int | None  # records per page as the API applied it
    strategy: str = (
        "builtin"  # builtin (<li> rows) | generic (crawler.extract.listing after a redesign) | none
    )


def _envelope_html(body: bytes) -> str:
    try:
        document: Any = json.loads(body.decode("utf-8-sig"))
    except (UnicodeDecodeError, ValueError) as exc:
        raise JpaasAnswerError(f"the jpaas unit API answer is not JSON: {exc}") from exc
    if not isinstance(document, dict) or "data" not in document:
        raise JpaasAnswerError(
            "the jpaas unit API answered JSON without the {success, data: {html}} envelope"
        )
    if document.get("success") is False:
        raise JpaasRefused(
            f"the jpaas unit API refused the request: {document.get('message') or 'no message'}"
            f" (code {document.get('code')})"
        )
    data = document["data"]
    if not isinstance(data, dict) or not isinstance(data.get("html"), str):
        raise JpaasAnswerError("the jpaas unit API envelope has no data.html list fragment")
    return data["html"]


def _number(value: str | None) -> int | None:
    match = _NUMBER_RE.match(value or "")
    return int(match.group(1)) if match else None


def _li_entries(root: etree._Element, column_url: str) -> list[Entry]:
    entries = []
    for item in root.iter("li"):
        links = [a for a in item.iter("a") if (a.get("href") or "").strip()]
        if not links:
            continue
        link = max(links, key=lambda a: len(a.text_content()))
        title = best_title(link.text_content(), link.get("title"))
        url = absolute_url(column_url, link.get("href"))
        if title and url:
            entries.append(Entry(url, title, parse_date(" ".join(item.itertext()))))
    return dedupe_entries(entries)


def parse_unit_answer(body: bytes, column_url: str) -> JpaasPage:
    """Entries and pager numbers of one unit-API answer; links resolve against the column page URL.

    The platform's own rows are `<li><a title href>…</a><span>date</span></li>`; when a redesign drops
    them, the generic list extractor reads the fragment so entries still come through.
    """
    fragment_html = without_control_chars(_envelope_html(body))
    if not fragment_html.strip():
        return JpaasPage([], None, None, None, "none")
    try:
        root = lxml_html.fragment_fromstring(fragment_html, create_parent="div")
    except (etree.ParserError, ValueError) as exc:
        raise JpaasAnswerError(f"the jpaas list fragment does not parse as HTML: {exc}") from exc
    entries, strategy = _li_entries(root, column_url), "builtin"
    if not entries:
        found = extract_entries(fragment_html, column_url)
        entries = dedupe_entries([Entry(e.url, e.title, e.date) for e in found])
        strategy = "generic" if entries else "none"
    pager = next(iter(root.xpath(".//*[@count]")), None)
    return JpaasPage(
        entries,
        _number(pager.get("count")) if pager is not None else None,
        _number(pager.get("pageno")) if pager is not None else None,
        _number(pager.get("rows")) if pager is not None else None,
        strategy,
    )
