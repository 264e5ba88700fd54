"""One GET outside a crawl (`sources add`): the simulator's routing, robots.txt, error answers, the size cap."""

from __future__ import annotations

import pytest

from crawler.util.fetch import Fetcher, FetchFailed
from simulator.harness import SimClient

UA = "newswatch/0.1 (+policy monitoring; contact: test)"


def test_real_urls_are_asked_of_the_simulator(sim: SimClient) -> None:
    fetcher = Fetcher(UA, 10, 1 << 20, sim.base_url, delay=0)
    page = fetcher.get("https://www.most.gov.cn/tztg/index.html")
    assert page.url == "https://www.most.gov.cn/tztg/index.html" and page.status == 200 and b"info_list2" in page.body
    assert not page.truncated
    assert fetcher.get("https://www.most.gov.cn/no/such/page.html").status == 404
    assert fetcher.robots_allow("https://kjt.zj.gov.cn/col/col1228971341/index.html")  # User-agent: * Allow: /
    assert fetcher.robots_allow("https://www.most.gov.cn/tztg/index.html")  # robots.txt answers 404


def test_answers_are_capped_at_max_bytes(sim: SimClient) -> None:
    page = Fetcher(UA, 10, 1000, sim.base_url, delay=0).get("https://www.most.gov.cn/tztg/index.html")
    assert page.truncated and len(page.body) == 1000


def test_robots_rules_are_obeyed(monkeypatch: pytest.MonkeyPatch, sim: SimClient) -> None:
    fetcher = Fetcher(UA, 10, 1 << 20, sim.base_url, delay=0)
    import crawler.util.fetch as fetch

    real_get = Fetcher._get

    def get(self: Fetcher, url: str) -> fetch.Fetched:
        if url.endswith("/robots.txt"):
            return fetch.Fetched(url, 200, {}, b"User-agent: newswatch\nDisallow: /col/\n", False)
        return real_get(self, url)

    monkeypatch.setattr(Fetcher, "_get", get)
    assert not fetcher.robots_allow("https://kjt.zj.gov.cn/col/col1228971341/index.html")
    assert fetcher.robots_allow("https://kjt.zj.gov.cn/art/2025/1/1/art_1_1.html")


def test_no_answer_is_fetch_failed() -> None:
    with pytest.raises(FetchFailed, match="127.0.0.1 did not answer"):
        Fetcher(UA, 2, 1000, delay=0).get("http://127.0.0.1:9/")
