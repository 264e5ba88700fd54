"""The simulator server: request log and concurrency, HEAD, keep-alive, and the `run` entry point."""

from __future__ import annotations

import http.client
import re
import subprocess
import sys
import threading

from simulator.harness import SimClient
from tests.daemonfixtures import wait_for

COLUMN = "/kjt.zj.gov.cn/col/col1228971341/index.html"
PROXY = "/kjt.zj.gov.cn/module/jpage/dataproxy.jsp?startrecord=46&endrecord=90&perpage=15"
FORM = ("col=1&appid=1&webid=3387&path=/&columnid=1228971341&sourceContentType=1&unitid=5339897"
        "&permissiontype=0")




def test_request_log_counts_by_host_source_and_kind(sim: SimClient) -> None:
    articles = sim.truth("zj-kjt-notices")
    sim.get(COLUMN)
    sim.post_form(PROXY, FORM)
    for article in articles[:3]:
        sim.get(article["url"])
    sim.get(sim.truth("zj-mpa-inspections")[0]["url"])
    sim.get("/kjt.zj.gov.cn/robots.txt")
    log = sim.requests_log()
    assert log["total"] == 7  # control and index requests are not counted
    assert log["by_host"] == {"kjt.zj.gov.cn": 6, "mpa.zj.gov.cn": 1}
    assert log["by_source"]["zj-kjt-notices"] == {"list": 1, "proxy": 1, "detail": 3, "attachment": 0}
    assert log["by_source"]["zj-mpa-inspections"]["detail"] == 1
    assert log["max_concurrency_by_host"] == {"kjt.zj.gov.cn": 1, "mpa.zj.gov.cn": 1}
    assert sim.post_json("/_sim/requests/reset").json() == {"ok": True}
    assert sim.requests_log()["total"] == 0


def test_max_concurrency_is_measured_per_host(sim: SimClient) -> None:
    sim.post_json("/_sim/sources/zj-kjt-notices/mode", {"mode": "slow", "delay": 0.4})
    threads = [threading.Thread(target=sim.get, args=(COLUMN,)) for _ in range(3)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    log = sim.requests_log()
    assert log["max_concurrency_by_host"]["kjt.zj.gov.cn"] >= 2
    assert log["by_source"]["zj-kjt-notices"]["list"] == 3


def test_head_and_keep_alive(sim: SimClient) -> None:
    host, port = sim.base_url.removeprefix("http://").split(":")
    connection = http.client.HTTPConnection(host, int(port), timeout=10)
    try:
        connection.request("HEAD", COLUMN)
        head = connection.getresponse()
        assert head.status == 200 and int(head.headers["Content-Length"]) > 1000 and head.read() == b""
        connection.request("GET", COLUMN)  # the same connection again: HTTP/1.1 keep-alive
        again = connection.getresponse()
        assert again.status == 200 and len(again.read()) == int(again.headers["Content-Length"])
        assert again.headers["Server"] == "nginx"
    finally:
        connection.close()


def test_run_prints_its_address_and_serves() -> None:
    code = "from simulator.server import run; run(0)"
    process = subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE, text=True)
    try:
        line = process.stdout.readline() if process.stdout else ""
        match = re.fullmatch(r"simulator listening on (http://127\.0\.0\.1:\d+)\n", line)
        assert match, line
        assert SimClient(match[1]).get("/_sim/truth?source=zj-kjt-policy").status == 200
    finally:
        process.terminate()
        process.wait(timeout=10)


def test_a_reset_ends_answers_held_back_by_a_slow_mode_before_anything_else_runs(sim: SimClient) -> None:
    """A client gone mid-answer (a killed crawl) must not leave a slow answer running into the next test."""
    sim.post_json("/_sim/sources/zj-kjt-notices/mode", {"mode": "slow", "delay": 120})
    answered = threading.Event()
    held = threading.Thread(target=lambda: (sim.get(COLUMN), answered.set()), daemon=True)
    held.start()
    wait_for(lambda: sim.requests_log()["by_source"]["zj-kjt-notices"]["list"] == 1, 10, "the list request")
    sim.reset()  # returns only once no request is being answered
    held.join(10)
    assert answered.is_set()  # well before its 120 s
    sim.get(sim.truth("zj-mpa-inspections")[0]["url"])
    assert sim.requests_log()["max_concurrency_by_host"] == {"mpa.zj.gov.cn": 1}
