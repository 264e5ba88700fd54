"""The article's title: ArticleTitle meta, a metadata table, a selector, else the visible element that best
agrees with <title>, og:title and the list entry's title (title_candidates.py), else fallbacks.

The most prominent heading of a page is often the site's or the department's name, and <title> carries the
site's name around the article's; neither is taken on its own.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

from lxml.html import HtmlElement

from crawler.extract.text import normalize_line
from crawler.extract.title_candidates import HEADINGS, Reference, factor, title_key, visible_candidates


@dataclass
class TitleChoice:
    text: str | None
    element: HtmlElement | None = None  # the visible element holding it, when one does
    how: str = ""


_TRUNCATION = ("...", "…", "..")
# Meta tags that name the article's title: the government convention first (written per article by the CMS),
# then Open Graph and Twitter cards, then schema.org's headline.
_GOV_META = "articletitle"
_OTHER_META = ("og:title", "twitter:title", "headline", "title")
# A visible candidate must cover at least this share of <title> (or 4 characters) to be taken for the title:
# below it, it is a column or site name that happens to be a segment of <title>. Calibrated on a learned
# society's "新闻动态--学会官网" (the column link covers under a third) against titles with long site suffixes
# ("关于放假的通知_某省科学技术厅门户网站": the title covers 0.4).
_MIN_COVER = 0.3
_MAX_FALLBACK_HEADING = 100
# The name of a department or site, not an article's title: "某某省科学技术厅", "某某市人民政府门户网站".
_ORG_NAME = re.compile(
    r"^[\u4e00-\u9fff（）()·]{2,24}(?:人民政府|政府|委员会|办公厅|办公室|厅|局|委|部|署|院|中心|门户网站|网站|网)$"
)
_ARTICLE_WORDS = re.compile(r"关于|通知|公告|通告|意见|办法|决定|会议|召开|举行|印发")


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
    for element in HEADINGS(root):
        position = order.get(element)
        if position is None or position >= limit:
            continue
        text = normalize_line(element.text_content())
        key = title_key(text)
        if not 4 <= len(key) <= _MAX_FALLBACK_HEADING or key in excluded or factor(element) < 1.0:
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
        if how == "visible" and order is not None and _names_the_site(chosen, html_title, meta):
            later = _heading_after(root, order(), element, body_anchor, [chosen, meta.get("sitename", "")])
            if later is not None:
                return TitleChoice(normalize_line(later.text_content()), later, "heading")
        return TitleChoice(chosen, element, how)
    return TitleChoice(None)


def _names_the_site(text: str, html_title: str, meta: Mapping[str, str]) -> bool:
    """A visible "title" that is all of a <title> without separators (or the SiteName meta) and reads as the name
    of a department or site: the page's letterhead heading, when <title> names only the site."""
    key = title_key(text)
    whole = key in (title_key(html_title), title_key(meta.get("sitename", "")))
    return whole and bool(_ORG_NAME.match(key)) and not _ARTICLE_WORDS.search(key)


def _heading_after(root: HtmlElement, order: Mapping[HtmlElement, int], start: HtmlElement | None,
                   anchor: HtmlElement | None, exclude: Sequence[str]) -> HtmlElement | None:
    """The last heading before the body that comes after the site's name (the article's own heading)."""
    heading = heading_before(root, order, anchor, exclude)
    if heading is None or start is None:
        return heading
    return heading if order.get(heading, -1) > order.get(start, len(order)) else None
