"""The markers of each platform family (SITES.md), one recognizer per family, tried in the order of the family
registry (crawler/config/families.py): the first that knows a page's markers names its family. Each reads the
page with that family's own parser."""

from __future__ import annotations

import re
from collections.abc import Callable
from urllib.parse import parse_qs, urlsplit

from crawler.config.families import FAMILIES
from crawler.config.recognize import ListPage, Recognition
from crawler.extract.listing_feeds import embedded_html
from spiders.feed_parsing import FeedError, parse_feed
from spiders.gkmlpt_parsing import GkmlptAnswerError, parse_api_answer
from spiders.hanweb_classic_parsing import Unit, entries_from_records, parse_column_page
from spiders.hanweb_jpaas_parsing import (
    DEFAULT_TAG,
    UNIT_PATH,
    JpaasAnswerError,
    JpaasParams,
    JpaasRefused,
    params_from_page,
    parse_unit_answer,
    unit_url,
)
from spiders.list_selectors import parse_list_page
from spiders.pager_patterns import stated_paging

Recognizer = Callable[[ListPage], Recognition | None]

_FEED_RE = re.compile(rb"<(rss|feed|rdf:rdf)\b", re.I)
_GKMLPT_PATH_RE = re.compile(r"/gkmlpt/api/all/(\d+)")


def feed(page: ListPage) -> Recognition | None:
    head = page.body.lstrip(b"\xef\xbb\xbf \t\r\n")[:4096]
    marker = _FEED_RE.search(head)
    if marker is None:
        return None
    evidence = [f"an XML document whose root is <{marker.group(1).decode().lower()}>"]
    try:
        parsed = parse_feed(page.body, page.url)
    except FeedError as exc:
        return Recognition("feed", [], evidence, problem=("empty", str(exc)))
    evidence.append(f"feed title {parsed.title!r}, {len(parsed.entries)} entries with a link and a title")
    if parsed.problem:
        evidence.append(f"not well-formed but readable: {parsed.problem}")
    return Recognition("feed", parsed.entries, evidence, paging_note="feeds are not paged: every crawl reads the whole feed")


def gkmlpt(page: ListPage) -> Recognition | None:
    if not (isinstance(page.document, dict) and isinstance(page.document.get("articles"), list)):
        return None
    try:
        answer = parse_api_answer(page.body, page.url)
    except GkmlptAnswerError as exc:
        return Recognition("gkmlpt", [], ["JSON with an `articles` list"], problem=("error", str(exc)))
    evidence = [f"a gkmlpt API answer: {answer.count} `articles`, `total` {answer.total}"]
    parts = urlsplit(page.url)
    category, sid = _GKMLPT_PATH_RE.search(parts.path), parse_qs(parts.query).get("sid", [""])[0]
    if category and sid:
        evidence.append(f"category {category.group(1)} and site id {sid} in the URL")
    else:
        evidence.append("the URL is not /gkmlpt/api/all/<category>?page=N&sid=<site>: give that API URL")
    return Recognition("gkmlpt", answer.entries, evidence,
                       paging_note="the start URL's `page` parameter, until `total` articles were listed")


def _jpaas_ids(params: JpaasParams) -> dict[str, str]:
    return {"webId": params.web_id, "pageId": params.page_id, "tplSetId": params.tpl_set_id, "tagId": params.tag_id}


def jpaas(page: ListPage) -> Recognition | None:
    document = page.document if isinstance(page.document, dict) else {}
    fragment = embedded_html(document)
    if {"success", "data"} <= set(document) or (fragment is not None and "data" in document):
        return _jpaas_answer(page, fragment or "")
    stated = params_from_page(page.text, 15)
    if stated is None or any(unit.records for unit in parse_column_page(page.text)):
        return None
    ids = _jpaas_ids(stated)
    evidence = ["a column page without records (a jpaas shell): its list comes from the unit API",
                "queryData: " + ", ".join(f"{k} {v}" for k, v in ids.items())]
    if UNIT_PATH in page.text:
        evidence.append(f"unitUrl {UNIT_PATH}")
    return Recognition("hanweb-jpaas", [], evidence, at_run_time={f"jpaas {k}": v for k, v in ids.items()},
                       follow_url=unit_url(page.url, stated, 1),
                       paging_note="the unit API's paramJson pageNo, until the pager's count")


def _jpaas_answer(page: ListPage, fragment: str) -> Recognition:
    evidence = ["a jpaas unit-API answer: the JSON envelope {success, data: {html}}"]
    try:
        answer = parse_unit_answer(page.body, page.url)
    except JpaasRefused as exc:
        return Recognition("hanweb-jpaas", [], evidence, problem=("empty", str(exc)))
    except JpaasAnswerError as exc:
        return Recognition("hanweb-jpaas", [], evidence, problem=("error", str(exc)))
    evidence.append(f"pager: count {answer.total_records}, rows {answer.rows}, pageNo {answer.page_no}")
    stated = params_from_page(fragment, answer.rows or 15)
    params: dict[str, str] = {}
    if stated is not None:
        ids = _jpaas_ids(stated)
        evidence.append("queryData: " + ", ".join(f"{k} {v}" for k, v in ids.items()))
        # The answer is not the column page, which the spider could read them from: they go into the entry.
        params = {"jpaas_web_id": stated.web_id, "jpaas_page_id": stated.page_id,
                  "jpaas_tpl_set_id": stated.tpl_set_id}
        if stated.tag_id != DEFAULT_TAG:
            params["jpaas_tag_id"] = stated.tag_id
    paging = {"per_page": answer.rows} if answer.rows else {}
    return Recognition("hanweb-jpaas", answer.entries, evidence, paging=paging, params=params,
                       paging_note="the unit API's paramJson pageNo, until the pager's count")


def _unit_facts(unit: Unit) -> dict[str, str]:
    keys = ("webid", "columnid", "unitid", "sourceContentType", "webname")
    facts = {f"hanweb {k}": str(unit.params[k]) for k in keys if unit.params.get(k)}
    if unit.proxy_url:
        facts["hanweb data proxy"] = unit.proxy_url
    facts["hanweb records a page"] = str(unit.per_page)
    return facts


def hanweb_classic(page: ListPage) -> Recognition | None:
    units = parse_column_page(page.text)
    if not units:
        return None
    records = [r for unit in units for r in unit.records]
    entries = entries_from_records(records, page.url)
    unit = next((u for u in units if u.params), units[0])
    evidence = [f"{len(units)} datastore unit(s) ({', '.join(u.unit_id for u in units)}) in "
                f"<script type=\"text/xml\">, {len(records)} records"]
    if unit.params:
        evidence.append(f"var param_{unit.unit_id}: webid {unit.params.get('webid')}, "
                        f"columnid {unit.params.get('columnid')}")
    if unit.total_records is not None or unit.proxy_url:
        evidence.append(f"jpage: totalRecord {unit.total_records}, perPage {unit.per_page}, proxyUrl {unit.proxy_url}")
    note = (f"the embedded batch, then the jpage data proxy {unit.proxy_url or '(default path)'}"
            f" until {unit.total_records if unit.total_records is not None else 'the proxy answers no more'} records")
    return Recognition("hanweb-classic", entries, evidence, paging_note=note, at_run_time=_unit_facts(unit))


def _static(family: str, markers: Callable[[ListPage], list[str]]) -> Recognizer:
    """A static-list family: its markers seen, and its built-in layouts (or JS-array reader) reading entries.
    Markers without a matching layout leave the page to the next recognizers (in the end `generic`)."""

    def recognize(page: ListPage) -> Recognition | None:
        seen = markers(page)
        if not seen:
            return None
        parsed = parse_list_page(page.text, page.url, family)
        if parsed.strategy not in ("builtin", "jsarray"):
            return None
        evidence = [*seen, f"the built-in {family} reader reads {len(parsed.entries)} entries"]
        stated = stated_paging(page.text, page.url)
        if stated is None:
            return Recognition(family, parsed.entries, evidence,
                               paging_note="no pager the spider can read: only the first page is read")
        evidence.append(f"pager: {stated.evidence}")
        pager = {"pager": f"{stated.page_pattern} (page 2 is n = {stated.first_page_number})"}
        return Recognition(family, parsed.entries, evidence, at_run_time=pager,
                           paging_note=f"{stated.page_pattern} from page 2 (n = {stated.first_page_number}), as the "
                                       "first page's pager states on every crawl")

    return recognize


def _found(page: ListPage, signs: dict[str, str]) -> list[str]:
    return [what for needle, what in signs.items() if needle in page.text]


def _lonsun_markers(page: ListPage) -> list[str]:
    return _found(page, {"Ls.pagination": "Lonsun's Ls.pagination pager", "StartLabelHtml_": "Lonsun label comments",
                         "龙讯": "技术支持：龙讯", 'class="doc_list': "ul.doc_list"})


def _jsarray_markers(page: ListPage) -> list[str]:
    return ["a list written as JavaScript arrays (urls[i]=…, headers[i]=…)"] if re.search(
        r"\b(?:urls|headers|titles)\s*\[\s*\w+\s*\]\s*=", page.text) else []


def _gd_markers(page: ListPage) -> list[str]:
    host = urlsplit(page.url).hostname or ""
    signs = [f"a Guangdong host ({host})"] if host.endswith(".gd.gov.cn") else []
    if re.search(r"/content/post_\d+\.html", page.text):
        signs.append("article links /content/post_N.html")
    return signs


def _trs_markers(page: ListPage) -> list[str]:
    signs = _found(page, {"createPageHTML": "TRS createPageHTML pager", "TRS_": "TRS editor classes"})
    if re.search(r"/t\d{8}_\d+\.s?html?", page.text):
        signs.append("TRS article links tYYYYMMDD_N.html")
    if re.search(r"/\d{17}\.html", page.text):
        signs.append("NMPA-style 17-digit article links")
    return signs


def generic(page: ListPage) -> Recognition:
    parsed = parse_list_page(page.text, page.url, "generic")
    evidence = [f"no platform family's markers: the generic list extractor reads {len(parsed.entries)} entries"]
    stated = stated_paging(page.text, page.url)
    if stated is None:
        return Recognition("generic", parsed.entries, evidence,
                           paging_note="no pager newswatch can read: only the start URL is read")
    evidence.append(f"pager: {stated.evidence}")
    paging = {"page_pattern": stated.page_pattern, "first_page_number": stated.first_page_number}
    return Recognition("generic", parsed.entries, evidence, paging=paging,
                       paging_note=f"{stated.page_pattern} from page 2 (n = {stated.first_page_number})")


# Most specific first: data answers, then Hanweb (whose pages also carry generic lists), then static families.
lonsun = _static("lonsun", _lonsun_markers)
jsarray = _static("jsarray", _jsarray_markers)
gd_static = _static("gd-static", _gd_markers)
trs = _static("trs", _trs_markers)


def recognizers() -> list[tuple[str, Recognizer]]:
    """(family, recognizer) in the registry's order (crawler/config/families.py)."""
    return [(name, globals()[family.recognizer]) for name, family in FAMILIES.items() if family.recognizer]
