"""Every filter of the Items page is in the URL: parsed from the query string and written back the same."""

from __future__ import annotations

from datetime import date
from urllib.parse import parse_qsl, urlsplit

from crawler.web.filters import ItemFilters


def test_filters_round_trip_through_the_url() -> None:
    query = {"q": "药品 监管", "source": "zj-mpa-notices", "province": "zhejiang", "agency_kind": "drug",
             "topic": "drug-regulation", "kind": "draft", "from": "2026-11-01", "to": "2026-11-30", "open": "1",
             "page": "3"}
    filters = ItemFilters.from_query(query)
    assert filters.date_from == date(2026, 11, 1) and filters.open and filters.page == 3
    assert dict(parse_qsl(urlsplit(filters.url(page=3)).query)) == query


def test_changing_a_filter_starts_at_page_one() -> None:
    filters = ItemFilters.from_query({"q": "药品", "page": "4"})
    assert filters.url(source="zj-kjt-notices") == "/items?q=%E8%8D%AF%E5%93%81&source=zj-kjt-notices"
    assert filters.url(page=5).endswith("page=5")


def test_bad_values_filter_nothing() -> None:
    filters = ItemFilters.from_query({"from": "2026-13-45", "page": "x", "open": "maybe", "q": "x" * 500})
    assert filters.date_from is None and filters.page == 1 and not filters.open and len(filters.q) == 200
    assert ItemFilters().url() == "/items" and not ItemFilters().active
