"""The labelled extraction corpus: simulator article pages with their ground truth, plus hand-labelled real pages."""

from __future__ import annotations

import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

REALPAGES_LABELS = Path(__file__).with_name("realpages_labels.yaml")
DEFAULT_REALPAGES = Path(__file__).resolve().parents[2].parent / "shared" / "realpages"


@dataclass(frozen=True)
class LabelledPage:
    name: str
    url: str
    html: bytes
    labels: dict[str, Any] = field(default_factory=dict)  # field -> expected value (str); absent = unlabelled


def realpages(folder: Path = DEFAULT_REALPAGES) -> Iterator[LabelledPage]:
    if not folder.is_dir():
        return
    for entry in yaml.safe_load(REALPAGES_LABELS.read_text(encoding="utf-8"))["pages"]:
        path = folder / entry["file"]
        if path.exists():
            labels = {k: v for k, v in entry.items() if k not in ("file", "url")}
            yield LabelledPage(f"real:{entry['file']}", entry["url"], path.read_bytes(), labels)


def simulator_pages(simulator: str, per_source: int = 25) -> Iterator[LabelledPage]:
    """Article pages fetched from a running simulator, labelled with its ground truth."""
    from crawler.scrapy_ext.simulator_routing import simulator_json, to_simulator_url

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
                               {k: v for k, v in labels.items() if v not in (None, "")})
