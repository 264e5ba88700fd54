"""The date shown with one list item: which of the dates in and around an item is its own date."""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date
from itertools import islice

from lxml import etree
from lxml.etree import _Element

from crawler.extract.dates import parse_date
from crawler.extract.listing_text import date_only, normalize_space, short_year_date, to_date

# A short label before a date: 发布时间：, 日期:, 更新于 …
_LABEL = r"(?:[\u4e00-\u9fa5]{1,6}\s*[:：]|更新于|发布于)?\s*"
# "发布时间：2024-05-09" in a line of metadata; the colon may be missing after a full label ("发布日期 2024…").
_LABELLED_RE = re.compile(
    r"(?:(?:发布|发文|成文|印发|公布|公开|更新|上传|生成)(?:日期|时间)\s*[:：]?|(?:日期|时间)\s*[:：])\s*(.{6,24})"
)
_LABEL_PREFIX_RE = re.compile(r"^" + _LABEL)
# Month and day without a year ("[05-09]", "05/09", "5月9日"), when the year sits elsewhere.
_MONTH_DAY_RE = re.compile(r"^[\[(（【]?\s*(\d{1,2})\s*(?:[-/.]|月)\s*(\d{1,2})\s*日?\s*[\])）】]?$")
# Calendar-style date boxes split over elements: day apart from year-month ("21 2024-05", "2024.05 21",
# "05-21 2024", "2024 05-21").
_SPLIT_FORMS = (
    (re.compile(r"^(\d{1,2})\s+((?:19|20)\d{2})\s*[-/.年]\s*(\d{1,2})\s*月?$"), (2, 3, 1)),
    (re.compile(r"^((?:19|20)\d{2})\s*[-/.年]\s*(\d{1,2})\s*月?\s+(\d{1,2})\s*日?$"), (1, 2, 3)),
    (re.compile(r"^(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?\s+((?:19|20)\d{2})\s*年?$"), (3, 1, 2)),
    (re.compile(r"^((?:19|20)\d{2})\s*年?\s+(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$"), (1, 2, 3)),
)
# A date in free text counts as the item's date only in a short run of text (a date line, a table cell,
# "来源：… 2024-05-09"); in a summary it is a date the article talks about. Calibrated on the corpus: date
# lines run to ~30 characters with a source name, summaries start at ~60.
_SHORT_SEGMENT = 40
_BOX_TEXT = 30  # a date box (possibly split over elements) holds at most this much text
# Years in article URLs: /2024/5/9/, /2024-05/09/, /202405/, t20240509_, /20240509/, 17-digit NMPA ids.
_URL_YMD_RE = re.compile(r"(?<!\d)((?:19|20)\d{2})[-/]?(0[1-9]|1[0-2]|[1-9](?=/))")
_DIGIT_RE = re.compile(r"\d")
_PUBLISH_HEADER_RE = re.compile(r"(?:发布|公开|公布|发文)\s*(?:日期|时间)")
_NORMALIZED_TEXT = etree.XPath("normalize-space(string(.))")
_YEAR_HEADING_RE = re.compile(r"^((?:19|20)\d{2})\s*年?(?:度)?$")


def _is_element(node: object) -> bool:
    return isinstance(getattr(node, "tag", None), str)


def box_date(text: str) -> date | None:
    """The date when `text` is nothing but one date: whole, labelled ("发布时间：…"), split over a box, or
    written with a two-digit year ("18-02-22")."""
    text = normalize_space(text)
    if not text or len(text) > _BOX_TEXT + 10:
        return None
    bare = _LABEL_PREFIX_RE.sub("", text, count=1)
    value = date_only(bare)
    if value:
        return value
    for pattern, (y, m, d) in _SPLIT_FORMS:
        match = pattern.match(bare)
        if match:
            return to_date(match.group(y), match.group(m), match.group(d))
    return short_year_date(bare)


def month_day(text: str) -> tuple[int, int] | None:
    """(month, day) when `text` is nothing but a month and a day."""
    match = _MONTH_DAY_RE.match(_LABEL_PREFIX_RE.sub("", normalize_space(text), count=1))
    if not match:
        return None
    month, day = int(match.group(1)), int(match.group(2))
    return (month, day) if 1 <= month <= 12 and 1 <= day <= 31 else None


def url_year(url: str) -> tuple[int, int | None] | None:
    """(year, month) of the date an article URL is filed under, if it has one."""
    for match in _URL_YMD_RE.finditer(url.split("?", 1)[0]):
        year, month = int(match.group(1)), int(match.group(2))
        if 1990 <= year <= 2100:
            return year, month
    return None


def with_year(parts: tuple[int, int], url: str, context_year: int | None) -> date | None:
    """A month and day given their year: the article URL's (filed the month it was published, so a
    December item filed under January is the year before), else the year heading of the list."""
    month, day = parts
    filed = url_year(url)
    if filed is not None:
        year, filed_month = filed
        if filed_month is not None and month > filed_month + 1:
            year -= 1
        return to_date(year, month, day)
    return to_date(context_year, month, day) if context_year else None


class _Candidates:
    """Dates found around an item, best kind first, then in page order."""

    def __init__(self) -> None:
        self.found: list[tuple[int, int, date | tuple[int, int]]] = []

    def add(self, rank: int, value: date | tuple[int, int] | None) -> None:
        if value is not None:
            self.found.append((rank, len(self.found), value))

    def best(self) -> date | tuple[int, int] | None:
        return min(self.found, key=lambda f: (f[0], f[1]))[2] if self.found else None


def _walk(element: _Element, skip: set[_Element], into: _Candidates) -> str:
    """Offer the dates of `element` (outside `skip`) and return its text."""
    parts = [element.text or ""]
    for child in element:
        if _is_element(child) and child not in skip:
            parts.append(_walk(child, skip, into))
        parts.append(child.tail or "")
    for segment in (element.text, *(child.tail for child in element)):
        if segment and _DIGIT_RE.search(segment):
            _segment(segment, into)
    words = " ".join(parts)
    if _DIGIT_RE.search(words) and len(words) <= 4 * _BOX_TEXT:
        words = normalize_space(words)
        if len(words) <= _BOX_TEXT + 10:
            into.add(0, box_date(words))
            into.add(4, month_day(words))
    return words


def _segment(text: str, into: _Candidates) -> None:
    text = normalize_space(text)
    if not text:
        return
    into.add(0, box_date(text))
    labelled = _LABELLED_RE.search(text)
    if labelled:
        into.add(1, parse_date(labelled.group(1)))
    if len(text) <= _SHORT_SEGMENT:
        into.add(2, parse_date(text))
        into.add(4, month_day(text))


def _cells(row: _Element) -> list[_Element]:
    return [c for c in row if _is_element(c) and c.tag in ("td", "th")]


def publish_cell(row: _Element) -> _Element | None:
    """In a table row, the cell under a "发布日期/发布时间" header: tables of documents often show the
    date of writing (成文日期) as well, and the date shown for the entry is the publication date."""
    if row.tag != "tr":
        return None
    table = next((a for a in row.iterancestors() if a.tag == "table"), None)
    if table is None:
        return None
    for header in islice(table.iter("tr"), 2):  # the header is the first row, or the second under a caption
        cells = _cells(header)
        if header is row or header.find(".//a[@href]") is not None or len(cells) < 2:
            continue
        for index, cell in enumerate(cells):
            if _PUBLISH_HEADER_RE.search("".join(cell.itertext())):
                row_cells = _cells(row)
                return row_cells[index] if index < len(row_cells) else None
    return None


def item_date(
    around: Iterable[_Element],
    skip: set[_Element],
    link_date: date | None,
    url: str,
    context_year: int | None = None,
    tail_text: str = "",
) -> date | None:
    """The item's date: a date standing alone (a cell, a span, "发布时间：…"), then a labelled date, then a
    date in a short line, then one inside the link ("标题 2024-05-09"), then a month and day whose year
    comes from the URL or the list's year heading. Summaries' dates are not the item's date.

    `around`: the item's elements to read, leaving out the `skip` subtrees (the main link);
    `tail_text`: text after a bare link up to the next one.
    """
    found = _Candidates()
    around = list(around)
    cell = publish_cell(around[0]) if around and _is_element(around[0]) else None
    if cell is not None and cell not in skip:
        _walk(cell, skip, found)
        if found.found and found.best() is not None and not isinstance(found.best(), tuple):
            return found.best()  # type: ignore[return-value]
        found = _Candidates()
    for element in around:
        if _is_element(element) and element not in skip:
            _walk(element, skip, found)
    if _DIGIT_RE.search(tail_text):
        _segment(tail_text, found)
    found.add(3, link_date)
    best = found.best()
    if isinstance(best, tuple):
        return with_year(best, url, context_year)
    return best


def year_heading(container: _Element, levels: int = 3) -> int | None:
    """A year the list is grouped under: a short "2024年" heading before it or its near ancestors."""
    node: _Element | None = container
    for _ in range(levels):
        if node is None:
            return None
        sibling = next((s for s in node.itersiblings(preceding=True) if _is_element(s)), None)
        if sibling is not None:
            text = _NORMALIZED_TEXT(sibling)  # in C: siblings can be whole sections
            match = _YEAR_HEADING_RE.match(text) if len(text) <= 8 else None
            if match:
                return int(match.group(1))
        node = node.getparent()
    return None
