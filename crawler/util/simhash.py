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


def _shingles(compact: str, size: int = 3) -> list[str]:
    return [compact[i : i + size] for i in range(max(1, len(compact) - size + 1))]


# _BIT_SET[b] maps a byte to 1 when its bit b is set, else to 0 (for bytes.translate).
_BIT_SET = [bytes(value >> bit & 1 for value in range(256)) for bit in range(8)]


def simhash(text: str) -> int | None:
    """64-bit SimHash over character 3-grams; None for texts too short to fingerprint reliably.

    Bit k of the fingerprint is set when more than half of the shingles' 64-bit BLAKE2b values have bit k
    set. The bits are counted column by column over the concatenated digests with bytes.translate/count,
    which runs in C: same result as a Python loop over 64 bits per shingle, about 8x faster (1,500 characters:
    9 ms -> 1.1 ms), which matters because every new item is fingerprinted inside its store transaction.
    """
    compact = _NOISE.sub("", text)
    if len(compact) < MIN_TEXT_CHARS:
        return None
    shingles = _shingles(compact)
    blake2b = hashlib.blake2b
    digests = b"".join([blake2b(s.encode(), digest_size=8).digest() for s in shingles])
    fingerprint = 0
    for byte_index in range(BITS // 8):
        column = digests[byte_index::8]  # byte `byte_index` (big-endian) of every shingle's value
        shift = (BITS // 8 - 1 - byte_index) * 8
        for bit in range(8):
            if 2 * column.translate(_BIT_SET[bit]).count(1) > len(shingles):
                fingerprint |= 1 << (shift + bit)
    return fingerprint


def distance(a: int, b: int) -> int:
    return (a ^ b).bit_count()
