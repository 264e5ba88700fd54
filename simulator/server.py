"""The simulator's HTTP server: one ThreadingHTTPServer for every simulated host, plus the CLI entry point."""

from __future__ import annotations

import logging
import sys
from datetime import date, datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from simulator.corpus import DEFAULT_ANCHOR, DEFAULT_SEED
from simulator.reply import Reply, text_reply
from simulator.routing import answer
from simulator.state import Simulator

log = logging.getLogger("newswatch.simulator")
REASONS = {521: "Web Server Is Down"}  # not in http.HTTPStatus; 加速乐 uses it for its challenge


class SimulatorServer(ThreadingHTTPServer):
    """Serves http://HOST:PORT/<real host>/<real path>; `sim` holds the state shared by all threads."""

    daemon_threads = True  # keep-alive connections must not keep the process (or a test) alive

    def __init__(self, address: tuple[str, int], sim: Simulator) -> None:
        self.sim = sim
        super().__init__(address, SimulatorHandler)

    @property
    def base_url(self) -> str:
        host, port = self.server_address[:2]
        return f"http://{host}:{port}"

    def handle_error(self, request: object, client_address: object) -> None:
        # A client that vanished mid-request (a crawl child killed on purpose) is no server error.
        if isinstance(sys.exc_info()[1], (ConnectionResetError, BrokenPipeError)):
            log.debug("client %s went away", client_address)
            return
        super().handle_error(request, client_address)  # type: ignore[arg-type]


class SimulatorHandler(BaseHTTPRequestHandler):
    # HTTP/1.1 with Content-Length on every answer, so Scrapy can keep connections open like on real sites.
    protocol_version = "HTTP/1.1"
    timeout = 30  # seconds an idle keep-alive connection may wait for its next request
    server: SimulatorServer

    def version_string(self) -> str:
        return "nginx"

    def do_GET(self) -> None:
        self._serve()

    def do_HEAD(self) -> None:
        self._serve()

    def do_POST(self) -> None:
        self._serve()

    def _serve(self) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length > 0 else b""
        try:
            content_type = self.headers.get("Content-Type", "")
            headers = dict(self.headers.items())
            reply = answer(self.server.sim, self.command, self.path, body, content_type, headers)
        except Exception:  # the boundary of one request: log it, answer 500, keep serving the others
            log.exception("simulator failed on %s %s", self.command, self.path)
            reply = text_reply("simulator internal error (see its log)\n", 500)
        self._send(reply)

    def _send(self, reply: Reply) -> None:
        try:
            self.send_response(reply.status, REASONS.get(reply.status))
            self.send_header("Content-Type", reply.content_type)
            self.send_header("Content-Length", str(len(reply.body)))
            for name, value in reply.headers:
                self.send_header(name, value)
            self.end_headers()
            if self.command != "HEAD":
                self.wfile.write(reply.body)
        except (BrokenPipeError, ConnectionResetError):
            # The client gave up (a crawler timing out on a slow source): nothing left to answer.
            self.close_connection = True

    def log_message(self, format: str, *args: object) -> None:
        log.debug("%s - %s", self.address_string(), format % args)


def make_server(
    port: int = 0,
    host: str = "127.0.0.1",
    anchor: date | datetime = DEFAULT_ANCHOR,
    seed: int = DEFAULT_SEED,
) -> SimulatorServer:
    """A ready (bound, not yet serving) simulator; call serve_forever() on it, e.g. in a thread."""
    return SimulatorServer((host, port), Simulator.create(anchor, seed))


def run(port: int, host: str = "127.0.0.1") -> None:
    """Serve until interrupted (the `newswatch sim` command)."""
    server = make_server(port, host)
    print(f"simulator listening on {server.base_url}", flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        print("simulator stopped", flush=True)
    finally:
        server.server_close()


def serve_forever(port: int, host: str = "127.0.0.1") -> None:
    run(port, host)
