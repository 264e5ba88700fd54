"""AttachmentsPipeline: downloads new attachments with Scrapy's FilesPipeline, within size, type and host limits.

Only on when attachments are enabled for the crawl's source (crawler/config/attachment_policy.py). It runs after
dedupe and before store: an attachment already stored for the item is not fetched again, a link whose
host or type is not allowed is skipped without a request, and the rest are downloaded with a
per-request `download_maxsize` (Scrapy cancels a bigger answer) and checked after download (an HTML error
page served for a PDF link is refused). Each attachment's record says what became of it; a failed
attachment never fails or drops its item. Files are named by their SHA-256 under <data dir>/attachments/.
"""

from __future__ import annotations

import hashlib
import logging
from typing import Any

from scrapy import Request
from scrapy.exceptions import DownloadCancelledError, IgnoreRequest, NotConfigured
from scrapy.http import Response
from scrapy.http.request import NO_CALLBACK
from scrapy.pipelines.files import FilesPipeline
from scrapy.pipelines.media import FileException
from sqlalchemy.exc import SQLAlchemyError
from twisted.python.failure import Failure

from crawler.config.attachment_policy import ATTACHMENTS_DIR, AttachmentPolicy
from crawler.extract.filetypes import content_problem, file_extension, sniff
from crawler.scrapy_ext.items import RawPage
from db.attachment_records import stored_attachment_records
from db.engine import make_engine, make_session_factory
from pipelines.file_store import AtomicFilesStore

logger = logging.getLogger(__name__)
RECORDS_KEY = "attachment_records"  # item.fields key the store pipeline reads
_TYPE_META = "newswatch_attachment_type"
_SHA_META = "newswatch_sha256"
_KIND_META = "newswatch_content_kind"
OUTCOME_KEYS = ("status", "path", "bytes", "sha256", "reason")


class AttachmentFailed(FileException):
    """A requested attachment that was not stored; the message is the reason recorded for it."""


class _QuietFailures(logging.Filter):
    """MediaPipeline logs every failed download with a traceback; ours are expected outcomes (too large,
    not allowed), recorded on the item and logged by this pipeline in one line instead."""

    def filter(self, record: logging.LogRecord) -> bool:
        return not (isinstance(record.msg, Failure) and isinstance(record.msg.value, AttachmentFailed))


class AttachmentsPipeline(FilesPipeline):
    STORE_SCHEMES = {**FilesPipeline.STORE_SCHEMES, "": AtomicFilesStore, "file": AtomicFilesStore}
    LOG_FAILED_RESULTS = False  # the item (with its page bytes) would be logged; each failure is logged below

    def __init__(self, store_uri: str, *, crawler: Any, policy: AttachmentPolicy, database_url: str | None) -> None:
        super().__init__(store_uri, crawler=crawler)
        self.policy = policy
        self.database_url = database_url
        self.engine: Any = None
        self.sessions: Any = None
        logging.getLogger("scrapy.pipelines.media").addFilter(_QuietFailures())

    @classmethod
    def from_crawler(cls, crawler: Any) -> AttachmentsPipeline:
        settings = crawler.settings
        policy = AttachmentPolicy.from_crawl_settings(settings)
        if not policy.enabled:
            raise NotConfigured("attachments are not fetched (attachments.enabled is false)")
        if settings.getbool("NEWSWATCH_CHECK"):
            raise NotConfigured("a source check fetches no attachments")
        if not settings.get("FILES_STORE"):
            raise NotConfigured("FILES_STORE is not set: nowhere to put attachments")
        return cls(settings["FILES_STORE"], crawler=crawler, policy=policy,
                   database_url=settings.get("NEWSWATCH_DATABASE_URL"))

    def open_spider(self) -> None:
        super().open_spider()
        if self.database_url:
            self.engine = make_engine(self.database_url)
            self.sessions = make_session_factory(self.engine)

    def close_spider(self) -> None:
        if self.engine is not None:
            self.engine.dispose()

    # --- before any request -----------------------------------------------------------------------
    def get_media_requests(self, item: Any, info: Any) -> list[Request]:
        if not isinstance(item, RawPage) or "extracted" not in item.fields:
            return []
        attachments = item.fields["extracted"].attachments
        earlier = self._stored_records(item.url) if attachments else {}
        hosts = getattr(self.crawler.spider, "article_hosts", None) or []
        outcomes: dict[str, dict[str, Any] | None] = {}  # None: requested, the outcome comes later
        requests = []
        for attachment in attachments:
            if attachment.url in outcomes:
                continue
            before = earlier.get(attachment.url, {})
            if before.get("status") == "stored":  # fetched by an earlier crawl: never again
                outcomes[attachment.url] = {k: before[k] for k in OUTCOME_KEYS if k in before}
                continue
            reason = self.policy.refusal(attachment.url, attachment.type, hosts)
            if reason is not None:
                outcomes[attachment.url] = {"status": "skipped", "reason": reason}
                continue
            outcomes[attachment.url] = None
            meta = {"download_maxsize": self.policy.max_bytes, "download_warnsize": self.policy.max_bytes,
                    "download_fail_on_dataloss": True, _TYPE_META: attachment.type}
            requests.append(Request(attachment.url, callback=NO_CALLBACK, meta=meta))
        item.fields["_attachment_outcomes"] = outcomes
        return requests

    def _stored_records(self, url: str) -> dict[str, dict[str, Any]]:
        if self.sessions is None:
            return {}
        try:
            with self.sessions() as session:
                return stored_attachment_records(session, url)
        except SQLAlchemyError as exc:  # the store pipeline deals with a database that is down
            logger.warning("could not read the stored attachments of %s: %r", url, exc)
            return {}

    def media_to_download(self, request: Request, info: Any, *, item: Any = None) -> None:
        return None  # files are named by content, known only once downloaded; stored ones are never requested

    # --- after the download ---------------------------------------------------------------------
    async def media_downloaded(self, response: Response, request: Request, info: Any, *, item: Any = None) -> Any:
        if response.status != 200:
            raise AttachmentFailed(f"HTTP {response.status}")
        if "dataloss" in response.flags:
            raise AttachmentFailed("incomplete download")
        if not response.body:
            raise AttachmentFailed("empty file")
        hosts = getattr(self.crawler.spider, "article_hosts", None) or []
        if (reason := self.policy.refusal(response.url, None, hosts)) is not None:
            raise AttachmentFailed(f"{reason} (redirected there)")
        declared = request.meta.get(_TYPE_META)
        kind = sniff(response.body, response.headers.get(b"Content-Type", b"").decode("latin-1"))
        if (reason := content_problem(declared, kind, self.policy.types)) is not None:
            raise AttachmentFailed(reason)
        request.meta[_SHA_META] = hashlib.sha256(response.body).hexdigest()
        request.meta[_KIND_META] = kind
        stored = await super().media_downloaded(response, request, info, item=item)
        return {**stored, "status": "stored", "bytes": len(response.body), "sha256": request.meta[_SHA_META]}

    def media_failed(self, failure: Failure, request: Request, info: Any) -> Any:
        """Failed downloads, and answers media_downloaded refused (it runs inside the same try)."""
        if isinstance(failure.value, AttachmentFailed):
            raise failure.value
        if isinstance(failure.value, DownloadCancelledError):  # the download handler enforcing download_maxsize
            raise AttachmentFailed(f"too large: over {self.policy.max_bytes} bytes")
        if isinstance(failure.value, IgnoreRequest):
            if "DOWNLOAD_MAXSIZE" in str(failure.value):  # HttpCompressionMiddleware: too big once unpacked
                raise AttachmentFailed(f"too large: over {self.policy.max_bytes} bytes once decompressed")
            return super().media_failed(failure, request, info)  # offsite, robots.txt: logged as filtered
        raise AttachmentFailed(f"download failed: {failure.value!r}")

    def file_path(self, request: Request, response: Response | None = None, info: Any = None, *,
                  item: Any = None) -> str:
        if response is None or _SHA_META not in request.meta:
            raise ValueError("attachments are named by their content: file_path needs the downloaded response")
        digest = request.meta[_SHA_META]
        extension = file_extension(request.meta.get(_TYPE_META), request.meta[_KIND_META])
        return f"{digest[:2]}/{digest}.{extension}"

    # --- the item's records ---------------------------------------------------------------------
    def item_completed(self, results: list[Any], item: Any, info: Any) -> Any:
        if not isinstance(item, RawPage) or "_attachment_outcomes" not in item.fields:
            return item
        outcomes = item.fields.pop("_attachment_outcomes")
        requested = [url for url, outcome in outcomes.items() if outcome is None]
        for url, (ok, value) in zip(requested, results, strict=True):
            outcomes[url] = self._outcome(ok, value)
        for url in requested:
            outcomes[url] = outcomes[url] or {"status": "failed", "reason": "no download result"}
        stats = self.crawler.stats
        for url, outcome in outcomes.items():
            if url in requested:
                stats.inc_value(f"newswatch/attachments/{outcome['status']}")
                if outcome["status"] != "stored":
                    logger.warning("attachment not stored: %s (%s)", outcome["reason"], url)
            elif outcome["status"] == "skipped":
                stats.inc_value("newswatch/attachments/skipped")
                logger.info("attachment skipped: %s (%s)", outcome["reason"], url)
        item.fields[RECORDS_KEY] = [
            {**attachment.to_json(), **outcomes[attachment.url]} for attachment in item.fields["extracted"].attachments
        ]
        return item

    @staticmethod
    def _outcome(ok: bool, value: Any) -> dict[str, Any]:
        if ok:
            return {"status": "stored", "path": f"{ATTACHMENTS_DIR}/{value['path']}", "bytes": value["bytes"],
                    "sha256": value["sha256"]}
        error = value.value if isinstance(value, Failure) else value
        if isinstance(error, AttachmentFailed):
            return {"status": "failed", "reason": str(error)}
        message = str(error)
        if "offsite" in message.lower():
            return {"status": "skipped", "reason": f"host not allowed: {message}"}
        return {"status": "failed", "reason": f"not fetched: {message}" if message else f"failed: {error!r}"}
