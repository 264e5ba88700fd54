"""The simulator as the benchmarks run it: its own process, optionally a bigger corpus, and a log of every request.

`python -m bench.simserver [--history N] [--latency-ms MS]` prints `READY <url>` once it serves. Besides the simulator's own
endpoints it answers `GET /_bench/log` (every site request since the last reset: method, path, body, content
type, client port) and `POST /_bench/log/reset`. The bare-Scrapy peer replays that log, so it fetches exactly
what newswatch fetched. Nothing here changes the simulator's code: the corpus size is raised by replacing the
`history` of the simulated sources before the corpus is built, in this process only; answers can be delayed
(a site farther away); and Nagle's algorithm is off on its sockets (see RecordingHandler).
"""

from __future__ import annotations

import argparse
import base64
import dataclasses
import io
import json
import os
import signal
import subprocess
import sys
import threading
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from bench.common import REPO_ROOT, log

_OPENER = urllib.request.build_opener(urllib.request.ProxyHandler({}))


def list_capacity(source_id: str) -> int | None:
    """How many entries a full crawl of the catalog source can page through (paging.max_pages), if it is known."""
    from crawler.config.catalog import load_catalog

    source = load_catalog().get(source_id)
    if source is None:
        return None
    paging = source.paging
    # Only a classic Hanweb column fetches group_size pages per request; auto-detected columns may be jpaas.
    per_page = paging.per_page * (paging.group_size if source.family == "hanweb-classic" else 1)
    return paging.max_pages * per_page


def enlarge_corpus(history: int) -> list[str]:
    """Give every simulated source `history` articles (never more than 90% of what its catalog paging
    reaches, so a full crawl can still store them all); returns `id=count` of the sources enlarged."""
    from simulator import sites

    enlarged = []
    for source_id, source in list(sites.SOURCES.items()):
        if dataclasses.is_dataclass(source) and hasattr(source, "history"):
            capacity = list_capacity(source_id)
            wanted = min(history, int(capacity * 0.9)) if capacity else history
            if wanted > source.history:
                sites.SOURCES[source_id] = dataclasses.replace(source, history=wanted)
                enlarged.append(f"{source_id}={wanted}")
    return enlarged


def serve(port: int, history: int, latency_ms: float = 0.0, copies: int = 0, copy_history: int = 10) -> None:
    from simulator.server import SimulatorHandler, make_server

    enlarged = enlarge_corpus(history) if history else []
    if copies:
        from bench.replicas import replicate_sites, served_originals

        hosts = replicate_sites(copies, served_originals(), copy_history)
        enlarged.append(f"copies={copies} on {hosts} hosts")
    records: list[dict[str, Any]] = []
    lock = threading.Lock()

    class RecordingHandler(SimulatorHandler):
        # The simulator sends an answer's headers and body in two writes; with Nagle's algorithm on, the body
        # waits for the client's delayed ACK (40 ms on Linux) whenever the client is not sending: every
        # request of a crawl with any download delay. Real servers do not stall like that.
        disable_nagle_algorithm = True

        def _serve(self) -> None:  # type: ignore[override]
            if self.path.startswith("/_bench/"):
                self._bench_control()
                return
            length = int(self.headers.get("Content-Length") or 0)
            body = self.rfile.read(length) if length > 0 else b""
            if not self.path.startswith("/_sim/"):
                with lock:
                    records.append({
                        "method": self.command, "path": self.path,
                        "body": base64.b64encode(body).decode("ascii"),
                        "content_type": self.headers.get("Content-Type", ""),
                        "client_port": self.client_address[1], "t": time.time(),
                    })
            if latency_ms and not self.path.startswith("/_sim/"):
                time.sleep(latency_ms / 1000)  # a site farther away than this machine (one thread per request)
            # The simulator's own handler reads the body again: hand it the bytes already read.
            real = self.rfile
            self.rfile = io.BytesIO(body)
            try:
                super()._serve()
            finally:
                self.rfile = real

        def _bench_control(self) -> None:
            with lock:
                if self.path.startswith("/_bench/log/reset"):
                    records.clear()
                    payload: Any = {"ok": True}
                else:
                    payload = list(records)
            data = json.dumps(payload).encode()
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

    server = make_server(port)
    server.RequestHandlerClass = RecordingHandler
    print(f"READY {server.base_url} enlarged={','.join(enlarged)}", flush=True)
    signal.signal(signal.SIGTERM, lambda *_: threading.Thread(target=server.shutdown, daemon=True).start())
    try:
        server.serve_forever(poll_interval=0.1)
    finally:
        server.server_close()


@dataclass
class SimProcess:
    url: str
    process: subprocess.Popen[str]

    def get(self, path: str) -> Any:
        with _OPENER.open(self.url + path, timeout=120) as answer:
            return json.load(answer)

    def post(self, path: str, payload: dict[str, Any] | None = None) -> Any:
        request = urllib.request.Request(self.url + path, data=json.dumps(payload or {}).encode(),
                                         headers={"Content-Type": "application/json"}, method="POST")
        with _OPENER.open(request, timeout=120) as answer:
            return json.load(answer)

    def served_sources(self) -> list[str]:
        return list(self.get("/_sim/sources")["sources"])

    def truth(self) -> dict[str, list[dict[str, Any]]]:
        return self.get("/_sim/truth")["sources"]

    def request_log(self) -> list[dict[str, Any]]:
        return self.get("/_bench/log")

    def reset_logs(self) -> None:
        self.post("/_bench/log/reset")
        self.post("/_sim/requests/reset")


@contextmanager
def simulator_process(history: int = 0, latency_ms: float = 0.0, copies: int = 0,
                      copy_history: int = 10) -> Iterator[SimProcess]:
    """A simulator in a child process (its CPU use does not share a GIL with the code being measured); `copies`:
    that many synthetic sources besides the catalog's (bench/replicas.py), `copy_history` articles each."""
    command = [sys.executable, "-m", "bench.simserver", "--port", "0", "--history", str(history),
               "--latency-ms", str(latency_ms), "--copies", str(copies), "--copy-history", str(copy_history)]
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [str(REPO_ROOT), os.environ.get("PYTHONPATH")]))}
    process = subprocess.Popen(command, cwd=REPO_ROOT, env=env, stdout=subprocess.PIPE, text=True)
    try:
        assert process.stdout is not None
        line = process.stdout.readline()
        if not line.startswith("READY "):
            raise RuntimeError(f"the simulator did not start (exit code {process.wait()}); see the error above")
        parts = line.split()
        url, extra = parts[1], " ".join(parts[2:])
        log(f"simulator at {url} (history {history or 'default'}, latency {latency_ms:g} ms; {extra})")
        yield SimProcess(url, process)
    finally:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.simserver")
    parser.add_argument("--port", type=int, default=0)
    parser.add_argument("--history", type=int, default=0, help="at least this many articles per source")
    parser.add_argument("--latency-ms", type=float, default=0.0, help="wait this long before answering a site request")
    parser.add_argument("--copies", type=int, default=0, help="serve this many synthetic copies of catalog sources")
    parser.add_argument("--copy-history", type=int, default=10, help="articles of each copy")
    args = parser.parse_args()
    serve(args.port, args.history, args.latency_ms, args.copies, args.copy_history)


if __name__ == "__main__":
    main()
