"""The shared runner: one Scrapy child process per source crawl (child_process.py), guarded by a per-source lease."""

from __future__ import annotations

import json
import logging
import os
import signal
import socket
import subprocess
import threading
import time
import uuid
from collections import defaultdict
from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import Engine, select
from sqlalchemy.exc import OperationalError, SQLAlchemyError
from sqlalchemy.orm import Session

from crawler.config import Settings
from crawler.config.catalog import CatalogSource
from crawler.run import health, process_leases
from crawler.run.child_lines import OUTCOME_PREFIX, PROGRESS_PREFIX
from crawler.run.child_process import CrawlChild, start_child
from crawler.run.child_progress import ChildProgress
from crawler.run.clock import health_clock
from crawler.run.crawl_target import TargetMismatch, claim_for_run
from crawler.run.handover import crawl_handover, log_path, longest_answer_gap
from crawler.run.health import RunFacts
from crawler.run.lease_keeper import LeaseKeeper
from crawler.run.outcome import SITE_ANSWERING_STAT, timeout_message
from crawler.run.probe_fetch import ProbeAnswer
from crawler.run.probe_run import UNCHANGED_MESSAGE, Probed, new_probe, probe_settings
from crawler.util.shown_time import shown
from db import leases
from db.engine import make_session_factory
from db.health_store import recent_publish_times, set_health
from db.list_probe_state import ProbePlan, mark_full_check, record_unchanged
from db.models import CrawlRun, Source
from db.repository import CLEAN_OUTCOMES, finish_run, get_run, mark_stale_runs_interrupted, set_run_pid, start_run
from db.timeutil import utcnow
from db.write_errors import is_disk_full, is_locked, locked_message, reason

logger = logging.getLogger("newswatch.runner")
ProgressCallback = Callable[[str, dict[str, Any]], None]
# After SIGTERM a child gets this long to close its spider and write its run record before SIGKILL.
STOP_GRACE_SECONDS = 20.0
# Scrapy settings for children that renew their own leases (distributed mode, see lease_ttl).
RENEWING_SETTINGS_MODULE = "crawler.distributed.child_settings"
# The message of a source the runner did not start because it was told to stop.
STOPPING = "newswatch is stopping"


@dataclass
class CrawlResult:
    source_id: str
    outcome: str
    message: str
    run_id: int | None = None
    duration: float = 0.0
    counts: dict[str, int] = field(default_factory=dict)

    @property
    def not_started(self) -> bool:
        """The runner was stopping (Ctrl-C, daemon stop) before this source's crawl began."""
        return self.outcome == "skipped" and self.message == STOPPING


class CrawlRunner:
    def __init__(
        self,
        settings: Settings,
        engine: Engine,
        trigger: str = "manual",
        politeness_scale: float = 1.0,
        on_progress: ProgressCallback | None = None,
        lock_wait: float = 0.0,
        lease_ttl: float | None = None,
        host_wait: float | None = None,
        clock: Callable[[], datetime] | None = None,
        probe: bool = True,
    ) -> None:
        """lease_ttl: short leases, renewed by this runner and by the crawl child (a dead machine frees its
        source and host within that time), instead of leases that last a whole crawl timeout; host_wait: how long to
        wait for a busy host (default: the crawl timeout); clock: the time health is judged at (how long
        a source has been quiet; default: real time, or the simulator's when crawling it); probe: ask a source's
        first list pages conditionally before starting a crawl child, and start none when they are unchanged
        (crawler/run/list_probe.py)."""
        self.settings = settings
        self.sessions = make_session_factory(engine)
        self.trigger = trigger
        self.politeness_scale = politeness_scale
        self.on_progress = on_progress or (lambda source_id, data: None)
        self.lock_wait = lock_wait
        self.lease_ttl = lease_ttl
        self.host_wait = host_wait
        self.clock = clock or health_clock(settings.simulator)
        self.thresholds = settings.config.health
        self.owner = f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:8]}"
        self.stopping = threading.Event()
        # How stop() ended the running children; a child started after it gets the same.
        self._stop_signal: signal.Signals | None = None
        self._children: dict[str, CrawlChild] = {}
        # Re-entrant: a second Ctrl-C runs its handler (stop) in the main thread, possibly inside the first
        # press's stop() while it holds this lock.
        self._lock = threading.RLock()
        self.probe = new_probe(settings, politeness_scale, self.stopping) if probe else None

    def run(self, sources: Iterable[CatalogSource]) -> list[CrawlResult]:
        """Crawl sources; sources on different hosts run in parallel, those sharing a host one after another."""
        by_host: dict[str, list[CatalogSource]] = defaultdict(list)
        for source in sources:
            by_host[source.primary_host].append(source)
        with ThreadPoolExecutor(max_workers=self.settings.parallel_crawls) as pool:
            groups = pool.map(lambda group: [self.run_one_safely(s) for s in group], by_host.values())
            return [result for group in groups for result in group]

    def run_one_safely(self, source: CatalogSource) -> CrawlResult:
        """run_one, but a failure to even start one source's crawl never stops the others."""
        try:
            return self.run_one(source)
        except TargetMismatch as exc:  # a database of the other target (simulator or real sites): nothing ran
            logger.error("crawl of %s refused: %s", source.id, exc)
            return CrawlResult(source.id, "failed", str(exc))
        except Exception as exc:  # one broken source (bad config, database hiccup) must not end the crawl
            if is_disk_full(exc):
                message = (f"could not run the crawl: the database or its disk is full ({reason(exc)}); free space "
                           "(or raise the size limit) and crawl again")
                logger.error("crawl of %s: %s", source.id, message)
                return CrawlResult(source.id, "failed", message)
            if is_locked(exc):
                logger.error("crawl of %s: %s", source.id, locked_message())
                return CrawlResult(source.id, "failed", locked_message())
            logger.exception("crawl of %s could not run", source.id)
            # reason(): the error's own words; a database error's text also holds its SQL and parameters.
            return CrawlResult(source.id, "failed", f"could not run the crawl: {reason(exc)}")

    def run_one(self, source: CatalogSource) -> CrawlResult:
        """Crawl one source under two leases: the source's own, and its host's (politeness across processes)."""
        if self.stopping.is_set():
            return CrawlResult(source.id, "skipped", STOPPING)
        ttl = timedelta(seconds=self.lease_ttl or self.settings.crawl_timeout + STOP_GRACE_SECONDS + 60)
        source_lease = f"source:{source.id}"
        owner = self.lease_owner(source)
        held = self._acquire(source_lease, owner, ttl, self.lock_wait)
        if held:
            since = shown(held.acquired_at, self.settings.timezone)
            message = f"skipped: {source.id} is being crawled by {held.owner} (pid {held.pid}, since {since})"
            return CrawlResult(source.id, "skipped", message)
        try:
            host_lease = f"host:{source.primary_host}"
            host_wait = self.settings.crawl_timeout if self.host_wait is None else self.host_wait
            held = self._acquire(host_lease, owner, ttl, host_wait)
            if held:
                return CrawlResult(source.id, "skipped", f"skipped: host {source.primary_host} stayed busy ({held.owner})")
            keeper = self._keep_alive([source_lease, host_lease], owner) if self.lease_ttl else None
            try:
                return self._crawl(source, owner)
            finally:
                if keeper is not None:
                    keeper.stop()
                self._release(host_lease, owner)
        finally:
            self._release(source_lease, owner)

    def _keep_alive(self, names: list[str], owner: str) -> LeaseKeeper:
        """Short leases renewed from here too while this process probes the source and starts and waits for its
        crawl child, which renews them itself once it runs: a child slow to start (a loaded machine) must not
        let them lapse, or the leader would take the crawl for lost and start it again elsewhere."""
        def lost(lapsed: list[str]) -> None:
            logger.warning("crawl leases %s were taken by another process (the crawl child stops itself)", lapsed)

        keeper = LeaseKeeper(self.sessions, names, owner, self.lease_ttl or 0.0, lost)
        keeper.renew_once()
        keeper.start()
        return keeper

    def _release(self, name: str, owner: str) -> None:
        try:
            leases.release(self.sessions, name, owner)
        except OperationalError as exc:
            # The database refuses writes (full, or down): the lease lapses on its own (expiry, or its holder
            # pid gone), and the crawl's own result must not be replaced by this error.
            logger.warning("could not release lease %s (%s); it lapses on its own", name, reason(exc))

    def lease_owner(self, source: CatalogSource) -> str:
        """One owner token per crawl: two threads of this runner must not share a lease."""
        return f"{self.owner}:{source.id}"

    def _acquire(self, name: str, owner: str, ttl: timedelta, wait: float) -> leases.LeaseHolder | None:
        deadline = time.monotonic() + wait
        while (held := process_leases.acquire(self.sessions, name, owner, ttl)):
            if time.monotonic() >= deadline or self.stopping.is_set():
                return held
            time.sleep(0.5)
        return None

    def _crawl(self, source: CatalogSource, owner: str) -> CrawlResult:
        if self.stopping.is_set():  # told to stop while this thread waited for the leases
            return CrawlResult(source.id, "skipped", STOPPING)
        with self.sessions.begin() as session:
            # Refused before anything is written: no run, no health change, no event for the wrong target.
            claim_for_run(session, self.settings, utcnow())
            # We hold the source's lease: a run of it still marked running was left by a killed process.
            mark_stale_runs_interrupted(session, [source.id])
        plan = self._probe_plan(source)
        probed = self._probe(source, plan)
        if probed.unchanged:
            return self._record_unchanged(source, probed)
        held_back = self.probe is not None and not self.probe.before_child(source, probed.answers)
        if held_back or self.stopping.is_set():  # told to stop while probing or waiting for the host
            return CrawlResult(source.id, "skipped", STOPPING)
        try:
            return self._crawl_in_child(source, owner, probed.answers, plan is not None and plan.full)
        finally:
            if self.probe is not None:
                self.probe.after_child(source)

    def _probe_plan(self, source: CatalogSource) -> ProbePlan | None:
        if self.probe is None:
            return None
        try:
            with self.sessions() as session:
                return self.probe.plan(session, source, utcnow())
        except SQLAlchemyError as exc:  # never a reason not to crawl: the child crawls as it always did
            logger.warning("probe of %s not planned (%s): crawling", source.id, reason(exc))
            return None

    def _probe(self, source: CatalogSource, plan: ProbePlan | None) -> Probed:
        if self.probe is None or plan is None or not plan.targets:
            if plan is not None:
                logger.debug("no probe of %s: %s", source.id, plan.reason)
            return Probed()
        started, clock = utcnow(), time.monotonic()
        try:
            answers = self.probe.probe(source, plan.targets)
        except Exception:  # a broken probe is never a reason not to crawl: the child asks the site itself
            logger.exception("probe of %s failed: crawling", source.id)
            return Probed()
        if answers is None:  # told to stop while waiting for the host
            return Probed()
        return Probed(answers, started, time.monotonic() - clock)

    def _record_unchanged(self, source: CatalogSource, probed: Probed) -> CrawlResult:
        stats = probed.stats()
        with self.sessions.begin() as session:
            run = record_unchanged(session, source.id, self.trigger, socket.gethostname(), probed.started,
                                   utcnow(), UNCHANGED_MESSAGE, stats)
            self._record_health(session, run)
            counts = {k: getattr(run, k) or 0
                      for k in ("entries_seen", "new", "changed", "unchanged", "withdrawn", "errors", "requests")}
            return CrawlResult(source.id, "ok", UNCHANGED_MESSAGE, run.id, probed.seconds, counts)

    def _crawl_in_child(self, source: CatalogSource, owner: str, probed: list[ProbeAnswer], full: bool) -> CrawlResult:
        with self.sessions.begin() as session:
            run_id = start_run(session, source.id, self.trigger, socket.gethostname(), None).id
        started = time.monotonic()
        log_path(self.settings, source.id, run_id).parent.mkdir(parents=True, exist_ok=True)
        handover = self._handover(source, run_id, owner, probed, full)
        child = start_child(source.id, handover)
        with self._lock:
            self._children[source.id] = child
            stop_signal = self._stop_signal
        if stop_signal is not None:
            # stop() ran between the check above and this child's start: it must not crawl on unasked.
            child.send_signal(stop_signal)
        # The leases and the run now follow the crawl child: it may outlive this process (kill -9).
        for name in (f"source:{source.id}", f"host:{source.primary_host}"):
            leases.set_pid(self.sessions, name, owner, child.pid)
        with self.sessions.begin() as session:
            set_run_pid(session, run_id, child.pid)
        reported: dict[str, Any] = {}
        progress = ChildProgress()
        reader = threading.Thread(target=self._read_progress, args=(source.id, child, reported, progress),
                                  daemon=True)
        reader.start()
        timed_out = False
        try:
            child.wait(timeout=self.settings.crawl_timeout)
        except subprocess.TimeoutExpired:
            timed_out = True
            progress.timed_out(longest_answer_gap(self.settings, source, self.politeness_scale))
            self._terminate(child)
        except BaseException:
            # Unwinding (a worker's job timeout, a cold shutdown): the leases are released on the way out,
            # so the child must not go on crawling without them.
            self._terminate(child)
            raise
        finally:
            with self._lock:
                self._children.pop(source.id, None)
        reader.join(timeout=5)
        duration = time.monotonic() - started
        try:
            return self._result(source.id, run_id, child.returncode, timed_out, duration, reported, progress, full)
        except OperationalError as exc:
            return self._unrecorded_result(source.id, run_id, duration, reported, exc)

    def _handover(self, source: CatalogSource, run_id: int, owner: str, probed: list[ProbeAnswer], full: bool) -> str:
        extra = probe_settings(probed, full)
        if not self.lease_ttl:
            return crawl_handover(self.settings, source, run_id, self.politeness_scale, extra)
        # The child renews its own leases, so they live exactly as long as the crawl does, even if this
        # process is killed, and lapse within lease_ttl once the child is gone (on any machine).
        leases_of_child = {"NEWSWATCH_LEASES": f"source:{source.id}|host:{source.primary_host}",
                           "NEWSWATCH_LEASE_OWNER": owner, "NEWSWATCH_LEASE_TTL": self.lease_ttl, **extra}
        return crawl_handover(self.settings, source, run_id, self.politeness_scale, leases_of_child,
                              RENEWING_SETTINGS_MODULE)

    def _read_progress(self, source_id: str, child: CrawlChild, reported: dict[str, Any],
                       progress: ChildProgress) -> None:
        """Progress lines go to `progress` and on_progress; the outcome line the child prints at the end goes
        to `reported`."""
        assert child.stdout is not None
        for line in child.stdout:
            try:
                if line.startswith(PROGRESS_PREFIX):
                    payload = json.loads(line[len(PROGRESS_PREFIX):])
                    progress.update(payload)
                    self.on_progress(source_id, payload)
                elif line.startswith(OUTCOME_PREFIX):
                    reported.update(json.loads(line[len(OUTCOME_PREFIX):]))
            except ValueError:
                continue

    def _unrecorded_result(self, source_id: str, run_id: int, duration: float, reported: dict[str, Any],
                           exc: OperationalError) -> CrawlResult:
        """The database refused the run's final record (full, or down): the result the child reported, said
        loudly; the next crawl of the source marks the run interrupted."""
        why = f"the run could not be recorded ({reason(exc)})"
        logger.error("crawl %s (run %d): %s", source_id, run_id, why)
        if not reported:
            return CrawlResult(source_id, "failed", why, run_id, duration)
        counts = reported.get("counts") or {}
        return CrawlResult(source_id, reported["outcome"], f"{reported['message']}; {why}", run_id, duration,
                           {k: v for k, v in counts.items() if isinstance(v, int)})

    def _terminate(self, child: CrawlChild) -> None:
        if child.poll() is not None:
            return
        child.send_signal(signal.SIGTERM)
        try:
            child.wait(timeout=STOP_GRACE_SECONDS)
        except subprocess.TimeoutExpired:
            child.kill()
            child.wait()

    def _result(self, source_id: str, run_id: int, code: int | None, timed_out: bool, duration: float,
                reported: dict[str, Any], progress: ChildProgress, full: bool = False) -> CrawlResult:
        with self.sessions.begin() as session:
            run = get_run(session, run_id)
            assert run is not None
            if run.outcome == "running" and reported and not timed_out:
                # The child finished but could not write its run (a full database): record what it reported.
                finish_run(session, run_id, reported["outcome"], reported["message"], reported.get("counts") or {})
                session.refresh(run)
            elif run.outcome == "running" or timed_out:
                outcome = "timeout" if timed_out else "interrupted"
                why, counts = self._exit_reason(code), {}
                if timed_out:
                    why, counts = self._timed_out(run, progress)
                finish_run(session, run_id, outcome, f"{why}; see {log_path(self.settings, source_id, run_id)}",
                           counts)
                session.refresh(run)
            self._record_health(session, run)
            if full and run.outcome in CLEAN_OUTCOMES:
                mark_full_check(session, source_id, run.started_at)
            counts = {k: getattr(run, k)
                      for k in ("entries_seen", "new", "changed", "unchanged", "withdrawn", "errors", "requests")}
            return CrawlResult(source_id, run.outcome, run.message, run_id, duration, counts)

    def _exit_reason(self, code: int | None) -> str:
        """Why a child ended without writing its run: stop() killed it (or it was still starting up, before its
        own handler could take stop()'s SIGTERM), or something else did."""
        if code is not None and code < 0 and self._stop_signal == -code:
            return f"stopped before finishing, as asked ({signal.Signals(-code).name})"
        return f"crawl process exited with code {code}"

    def _timed_out(self, run: CrawlRun, progress: ChildProgress) -> tuple[str, dict[str, Any]]:
        """The message and the counts of a run stopped at the crawl timeout. A child killed before it recorded
        its run leaves the counts it last reported; whether the site was still answering goes in the stats,
        for the health checks (a site that answered is not unreachable)."""
        counts: dict[str, Any] = progress.run_counts() if run.outcome == "running" else {}
        new = counts.get("new", run.new)
        if progress.answering_at_timeout:
            counts["stats"] = {**(run.stats or {}), SITE_ANSWERING_STAT: 1}
        return timeout_message(progress.answering_at_timeout, self.settings.crawl_timeout, new), counts

    def _record_health(self, session: Session, run: CrawlRun) -> None:
        facts = RunFacts(run.outcome, (run.stats or {}).get("signal"), run.message, run.new, run.stats or {})
        now = self.clock()
        published = recent_publish_times(session, run.source_id, self.thresholds.quiet_history + 1)
        current = session.scalar(select(Source.health).where(Source.id == run.source_id))
        verdict = health.evaluate(facts, published, now, self.thresholds, current)
        if verdict and set_health(session, run.source_id, verdict.state, verdict.message, now, run.id):
            logger.warning("source %s is now %s: %s", run.source_id, verdict.state, verdict.message)

    def stop(self, now: bool = False) -> None:
        """Stop taking new crawls and ask running children to finish (each writes its run as interrupted);
        now: kill them instead (their runs are marked interrupted here; what they stored stays stored)."""
        with self._lock:
            self.stopping.set()
            stop_signal = self._stop_signal = signal.SIGKILL if now else (self._stop_signal or signal.SIGTERM)
            children = list(self._children.values())
        for child in children:
            if child.poll() is None:
                child.send_signal(stop_signal)
