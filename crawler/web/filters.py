"""The Items page's filters, read from and written back to the query string (every view is a bookmarkable URL)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from datetime import date
from urllib.parse import urlencode

MAX_QUERY = 200  # characters of a search: longer ones are cut, not refused
PAGE_SIZE = 50


def _date(value: str | None) -> date | None:
    try:
        return date.fromisoformat(value.strip()) if value and value.strip() else None
    except ValueError:
        return None  # a mistyped date filters nothing rather than failing the page


def _page(value: str | None) -> int:
    try:
        return max(1, min(int(value or 1), 10_000))
    except ValueError:
        return 1


@dataclass(frozen=True)
class ItemFilters:
    q: str = ""
    source: str = ""
    province: str = ""
    agency_kind: str = ""
    topic: str = ""
    kind: str = ""
    date_from: date | None = None
    date_to: date | None = None
    open: bool = False
    page: int = 1

    @classmethod
    def from_query(cls, params: Mapping[str, str]) -> ItemFilters:
        def text(name: str) -> str:
            return (params.get(name) or "").strip()[:MAX_QUERY]

        return cls(
            q=text("q"), source=text("source"), province=text("province"), agency_kind=text("agency_kind"),
            topic=text("topic"), kind=text("kind"), date_from=_date(params.get("from")),
            date_to=_date(params.get("to")), open=params.get("open") in ("1", "on", "true"),
            page=_page(params.get("page")),
        )

    def params(self) -> dict[str, str]:
        """The non-empty filters as query-string parameters (page 1 left out)."""
        # Built by hand, not with dataclasses.asdict (a deep copy): a page of 50 rows builds ~200 of these URLs.
        texts = (("q", self.q), ("source", self.source), ("province", self.province),
                 ("agency_kind", self.agency_kind), ("topic", self.topic), ("kind", self.kind))
        out = {k: v for k, v in texts if v}
        if self.date_from:
            out["from"] = self.date_from.isoformat()
        if self.date_to:
            out["to"] = self.date_to.isoformat()
        if self.open:
            out["open"] = "1"
        if self.page > 1:
            out["page"] = str(self.page)
        return out

    def url(self, path: str = "/items", **changes: object) -> str:
        """This view's URL with some filters changed; changing a filter starts again at page 1."""
        if changes and "page" not in changes:
            changes["page"] = 1
        query = urlencode(replace(self, **changes).params())  # type: ignore[arg-type]
        return f"{path}?{query}" if query else path

    @property
    def active(self) -> bool:
        return bool(set(self.params()) - {"page"})
