"""The source catalog: YAML files of watched columns, validated on load into typed CatalogSource objects."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Annotated, Literal
from urllib.parse import urlsplit

import yaml
from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    StrictBool,
    ValidationError,
    field_validator,
    model_validator,
)

from crawler.config.attachment_policy import check_host_name, check_type_names
from crawler.config.families import check_family
from crawler.config.schedule import Timing
from crawler.config.yamlfile import read_yaml

BUILTIN_CATALOG_DIR = Path(__file__).with_name("sources")

Family = Annotated[str, AfterValidator(check_family)]
AgencyKind = Literal["science", "drug", "ministry"]
SELECTOR_KEYS = ("list_item", "list_link", "list_date", "title", "published", "source", "body", "doc_number", "attachments")


class CatalogError(Exception):
    """A catalog file is invalid; the message names the file, the source id and the key."""


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class BilingualName(Strict):
    zh: str
    en: str


class Paging(Strict):
    max_pages: int = Field(default=10, ge=1, le=500)
    per_page: int = Field(default=15, ge=1, le=200)
    group_size: int = Field(default=3, ge=1, le=20)
    proxy_path: str | None = None
    page_pattern: str | None = None  # e.g. "index_{n}.html" (TRS zero-based) or "?pageIndex={n}"
    first_page_number: int = 1


class Politeness(Strict):
    download_delay: float = Field(default=1.0, ge=0)
    concurrent_requests_per_host: int = Field(default=1, ge=1, le=8)
    obey_robots: bool = True


class SourceAttachments(Strict):
    """Overrides of the configuration's `attachments:` section for one source; unset keys inherit it."""

    enabled: StrictBool | None = None
    max_bytes: int | None = Field(default=None, ge=1)
    types: list[str] | None = Field(default=None, min_length=1)

    @field_validator("types", mode="before")
    @classmethod
    def _types(cls, value: object) -> object:
        return check_type_names(value) if isinstance(value, list) else value


class Schedule(Timing):
    every_minutes: int | None = Field(default=None, ge=1)


class CatalogSource(Strict):
    id: str = Field(pattern=r"^[a-z]+(-[a-z0-9]+){2,}$")
    name: BilingualName
    agency: BilingualName
    province: str
    agency_kind: AgencyKind
    family: Family
    start_urls: list[str] = Field(min_length=1)
    allowed_hosts: list[str] = Field(default_factory=list)
    # Hosts this source's attachments may come from besides its own (a file server, a CDN); only
    # attachments are fetched there, never articles.
    attachment_hosts: list[str] = Field(default_factory=list)
    attachments: SourceAttachments = SourceAttachments()
    paging: Paging = Paging()
    # New articles fetched per crawl at most; unset: the configuration's max_new_per_crawl (config/settings.py).
    max_new_per_crawl: int | None = Field(default=None, ge=1, le=100_000)
    selectors: dict[str, str] = Field(default_factory=dict)
    params: dict[str, str | int] = Field(default_factory=dict)
    politeness: Politeness = Politeness()
    # Accept the weak keys and legacy ciphers of old servers (DH_KEY_TOO_SMALL): see run/handover.py.
    tls_lenient: bool = False
    schedule: Schedule = Schedule()
    tags: list[str] = Field(default_factory=list)
    # False when a value of this entry (its column URL, a family parameter) was read from no real page: the
    # entry says which and why in `unverified_reason`, and `newswatch sources list` shows it. Values the
    # spider reads from the page on every crawl (Hanweb unit ids, jpaas queryData, pagers) need no check here.
    verified: StrictBool = True
    unverified_reason: str | None = Field(default=None, min_length=1)

    @model_validator(mode="after")
    def _verification_explained(self) -> CatalogSource:
        if not self.verified and not self.unverified_reason:
            raise ValueError("verified: false needs unverified_reason: say which value no real page confirms")
        if self.verified and self.unverified_reason:
            raise ValueError("unverified_reason is given but verified is not false")
        return self

    @field_validator("start_urls")
    @classmethod
    def _absolute_urls(cls, urls: list[str]) -> list[str]:
        for url in urls:
            parts = urlsplit(url)
            if parts.scheme not in ("http", "https") or not parts.netloc:
                raise ValueError(f"not an absolute http(s) URL: {url!r}")
        return urls

    @field_validator("attachment_hosts", mode="before")
    @classmethod
    def _attachment_hosts(cls, value: object) -> object:
        return [check_host_name(h) for h in value] if isinstance(value, list) else value

    @field_validator("selectors")
    @classmethod
    def _selectors_parse(cls, selectors: dict[str, str]) -> dict[str, str]:
        if not selectors:
            return selectors
        # Only for entries that name selectors: parsel (lxml, w3lib) costs every command a tenth of a second.
        from parsel.csstranslator import HTMLTranslator

        translator = HTMLTranslator()
        for key, css in selectors.items():
            if key not in SELECTOR_KEYS:
                raise ValueError(f"unknown selector key {key!r}; known: {', '.join(SELECTOR_KEYS)}")
            try:
                translator.css_to_xpath(css)
            except Exception as exc:  # cssselect raises several parse error types
                raise ValueError(f"selector {key!r} does not parse: {css!r} ({exc})") from exc
        return selectors

    @property
    def hosts(self) -> set[str]:
        return {urlsplit(u).hostname or "" for u in self.start_urls} | set(self.allowed_hosts)

    @property
    def primary_host(self) -> str:
        return urlsplit(self.start_urls[0]).hostname or ""


def _describe(exc: ValidationError, path: Path, source_id: str) -> str:
    lines = []
    for err in exc.errors():
        key = ".".join(str(p) for p in err["loc"]) or "(entry)"
        message = "unknown key" if err["type"] == "extra_forbidden" else err["msg"]
        lines.append(f"{path}: source {source_id!r}: key {key!r}: {message}")
    return "\n".join(lines)


def load_catalog_file(path: Path) -> list[CatalogSource]:
    try:
        data = read_yaml(path)
    except (OSError, yaml.YAMLError) as exc:
        raise CatalogError(f"{path}: cannot read the catalog: {exc}") from exc
    if not isinstance(data, dict) or set(data) != {"sources"} or not isinstance(data["sources"], list):
        raise CatalogError(f"{path}: a catalog is a mapping with one key, 'sources', holding a list of sources")
    sources = []
    for index, entry in enumerate(data["sources"]):
        source_id = entry.get("id", f"#{index + 1}") if isinstance(entry, dict) else f"#{index + 1}"
        try:
            sources.append(CatalogSource.model_validate(entry))
        except ValidationError as exc:
            raise CatalogError(_describe(exc, path, source_id)) from None
    return sources


def load_catalog(extra_paths: Iterable[Path] = (), include_builtin: bool = True) -> dict[str, CatalogSource]:
    """Built-in catalog files first, then the user's files; a user entry with a known id replaces it."""
    builtin = sorted(BUILTIN_CATALOG_DIR.glob("*.yaml")) if include_builtin else []
    catalog: dict[str, CatalogSource] = {}
    builtin_ids: dict[str, Path] = {}
    for path in [*builtin, *(Path(p) for p in extra_paths)]:
        seen_here: set[str] = set()
        for source in load_catalog_file(path):
            if source.id in seen_here or (path in builtin and source.id in builtin_ids):
                raise CatalogError(f"{path}: source {source.id!r}: key 'id': defined twice in the catalog")
            seen_here.add(source.id)
            if path in builtin:
                builtin_ids[source.id] = path
            catalog[source.id] = source
    return catalog
