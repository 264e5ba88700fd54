"""What one crawl may fetch as attachments (on/off, size cap, types, extra hosts) and the pre-request check."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from crawler.extract.attachments import DOCUMENT_TYPES
from crawler.util.urls import host_in_domains

# Far above the PDFs and spreadsheets these sites attach (a few MB), low enough that a mislinked video
# or disk image is refused before it fills the disk.
DEFAULT_MAX_BYTES = 20 * 1024 * 1024
DEFAULT_TYPES = tuple(sorted(DOCUMENT_TYPES))
ATTACHMENTS_DIR = "attachments"  # under the data directory
_HOST = re.compile(r"^(?=.{1,253}$)[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*$")

# Settings of a crawl child (NEWSWATCH_<PART>_<KEY>); the hand-over sets them only when enabled.
ENABLED = "NEWSWATCH_ATTACHMENTS_ENABLED"
MAX_BYTES = "NEWSWATCH_ATTACHMENTS_MAX_BYTES"
TYPES = "NEWSWATCH_ATTACHMENTS_TYPES"
HOSTS = "NEWSWATCH_ATTACHMENTS_HOSTS"


def check_host_name(value: Any) -> str:
    """A host name (files.example.gov.cn, or files.example.gov.cn:8080), lower-cased and without its port
    (hosts are compared by name, whatever port a link names); a URL or anything else is refused."""
    text = str(value).strip().lower() if isinstance(value, str) else ""
    host, _, port = text.partition(":")
    if not _HOST.match(host) or (port and not (port.isdigit() and 0 < int(port) < 65536)):
        raise ValueError(f"{value!r} is not a host name; write it like files.example.gov.cn (no scheme, no path)")
    return host


def check_type_names(values: Iterable[Any]) -> list[str]:
    """Document types as the extractor names them (pdf, docx, …), lower-cased, leading dots dropped."""
    found = []
    for value in values:
        name = value.strip().lower().lstrip(".") if isinstance(value, str) else ""
        if name not in DOCUMENT_TYPES:
            raise ValueError(f"unknown attachment type {value!r}; known: {', '.join(DEFAULT_TYPES)}")
        found.append(name)
    return found


@dataclass(frozen=True)
class AttachmentPolicy:
    enabled: bool = False
    max_bytes: int = DEFAULT_MAX_BYTES
    types: frozenset[str] = frozenset(DOCUMENT_TYPES)
    hosts: tuple[str, ...] = ()  # hosts attachments may come from besides the source's own

    def crawl_settings(self, data_dir: Path) -> dict[str, str]:
        """The crawl child's -s values; none at all when disabled, so such a crawl is what it always was."""
        if not self.enabled:
            return {}
        return {
            ENABLED: "True",
            MAX_BYTES: str(self.max_bytes),
            TYPES: ",".join(sorted(self.types)),
            HOSTS: ",".join(self.hosts),
            "FILES_STORE": str(data_dir / ATTACHMENTS_DIR),
        }

    @classmethod
    def from_crawl_settings(cls, settings: Any) -> AttachmentPolicy:
        """The policy a crawl child was started with (Scrapy settings)."""
        if not settings.getbool(ENABLED):
            return cls()
        return cls(
            enabled=True,
            max_bytes=settings.getint(MAX_BYTES, DEFAULT_MAX_BYTES),
            types=frozenset(t for t in settings.get(TYPES, "").split(",") if t),
            hosts=tuple(h for h in settings.get(HOSTS, "").split(",") if h),
        )

    def refusal(self, url: str, kind: str | None, source_hosts: Iterable[str]) -> str | None:
        """Why an attachment link must not be requested at all (None when it may be)."""
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https"):
            return f"host not allowed: {parts.scheme or 'no'} scheme (only http and https are fetched)"
        if not host_in_domains(url, [*source_hosts, *self.hosts]):
            return f"host not allowed: {parts.hostname}"
        if kind is not None and kind not in self.types:
            return f"type not allowed: {kind}"
        return None
