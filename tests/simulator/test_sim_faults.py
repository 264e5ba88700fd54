"""Per-source failure modes: challenges, 403, empty shell, proxy 404, slow answers, 5xx and Retry-After."""

from __future__ import annotations

import time

import pytest

from simulator.faults import FaultModes
from simulator.harness import SimClient

COLUMN = "/mpa.zj.gov.cn/col/col1228972437/index.html"
OTHER_COLUMN = "/mpa.zj.gov.cn/col/col1228972439/index.html"
PROXY = "/mpa.zj.gov.cn/module/jpage/dataproxy.jsp?startrecord=1&endrecord=45&perpage=15"
FORM = ("col=1&appid=1&webid=3396&path=/&columnid=1228972437&sourceContentType=1&unitid=7543749"
        "&permissiontype=0")




def _mode(sim: SimClient, mode: str, **extra: object) -> None:
    answer = sim.post_json("/_sim/sources/zj-mpa-notices/mode", {"mode": mode, **extra})
    assert answer.status == 200 and answer.json()["mode"] == mode


def _article(sim: SimClient) -> str:
    return sim.truth("zj-mpa-notices")[0]["url"]


def test_blocked_412_challenge_everywhere_for_that_source(sim: SimClient) -> None:
    _mode(sim, "blocked-412")
    for answer in (sim.get(COLUMN), sim.get(_article(sim)), sim.post_form(PROXY, FORM)):
        assert answer.status == 412
        cookies = " ".join(answer.headers.get_all("Set-Cookie"))
        assert "acw_tc=" in cookies and "NfBCSins2OywS=" in cookies
        assert "$_ts" in answer.text and "r='m'" in answer.text and ".js\" r='m'></script>" in answer.text
    assert sim.get(OTHER_COLUMN).status == 200  # the other column of the same host is unaffected


def test_blocked_521_and_forbidden_403(sim: SimClient) -> None:
    _mode(sim, "blocked-521")
    answer = sim.get(COLUMN)
    assert answer.status == 521 and "__jsl_clearance_s=" in answer.text
    assert "__jsluid_s=" in answer.headers["Set-Cookie"]
    _mode(sim, "forbidden-403")
    assert sim.get(_article(sim)).status == 403


def test_empty_shell_has_no_datastore_but_articles_work(sim: SimClient) -> None:
    _mode(sim, "empty-shell")
    shell = sim.get(COLUMN)
    assert shell.status == 200 and "<datastore>" not in shell.text and "<record>" not in shell.text
    assert "jpage(" not in shell.text and '<meta name="ColumnName"' in shell.text
    assert sim.get(_article(sim)).status == 200
    assert "<record>" in sim.post_form(PROXY, FORM).text


def test_proxy_404_leaves_column_page(sim: SimClient) -> None:
    _mode(sim, "proxy-404")
    assert sim.post_form(PROXY, FORM).status == 404
    assert sim.get(COLUMN).status == 200


def test_slow_delays_every_response_of_the_source(sim: SimClient) -> None:
    _mode(sim, "slow", delay=0.3)
    started = time.perf_counter()
    assert sim.get(COLUMN).status == 200
    assert time.perf_counter() - started >= 0.3  # a lower bound: the answer waited out the delay
    assert sim.get(OTHER_COLUMN).status == 200


def test_slow_is_decided_per_source() -> None:
    """Which answers wait is the fault layer's verdict; checked there, not by timing a busy machine."""
    modes = FaultModes(["zj-mpa-notices", "zj-mpa-inspections"])
    modes.set("zj-mpa-notices", {"mode": "slow", "delay": 0.3})
    assert all(modes.judge("zj-mpa-notices", kind).delay == 0.3 for kind in ("list", "detail"))
    assert modes.judge("zj-mpa-inspections", "list").delay == 0.0


def test_server_error_for_count_requests_then_ok(sim: SimClient) -> None:
    _mode(sim, "server-error", count=2)
    assert [sim.get(COLUMN).status for _ in range(3)] == [503, 503, 200]
    assert sim.get("/_sim/sources").json()["sources"]["zj-mpa-notices"]["mode"]["mode"] == "ok"


def test_retry_after_for_count_requests(sim: SimClient) -> None:
    _mode(sim, "retry-after", count=2)
    answers = [sim.get(COLUMN) for _ in range(2)]
    assert sorted(a.status for a in answers) == [429, 503]
    assert all(a.headers["Retry-After"] == "1" for a in answers)
    assert sim.get(COLUMN).status == 200


def test_html_attachments_answer_a_page_for_every_file_of_the_source(sim: SimClient) -> None:
    article = next(a for a in sim.truth("zj-mpa-notices") if a["attachments"])
    file_url = article["attachments"][0]["url"]
    assert not sim.get(file_url).body.lstrip().startswith(b"<")  # the file itself
    _mode(sim, "html-attachments")
    answer = sim.get(file_url)
    assert answer.status == 200 and answer.body.startswith(b"<!DOCTYPE html>") and "不存在" in answer.text
    assert sim.get(article["url"]).status == 200 and sim.get(COLUMN).status == 200  # pages as usual


def test_mode_ok_and_reset_restore(sim: SimClient) -> None:
    _mode(sim, "forbidden-403")
    _mode(sim, "ok")
    assert sim.get(COLUMN).status == 200
    _mode(sim, "forbidden-403")
    sim.post_json("/_sim/reset")
    assert sim.get(COLUMN).status == 200


@pytest.mark.parametrize(
    "body",
    [{"mode": "sideways"}, {"mode": "slow", "delay": -1}, {"mode": "server-error", "count": 0},
     {"mode": "ok", "colour": 1}],
)
def test_bad_mode_requests(sim: SimClient, body: dict[str, object]) -> None:
    assert sim.post_json("/_sim/sources/zj-mpa-notices/mode", body).status == 400
