"""Per-field extraction accuracy over the labelled corpus, and the floors CI holds it to."""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from crawler.evaluation.corpus import LabelledPage
from crawler.evaluation.scoring import score_page
from crawler.extract.decode import decode_html
from crawler.extract.fields import extract_fields

FLOORS_FILE = Path(__file__).with_name("accuracy_floors.json")
# A floor this far below the measured accuracy must be raised: floors only go up (a ratchet).
RATCHET_SLACK = 0.02


@dataclass
class FieldAccuracy:
    correct: int = 0
    total: int = 0

    @property
    def accuracy(self) -> float:
        return self.correct / self.total if self.total else 1.0


def measure(pages: Iterable[LabelledPage]) -> tuple[dict[str, FieldAccuracy], list[str]]:
    """Accuracy per field, and one line per miss (page, field) for diagnosis."""
    fields: dict[str, FieldAccuracy] = defaultdict(FieldAccuracy)
    misses: list[str] = []
    for page in pages:
        result = extract_fields(decode_html(page.html), page.url).to_json()
        for name, ok in score_page(result, page.labels).items():
            fields[name].total += 1
            fields[name].correct += ok
            if not ok:
                got = result.get("body_text" if name.startswith("body") else name)
                misses.append(f"{page.name}: {name}: got {str(got)[:80]!r}, expected {str(page.labels[name])[:80]!r}")
    return dict(sorted(fields.items())), misses


def load_floors(corpus: str, path: Path = FLOORS_FILE) -> dict[str, float]:
    """Floors of one part of the corpus: "simulator" or "realpages"."""
    return json.loads(path.read_text(encoding="utf-8"))[corpus]


def gate(measured: dict[str, FieldAccuracy], floors: dict[str, float]) -> list[str]:
    """Problems: a field below its floor, a floor far below its accuracy (raise it), a field without a floor."""
    problems = []
    for name, acc in measured.items():
        floor = floors.get(name)
        if floor is None:
            problems.append(f"{name}: no floor pinned in {FLOORS_FILE.name}")
        elif acc.accuracy < floor:
            problems.append(f"{name}: accuracy {acc.accuracy:.3f} fell below its floor {floor:.3f}")
        elif acc.accuracy - floor > RATCHET_SLACK:
            problems.append(f"{name}: accuracy {acc.accuracy:.3f} is well above its floor {floor:.3f}; raise the floor")
    return problems
