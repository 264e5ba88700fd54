"""`newswatch sources add URL`: fetch (or read a saved) list page, recognise its platform family and paging,
show the entries and a sample article as a crawl would read them, and write a ready catalog entry."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import click

from crawler.cli.context import AppContext
from crawler.cli.sources_add_view import Report, show
from crawler.config.new_entry import EntryError, append_entry, entry_dict, name_source
from crawler.config.recognize import ListPage, Recognition, meta_value, recognize, with_followed
from crawler.extract.decode import decode_html
from crawler.util.fetch import Fetched, Fetcher, FetchFailed
from crawler.util.urls import join_url
from spiders.page_checks import classify_answer

MAX_BYTES = 8 * 1024 * 1024  # as a crawl's DOWNLOAD_MAXSIZE (crawler/scrapy_ext/settings.py)


class Unusable(click.ClickException):
    """The page cannot be a source: the message and the health state a crawl of it would end in; exit 1."""

    def __init__(self, health: str, reason: str) -> None:
        super().__init__(f"{reason}\nA crawl of this source would end in the health state `{health}`; "
                         "no catalog entry was written.")
        self.health, self.reason = health, reason


def _catalog_file(app: AppContext, given: Path | None, dry_run: bool) -> Path | None:
    if given is not None or dry_run:
        return given
    if app.settings.catalog_paths:
        return app.settings.catalog_paths[-1]
    raise click.UsageError("there is no catalog file of your own to add the source to: name one in the "
                           "configuration's `catalogs:` (or NEWSWATCH_CATALOGS=path.yaml), or pass --catalog FILE")


def _fetch(fetcher: Fetcher, url: str, what: str) -> Fetched:
    if not fetcher.robots_allow(url):
        raise Unusable("unreachable", f"robots.txt of {urlsplit(url).hostname} disallows {what} {url} for newswatch: "
                       "crawls obey it. With the site's permission, add the entry by hand with "
                       "politeness: {obey_robots: false}.")
    try:
        return fetcher.get(url)
    except FetchFailed as exc:
        raise Unusable("unreachable", f"cannot fetch {what}: {exc}") from None


def _read_page(fetcher: Fetcher, url: str, saved: Path | None) -> tuple[Recognition, str]:
    """The page's recognition (its entries read, a shell's followed) and its text; Unusable when it is none."""
    if saved is not None:
        body, headers = saved.read_bytes(), {}
    else:
        answer = _fetch(fetcher, url, "the list page")
        problem = classify_answer(answer.status, answer.body)
        if problem is not None:
            raise Unusable(*problem)
        body, headers = answer.body, answer.headers
        if answer.truncated:
            raise Unusable("error", f"the list page is larger than {MAX_BYTES} bytes, which crawls refuse too")
    found = recognize(url, body, headers)
    if found.follow_url and found.problem is None and saved is None:
        answer = _fetch(fetcher, found.follow_url, "the list behind the page")
        problem = classify_answer(answer.status, answer.body)
        if problem is not None:
            raise Unusable(problem[0], f"the list behind the page ({found.follow_url}): {problem[1]}")
        found = with_followed(found, url, answer.body)
    elif found.follow_url and saved is not None:
        found.evidence.append(f"its list ({found.follow_url}) is not fetched with --from-file: no entries shown")
    if found.problem is not None:
        raise Unusable(*found.problem)
    return found, ListPage.read(url, body, headers).text


def _sample(fetcher: Fetcher, found: Recognition, url: str, article_file: Path | None,
            from_file: bool) -> tuple[dict[str, Any] | None, str]:
    from crawler.extract.fields import extract_fields

    on_site = found.on_site(urlsplit(url).hostname or "")
    if not on_site and article_file is None:
        return None, "no entry on this site's host: a crawl follows none of them (see allowed_hosts)"
    entry_url = on_site[0].url if on_site else url
    if article_file is not None:
        body, charset = article_file.read_bytes(), None
        # A saved article says where it was published (<meta name="Url">); else it stands for the first entry.
        meta_url = meta_value(decode_html(body), "Url")
        stated = join_url(url, meta_url) if meta_url else None
        entry_url = stated or entry_url
    elif from_file:
        return None, f"not fetched (--from-file); pass --article-file with a saved copy of {entry_url}"
    else:
        if not fetcher.robots_allow(entry_url):
            return None, f"{entry_url}: robots.txt disallows it for newswatch"
        try:
            answer = fetcher.get(entry_url)
        except FetchFailed as exc:
            return None, f"{entry_url}: {exc}"
        problem = classify_answer(answer.status, answer.body)
        if problem is not None:
            return None, f"{entry_url}: {problem[1]}"
        body, charset = answer.body, answer.charset
    fields = extract_fields(decode_html(body, charset), entry_url).to_json()
    keep = ("title", "published", "source", "issuer", "doc_number", "index_number", "attachments", "body_text")
    sample = {"url": entry_url, **{k: fields[k] for k in keep}}
    return sample, ""


def add_source(app: AppContext, url: str, source_id: str | None, from_file: Path | None,
               article_file: Path | None, kind: str | None, catalog_file: Path | None, dry_run: bool,
               as_json: bool) -> None:
    """`newswatch sources add` (its options: crawler/cli/sources_add_cmd.py)."""
    from crawler.run.handover import user_agent

    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise click.BadParameter(f"not an absolute http(s) URL: {url!r}", param_hint="URL")
    catalog = _catalog_file(app, catalog_file, dry_run)
    # Against the simulator no politeness delay, as crawls of it (README: --delay-scale).
    fetcher = Fetcher(user_agent(app.settings), app.settings.download_timeout, MAX_BYTES, app.settings.simulator,
                      delay=0.0 if app.settings.simulator else 1.0)
    try:
        found, text = _read_page(fetcher, url, from_file)
    except Unusable as exc:
        if as_json:
            click.echo(json.dumps({"url": url, "health": exc.health, "message": exc.reason,
                                   "written": False}, ensure_ascii=False, indent=1))
        raise Unusable(exc.health, f"cannot add {url}: {exc.reason}") from None
    report = Report(url, found, catalog=catalog)
    report.entry = _build_entry(app, catalog, url, found, source_id, kind, text)
    report.sample, report.sample_note = _sample(fetcher, found, url, article_file, from_file is not None)
    written = False
    if not dry_run and catalog is not None:
        comments = [f"added by `newswatch sources add` on {date.today().isoformat()}: {found.family}"
                    + (f", from the saved page {from_file.name}" if from_file else "")]
        try:
            append_entry(catalog, report.entry, comments)
        except EntryError as exc:
            raise click.ClickException(str(exc)) from None
        written = True
    if as_json:
        click.echo(json.dumps(report.to_json(written), ensure_ascii=False, indent=1))
    else:
        show(report, written, dry_run)


def _known_ids(app: AppContext, target: Path | None) -> set[str]:
    """Ids of the catalog as it stands; a user catalog file not written yet is no error here."""
    from crawler.cli.context import ConfigurationError
    from crawler.config.catalog import CatalogError, load_catalog

    paths = [p for p in app.settings.catalog_paths if p.exists()]
    if target is not None and target.exists() and target not in paths:
        paths.append(target)
    try:
        return set(load_catalog(paths))
    except CatalogError as exc:
        raise ConfigurationError(str(exc)) from None


def _build_entry(app: AppContext, target: Path | None, url: str, found: Recognition, source_id: str | None,
                 kind: str | None, text: str) -> dict[str, Any]:
    naming = name_source(url, text)
    chosen_kind = kind or naming.agency_kind
    if chosen_kind is None:
        raise click.UsageError("the host and the page do not tell whether this is a science or a drug agency: "
                               "pass --kind science|drug|ministry")
    naming = naming if source_id is None else replace(naming, source_id=source_id)
    if naming.source_id in _known_ids(app, target):
        raise click.UsageError(f"a source {naming.source_id!r} is already in the catalog: pass --id to name this one")
    try:
        return entry_dict(url, found, naming, chosen_kind)
    except ValueError as exc:
        raise click.UsageError(f"the entry would not load: {exc}; pass --id (e.g. {naming.source_id!r} is not "
                               "<province>-<agency>-<column>)") from None

