"""Every source on every platform: lists page through the whole truth, and publish/edit/withdraw show."""

from __future__ import annotations

import pytest

from simulator.harness import SimClient
from simulator.sites import FEED, HOSTS, SOURCES
from tests.simulator.simkit import list_url, parse_entries, walk

NOT_FEED = [sid for sid, s in SOURCES.items() if s.family != FEED]



@pytest.mark.parametrize("source_id", list(SOURCES))
def test_lists_page_through_exactly_the_truth(sim: SimClient, source_id: str) -> None:
    truth = sim.truth(source_id)
    assert len(truth) >= 100
    answer = sim.get(f"/_sim/truth?source={source_id}").json()
    extras = {e["url"] for e in answer["non_articles"][source_id]}
    seen = walk(sim, source_id)
    urls = {url for url, _ in seen}
    if SOURCES[source_id].family == FEED:
        assert [url for url, _ in seen] == [a["url"] for a in truth[:50]]  # the feed shows the newest 50
        return
    assert urls - extras == {a["url"] for a in truth}
    assert urls & extras == extras  # off-site links and bare PDFs are listed, but are not articles
    first_page = parse_entries(source_id, list_url(source_id), sim.get(list_url(source_id)))
    assert len(seen) > 2 * len(first_page) - 2  # more than one page


@pytest.mark.parametrize("source_id", list(SOURCES))
def test_article_pages_and_sources_summary(sim: SimClient, source_id: str) -> None:
    truth = sim.truth(source_id)
    host = HOSTS[SOURCES[source_id].host]
    for article in truth[:2] + truth[-1:]:
        assert article["url"].startswith(host.base_url + "/")
        page = sim.get(article["url"])
        assert page.status == 200 and page.headers["Content-Type"] == "text/html"
        assert article["title"] in page.body.decode("gbk" if source_id == "bj-kw-notices" else "utf-8")
    summary = sim.get("/_sim/sources").json()["sources"][source_id]
    assert summary["family"] == SOURCES[source_id].family and summary["mode"]["mode"] == "ok"
    assert summary["articles"] == len(truth)
    assert summary["column_url"] == host.base_url + SOURCES[source_id].column_path


@pytest.mark.parametrize("source_id", NOT_FEED)
def test_publish_edit_withdraw_show_on_the_first_list_page(sim: SimClient, source_id: str) -> None:
    title = "关于开展2027年度细胞治疗临床研究项目申报工作的通知"
    fresh = sim.post_json(f"/_sim/sources/{source_id}/publish", {"title": title, "kind": "notice"}).json()
    first = list_url(source_id)
    entries = parse_entries(source_id, first, sim.get(first))
    assert (fresh["url"], title) in entries[:3]  # newest first (a Lonsun list keeps its pinned rows above)
    page = sim.get(fresh["url"])
    encoding = "gbk" if source_id == "bj-kw-notices" else "utf-8"
    assert page.status == 200 and title in page.body.decode(encoding)
    sim.post_json(f"/_sim/sources/{source_id}/edit", {"id": fresh["id"], "title": title + "（更正）"})
    assert (fresh["url"], title + "（更正）") in parse_entries(source_id, first, sim.get(first))
    sim.post_json(f"/_sim/sources/{source_id}/withdraw", {"id": fresh["id"]})
    assert fresh["url"] not in {url for url, _ in parse_entries(source_id, first, sim.get(first))}
    assert sim.get(fresh["url"]).status == 404


def test_feed_shows_publish_and_withdraw(sim: SimClient) -> None:
    source_id = "zj-kjt-worknews-feed"
    fresh = sim.post_json(f"/_sim/sources/{source_id}/publish", {"title": "省科技厅召开合成生物产业推进会"}).json()
    feed = list_url(source_id)
    assert parse_entries(source_id, feed, sim.get(feed))[0] == (fresh["url"], "省科技厅召开合成生物产业推进会")
    sim.post_json(f"/_sim/sources/{source_id}/withdraw", {"id": fresh["id"]})
    assert fresh["url"] not in {url for url, _ in parse_entries(source_id, feed, sim.get(feed))}


def test_request_log_counts_lists_and_details_of_every_family(sim: SimClient) -> None:
    sim.post_json("/_sim/requests/reset")
    for source_id in SOURCES:
        sim.get(list_url(source_id))
        sim.get(sim.truth(source_id)[0]["url"])
    log = sim.requests_log()
    for source_id in SOURCES:
        assert log["by_source"][source_id]["list"] + log["by_source"][source_id]["proxy"] == 1, source_id
        assert log["by_source"][source_id]["detail"] == 1, source_id
    assert set(log["max_concurrency_by_host"]) == set(HOSTS)
    assert all(peak == 1 for peak in log["max_concurrency_by_host"].values())
    assert log["total"] == 2 * len(SOURCES)
