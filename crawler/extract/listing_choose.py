"""Choose a page's list blocks: the best-scoring group of items and its companion blocks (sub-lists,
tabs, the other blocks of a hub page), leaving out sidebars such as hot or ranking lists."""

from __future__ import annotations

import re
from collections import Counter
from urllib.parse import urlsplit

from lxml import etree
from lxml.etree import _Element

from crawler.extract.listing_blocks import NOISE_TAGS, Group, class_tokens, groups, in_chrome
from crawler.extract.listing_items import Item, ListEntry, finished, item_from_element
from crawler.extract.listing_urls import is_article_url

_MIN_QUALITY = 3.5  # a dated or article-URL list with ordinary titles scores 6-9; menus score below 1
_FALLBACK_QUALITY = 3.0  # undated lists of unknown URL shapes need long titles (median 16+) and 4+ items
_COMPANION_SHARE = 0.6  # sibling blocks (e.g. MOST's four sub-lists) must score this close to the best
# A block further away (another column of a hub page) must be a list in its own right: dated, this close
# to the best block's quality and this long. Calibrated on hub pages of the corpus (blocks of 3-6 dated
# items at 0.9-1.0 of the best quality) against sidebars (undated or below 0.7).
_FAR_SHARE = 0.8
_FAR_MIN_ITEMS = 3
_NEAR_LEVELS = 2
# Class/id words and headings of the blocks next to a column that are not the column: hot, ranking,
# recommended and related lists, sidebars, adverts.
_SIDE_WORDS = {
    "side", "sidebar", "aside", "hot", "hots", "hotnews", "rank", "ranking", "paihang", "phb", "remen", "redian",
    "rdxw", "rdtj", "tuijian", "recommend", "related", "relate", "xgxw", "xgwz", "xglj", "rmtj", "ad", "ads",
    "advert", "guess", "popular", "most", "slide", "slider", "slides", "swiper", "carousel", "lunbo", "focus", "jdt",
}
_SIDE_HEADING_RE = re.compile(r"热点|热门|热读|热文|排行|排名|推荐|相关|猜你|阅读|点击")
_HEADING_CHARS = 16  # a block heading is a short line: "领导活动", "热点新闻", "相关文章 更多>>"
# A pager after the best block makes the page one column's list (page 1 of N): blocks far from it are
# the site's sidebars, not more of the column. Hub pages (several columns' latest items) have no pager.
_PAGER_WORDS = {"page", "pages", "pager", "paging", "pagination", "pagebar", "pagenav", "fenye", "pagediv", "pagelist"}
_PAGER_TEXT_RE = re.compile(r"下一页|下页|尾页|末页|共\s*\d+\s*页|第\s*\d+\s*/\s*\d+\s*页|\d+\s*/\s*\d+\s*页")
_PAGER_LEVELS = 3
# Pagers written by an inline script (TRS createPageHTML, Lonsun Ls.pagination, layui laypage …).
_PAGER_SCRIPT_RE = re.compile(r"createPageHTML|\.pagination\s*\(|laypage|pageCount|totalPages?\b|page_div", re.I)
_TEXT = etree.XPath("string(.)")
_SHAPE_RE = re.compile(r"[0-9a-f]*\d[0-9a-f]*", re.I)


def _contains(a: _Element, b: _Element) -> bool:
    return a is b or any(x is a for x in b.iterancestors())


def _overlap(a: _Element, b: _Element) -> bool:
    """True when one contains the other: such groups describe the same links twice."""
    return _contains(a, b) or _contains(b, a)


def _near(a: _Element, b: _Element, levels: int = _NEAR_LEVELS) -> bool:
    """True when both sit within `levels` of a common ancestor, as sub-lists of one content area do."""
    up_a = [a, *list(a.iterancestors())[:levels]]
    up_b = [b, *list(b.iterancestors())[:levels]]
    return any(x is y for x in up_a for y in up_b)


def _path_below(element: _Element, ancestor: _Element) -> list[_Element]:
    """`element` and its ancestors below `ancestor`."""
    path = [element]
    for node in element.iterancestors():
        if node is ancestor:
            break
        path.append(node)
    return path


def _common_ancestor(a: _Element, b: _Element) -> _Element | None:
    ancestors_b = {id(x) for x in (b, *b.iterancestors())}
    return next((x for x in (a, *a.iterancestors()) if id(x) in ancestors_b), None)


def _heading(node: _Element) -> str:
    """The short text just before `node` (its block heading), if any."""
    for sibling in node.itersiblings(preceding=True):
        if not isinstance(sibling.tag, str) or sibling.tag in NOISE_TAGS:
            continue
        text = " ".join(sibling.itertext()).strip()
        return text if len(text) <= _HEADING_CHARS else ""
    return ""


def _is_side(group: Group, best: Group) -> bool:
    """A block marked as a sidebar, hot, ranking or related list on the way up to the best block, by its
    class/id words or by a heading such as 热点新闻 or 相关文件."""
    top = _common_ancestor(group.container, best.container)
    for node in _path_below(group.container, top) if top is not None else [group.container]:
        if any(token in _SIDE_WORDS for token in class_tokens(node)):
            return True
        if _SIDE_HEADING_RE.search(_heading(node)):
            return True
    return False


def _signature(group: Group) -> tuple[str, str, str, str]:
    """The template of a block: container and item tags and classes."""
    items = [i for i in group.container if isinstance(i.tag, str) and i.tag == group.item_tag]
    item_class = Counter(i.get("class", "") for i in items).most_common(1)[0][0] if items else ""
    return group.container.tag, group.container.get("class", ""), group.item_tag, item_class


def _url_shape(group: Group) -> str:
    """The most common shape of the block's entry URLs: host and path with ids and dates blanked."""
    shapes = Counter()
    for item in group.items:
        parts = urlsplit(item.entry.url)
        shapes[f"{parts.hostname}{_SHAPE_RE.sub('#', parts.path)}"] += 1
    return shapes.most_common(1)[0][0]


def _has_pager(best: Group) -> bool:
    """A pager in or after the best block, within a few levels up."""
    node: _Element | None = best.container
    for _ in range(_PAGER_LEVELS):
        if node is None:
            return False
        for element in (node, *node.itersiblings()):
            if not isinstance(element.tag, str):
                continue
            for sub in element.iter():
                if isinstance(sub.tag, str) and any(t in _PAGER_WORDS for t in class_tokens(sub)):
                    return True
            if element is not node and _PAGER_TEXT_RE.search(_TEXT(element)):
                return True
        node = node.getparent()
    return False


def _companion(group: Group, best: Group, paged: bool) -> bool:
    if _near(group.container, best.container):
        return not _is_side(group, best)  # sub-lists and tabs of one area, not its 相关文件 box
    if paged or _is_side(group, best):
        return False
    if _signature(group) == _signature(best) or _url_shape(group) == _url_shape(best):
        return True
    return group.dated >= 0.5 and group.quality >= _FAR_SHARE * best.quality and len(group.items) >= _FAR_MIN_ITEMS


def choose(candidates: list[Group], paged_by_script: bool = False) -> list[Group]:
    accepted = [g for g in candidates if g.evidence and g.quality >= _MIN_QUALITY]
    if not accepted:
        accepted = [g for g in candidates if g.quality >= _FALLBACK_QUALITY and len(g.items) >= 4]
    if not accepted:
        return []
    best = max(accepted, key=lambda g: g.score)
    chosen = [best]
    paged: bool | None = None
    for group in sorted(accepted, key=lambda g: g.score, reverse=True):
        if group.quality < _COMPANION_SHARE * best.quality or any(_overlap(group.container, c.container) for c in chosen):
            continue
        if paged is None:
            paged = paged_by_script or _has_pager(best)
        if _companion(group, best, paged):
            chosen.append(group)
    return chosen


_PANE_MIN_TITLE = 9  # longer than a block heading (通知公告, 中心新闻 更多>>)
# A block's lead story: one of the two elements just before its list, one document link (often twice:
# headline and summary) with a full title; the headline and a short summary at most.
_LEAD_SIBLINGS = 2
_LEAD_MAX_TEXT = 400


def _lead_item(group: Group, base_url: str, known: set[str]) -> Item | None:
    """The lead story a hub block shows above its list (a headline with a summary), when it links a document of
    the same URL shape as the list's entries. Block headings link the column page (another shape) and are a few
    words; breadcrumbs and tab bars carry several links."""
    checked = 0
    for sibling in group.container.itersiblings(preceding=True):
        if not isinstance(sibling.tag, str) or sibling.tag in NOISE_TAGS:
            continue
        checked += 1
        if checked > _LEAD_SIBLINGS:
            return None
        if sibling.tag != "a" and sibling.find(".//a[@href]") is None:
            continue
        item = item_from_element(sibling, base_url)
        if item is None or item.link_count != 1 or not item.shown or item.entry.url in known:
            return None
        if len(item.entry.title) < _PANE_MIN_TITLE or item.text_length > _LEAD_MAX_TEXT or in_chrome(sibling):
            return None
        lead = Group(sibling, [item], group.quality, group.evidence, group.dated, group.item_tag)
        return item if _url_shape(lead) == _url_shape(group) else None
    return None


def _single_pane_items(group: Group, base_url: str, known: set[str]) -> list[Group]:
    """Tab panes of one block are sibling lists of one template; a pane holding a single item forms no group of
    its own (two items at least), so its item is read here: a document link with a full title."""
    container = group.container
    parent = container.getparent()
    if parent is None:
        return []
    found = []
    for pane in parent:
        if pane is container or not isinstance(pane.tag, str) or pane.tag != container.tag:
            continue
        if pane.get("class") != container.get("class"):
            continue
        children = [c for c in pane if isinstance(c.tag, str) and c.tag == group.item_tag]
        if len(children) != 1:
            continue
        item = item_from_element(children[0], base_url)
        if item is None or item.link_count > 2 or not item.shown or item.entry.url in known:
            continue
        if len(item.entry.title) < _PANE_MIN_TITLE or in_chrome(pane):
            continue
        single = Group(pane, [item], group.quality, group.evidence, group.dated, group.item_tag)
        if is_article_url(item.entry.url) or _url_shape(single) == _url_shape(group):
            known.add(item.entry.url)
            found.append(single)
    return found


def block_entries(root: _Element, base_url: str) -> list[ListEntry]:
    """Entries of the best-scoring list block and its companion blocks (with a block's lead story), in page
    order."""
    scripts = (s.text or "" for s in root.iter("script") if not s.get("src"))
    paged_by_script = any(_PAGER_SCRIPT_RE.search(text) for text in scripts)
    for element in list(root.iter(*NOISE_TAGS)):
        element.drop_tree()
    order = {el: index for index, el in enumerate(root.iter())}
    chosen = sorted(choose(groups(root, base_url), paged_by_script), key=lambda g: order.get(g.container, 0))
    known = {item.entry.url for group in chosen for item in group.items}
    panes = [single for group in chosen for single in _single_pane_items(group, base_url, known)]
    chosen = sorted([*chosen, *panes], key=lambda g: order.get(g.container, 0))
    entries: list[ListEntry] = []
    for group in chosen:
        lead = _lead_item(group, base_url, known) if len(group.items) > 1 else None
        if lead is not None:
            known.add(lead.entry.url)
            entries.append(finished(lead))
        entries.extend(finished(item) for item in group.items)
    return entries
