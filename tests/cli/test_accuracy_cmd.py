"""`newswatch accuracy` from the outside: a corpus that was not measured is said to be skipped, never passed."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from crawler.cli import cli


def test_missing_realpages_are_reported_as_skipped(tmp_path: Path) -> None:
    absent = tmp_path / "realpages"
    result = CliRunner().invoke(cli, ["accuracy", "--per-source", "1", "--realpages", str(absent)])
    assert result.exit_code == 0, result.output
    assert f"realpages: skipped: {absent} is not there (--realpages DIR)" in result.output
    assert result.output.rstrip().endswith("all measured fields at or above their floors")


def test_a_realpages_folder_without_the_labelled_pages_is_skipped_too(tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["accuracy", "--per-source", "1", "--realpages", str(tmp_path), "--json"])
    report = json.loads(result.output)
    assert report["skipped"] == {"realpages": f"skipped: {tmp_path} holds none of the labelled pages (--realpages DIR)"}
    assert set(report["parts"]) == {"simulator"}


HELD_OUT_PAGE = """<html><head><meta charset="utf-8"><title>关于开展2026年度创新券兑付工作的通知_通知公告_某某省科学技术厅</title></head>
<body><div class="nav"><a href="/">首页</a></div>
<h1>关于开展2026年度创新券兑付工作的通知</h1>
<div class="info">发布时间：2026-03-05 来源：某某省科学技术厅</div>
<div class="content"><p>各市科技局：为做好2026年度创新券兑付工作，现将有关事项通知如下。</p>
<p>一、兑付范围为上一年度使用创新券购买科技服务的企业，请于三月底前完成材料报送工作。</p>
<p>某某省科学技术厅 2026年3月5日</p></div></body></html>"""

HELD_OUT_LABELS = """kind: detail
url: https://kjt.example.gov.cn/art/2026/3/5/art_1_2.html
title: 关于开展2026年度创新券兑付工作的通知
subtitle: null
published: "2026-03-05"
source: 某某省科学技术厅
author: null
doc_number: null
index_number: null
issuer: null
body_starts: "各市科技局：为做好2026年度创新券兑付工作"
body_ends: "{ends}"
attachments: []
"""


def test_a_held_out_set_is_scored_alone_and_not_held_to_the_floors(tmp_path: Path) -> None:
    """Pages and labels from folders of their own (pages nobody tuned the rules on): the figures of that set,
    no simulator part, no floor; a label the extraction does not meet is a miss."""
    pages, labels = tmp_path / "pages", tmp_path / "labels"
    (pages / "site-a").mkdir(parents=True)
    (labels / "site-a").mkdir(parents=True)
    (pages / "site-a" / "notice.html").write_text(HELD_OUT_PAGE, encoding="utf-8")
    (pages / "site-a" / "other.html").write_text(HELD_OUT_PAGE, encoding="utf-8")
    (labels / "site-a" / "notice.yaml").write_text(HELD_OUT_LABELS.format(ends="某某省科学技术厅 2026年3月5日"),
                                                   encoding="utf-8")
    (labels / "site-a" / "other.yaml").write_text(HELD_OUT_LABELS.format(ends="这句话不在页面上"), encoding="utf-8")
    result = CliRunner().invoke(cli, ["accuracy", "--realpages", str(pages), "--labels", str(labels), "--json",
                                      "--misses"])
    assert result.exit_code == 0, result.output
    report = json.loads(result.output)
    assert "simulator" not in report["parts"] and report["problems"] == []
    assert [part for part, data in report["parts"].items() if data["fields"]] == ["detail"]
    fields = report["parts"]["detail"]["fields"]
    assert {name: (v["correct"], v["total"], v["floor"]) for name, v in fields.items() if name.startswith(("title", "body"))} \
        == {"title": (2, 2, None), "body_starts": (2, 2, None), "body_ends": (1, 2, None)}
    [miss] = report["parts"]["detail"]["misses"]
    assert miss.startswith("site-a/other.html: body_ends: got '各市科技局") and miss.endswith("expected '这句话不在页面上'")
    text = CliRunner().invoke(cli, ["accuracy", "--realpages", str(pages), "--labels", str(labels)]).output
    assert text.rstrip().endswith(f"labels from {labels}: a held-out set, not held to the floors")


def test_a_list_the_reader_finds_nothing_on_has_no_precision_figure_and_no_crash(tmp_path: Path) -> None:
    """Entries only in an HTML comment (no list the reader can see): found 0 of 2, and precision, titles and
    dates were measured on nothing, so they have no figure (not 1.0)."""
    pages, labels = tmp_path / "pages", tmp_path / "labels"
    pages.mkdir()
    labels.mkdir()
    (pages / "hidden.html").write_text(
        "<html><body><h1>通知公告</h1><!-- <ul><li><a href='/a/1.html'>关于开展某某工作的通知</a> 2024-05-09</li>"
        "<li><a href='/a/2.html'>关于公布某某名单的公示</a> 2024-05-08</li></ul> --></body></html>", encoding="utf-8")
    (labels / "hidden.yaml").write_text(
        "kind: list\nurl: https://www.example.gov.cn/tzgg/index.html\nentries:\n"
        "  - {url: https://www.example.gov.cn/a/1.html, title: 关于开展某某工作的通知, date: '2024-05-09'}\n"
        "  - {url: https://www.example.gov.cn/a/2.html, title: 关于公布某某名单的公示, date: '2024-05-08'}\n",
        encoding="utf-8")
    result = CliRunner().invoke(cli, ["accuracy", "--realpages", str(pages), "--labels", str(labels), "--json"])
    assert result.exit_code == 0, result.output
    fields = json.loads(result.output)["parts"]["list"]["fields"]
    assert {name: (v["correct"], v["total"], v["pooled"], v["leave_one_site_out"]) for name, v in fields.items()} == {
        "entries_found": (0, 2, 0.0, 0.0), "entries_precision": (0, 0, None, None),
        "entry_titles": (0, 0, None, None), "entry_dates": (0, 0, None, None)}
    text = CliRunner().invoke(cli, ["accuracy", "--realpages", str(pages), "--labels", str(labels)]).output
    assert "entries_precision      0/0       –        –" in text
