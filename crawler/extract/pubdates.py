"""Machine-readable publication dates: meta tags and <time> elements."""

from __future__ import annotations

import re

from lxml import etree
from lxml.html import HtmlElement

from crawler.extract.chrome import in_navigation
from crawler.extract.dates import DateHit, find_date

# Meta tags (lowercased name, property or itemprop) that carry the publication time, most specific first:
# the government convention, Open Graph/article, schema.org, Dublin Core, and the names Chinese news and
# government CMSs use. Modification times are not publication times and are not listed here.
PUBLICATION_META = (
    "pubdate", "article:published_time", "datepublished", "publishdate", "publish_date", "publishtime",
    "publish-date", "og:published_time", "og:release_date", "og:time", "firstpublishedtime",
    "weibo: article:create_at", "weibo:article:create_at", "dc.date.issued", "dcterms.issued", "dcterms.created",
    "dc.date.created", "dc.date", "sailthru.date", "parsely-pub-date", "ptime", "releasedate", "createdate",
)
# Only good enough to supply the year of a byline that omits it ("10-08 12:00"), never a date on their own.
OTHER_META = ("article:modified_time", "datemodified", "dateupdate", "lastmodifiedtime", "og:updated_time",
              "weibo: article:update_at", "htmlgeneratetime", "maketime")
_TIMES = etree.XPath("//time[@datetime or normalize-space(.)]")
# Structured data for search engines: schema.org's datePublished and the pubDate of Baidu's cambrian JSON-LD,
# which Chinese news and blog platforms embed in every article. Read with a pattern, so that a block that is
# not quite JSON (a trailing comma, a comment) still gives its date.
_JSON_LD = etree.XPath('//script[translate(normalize-space(@type), "LDJSON", "ldjson")="application/ld+json"]')
_JSON_LD_PUBLISHED = re.compile(r'"(?:datePublished|pubDate)"\s*:\s*"([^"]{6,40})"')


# Other names CMSs give the publication time (apub:time, pubtime, publish_time_str…): after the known ones.
_PUBLICATION_NAME = re.compile(r"pub|publish|release|issued|created?(?:_?at|date|time)", re.I)
_MODIFICATION_NAME = re.compile(r"modif|update|expire|generat|make|last", re.I)


def meta_publication(meta: dict[str, str]) -> DateHit | None:
    for key in PUBLICATION_META:
        hit = find_date(meta.get(key))
        if hit is not None:
            return hit
    for key, value in meta.items():
        if _PUBLICATION_NAME.search(key) and not _MODIFICATION_NAME.search(key):
            hit = find_date(value)
            if hit is not None:
                return hit
    return None


def structured_publication(root: HtmlElement) -> DateHit | None:
    """The publication date a JSON-LD block states, where no meta tag states one."""
    for script in _JSON_LD(root):
        for value in _JSON_LD_PUBLISHED.findall(script.text or ""):
            hit = find_date(value)
            if hit is not None:
                return hit
    return None


def meta_dates(meta: dict[str, str]) -> list[DateHit]:
    """Every date in publication and modification meta tags, publication ones first."""
    hits = [find_date(meta.get(key)) for key in (*PUBLICATION_META, *OTHER_META)]
    return [hit for hit in hits if hit is not None]


def time_element(root: HtmlElement) -> DateHit | None:
    """The first <time> outside navigation that holds a date (its datetime attribute, else its text); one
    marked as the publication time (pubdate, itemprop=datePublished) wins over the first."""
    first: DateHit | None = None
    for element in _TIMES(root):
        if in_navigation(element):
            continue
        hit = find_date(element.get("datetime")) or find_date(element.text_content())
        if hit is None:
            continue
        if element.get("pubdate") is not None or (element.get("itemprop") or "").lower() == "datepublished":
            return hit
        first = first or hit
    return first
