"""Finding the article body: CMS markers, per-source selector, known containers, then text density."""

from __future__ import annotations

import copy
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from lxml import etree
from lxml.html import Element, HtmlElement

from crawler.extract.chrome import in_comments, in_navigation
from crawler.extract.header import is_hidden
from crawler.extract.text import BLOCK_TAGS, CELL_TAGS, SKIP_TAGS

# Known body containers, most specific first (SITES.md: Hanweb #zoom, kjt.zj .article-conter,
# Lonsun .wzcon, Hanweb jpaas .wen, NMPA .text, TRS editors, gov.cn #UCAP-CONTENT).
_CONTAINERS = tuple(etree.XPath(x) for x in (
    '//*[@id="zoom" or @id="Zoom" or @id="ZOOM"]',
    '//div[contains(concat(" ", normalize-space(@class), " "), " article-conter ")]',
    '//div[contains(concat(" ", normalize-space(@class), " "), " wzcon ")]',
    '//div[contains(concat(" ", normalize-space(@class), " "), " wen ")]',
    '//div[contains(concat(" ", normalize-space(@class), " "), " text ")]',
    '//div[contains(concat(" ", normalize-space(@class), " "), " trs_editor_view ")]',
    '//div[contains(concat(" ", normalize-space(@class), " "), " TRS_Editor ")]',
    '//*[@id="UCAP-CONTENT"]',
))
_META_MARK = etree.XPath('//meta[translate(@name, "CONTENTSARD", "contentsard")=$name]')
_COMMENT_MARK = etree.XPath("//comment()[contains(., $text)]")
# Page furniture that editors and templates leave inside bodies: share bars, QR codes, print and
# font-size tools, pagers, breadcrumbs, "related articles", visit counters, like buttons, a video player's box
# with its clip's title and origin ("某某发布会（来源：某某网）").
_WIDGET = re.compile(
    r"(?:^|[\s_-])(?:share|bdshare|bdsharebuttonbox|social|qrcode|ewm|erweima|print|dayin|fontsize|zihao"
    r"|toolbar|tools|pager|pagination|crumbs?|breadcrumb|position|nav|menu|footer|header|related|xgwz|xgxx"
    r"|visit|artcount|hits?|jiucuo|zan|digg|like|praise|video|player)(?:$|[\s_-])",
    re.I,
)
# A government site's ICP filing and site code: footer lines.
_SITE_REGISTRATION = re.compile(r"ICP备|网站标识码")
_LINKLESS_MIN_TEXT = 1  # a body may be one attachment link; any text or link makes it a body
# A known container with less text than this and no link is a widget that shares the class name.
_MIN_CONTAINER_TEXT = 10
# Widgets are short; a "print-area" class on a long block marks the article itself, not a tool.
_MAX_WIDGET_TEXT = 200


@dataclass
class Body:
    element: HtmlElement  # a detached copy: cleaning it never changes the page tree
    strategy: str  # which rule found it, kept for diagnostics and tests
    # Where the body starts in the page tree (the container, or the start marker): what lies between the
    # title and it is the article's header (byline, date, 来源).
    anchor: HtmlElement | None = None


Found = tuple[HtmlElement, HtmlElement]  # (detached copy, its anchor in the page tree)


def _wrap(nodes: list[HtmlElement], lead_text: str | None) -> HtmlElement:
    wrapper = Element("div")
    wrapper.text = lead_text
    for node in nodes:
        wrapper.append(copy.deepcopy(node))
    return wrapper


def _between(start: HtmlElement, end: HtmlElement) -> Found | None:
    """The siblings between two markers of one parent; the parent itself when they are apart."""
    if start.getparent() is not end.getparent():
        parent = start.getparent()
        return (copy.deepcopy(parent), parent) if parent is not None else None
    nodes: list[HtmlElement] = []
    node = start.getnext()
    while node is not None and node is not end:
        nodes.append(node)
        node = node.getnext()
    return _wrap(nodes, start.tail), start


def _first_pair(starts: list[HtmlElement], ends: list[HtmlElement]) -> Found | None:
    """Only the first marked block: Hanweb pages repeat the body for PC and mobile layouts."""
    for start in starts:
        for end in ends:
            if end.getparent() is start.getparent() and end in start.itersiblings():
                return _between(start, end)
    return _between(starts[0], ends[0]) if starts and ends else None


def _has_content(element: HtmlElement | None) -> bool:
    if element is None:
        return False
    if len(element.text_content().strip()) >= _LINKLESS_MIN_TEXT:
        return True
    return next(element.iter("a", "img"), None) is not None


def _by_meta_markers(root: HtmlElement) -> Found | None:
    return _first_pair(_META_MARK(root, name="contentstart"), _META_MARK(root, name="contentend"))


def _by_comment_markers(root: HtmlElement) -> Found | None:
    return _first_pair(
        _COMMENT_MARK(root, text="ZJEG_RSS.content.begin"), _COMMENT_MARK(root, text="ZJEG_RSS.content.end")
    )


def _container_content(element: HtmlElement) -> bool:
    """A known container holds the body when it has a sentence's worth of text or a link (a notice whose text
    is its attachment list), and is not inside a link itself (a "text" class on a comment counter) nor in a
    list item (a toolbar button's label: "<li class="tool-item"><div class="text">觉得不错？一键收藏</div>")."""
    if next(element.iterancestors("a", "li"), None) is not None:
        return False
    if len(element.text_content().strip()) >= _MIN_CONTAINER_TEXT:
        return True
    return next(element.iter("a", "img"), None) is not None


def _by_containers(root: HtmlElement) -> Found | None:
    for xpath in _CONTAINERS:
        for element in xpath(root):
            if _container_content(element):
                return copy.deepcopy(element), element
    return None


# Text a reader sees: a <script> or <style> inside a paragraph (an ad loader) is code, not words.
_SHOWN_TEXT = etree.XPath(".//text()[not(ancestor::script) and not(ancestor::style)]")


def _text_len(element: HtmlElement) -> int:
    return len(re.sub(r"\s+", "", "".join(_SHOWN_TEXT(element))))


_PARAGRAPHS = etree.XPath("//p | //br")
_BARE_TEXT_HOLDERS = etree.XPath("//div | //td | //section | //article")
# Text written straight into a container, without <p> (a one-paragraph news flash): at least a sentence's worth.
_MIN_BARE_TEXT = 40
# What one line of text after a <br> can vote at most (a paragraph's worth).
_MAX_BR_VOTE = 200
# A site's disclaimer under every article is a paragraph too, but not the article's.
_DISCLAIMER = re.compile(r"^\s*[【\[]?(?:免责声明|特别声明|版权声明|声明)[】\]]?\s*[:：]")


def _own_text(element: HtmlElement) -> str:
    """An element's text with its inline children's (<span>, <font>, <b>…), not its block children's."""
    parts = [element.text or ""]
    for child in element:
        if isinstance(child.tag, str) and child.tag not in BLOCK_TAGS and child.tag not in CELL_TAGS:
            parts.append(_inline_text(child))
        parts.append(child.tail or "")
    return "".join(parts)


def _inline_text(element: HtmlElement) -> str:
    """The words an inline element shows, links and code left out."""
    if not isinstance(element.tag, str) or element.tag in SKIP_TAGS or element.tag == "a":
        return ""
    return _own_text(element)


def _own_text_len(holder: HtmlElement) -> int:
    """Text written into a container itself, bare or in inline elements (a notice set in <span>s inside a
    table cell), not in its block children nor in links."""
    return len(re.sub(r"\s+", "", _own_text(holder)))


def _vote(scores: dict[HtmlElement, float], element: HtmlElement, length: float) -> None:
    scores[element] = scores.get(element, 0.0) + length
    grand = element.getparent()
    if grand is not None:
        scores[grand] = scores.get(grand, 0.0) + length / 2


_STYLED = etree.XPath("//*[@style or @hidden]")


def _hidden_blocks(root: HtmlElement) -> set[HtmlElement]:
    return {element for element in _STYLED(root) if is_hidden(element)}


def _in_hidden(element: HtmlElement, hidden: set[HtmlElement]) -> bool:
    return bool(hidden) and (element in hidden or any(a in hidden for a in element.iterancestors()))


def _by_density(root: HtmlElement) -> Found | None:
    """Readability's idea, minimal: paragraphs vote for their parent (and half for the grandparent); text
    written straight into a container votes for that container. Paragraphs in navigation (menus, breadcrumbs,
    link bars, footers: not "header", which some templates wrap around the whole article) or in readers'
    comments, the site's
    registration lines (ICP备…, found in every footer) and its disclaimer have no vote: on a page whose
    article is gone the footer must not pass for a body. Nor has text in a block hidden by its markup
    (display:none, the hidden attribute): a notice's collapsed summary table, a copy kept for crawlers."""
    scores: dict[HtmlElement, float] = {}
    hidden = _hidden_blocks(root)
    for para in _PARAGRAPHS(root):
        holder = para.getparent() if para.tag == "br" else para
        if (holder is None or holder.getparent() is None or in_navigation(holder) or in_comments(holder)
                or _in_hidden(holder, hidden)):
            continue
        if para.tag == "p":
            text = para.text_content()
            if _SITE_REGISTRATION.search(text) or _DISCLAIMER.match(text):
                continue
        # A <br> votes with the text it starts (its tail), so that a column of links or of short labels
        # separated by <br> (a sidebar's list) does not outvote two real paragraphs.
        length = _text_len(para) if para.tag == "p" else min(len(re.sub(r"\s+", "", para.tail or "")), _MAX_BR_VOTE)
        links = sum(_text_len(a) for a in para.iter("a")) if para.tag == "p" else 0
        if length < 10 or links > length / 2:
            continue
        _vote(scores, holder.getparent() if para.tag == "p" else holder, length)
    for holder in _BARE_TEXT_HOLDERS(root):
        own = _own_text_len(holder)
        if (own >= _MIN_BARE_TEXT and holder.getparent() is not None and not in_navigation(holder)
                and not in_comments(holder) and not _in_hidden(holder, hidden)):
            _vote(scores, holder, own)
    if not scores:
        return None
    best = _whole_table(max(scores, key=scores.__getitem__))
    return copy.deepcopy(best), best


# A table cell that holds (almost) all of its table's text: the table is the text's frame, its other rows the
# notice's letterhead ("某某中心 / 中标结果公告" above the cell with the items), part of the text.
_CELL_SHARE = 0.85


def _whole_table(best: HtmlElement) -> HtmlElement:
    for _ in range(3):
        if best.tag not in CELL_TAGS:
            break
        table = next(best.iterancestors("table"), None)
        if table is None or _text_len(best) < _CELL_SHARE * _text_len(table):
            break
        best = table
    return best


_TABLES = etree.XPath("//table")
# A body that is a data table (an economic calendar, a results list) has no paragraph and no cell with a
# sentence's worth of text, so nothing votes: the table with the most text, if it holds this much, is the body.
_MIN_TABLE_TEXT = 200


def _by_data_table(root: HtmlElement) -> Found | None:
    """Last resort: the container of the largest table outside navigation and comments."""
    tables = [t for t in _TABLES(root) if not in_navigation(t) and not in_comments(t) and t.getparent() is not None]
    if not tables:
        return None
    best = max(tables, key=_text_len)
    if _text_len(best) < _MIN_TABLE_TEXT:
        return None
    holder = best.getparent()
    return copy.deepcopy(holder), holder


_MARKED = etree.XPath(".//*[@class or @id]")


def _iter_widgets(element: HtmlElement) -> Iterator[HtmlElement]:
    for node in _MARKED(element):
        marks = f"{node.get('class', '')} {node.get('id', '')}"
        if marks.strip() and _WIDGET.search(marks) and _text_len(node) <= _MAX_WIDGET_TEXT:
            yield node


def strip_widgets(element: HtmlElement) -> HtmlElement:
    """Remove share bars, QR codes, print links… from a detached body copy (keeping their tails)."""
    for node in list(_iter_widgets(element)):
        node.drop_tree()
    return element


def _first_with_content(elements: list[HtmlElement]) -> Found | None:
    return next(((copy.deepcopy(e), e) for e in elements if _has_content(e)), None)


def find_body(root: HtmlElement, selector: Callable[[HtmlElement], list[HtmlElement]] | None = None) -> Body:
    """The body, trying the most trustworthy rule first; an empty <div> when nothing matches."""
    rules: list[tuple[str, Callable[[HtmlElement], Found | None]]] = [
        ("meta-markers", _by_meta_markers),
        ("zjeg-markers", _by_comment_markers),
    ]
    if selector is not None:
        rules.append(("selector", lambda r: _first_with_content(selector(r))))
    rules += [("container", _by_containers), ("density", _by_density), ("table", _by_data_table)]
    for name, rule in rules:
        found = rule(root)
        if found is not None and _has_content(found[0]):
            return Body(strip_widgets(found[0]), name, found[1])
    return Body(Element("div"), "none")
