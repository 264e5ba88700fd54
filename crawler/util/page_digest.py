"""The digest of a list page as it was read: what the runner's probe compares when a server sends no validators."""

from __future__ import annotations

import hashlib
import re

_SPACE = re.compile(rb"\s+")


def page_digest(body: bytes) -> str:
    """sha256 (hex, 64 characters) of the page with runs of whitespace made one space: the same digest means
    the same page, give or take re-indented markup."""
    return hashlib.sha256(_SPACE.sub(b" ", body).strip()).hexdigest()
