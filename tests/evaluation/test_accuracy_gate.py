"""The extraction accuracy gate: every field at or above its pinned floor, and floors only go up."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlsplit

import pytest

from crawler.config.yamlfile import read_yaml
from crawler.evaluation.accuracy import Measured, gate, load_floors, measure, measure_lists
from crawler.evaluation.corpus import (
    ARTICLE_FIELDS,
    DEFAULT_REALPAGES,
    LABELS_DIR,
    LabelledPage,
    realpages,
    simulator_pages,
)
from crawler.evaluation.scoring import char_f1, field_correct, score_list
from simulator.harness import running_simulator

EXTRACT_DIR = Path(__file__).resolve().parents[2] / "crawler" / "extract"


def test_simulator_corpus_meets_floors() -> None:
    with running_simulator() as sim:
        measured = measure(simulator_pages(sim.base_url, per_source=25))
    assert sum(a.total for a in measured.pooled.values()) > 300
    assert gate(measured.leave_one_site_out(), load_floors("simulator")) == [], measured.misses[:10]


def real(kind: str) -> list[LabelledPage]:
    if not DEFAULT_REALPAGES.is_dir():
        pytest.skip("../shared/realpages not present (the real-page corpus lives outside the repo)")
    return list(realpages(kinds=(kind,)))


@pytest.mark.parametrize("kind", ["detail", "news"])
def test_real_article_pages_meet_floors(kind: str) -> None:
    measured = measure(real(kind))
    assert measured.pooled["title"].total >= 14
    assert gate(measured.leave_one_site_out(), load_floors(kind)) == [], measured.misses


def test_real_list_pages_meet_floors() -> None:
    measured = measure_lists(real("list"))
    assert measured.pooled["entries_found"].total >= 600
    assert gate(measured.leave_one_site_out(), load_floors("list")) == [], measured.misses


def test_every_label_file_has_its_page_and_every_field() -> None:
    if not DEFAULT_REALPAGES.is_dir():
        pytest.skip("../shared/realpages not present (the real-page corpus lives outside the repo)")
    for label_file in LABELS_DIR.rglob("*.yaml"):
        entry = read_yaml(label_file)
        assert (DEFAULT_REALPAGES / label_file.relative_to(LABELS_DIR).with_suffix(".html")).exists(), label_file
        if entry["kind"] == "list":
            assert all({"url", "title", "date"} <= set(e) for e in entry["entries"]), label_file
        else:
            assert set(ARTICLE_FIELDS) <= set(entry), label_file


def test_the_extractor_holds_no_rule_for_a_corpus_site() -> None:
    """Leave-one-site-out holds only if no rule names a site of the corpus: a host in the extraction code
    would be a rule developed on that site."""
    hosts = {urlsplit(read_yaml(f)["url"]).hostname for f in LABELS_DIR.rglob("*.yaml")}
    hosts = {h for h in hosts if h and h.count(".") >= 2}
    code = "\n".join(p.read_text(encoding="utf-8") for p in EXTRACT_DIR.rglob("*.py"))
    assert sorted(h for h in hosts if h in code) == []


def test_loso_is_the_mean_over_sites() -> None:
    measured = Measured()
    measured.add("a.gov.cn", "title", 9, 10)
    measured.add("b.gov.cn", "title", 0, 1)
    assert measured.pooled["title"].accuracy == 9 / 11
    assert measured.leave_one_site_out() == {"title": (0.9 + 0.0) / 2}


def test_gate_catches_a_drop_and_a_stale_floor() -> None:
    measured = {"title": 0.9, "body": 1.0, "issuer": 1.0}
    problems = gate(measured, {"title": 0.95, "body": 0.5})
    assert any("title" in p and "fell below" in p for p in problems)
    assert any("body" in p and "raise the floor" in p for p in problems)
    assert any("issuer" in p and "no floor" in p for p in problems)


@pytest.mark.parametrize(
    "name, predicted, expected, ok",
    [
        ("published", "2025-08-12T10:31:54+08:00", "2025-08-12", True),
        ("published", "2025-08-12T10:31:54+08:00", "2025-08-12 10:30", False),
        ("doc_number", "浙科发[2019]12号", "浙科发〔2019〕12号", True),
        ("title", "关于 开展 工作的通知", "关于开展工作的通知", True),
        ("body", "第一段\n第二段", "第一段第二段", True),
        ("body", "完全不同的文字", "第一段第二段", False),
        ("author", None, None, True),  # not on the page, none extracted
        ("doc_number", "浙科发〔2019〕12号", None, False),  # not on the page: a value found there is wrong
        ("attachments", [{"url": "https://a.gov.cn/1.pdf"}], ["https://a.gov.cn/1.pdf"], True),
    ],
)
def test_field_scoring(name: str, predicted: str, expected: str, ok: bool) -> None:
    assert field_correct(name, predicted, expected) is ok


def test_char_f1() -> None:
    assert char_f1("abcd", "abcd") == 1.0
    assert char_f1("", "abc") == 0.0
    assert 0.5 < char_f1("abcx", "abcd") < 1.0


def test_list_scoring_matches_by_canonical_url() -> None:
    expected = [{"url": "https://a.gov.cn/1.html", "title": "一号文件", "date": "2024-05-09"},
                {"url": "https://a.gov.cn/2.html", "title": "二号文件", "date": None},
                {"url": "https://a.gov.cn/3.html", "title": "三号文件", "date": "2024-05-01"}]
    predicted = [("http://a.gov.cn/1.html", "一号文件", "2024-05-09"), ("https://a.gov.cn/2.html", "二号…", "2024-05-02"),
                 ("https://a.gov.cn/nav.html", "首页", None)]
    score = score_list(predicted, expected)
    assert score.ratios() == {"entries_found": (2, 3), "entries_precision": (2, 3), "entry_titles": (1, 2),
                              "entry_dates": (1, 2)}


def test_list_scoring_of_subtitles_and_related_links_where_labelled() -> None:
    expected = [{"url": "https://a.gov.cn/1.html", "title": "一号文件", "date": None, "subtitle": "修订说明",
                 "related": ["https://a.gov.cn/1.pdf"]},
                {"url": "https://a.gov.cn/2.html", "title": "二号文件", "date": None, "related": []},
                {"url": "https://a.gov.cn/3.html", "title": "三号文件", "date": None}]
    predicted = [("https://a.gov.cn/1.html", "一号文件", None, "修订说明", ("http://a.gov.cn/1.pdf",)),
                 ("https://a.gov.cn/2.html", "二号文件", None, None, ("https://a.gov.cn/jd.html",)),
                 ("https://a.gov.cn/3.html", "三号文件", None, "副标题", ())]
    ratios = score_list(predicted, expected).ratios()
    assert ratios["entry_subtitles"] == (1, 1)  # only the first label gives a subtitle
    assert ratios["entry_related"] == (1, 2)
    # Three-field predictions (older callers) still score.
    assert score_list([("https://a.gov.cn/3.html", "三号文件", None)], expected).ratios()["entries_found"] == (1, 3)
