"""The bilingual keyword glossary: topic names, keyword expansion (cell therapy → 细胞治疗 …) and matching.

Built on crawler/extract/topics.py (`load_taxonomy()`, `match_terms(text, terms)`), which owns the
taxonomy and the word-boundary rules for Chinese.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from crawler.extract.topics import load_taxonomy, match_terms

logger = logging.getLogger("newswatch.alerts")


@dataclass(frozen=True)
class Topic:
    id: str
    en: str
    zh: str
    synonyms: tuple[str, ...] = ()

    @property
    def terms(self) -> tuple[str, ...]:
        return tuple(t for t in (self.en, self.zh, *self.synonyms) if t)

    @property
    def label(self) -> str:
        return " ".join(dict.fromkeys(t for t in (self.en, self.zh) if t)) or self.id


class Glossary:
    """Topics by id, and keyword matching that knows each term's equivalents in the other language."""

    def __init__(self, topics: Iterable[Topic], matcher: Callable[[str, Sequence[str]], Any] | None = None) -> None:
        self.topics = {t.id: t for t in topics}
        self._matcher = matcher or match_terms
        self._by_term: dict[str, list[Topic]] = {}
        for topic in self.topics.values():
            for term in topic.terms:
                self._by_term.setdefault(term.casefold(), []).append(topic)

    def label(self, topic_id: str) -> str:
        topic = self.topics.get(topic_id)
        return topic.label if topic else topic_id

    def expand(self, keyword: str) -> tuple[str, ...]:
        """The keyword and every term of each topic that lists it (an English name brings its Chinese ones)."""
        terms = [keyword]
        for topic in self._by_term.get(keyword.strip().casefold(), []):
            terms.extend(topic.terms)
        return tuple(dict.fromkeys(terms))

    def check(self, terms: Sequence[str]) -> None:
        """Raise ValueError for a term the matcher refuses (a single Chinese character is too ambiguous)."""
        if terms:
            self._matcher("-", list(terms))

    def match(self, text: str, terms: Sequence[str]) -> list[str]:
        """The terms found in the text, respecting word boundaries (the extract helper's rules)."""
        if not text or not terms:
            return []
        result = self._matcher(text, list(terms))
        if isinstance(result, bool):
            return list(terms) if result else []
        return [str(t) for t in result or ()]


@lru_cache(maxsize=1)
def load_glossary() -> Glossary:
    """The bundled taxonomy as a glossary."""
    taxonomy = load_taxonomy()
    topics = [Topic(t.id, t.en, t.zh, (*t.synonyms_zh, *t.synonyms_en)) for t in taxonomy.topics.values()]
    return Glossary(topics, match_terms)
