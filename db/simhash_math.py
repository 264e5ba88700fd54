"""The shape of stored SimHash fingerprints, shared by the fingerprinting code and the lookup."""

BITS = 64
BANDS = 4
BAND_BITS = BITS // BANDS
# Two texts within this Hamming distance are the same document (calibrated: reposts with a different
# header/footer line differ by 0–3 bits on 300+ character bodies; unrelated notices by 20+).
MAX_DISTANCE = 3
