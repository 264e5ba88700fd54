"""The list probe: the runner asks a source's first list pages conditionally before starting a crawl child.

Most checks of a watched column find nothing new; a crawl child costs about 1.2 CPU-s just to start (Scrapy,
the models, the known-item index), the probe a few milliseconds. The probe asks exactly the pages the last
clean crawl asked first (its `newswatch/probe_urls`), with the validators that crawl kept:

- every page answers 304, or (a server that sends no validators) 200 with the digest of the page the last crawl
  read (crawler/util/page_digest.py): the source is unchanged; the runner records an ok run and its health,
  no child;
- anything else (200, an error status, a redirect): a crawl child runs as before and gets the answers on its
  stdin, so no page is asked twice (crawler/scrapy_ext/probed_responses.py);
- no answer at all (timeout, refused): the crawl child runs and asks itself.

Assumption (the same the crawl child's own 304 makes): a list whose first page is unchanged holds nothing new
(lists are newest first). The safety net: a source is probed only while its last full check (a crawl child
reading its lists without validators, finishing clean) is under a day old (FULL_CHECK_EVERY), and never
while stored items are due for a re-check, the last run was not clean, or a page has no validators.

Politeness: a probe is a request to its host. It runs under the source's and the host's leases like a
crawl, obeys the robots.txt cached by crawl children (none cached: no probe, the child fetches it), waits the
source's download delay after the last request this runner sent to the host, and a Retry-After it hears
holds the crawl child back as long as the server asked (capped as in the child).
"""

from __future__ import annotations

import logging
import os
import threading
import time
import urllib.request
from collections.abc import Callable
from dataclasses import replace
from datetime import datetime, timedelta
from email.utils import parsedate_to_datetime
from urllib.parse import urlsplit

from sqlalchemy.orm import Session

from crawler.config.catalog import CatalogSource
from crawler.run.probe_fetch import ProbeAnswer, ProbeFetcher
from crawler.util.loopback import is_loopback_host
from crawler.util.page_digest import page_digest
from db.list_probe_state import ProbePlan, ProbeTarget, probe_plan
from db.robots import fresh_robots

logger = logging.getLogger("newswatch.probe")
FULL_CHECK_EVERY = timedelta(hours=24)
RETRY_AFTER_CAP_SECONDS = 300.0  # as crawler/scrapy_ext/retry_after.py caps it in a crawl child


class HostPacer:
    """When this runner may next send a request to each host (its politeness delay, a Retry-After)."""

    def __init__(self, clock: Callable[[], float] = time.monotonic) -> None:
        self._clock = clock
        self._next: dict[str, float] = {}
        self._lock = threading.Lock()

    def note(self, host: str, delay: float) -> None:
        """A request to `host` just ended: the next waits `delay`."""
        with self._lock:
            self._next[host] = max(self._next.get(host, 0.0), self._clock() + delay)

    def wait(self, host: str, stopping: threading.Event) -> bool:
        """Wait until `host` may be asked again; False when told to stop meanwhile."""
        with self._lock:
            due = self._next.get(host, 0.0)
        left = due - self._clock()
        return left <= 0 or not stopping.wait(left)


class ListProbe:
    def __init__(self, fetcher: ProbeFetcher, politeness_scale: float, stopping: threading.Event,
                 min_delay: float) -> None:
        self.fetcher = fetcher
        self.politeness_scale = politeness_scale
        self.stopping = stopping
        self.min_delay = min_delay
        self.pacer = HostPacer()

    def delay(self, source: CatalogSource) -> float:
        return max(source.politeness.download_delay * self.politeness_scale, self.min_delay)

    def plan(self, session: Session, source: CatalogSource, now: datetime) -> ProbePlan:
        """What to probe (or why a crawl child must run), in the transaction that starts the crawl."""
        plan = probe_plan(session, source.id, now, FULL_CHECK_EVERY)
        if not plan.targets:
            return plan
        refused = next(filter(None, (self.refusal(session, source, t, now) for t in plan.targets)), None)
        return ProbePlan(reason=refused) if refused else plan

    def refusal(self, session: Session, source: CatalogSource, target: ProbeTarget, now: datetime) -> str | None:
        """Why this page must be left to the crawl child, or None."""
        real = urlsplit(target.url)
        sent = urlsplit(self.fetcher.target(target.url))
        if os.environ.get("NEWSWATCH_LOOPBACK_ONLY") == "1" and not is_loopback_host(sent.hostname or ""):
            return "requests must stay on this machine"
        if sent.scheme in urllib.request.getproxies() and not urllib.request.proxy_bypass(sent.hostname or ""):
            return "a proxy is configured (the crawl child uses it)"
        if not source.politeness.obey_robots:
            return None
        robots = fresh_robots(session, f"{real.scheme}://{real.netloc}/robots.txt", now)
        if robots is None:
            return "robots.txt is not cached"
        if not robots_allow(robots.status, robots.body, target.url, self.fetcher.user_agent):
            return "robots.txt disallows the page"
        return None

    def probe(self, source: CatalogSource, targets: tuple[ProbeTarget, ...]) -> list[ProbeAnswer] | None:
        """Each page asked once, paced per host; None when told to stop before all were asked."""
        answers = []
        for target in targets:
            host = urlsplit(target.url).netloc
            if not self.pacer.wait(host, self.stopping):
                return None
            try:
                answer = self.fetcher.fetch(target.url, target.etag, target.last_modified, source.tls_lenient)
            finally:
                self.pacer.note(host, self.delay(source))
            if answer.status == 200 and target.fingerprint and page_digest(answer.body) == target.fingerprint:
                answer = replace(answer, same_page=True)
            answers.append(answer)
        return answers

    def before_child(self, source: CatalogSource, answers: list[ProbeAnswer]) -> bool:
        """Hold a crawl child back while its host asked to wait (Retry-After) or the delay has not passed."""
        for answer in answers:
            wait = retry_after(answer)
            if wait:
                logger.info("probe of %s: the site asks to wait %.0f s (Retry-After)", source.id, wait)
                self.pacer.note(urlsplit(answer.url).netloc, wait)
        hosts = dict.fromkeys([source.primary_host, *(urlsplit(a.url).netloc for a in answers)])
        return all(self.pacer.wait(host, self.stopping) for host in hosts)

    def after_child(self, source: CatalogSource) -> None:
        self.pacer.note(source.primary_host, self.delay(source))

    def close(self) -> None:
        self.fetcher.close()


def unchanged(answers: list[ProbeAnswer]) -> bool:
    return bool(answers) and all(a.unchanged for a in answers)


def retry_after(answer: ProbeAnswer, now: float | None = None) -> float:
    """Seconds a 429/503 answer asks to wait (delta-seconds or an HTTP date), capped; 0 when it asks nothing."""
    value = (answer.header("Retry-After") or "").strip()
    if answer.status not in (429, 503) or not value:
        return 0.0
    if value.isdigit():
        return min(float(value), RETRY_AFTER_CAP_SECONDS)
    try:
        when = parsedate_to_datetime(value).timestamp()
    except (TypeError, ValueError):
        return 0.0
    return min(max(0.0, when - (time.time() if now is None else now)), RETRY_AFTER_CAP_SECONDS)


def robots_allow(status: int, body: bytes, url: str, user_agent: str) -> bool:
    """As the crawl child's robots.txt middleware reads the cached answer (Protego, the full User-Agent)."""
    from protego import Protego

    if 400 <= status < 500 and status != 429:
        return True
    return Protego.parse(body.decode("utf-8", errors="ignore")).can_fetch(url, user_agent)
