"""The initial corpus for an anchor and a seed: history per source, ids per host, URLs, list extras."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from functools import lru_cache

from simulator.content import Article
from simulator.extras import ListExtra, generate
from simulator.generator import SourceWriter
from simulator.schemes import assign_ids, finish
from simulator.sites import HOSTS, SOURCES

WriterState = tuple[object, dict[tuple[str, int], int]]


@dataclass(frozen=True)
class Snapshot:
    """Immutable: Corpus.reset copies what it mutates, so one build serves every reset."""

    articles: dict[str, tuple[Article, ...]]
    extras: dict[str, tuple[ListExtra, ...]]
    pinned: dict[str, frozenset[int]]
    last_id: dict[str, int]
    writer_states: dict[str, WriterState]


def _pinned(source_id: str, articles: tuple[Article, ...]) -> frozenset[int]:
    """Lonsun columns pin a few older items above the dated order (anhui_list.html starts 07-02, 09-04)."""
    count = SOURCES[source_id].pinned
    return frozenset(articles[4 + 5 * i].id for i in range(count) if 4 + 5 * i < len(articles))


@lru_cache(maxsize=4)
def initial(anchor: datetime, seed: int) -> Snapshot:
    """The history of every source; cached because tests reset the simulator after nearly every test."""
    writers = {sid: SourceWriter(source, seed) for sid, source in SOURCES.items()}
    articles: dict[str, tuple[Article, ...]] = {}
    last_id: dict[str, int] = {}
    for name, host in HOSTS.items():
        ids = [sid for sid, s in SOURCES.items() if s.host == name]
        history = [a for sid in ids for a in writers[sid].history(anchor)]
        merged = [finish(a, new_id, SOURCES[a.source_id], host, SOURCES[a.source_id].initial_platform, seed)
                  for a, new_id in zip(history, assign_ids(history, host, seed), strict=True)]
        for sid in ids:
            articles[sid] = tuple(a for a in merged if a.source_id == sid)
        last_id[name] = max((a.id for a in merged), default=host.id_base)
    return Snapshot(
        articles=articles,
        extras={sid: generate(source, anchor, seed) for sid, source in SOURCES.items()},
        pinned={sid: _pinned(sid, found) for sid, found in articles.items()},
        last_id=last_id,
        writer_states={sid: writer.state() for sid, writer in writers.items()},
    )


def fresh_writers(snapshot: Snapshot, seed: int) -> dict[str, SourceWriter]:
    """Writers that continue where the history ended, as if it had just been generated."""
    writers = {}
    for sid, source in SOURCES.items():
        writer = SourceWriter(source, seed)
        writer.restore(snapshot.writer_states[sid])
        writers[sid] = writer
    return writers
