"""Attachment links of an article (PDF, Word, WPS, Excel, OFD, archives): name, absolute URL, type."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING
from urllib.parse import SplitResult, parse_qs, unquote

from crawler.util.urls import join_url, split_url

if TYPE_CHECKING:  # the configuration reads DOCUMENT_TYPES: every command would import lxml for a type hint
    from lxml.html import HtmlElement

DOCUMENT_TYPES = frozenset(
    {"pdf", "doc", "docx", "wps", "xls", "xlsx", "et", "ppt", "pptx", "zip", "rar", "7z", "ofd", "txt", "csv"}
)
_EXT = re.compile(r"\.([A-Za-z0-9]{1,5})$")
# downfile.jsp?filename=….pdf and similar download scripts carry the real name in the query.
_QUERY_NAME_KEYS = ("filename", "fileName", "file", "name", "path", "fn")
_SCHEMES = ("http", "https", "ftp")
# "附件1：", "附件：", "1.", "2、", "（3）" in front of the file name say nothing about the file.
_NAME_PREFIX = re.compile(r"^\s*(?:附件\s*[0-9一二三四五六七八九十]*\s*[:：.、]?\s*|[(（]?\d{1,2}[)）.、．](?!\d)\s*)")
_GENERIC_NAMES = {"", "下载", "点击下载", "附件", "附件下载", "点击此处下载", "查看", "详见附件", "download"}


@dataclass(frozen=True)
class Attachment:
    name: str
    url: str
    type: str | None  # lowercase extension (pdf, docx, …); None when neither URL nor name shows one

    def to_json(self) -> dict[str, str | None]:
        return {"name": self.name, "url": self.url, "type": self.type}


def _extension(text: str | None) -> str | None:
    if not text:
        return None
    match = _EXT.search(text.strip())
    return match.group(1).lower() if match else None


_NO_PARTS = SplitResult("", "", "", "", "")  # a URL Python refuses: only the link text can tell


def attachment_type(url: str, name: str | None = None) -> str | None:
    """The document type from the URL path, a file name in its query, or the link text."""
    parts = split_url(url) or _NO_PARTS
    candidates = [unquote(parts.path)]
    query = parse_qs(parts.query)
    candidates += [unquote(v) for key in _QUERY_NAME_KEYS for v in query.get(key, [])]
    candidates.append(name or "")
    for candidate in candidates:
        ext = _extension(candidate)
        if ext in DOCUMENT_TYPES:
            return ext
    return None


def clean_name(text: str | None) -> str:
    """Link text without 附件：/1. prefixes; whitespace collapsed."""
    text = re.sub(r"\s+", " ", (text or "").replace("\u3000", " ")).strip()
    stripped = _NAME_PREFIX.sub("", text, count=1).strip()
    return stripped or text


def _fallback_name(url: str) -> str:
    parts = split_url(url) or _NO_PARTS
    query = parse_qs(parts.query)
    for key in _QUERY_NAME_KEYS:
        if query.get(key):
            return unquote(query[key][0]).rsplit("/", 1)[-1]
    return unquote(parts.path.rsplit("/", 1)[-1])


def _is_generic(name: str) -> bool:
    return name.strip("：: ").lower() in _GENERIC_NAMES


def _link_name(link: HtmlElement, url: str) -> tuple[str, bool]:
    """The attachment's name and whether the page really named it (not a fallback)."""
    name = clean_name(link.text_content())
    if not _is_generic(name):
        return name, True
    title = clean_name(link.get("title"))
    if title and not _is_generic(title):
        return title, True
    return _fallback_name(url), False


def attachments_from_links(
    links: Iterable[HtmlElement], base_url: str, *, any_link: bool = False
) -> list[Attachment]:
    """Attachments among <a href> elements, deduplicated by absolute URL, in page order.

    any_link=True keeps links without a document extension too: used when a per-source selector
    has already pointed at the attachment block.
    """
    found: dict[str, tuple[Attachment, bool]] = {}
    for link in links:
        href = (link.get("href") or "").strip()
        if not href or href.startswith(("#", "javascript:", "mailto:")):
            continue
        url = join_url(base_url, href)
        parts = split_url(url) if url else None
        if parts is None or parts.scheme not in _SCHEMES:
            continue
        name, named = _link_name(link, url)
        kind = attachment_type(url, name)
        if kind is None and not any_link:
            continue
        previous = found.get(url)
        # Two links to one file (icon + text): keep the one the page really names.
        if previous is None or (named and not previous[1]):
            found[url] = (Attachment(name=name, url=url, type=kind), named)
    return [attachment for attachment, _ in found.values()]
