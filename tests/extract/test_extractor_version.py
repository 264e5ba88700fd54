"""EXTRACTOR_VERSION moves with the extraction rules: when they read something else from the corpus pages,
the version must change (stored versions read by older rules are then re-read without `changed` events)."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from pathlib import Path

import pytest

from crawler.evaluation.corpus import DEFAULT_REALPAGES, LabelledPage, realpages, simulator_pages
from crawler.extract.decode import decode_html
from crawler.extract.fields import extract_fields
from crawler.extract.version import EXTRACTOR_VERSION
from pipelines.change import content_hash, snapshot
from simulator.harness import SimClient

PINNED = Path(__file__).with_name("extractor_fingerprint.json")


def fingerprint(pages: Iterable[LabelledPage]) -> str:
    """A hash of the meaningful fields the rules read from every page, in a stable order."""
    hashes = sorted(f"{p.name} {content_hash(snapshot(extract_fields(decode_html(p.html), p.url).to_json()))}"
                    for p in pages)
    return hashlib.sha256("\n".join(hashes).encode()).hexdigest()


def check(corpus: str, measured: str) -> None:
    pinned = json.loads(PINNED.read_text(encoding="utf-8"))
    if pinned["version"] == EXTRACTOR_VERSION:
        assert pinned[corpus] == measured, (
            f"the extraction rules read something else from the {corpus} pages than version {EXTRACTOR_VERSION} did: "
            f"bump EXTRACTOR_VERSION in crawler/extract/version.py and pin {corpus}: {measured} in {PINNED.name}")
    else:
        pytest.fail(f"EXTRACTOR_VERSION is {EXTRACTOR_VERSION}: pin it in {PINNED.name} with {corpus}: {measured}")


def test_the_simulator_pages_are_read_as_this_version_reads_them(sim: SimClient) -> None:
    check("simulator", fingerprint(simulator_pages(sim.base_url, per_source=5)))


def test_the_real_pages_are_read_as_this_version_reads_them() -> None:
    if not DEFAULT_REALPAGES.is_dir():
        pytest.skip("../shared/realpages not present (the real-page corpus lives outside the repo)")
    check("realpages", fingerprint(realpages(kinds=("detail", "news"))))
