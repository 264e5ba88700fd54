"""Scoring extraction results against labels: article fields (exact, dates, body bounds, character F1) and
list entries (found, precision, titles and dates of the entries found)."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from crawler.extract.docnumber import normalize_doc_number
from crawler.util.urls import canonical_url

_SPACE = re.compile(r"\s+")
# A body counts as right when its character-level F1 against the truth reaches this.
BODY_F1_CORRECT = 0.9
# Labels write a title cut short by the site with its ellipsis; an extractor may keep or drop it.
_ELLIPSIS = re.compile(r"(?:\.{3,}|…+)$")


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


def _empty(value: Any) -> bool:
    return value is None or value == "" or value == []


def field_correct(name: str, predicted: Any, expected: Any) -> bool:
    """Expected None (the page does not carry the field): right only when nothing was extracted."""
    if expected is None:
        return _empty(predicted)
    if name == "published":
        # Labels give a date ("YYYY-MM-DD") or a minute ("YYYY-MM-DD HH:MM"): compare that much.
        return bool(predicted) and str(predicted).replace("T", " ")[: len(expected)] == expected
    if name == "doc_number":
        return normalize_doc_number(str(predicted or "")) == normalize_doc_number(str(expected))
    if name == "attachments":
        urls = [a["url"] if isinstance(a, Mapping) else a for a in predicted or []]
        return sorted(canonical_url(u) for u in urls) == sorted(canonical_url(u) for u in expected)
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


@dataclass
class ListScore:
    """Counts for one list page: labelled entries, extracted entries, matched by canonical URL, and of the
    matched ones those with the right title and the right date; subtitles and related links are scored on
    the matched entries whose label carries those (optional) keys."""

    labelled: int = 0
    extracted: int = 0
    matched: int = 0
    titles_right: int = 0
    dates_right: int = 0
    subtitles: int = 0
    subtitles_right: int = 0
    related: int = 0
    related_right: int = 0

    def ratios(self) -> dict[str, tuple[int, int]]:
        """metric -> (correct, total); the optional fields only where labelled."""
        found = {"entries_found": (self.matched, self.labelled), "entries_precision": (self.matched, self.extracted),
                 "entry_titles": (self.titles_right, self.matched), "entry_dates": (self.dates_right, self.matched)}
        if self.subtitles:
            found["entry_subtitles"] = (self.subtitles_right, self.subtitles)
        if self.related:
            found["entry_related"] = (self.related_right, self.related)
        return found


def _same_title(predicted: str, expected: str) -> bool:
    return _norm(_ELLIPSIS.sub("", predicted)) == _norm(_ELLIPSIS.sub("", expected))


def score_list(predicted: Iterable[tuple[Any, ...]], expected: list[Mapping[str, Any]]) -> ListScore:
    """`predicted`: (url, title, YYYY-MM-DD or None[, subtitle, related URLs]) per extracted entry."""
    found = {canonical_url(p[0]): (p[1], p[2], *(p[3:5] if len(p) >= 5 else (None, ()))) for p in predicted}
    score = ListScore(labelled=len({canonical_url(e["url"]) for e in expected}), extracted=len(found))
    seen: set[str] = set()
    for entry in expected:
        key = canonical_url(entry["url"])
        if key in seen or key not in found:
            continue
        seen.add(key)
        title, day, subtitle, related = found[key]
        score.matched += 1
        score.titles_right += _same_title(title, entry["title"])
        score.dates_right += (day or None) == (entry.get("date") or None)
        if "subtitle" in entry:
            score.subtitles += 1
            score.subtitles_right += _norm(subtitle) == _norm(entry["subtitle"])
        if "related" in entry:
            score.related += 1
            score.related_right += sorted(map(canonical_url, related or ())) == sorted(
                map(canonical_url, entry["related"] or ()))
    return score
