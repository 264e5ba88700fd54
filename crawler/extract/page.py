"""One parsed article page, shared by every extraction layer: tree, meta tags, visible lines."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from cssselect import HTMLTranslator
from cssselect.parser import SelectorError
from lxml import etree
from lxml.html import HtmlElement, document_fromstring

from crawler.extract.decode import decode_html
from crawler.extract.labels import has_bracket_label
from crawler.extract.text import BLOCK_TAGS, normalize_line, render_lines

# lxml refuses str input that still carries an XML encoding declaration.
_XML_DECL = re.compile(r"^\s*<\?xml[^>]*\?>", re.I)
_EMPTY_PAGE = "<html><body></body></html>"
_COLON_TEXT = etree.XPath(
    '//body//text()[contains(., "：") or contains(., ":") or contains(., "】")][not(ancestor::script or ancestor::style)]'
)
# The smallest element that reads as one line or cell of text around a label.
_LINE_BLOCKS = BLOCK_TAGS | {"td", "th", "tr", "body"}


def _enclosing_block(text_node: Any) -> HtmlElement | None:
    element = text_node.getparent()
    if element is not None and text_node.is_tail:
        element = element.getparent()
    while element is not None and element.tag not in _LINE_BLOCKS:
        element = element.getparent()
    return element


class SelectorSyntaxError(ValueError):
    """A per-source CSS selector does not parse; fix it in the source catalogue."""


@dataclass
class Page:
    url: str
    source: str  # decoded HTML, for markers that only exist as comments in the raw text
    root: HtmlElement
    meta: dict[str, str]  # lowercased <meta name> → first non-empty content
    _lines: list[str] | None = field(default=None, repr=False)
    _order: dict[HtmlElement, int] | None = field(default=None, repr=False)

    @property
    def lines(self) -> list[str]:
        """Visible lines that may hold a "label：value" (or "【label】value") pair: the blocks around every text node with
        a colon, rendered once and shared by the heuristic layers. Rendering the whole page instead
        costs more than all other layers together on table-heavy pages."""
        if self._lines is None:
            self._lines = []
            seen: set[HtmlElement] = set()
            for node in _COLON_TEXT(self.root):
                # A bracket without a colon counts only around a label: "【发布机构】…", not "【打印】".
                if "：" not in node and ":" not in node and not has_bracket_label(node):
                    continue
                block = _enclosing_block(node)
                if block is not None and block not in seen:
                    seen.add(block)
                    self._lines.extend(render_lines(block))
        return self._lines

    @property
    def order(self) -> dict[HtmlElement, int]:
        """Every node's position in document order (built once, on first use)."""
        if self._order is None:
            self._order = {node: i for i, node in enumerate(self.iter_all())}
        return self._order

    def iter_all(self) -> Iterator[HtmlElement]:
        """Every node in document order, including those under a second top-level <html> that libxml2 keeps
        beside the root when a saved page repeats the tag (XPath's "//" sees them; root.iter() does not)."""
        for top in (self.root, *self.root.itersiblings()):
            yield from top.iter()

    def select(self, css: str) -> list[HtmlElement]:
        return compiled_selector(css)(self.root)

    @property
    def html_title(self) -> str:
        node = self.root.find(".//title")
        return normalize_line(node.text_content()) if node is not None else ""


@lru_cache(maxsize=256)
def compiled_selector(css: str) -> etree.XPath:
    """CSS → compiled XPath, cached: a crawl applies the same few selectors to every page."""
    try:
        return etree.XPath(HTMLTranslator().css_to_xpath(css))
    except SelectorError as exc:
        raise SelectorSyntaxError(f"CSS selector {css!r} does not parse: {exc}") from exc


def _meta_map(root: HtmlElement) -> dict[str, str]:
    found: dict[str, str] = {}
    for node in root.iter("meta"):
        # itemprop (schema.org datePublished, headline…) names a value the way name and property do.
        name = (node.get("name") or node.get("property") or node.get("itemprop") or "").strip().lower()
        content = node.get("content")
        # Anti-bot wrappers add nameless meta tags holding megabyte tokens: only named ones count.
        if name and content and content.strip() and name not in found:
            found[name] = content.strip()
    return found


def parse_page(html: str | bytes, url: str) -> Page:
    """Parse once with lxml; every layer reads the same tree."""
    source = decode_html(html) if isinstance(html, bytes) else html
    text = _XML_DECL.sub("", source, count=1)
    try:
        root = document_fromstring(text or _EMPTY_PAGE)
    except etree.ParserError:  # whitespace-only or comment-only documents
        root = document_fromstring(_EMPTY_PAGE)
    return Page(url=url, source=source, root=root, meta=_meta_map(root))
