"""The bilingual topic taxonomy (bundled YAML plus user files) and matching texts against it."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from pathlib import Path
from typing import Any

import yaml

from crawler.extract.terms import TermError, TermMatcher, build_matcher

BUNDLED_TAXONOMY = Path(__file__).with_name("taxonomy.yaml")
_TOPIC_KEYS = {"id", "en", "zh", "synonyms_zh", "synonyms_en", "broader"}
_FILE_KEYS = {"version", "decoys", "topics"}
_ID = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


class TaxonomyError(ValueError):
    """A taxonomy file is malformed; the message names the file and the entry."""


@dataclass
class Topic:
    id: str
    en: str
    zh: str
    synonyms_zh: list[str] = field(default_factory=list)
    synonyms_en: list[str] = field(default_factory=list)
    broader: list[str] = field(default_factory=list)

    @property
    def terms(self) -> list[str]:
        return [self.zh, self.en, *self.synonyms_zh, *self.synonyms_en]


@dataclass
class Taxonomy:
    topics: dict[str, Topic] = field(default_factory=dict)
    decoys: list[str] = field(default_factory=list)

    @cached_property
    def matcher(self) -> TermMatcher:
        terms: dict[str, list[str]] = {}
        for topic in self.topics.values():
            for term in topic.terms:
                terms.setdefault(term, []).append(topic.id)
        return build_matcher(terms, self.decoys)


def _strings(value: Any, where: str) -> list[str]:
    if value is None:
        return []
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise TaxonomyError(f"{where}: expected a list of strings")
    return [v for v in value if v.strip()]


def _merge_topic(taxonomy: Taxonomy, entry: Any, where: str) -> None:
    if not isinstance(entry, dict) or not isinstance(entry.get("id"), str) or not _ID.match(entry["id"]):
        raise TaxonomyError(f"{where}: every topic needs an id like 'cell-therapy'")
    unknown = set(entry) - _TOPIC_KEYS
    if unknown:
        raise TaxonomyError(
            f"{where} ({entry['id']}): unknown keys {sorted(unknown)}; known {sorted(_TOPIC_KEYS)}"
        )
    topic = taxonomy.topics.get(entry["id"])
    if topic is None:
        if not entry.get("en") or not entry.get("zh"):
            raise TaxonomyError(f"{where} ({entry['id']}): a new topic needs both 'en' and 'zh' names")
        topic = taxonomy.topics[entry["id"]] = Topic(entry["id"], str(entry["en"]), str(entry["zh"]))
    else:  # an extra file extends an existing topic
        topic.en, topic.zh = str(entry.get("en", topic.en)), str(entry.get("zh", topic.zh))
    for key in ("synonyms_zh", "synonyms_en", "broader"):
        current: list[str] = getattr(topic, key)
        values = _strings(entry.get(key), f"{where} ({entry['id']}).{key}")
        current.extend(v for v in values if v not in current)


def _merge_file(taxonomy: Taxonomy, path: Path) -> None:
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except (OSError, yaml.YAMLError) as exc:
        raise TaxonomyError(f"{path}: cannot read the taxonomy: {exc}") from exc
    if not isinstance(data, dict) or set(data) - _FILE_KEYS:
        raise TaxonomyError(f"{path}: expected a mapping with keys {sorted(_FILE_KEYS)}")
    decoys = _strings(data.get("decoys"), f"{path}: decoys")
    taxonomy.decoys.extend(d for d in decoys if d not in taxonomy.decoys)
    topics = data.get("topics") or []
    if not isinstance(topics, list):
        raise TaxonomyError(f"{path}: 'topics' must be a list")
    for index, entry in enumerate(topics):
        _merge_topic(taxonomy, entry, f"{path}: topics[{index}]")


def load_taxonomy(extra_paths: Iterable[str | Path] = ()) -> Taxonomy:
    """The bundled taxonomy, extended by the given YAML files in order (same format)."""
    taxonomy = Taxonomy()
    for path in (BUNDLED_TAXONOMY, *(Path(p) for p in extra_paths)):
        _merge_file(taxonomy, path)
    for topic in taxonomy.topics.values():
        missing = [b for b in topic.broader if b not in taxonomy.topics]
        if missing:
            raise TaxonomyError(f"topic {topic.id}: broader topics {missing} do not exist")
    try:
        taxonomy.matcher  # noqa: B018 - compile now so a bad term fails at load, not mid-crawl
    except TermError as exc:
        raise TaxonomyError(f"taxonomy term rejected: {exc}") from exc
    return taxonomy


@lru_cache(maxsize=1)
def default_taxonomy() -> Taxonomy:
    return load_taxonomy()


def match_topics(text: str | None, taxonomy: Taxonomy | None = None) -> list[str]:
    """Topic ids mentioned in the text (whole-word matching), broader topics added, in taxonomy order."""
    taxonomy = taxonomy or default_taxonomy()
    found = set(taxonomy.matcher.find(text))
    for topic_id in list(found):
        found.update(taxonomy.topics[topic_id].broader)
    return [topic_id for topic_id in taxonomy.topics if topic_id in found]


@lru_cache(maxsize=128)
def _alert_matcher(terms: tuple[str, ...], decoys: tuple[str, ...]) -> TermMatcher:
    return build_matcher({term: [term] for term in terms}, decoys)


def match_terms(text: str | None, terms: Sequence[str], decoys: Sequence[str] | None = None) -> list[str]:
    """Which of the given terms occur in the text as whole words (for keyword alerts), in input order.

    decoys default to the bundled taxonomy's, so an alert on 药品 ignores 农药品种 as topics do.
    """
    if decoys is None:
        decoys = default_taxonomy().decoys
    found = set(_alert_matcher(tuple(terms), tuple(decoys)).find(text))
    return [term for term in dict.fromkeys(terms) if term in found]
