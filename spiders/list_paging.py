"""Pure helpers for paged static lists: the URL of page k, and the page count the pager script states."""

from __future__ import annotations

import re
from urllib.parse import urljoin

# TRS: createPageHTML(10, 0, "index", "html") or createPageHTML('page_div', 10, 0, 'index', 'html', 150):
# the first number is the page count (the optional last one the record count).
_CREATE_PAGE_RE = re.compile(r"createPageHTML\s*\(([^)]*)\)", re.I)
# Variables the TRS template passes instead of literals: `var countPage = 10;` / `countPage = 10`.
_JS_VAR_RE = r"(?:var\s+)?\b{name}\s*=\s*['\"]?(\d+)['\"]?\s*(?:[;,\n]|//)"
# Lonsun: Ls.pagination("#page_1", fn, {total: 81, pageCount: 6, ...})
_PAGE_COUNT_RE = re.compile(r"\bpageCount\s*:\s*['\"]?(\d+)", re.I)
# Plain text pagers: 共 6 页 / 共6页 / 共1,227页.
_TEXT_PAGES_RE = re.compile(r"共\s*(\d{1,3}(?:,\d{3})+|\d+)\s*页")


def page_url(start_url: str, pattern: str, first_page_number: int, page: int) -> str:
    """URL of list page `page` (1 = the start URL). The pattern's `{n}` counts from first_page_number at
    page 2: TRS index_1.html (first_page_number 1), Guangdong index_2.html (2), Lonsun pageIndex=2 (2).
    A relative pattern resolves against the start URL's folder, a host-absolute one against its host.
    """
    if page <= 1:
        return start_url
    return urljoin(start_url, pattern.format(n=first_page_number + page - 2))


def argument_value(argument: str, text: str) -> int | None:
    """A pager-call argument as a number: a literal, or a `var name = N` the page defines."""
    argument = argument.strip().strip("'\"")
    if argument.isdigit():
        return int(argument)
    if re.fullmatch(r"[A-Za-z_$][\w$]*", argument):
        match = re.search(_JS_VAR_RE.format(name=re.escape(argument)), text)
        return int(match.group(1)) if match else None
    return None


def _trs_page_count(text: str) -> int | None:
    # Pages may also carry the function's own definition, `function createPageHTML(_nPageCount, …)`,
    # whose parameter names resolve to nothing: the first call that resolves wins.
    for match in _CREATE_PAGE_RE.finditer(text):
        arguments = [a.strip() for a in match.group(1).split(",")]
        # The `page_div` variant names the pager element first: a quoted word that is not a number.
        if arguments and arguments[0][:1] in "'\"" and not arguments[0].strip("'\"").isdigit():
            arguments = arguments[1:]
        count = argument_value(arguments[0], text) if arguments and arguments[0] else None
        if count is not None:
            return count
    return None


def total_pages(text: str) -> int | None:
    """Number of list pages the page's pager states, or None when it states none we can read."""
    for count in (_trs_page_count(text), _first_int(_PAGE_COUNT_RE, text), _first_int(_TEXT_PAGES_RE, text)):
        if count is not None and count >= 1:
            return count
    return None


def _first_int(pattern: re.Pattern[str], text: str) -> int | None:
    match = pattern.search(text)
    return int(match.group(1).replace(",", "")) if match else None
