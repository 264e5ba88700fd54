"""The article's title: the visible element that best agrees with <title>, the title meta tags and the list entry.

A page's <title> is the article title wrapped in site furniture ("标题－某某委员会", "标题_栏目_网站名",
"网站名--标题"), and its most prominent heading is often the site's or the department's name. Neither is
the title on its own; the title is the visible text that *is a whole segment* of <title> (or of og:title,
or of the title the list page gave the link), and of those the one that covers most of it.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
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
_HEADINGS = etree.XPath(
    "//*[self::h1 or self::h2 or self::h3 or self::h4 or self::h5 or self::h6"
    " or contains(translate(@class, 'TITLE', 'title'), 'title') or contains(translate(@id, 'TITLE', 'title'), 'title')]"
)
# Where the candidate sits in a reference: the whole of it, its leading part, its trailing part, a middle part.
_WEIGHT_WHOLE, _WEIGHT_LEADING, _WEIGHT_TRAILING, _WEIGHT_MIDDLE = 1.0, 0.9, 0.8, 0.6
_WEIGHT_CONTINUES = 0.7
# A heading that continues a reference cut short (<title> or a list title truncated, with or without "…"):
# only when at least this much of it agrees.
_MIN_TRUNCATED_PREFIX = 8
_MAX_TITLE = 300
# Links and site chrome (menus, breadcrumbs, footers) hold the site's and columns' names, not article titles.
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


@dataclass
class TitleChoice:
    text: str | None
    element: HtmlElement | None = None  # the visible element holding it, when one does
    how: str = ""


def _factor(element: HtmlElement) -> float:
    factor = 1.0
    if element.tag == "a" or next(element.iterancestors("a"), None) is not None:
        factor *= _LINK_FACTOR
    if in_navigation(element):
        factor *= _CHROME_FACTOR
    if _HIDDEN.search(element.get("style") or ""):
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
        score = agreement * covered * _factor(element)
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
        # Climb while the element's whole text still occurs in a reference: "<p><strong>全国…委员会<br>关于…决议
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


_TRUNCATION = ("...", "…", "..")
# Meta tags that name the article's title: the government convention first (written per article by the CMS),
# then Open Graph and Twitter cards, then schema.org's headline.
_GOV_META = "articletitle"
_OTHER_META = ("og:title", "twitter:title", "headline", "title")
# A visible candidate must cover at least this share of <title> (or 4 characters) to be taken for the title:
# below it, it is a column or site name that happens to be a segment of <title> (新闻动态--中国地理学会官网).
_MIN_COVER = 0.3
_MAX_FALLBACK_HEADING = 100


def _untruncated(chosen: str | None, others: Sequence[str | None]) -> str | None:
    """A title cut short with "..." gives way to a longer candidate that starts with the same words."""
    if not chosen or not chosen.endswith(_TRUNCATION):
        return chosen
    stem = chosen.rstrip(".… ")
    longer = [c for c in others if c and c.startswith(stem) and not c.endswith(_TRUNCATION)]
    return max(longer, key=len) if longer else chosen


def _segments(html_title: str) -> list[str]:
    parts = re.split(r"\s*(?:--|__|_|\||｜|-|–|—|::)\s*|\s+-\s+", html_title)
    return [p.strip() for p in parts if p and p.strip()]


def heading_before(root: HtmlElement, order: Mapping[HtmlElement, int], anchor: HtmlElement | None,
                   exclude: Sequence[str]) -> HtmlElement | None:
    """The last heading (h1–h6, or an element of class "title") before the body that is not navigation, a link,
    or the site's name; the first such heading when there is no body to measure from."""
    limit = order.get(anchor, len(order)) if anchor is not None else len(order)
    found: HtmlElement | None = None
    excluded = {title_key(e) for e in exclude if e}
    for element in _HEADINGS(root):
        position = order.get(element)
        if position is None or position >= limit:
            continue
        text = normalize_line(element.text_content())
        key = title_key(text)
        if not 4 <= len(key) <= _MAX_FALLBACK_HEADING or key in excluded or _factor(element) < 1.0:
            continue
        found = element
        if anchor is None:
            break
    return found


def choose_title(root: HtmlElement, meta: Mapping[str, str], html_title: str, *, table: str | None = None,
                 selector: str | None = None, hint: str | None = None,
                 order: Callable[[], Mapping[HtmlElement, int]] | None = None,
                 body_anchor: HtmlElement | None = None) -> TitleChoice:
    """The article title, and the visible element holding it (whose following lines are the byline).

    Order: ArticleTitle meta (per article, machine-written), the metadata table's 标题, an operator's selector,
    the visible element agreeing best with <title>/og:title/the list entry's title, og:title, the last heading
    before the body, <title>'s first segment. A choice cut short with "..." gives way to a longer candidate.
    """
    gov = normalize_line(meta.get(_GOV_META, "")) or None
    other = next((normalize_line(meta[k]) for k in _OTHER_META if normalize_line(meta.get(k, ""))), None)
    hint = normalize_line(hint or "") or None
    references = [r for r in (html_title, other, gov, hint) if r]
    candidates = visible_candidates(root, references)
    title_cover = len(Reference.of(html_title).key) if html_title else 0
    minimum = max(4.0, _MIN_COVER * title_cover)
    strong = [c for c in candidates if c[0] >= minimum]
    visible = strong[0] if strong else None

    def element_for(text: str) -> HtmlElement | None:
        key = title_key(text)
        return next((el for _, t, el in candidates if title_key(t) == key), visible[2] if visible else None)

    ranked: list[tuple[str | None, str]] = [(gov, "meta"), (table, "table"), (selector, "selector"),
                                            (visible[1] if visible else None, "visible"), (other, "og-meta")]
    fallback = None
    if visible is None and order is not None:
        excluded = [meta.get("sitename", ""), *_segments(html_title)[1:]]
        fallback = heading_before(root, order(), body_anchor, excluded)
    ranked.append((normalize_line(fallback.text_content()) if fallback is not None else None, "heading"))
    segments = _segments(html_title)
    ranked.append((max(segments[:1], key=len) if segments else None, "html-title"))
    for text, how in ranked:
        if not text:
            continue
        chosen = _untruncated(text, [t for t, _ in ranked] + [t for _, t, _ in candidates])
        assert chosen is not None
        element = fallback if how == "heading" else element_for(chosen)
        return TitleChoice(chosen, element, how)
    return TitleChoice(None)
