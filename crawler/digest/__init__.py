"""The daily digest: one email per local day with highlights, new, changed, open, withdrawn and source health."""

from crawler.digest.build import Digest, build_digest
from crawler.digest.send import send_digest, send_due_digests

__all__ = ["Digest", "build_digest", "send_digest", "send_due_digests"]
