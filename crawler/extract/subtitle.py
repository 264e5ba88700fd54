"""The subtitle (副标题) an article shows with its headline: labelled, marked by class beside the title, or the
heading right under the title."""

from __future__ import annotations

import re

from lxml import etree
from lxml.html import HtmlElement

from crawler.extract.chrome import in_navigation
from crawler.extract.dates import find_date
from crawler.extract.text import normalize_line
from crawler.extract.title_candidates import title_key

_HEADING_TAGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})
_MARK = re.compile(r"sub-?_?title|subhead|fbt|fubiaoti|futitle|vice-?title", re.I)
_MARKED = etree.XPath(".//*[@class or @id]")
# A subtitle stands with the headline: it is looked for in the title's block, this many levels up.
_BLOCK_LEVELS = 2
# A subtitle is a phrase: shorter than this it is a label or a column name, longer it is a lead paragraph.
_MIN, _MAX = 4, 80
_LABEL = re.compile(r"[:：]")
# A subtitle is a phrase, not a sentence: text with a full stop is a lead paragraph or a summary.
_SENTENCE_END = re.compile(r"[。！？!?]\s*\S|。\s*$")


def _usable(text: str, title: str | None) -> bool:
    key = title_key(text)
    if not _MIN <= len(key) <= _MAX or _LABEL.search(text) or _SENTENCE_END.search(text) or find_date(text):
        return False
    return not title or (key != title_key(title) and key not in title_key(title))


def _next_heading(title_element: HtmlElement) -> HtmlElement | None:
    """The element right after the title, when it is a heading (empty elements skipped)."""
    for sibling in title_element.itersiblings():
        if not isinstance(sibling.tag, str):
            continue
        if sibling.tag in _HEADING_TAGS:
            return sibling
        if normalize_line(sibling.text_content()):
            return None
    return None


def _block(title_element: HtmlElement) -> HtmlElement:
    block = title_element
    for _ in range(_BLOCK_LEVELS):
        parent = block.getparent()
        if parent is None:
            break
        block = parent
    return block


def find_subtitle(title: str | None, title_element: HtmlElement | None, labelled: str | None = None) -> str | None:
    """副标题 labelled in a metadata table or line, an element of class "subtitle" in the title's block, or the
    heading that directly follows the title's heading (<h2>标题</h2><h3>副标题</h3>)."""
    if labelled and _usable(labelled, title):
        return normalize_line(labelled)
    if title_element is None:
        return None
    for element in _MARKED(_block(title_element)):
        marks = f"{element.get('class', '')} {element.get('id', '')}"
        if not _MARK.search(marks):
            continue
        text = normalize_line(element.text_content())
        if _usable(text, title) and not in_navigation(element):
            return text
    if title_element.tag in _HEADING_TAGS:
        following = _next_heading(title_element)
        if following is not None:
            text = normalize_line(following.text_content())
            if _usable(text, title):
                return text
        kicker = _kicker(title_element)
        if kicker and _usable(kicker, title):
            return kicker
    return None


# A kicker (引题) over the headline is a phrase of its own: longer than a column's name, without the marks of a
# breadcrumb or a menu.
_MIN_KICKER = 8
_CRUMB = re.compile(r"[>»›|｜/]|首页|当前位置|您的位置")


def _kicker(title_element: HtmlElement) -> str | None:
    """The short block right before the headline (empty elements skipped), when it holds a phrase and no link."""
    for sibling in title_element.itersiblings(preceding=True):
        if not isinstance(sibling.tag, str):
            continue
        text = normalize_line(sibling.text_content())
        if not text:
            continue
        if (sibling.tag in ("p", "div", "span", "h2", "h3", "h4") and len(title_key(text)) >= _MIN_KICKER
                and next(sibling.iter("a", "img"), None) is None and not _CRUMB.search(text)
                and not in_navigation(sibling) and not _SENTENCE_END.search(text)):
            return text
        return None
    return None
