"""AtomicFilesStore: Scrapy's local files store, but a file appears whole or not at all."""

from __future__ import annotations

import os
from io import BytesIO
from typing import Any

from scrapy.pipelines.files import FSFilesStore

from crawler.util.file_writes import write_bytes_atomically


class AtomicFilesStore(FSFilesStore):
    """FilesPipeline hands over a file only once it is fully downloaded; this store then writes it beside
    its final name and renames it, so a crash or a full disk never leaves half a file under that name."""

    def persist_file(
        self,
        path: str | os.PathLike[str],
        buf: BytesIO,
        info: Any,
        meta: dict[str, Any] | None = None,
        headers: dict[str, str] | None = None,
    ) -> None:
        target = self._get_filesystem_path(path)
        if target.exists():
            return  # files are named by their content hash: these bytes are already stored
        self._mkdir(target.parent, info)
        write_bytes_atomically(target, buf.getvalue())
