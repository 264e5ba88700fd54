"""Title candidates: visible elements whose text is a whole segment of <title>, og:title or the list entry's
title, scored by how much of it they cover and where.

A page's <title> is the article title wrapped in site furniture ("标题－某某委员会", "标题_栏目_网站名",
"网站名--标题"); the title is the visible text that *is a whole segment* of it, and of those the one that
covers most of it: the site's name is a segment too, but a shorter one, and it sits in a link or a header.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from lxml import etree
from lxml.html import HtmlElement

from crawler.extract.chrome import in_navigation
from crawler.extract.text import compat_normalize, normalize_line

# What separates the parts of a <title>: the article title ends or starts at one of these (or at a space).
SEPARATORS = frozenset("-_|–—―·•:：/\\>»«<~｜丨")
_WS = " \t\r\n\u3000\u00a0"
# A whitespace run, one separator, or a run of anything else.
_SEGMENT_PIECE = re.compile("\\s+|[" + re.escape("".join(sorted(SEPARATORS))) + "]|[^\\s" + re.escape(
    "".join(sorted(SEPARATORS))) + "]+")
_ELLIPSIS = re.compile(r"(?:\.{2,}|…+)$")
# Text nodes that occur in one of the references (joined by "\n", which no text can contain once whitespace
# is removed): the containment test runs inside libxml2, once per text node, so only the few nodes that could
# be part of a title reach Python. A title broken into pieces (<br>, <em>) has at least one piece of 4
# characters, from which the climb reaches the whole. Not "//body//": some saved pages hold a second <html>
# outside the body.
_AGREEING_TEXT = etree.XPath(
    "//text()[not(parent::script or parent::style or parent::title or parent::option or parent::textarea)]"
    f"[string-length(translate(., '{_WS}', '')) >= 4][contains($refs, translate(., '{_WS}', ''))]"
)
# Headings that may hold a title longer than a truncated <title> (a cheap path expression: it runs on every page).
_HEADING_ELEMENTS = etree.XPath("//h1 | //h2 | //h3 | //h4 | //h5 | //h6")
# Headings and title-like elements, for the fallback when nothing agrees with <title>.
HEADINGS = etree.XPath(
    "//*[self::h1 or self::h2 or self::h3 or self::h4 or self::h5 or self::h6"
    " or contains(translate(@class, 'TITLE', 'title'), 'title') or contains(translate(@id, 'TITLE', 'title'), 'title')]"
)
# Where the candidate sits in a reference: the whole of it, its leading part, its trailing part, a middle part.
# Chinese sites put the title first and their names after it ("标题_栏目_网站名"); a few put the site first
# ("网站名--标题"); a middle segment is a column name. The weights only order candidates of similar length:
# the covered length decides between a title and a site name.
_WEIGHT_WHOLE, _WEIGHT_LEADING, _WEIGHT_TRAILING, _WEIGHT_MIDDLE = 1.0, 0.9, 0.8, 0.6
_WEIGHT_CONTINUES = 0.7
# A heading that continues a reference cut short (<title> or a list title truncated, with or without "…"):
# only when at least this much of it agrees.
_MIN_TRUNCATED_PREFIX = 8
_MAX_TITLE = 300
# Links and navigation (menus, breadcrumbs, footers) hold the site's and columns' names, not article titles, and
# a hidden copy (a share box's title) is the title only when nothing visible is: each factor halves or more a
# candidate's score, so that a column link equal to <title>'s first segment loses to the article's heading.
_LINK_FACTOR, _CHROME_FACTOR, _HIDDEN_FACTOR = 0.5, 0.3, 0.7
_HEADING_TAGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})
_HIDDEN = re.compile(r"display\s*:\s*none", re.I)
_WS_RUN = re.compile(f"[{_WS}]+")
# Templates indent markup generously: a title element's text may be this many times its length in whitespace.
_MAX_CLIMB_FACTOR = 8
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def title_key(text: str) -> str:
    """Whitespace-free, compatibility-normalized, lowercased: how two spellings of one title compare."""
    return re.sub(r"\s+", "", compat_normalize(text)).lower()


@dataclass(frozen=True)
class Reference:
    """A text the title must agree with, as a key plus the key offsets where a segment may begin or end."""

    key: str
    bounds: frozenset[int]

    @classmethod
    def of(cls, text: str) -> Reference:
        normalized = compat_normalize(text).lower()
        bounds = {0}
        chars: list[str] = []
        size = 0
        # Runs of text between whitespace and separators: a segment may begin or end at either side of each.
        for match in _SEGMENT_PIECE.finditer(normalized):
            piece = match.group()
            if piece[0].isspace():
                bounds.add(size)
                continue
            if piece in SEPARATORS:
                bounds.add(size)
                bounds.add(size + 1)
            chars.append(piece)
            size += len(piece)
        bounds.add(size)
        return cls("".join(chars), frozenset(bounds))

    def agreement(self, key: str, heading: bool = False) -> tuple[float, int]:
        """How the candidate sits in this reference, and how much of the reference it covers: weight 1.0 for
        the whole, 0.9 a leading segment, 0.8 a trailing one, 0.6 a middle one, 0.7 when the candidate
        continues a reference that was cut short ("…", or any heading: <title>s are cut at a fixed length);
        (0, 0) when it is not a whole segment of it."""
        if not key or not self.key:
            return 0.0, 0
        if key == self.key:
            return _WEIGHT_WHOLE, len(key)
        cut = _ELLIPSIS.sub("", self.key)
        if (heading or cut != self.key) and len(key) > len(cut) >= _MIN_TRUNCATED_PREFIX and key.startswith(cut):
            return _WEIGHT_CONTINUES, len(cut)
        best = 0.0
        start = self.key.find(key)
        while start >= 0:
            end = start + len(key)
            if start in self.bounds and end in self.bounds:
                weight = (_WEIGHT_LEADING if start == 0 else _WEIGHT_TRAILING if end == len(self.key)
                          else _WEIGHT_MIDDLE)
                best = max(best, weight)
            start = self.key.find(key, start + 1)
        return best, len(key) if best else 0


def factor(element: HtmlElement) -> float:
    factor = 1.0
    if element.tag == "a" or next(element.iterancestors("a"), None) is not None:
        factor *= _LINK_FACTOR
    if in_navigation(element):
        factor *= _CHROME_FACTOR
    # Hidden by itself or by a block around it (<div style="display:none"><h1>…</h1></div>, a share box's copy).
    if any(_HIDDEN.search(node.get("style") or "") or node.get("hidden") is not None
           for node in (element, *element.iterancestors())):
        factor *= _HIDDEN_FACTOR
    return factor


def visible_candidates(root: HtmlElement, references: Sequence[str]) -> list[tuple[float, str, HtmlElement]]:
    """(score, text, element) of visible elements agreeing with a reference, best first.

    The score is the length of reference covered times the position weight and the link/chrome factors: the
    title covers most of <title>, while the site name (also a segment of it) is shorter and sits in a header."""
    refs = [Reference.of(r) for r in references if r]
    # An XPath variable must be XML-compatible text: control characters and lone surrogates cannot pass.
    raw = _NOT_XML.sub("", "\n".join(_WS_RUN.sub("", r) for r in references if r))
    if not refs or not raw:
        return []
    scored: dict[str, tuple[float, str, HtmlElement]] = {}

    def consider(element: HtmlElement, text: str) -> None:
        key = title_key(text)
        if not 4 <= len(key) <= _MAX_TITLE:
            return
        heading = element.tag in _HEADING_TAGS
        agreement, covered = max(ref.agreement(key, heading) for ref in refs)
        if agreement <= 0:
            return
        score = agreement * covered * factor(element)
        # The same text twice: the better scoring, else a heading over another element (a share box repeating the
        # headline), else the first in the page (the headline before a copy of it inside the body); in nested
        # elements (<h1><strong>…</strong></h1>) the outermost, seen last when climbing.
        held = scored.get(key)
        if held is None or score > held[0] or (score == held[0] and (
                element in held[2].iterancestors() or (heading and held[2].tag not in _HEADING_TAGS))):
            scored[key] = (score, text, element)

    seen: set[HtmlElement] = set()
    for node in _AGREEING_TEXT(root, refs=raw):
        element = node.getparent()
        if node.is_tail and element is not None:
            element = element.getparent()
        # Climb while the element's whole text still occurs in a reference: "<p><strong>某某委员会<br>关于…的决议
        # </strong></p>" is one title over several text nodes.
        while element is not None and element not in seen and isinstance(element.tag, str):
            seen.add(element)
            content = element.text_content()
            # A block many times longer than every reference cannot be one of them, whatever its whitespace:
            # stop before cleaning the text of a whole article container.
            if len(content) > _MAX_CLIMB_FACTOR * len(raw) or _WS_RUN.sub("", content) not in raw:
                break
            consider(element, normalize_line(content))
            element = element.getparent()
    for element in _HEADING_ELEMENTS(root):
        if element not in seen:
            consider(element, normalize_line(element.text_content()))
    return sorted(scored.values(), key=lambda item: -item[0])
