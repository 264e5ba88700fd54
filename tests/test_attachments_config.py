"""The `attachments:` section and the catalog's per-source overrides: defaults, validation, crawl settings."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml
from scrapy.utils.test import get_crawler

from crawler.config import ConfigError, load_settings
from crawler.config.attachment_policy import DEFAULT_MAX_BYTES, AttachmentPolicy
from crawler.config.attachments import attachment_policy
from crawler.config.catalog import CatalogError, load_catalog
from crawler.extract.attachments import DOCUMENT_TYPES
from crawler.run.handover import crawl_handover, crawl_settings
from spiders.hanweb import HanwebSpider
from tests.test_catalog import GOOD, write


def settings_from(tmp_path: Path, config: dict[str, Any]) -> Any:
    path = tmp_path / "newswatch.yaml"
    path.write_text(yaml.safe_dump(config, allow_unicode=True), encoding="utf-8")
    return load_settings(path, environ={"NEWSWATCH_DATA_DIR": str(tmp_path / "data")})


def test_off_by_default_with_sensible_limits() -> None:
    section = load_settings(environ={}).config.attachments
    assert (section.enabled, section.max_bytes, set(section.types), section.hosts) == (
        False, DEFAULT_MAX_BYTES, set(DOCUMENT_TYPES), [])
    assert DEFAULT_MAX_BYTES == 20 * 1024 * 1024


def test_section_is_read_and_normalised(tmp_path: Path) -> None:
    settings = settings_from(tmp_path, {"attachments": {"enabled": True, "max_bytes": 1000, "types": [".PDF", "docx"],
                                                        "hosts": ["Files.Example.gov.cn"]}})
    section = settings.config.attachments
    assert (section.enabled, section.max_bytes, section.types, section.hosts) == (
        True, 1000, ["pdf", "docx"], ["files.example.gov.cn"])


@pytest.mark.parametrize(
    ("section", "key", "message"),
    [
        ({"enabled": "yes"}, "attachments.enabled", "valid boolean"),
        ({"max_bytes": 0}, "attachments.max_bytes", "greater than or equal to 1"),
        ({"max_bytes": "20MB"}, "attachments.max_bytes", "valid integer"),
        ({"types": ["exe"]}, "attachments.types", "unknown attachment type 'exe'"),
        ({"types": []}, "attachments.types", "at least 1"),
        ({"hosts": ["https://cdn.example.com/files"]}, "attachments.hosts", "not a host name"),
        ({"hosts": "cdn.example.com"}, "attachments.hosts", "valid list"),
        ({"enable": True}, "attachments.enable", "unknown key"),
    ],
)
def test_bad_values_are_refused_naming_file_and_key(tmp_path: Path, section: dict, key: str, message: str) -> None:
    with pytest.raises(ConfigError) as raised:
        settings_from(tmp_path, {"attachments": section})
    text = str(raised.value)
    assert "newswatch.yaml" in text and key in text and message in text


def test_a_section_that_is_not_a_mapping_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match=r"newswatch.yaml: attachments: Input should be a valid dictionary"):
        settings_from(tmp_path, {"attachments": "on"})


def test_source_overrides_the_section(tmp_path: Path) -> None:
    entry = {**GOOD, "attachments": {"enabled": True, "types": ["pdf"]}, "attachment_hosts": ["oss.hubei.gov.cn"]}
    source = load_catalog([write(tmp_path, entry)])["hb-mpa-notices"]
    settings = settings_from(tmp_path, {"attachments": {"hosts": ["cdn.example.com"], "max_bytes": 5000}})
    policy = attachment_policy(settings, source)
    assert policy == AttachmentPolicy(True, 5000, frozenset({"pdf"}), ("cdn.example.com", "oss.hubei.gov.cn"))
    off = {**GOOD, "attachments": {"enabled": False}}
    source = load_catalog([write(tmp_path, off)])["hb-mpa-notices"]
    assert not attachment_policy(settings_from(tmp_path, {"attachments": {"enabled": True}}), source).enabled


@pytest.mark.parametrize(
    ("change", "key", "message"),
    [
        ({"attachments": {"enabled": "maybe"}}, "attachments.enabled", "valid boolean"),
        ({"attachments": {"types": ["mp4"]}}, "attachments.types", "unknown attachment type"),
        ({"attachments": {"max_bytes": -1}}, "attachments.max_bytes", "greater than or equal to 1"),
        ({"attachments": {"hosts": ["x.cn"]}}, "attachments.hosts", "unknown key"),
        ({"attachment_hosts": ["http://oss.hubei.gov.cn"]}, "attachment_hosts", "not a host name"),
    ],
)
def test_bad_source_overrides_are_refused_with_file_id_and_key(tmp_path: Path, change: dict, key: str,
                                                               message: str) -> None:
    with pytest.raises(CatalogError) as raised:
        load_catalog([write(tmp_path, {**GOOD, **change})])
    text = str(raised.value)
    assert "mine.yaml" in text and "hb-mpa-notices" in text and f"key '{key}'" in text and message in text


def test_disabled_changes_nothing_in_the_crawl_settings(tmp_path: Path) -> None:
    source = load_catalog()["zj-kjt-notices"]
    plain = load_settings(environ={"NEWSWATCH_DATA_DIR": str(tmp_path)})
    handover = crawl_handover(plain, source, 1, 1.0)
    assert "ATTACHMENTS" not in handover and "FILES_STORE" not in handover
    enabled = settings_from(tmp_path, {"attachments": {"enabled": True, "hosts": ["cdn.example.com"]}})
    values = crawl_settings(enabled, source, 1, 1.0)
    assert values["NEWSWATCH_ATTACHMENTS_ENABLED"] == "True"
    assert values["FILES_STORE"] == str(tmp_path / "data" / "attachments")
    assert values["NEWSWATCH_ATTACHMENTS_HOSTS"] == "cdn.example.com"
    assert values["NEWSWATCH_ATTACHMENTS_MAX_BYTES"] == str(DEFAULT_MAX_BYTES)


def spider_with(settings: dict[str, Any]) -> HanwebSpider:
    crawler = get_crawler(HanwebSpider, settings)
    return HanwebSpider.from_crawler(crawler, source="zj-kjt-notices")


def test_attachment_hosts_pass_the_offsite_filter_only_when_enabled() -> None:
    hosts = {"NEWSWATCH_ATTACHMENTS_HOSTS": "cdn.example.com"}
    assert spider_with(hosts).allowed_domains == ["kjt.zj.gov.cn"]
    spider = spider_with({**hosts, "NEWSWATCH_ATTACHMENTS_ENABLED": True})
    assert spider.allowed_domains == ["cdn.example.com", "kjt.zj.gov.cn"]
    assert spider.article_hosts == ["kjt.zj.gov.cn"]  # list entries on the file server are not articles
