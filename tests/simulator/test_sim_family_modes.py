"""Failure modes on every platform, at each family's own list, data and article URLs."""

from __future__ import annotations

import html
import json
import time
import xml.etree.ElementTree as ET

import pytest

from simulator.harness import Fetched, SimClient
from simulator.sites import FEED, GKMLPT, HANWEB_CLASSIC, HANWEB_JPAAS, HOSTS, JSARRAY, SOURCES
from tests.simulator.simkit import jpaas_url, list_url, parse_entries

ALL = list(SOURCES)
# The tag that holds an article's body on each layout (gone in mode no-body).
BODY_MARK = {"kjt": '<div id="zoom"', "mpa": '<div id="zoom"', "jiangsu": '<div id="zoom"',
             "jsarray": '<div id="zoom"', "jpaas": '<div class="wen">', "most": '<div id="Zoom">',
             "nmpa": '<div class="text">', "gd": '<div class="zw">',
             "gkmlpt": '<div class="article-content">', "lonsun": 'class="wzcon'}


def start_url(source_id: str) -> str:
    source = SOURCES[source_id]
    return HOSTS[source.host].base_url + source.column_path


def data_url(source_id: str) -> str:
    """The family's data endpoint: proxy, unit API, feed, gkmlpt API, or a list page after the first."""
    family = SOURCES[source_id].family
    if family == HANWEB_CLASSIC:
        return list_url(source_id, 1)
    if family == HANWEB_JPAAS:
        return jpaas_url(source_id)
    return start_url(source_id) if family in (FEED, GKMLPT) else list_url(source_id, 2)


def text(source_id: str, answer: Fetched) -> str:
    return answer.body.decode("gbk" if SOURCES[source_id].family == JSARRAY else "utf-8", "replace")



def _mode(sim: SimClient, source_id: str, mode: str, **extra: object) -> None:
    assert sim.post_json(f"/_sim/sources/{source_id}/mode", {"mode": mode, **extra}).json()["mode"] == mode


@pytest.mark.parametrize("source_id", ALL)
def test_blocked_412_everywhere(sim: SimClient, source_id: str) -> None:
    article = sim.truth(source_id)[0]
    _mode(sim, source_id, "blocked-412")
    for url in (start_url(source_id), data_url(source_id), article["url"]):
        answer = sim.get(url)
        assert answer.status == 412 and "$_ts" in answer.text and "r='m'" in answer.text, url
        cookies = " ".join(answer.headers.get_all("Set-Cookie"))
        assert "acw_tc=" in cookies and "NfBCSins2OywS=" in cookies
    for attachment in article["attachments"]:
        assert sim.get(attachment["url"]).status == 412


@pytest.mark.parametrize("source_id", ["js-mpa-notices", "sd-mpa-notices", "cn-most-policy", "bj-kw-notices"])
def test_blocked_521_and_forbidden_403(sim: SimClient, source_id: str) -> None:
    _mode(sim, source_id, "blocked-521")
    answer = sim.get(start_url(source_id))
    assert answer.status == 521 and "__jsl_clearance_s=" in answer.text
    _mode(sim, source_id, "forbidden-403")
    assert sim.get(sim.truth(source_id)[0]["url"]).status == 403


@pytest.mark.parametrize("source_id", ALL)
def test_empty_shell_lists_hold_no_entries(sim: SimClient, source_id: str) -> None:
    _mode(sim, source_id, "empty-shell")
    start = sim.get(start_url(source_id))
    assert start.status == 200
    family = SOURCES[source_id].family
    if family == HANWEB_CLASSIC:
        assert "<datastore>" not in start.text and "<record>" not in start.text
    else:
        url = jpaas_url(source_id) if family == HANWEB_JPAAS else start_url(source_id)
        answer = sim.get(url)
        assert answer.status == 200 and parse_entries(source_id, url, answer) == []
    assert sim.get(sim.truth(source_id)[0]["url"]).status == 200


@pytest.mark.parametrize("source_id", ALL)
def test_proxy_404_removes_the_data_endpoint(sim: SimClient, source_id: str) -> None:
    _mode(sim, source_id, "proxy-404")
    assert sim.get(data_url(source_id)).status == 404
    assert sim.get(sim.truth(source_id)[0]["url"]).status == 200
    if data_url(source_id) != start_url(source_id):
        assert sim.get(start_url(source_id)).status == 200


@pytest.mark.parametrize("source_id", ALL)
def test_malformed_proxy_cuts_data_answers_mid_document(sim: SimClient, source_id: str) -> None:
    whole = sim.get(data_url(source_id)).body
    _mode(sim, source_id, "malformed-proxy")
    answer = sim.get(data_url(source_id))
    assert answer.status == 200 and whole.startswith(answer.body) and len(answer.body) < len(whole)
    family = SOURCES[source_id].family
    if family in (HANWEB_JPAAS, GKMLPT):
        with pytest.raises(ValueError):  # cut JSON, often cut inside a UTF-8 character too
            json.loads(answer.body)
    elif family in (HANWEB_CLASSIC, FEED):
        with pytest.raises(ET.ParseError):
            ET.fromstring(answer.body)
    else:
        assert b"</html>" not in answer.body
    if data_url(source_id) != start_url(source_id):
        assert sim.get(start_url(source_id)).body.rstrip().endswith(b"</html>")


@pytest.mark.parametrize("source_id", ALL)
def test_no_body_drops_the_body_container(sim: SimClient, source_id: str) -> None:
    article = sim.truth(source_id)[0]
    layout = "jpaas" if SOURCES[source_id].family == HANWEB_JPAAS else HOSTS[SOURCES[source_id].host].layout
    assert BODY_MARK[layout] in text(source_id, sim.get(article["url"]))
    _mode(sim, source_id, "no-body")
    page = text(source_id, sim.get(article["url"]))
    assert BODY_MARK[layout] not in page and 'name="ContentStart"' not in page and article["title"] in page
    long_lines = [line for line in article["body_text"].splitlines() if len(line) > 30]
    assert sum(line in page for line in long_lines) <= 1  # at most the one the Description meta quotes
    assert sim.get(start_url(source_id)).status == 200


@pytest.mark.parametrize("source_id", ALL)
def test_redesign_renames_the_list_markup(sim: SimClient, source_id: str) -> None:
    family = SOURCES[source_id].family
    url = data_url(source_id) if family in (HANWEB_CLASSIC, HANWEB_JPAAS) else start_url(source_id)
    newest = sim.truth(source_id)[0]["url"].rsplit("/", 1)[1]
    _mode(sim, source_id, "redesign")
    answer = sim.get(url)
    body = html.unescape(text(source_id, answer))
    assert answer.status == 200 and newest in body  # the entries are still there
    if family == HANWEB_CLASSIC:
        assert '<p class="news-item">' in body and "<li" not in body and "<tr>" not in body
    elif family == FEED:
        assert answer.headers["Content-Type"] == "text/html" and "<rss" not in body
    elif family == GKMLPT:
        assert "articles" not in answer.json() and answer.json()["data"]["list"]
    else:
        assert parse_entries(source_id, url, answer) == []  # configured selectors no longer match
    assert sim.get(sim.truth(source_id)[0]["url"]).status == 200


@pytest.mark.parametrize("source_id", ["sd-mpa-notices", "gd-mpa-gkmlpt", "ah-mpa-notices"])
def test_slow_and_server_errors_on_other_families(sim: SimClient, source_id: str) -> None:
    _mode(sim, source_id, "slow", delay=0.2)
    started = time.perf_counter()
    assert sim.get(data_url(source_id)).status == 200 and time.perf_counter() - started >= 0.2
    _mode(sim, source_id, "retry-after", count=2)
    answers = [sim.get(data_url(source_id)) for _ in range(3)]
    assert [a.status for a in answers] == [429, 503, 200] and answers[0].headers["Retry-After"] == "1"
