"""What every benchmark shares: result rows, medians, the results table, knobs from the environment, CLI."""

from __future__ import annotations

import argparse
import json
import math
import os
import statistics
import sys
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

REPO_ROOT = Path(__file__).absolute().parents[1]


@dataclass
class Row:
    """One line of the results table: a newswatch figure, the peer's figure, their ratio, the target."""

    benchmark: str
    metric: str
    value: float | None
    unit: str = ""
    peer: float | None = None
    peer_name: str = ""
    ratio: float | None = None
    target: str = ""
    passed: bool | None = None  # None: informational, no target
    note: str = ""
    samples: list[float] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Row:
        return cls(**data)


def knob(name: str, default: float | int | str) -> Any:
    """A scale-down knob: BENCH_<NAME> from the environment, typed like its default."""
    raw = os.environ.get(f"BENCH_{name}")
    if raw is None or raw == "":
        return default
    return type(default)(raw)


def median(values: Iterable[float]) -> float:
    values = list(values)
    return statistics.median(values) if values else float("nan")


def timed(operation: Callable[[], Any]) -> float:
    """Seconds one call takes (perf_counter)."""
    started = time.perf_counter()
    operation()
    return time.perf_counter() - started


def fmt(value: float | None, unit: str = "") -> str:
    if value is None:
        return "–"
    if math.isnan(value):
        return "n/a"
    size = abs(value)
    if float(value).is_integer():
        text = f"{int(value):,}"
    elif size >= 100:
        text = f"{value:,.0f}"
    elif size >= 10:
        text = f"{value:.1f}"
    elif size >= 1:
        text = f"{value:.2f}"
    else:
        text = f"{value:.3f}"
    return f"{text} {unit}".strip()


def verdict(row: Row) -> str:
    if row.passed is None:
        return ""
    return "PASS" if row.passed else "FAIL"


TABLE_HEADER = ("benchmark", "metric", "newswatch", "peer", "ratio", "target", "result")


def table_rows(rows: Sequence[Row]) -> list[tuple[str, ...]]:
    lines = []
    for row in rows:
        peer = f"{fmt(row.peer, row.unit)} ({row.peer_name})" if row.peer is not None else (row.peer_name or "–")
        ratio = f"{row.ratio:.2f}" if row.ratio is not None and row.ratio == row.ratio else "–"
        lines.append((row.benchmark, row.metric, fmt(row.value, row.unit), peer, ratio, row.target or "–", verdict(row)))
    return lines


def markdown_table(rows: Sequence[Row]) -> str:
    lines = ["| " + " | ".join(TABLE_HEADER) + " |", "|" + "---|" * len(TABLE_HEADER)]
    for cells in table_rows(rows):
        lines.append("| " + " | ".join(c.replace("|", "\\|") for c in cells) + " |")
    return "\n".join(lines)


def text_table(rows: Sequence[Row]) -> str:
    cells = [TABLE_HEADER, *table_rows(rows)]
    widths = [max(len(r[i]) for r in cells) for i in range(len(TABLE_HEADER))]
    out = []
    for index, row in enumerate(cells):
        out.append("  ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)).rstrip())
        if index == 0:
            out.append("  ".join("-" * w for w in widths))
    return "\n".join(out)


def notes_of(rows: Sequence[Row]) -> str:
    lines = [f"- {r.benchmark} / {r.metric}: {r.note}" for r in rows if r.note]
    return "\n".join(lines)


def log(message: str) -> None:
    """Progress on stderr, so stdout keeps only the table."""
    print(f"[bench {time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


def run_main(name: str, run: Callable[[], list[Row]]) -> None:
    """The command line of one benchmark: run it, print its table, optionally save its rows as JSON."""
    parser = argparse.ArgumentParser(prog=f"python -m bench.{name}", description=(run.__doc__ or "").strip())
    parser.add_argument("--json", type=Path, help="also write the rows to this file (used by `python -m bench`)")
    parser.add_argument("--markdown", action="store_true", help="print the table as Markdown")
    args = parser.parse_args()
    rows = run()
    if args.json:
        args.json.write_text(json.dumps([r.to_json() for r in rows], ensure_ascii=False, indent=1), encoding="utf-8")
    print(markdown_table(rows) if args.markdown else text_table(rows))
    notes = notes_of(rows)
    if notes:
        print("\nNotes\n" + notes)
