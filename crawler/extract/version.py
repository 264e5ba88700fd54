"""Which extraction rules produced a stored version of an item.

Bump EXTRACTOR_VERSION whenever the rules extract something else from pages already stored (a better title,
a body cut differently). A re-check whose fields differ only because the rules did is then recorded as a new
version without a `changed` event (db/store_item.py): an upgrade of newswatch never sends every stored
document out again as changed. tests/extract/test_extractor_version.py fails when the output changes and the
version does not.
"""

EXTRACTOR_VERSION = "2026-12-07.3"
