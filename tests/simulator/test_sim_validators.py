"""Conditional GET on every family's list pages: ETag/Last-Modified, 304 answers, new validators on change."""

from __future__ import annotations

from email.utils import format_datetime, parsedate_to_datetime

import pytest

from simulator.harness import SimClient
from simulator.sites import HANWEB_JPAAS, HOSTS, SOURCES
from tests.simulator.simkit import jpaas_url

# The list a crawler revisits: the start URL, or for jpaas columns (a fixed shell page) page 1 of the API.
START = {sid: jpaas_url(sid) if s.family == HANWEB_JPAAS else HOSTS[s.host].base_url + s.column_path
         for sid, s in SOURCES.items()}



@pytest.mark.parametrize("source_id", list(SOURCES))
def test_start_url_answers_304_to_its_own_validators(sim: SimClient, source_id: str) -> None:
    first = sim.get(START[source_id])
    etag, modified = first.headers["ETag"], first.headers["Last-Modified"]
    assert first.status == 200 and etag.startswith('"') and parsedate_to_datetime(modified).tzinfo is not None
    again = sim.get(START[source_id], {"If-None-Match": etag})
    assert again.status == 304 and again.body == b"" and again.headers["ETag"] == etag
    assert sim.get(START[source_id], {"If-Modified-Since": modified}).status == 304
    # If-None-Match wins over If-Modified-Since.
    assert sim.get(START[source_id], {"If-None-Match": '"x"', "If-Modified-Since": modified}).status == 200
    sim.post_json(f"/_sim/sources/{source_id}/publish")
    changed = sim.get(START[source_id], {"If-None-Match": etag})
    assert changed.status == 200 and changed.headers["ETag"] != etag
    assert parsedate_to_datetime(changed.headers["Last-Modified"]) > parsedate_to_datetime(modified)
    assert sim.get(START[source_id], {"If-Modified-Since": modified}).status == 200


def test_edit_changes_validators_even_without_a_new_item(sim: SimClient) -> None:
    url = START["cn-nmpa-announcements"]
    before = sim.get(url).headers
    target = sim.truth("cn-nmpa-announcements")[2]
    sim.post_json("/_sim/sources/cn-nmpa-announcements/edit", {"id": target["id"], "title": "关于更正的公告"})
    after = sim.get(url, {"If-None-Match": before["ETag"]})
    assert after.status == 200 and after.headers["ETag"] != before["ETag"]
    later = parsedate_to_datetime(after.headers["Last-Modified"])
    assert later > parsedate_to_datetime(before["Last-Modified"])


def test_hanweb_column_page_ignores_its_clock(sim: SimClient) -> None:
    """Publishing elsewhere moves the simulated clock shown in every Hanweb header: not a list change."""
    url = START["zj-kjt-policy"]
    first = sim.get(url)
    clock = first.text.split('<span id="nowTime">', 1)[1].split("<", 1)[0]
    sim.post_json("/_sim/sources/zj-mpa-notices/publish", {"published": "2026-12-24T10:00:00+08:00"})
    second = sim.get(url, {"If-None-Match": first.headers["ETag"]})
    assert second.status == 304
    assert sim.get(url).text.split('<span id="nowTime">', 1)[1].split("<", 1)[0] != clock


def test_later_pages_and_apis_carry_validators_but_the_hanweb_proxy_does_not(sim: SimClient) -> None:
    page2 = sim.get("https://www.most.gov.cn/tztg/index_1.html")
    again = sim.get("https://www.most.gov.cn/tztg/index_1.html", {"If-None-Match": page2.headers["ETag"]})
    assert again.status == 304
    proxy = sim.post_form("/kjt.zj.gov.cn/module/jpage/dataproxy.jsp?startrecord=1&endrecord=45&perpage=15",
                          "columnid=1228971341&unitid=5339897")
    assert proxy.status == 200 and "ETag" not in proxy.headers and "Last-Modified" not in proxy.headers


def test_an_old_if_modified_since_gets_the_page(sim: SimClient) -> None:
    url = START["gd-kjt-notices"]
    modified = parsedate_to_datetime(sim.get(url).headers["Last-Modified"])
    earlier = format_datetime(modified.replace(year=modified.year - 1), usegmt=True)
    assert sim.get(url, {"If-Modified-Since": earlier}).status == 200
    assert sim.get(url, {"If-Modified-Since": "not a date"}).status == 200


def test_jpaas_shell_page_keeps_its_validators(sim: SimClient) -> None:
    url = "http://mpa.shandong.gov.cn/col/col101785/index.html"
    etag = sim.get(url).headers["ETag"]
    sim.post_json("/_sim/sources/sd-mpa-notices/publish")
    assert sim.get(url, {"If-None-Match": etag}).status == 304  # the shell holds no records: nothing changed
