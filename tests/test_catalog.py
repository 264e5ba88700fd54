"""The catalog validates on load, and a bad entry is refused naming the file, the source id and the key."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from crawler.config.catalog import CatalogError, load_catalog

GOOD = {
    "id": "hb-mpa-notices",
    "name": {"zh": "湖北省药品监督管理局 通知公告", "en": "Hubei MPA - notices"},
    "agency": {"zh": "湖北省药品监督管理局", "en": "Hubei Medical Products Administration"},
    "province": "hubei",
    "agency_kind": "drug",
    "family": "generic",
    "start_urls": ["https://mpa.hubei.gov.cn/zfxxgk/tzgg/"],
}


def write(tmp_path: Path, entry: dict) -> Path:
    path = tmp_path / "mine.yaml"
    path.write_text(yaml.safe_dump({"sources": [entry]}, allow_unicode=True), encoding="utf-8")
    return path


def test_builtin_catalog_validates() -> None:
    catalog = load_catalog()
    assert len(catalog) >= 15
    families = {s.family for s in catalog.values()}
    assert {"hanweb-classic", "hanweb-jpaas", "hanweb-auto", "trs", "gkmlpt", "lonsun", "jsarray", "feed"} <= families


def test_user_file_adds_a_source_by_yaml_only(tmp_path: Path) -> None:
    catalog = load_catalog([write(tmp_path, GOOD)])
    assert catalog["hb-mpa-notices"].primary_host == "mpa.hubei.gov.cn"


@pytest.mark.parametrize(
    "change, key, message",
    [
        ({"colour": "red"}, "colour", "unknown key"),
        ({"province": None}, "province", ""),
        ({"selectors": {"list_item": "ul..li["}}, "selectors", "does not parse"),
        ({"selectors": {"headline": "h1"}}, "selectors", "unknown selector key"),
        ({"start_urls": ["ftp://x"]}, "start_urls", "not an absolute http"),
        ({"family": "wordpress"}, "family", ""),
        ({"max_new_per_crawl": 0}, "max_new_per_crawl", "greater than or equal to 1"),
        ({"max_new_per_crawl": "lots"}, "max_new_per_crawl", "valid integer"),
    ],
)
def test_bad_entries_are_refused_with_file_id_and_key(tmp_path: Path, change: dict, key: str, message: str) -> None:
    entry = {**GOOD, **change}
    entry = {k: v for k, v in entry.items() if v is not None}
    with pytest.raises(CatalogError) as raised:
        load_catalog([write(tmp_path, entry)])
    text = str(raised.value)
    assert "mine.yaml" in text and "hb-mpa-notices" in text and key in text and message in text


def test_missing_field_is_named(tmp_path: Path) -> None:
    entry = {k: v for k, v in GOOD.items() if k != "agency"}
    with pytest.raises(CatalogError, match=r"mine.yaml: source 'hb-mpa-notices': key 'agency': Field required"):
        load_catalog([write(tmp_path, entry)])


@pytest.mark.parametrize(
    "change, message",
    [
        ({"verified": False}, "verified: false needs unverified_reason"),
        ({"unverified_reason": "column id from a forum post"}, "unverified_reason is given but verified is not false"),
        ({"verified": "no", "unverified_reason": "x"}, "valid boolean"),
    ],
)
def test_an_unverified_entry_says_why(tmp_path: Path, change: dict, message: str) -> None:
    with pytest.raises(CatalogError) as raised:
        load_catalog([write(tmp_path, {**GOOD, **change})])
    assert "hb-mpa-notices" in str(raised.value) and message in str(raised.value)


def test_the_shipped_catalog_names_no_family_parameter_a_real_page_did_not_give() -> None:
    """Hanweb units, data proxies and jpaas ids are read from the pages at run time; what stays unverified
    (column ids no saved page shows) is said per entry."""
    catalog = load_catalog(include_builtin=True)
    assert not any(source.params for source in catalog.values())
    assert not any(source.paging.proxy_path for source in catalog.values())
    for source in catalog.values():
        assert source.verified or (source.unverified_reason and len(source.unverified_reason) > 20), source.id
    patterns = {s.id for s in catalog.values() if s.paging.page_pattern}
    assert patterns == {"cn-nmpa-announcements"}  # verified on a real NMPA list page's pager (see national.yaml)
