"""Atom feeds: valid (feedparser, and the Atom rules a validator checks), stable entry ids, conditional GET."""

from __future__ import annotations

from pathlib import Path

import feedparser
import pytest
from lxml import etree
from starlette.testclient import TestClient

from crawler.web.feeds import entry_id
from tests.web.webworld import Seeded, client_for

ATOM_NS = "{http://www.w3.org/2005/Atom}"


def parse(client: TestClient, path: str) -> feedparser.FeedParserDict:
    response = client.get(path)
    assert response.status_code == 200, response.text
    assert response.headers["content-type"].startswith("application/atom+xml")
    feed = feedparser.parse(response.content)
    assert not feed.bozo, feed.get("bozo_exception")
    assert feed.version == "atom10"
    check_atom_rules(response.content)
    return feed


def check_atom_rules(document: bytes) -> None:
    """RFC 4287's must-haves that feed validators check: feed and entries each have one id, title and updated;
    an author for every entry (its own or the feed's); ids are absolute IRIs; no duplicate entry id."""
    root = etree.fromstring(document)
    assert root.tag == f"{ATOM_NS}feed"
    for element in (root, *root.findall(f"{ATOM_NS}entry")):
        for name in ("id", "title", "updated"):
            assert len(element.findall(f"{ATOM_NS}{name}")) == 1, (element.tag, name)
        assert ":" in element.findtext(f"{ATOM_NS}id")
    assert root.find(f"{ATOM_NS}author") is not None
    assert root.find(f"{ATOM_NS}link[@rel='self']") is not None
    ids = [e.findtext(f"{ATOM_NS}id") for e in root.findall(f"{ATOM_NS}entry")]
    assert len(ids) == len(set(ids))


def test_all_items_feed(client: TestClient, seeded: Seeded) -> None:
    feed = parse(client, "/feeds/items.atom")
    assert [e.id for e in feed.entries][:2] == [entry_id(seeded.draft.id), entry_id(seeded.notice.id)]
    draft = feed.entries[0]
    assert draft.title.endswith("(浙科发〔2026〕12号)")
    assert draft.link == seeded.draft.url
    assert f'href="http://127.0.0.1:8080/items/{seeded.draft.id}"' in draft.content[0].value
    assert entry_id(seeded.draft.id) == f"tag:newswatch,2026:item:{seeded.draft.id}"
    hostile = next(e for e in feed.entries if e.id == entry_id(seeded.hostile.id))
    assert hostile.title == "<script>alert('x')</script>标题"  # text, escaped in the XML


def test_source_topic_and_rule_feeds(seeded: Seeded, database_url: str, tmp_path: Path, fixed_glossary: object,
                                     monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("crawler.web.app.load_glossary", lambda: fixed_glossary)
    rules = [{"name": "zj drugs", "sources": ["zj-mpa-*"], "keywords": ["细则"], "mode": "digest"},
             {"name": "health only", "events": ["health"], "mode": "digest"}]
    with client_for(database_url, tmp_path, raw={"rules": rules}) as client:
        assert [e.id for e in parse(client, "/feeds/sources/js-kjt-notices.atom").entries] == [entry_id(seeded.notice.id)]
        assert {e.id for e in parse(client, "/feeds/topics/ai.atom").entries} == {
            entry_id(seeded.draft.id), entry_id(seeded.notice.id)}
        rule = parse(client, "/feeds/rules/zj%20drugs.atom")
        assert {e.id for e in rule.entries} == {entry_id(seeded.edited.id), entry_id(seeded.repost.id)}
        assert client.get("/feeds/rules/health%20only.atom").status_code == 404
        assert client.get("/feeds/sources/nope.atom").status_code == 404
        assert client.get("/feeds/topics/nope.atom").status_code == 404
        assert "/feeds/rules/zj%20drugs.atom" in client.get("/feeds").text
        client.app.state.config.engine.dispose()  # type: ignore[attr-defined]


@pytest.mark.parametrize("path", ["/feeds/items.atom", "/feeds/sources/zj-kjt-notices.atom"])
def test_conditional_get_answers_304(client: TestClient, path: str) -> None:
    first = client.get(path)
    etag, modified = first.headers["etag"], first.headers["last-modified"]
    assert client.get(path, headers={"If-None-Match": etag}).status_code == 304
    assert client.get(path, headers={"If-None-Match": f'W/{etag}, "other"'}).status_code == 304
    assert client.get(path, headers={"If-Modified-Since": modified}).status_code == 304
    assert client.get(path, headers={"If-None-Match": '"stale"'}).status_code == 200
    assert client.get(path, headers={"If-Modified-Since": "Mon, 01 Jan 2024 00:00:00 GMT"}).status_code == 200
    # If-None-Match decides when both are sent (RFC 9110 13.2.2).
    assert client.get(path, headers={"If-None-Match": '"stale"', "If-Modified-Since": modified}).status_code == 200


def test_etag_changes_with_a_new_item_and_ids_stay(client: TestClient, seeded: Seeded) -> None:
    first = client.get("/feeds/items.atom")
    before = [e.id for e in feedparser.parse(first.content).entries]
    newer = seeded.world.add_item("zj-kjt-notices", "新文件", seeded.draft.first_seen_at.replace(year=2027))
    second = client.get("/feeds/items.atom", headers={"If-None-Match": first.headers["etag"]})
    assert second.status_code == 200 and second.headers["etag"] != first.headers["etag"]
    after = [e.id for e in feedparser.parse(second.content).entries]
    assert after == [entry_id(newer.id), *before]
