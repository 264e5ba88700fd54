"""A disk spool for fetched pages the database could not take, replayed by the next crawl of the source.

Pages are kept raw (body bytes, base64 in JSON lines), so the replay runs the same extraction as a crawl.
"""

from __future__ import annotations

import base64
import json
import os
from collections.abc import Iterator
from dataclasses import asdict
from datetime import date
from pathlib import Path

from crawler.items import RawPage


class Spool:
    def __init__(self, folder: Path) -> None:
        self.folder = folder

    def _file(self, source_id: str) -> Path:
        return self.folder / f"{source_id}.jsonl"

    def add(self, page: RawPage) -> None:
        self.folder.mkdir(parents=True, exist_ok=True)
        record = asdict(page)
        record.pop("fields")
        record["body"] = base64.b64encode(page.body).decode("ascii")
        record["list_date"] = page.list_date.isoformat() if page.list_date else None
        with self._file(page.source_id).open("a", encoding="utf-8") as spool:
            spool.write(json.dumps(record, ensure_ascii=False) + "\n")
            spool.flush()
            os.fsync(spool.fileno())

    def take(self, source_id: str) -> list[RawPage]:
        """Spooled pages of a source; the file is moved aside first so a failed replay can spool them anew."""
        path = self._file(source_id)
        if not path.exists():
            return []
        taken = path.with_suffix(".replaying")
        path.replace(taken)
        pages = list(self._read(taken))
        taken.unlink()
        return pages

    @staticmethod
    def _read(path: Path) -> Iterator[RawPage]:
        for line in path.read_text(encoding="utf-8").splitlines():
            if not line.strip():
                continue
            record = json.loads(line)
            record["body"] = base64.b64decode(record["body"])
            record["list_date"] = date.fromisoformat(record["list_date"]) if record["list_date"] else None
            yield RawPage(**record)
