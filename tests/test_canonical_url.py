"""canonical_url: one spelling per document."""

from __future__ import annotations

import pytest

from crawler.util.urls import canonical_url


@pytest.mark.parametrize(
    ("url", "canonical"),
    [
        ("http://www.example.gov.cn/a/index.html#top", "https://www.example.gov.cn/a/"),
        ("https://Example.com:443/x.html?utm_source=a&id=2", "https://example.com/x.html?id=2"),
        # Single-page apps route through the fragment: it names the document and is kept.
        ("https://www.example.org.cn/#/newsDetail?id=17604", "https://www.example.org.cn/#/newsDetail?id=17604"),
        ("https://www.example.org.cn/#!/detail/5", "https://www.example.org.cn/#!/detail/5"),
    ],
)
def test_canonical_url(url: str, canonical: str) -> None:
    assert canonical_url(url) == canonical


def test_spa_routes_of_one_page_stay_distinct() -> None:
    one, two = "https://a.org.cn/#/newsDetail?id=1", "https://a.org.cn/#/newsDetail?id=2"
    assert canonical_url(one) != canonical_url(two)
