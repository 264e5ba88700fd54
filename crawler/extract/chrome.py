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


def in_navigation(element: HtmlElement) -> bool:
    """Whether the element or an ancestor is a menu, breadcrumb, footer or link bar (by tag, class or id)."""
    for node in (element, *element.iterancestors()):
        marks = f"{node.get('class', '')} {node.get('id', '')}"
        if node.tag in _NAVIGATION_TAGS or (marks.strip() and _NAVIGATION_MARKS.search(marks)):
            return True
    return False
