"""How a crawl child is set up: the cap on new articles it is handed."""

from __future__ import annotations

from pathlib import Path

from crawler.config import load_settings
from crawler.config.catalog import load_catalog
from crawler.run.handover import crawl_settings

SOURCE = "cn-nmpa-announcements"


def test_the_child_is_handed_the_configured_cap_on_new_articles(tmp_path: Path) -> None:
    config = tmp_path / "c.yaml"
    config.write_text("max_new_per_crawl: 120\n", encoding="utf-8")
    settings = load_settings(config, environ={"NEWSWATCH_DATA_DIR": str(tmp_path)})
    values = crawl_settings(settings, load_catalog()[SOURCE], run_id=1, politeness_scale=1.0)
    assert values["NEWSWATCH_MAX_NEW_PER_CRAWL"] == 120

