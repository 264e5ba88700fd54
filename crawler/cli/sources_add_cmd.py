"""The options of `newswatch sources add`; the work (fetching, recognising: Scrapy's parsers) is imported when
it runs (crawler/cli/sources_add.py), so that `sources list` and `--help` do not pay for it."""

from __future__ import annotations

from pathlib import Path

import click

from crawler.cli.context import AppContext, pass_app


def register_add(sources_group: click.Group) -> None:
    @sources_group.command("add")
    @click.argument("url")
    @click.option("--id", "source_id", metavar="ID", help="The new source's id (default: from the URL).")
    @click.option("--from-file", "from_file", type=click.Path(exists=True, dir_okay=False, path_type=Path),
                  help="Read this saved copy of the page instead of fetching URL.")
    @click.option("--article-file", type=click.Path(exists=True, dir_okay=False, path_type=Path),
                  help="A saved article of the list, shown as the sample article.")
    @click.option("--kind", type=click.Choice(["science", "drug", "ministry"]),
                  help="The agency's kind when the host and the page do not tell it.")
    @click.option("--catalog", "catalog_file", type=click.Path(dir_okay=False, path_type=Path),
                  help="The catalog file to add to (default: the last one the configuration names).")
    @click.option("--dry-run", is_flag=True, help="Show the entry; write nothing.")
    @click.option("--json", "as_json", is_flag=True)
    @pass_app
    def sources_add(app: AppContext, url: str, source_id: str | None, from_file: Path | None,
                    article_file: Path | None, kind: str | None, catalog_file: Path | None, dry_run: bool,
                    as_json: bool) -> None:
        """Recognise the list page at URL and add it to your catalog."""
        from crawler.cli.sources_add import add_source

        add_source(app, url, source_id, from_file, article_file, kind, catalog_file, dry_run, as_json)
