"""`newswatch sources add`: saved real pages of five families and a feed, the simulator end to end (then
`sources check` on the entry written), blocked and unreadable pages, and where the entry goes."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result

from crawler.cli import cli
from crawler.config.catalog import load_catalog, load_catalog_file
from simulator.harness import SimClient
from tests.conftest import realpage


def add(tmp_path: Path, *args: str, sim: SimClient | None = None, catalog: Path | None = None) -> Result:
    env = {"NEWSWATCH_DATA_DIR": str(tmp_path / "data"), "NEWSWATCH_CATALOGS": str(catalog or tmp_path / "mine.yaml")}
    if sim is not None:
        env["NEWSWATCH_SIMULATOR"] = sim.base_url
    return CliRunner().invoke(cli, ["sources", "add", *args], env=env)


def added(result: Result) -> dict[str, Any]:
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    assert report["written"] is True
    return report


# (saved page, its URL, family, entries read, params written, the id the command gives it)
SAVED = [
    ("jiangsu_list.html", "http://da.jiangsu.gov.cn/col/col91813/index.html", "hanweb-classic", 45, {},
     "js-da-col91813"),
    ("shandong_api.json", "http://mpa.shandong.gov.cn/col/col101798/index.html", "hanweb-jpaas", 15,
     {"jpaas_web_id": "s1412", "jpaas_page_id": "s1101798", "jpaas_tpl_set_id": "uDM5IX1D0wqgdLmhxIOpg"},
     "sd-mpa-col101798"),
    ("most_list.html", "https://www.most.gov.cn/xxgk/xinxifenlei/fdzdgknr/fgzc/", "trs", 17, {}, "cn-most-fgzc"),
    ("anhui_list.html", "https://mpa.ah.gov.cn/ztgz/yssypbgba/yp/index.html", "lonsun", 15, {}, "ah-mpa-yp"),
    ("corpus/zrzy.hebei.gov.cn/list-stdt-department-news.html", "https://zrzy.hebei.gov.cn/heb/xinwen/stdt/index.html",
     "generic", 20, {}, "he-zrzy-stdt"),
]


@pytest.mark.parametrize("name, url, family, count, params, source_id", SAVED, ids=[s[2] for s in SAVED])
def test_saved_real_pages_become_catalog_entries(tmp_path: Path, name: str, url: str, family: str, count: int,
                                                  params: dict[str, str], source_id: str) -> None:
    result = add(tmp_path, url, "--from-file", str(realpage(name)), "--kind", "science", "--json")
    report = added(result)
    assert (report["family"], len(report["entries"]), report["entry"]["id"]) == (family, count, source_id)
    assert report["evidence"] and report["paging"]
    [source] = load_catalog_file(tmp_path / "mine.yaml")
    assert (source.id, source.family, source.start_urls, dict(source.params)) == (source_id, family, [url], params)
    assert source.verified and source_id in load_catalog([tmp_path / "mine.yaml"])


def test_generic_pages_get_the_paging_their_pager_states(tmp_path: Path) -> None:
    page = realpage("corpus/zrzy.hebei.gov.cn/list-stdt-department-news.html")
    added(add(tmp_path, "https://zrzy.hebei.gov.cn/heb/xinwen/stdt/index.html", "--from-file", str(page),
              "--kind", "science", "--json"))
    [source] = load_catalog_file(tmp_path / "mine.yaml")
    assert (source.paging.page_pattern, source.paging.first_page_number) == ("index_{n}.html", 2)


def test_a_feed_and_the_sample_article_from_a_saved_copy(tmp_path: Path) -> None:
    feed = tmp_path / "feed.xml"
    feed.write_text('<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>工作动态</title>'
                    "<item><title>关于开展科技项目申报的通知</title>"
                    "<link>https://kjt.zj.gov.cn/art/2025/1/2/art_1228971342_1.html</link>"
                    "<pubDate>Thu, 02 Jan 2025 10:00:00 +0800</pubDate></item></channel></rss>", encoding="utf-8")
    report = added(add(tmp_path, "https://kjt.zj.gov.cn/rss/feed.xml", "--from-file", str(feed), "--json"))
    assert report["family"] == "feed" and report["entry"]["agency_kind"] == "science"
    result = add(tmp_path, "http://da.jiangsu.gov.cn/col/col91813/index.html", "--from-file",
                 str(realpage("jiangsu_list.html")), "--article-file", str(realpage("jiangsu_detail.html")))
    assert result.exit_code == 0, result.output
    assert "url: http://da.jiangsu.gov.cn/art/2025/8/12/art_91813_11621526.html" in result.stdout
    assert "title: 沟通交流案例7-变更注册标准" in result.stdout and "published: 2025-08-12T10:31:54+08:00" in result.stdout
    assert "added js-da-col91813 to" in result.stdout and "newswatch sources check js-da-col91813" in result.stdout
    assert [s.id for s in load_catalog_file(tmp_path / "mine.yaml")] == [report["entry"]["id"], "js-da-col91813"]


def test_entries_are_appended_to_a_catalog_keeping_its_text(tmp_path: Path) -> None:
    catalog = tmp_path / "mine.yaml"
    catalog.write_text("# our own sources\nsources:\n- id: hb-mpa-notices  # kept\n  name: {zh: 湖北, en: Hubei}\n"
                       "  agency: {zh: 湖北省药监局, en: Hubei MPA}\n  province: hubei\n  agency_kind: drug\n"
                       "  family: generic\n  start_urls: [https://mpa.hubei.gov.cn/tzgg/]\n", encoding="utf-8")
    added(add(tmp_path, "https://mpa.ah.gov.cn/ztgz/yssypbgba/yp/index.html", "--from-file",
              str(realpage("anhui_list.html")), "--json"))
    text = catalog.read_text(encoding="utf-8")
    assert text.startswith("# our own sources\n") and "# kept" in text
    assert [s.id for s in load_catalog_file(catalog)] == ["hb-mpa-notices", "ah-mpa-yp"]
    again = add(tmp_path, "https://mpa.ah.gov.cn/ztgz/yssypbgba/yp/index.html", "--from-file",
                str(realpage("anhui_list.html")))
    assert again.exit_code != 0 and "a source 'ah-mpa-yp' is already in the catalog: pass --id" in again.output


def test_what_is_not_written(tmp_path: Path) -> None:
    page = str(realpage("anhui_list.html"))
    url = "https://mpa.ah.gov.cn/ztgz/yssypbgba/yp/index.html"
    dry = add(tmp_path, url, "--from-file", page, "--dry-run")
    assert dry.exit_code == 0 and "--dry-run: nothing was written" in dry.stdout
    assert not (tmp_path / "mine.yaml").exists()
    no_catalog = CliRunner().invoke(cli, ["sources", "add", url, "--from-file", page],
                                    env={"NEWSWATCH_DATA_DIR": str(tmp_path / "data"), "NEWSWATCH_CATALOGS": ""})
    assert no_catalog.exit_code == 2 and "there is no catalog file of your own" in no_catalog.output
    unknown_kind = add(tmp_path, "https://zrzy.hebei.gov.cn/heb/xinwen/stdt/index.html", "--from-file",
                       str(realpage("corpus/zrzy.hebei.gov.cn/list-stdt-department-news.html")))
    assert unknown_kind.exit_code == 2 and "pass --kind science|drug|ministry" in unknown_kind.output
    article = add(tmp_path, "https://www.nmpa.gov.cn/xxgk/a/20200911083851127.html", "--from-file",
                  str(realpage("nmpa_article_ruishu.html")))
    assert article.exit_code == 1 and "holds no list entries" in article.output
    assert "would end in the health state `empty`; no catalog entry was written" in article.output
    assert not (tmp_path / "mine.yaml").exists()


def test_simulated_sites_end_to_end_then_sources_check(sim: SimClient, tmp_path: Path) -> None:
    shell = add(tmp_path, "https://kjt.zj.gov.cn/col/col1229225203/index.html", "--id", "zj-kjt-drafts-again",
                "--json", sim=sim)
    report = added(shell)
    truth = sim.truth("zj-kjt-drafts")
    assert report["family"] == "hanweb-jpaas" and report["entry"].get("params") is None  # ids: read at run time
    assert report["read_at_run_time"]["jpaas pageId"] == "1229225203"
    assert [e["url"] for e in report["entries"]] == [a["url"] for a in truth[:15]]
    assert report["sample_article"]["title"] == truth[0]["title"]
    lonsun = added(add(tmp_path, "https://mpa.ah.gov.cn/xwzx/tzgg/index.html", "--id", "ah-mpa-tzgg-again",
                       "--json", sim=sim))
    assert lonsun["family"] == "lonsun" and lonsun["read_at_run_time"]["pager"].startswith("/content/column/")
    trs = added(add(tmp_path, "https://www.most.gov.cn/tztg/index.html", "--id", "cn-most-tztg-again", "--json",
                    sim=sim))
    assert trs["family"] == "trs" and trs["read_at_run_time"]["pager"].startswith("index_{n}.html")
    env = {"NEWSWATCH_DATA_DIR": str(tmp_path / "data"), "NEWSWATCH_SIMULATOR": sim.base_url,
           "NEWSWATCH_CATALOGS": str(tmp_path / "mine.yaml")}
    check = CliRunner().invoke(cli, ["sources", "check", "zj-kjt-drafts-again", "--json"], env=env)
    assert check.exit_code == 0, check.output
    checked = json.loads(check.stdout)
    assert checked["signals"] == {} and [e["url"] for e in checked["entries"]] == [a["url"] for a in truth[:15]]


def test_a_blocked_site_is_said_so_and_nothing_is_written(sim: SimClient, tmp_path: Path) -> None:
    sim.post("/_sim/sources/cn-nmpa-announcements/mode", {"mode": "blocked-412"})
    result = add(tmp_path, "https://www.nmpa.gov.cn/xxgk/ggtg/index.html", "--id", "cn-nmpa-ggtg-again", sim=sim)
    assert result.exit_code == 1
    assert "cannot add https://www.nmpa.gov.cn/xxgk/ggtg/index.html: the site answered 412 with a challenge" in result.output
    assert "would end in the health state `blocked`; no catalog entry was written" in result.output
    assert not (tmp_path / "mine.yaml").exists()
    as_json = add(tmp_path, "https://www.nmpa.gov.cn/xxgk/ggtg/index.html", "--id", "cn-nmpa-ggtg-again", "--json",
                  sim=sim)
    report = json.loads(as_json.stdout.split("Error:")[0])
    assert (as_json.exit_code, report["health"], report["written"]) == (1, "blocked", False)


def test_a_site_that_does_not_answer_is_unreachable(tmp_path: Path) -> None:
    result = add(tmp_path, "http://127.0.0.1:9/col/col1/index.html", "--kind", "science")
    assert result.exit_code == 1 and "would end in the health state `unreachable`" in result.output
