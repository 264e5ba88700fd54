"""Tells a download refused for its size (DOWNLOAD_MAXSIZE) from a site that did not answer."""

from __future__ import annotations

from scrapy.exceptions import DownloadCancelledError, IgnoreRequest


def size_limit_text(limit: int) -> str:
    return f"{limit / (1024 * 1024):g} MB" if limit >= 1024 * 1024 else f"{limit} bytes"


def too_big(error: BaseException, limit: int) -> str | None:
    """What the page is when its size is why it was not read ("larger than the 8 MB download limit"), else None.

    Scrapy cancels a download only when it outgrows DOWNLOAD_MAXSIZE (by its Content-Length or while it
    arrives; the latter with an empty message), and ignores a response whose compressed body unpacks past
    it. Without this they read as `DownloadCancelledError('')`: as if the site had not answered at all.
    """
    if isinstance(error, DownloadCancelledError):
        return f"larger than the {size_limit_text(limit)} download limit"
    # HttpCompressionMiddleware's IgnoreRequest carries the decompression error, which knows how far it got.
    if isinstance(error, IgnoreRequest) and hasattr(error.__cause__, "decompressed_size"):
        return f"a compressed answer that unpacks to more than the {size_limit_text(limit)} download limit"
    return None
