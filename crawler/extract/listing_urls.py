"""URL helpers for the list extractor: resolving hrefs and telling article URLs from column URLs."""

from __future__ import annotations

import re
from functools import lru_cache
from urllib.parse import urlsplit

from crawler.util.urls import join_url, split_url

_SKIP_SCHEMES = ("javascript:", "mailto:", "tel:", "data:", "about:", "vbscript:")
_PATH_PATTERNS = [
    re.compile(p, re.I)
    for p in (
        r"/art/\d{4}/\d{1,2}/\d{1,2}/art_\d+_\d+\.s?html?$",  # Hanweb classic
        r"/art/\d{4}/art_[0-9a-f]{32}\.s?html?$",  # Hanweb jpaas (Zhejiang cloud)
        r"/t\d{8}_\d+\.s?html?$",  # TRS WCM
        r"/content/(?:post|mpost)_\d+\.s?html?$",  # Guangdong NFCMS
        r"/\d{4,}\.s?html?$",  # numeric ids, incl. NMPA's 17-digit timestamps
        r"/\d{6,8}/[\w-]+\.s?html?$",  # articles filed in YYYYMM(DD) folders
        # Date folders then an id folder or file: /2020-04/22/content_1.htm, /2020/0421/c1-2.html,
        # /20260913/<hex>/c.html (not an index page inside a date folder).
        r"/(?:19|20)\d{2}(?:[-/]?\d{2}){1,2}/(?:[\w-]{6,}/)?(?!(?:index|default|list)\b)[\w-]+\.s?html?$",
        r"\.(?:pdf|docx?|wps|xlsx?|et|zip|rar|7z|ofd|txt)$",  # attachments listed as entries
        r"/(?:detail|article|content)s?/[\w-]{6,}(?:\.s?html?)?$",
    )
]
# Dynamic detail pages: `newsDetail?id=…`, `show.jsp?articleId=…`.
_QUERY_PATTERN = re.compile(
    r"/(?:\w*detail|details|content|article|show|view|info|news)[\w-]*(?:\.\w+)?\?.*\b\w*id=\w", re.I
)
_WEIXIN_RE = re.compile(r"^https?://mp\.weixin\.qq\.com/s[/?]", re.I)
_NAV_LAST_SEGMENT = re.compile(r"^(?:index|default|list|main)(?:_\d+)?\.\w+$", re.I)
_COLUMN_RE = re.compile(r"/col/col\d+(?:/|$)(?!.*\bart_)", re.I)
# A query naming one record (`/zt/template/?id=SPO2020…`, `list.jsp?newsId=9`) makes a page a document
# even where its path looks like a folder or an index.
_RECORD_QUERY_RE = re.compile(r"(?:^|&)(?:id|aid|nid|docid|articleid|newsid|infoid|contentid|itemid)=\w", re.I)


@lru_cache(maxsize=8192)
def resolve(href: str | None, base_url: str) -> str | None:
    """Absolute http(s) URL for a link's href, or None for script/mail/in-page anchors."""
    if not href:
        return None
    # Templates leave line breaks and tabs inside hrefs; browsers ignore them, so do we.
    cleaned = re.sub(r"[\r\n\t]", "", href).strip()
    if not cleaned or cleaned.startswith("#") or cleaned.lower().startswith(_SKIP_SCHEMES):
        return None
    url = join_url(base_url, cleaned)
    parts = split_url(url) if url else None
    return url if parts is not None and parts.scheme in ("http", "https") else None


def _route(url: str) -> str:
    """Path plus query; single-page apps route through `#/…`, which then acts as the path."""
    parts = urlsplit(url)
    if parts.fragment.startswith(("/", "!/")):
        return parts.fragment.lstrip("!")
    return parts.path + (f"?{parts.query}" if parts.query else "")


@lru_cache(maxsize=8192)
def is_article_url(url: str) -> bool:
    if _WEIXIN_RE.match(url):
        return True
    route = _route(url)
    path = route.split("?", 1)[0]
    return bool(_QUERY_PATTERN.search(route)) or any(p.search(path) for p in _PATH_PATTERNS)


@lru_cache(maxsize=8192)
def is_nav_url(url: str) -> bool:
    """Home pages, column indexes, pager pages and directory URLs: what menus and pagers link to."""
    if is_article_url(url):
        return False
    route = _route(url)
    path, _, query = route.partition("?")
    if _RECORD_QUERY_RE.search(query):
        return False
    if path in ("", "/") and "?" not in route:
        return True
    if path.endswith("/") or _COLUMN_RE.search(path) or "/module/" in path:
        return True
    return bool(_NAV_LAST_SEGMENT.match(path.rsplit("/", 1)[-1]))
