"""Many hosts for the distributed benchmark: a proxy that serves mirrors of the simulated sites under new host names.

`python -m bench.host_mirror UPSTREAM_URL MAPPING.json` serves `/<mirror host>/<path>` from the simulator's
`/<real host>/<path>` and writes the mirror host name over the real one in every answer, so a mirrored
source is a site of its own: its own URLs, its own articles, its own politeness. It prints `READY <url>`
once it listens, and answers `GET /_mirror/concurrency` with the highest number of requests it saw in
flight per mirror host (the politeness check of the benchmark). Nothing in the simulator changes.
"""

from __future__ import annotations

import json
import sys
import threading
import urllib.error
import urllib.request
from collections import Counter
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

_OPENER = urllib.request.build_opener(urllib.request.ProxyHandler({}))
PASSED_HEADERS = ("Content-Type", "If-None-Match", "If-Modified-Since", "User-Agent", "Accept")


class MirrorState:
    def __init__(self, upstream: str, mapping: dict[str, str]) -> None:
        self.upstream = upstream.rstrip("/")
        self.mapping = mapping  # mirror host -> real host
        self.lock = threading.Lock()
        self.in_flight: Counter[str] = Counter()
        self.peak: Counter[str] = Counter()

    def enter(self, host: str) -> None:
        with self.lock:
            self.in_flight[host] += 1
            self.peak[host] = max(self.peak[host], self.in_flight[host])

    def leave(self, host: str) -> None:
        with self.lock:
            self.in_flight[host] -= 1


def make_handler(state: MirrorState) -> type[BaseHTTPRequestHandler]:
    class MirrorHandler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def do_GET(self) -> None:
            self._relay()

        def do_POST(self) -> None:
            self._relay()

        def _relay(self) -> None:
            length = int(self.headers.get("Content-Length") or 0)
            body = self.rfile.read(length) if length else None
            if self.path.startswith("/_mirror/concurrency"):
                with state.lock:
                    self._answer(200, [("Content-Type", "application/json")], json.dumps(dict(state.peak)).encode())
                return
            mirror, _, rest = self.path.lstrip("/").partition("/")
            real = state.mapping.get(mirror)
            target = f"{state.upstream}/{real or mirror}/{rest}"
            headers = {k: v for k, v in self.headers.items() if k in PASSED_HEADERS}
            state.enter(mirror)
            try:
                status, reply_headers, data = self._fetch(target, body, headers)
            finally:
                state.leave(mirror)
            if real:
                data = data.replace(real.encode(), mirror.encode())
                reply_headers = [(k, v.replace(real, mirror)) for k, v in reply_headers]
            self._answer(status, reply_headers, data)

        def _fetch(self, target: str, body: bytes | None, headers: dict[str, str]) -> tuple[int, list[tuple[str, str]], bytes]:
            request = urllib.request.Request(target, data=body, headers=headers, method=self.command)
            try:
                with _OPENER.open(request, timeout=60) as answer:
                    return answer.status, list(answer.headers.items()), answer.read()
            except urllib.error.HTTPError as error:
                return error.code, list(error.headers.items()), error.read()

        def _answer(self, status: int, headers: list[tuple[str, str]], data: bytes) -> None:
            self.send_response(status)
            for name, value in headers:
                if name.lower() not in ("content-length", "transfer-encoding", "connection", "server", "date"):
                    self.send_header(name, value)
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def log_message(self, format: str, *args: Any) -> None:
            return  # the benchmark's output is its numbers; a line per request would drown them

    return MirrorHandler


def main() -> None:
    upstream, mapping_file = sys.argv[1], sys.argv[2]
    with open(mapping_file, encoding="utf-8") as handle:
        mapping = json.load(handle)
    server = ThreadingHTTPServer(("127.0.0.1", 0), make_handler(MirrorState(upstream, mapping)))
    server.daemon_threads = True
    print(f"READY http://127.0.0.1:{server.server_address[1]}", flush=True)
    server.serve_forever(poll_interval=0.2)


if __name__ == "__main__":
    main()
