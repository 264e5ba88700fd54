"""Extraction accuracy over a labelled corpus, per field, pooled and leave-one-site-out; and the floors CI
holds it to (floors only go up).

Leave-one-site-out: every site is scored as a site the rules were not developed on, and the figure is the
mean over sites, so a site with many pages cannot carry a field. The extractor holds no per-site rules
and no values fitted to the corpus (tests/evaluation checks that no corpus host appears in its code), so
leaving a site out of development changes no rule; what the figure measures is how evenly the rules hold
from site to site.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from crawler.evaluation.corpus import LabelledPage
from crawler.evaluation.scoring import score_list, score_page
from crawler.extract.decode import decode_html
from crawler.extract.fields import extract_fields
from crawler.extract.listing import extract_entries

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


@dataclass
class Measured:
    """One corpus part's accuracy: per field pooled over pages, per field per site, and the misses."""

    pooled: dict[str, FieldAccuracy] = field(default_factory=dict)
    by_site: dict[str, dict[str, FieldAccuracy]] = field(default_factory=dict)
    misses: list[str] = field(default_factory=list)

    def add(self, site: str, name: str, correct: int, total: int) -> None:
        for table in (self.pooled, self.by_site.setdefault(site, {})):
            entry = table.setdefault(name, FieldAccuracy())
            entry.correct += correct
            entry.total += total

    def leave_one_site_out(self) -> dict[str, float]:
        """Per field, the mean over sites of each site's accuracy (sites without the field left aside)."""
        scores: dict[str, list[float]] = defaultdict(list)
        for fields in self.by_site.values():
            for name, acc in fields.items():
                if acc.total:
                    scores[name].append(acc.accuracy)
        return {name: sum(values) / len(values) for name, values in sorted(scores.items())}


def measure(pages: Iterable[LabelledPage]) -> Measured:
    """Article pages: each labelled field right or wrong."""
    measured = Measured()
    for page in pages:
        result = extract_fields(decode_html(page.html), page.url).to_json()
        for name, ok in score_page(result, page.labels).items():
            measured.add(page.site, name, int(ok), 1)
            if not ok:
                got = result.get("body_text" if name.startswith("body") else name)
                measured.misses.append(f"{page.name}: {name}: got {str(got)[:80]!r}, "
                                       f"expected {str(page.labels[name])[:80]!r}")
    measured.pooled = dict(sorted(measured.pooled.items()))
    return measured


def measure_lists(pages: Iterable[LabelledPage]) -> Measured:
    """List pages: entries found (recall), precision, and the titles and dates of the entries found (and their
    subtitles and related links where the labels give them)."""
    measured = Measured()
    for page in pages:
        entries = extract_entries(page.html, page.url)
        predicted = [(e.url, e.title, e.date.isoformat() if e.date else None, e.subtitle, e.related) for e in entries]
        score = score_list(predicted, page.labels["entries"])
        for name, (correct, total) in score.ratios().items():
            measured.add(page.site, name, correct, total)
            if correct < total:
                measured.misses.append(f"{page.name}: {name}: {correct}/{total}")
    measured.pooled = dict(sorted(measured.pooled.items()))
    return measured


def load_floors(corpus: str, path: Path = FLOORS_FILE) -> dict[str, float]:
    """Floors of one part of the corpus (simulator, detail, news, list)."""
    return json.loads(path.read_text(encoding="utf-8")).get(corpus, {})


def gate(measured: dict[str, float], floors: dict[str, float]) -> list[str]:
    """Problems: a field below its floor, a floor far below its accuracy (raise it), a field without a floor."""
    problems = []
    for name, accuracy in measured.items():
        floor = floors.get(name)
        if floor is None:
            problems.append(f"{name}: no floor pinned in {FLOORS_FILE.name}")
        elif accuracy < floor - 1e-9:
            problems.append(f"{name}: accuracy {accuracy:.3f} fell below its floor {floor:.3f}")
        elif accuracy - floor > RATCHET_SLACK:
            problems.append(f"{name}: accuracy {accuracy:.3f} is well above its floor {floor:.3f}; raise the floor")
    return problems
