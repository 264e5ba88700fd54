"""Per-field scoring of extraction results against labels: exact fields, dates, body character F1."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Mapping
from typing import Any

from crawler.extract.docnumber import normalize_doc_number

_SPACE = re.compile(r"\s+")
# A body counts as right when its character-level F1 against the truth reaches this.
BODY_F1_CORRECT = 0.9


def _norm(text: Any) -> str:
    return _SPACE.sub("", str(text or ""))


def char_f1(predicted: str, expected: str) -> float:
    pred, gold = Counter(_norm(predicted)), Counter(_norm(expected))
    if not pred or not gold:
        return 1.0 if pred == gold else 0.0
    common = sum((pred & gold).values())
    if not common:
        return 0.0
    precision, recall = common / sum(pred.values()), common / sum(gold.values())
    return 2 * precision * recall / (precision + recall)


def field_correct(name: str, predicted: Any, expected: Any) -> bool:
    if name == "published":
        # Labels give a date ("YYYY-MM-DD") or a minute ("YYYY-MM-DD HH:MM"): compare that much.
        return bool(predicted) and str(predicted).replace("T", " ")[: len(expected)] == expected
    if name == "doc_number":
        return normalize_doc_number(str(predicted or "")) == normalize_doc_number(str(expected))
    if name == "attachments":
        return sorted(a["url"] for a in predicted or []) == expected
    if name == "body":
        return char_f1(str(predicted or ""), str(expected)) >= BODY_F1_CORRECT
    if name == "body_starts":
        return _norm(predicted).startswith(_norm(expected))
    if name == "body_ends":
        return _norm(predicted).endswith(_norm(expected))
    return _norm(predicted) == _norm(expected)


def score_page(predicted: Mapping[str, Any], labels: Mapping[str, Any]) -> dict[str, bool]:
    """{field: correct?} for every labelled field; `predicted` uses ExtractedFields.to_json() keys."""
    values = dict(predicted)
    values["body"] = values["body_starts"] = values["body_ends"] = values.get("body_text")
    return {name: field_correct(name, values.get(name), expected) for name, expected in labels.items()}
