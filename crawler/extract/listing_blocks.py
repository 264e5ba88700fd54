"""Find the article list blocks of an HTML page by scoring groups of repeated sibling items."""

from __future__ import annotations

import math
import re
import statistics
from dataclasses import dataclass

from lxml.etree import _Element

from crawler.extract.listing_items import Item, ListEntry, item_from_element
from crawler.extract.listing_urls import is_article_url, is_nav_url

_ITEM_TAGS = {"li", "tr", "dd", "dt", "div", "p", "a", "section", "article"}
_NOISE_TAGS = ("script", "style", "noscript", "template", "select", "textarea", "iframe")
_CHROME_TAGS = {"header", "footer", "nav", "aside"}
# Class/id words of page chrome (menus, footers, breadcrumbs, friend links, pagers), matched as whole
# tokens so that e.g. "page-content" or "navjz" do not count.
_CHROME_WORDS = {
    "nav", "navbar", "navigation", "mainnav", "topnav", "subnav", "leftnav", "menu", "submenu", "header",
    "head", "top", "topbar", "footer", "foot", "bottom", "copyright", "crumb", "crumbs", "breadcrumb",
    "position", "location", "dqwz", "yqlj", "friend", "friendlink", "links", "link", "pager", "pagination",
    "pages", "paging", "share", "toolbar", "sitemap", "banner", "dropdown",
}
_TOKEN_SPLIT_RE = re.compile(r"[\s_-]+")
_CHROME_TITLE_RE = re.compile(
    r"^(?:更多|more|查看更多|下一页|上一页|前一页|后一页|首页|尾页|末页|返回|跳转|\d{1,3}|[<>«»]+)\W*$", re.I
)
_MIN_QUALITY = 3.5  # a dated or article-URL list with ordinary titles scores 6-9; menus score below 1
_FALLBACK_QUALITY = 3.0  # undated lists of unknown URL shapes need long titles (median 16+) and 4+ items
_COMPANION_SHARE = 0.6  # sibling blocks (e.g. MOST's four sub-lists) must score this close to the best


@dataclass
class Group:
    container: _Element
    items: list[Item]
    quality: float
    evidence: bool  # dates or article-shaped URLs on at least half of the items

    @property
    def score(self) -> float:
        # More items is more list-like, with diminishing returns so a long menu cannot win on size.
        return self.quality * math.sqrt(len(self.items))


def _in_chrome(element: _Element) -> bool:
    for node in (element, *element.iterancestors()):
        if node.tag in _CHROME_TAGS:
            return True
        words = f"{node.get('class', '')} {node.get('id', '')}".lower()
        if any(token in _CHROME_WORDS for token in _TOKEN_SPLIT_RE.split(words)):
            return True
    return False


def _quality(items: list[Item], container: _Element) -> tuple[float, bool]:
    n = len(items)
    dated = sum(1 for i in items if i.entry.date) / n
    article = sum(1 for i in items if is_article_url(i.entry.url)) / n
    nav = sum(1 for i in items if is_nav_url(i.entry.url)) / n
    short = sum(1 for i in items if len(i.entry.title) <= 6) / n
    multi = sum(1 for i in items if i.link_count > 3) / n
    # Entries hold a title, a date and at most a short summary; page sections hold much more.
    bulky = sum(1 for i in items if i.text_length > 4 * len(i.entry.title) + 120) / n
    length = statistics.median(len(i.entry.title) for i in items)
    quality = 1 + 2 * dated + 2 * article + min(length, 24) / 8 - 3 * nav - 2 * short - 3 * multi - 3 * bulky
    if _in_chrome(container):
        quality -= 3
    return quality, dated >= 0.5 or article >= 0.5


def _groups(root: _Element, base_url: str) -> list[Group]:
    groups = []
    for container in root.iter():
        if not isinstance(container.tag, str):
            continue
        by_tag: dict[str, list[_Element]] = {}
        for child in container:
            if isinstance(child.tag, str) and child.tag in _ITEM_TAGS:
                by_tag.setdefault(child.tag, []).append(child)
        for children in by_tag.values():
            if len(children) < 2:
                continue
            items = [i for i in (item_from_element(c, base_url) for c in children) if i is not None]
            items = [i for i in items if not _CHROME_TITLE_RE.match(i.entry.title)]
            if len(items) >= 2:
                groups.append(Group(container, items, *_quality(items, container)))
    return groups


def _related(a: _Element, b: _Element) -> bool:
    """True when one contains the other: such groups describe the same links twice."""
    return a is b or any(x is b for x in a.iterancestors()) or any(x is a for x in b.iterancestors())


def _near(a: _Element, b: _Element, levels: int = 2) -> bool:
    """True when both sit within `levels` of a common ancestor, as sub-lists of one content area do."""
    up_a = [a, *list(a.iterancestors())[:levels]]
    up_b = [b, *list(b.iterancestors())[:levels]]
    return any(x is y for x in up_a for y in up_b)


def _choose(groups: list[Group]) -> list[Group]:
    accepted = [g for g in groups if g.evidence and g.quality >= _MIN_QUALITY]
    if not accepted:
        accepted = [g for g in groups if g.quality >= _FALLBACK_QUALITY and len(g.items) >= 4]
    if not accepted:
        return []
    best = max(accepted, key=lambda g: g.score)
    chosen = [best]
    for group in sorted(accepted, key=lambda g: g.score, reverse=True):
        if group.quality < _COMPANION_SHARE * best.quality or not _near(group.container, best.container):
            continue
        if not any(_related(group.container, c.container) for c in chosen):
            chosen.append(group)
    return chosen


def block_entries(root: _Element, base_url: str) -> list[ListEntry]:
    """Entries of the best-scoring list block and its sibling blocks, in page order."""
    for element in list(root.iter(*_NOISE_TAGS)):
        element.drop_tree()
    order = {el: index for index, el in enumerate(root.iter())}
    chosen = sorted(_choose(_groups(root, base_url)), key=lambda g: order.get(g.container, 0))
    return [item.entry for group in chosen for item in group.items]
