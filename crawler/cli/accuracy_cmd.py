"""`newswatch accuracy`: extraction accuracy on the real-page corpus (government articles, news pages, lists)
and on the simulator corpus, each field pooled and leave-one-site-out, checked against the pinned floors."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from crawler.evaluation.accuracy import Measured, gate, load_floors, measure, measure_lists
from crawler.evaluation.corpus import DEFAULT_REALPAGES, LABELS_DIR, realpages, simulator_pages
from crawler.util.table import format_table

PARTS = {"detail": "real government article pages", "news": "real news and blog pages", "list": "real list pages",
         "simulator": "simulator article pages"}


def measure_parts(realpages_dir: Path, per_source: int, labels_dir: Path = LABELS_DIR) -> dict[str, Measured]:
    """The real pages' three parts, and the simulator's pages unless other labels (a held-out set) are read."""
    parts = {"detail": measure(realpages(realpages_dir, ("detail",), labels_dir)),
             "news": measure(realpages(realpages_dir, ("news",), labels_dir)),
             "list": measure_lists(realpages(realpages_dir, ("list",), labels_dir))}
    if labels_dir == LABELS_DIR:
        from simulator.harness import running_simulator

        with running_simulator() as sim:
            parts["simulator"] = measure(simulator_pages(sim.base_url, per_source))
    return parts


def _figure(value: float | None) -> str:
    return "–" if value is None else f"{value:.3f}"


def register(cli: click.Group) -> None:
    @cli.command("accuracy")
    @click.option("--per-source", type=int, default=25, show_default=True, help="Simulator articles per source.")
    @click.option("--realpages", "realpages_dir", type=click.Path(path_type=Path), default=DEFAULT_REALPAGES,
                  show_default=True, help="Folder of the real saved pages (skipped, and said so, when absent).")
    @click.option("--labels", "labels_dir", type=click.Path(path_type=Path, exists=True, file_okay=False),
                  default=LABELS_DIR, help="Labels of other saved pages (a held-out set: same format, each "
                  "file's path under DIR that of its page under --realpages): scored alone, not held to the floors.")
    @click.option("--json", "as_json", is_flag=True)
    @click.option("--misses", is_flag=True, help="List every wrong field.")
    def accuracy(per_source: int, realpages_dir: Path, labels_dir: Path, as_json: bool, misses: bool) -> None:
        """Print per-field accuracy; exit 1 if a field is below its pinned floor."""
        held_out = labels_dir != LABELS_DIR
        parts = measure_parts(realpages_dir, per_source, labels_dir)
        report, problems = {}, []
        for part, measured in parts.items():
            loso = measured.leave_one_site_out()
            floors = {} if held_out else load_floors(part)
            if not held_out:
                problems += [f"{part}: {p}" for p in gate(loso, floors)]
            report[part] = {
                "pages_from_sites": len(measured.by_site),
                # A field nothing was measured on (no entry read, so no precision) has no figure, not 1.0.
                "fields": {name: {"correct": a.correct, "total": a.total,
                                  "pooled": round(a.accuracy, 4) if a.total else None,
                                  "leave_one_site_out": round(loso[name], 4) if name in loso else None,
                                  "floor": floors.get(name)}
                           for name, a in measured.pooled.items()},
                **({"misses": measured.misses} if misses else {}),
            }
        skipped = {}
        if not any(parts[p].pooled for p in ("detail", "news", "list")):
            why = "is not there" if not realpages_dir.is_dir() else "holds none of the labelled pages"
            skipped["realpages"] = f"skipped: {realpages_dir} {why} (--realpages DIR)"
            report = {part: data for part, data in report.items() if part == "simulator"}
        if as_json:
            click.echo(json.dumps({"parts": report, "problems": problems, "skipped": skipped},
                                  ensure_ascii=False, indent=1))
        else:
            for part, data in report.items():
                if not data["fields"]:
                    continue
                rows = [(name, f"{v['correct']}/{v['total']}", _figure(v["pooled"]), _figure(v["leave_one_site_out"]),
                         v["floor"]) for name, v in data["fields"].items()]
                click.echo(f"\n{PARTS[part]} ({data['pages_from_sites']} sites)\n"
                           + format_table(("field", "correct", "pooled", "by site", "floor"), rows, right=(1, 2, 3, 4)))
                for line in data.get("misses", []):
                    click.echo(f"  miss: {line}")
            for part, why in skipped.items():
                click.echo(f"\n{part}: {why}")
            if held_out:
                click.echo(f"\nlabels from {labels_dir}: a held-out set, not held to the floors")
            else:
                click.echo("\n" + ("\n".join(problems) if problems else "all measured fields at or above their floors"))
        if problems:
            sys.exit(1)
