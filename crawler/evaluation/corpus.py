"""The labelled extraction corpora: real saved pages (../shared/realpages, labels in labels/) and simulator
article pages labelled with the simulator's ground truth."""

from __future__ import annotations

import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from crawler.config.yamlfile import read_yaml

LABELS_DIR = Path(__file__).with_name("labels")
DEFAULT_REALPAGES = Path(__file__).resolve().parents[2].parent / "shared" / "realpages"
ARTICLE_FIELDS = ("title", "subtitle", "published", "source", "author", "doc_number", "index_number", "issuer",
                  "body_starts", "body_ends", "attachments")


@dataclass(frozen=True)
class LabelledPage:
    name: str  # the page's path under the corpus folder, or sim:<source>:<id>
    url: str
    html: bytes
    labels: dict[str, Any] = field(default_factory=dict)  # field -> expected value; None: not on the page
    kind: str = "detail"  # detail (government article), news, list, simulator
    site: str = ""  # what leave-one-site-out leaves out: the page's folder under corpus/, else its host


def site_of(relative: Path, url: str) -> str:
    return relative.parts[1] if relative.parts[0] == "corpus" and len(relative.parts) > 2 else urlsplit(url).hostname or ""


def realpages(folder: Path = DEFAULT_REALPAGES, kinds: tuple[str, ...] = ("detail", "news"),
              labels_dir: Path = LABELS_DIR) -> Iterator[LabelledPage]:
    """Every labelled real page of these kinds whose saved page is present (nothing when the folder is absent).
    A label file's path under `labels_dir` is its page's under `folder`, .yaml for .html."""
    if not folder.is_dir():
        return
    for label_file in sorted(labels_dir.rglob("*.yaml")):
        relative = label_file.relative_to(labels_dir).with_suffix(".html")
        page = folder / relative
        entry = read_yaml(label_file)
        if entry["kind"] not in kinds or not page.exists():
            continue
        if entry["kind"] == "list":
            labels: dict[str, Any] = {"entries": entry["entries"]}
        else:
            labels = {name: entry[name] for name in ARTICLE_FIELDS if name in entry}
        yield LabelledPage(str(relative), entry["url"], page.read_bytes(), labels, entry["kind"],
                           site_of(relative, entry["url"]))


def simulator_pages(simulator: str, per_source: int = 25) -> Iterator[LabelledPage]:
    """Article pages fetched from a running simulator, labelled with its ground truth."""
    from crawler.util.simulator_url import simulator_json, to_simulator_url

    truth = simulator_json(simulator, "/_sim/truth", timeout=60)["sources"]
    for source_id, articles in sorted(truth.items()):
        for article in articles[:per_source]:
            if article.get("offsite"):
                continue
            with urllib.request.urlopen(to_simulator_url(simulator, article["url"]), timeout=60) as page:
                html = page.read()
            labels = {
                "title": article["title"],
                "published": article["published"][:16].replace("T", " "),
                "source": article.get("source"),
                "doc_number": article.get("doc_number"),
                "body": article.get("body_text"),
                "attachments": sorted(a["url"] for a in article.get("attachments") or []),
            }
            yield LabelledPage(f"sim:{source_id}:{article['id']}", article["url"], html,
                               {k: v for k, v in labels.items() if v not in (None, "")}, "simulator", source_id)
