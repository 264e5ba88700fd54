"""SimHash fingerprints of article text, split into bands so near duplicates are found by index lookups.

Two texts whose 64-bit fingerprints differ in at most 3 bits share at least one of four 16-bit bands
(pigeonhole), so the lookup reads only rows with an equal band instead of scanning the table.
"""

from __future__ import annotations

import hashlib
import re

from db.simhash_math import BITS, MAX_DISTANCE

__all__ = ["MAX_DISTANCE", "distance", "simhash"]
# Short notices share templates ("关于…的通知") and would collide; only real bodies are fingerprinted.
MIN_TEXT_CHARS = 150
_NOISE = re.compile(r"[\s\u3000\xa0，。、；：！？“”‘’（）《》【】,.;:!?\"'()\[\]<>-]+")


def _shingles(text: str, size: int = 3) -> list[str]:
    compact = _NOISE.sub("", text)
    return [compact[i : i + size] for i in range(max(1, len(compact) - size + 1))]


def simhash(text: str) -> int | None:
    """64-bit SimHash over character 3-grams; None for texts too short to fingerprint reliably."""
    if len(_NOISE.sub("", text)) < MIN_TEXT_CHARS:
        return None
    weights = [0] * BITS
    for shingle in _shingles(text):
        value = int.from_bytes(hashlib.blake2b(shingle.encode(), digest_size=8).digest(), "big")
        for bit in range(BITS):
            weights[bit] += 1 if value >> bit & 1 else -1
    return sum(1 << bit for bit in range(BITS) if weights[bit] > 0)


def distance(a: int, b: int) -> int:
    return (a ^ b).bit_count()
