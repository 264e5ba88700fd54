"""Which list entries a spider follows: on-site HTML articles yes, off-site links and attachments no."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from urllib.parse import parse_qsl, urlsplit

from crawler.util.urls import host_in_domains
from spiders.entries import Entry

# Files that lists sometimes link to directly. The pipelines read HTML article pages; a PDF or a Word
# file as an entry has no page to read title, date and body from, so such entries are skipped (and
# counted) rather than stored as broken items. Attachments of real articles are still found on the
# article page by the extractor.
ATTACHMENT_SUFFIXES = (
    ".pdf",
    ".doc",
    ".docx",
    ".wps",
    ".xls",
    ".xlsx",
    ".et",
    ".zip",
    ".rar",
    ".7z",
    ".ofd",
    ".txt",
    ".jpg",
    ".jpeg",
    ".png",
)
_FILENAME_KEYS = re.compile(r"^(?:filename|file|fileName|path)$", re.I)


@dataclass
class EntrySplit:
    """Entries to follow, and those left out with the reason they were left out."""

    kept: list[Entry] = field(default_factory=list)
    offsite: list[Entry] = field(default_factory=list)
    attachments: list[Entry] = field(default_factory=list)


def is_attachment(url: str) -> bool:
    """True for links to files rather than pages, including download scripts that name the file."""
    parts = urlsplit(url)
    if parts.path.lower().endswith(ATTACHMENT_SUFFIXES):
        return True
    # Hanweb: /module/download/downfile.jsp?classid=0&filename=xxx.pdf
    return any(
        _FILENAME_KEYS.match(key) and value.lower().endswith(ATTACHMENT_SUFFIXES)
        for key, value in parse_qsl(parts.query, keep_blank_values=True)
    )


def split_entries(entries: Iterable[Entry], domains: Iterable[str]) -> EntrySplit:
    """Keep entries on the source's hosts (or their subdomains, as Scrapy's offsite filter allows)."""
    allowed = list(domains)
    split = EntrySplit()
    for entry in entries:
        if not host_in_domains(entry.url, allowed):
            split.offsite.append(entry)
        elif is_attachment(entry.url):
            split.attachments.append(entry)
        else:
            split.kept.append(entry)
    return split


def hosts_of(entries: Iterable[Entry]) -> list[str]:
    return sorted({urlsplit(e.url).hostname or "" for e in entries})
