"""How a crawl child is set up: the cap on new articles it is handed, and how long its site may stay silent
while still answering."""

from __future__ import annotations

from pathlib import Path

import pytest

from crawler.config import load_settings
from crawler.config.catalog import load_catalog
from crawler.run.handover import crawl_settings, longest_answer_gap

SOURCE = "cn-nmpa-announcements"


def test_the_child_is_handed_the_configured_cap_on_new_articles(tmp_path: Path) -> None:
    config = tmp_path / "c.yaml"
    config.write_text("max_new_per_crawl: 120\n", encoding="utf-8")
    settings = load_settings(config, environ={"NEWSWATCH_DATA_DIR": str(tmp_path)})
    values = crawl_settings(settings, load_catalog()[SOURCE], run_id=1, politeness_scale=1.0)
    assert values["NEWSWATCH_MAX_NEW_PER_CRAWL"] == 120


@pytest.mark.parametrize("scale, gap", [(1.0, 30 + 30), (0.0, 30 + 0.001)])
def test_the_longest_answer_gap_is_a_request_timeout_plus_the_politeness_delay(tmp_path: Path, scale: float,
                                                                                gap: float) -> None:
    settings = load_settings(environ={"NEWSWATCH_DATA_DIR": str(tmp_path)})
    # With politeness (AutoThrottle) the delay may grow to AUTOTHROTTLE_MAX_DELAY, 30 s.
    assert longest_answer_gap(settings, load_catalog()[SOURCE], scale) == pytest.approx(gap)


def test_only_a_source_marked_tls_lenient_accepts_weak_tls(tmp_path: Path) -> None:
    settings = load_settings(environ={"NEWSWATCH_DATA_DIR": str(tmp_path)})
    strict = load_catalog()[SOURCE]
    lenient = strict.model_copy(update={"tls_lenient": True})
    assert "DOWNLOADER_CLIENT_TLS_CIPHERS" not in crawl_settings(settings, strict, 1, 1.0)
    assert crawl_settings(settings, lenient, 1, 1.0)["DOWNLOADER_CLIENT_TLS_CIPHERS"] == "DEFAULT:@SECLEVEL=0"
