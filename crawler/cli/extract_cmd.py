"""`newswatch extract`: the fields (or, with --list, the list entries) of a saved page, as JSON."""

from __future__ import annotations

import json
from pathlib import Path

import click

from crawler.cli.context import AppContext, pass_app
from crawler.extract.filetypes import describe, sniff


def not_a_page(data: bytes) -> str | None:
    """What the file is when it is neither a page nor a text answer (a PDF, an archive, binary data), else None."""
    kind = sniff(data)
    if kind in ("html", "text"):
        return None
    # Text whose sniffed head ends inside a character looks "unknown" too; only binary data holds NUL bytes.
    if kind == "unknown" and b"\x00" not in data[:1024]:
        return None
    return describe(kind)


def register(cli: click.Group) -> None:
    @cli.command("extract")
    @click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
    @click.option("--url", required=True, help="The page's original URL (resolves links and dates in URLs).")
    @click.option("--source", "source_id", default=None, metavar="ID", help="Use this catalog source's selectors.")
    @click.option("--list", "as_list", is_flag=True, help="Treat FILE as a list page and print its entries.")
    @click.option("--json", "as_json", is_flag=True, help="Print JSON (the default and only format).")
    @pass_app
    def extract(app: AppContext, file: Path, url: str, source_id: str | None, as_list: bool, as_json: bool) -> None:
        """Print the extracted fields of a saved detail page (or the entries of a list page) as JSON."""
        data = file.read_bytes()
        kind = not_a_page(data)
        if kind:
            click.echo(f"warning: {file} is not a saved page but {kind}: nothing can be extracted from it", err=True)
        if as_list:
            from crawler.extract.listing import extract_entries

            entries = extract_entries(data, url)
            payload: dict[str, object] = {"entries": [
                {"url": e.url, "title": e.title, "date": e.date.isoformat() if e.date else None,
                 "subtitle": e.subtitle, "related": list(e.related)}
                for e in entries
            ]}
        else:
            from crawler.extract.decode import decode_html
            from crawler.extract.fields import extract_fields

            selectors = None
            if source_id:
                if source_id not in app.catalog:
                    raise click.BadParameter(f"unknown source {source_id!r}", param_hint="--source")
                selectors = app.catalog[source_id].selectors or None
            payload = extract_fields(decode_html(data), url, selectors).to_json()
        click.echo(json.dumps(payload, ensure_ascii=False, indent=1))
