"""Site chrome: the menus, headers, footers and link bars around an article, never part of it."""

from __future__ import annotations

import re

from lxml.html import HtmlElement

_CHROME_MARKS = re.compile(
    r"(?:^|[\s_-])(?:nav|navbar|menu|footer|foot|fot|bottom|header|top|crumbs?|breadcrumb|yqlj|friend|links?)"
    r"(?:$|[\s_-])",
    re.I,
)
_CHROME_TAGS = frozenset({"nav", "footer", "header"})


def in_chrome(element: HtmlElement) -> bool:
    """Whether an ancestor of element is a menu, header, footer or link bar (by tag, class or id)."""
    for node in element.iterancestors():
        marks = f"{node.get('class', '')} {node.get('id', '')}"
        if node.tag in _CHROME_TAGS or (marks.strip() and _CHROME_MARKS.search(marks)):
            return True
    return False


# Navigation proper: menus, breadcrumbs, footers, link bars. Unlike in_chrome, "header"/"top" do not count:
# news templates wrap the article's own headline and byline in <header> or "article-header" blocks.
_NAVIGATION_MARKS = re.compile(
    r"(?:^|[\s_-])(?:nav|navbar|menu|footer|foot|fot|bottom|crumbs?|breadcrumb|position|location|yqlj|friend|links?)"
    r"(?:$|[\s_-])",
    re.I,
)
_NAVIGATION_TAGS = frozenset({"nav", "footer"})


# <body> and <html> carry page-wide classes ("discuss_tab", "nav-fixed") that say nothing about a part of it.
_PAGE_TAGS = frozenset({"body", "html"})


def _element_and_ancestors(element: HtmlElement) -> list[HtmlElement]:
    return [node for node in (element, *element.iterancestors()) if node.tag not in _PAGE_TAGS]


# A wrapper around the whole page may carry a "nav" class among its many (a template's layout flags): it is no
# menu when it holds running text, this many paragraphs of at least this length.
_WRAPPER_PARAGRAPHS, _PARAGRAPH_TEXT = 3, 40


def _holds_running_text(node: HtmlElement) -> bool:
    found = 0
    for para in node.iter("p"):
        if len(para.text_content().strip()) >= _PARAGRAPH_TEXT:
            found += 1
            if found >= _WRAPPER_PARAGRAPHS:
                return True
    return False


def in_navigation(element: HtmlElement) -> bool:
    """Whether the element or an ancestor is a menu, breadcrumb, footer or link bar (by tag, class or id)."""
    for node in _element_and_ancestors(element):
        if node.tag in _NAVIGATION_TAGS:
            return True
        marks = f"{node.get('class', '')} {node.get('id', '')}"
        if marks.strip() and _NAVIGATION_MARKS.search(marks) and not (node is not element and _holds_running_text(node)):
            return True
    return False


# Readers' comments under an article: often more text than the article, never part of it.
_COMMENT_MARKS = re.compile(r"(?:^|[\s_-])(?:comments?|cmt|cmts|replys?|replies|pinglun|discuss)(?:$|[\s_-])", re.I)


def in_comments(element: HtmlElement) -> bool:
    """Whether the element or an ancestor is a comment list or comment box (by class or id)."""
    for node in _element_and_ancestors(element):
        marks = f"{node.get('class', '')} {node.get('id', '')}"
        if marks.strip() and _COMMENT_MARKS.search(marks):
            return True
    return False
