"""One plain HTTP GET outside a crawl (`newswatch sources add`): the project's User-Agent, a timeout, a size cap,
robots.txt asked first, and the simulator's routing when one is configured."""

from __future__ import annotations

import http.client
import time
import urllib.error
import urllib.request
import urllib.robotparser
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from crawler.extract.decode import charset_of
from crawler.util.simulator_url import to_simulator_url

ACCEPT = "text/html,application/xhtml+xml,application/json,application/xml;q=0.9,*/*;q=0.8"


class FetchFailed(Exception):
    """No answer at all (name lookup, connection, timeout, TLS): a crawl would find the source unreachable."""


@dataclass(frozen=True)
class Fetched:
    url: str  # the real URL asked for (not its simulator twin)
    status: int
    headers: dict[str, str]
    body: bytes
    truncated: bool  # the answer was longer than max_bytes and was cut there

    @property
    def charset(self) -> str | None:
        """The charset the Content-Type header names, if any (decode_html weighs it against the bytes)."""
        return charset_of(next((v for k, v in self.headers.items() if k.lower() == "content-type"), None))


@dataclass
class Fetcher:
    """GETs at most one request a `delay` per host, as crawls do (about one a second on the real sites)."""

    user_agent: str
    timeout: float
    max_bytes: int
    simulator: str | None = None
    delay: float = 1.0
    _last: dict[str, float] = field(default_factory=dict, repr=False)
    _robots: dict[str, urllib.robotparser.RobotFileParser | None] = field(default_factory=dict, repr=False)

    def get(self, url: str) -> Fetched:
        host = urlsplit(url).netloc
        wait = self._last.get(host, -self.delay) + self.delay - time.monotonic()
        if wait > 0:
            time.sleep(wait)
        try:
            return self._get(url)
        finally:
            self._last[host] = time.monotonic()

    def _get(self, url: str) -> Fetched:
        target = to_simulator_url(self.simulator, url) if self.simulator else url
        request = urllib.request.Request(target, headers={"User-Agent": self.user_agent, "Accept": ACCEPT})
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as answer:
                return self._read(url, answer.status, dict(answer.headers), answer)
        except urllib.error.HTTPError as error:  # 4xx/5xx still carry a page (a challenge, an error page)
            with error:
                return self._read(url, error.code, dict(error.headers or {}), error)
        except (urllib.error.URLError, http.client.HTTPException, OSError, ValueError) as exc:
            reason = getattr(exc, "reason", None) or exc
            raise FetchFailed(f"{urlsplit(url).hostname} did not answer: {reason}") from None

    def _read(self, url: str, status: int, headers: dict[str, str], answer: object) -> Fetched:
        try:
            body = answer.read(self.max_bytes + 1)  # type: ignore[attr-defined]
        except (http.client.HTTPException, OSError) as exc:
            raise FetchFailed(f"{urlsplit(url).hostname} broke off its answer: {exc}") from None
        return Fetched(url, status, headers, body[: self.max_bytes], len(body) > self.max_bytes)

    def robots_allow(self, url: str) -> bool:
        """What the site's robots.txt says about `url` for this User-Agent, as crawls obey it: a robots.txt that
        is missing or cannot be read allows everything."""
        parts = urlsplit(url)
        site = f"{parts.scheme}://{parts.netloc}"
        if site not in self._robots:
            self._robots[site] = None
            try:
                answer = self.get(f"{site}/robots.txt")
            except FetchFailed:
                answer = None
            if answer is not None and answer.status == 200:
                rules = urllib.robotparser.RobotFileParser()
                rules.parse(answer.body.decode("utf-8", "replace").splitlines())
                self._robots[site] = rules
        rules = self._robots[site]
        return rules is None or rules.can_fetch(self.user_agent, url)
