"""Find the article list blocks of an HTML page: groups of repeated sibling items, each scored."""

from __future__ import annotations

import math
import re
import statistics
from dataclasses import dataclass, replace

from lxml import etree
from lxml.etree import _Element

from crawler.extract.listing_dates import year_heading
from crawler.extract.listing_items import Item, item_from_element
from crawler.extract.listing_links import is_companion_title
from crawler.extract.listing_urls import is_article_url, is_nav_url

_ITEM_TAGS = {
    "li", "tr", "dd", "dt", "div", "p", "a", "section", "article", "h1", "h2", "h3", "h4", "h5", "h6",
    "ul", "ol", "dl", "table", "tbody",
}
NOISE_TAGS = ("script", "style", "noscript", "template", "select", "textarea", "iframe")
_CHROME_TAGS = {"header", "footer", "nav", "aside"}
# Class/id words of page chrome (menus, footers, breadcrumbs, friend links, pagers), matched as whole
# tokens so that e.g. "page-content" or "navjz" do not count.
_CHROME_WORDS = {
    "nav", "navbar", "navigation", "mainnav", "topnav", "subnav", "leftnav", "menu", "submenu", "header",
    "head", "top", "topbar", "footer", "foot", "bottom", "copyright", "crumb", "crumbs", "breadcrumb",
    "position", "location", "dqwz", "yqlj", "friend", "friendlink", "links", "link", "pager", "pagination",
    "pages", "paging", "share", "toolbar", "sitemap", "banner", "dropdown",
}
TOKEN_SPLIT_RE = re.compile(r"[\s_-]+")
_CHROME_TITLE_RE = re.compile(
    r"^(?:更多|more|查看更多|下一页|上一页|前一页|后一页|下页|上页|前页|后页|首页|尾页|末页|返回|跳转|\d{1,3}|[<>«»]+)\W*$", re.I
)
_MAX_TRAILING = 4  # a flat list item's date line, summary and separator; more is another section
# An element with more links or text than this is a page section, not a list item: it is not read (the
# wrappers of a page would otherwise be read once per nesting level). The largest items of the corpus
# are search results with a summary (2 links, ~300 characters) and hub sub-lists read as one composite
# item (5 links).
_MAX_ITEM_LINKS = 24
_HEADER_CHARS = 8  # block headers (相关公文, 相关视频) and companion links (【政策解读】) are a few words
_BRACKETS = "[]【】()（）<>〔〕 "
_FILE_RE = re.compile(r"\.(?:pdf|docx?|wps|xlsx?|et|zip|rar|7z|ofd|txt)(?:$|\?)", re.I)
_MAX_ITEM_TEXT = 2000
_COUNT_LINKS = etree.XPath("count(.//a)")
_TEXT = etree.XPath("string(.)")


@dataclass
class Group:
    container: _Element
    items: list[Item]
    quality: float
    evidence: bool  # dates or article-shaped URLs on at least half of the items
    dated: float  # share of items with a date
    item_tag: str

    @property
    def score(self) -> float:
        # More items is more list-like, with diminishing returns so a long menu cannot win on size.
        return self.quality * math.sqrt(len(self.items))


def class_tokens(node: _Element) -> list[str]:
    return TOKEN_SPLIT_RE.split(f"{node.get('class', '')} {node.get('id', '')}".lower())


def in_chrome(element: _Element) -> bool:
    """The element sits in page chrome: header, footer, menus, breadcrumbs, friend links, pagers."""
    for node in (element, *element.iterancestors()):
        if node.tag in _CHROME_TAGS or any(token in _CHROME_WORDS for token in class_tokens(node)):
            return True
    return False


def _quality(items: list[Item], container: _Element) -> tuple[float, bool, float]:
    n = len(items)
    dated = sum(1 for i in items if i.entry.date) / n
    article = sum(1 for i in items if is_article_url(i.entry.url)) / n
    nav = sum(1 for i in items if is_nav_url(i.entry.url)) / n
    short = sum(1 for i in items if len(i.entry.title) <= 6) / n
    multi = sum(1 for i in items if i.link_count > 3) / n
    # Entries hold a title, a date and at most a short summary; page sections hold much more.
    bulky = sum(1 for i in items if i.text_length > 4 * len(i.entry.title) + 120) / n
    # Slides and picture walls title their links only in attributes (`<a title><img></a>`).
    hidden = sum(1 for i in items if not i.shown) / n
    length = statistics.median(len(i.entry.title) for i in items)
    quality = 1 + 2 * dated + 2 * article + min(length, 24) / 8 - 3 * nav - 2 * short - 3 * multi - 3 * bulky - 2 * hidden
    if in_chrome(container):
        quality -= 3
    return quality, dated >= 0.5 or article >= 0.5, dated


class _Reader:
    """Reads item elements once per page (an element is a candidate item of several groups)."""

    def __init__(self, base_url: str) -> None:
        self.base_url = base_url
        self.cache: dict[tuple[_Element, int, int | None], Item | None] = {}

    def item(self, element: _Element, trailing: list[_Element], year: int | None) -> Item | None:
        key = (element, len(trailing), year)
        if key not in self.cache:
            too_big = _COUNT_LINKS(element) > _MAX_ITEM_LINKS or len(_TEXT(element)) > _MAX_ITEM_TEXT
            self.cache[key] = None if too_big else item_from_element(element, self.base_url, trailing, year)
        return self.cache[key]


def _trailing(child: _Element) -> list[_Element]:
    """In a flat list (`<h4><a/></h4><div class="info">date</div><p>summary</p>` repeated in one container),
    the elements after an item up to the next one with a link (the next item) belong to it."""
    found = []
    for sibling in child.itersiblings():
        if not isinstance(sibling.tag, str):
            continue
        if len(found) >= _MAX_TRAILING or sibling.tag == "a" or sibling.find(".//a[@href]") is not None:
            break
        found.append(sibling)
    return found


def _nested_list(element: _Element) -> list[_Element]:
    """The repeated children of the largest list nested in `element` (sub-list of a composite item)."""
    best: list[_Element] = []
    for node in element.iterdescendants():
        if not isinstance(node.tag, str):
            continue
        by_tag: dict[str, list[_Element]] = {}
        for child in node:
            if isinstance(child.tag, str) and child.tag in _ITEM_TAGS:
                by_tag.setdefault(child.tag, []).append(child)
        for children in by_tag.values():
            if len(children) >= 2 and len(children) > len(best):
                best = children
    return best


def _is_composite(element: _Element, item: Item, reader: _Reader, year: int | None) -> bool:
    """A block header over a nested list of documents (相关公文 over four notices), or a header link of a
    few words over a nested list of pictures. Not an entry whose companion links (解读, PDF) or attachment
    files happen to sit in a list of their own."""
    if item.link_count < 3:
        return False
    nested = _nested_list(element)
    if not nested:
        return False
    read = (reader.item(n, [], year) for n in nested)
    documents = [i for i in read if i is not None and len(i.entry.title) > _HEADER_CHARS
                 and not is_companion_title(i.entry.title) and not _FILE_RE.search(i.entry.url)]
    if len(documents) >= 2:
        return True
    return len(item.entry.title) <= _HEADER_CHARS and not is_article_url(item.entry.url)


def _expand_composites(children: list[_Element], items: list[Item | None], reader: _Reader,
                       year: int | None) -> list[Item]:
    """A search or hub list may embed a block (相关视频, 相关公文) as one of its items: a header link over
    a nested list. Such an item holds several documents; its nested items stand in its place. Only done
    when most items of the group are plain entries, so that a page's sections are not merged into one."""
    # Only a group with at least two plain entries (fewer than 3 links) can hold composite items; menus and
    # page sections, whose items all carry many links, are not looked into.
    if sum(1 for i in items if i is not None and i.link_count < 3) < 2:
        return [i for i in items if i is not None]
    composite = [i is not None and _is_composite(c, i, reader, year) for c, i in zip(children, items, strict=False)]
    plain = sum(1 for flag, i in zip(composite, items, strict=False) if i is not None and not flag)
    if not any(composite) or plain < 2 * sum(composite):
        return [i for i in items if i is not None]
    found: list[Item] = []
    for child, item, flag in zip(children, items, composite, strict=False):
        if flag:
            nested = (reader.item(n, [], year) for n in _nested_list(child))
            found.extend(n for n in nested if n is not None)
        elif item is not None:
            found.append(item)
    return found


def _merge_companions(items: list[Item]) -> list[Item]:
    """An item that is nothing but a companion link (`<a>[解读]</a>` after `<a>Title</a>` in a list of bare
    links, or a `<li>` holding only "图解" under its document) is the related link of the entry before it,
    and its date is that entry's date if it has none. A companion with a title of its own ("《…办法》
    政策解读") is an entry: columns of interpretations list them."""
    merged: list[Item] = []
    for item in items:
        title = item.entry.title.strip(_BRACKETS)
        if merged and len(title) <= _HEADER_CHARS and is_companion_title(title):
            before = merged[-1]
            entry = replace(before.entry, date=before.entry.date or item.entry.date,
                            related=(*before.entry.related, item.entry.url))
            merged[-1] = replace(before, entry=entry)
        else:
            merged.append(item)
    return merged


def groups(root: _Element, base_url: str) -> list[Group]:
    reader = _Reader(base_url)
    groups = []
    for container in root.iter():
        if not isinstance(container.tag, str):
            continue
        by_tag: dict[str, list[_Element]] = {}
        for child in container:
            if isinstance(child.tag, str) and child.tag in _ITEM_TAGS:
                by_tag.setdefault(child.tag, []).append(child)
        year: int | None = None
        for tag, children in by_tag.items():
            if len(children) < 2:
                continue
            if year is None:
                year = year_heading(container) or 0
            read = [reader.item(c, _trailing(c), year or None) for c in children]
            items = _expand_composites(children, read, reader, year or None)
            items = _merge_companions(items)
            items = [i for i in items if not _CHROME_TITLE_RE.match(i.entry.title)]
            if len(items) >= 2:
                groups.append(Group(container, items, *_quality(items, container), tag))
    return groups
