"""Cross-checking the layers field by field: the most trustworthy value wins, and why is noted."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime

from crawler.extract.authors import clean_author, is_outlet
from crawler.extract.byline import Byline, YearlessDate
from crawler.extract.dates import DateHit, date_from_url, find_date
from crawler.extract.docnumber import is_doc_number_line, normalize_doc_number
from crawler.extract.layers import Layers
from crawler.extract.values import clean_field_value, without_placeholder
from crawler.util.china_time import CHINA_TZ

# A candidate written with a time of day beats the same day written without one.
_PRECISION = {"month": 0, "day": 1, "minute": 2, "second": 3}
# A 文号 printed under the title sits in the first few lines of a policy document.
_DOC_NUMBER_LINES = 6


@dataclass
class Evidence:
    """What the page says around its text, beyond the four layers: the byline under the title, the authors
    and reprint origin named in the body's own lines, machine-readable dates, and who owns the site."""

    byline: Byline = field(default_factory=Byline)
    body_author: str | None = None  # from a credit line, dateline or sign-off of the body
    reprint_source: str | None = None  # "（来源：某某政府网）" closing the body
    # A blog's "posted @ DATE NAME" footer, a self-media account card: looked for (in the whole page) only when
    # nothing before it names the author.
    account_author: Callable[[], str | None] = lambda: None
    meta_dates: list[DateHit] = field(default_factory=list)  # publication metas first, then modification ones
    meta_published: DateHit | None = None
    time_element: DateHit | None = None
    site_names: list[str] = field(default_factory=list)  # SiteName, og:site_name…
    header_lines: list[str] = field(default_factory=list)  # the lines between the title and the body


@dataclass
class Resolved:
    title: str | None = None
    published: datetime | None = None
    written: date | None = None
    source: str | None = None
    author: str | None = None
    issuer: str | None = None
    doc_number: str | None = None
    index_number: str | None = None
    validity: str | None = None
    topic_category: str | None = None
    notes: list[str] = field(default_factory=list)


def first(*values: str | None) -> str | None:
    return next((v for v in values if v), None)


def _first_hit(*values: str | None) -> DateHit | None:
    for value in values:
        hit = find_date(value)
        if hit:
            return hit
    return None


def _more_precise(a: DateHit, b: DateHit) -> DateHit:
    return b if _PRECISION[b.precision] > _PRECISION[a.precision] else a


def _completed(yearless: YearlessDate, candidates: Sequence[DateHit | None]) -> datetime | None:
    """A byline's month, day and time with the year of a full date that falls on the same month and day; a
    two-digit year ("18-03-08") stands on its own when nothing else gives the century."""
    for hit in candidates:
        if hit is None or (hit.day.month, hit.day.day) != (yearless.month, yearless.day):
            continue
        if yearless.year2 is None or hit.day.year % 100 == yearless.year2:
            return hit.value.replace(hour=yearless.hour, minute=yearless.minute, second=0)
    if yearless.year2 is not None:
        try:
            return datetime(2000 + yearless.year2, yearless.month, yearless.day, yearless.hour, yearless.minute,
                            tzinfo=CHINA_TZ)
        except ValueError:
            return None
    return None


def resolve_published(layers: Layers, urls: Sequence[str], notes: list[str],
                      evidence: Evidence | None = None) -> datetime | None:
    """The date the page shows at the article, cross-checked with the publication meta tags.

    Trust, highest first: the metadata table or an operator's selector; the byline under the title (labelled
    发布时间, then a date standing alone there); a labelled 发布日期 elsewhere on the page; the publication
    meta tags (PubDate, article:published_time…); a <time> element; the date in the URL. Never a date from a
    sidebar list, a copyright line or a "today is" clock: those are neither labelled nor under the title.

    Same day on the page and in the meta: the more precise one wins (10:31:54 on the page over the meta's
    10:31). Different days: a date at the article wins, because the meta PubDate is stamped when the CMS
    regenerates or re-publishes a page (one provincial regulator's meta says 2025-09-10 for an item dated
    2025-08-20 on the page and in its column list); a labelled date away from the title loses to the meta,
    because it may belong to another item on the page.
    """
    evidence = evidence or Evidence()
    byline = evidence.byline
    meta = evidence.meta_published or _first_hit(layers.meta.get("published"))
    strong = _first_hit(layers.table.get("published"), layers.selector.get("published"))
    at_article = strong or byline.published
    elsewhere = _first_hit(layers.text.get("published"))
    if at_article and meta:
        if at_article.day == meta.day:
            return _more_precise(at_article, meta).value
        notes.append(f"published: page shows {at_article.day}, meta PubDate says {meta.day}; used the page")
        return at_article.value
    if at_article:
        return at_article.value
    if elsewhere and meta:
        if elsewhere.day == meta.day:
            return _more_precise(elsewhere, meta).value
        notes.append(f"published: a labelled date away from the title says {elsewhere.day}, the meta says "
                     f"{meta.day}; used the meta")
        return meta.value
    if elsewhere or meta:
        return (elsewhere or meta).value  # type: ignore[union-attr]
    url_hits = [date_from_url(url) if url else None for url in urls]
    if byline.yearless is not None:
        completed = _completed(byline.yearless, [*evidence.meta_dates, evidence.time_element, *url_hits])
        if completed is not None:
            notes.append("published: the byline's month, day and time, with the year of a matching full date")
            return completed
    if evidence.time_element is not None:
        return evidence.time_element.value
    for hit in url_hits:
        if hit:
            notes.append(f"published: taken from the URL ({hit.precision} precision)")
            return hit.value
    return None


def _written(layers: Layers) -> date | None:
    hit = _first_hit(layers.table.get("written"), layers.text.get("written"))
    return hit.day if hit else None


_ORDER_NUMBER_LINE = re.compile(
    r"^[（(]?\s*(?:第\s*(?:\d{1,5}|[零〇一二三四五六七八九十百千两]{1,8})|(?:19|20)\d{2}\s*年\s*第?\s*\d{1,5})\s*号\s*[）)]?$"
)


# A 文号 closing the title in brackets: "某某局关于印发某某办法的通知（某发〔2024〕5号）".
_TITLE_END_BRACKETS = re.compile(r"[（(]\s*([^（()）]{4,40})\s*[）)]\s*$")
_TITLE_NOTICE = re.compile(
    r"^(?:(?P<agency>[\u4e00-\u9fff][\u4e00-\u9fff \u3000、]{1,40}?)?关于.*的)?(?P<kind>公告|通告)\s*[（(]\s*"
    r"(?P<number>(?:19|20)\d{2}\s*年\s*第?\s*\d{1,5}\s*号)\s*[）)]\s*$"
)


def resolve_doc_number(layers: Layers, body_lines: Sequence[str], header_lines: Sequence[str] = (),
                       title: str | None = None) -> str | None:
    """Labelled 文号 first; else a short line near the top of the body that is one, or one set between the title
    and the body (the centred line under a heading, above the byline); else one closing the title in brackets
    (not one inside it: "关于转发《…》（国发〔2024〕1号）的通知" cites another document)."""
    labelled = normalize_doc_number(first(layers.table.get("doc_number"), layers.selector.get("doc_number"),
                                          layers.text.get("doc_number")))
    if labelled:
        return labelled
    top = list(body_lines[:_DOC_NUMBER_LINES])
    for index, line in enumerate(top):
        found = is_doc_number_line(line)
        if found:
            return found
        # The order's name is the title and its number opens the body: "某某部令" over "第四十三号".
        if index == 0 and title and title.endswith("令") and _ORDER_NUMBER_LINE.match(line):
            found = is_doc_number_line(title + line)
            if found:
                return found
        # An order's header set on two lines: "中华人民共和国主席令" above "第四十三号" (or "（第四十三号）",
        # "2024年第3号").
        if line.endswith("令") and index + 1 < len(top) and _ORDER_NUMBER_LINE.match(top[index + 1]):
            found = is_doc_number_line(line + top[index + 1])
            if found:
                return found
    for line in header_lines:
        found = is_doc_number_line(line)
        if found:
            return found
    at_end = _TITLE_END_BRACKETS.search(title or "")
    if not at_end or not title:
        return None
    found = is_doc_number_line(at_end.group(1))
    if found:
        return found
    # The number closes a title that is an order's or notice's name: "某某部令（第四十三号）",
    # "某某局公告（2024年第3号）"; or a notice "关于…的公告（2024年第3号）" numbered by its agencies, named
    # before 关于: 某某局公告2024年第3号, 某某部 某某总局公告2024年第3号.
    notice = _TITLE_NOTICE.match(title)
    if notice:
        agency = notice.group("agency") or ""
        return normalize_doc_number(agency + notice.group("kind") + notice.group("number"))
    return is_doc_number_line(title)


def _is_site_owner(value: str, site_names: Sequence[str]) -> bool:
    return any(name and (value in name or name in value) for name in site_names)


def resolve_source(layers: Layers, evidence: Evidence, notes: list[str]) -> str | None:
    """来源 as the page states it: the metadata table (and Hanweb's field marker), a selector, the byline; then
    the ContentSource meta, unless it only names the site's owner while the body closes with the origin of a
    reprint ("（来源：某某政府网）"); then a labelled 来源 elsewhere on the page."""
    table, selector, meta = layers.table, layers.selector, layers.meta
    at_article = first(clean_field_value(table.get("source")), clean_field_value(selector.get("source")),
                       evidence.byline.source)
    if at_article:
        return at_article
    content_source = clean_field_value(meta.get("source"))
    reprint = evidence.reprint_source
    if reprint and (not content_source or _is_site_owner(content_source, evidence.site_names)):
        if content_source:
            notes.append(f"source: ContentSource names the site's owner ({content_source}); the body names the "
                         f"origin {reprint}")
        return reprint
    shown = clean_field_value(layers.text.get("source"))
    if shown and content_source and shown != content_source and _is_site_owner(content_source, evidence.site_names):
        # A ContentSource meta naming the site's owner while the page shows another 来源 (a reprint): the
        # page's own words win over a hidden tag the template fills with the owner.
        notes.append(f"source: ContentSource names the site's owner ({content_source}); the page shows {shown}")
        return shown
    # Last, the outlet a credit line names as the writer ("文/某某IT" under a reposted text): its origin.
    # So is an outlet's account the header credits as the writer ("某某新闻 企鹅号").
    credited = next((a for a in (evidence.body_author, evidence.byline.author) if is_outlet(a)), None)
    return first(content_source, shown, credited)


def resolve_author(layers: Layers, evidence: Evidence) -> str | None:
    """The byline's author, else the names the body's own credit lines give, else a labelled 作者 elsewhere.
    The Author meta tag is not read: government CMSs fill it with the account that entered the item
    (a workflow account), news sites with the site's name or a numeric id."""
    source = resolve_source(layers, evidence, [])

    def candidates() -> Iterator[str | None]:
        yield evidence.byline.author
        yield clean_author(layers.table.get("author"))
        yield evidence.body_author
        yield evidence.account_author()
        yield clean_author(layers.text.get("author"))

    # "作者：某某报" beside "来源：某某报": the outlet, named twice, is not an author.
    # An outlet credited as the writer ("文/某某IT") is no author either.
    return next((c for c in candidates() if c and c != source and not is_outlet(c)), None)


def resolve(layers: Layers, urls: Sequence[str], body_lines: Sequence[str], evidence: Evidence | None = None,
            title: str | None = None) -> Resolved:
    """All metadata fields. Layer order: meta tags, labelled tables (and Hanweb markers), per-source
    selectors, visible "label：value" text; dates, 来源 and authors follow their own rules below."""
    notes: list[str] = []
    evidence = evidence or Evidence()
    table, text = layers.table, layers.text
    return Resolved(
        title=title,
        published=resolve_published(layers, urls, notes, evidence),
        written=_written(layers),
        source=resolve_source(layers, evidence, notes),
        author=resolve_author(layers, evidence),
        issuer=first(without_placeholder(table.get("issuer")), without_placeholder(text.get("issuer"))),
        doc_number=resolve_doc_number(layers, body_lines, evidence.header_lines, title),
        index_number=first(table.get("index_number"), text.get("index_number")),
        validity=first(table.get("validity"), text.get("validity")),
        topic_category=first(table.get("topic_category"), text.get("topic_category")),
        notes=notes,
    )
