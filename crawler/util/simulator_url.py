"""Where a real-site URL is served by the bundled simulator (kept free of Scrapy: the runner's probe uses it)."""

from __future__ import annotations

import json
import urllib.request
from typing import Any
from urllib.parse import urlsplit


def to_simulator_url(simulator: str, real_url: str) -> str:
    """https://kjt.zj.gov.cn/col/x.html -> http://127.0.0.1:PORT/kjt.zj.gov.cn/col/x.html"""
    parts = urlsplit(real_url)
    tail = parts.path or "/"
    if parts.query:
        tail += "?" + parts.query
    return f"{simulator.rstrip('/')}/{parts.hostname}{tail}"


def simulator_json(simulator: str, path: str, timeout: float = 30) -> Any:
    """The JSON answer of one of the simulator's control endpoints (path like "/_sim/truth")."""
    with urllib.request.urlopen(f"{simulator.rstrip('/')}{path}", timeout=timeout) as answer:
        return json.load(answer)
