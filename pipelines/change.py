"""Pure change classification: the meaningful snapshot of an item, its hash, and field-level diffs."""

from __future__ import annotations

import hashlib
import json
import re
from typing import Any

_SPACE = re.compile(r"[^\S\n]+")
# Only these fields make a version; noise (counters, widgets, markup) never reaches them.
MEANINGFUL_FIELDS = (
    "title", "published", "written", "doc_number", "index_number", "source", "issuer",
    "validity", "body_text", "attachments", "comment_deadline",
)


def _norm(value: Any) -> Any:
    if isinstance(value, str):
        lines = (_SPACE.sub(" ", line).strip() for line in value.split("\n"))
        return "\n".join(line for line in lines if line)
    if isinstance(value, list):
        return [_norm(v) for v in value]
    if isinstance(value, dict):
        return {k: _norm(v) for k, v in sorted(value.items())}
    return value


def snapshot(fields: dict[str, Any]) -> dict[str, Any]:
    """The meaningful fields of an extraction (its to_json() form), whitespace-normalized."""
    snap = {key: _norm(fields.get(key)) for key in MEANINGFUL_FIELDS}
    snap["attachments"] = sorted(
        ({"name": a.get("name"), "url": a.get("url")} for a in snap.get("attachments") or []),
        key=lambda a: (a["url"] or "", a["name"] or ""),
    )
    return snap


def content_hash(snap: dict[str, Any]) -> str:
    return hashlib.sha256(json.dumps(snap, ensure_ascii=False, sort_keys=True).encode()).hexdigest()


def _short(value: Any, limit: int = 300) -> Any:
    if isinstance(value, str) and len(value) > limit:
        return value[:limit] + "…"
    return value


def diff(old: dict[str, Any], new: dict[str, Any]) -> dict[str, Any]:
    """{field: {"before": …, "after": …}} for changed fields; attachments as added/removed lists."""
    changes: dict[str, Any] = {}
    for key in MEANINGFUL_FIELDS:
        before, after = old.get(key), new.get(key)
        if before == after:
            continue
        if key == "attachments":
            old_set = {(a["name"], a["url"]) for a in before or []}
            new_set = {(a["name"], a["url"]) for a in after or []}
            changes[key] = {
                "added": [{"name": n, "url": u} for n, u in sorted(new_set - old_set, key=str)],
                "removed": [{"name": n, "url": u} for n, u in sorted(old_set - new_set, key=str)],
            }
        elif key == "body_text":
            changes[key] = {"before": _short(before), "after": _short(after), **_body_delta(before or "", after or "")}
        else:
            changes[key] = {"before": before, "after": after}
    return changes


def _body_delta(before: str, after: str) -> dict[str, Any]:
    """Which paragraphs were added or removed: what a reader wants to see of a body edit."""
    old_lines, new_lines = before.split("\n"), after.split("\n")
    old_set, new_set = set(old_lines), set(new_lines)
    return {
        "added_paragraphs": [_short(p, 200) for p in new_lines if p and p not in old_set][:5],
        "removed_paragraphs": [_short(p, 200) for p in old_lines if p and p not in new_set][:5],
    }
