"""Conditional GET for list pages: ETag and Last-Modified that change with the list, and 304 answers."""

from __future__ import annotations

import hashlib
import re
import threading
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime, parsedate_to_datetime

from simulator.reply import Reply

# Parts of a list page that change without the list changing: the Hanweb header clock and the
# generation stamps some CMSs write into every page. They are left out of what the ETag hashes.
VOLATILE = re.compile(
    rb'<span id="nowTime">[^<]*</span>'
    rb"|<meta name=[\"'](?:Maketime|HtmlGenerateTime)[\"'] content=[\"'][^\"']*[\"']\s*/?>"
)


def _matches(header: str, etag: str) -> bool:
    tags = [t.strip().removeprefix("W/") for t in header.split(",")]
    return "*" in tags or etag in tags


def _not_modified_since(header: str, stamp: datetime) -> bool:
    try:
        since = parsedate_to_datetime(header)
    except (TypeError, ValueError):
        return False  # an unreadable date is ignored, as RFC 9110 says
    if since.tzinfo is None:
        since = since.replace(tzinfo=UTC)
    return stamp <= since


class Validators:
    """Per URL: the ETag last served and since when (Last-Modified). Thread-safe."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._seen: dict[str, tuple[str, datetime]] = {}

    def reset(self) -> None:
        with self._lock:
            self._seen.clear()

    def apply(self, key: str, reply: Reply, floor: datetime, headers: dict[str, str]) -> Reply:
        """`reply` with validators, or a 304 when the request's validators still match.

        `floor`: when the source last published; Last-Modified is never earlier, and it moves on by at
        least a second whenever the page's content (and so its ETag) changes.
        """
        etag = '"' + hashlib.sha1(VOLATILE.sub(b"", reply.body)).hexdigest()[:24] + '"'
        with self._lock:
            previous = self._seen.get(key)
            if previous is not None and previous[0] == etag:
                stamp = previous[1]
            else:
                stamp = floor.astimezone(UTC).replace(microsecond=0)
                if previous is not None:
                    stamp = max(stamp, previous[1] + timedelta(seconds=1))
                self._seen[key] = (etag, stamp)
        validators = [("ETag", etag), ("Last-Modified", format_datetime(stamp, usegmt=True))]
        # If-None-Match wins over If-Modified-Since when both are sent (RFC 9110 13.1.3).
        if "if-none-match" in headers:
            fresh = _matches(headers["if-none-match"], etag)
        else:
            since = headers.get("if-modified-since")
            fresh = since is not None and _not_modified_since(since, stamp)
        if fresh:
            return Reply(304, b"", reply.content_type, validators)
        return Reply(reply.status, reply.body, reply.content_type, list(reply.headers) + validators)
