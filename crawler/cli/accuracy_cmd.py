"""`newswatch accuracy`: per-field extraction accuracy on the labelled corpus, checked against the floors."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from crawler.evaluation.accuracy import gate, load_floors, measure
from crawler.evaluation.corpus import DEFAULT_REALPAGES, realpages, simulator_pages
from crawler.table import format_table


def register(cli: click.Group) -> None:
    @cli.command("accuracy")
    @click.option("--per-source", type=int, default=25, show_default=True, help="Simulator articles per source.")
    @click.option("--realpages", "realpages_dir", type=click.Path(path_type=Path), default=DEFAULT_REALPAGES,
                  show_default=True, help="Folder of the real saved pages (skipped when absent).")
    @click.option("--json", "as_json", is_flag=True)
    @click.option("--misses", is_flag=True, help="List every wrong field.")
    def accuracy(per_source: int, realpages_dir: Path, as_json: bool, misses: bool) -> None:
        """Print per-field accuracy; exit 1 if a field is below its pinned floor."""
        from crawler.simulator.harness import running_simulator

        with running_simulator() as sim:
            parts = {"simulator": measure(simulator_pages(sim.base_url, per_source))}
        skipped = {}
        real = list(realpages(realpages_dir))
        if real:
            parts["realpages"] = measure(real)
        else:  # the real-page corpus lives outside the repository: say it was not measured, never pass silently
            where = "is not there" if not realpages_dir.is_dir() else "holds none of the labelled pages"
            skipped["realpages"] = f"skipped: {realpages_dir} {where} (--realpages DIR)"
        report, problems = {}, []
        for corpus, (fields, missed) in parts.items():
            floors = load_floors(corpus)
            problems += [f"{corpus}: {p}" for p in gate(fields, floors)]
            report[corpus] = {name: {"correct": a.correct, "total": a.total, "accuracy": round(a.accuracy, 4),
                                     "floor": floors.get(name)} for name, a in fields.items()}
            if misses:
                report[corpus]["misses"] = missed  # type: ignore[assignment]
        if as_json:
            click.echo(json.dumps({"fields": report, "problems": problems, "skipped": skipped}, ensure_ascii=False,
                                  indent=1))
        else:
            for corpus, fields in report.items():
                rows = [(name, f"{v['correct']}/{v['total']}", f"{v['accuracy']:.3f}", v["floor"])
                        for name, v in fields.items() if name != "misses"]
                click.echo(f"\n{corpus}\n" + format_table(("field", "correct", "accuracy", "floor"), rows, right=(1, 2, 3)))
                for line in fields.get("misses", []):
                    click.echo(f"  miss: {line}")
            for corpus, why in skipped.items():
                click.echo(f"\n{corpus}: {why}")
            verdict = "all measured fields at or above their floors" if skipped else "all fields at or above their floors"
            click.echo("\n" + ("\n".join(problems) if problems else verdict))
        if problems:
            sys.exit(1)
