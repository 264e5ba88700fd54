"""Run a simulator in a background thread and talk to it over loopback HTTP (for tests and the demo)."""

from __future__ import annotations

import json
import threading
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, datetime
from email.message import Message
from typing import Any
from urllib.parse import urlsplit

from simulator.corpus import DEFAULT_ANCHOR, DEFAULT_SEED
from simulator.server import make_server

# No proxies: an http_proxy variable in the environment must never route loopback traffic elsewhere.
_OPENER = urllib.request.build_opener(urllib.request.ProxyHandler({}))


@dataclass
class Fetched:
    status: int
    headers: Message
    body: bytes

    @property
    def text(self) -> str:
        return self.body.decode("utf-8")

    def json(self) -> Any:
        return json.loads(self.body.decode("utf-8"))


class SimClient:
    """A tiny HTTP client bound to one running simulator."""

    def __init__(self, base_url: str, timeout: float = 30.0) -> None:
        self.base_url = base_url.rstrip("/")
        self.timeout = timeout

    def sim_url(self, real_url: str) -> str:
        """https://kjt.zj.gov.cn/col/x.html -> http://127.0.0.1:PORT/kjt.zj.gov.cn/col/x.html"""
        parts = urlsplit(real_url)
        query = f"?{parts.query}" if parts.query else ""
        return f"{self.base_url}/{parts.hostname}{parts.path or '/'}{query}"

    def request(self, target: str, data: bytes | None = None, method: str | None = None,
                headers: dict[str, str] | None = None) -> Fetched:
        """`target` is a simulator path (/kjt.zj.gov.cn/…, /_sim/…) or a real http(s):// URL."""
        url = self.sim_url(target) if target.startswith(("https://", "http://")) else self.base_url + target
        request = urllib.request.Request(url, data=data, method=method, headers=headers or {})
        try:
            with _OPENER.open(request, timeout=self.timeout) as answer:
                return Fetched(answer.status, answer.headers, answer.read())
        except urllib.error.HTTPError as error:
            with error:
                return Fetched(error.code, error.headers, error.read())

    def get(self, target: str, headers: dict[str, str] | None = None) -> Fetched:
        return self.request(target, headers=headers)

    def post_form(self, target: str, form: str) -> Fetched:
        return self.request(target, form.encode("utf-8"), "POST",
                            {"Content-Type": "application/x-www-form-urlencoded; charset=UTF-8"})

    def post_json(self, target: str, value: Any = None) -> Fetched:
        body = json.dumps(value if value is not None else {}, ensure_ascii=False).encode("utf-8")
        return self.request(target, body, "POST", {"Content-Type": "application/json"})

    def post(self, path: str, value: Any = None) -> Any:
        """A control endpoint (/_sim/…): POST JSON, the decoded JSON answer."""
        return self.post_json(path, value).json()

    def truth(self, source_id: str) -> list[dict[str, Any]]:
        return self.get(f"/_sim/truth?source={source_id}").json()["sources"][source_id]

    def requests_log(self) -> dict[str, Any]:
        return self.get("/_sim/requests").json()

    def reset(self) -> None:
        self.post_json("/_sim/reset")
        self.post_json("/_sim/requests/reset")


@contextmanager
def running_simulator(
    anchor: date | datetime = DEFAULT_ANCHOR, seed: int = DEFAULT_SEED
) -> Iterator[SimClient]:
    """A simulator on 127.0.0.1 and a free port for the duration of the block."""
    server = make_server(0, "127.0.0.1", anchor, seed)
    # A short poll interval makes shutdown() return quickly, which keeps test teardown fast.
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05},
                              name="newswatch-simulator", daemon=True)
    thread.start()
    try:
        yield SimClient(server.base_url)
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)
