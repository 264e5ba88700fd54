"""ExtractedFields and extract_fields(): every field of an article page from one parse of its HTML."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from lxml.html import HtmlElement

from crawler.extract.amounts import find_amounts
from crawler.extract.attachments import Attachment, attachment_type, attachments_from_links
from crawler.extract.authors import credit_line_authors, dateline_authors, sign_off_authors
from crawler.extract.body import find_body
from crawler.extract.bodytrim import Trimmed, reprint_source, trim_body
from crawler.extract.byline import account_card, posted_by, read_byline
from crawler.extract.chrome import in_chrome
from crawler.extract.drafts import find_comment_channel, find_comment_deadline, is_draft
from crawler.extract.header import HeaderZone, header_after
from crawler.extract.labels import is_metadata_line
from crawler.extract.layers import collect_layers
from crawler.extract.page import Page, compiled_selector, parse_page
from crawler.extract.pubdates import meta_dates, meta_publication, structured_publication, time_element
from crawler.extract.resolve import Evidence, resolve
from crawler.extract.sanitize import sanitize_element
from crawler.extract.subtitle import find_subtitle
from crawler.extract.text import element_lines, normalize_line
from crawler.extract.titles import choose_title
from crawler.extract.topics import Taxonomy, match_topics
from crawler.util.china_time import CHINA_TZ
from crawler.util.urls import join_url

_ATTACHMENT_LABEL = re.compile(r"^(?:相关)?附件\s*\d*\s*[:：]?$")
# A draft says so in its title or in the opening of its text, not somewhere deep in a regulation.
_DRAFT_OPENING = 300


@dataclass
class ExtractedFields:
    title: str | None = None
    subtitle: str | None = None  # 副标题, or the heading shown right under the title
    published: datetime | None = None  # aware, Asia/Shanghai; a date-only value is local midnight
    written: date | None = None  # 成文日期
    source: str | None = None  # 来源 / 信息来源 / ContentSource
    author: str | None = None
    issuer: str | None = None  # 发文机构 / 发布机构
    doc_number: str | None = None  # 文号, normalized (浙科发〔2019〕12号)
    index_number: str | None = None  # 索引号
    validity: str | None = None  # 有效性
    topic_category: str | None = None  # 主题分类
    body_text: str = ""
    body_html: str = ""
    attachments: list[Attachment] = field(default_factory=list)
    comment_deadline: date | None = None
    comment_channel: str | None = None
    topics: list[str] = field(default_factory=list)
    amounts: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # why a value was chosen over a disagreeing one

    def to_json(self) -> dict[str, Any]:
        """JSON-ready dict: published as ISO 8601 with +08:00, dates as YYYY-MM-DD."""
        return {
            "title": self.title,
            "subtitle": self.subtitle,
            "published": self.published.astimezone(CHINA_TZ).isoformat() if self.published else None,
            "written": self.written.isoformat() if self.written else None,
            "source": self.source,
            "author": self.author,
            "issuer": self.issuer,
            "doc_number": self.doc_number,
            "index_number": self.index_number,
            "validity": self.validity,
            "body_text": self.body_text,
            "attachments": [a.to_json() for a in self.attachments],
            "comment_deadline": self.comment_deadline.isoformat() if self.comment_deadline else None,
            "topics": list(self.topics),
            "comment_channel": self.comment_channel,
            "amounts": list(self.amounts),
            "topic_category": self.topic_category,
            "body_html": self.body_html,
        }


def _attachments(page: Page, body: HtmlElement, selectors: Mapping[str, str]) -> list[Attachment]:
    """Body links first, then document links elsewhere on the page (MOST lists them under the body),
    then anything inside an operator-given attachments selector."""
    # Outside the body only links whose URL names a document count (cheap test first), and never site chrome.
    elsewhere = [a for a in page.root.iter("a") if attachment_type(a.get("href") or "") and not in_chrome(a)]
    links = list(body.iter("a")) + elsewhere
    found = attachments_from_links(links, page.url)
    css = selectors.get("attachments")
    if css:
        chosen = [a for el in page.select(css) for a in ([el] if el.tag == "a" else el.iter("a"))]
        known = {a.url for a in found}
        found += [a for a in attachments_from_links(chosen, page.url, any_link=True) if a.url not in known]
    return found


def _has_article_text(lines: list[str], title: str | None, attachments: list[Attachment]) -> bool:
    """Whether the body says something beyond the article's title and its header lines (发布日期：…), which
    is all a wrapper holds once a redesign moved the text out. A body that is only an attachment list is a
    notice whose text is its attachments, unless the title is in it too: then it is the wrapper of the whole
    article, and the text that belonged between the header and the attachments is missing."""
    with_title = bool(title) and any(line in title for line in lines)
    names = [a.name for a in attachments if a.name] if with_title else []

    def says_something(line: str) -> bool:
        if title and line in title or is_metadata_line(line):
            return False
        return not (names and (_ATTACHMENT_LABEL.match(line) or any(name in line for name in names)))

    return any(map(says_something, lines))


# A byline inside the text ("《某某》作者 张三" under a key-points box of four lines, a dateline under a
# gallery label) is within its first few lines.
_BYLINE_LINES = 8


def _body_author(trimmed: Trimmed) -> str | None:
    """Names in the credit lines cut off the body or standing among its first lines, else in its dateline or
    its closing sign-off."""
    lines = trimmed.lines
    for line in [*trimmed.cut_lead, *reversed(trimmed.cut_tail), *lines[:_BYLINE_LINES]]:
        names = credit_line_authors(line)
        if names:
            return names
    for line in lines[:_BYLINE_LINES]:
        names = dateline_authors(line)
        if names:
            return names
    return sign_off_authors(lines[-1]) if lines else None


_TITLE_SEPARATOR = re.compile(r"\s*(?:--|__|_|\||｜|－|—|–|\s-\s)\s*")


def _title_site(html_title: str | None) -> str | None:
    """The site's name, when <title> ends with one after a separator ("标题_栏目_某某市科学技术局")."""
    parts = [p for p in _TITLE_SEPARATOR.split(html_title or "") if p.strip()]
    return parts[-1].strip() if len(parts) >= 2 and 2 <= len(parts[-1].strip()) <= 30 else None


def _page_links(element: HtmlElement) -> frozenset[str]:
    """The texts of the body's links to other pages (files excluded: a list of attachments is the text's)."""
    texts = set()
    for anchor in element.iter("a"):
        href = anchor.get("href") or ""
        text = normalize_line(anchor.text_content())
        if text and href and not href.startswith(("#", "javascript", "mailto")) and not attachment_type(href, text):
            texts.add(text)
    return frozenset(texts)


def extract_fields(
    html: str | bytes,
    url: str,
    selectors: Mapping[str, str] | None = None,
    *,
    taxonomy: Taxonomy | None = None,
    title_hint: str | None = None,
) -> ExtractedFields:
    """All fields of an article page. Pure: no I/O; bytes are decoded with decode_html().

    title_hint is the title the list page gave the link, when crawling: one more reference the visible title
    must agree with."""
    selectors = selectors or {}
    page = parse_page(html, url)
    layers = collect_layers(page, selectors)
    body_css = selectors.get("body")
    body = find_body(page.root, compiled_selector(body_css) if body_css else None)
    title = choose_title(page.root, page.meta, page.html_title, table=layers.table.get("title"),
                         selector=layers.selector.get("title"), hint=title_hint, order=lambda: page.order,
                         body_anchor=body.anchor)
    zone = header_after(title.element, body.anchor) if title.element is not None else HeaderZone()
    subtitle = find_subtitle(title.text, title.element, layers.table.get("subtitle") or layers.text.get("subtitle"))
    rendered = element_lines(body.element)
    trimmed = trim_body(rendered, [title.text, subtitle], _page_links(body.element))
    lines = trimmed.lines
    evidence = Evidence(
        byline=read_byline(zone, url), body_author=_body_author(trimmed),
        account_author=lambda: posted_by(page.root) or account_card(page.root),
        reprint_source=reprint_source(lines, trimmed.cut_lead),
        meta_dates=meta_dates(page.meta),
        meta_published=meta_publication(page.meta) or structured_publication(page.root),
        time_element=time_element(page.root),
        site_names=[n for n in (page.meta.get("sitename"), page.meta.get("og:site_name"), _title_site(page.html_title))
                    if n],
        header_lines=list(zone.lines),
    )
    meta_url = (join_url(url, page.meta["url"]) or "") if page.meta.get("url") else ""
    resolved = resolve(layers, [url, meta_url], lines, evidence, title.text)
    attachments = _attachments(page, body.element, selectors)
    if lines and not _has_article_text(rendered, resolved.title, attachments):
        resolved.notes.append(f"body: the {body.strategy} holds only the title, header lines or attachment names")
        lines = []
    body_text = "\n".join(lines)
    result = ExtractedFields(
        title=resolved.title, subtitle=subtitle, published=resolved.published, written=resolved.written,
        source=resolved.source, author=resolved.author, issuer=resolved.issuer,
        doc_number=resolved.doc_number, index_number=resolved.index_number, validity=resolved.validity,
        topic_category=resolved.topic_category, body_text=body_text, notes=resolved.notes,
    )
    result.attachments = attachments
    result.body_html = sanitize_element(body.element, url) if lines else ""
    if is_draft(result.title, body_text[:_DRAFT_OPENING]):
        reference = result.published.date() if result.published else None
        result.comment_deadline = find_comment_deadline(body_text, reference)
        result.comment_channel = find_comment_channel(body_text)
    # The editors' Keywords meta is topic evidence too; Description only repeats the opening.
    topic_text = f"{result.title or ''}\n{page.meta.get('keywords', '')}\n{body_text}"
    result.topics = match_topics(topic_text, taxonomy)
    result.amounts = find_amounts(f"{result.title or ''}\n{body_text}")
    if body.strategy in ("density", "none"):
        result.notes.append(f"body: found by {body.strategy}; no known marker or container")
    return result
