"""What every family's list shows: articles and non-article entries in order, paging, redesigned markup."""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import datetime
from html import escape

from simulator.content import Article
from simulator.corpus import Corpus
from simulator.site_model import SiteColumn


@dataclass(frozen=True)
class ListEntry:
    """One row of a list: an article of the source, or a link elsewhere (article is None)."""

    title: str
    href: str  # a site path for on-site targets, an absolute URL for off-site ones
    published: datetime
    article: Article | None = None

    @property
    def day(self) -> str:
        return self.published.strftime("%Y-%m-%d")

    def absolute(self, base_url: str) -> str:
        return self.href if "://" in self.href else base_url + self.href


def entries(corpus: Corpus, source: SiteColumn) -> list[ListEntry]:
    """The source's list, newest first; pinned articles (Lonsun) come before the dated order."""
    articles = corpus.articles(source.id)
    pinned = corpus.pinned(source.id)
    rows = [ListEntry(a.title, a.path, a.published, a) for a in articles if a.id not in pinned]
    rows += [ListEntry(e.title, e.url, e.published) for e in corpus.extras(source.id)]
    rows.sort(key=lambda r: r.published, reverse=True)
    top = [ListEntry(a.title, a.path, a.published, a) for a in articles if a.id in pinned]
    return top + rows


def page_count(total: int, per_page: int) -> int:
    """Pages of a list; an empty list still has its first page."""
    return max(1, math.ceil(total / per_page))


def page_rows(rows: list[ListEntry], page: int, per_page: int) -> list[ListEntry]:
    """Rows of 1-based page `page`."""
    return rows[(page - 1) * per_page: page * per_page]


def redesigned(rows: list[ListEntry], base_url: str = "") -> str:
    """The same entries after a redesign: div.news-box > p instead of ul > li, every class renamed.

    `base_url`: make on-site links absolute, as the family's normal list does."""
    items = "".join(
        f'<p class="news-item"><a href="{escape(r.absolute(base_url) if base_url else r.href)}"'
        f' title="{escape(r.title)}" target="_blank">{escape(r.title)}</a>'
        f'<em class="news-date">{r.day}</em></p>\n'
        for r in rows
    )
    return f'<div class="news-box">\n{items}</div>'
