"""What `newswatch sources add` shows: the family and its evidence, the entries, a sample article, the entry."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import click

from crawler.config.new_entry import entry_yaml
from crawler.config.recognize import Recognition
from crawler.util.table import format_table, truncate
from spiders.entries import Entry

SHOWN_ENTRIES = 15


@dataclass
class Report:
    url: str
    found: Recognition
    sample: dict[str, Any] | None = None
    sample_note: str = ""
    entry: dict[str, Any] = field(default_factory=dict)
    catalog: Path | None = None

    def to_json(self, written: bool) -> dict[str, Any]:
        host = urlsplit(self.url).hostname or ""
        return {
            "url": self.url, "family": self.found.family, "evidence": self.found.evidence,
            "paging": self.found.paging_note, "read_at_run_time": self.found.at_run_time,
            "entries": [_entry_json(e) for e in self.found.entries],
            "on_site_entries": len(self.found.on_site(host)), "sample_article": self.sample,
            "sample_note": self.sample_note, "entry": self.entry,
            "catalog": str(self.catalog) if self.catalog else None, "written": written,
        }


def _entry_json(entry: Entry) -> dict[str, Any]:
    return {"url": entry.url, "title": entry.title, "date": entry.date.isoformat() if entry.date else None}


def show(report: Report, written: bool, dry_run: bool) -> None:
    found, host = report.found, urlsplit(report.url).hostname or ""
    click.echo(f"family: {found.family}  ({report.url})")
    click.echo("evidence:")
    for line in found.evidence:
        click.echo(f"  - {line}")
    click.echo(f"paging: {found.paging_note or 'none'}")
    if found.at_run_time:
        click.echo("read from the page on every crawl (not written): "
                   + ", ".join(f"{k} {v}" for k, v in found.at_run_time.items()))
    rows = [(e.date.isoformat() if e.date else "", truncate(e.title, 40), e.url) for e in found.entries[:SHOWN_ENTRIES]]
    click.echo("")
    click.echo(format_table(("date", "title", "url"), rows))
    on_site = len(found.on_site(host))
    more = f", {len(found.entries) - SHOWN_ENTRIES} more not shown" if len(found.entries) > SHOWN_ENTRIES else ""
    click.echo(f"\n{len(found.entries)} entries{more}; {on_site} are articles on {host} a crawl would fetch")
    click.echo("\nsample article:" + (f" {report.sample_note}" if report.sample is None else ""))
    if report.sample is not None:
        for key, value in report.sample.items():
            if key == "attachments":
                value = ", ".join(a["name"] or a["url"] for a in value) or "none"
            elif key == "body_text":
                value = f"{len(value)} characters: {truncate(value.replace(chr(10), ' '), 60)}" if value else "none"
            click.echo(f"  {key}: {value if value not in (None, '') else '-'}")
    click.echo("\ncatalog entry:")
    click.echo(entry_yaml(report.entry, []).rstrip())
    source_id = report.entry["id"]
    if written:
        click.echo(f"\nadded {source_id} to {report.catalog}; check it with: newswatch sources check {source_id}")
    elif dry_run:
        click.echo("\n--dry-run: nothing was written")


