"""The Items and Item pages through HTTP: filters, escaping, sanitized bodies, cluster and version diffs."""

from __future__ import annotations

import re

import pytest
from starlette.testclient import TestClient

from tests.web.webworld import Seeded


def listed(client: TestClient, query: str) -> list[str]:
    response = client.get(f"/items?{query}")
    assert response.status_code == 200
    return re.findall(r'<a href="/items/(\d+)">', response.text)


@pytest.mark.parametrize(("query", "expected"), [
    ("", ["draft", "notice", "repost", "edited", "hostile"]),
    ("q=%E8%8D%AF%E5%93%81", ["repost", "edited"]),  # 药品
    ("source=js-kjt-notices", ["notice"]),
    ("province=jiangsu", ["notice"]),
    ("agency_kind=drug", ["repost", "edited"]),
    ("topic=ai", ["draft", "notice"]),
    ("kind=draft", ["draft"]),
    ("kind=notice", ["notice", "edited"]),
    ("kind=policy", ["draft", "repost", "edited"]),  # 办法, 印发
    ("open=1", ["draft"]),
    ("from=2026-11-02&to=2026-11-10", ["notice", "repost"]),
    ("topic=ai&kind=notice", ["notice"]),
])
def test_items_page_filters(client: TestClient, seeded: Seeded, query: str, expected: list[str]) -> None:
    ids = {str(getattr(seeded, name).id): name for name in ("draft", "notice", "edited", "repost", "hostile")}
    assert [ids[i] for i in listed(client, query)] == expected


def test_items_page_paginates(client: TestClient, monkeypatch: pytest.MonkeyPatch) -> None:
    import crawler.web.item_queries as queries

    monkeypatch.setattr(queries, "PAGE_SIZE", 2)
    first = client.get("/items?kind=policy")
    assert 'rel="next" href="/items?kind=policy&amp;page=2"' in first.text
    second = client.get("/items?kind=policy&page=2")
    assert "rel=\"next\"" not in second.text and 'rel="prev"' in second.text


def test_stored_strings_are_escaped_and_bodies_sanitized(client: TestClient, seeded: Seeded) -> None:
    page = client.get(f"/items/{seeded.hostile.id}").text
    assert "<script>alert('x')</script>" not in page and "&lt;script&gt;" in page
    article = page.split('<article class="body">')[1].split("</article>")[0]
    assert "<script" not in article and "onerror" not in article and "javascript:" not in article
    assert "正文" in article
    assert "&lt;script&gt;" in client.get("/items").text


def test_item_page_shows_fields_cluster_and_diff(client: TestClient, seeded: Seeded) -> None:
    page = client.get(f"/items/{seeded.edited.id}").text
    assert f'href="{seeded.edited.url}"' in page  # the original
    assert "浙药监〔2026〕5号" in page
    assert f'<a href="/items/{seeded.repost.id}">' in page  # its cluster
    assert "Version 1 → 2" in page
    fields = page.split('class="sbs fields-diff"')[1].split("</table>")[0]
    assert "<th>doc_number</th>" in fields and "浙药监〔2026〕4号" in fields
    body = page.split('class="sbs body-diff"')[1].split("</table>")[0]
    assert "<del>办法</del>" in body and "<ins>细则</ins>" in body
    assert "<del>发布之</del>" in body and "<ins>2027年1月1</ins>日起施行" in body


def test_unknown_item_is_404(client: TestClient) -> None:
    assert client.get("/items/999999").status_code == 404
    assert client.get("/items/abc").status_code == 404
