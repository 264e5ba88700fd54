"""One conditional GET of a list page from the runner (the list probe), with urllib3: no Scrapy start-up.

It asks the way a crawl child would: the same User-Agent, the validators the last clean crawl kept, the
download timeout and size limit, certificates not verified (as Scrapy's default context factory), the weak
ciphers only for sources marked `tls_lenient`, and no redirect followed (a 3xx is handed to the crawl child,
whose redirect middleware follows it as it would have). One connection per host (maxsize=1, blocking).
"""

from __future__ import annotations

import base64
import ssl
from dataclasses import dataclass, field
from typing import Any

import urllib3

from crawler.util.simulator_url import to_simulator_url

LENIENT_TLS_CIPHERS = "DEFAULT:@SECLEVEL=0"
# As a crawl child asks (Scrapy's defaults): a server may keep validators per encoding.
REQUEST_HEADERS = {"Accept": "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8",
                   "Accept-Language": "en", "Accept-Encoding": "gzip, deflate"}
# Connection and transfer headers describe this transfer only; the crawl child gets the decoded body.
HOP_HEADERS = frozenset({"connection", "keep-alive", "transfer-encoding", "content-encoding", "content-length"})


@dataclass(frozen=True)
class ProbeAnswer:
    """What a list page answered the probe; status None: no answer at all (`error` says why)."""

    url: str  # the real URL (never the simulator's)
    status: int | None
    headers: list[tuple[str, str]] = field(default_factory=list)
    body: bytes = b""
    error: str = ""
    # A 200 whose page has the digest of the page the last crawl read (a server that sends no validators).
    same_page: bool = False

    @property
    def not_modified(self) -> bool:
        return self.status == 304

    @property
    def unchanged(self) -> bool:
        return self.not_modified or self.same_page

    def header(self, name: str) -> str | None:
        return next((v for k, v in self.headers if k.lower() == name.lower()), None)

    def handover(self) -> dict[str, Any]:
        """The answer as the crawl child takes it on stdin (crawler/scrapy_ext/probed_responses.py)."""
        return {"url": self.url, "status": self.status, "headers": self.headers,
                "body": base64.b64encode(self.body).decode("ascii")}


class ProbeFetcher:
    """Conditional GETs over pooled connections (one per host), shared by the runner's threads."""

    def __init__(self, user_agent: str, timeout: float, max_bytes: int, simulator: str | None = None) -> None:
        self.user_agent = user_agent
        self.timeout = timeout
        self.max_bytes = max_bytes
        self.simulator = simulator
        self._pools = {lenient: self._pool(lenient) for lenient in (False, True)}

    @staticmethod
    def _pool(lenient: bool) -> urllib3.PoolManager:
        context = ssl.create_default_context()
        context.check_hostname = False
        context.verify_mode = ssl.CERT_NONE
        if lenient:
            context.set_ciphers(LENIENT_TLS_CIPHERS)
        return urllib3.PoolManager(num_pools=64, maxsize=1, block=True, ssl_context=context,
                                   cert_reqs="CERT_NONE", retries=False)

    def target(self, url: str) -> str:
        """Where the request really goes: the real URL, or its twin on the simulator."""
        return to_simulator_url(self.simulator, url) if self.simulator else url

    def fetch(self, url: str, etag: str | None, modified: str | None, lenient: bool = False) -> ProbeAnswer:
        headers = {"User-Agent": self.user_agent, **REQUEST_HEADERS}
        if etag:
            headers["If-None-Match"] = etag
        if modified:
            headers["If-Modified-Since"] = modified
        try:
            answer = self._pools[lenient].request(
                "GET", self.target(url), headers=headers, redirect=False, preload_content=False,
                timeout=urllib3.Timeout(total=self.timeout),
            )
            try:
                body = answer.read(self.max_bytes + 1, decode_content=True)
            finally:
                answer.release_conn()
        except (urllib3.exceptions.HTTPError, OSError) as exc:
            return ProbeAnswer(url, None, error=f"{type(exc).__name__}: {exc}")
        if len(body) > self.max_bytes:
            return ProbeAnswer(url, None, error=f"the answer is larger than {self.max_bytes} bytes")
        kept = [(k, v) for k, v in answer.headers.items() if k.lower() not in HOP_HEADERS]
        return ProbeAnswer(url, answer.status, kept, body)

    def close(self) -> None:
        for pool in self._pools.values():
            pool.clear()
