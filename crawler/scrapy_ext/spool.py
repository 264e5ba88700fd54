"""A disk spool for fetched pages the database could not take, replayed by the next crawl of the source.

Pages are kept raw (body bytes, base64 in JSON lines), so the replay runs the same extraction as a crawl.
A page is appended whole or not at all (a write the disk refuses is cut back off); a line damaged anyway
(the process killed mid-write) is skipped with a warning on replay, and the next append starts a new line.
"""

from __future__ import annotations

import base64
import json
import logging
import os
import time
from collections.abc import Iterator
from dataclasses import asdict
from datetime import date
from pathlib import Path

from crawler.scrapy_ext.items import RawPage
from crawler.util.file_writes import write_all

logger = logging.getLogger("newswatch.spool")


class Spool:
    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self._taken: dict[str, list[Path]] = {}

    def _file(self, source_id: str) -> Path:
        return self.folder / f"{source_id}.jsonl"

    def add(self, page: RawPage) -> None:
        """Append one page durably; raises OSError (a full disk: ENOSPC) with the file left as it was."""
        self.folder.mkdir(parents=True, exist_ok=True)
        record = asdict(page)
        record.pop("fields")
        record["body"] = base64.b64encode(page.body).decode("ascii")
        record["list_date"] = page.list_date.isoformat() if page.list_date else None
        line = (json.dumps(record, ensure_ascii=False) + "\n").encode("utf-8")
        fd = os.open(self._file(page.source_id), os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o644)
        try:
            start = os.fstat(fd).st_size
            if start and not _ends_with_newline(self._file(page.source_id)):
                line = b"\n" + line  # the last append was cut short by a kill: its remains stay on their own line
            try:
                write_all(fd, line)
                os.fsync(fd)
            except OSError:
                os.ftruncate(fd, start)  # no half line left behind; shrinking a file needs no free space
                raise
        finally:
            os.close(fd)

    def take(self, source_id: str) -> list[RawPage]:
        """Spooled pages of a source, with those of an earlier replay that did not finish.

        The files stay on disk (renamed *.replaying) until `replayed`, so a crawl killed or failing during the
        replay loses nothing: the next one replays them again, and storing a page twice is harmless.
        """
        if not self.folder.is_dir():
            return []
        current = self._file(source_id)
        if current.exists():
            current.replace(self.folder / f"{source_id}.{time.time_ns()}.replaying")
        legacy = self.folder / f"{source_id}.replaying"
        files = sorted(self.folder.glob(f"{source_id}.*.replaying")) + ([legacy] if legacy.exists() else [])
        self._taken[source_id] = files
        return [page for path in files for page in self._read(path)]

    def replayed(self, source_id: str) -> None:
        """Every page `take` returned is stored now: forget them."""
        for path in self._taken.pop(source_id, []):
            path.unlink(missing_ok=True)

    @staticmethod
    def _read(path: Path) -> Iterator[RawPage]:
        for number, raw in enumerate(path.read_bytes().split(b"\n"), start=1):
            if not raw.strip():
                continue
            try:
                record = json.loads(raw.decode("utf-8"))
                record["body"] = base64.b64decode(record["body"], validate=True)
                record["list_date"] = date.fromisoformat(record["list_date"]) if record["list_date"] else None
                page = RawPage(**record)
            except (ValueError, KeyError, TypeError) as exc:
                # Written by a process killed mid-line: the page was never stored, so a crawl fetches it again.
                logger.warning("spool %s, line %d is damaged and skipped (%s): its page will be fetched again",
                               path.name, number, type(exc).__name__)
                continue
            yield page


def _ends_with_newline(path: Path) -> bool:
    with path.open("rb") as existing:
        existing.seek(-1, os.SEEK_END)
        return existing.read(1) == b"\n"
