"""Side-by-side differences between two versions of an item: changed fields, and the body line by line with
the changed characters marked (Chinese has no spaces, so words cannot be the unit)."""

from __future__ import annotations

import difflib
import json
from dataclasses import dataclass
from typing import Any

from pipelines.change import MEANINGFUL_FIELDS

Segment = tuple[str, bool]  # text, changed


@dataclass(frozen=True)
class DiffRow:
    tag: str  # equal | replace | delete | insert
    left: list[Segment]
    right: list[Segment]


@dataclass(frozen=True)
class FieldChange:
    name: str
    before: str
    after: str


def _shown(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    return json.dumps(value, ensure_ascii=False, sort_keys=True)


def field_changes(before: dict[str, Any], after: dict[str, Any]) -> list[FieldChange]:
    """Every meaningful field but the body whose value differs."""
    return [FieldChange(name, _shown(before.get(name)), _shown(after.get(name)))
            for name in MEANINGFUL_FIELDS if name != "body_text" and before.get(name) != after.get(name)]


def _inline(old: str, new: str) -> tuple[list[Segment], list[Segment]]:
    left: list[Segment] = []
    right: list[Segment] = []
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, old, new, autojunk=False).get_opcodes():
        if old[i1:i2]:
            left.append((old[i1:i2], tag != "equal"))
        if new[j1:j2]:
            right.append((new[j1:j2], tag != "equal"))
    return left, right


def side_by_side(before: str, after: str, context: int = 2) -> list[DiffRow]:
    """Changed lines with `context` unchanged lines around each change; an elided run is a row tagged 'skip'."""
    old, new = before.splitlines(), after.splitlines()
    rows: list[DiffRow] = []
    for group in difflib.SequenceMatcher(None, old, new, autojunk=False).get_grouped_opcodes(context):
        if rows:
            rows.append(DiffRow("skip", [], []))
        for tag, i1, i2, j1, j2 in group:
            if tag == "equal":
                rows.extend(DiffRow("equal", [(line, False)], [(line, False)]) for line in old[i1:i2])
                continue
            left_lines, right_lines = old[i1:i2], new[j1:j2]
            for k in range(max(len(left_lines), len(right_lines))):
                a = left_lines[k] if k < len(left_lines) else None
                b = right_lines[k] if k < len(right_lines) else None
                if a is not None and b is not None:
                    rows.append(DiffRow("replace", *_inline(a, b)))
                elif a is not None:
                    rows.append(DiffRow("delete", [(a, True)], []))
                else:
                    rows.append(DiffRow("insert", [], [(b or "", True)]))
    return rows
