"""The extraction accuracy gate: every field at or above its pinned floor, and floors only go up."""

from __future__ import annotations

import pytest

from crawler.evaluation.accuracy import FieldAccuracy, gate, load_floors, measure
from crawler.evaluation.corpus import DEFAULT_REALPAGES, realpages, simulator_pages
from crawler.evaluation.scoring import char_f1, field_correct
from simulator.harness import running_simulator


def test_simulator_corpus_meets_floors() -> None:
    with running_simulator() as sim:
        measured, misses = measure(simulator_pages(sim.base_url, per_source=25))
    assert sum(a.total for a in measured.values()) > 300
    assert gate(measured, load_floors("simulator")) == [], misses[:10]


def test_realpages_meet_floors() -> None:
    if not DEFAULT_REALPAGES.is_dir():
        pytest.skip("../shared/realpages not present (the real-page corpus lives outside the repo)")
    measured, misses = measure(realpages())
    assert measured["title"].total == 6
    assert gate(measured, load_floors("realpages")) == [], misses


def test_gate_catches_a_drop_and_a_stale_floor() -> None:
    measured = {"title": FieldAccuracy(9, 10), "body": FieldAccuracy(10, 10), "issuer": FieldAccuracy(1, 1)}
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
    ],
)
def test_field_scoring(name: str, predicted: str, expected: str, ok: bool) -> None:
    assert field_correct(name, predicted, expected) is ok


def test_char_f1() -> None:
    assert char_f1("abcd", "abcd") == 1.0
    assert char_f1("", "abc") == 0.0
    assert 0.5 < char_f1("abcx", "abcd") < 1.0
