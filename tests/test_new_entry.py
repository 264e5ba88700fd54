"""The catalog entry `sources add` writes: id, province and kind from the host and the page, YAML in the catalog's
style that loads, and appending to a user catalog file whatever shape it is in."""

from __future__ import annotations

from pathlib import Path

import pytest

from crawler.config.catalog import load_catalog_file
from crawler.config.new_entry import EntryError, append_entry, entry_dict, entry_yaml, name_source
from crawler.config.recognize import Recognition

PAGE = ('<html><head><meta name="SiteName" content="湖北省药品监督管理局"><meta name="ColumnName" content="通知公告">'
        "<title>通知公告-湖北省药品监督管理局</title></head></html>")


@pytest.mark.parametrize(
    "url, source_id, province, kind",
    [
        ("https://mpa.hubei.gov.cn/zfxxgk/tzgg/index.html", "hb-mpa-tzgg", "hubei", "drug"),
        ("http://da.jiangsu.gov.cn/col/col91813/index.html", "js-da-col91813", "jiangsu", "drug"),
        ("https://kjt.zj.gov.cn/col/col1229225203/index.html", "zj-kjt-col1229225203", "zhejiang", "science"),
        ("https://www.most.gov.cn/xxgk/xinxifenlei/fdzdgknr/fgzc/", "cn-most-fgzc", "national", "science"),
        ("https://www.nea.gov.cn/xwzx/", "cn-nea-xwzx", "national", "ministry"),
        ("https://www.cnmn.com.cn/ShowNewsList.aspx?id=43", "cn-cnmn-shownewslist43", "national", None),
        ("https://mpa.gd.gov.cn/gkmlpt/api/all/2849?page=1&sid=755", "gd-mpa-2849", "guangdong", "drug"),
    ],
)
def test_ids_provinces_and_kinds(url: str, source_id: str, province: str, kind: str | None) -> None:
    naming = name_source(url, "<html></html>")
    assert (naming.source_id, naming.province, naming.agency_kind) == (source_id, province, kind)


def test_names_come_from_the_government_meta_tags() -> None:
    naming = name_source("https://mpa.hubei.gov.cn/zfxxgk/tzgg/index.html", PAGE)
    assert (naming.name_zh, naming.agency_zh) == ("湖北省药品监督管理局 通知公告", "湖北省药品监督管理局")


def entry(source_id: str = "hb-mpa-tzgg") -> dict:
    found = Recognition("generic", [], [], paging={"page_pattern": "index_{n}.html", "first_page_number": 1},
                        params={"note": "a: b, [c]"})
    naming = name_source("https://mpa.hubei.gov.cn/zfxxgk/tzgg/index.html?x=1&y=2", PAGE)
    return entry_dict("https://mpa.hubei.gov.cn/zfxxgk/tzgg/index.html?x=1&y=2", found, naming, "drug") | {
        "id": source_id}


def test_the_yaml_is_plain_where_it_can_be_and_loads(tmp_path: Path) -> None:
    text = entry_yaml(entry(), ["added by a test"])
    assert "  - id: hb-mpa-tzgg\n" in text and "family: generic" in text and "zh: 湖北省药品监督管理局 通知公告" in text
    assert '"index_{n}.html"' in text and '"a: b, [c]"' in text  # what would not read back plain is quoted
    path = tmp_path / "mine.yaml"
    append_entry(path, entry(), ["added by a test"])
    [source] = load_catalog_file(path)
    assert source.params == {"note": "a: b, [c]"} and source.start_urls == ["https://mpa.hubei.gov.cn/zfxxgk/tzgg/index.html?x=1&y=2"]


@pytest.mark.parametrize("existing", ["", "sources: []\n", "# mine\nsources:\n", "sources:\n    - id: hb-mpa-old\n"
                                      "      name: {zh: 旧, en: old}\n      agency: {zh: 旧, en: old}\n"
                                      "      province: hubei\n      agency_kind: drug\n      family: generic\n"
                                      "      start_urls: [https://mpa.hubei.gov.cn/old/]\n"])
def test_appending_to_every_shape_of_catalog(tmp_path: Path, existing: str) -> None:
    path = tmp_path / "mine.yaml"
    if existing:
        path.write_text(existing, encoding="utf-8")
    append_entry(path, entry(), ["added"])
    assert [s.id for s in load_catalog_file(path)][-1] == "hb-mpa-tzgg"
    assert "# mine" in path.read_text(encoding="utf-8") or "# mine" not in existing


def test_what_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "mine.yaml"
    append_entry(path, entry(), [])
    with pytest.raises(EntryError, match="already has a source 'hb-mpa-tzgg'"):
        append_entry(path, entry(), [])
    flow = tmp_path / "flow.yaml"
    flow.write_text("sources: [{id: hb-mpa-x, name: {zh: x, en: x}}]\n", encoding="utf-8")
    with pytest.raises(EntryError, match="not hold its sources as a YAML block list"):
        append_entry(flow, entry(), [])
    assert flow.read_text(encoding="utf-8").startswith("sources: [{id")
    with pytest.raises(ValueError):
        entry_dict("https://x.gov.cn/a/", Recognition("generic", [], []), name_source("https://x.gov.cn/a/", ""),
                   "unknown-kind")
