"""Gathering one day's digest from the database: which items are new, changed, withdrawn, open, unhealthy."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from crawler.alerts.cards import ItemCard, change_lines, item_card, sibling_links
from crawler.alerts.context import EventContext, SourceInfo, cluster_siblings, load_contexts, unknown_source
from crawler.alerts.rules import AlertSetup, highlight_rules, matching_rules
from crawler.digest.baseline import Baseline, split_archive, summarise
from crawler.digest.config import DigestConfig, day_window
from crawler.notify.safety import one_line, plain_text
from db.models import ChangeEvent, Item, ItemVersion

ITEM_EVENTS = ("new", "changed", "withdrawn", "comment_deadline")
NO_TOPIC = "Other 其他"


@dataclass(frozen=True)
class HealthProblem:
    source_id: str
    name: str
    state: str
    since: str
    message: str


@dataclass
class DigestData:
    digest_date: date
    highlights: list[ItemCard] = field(default_factory=list)
    new: list[ItemCard] = field(default_factory=list)
    changed: list[ItemCard] = field(default_factory=list)
    withdrawn: list[ItemCard] = field(default_factory=list)
    open_drafts: list[ItemCard] = field(default_factory=list)
    closing_soon: int = 0
    problems: list[HealthProblem] = field(default_factory=list)
    recovered: list[HealthProblem] = field(default_factory=list)
    baseline: list[Baseline] = field(default_factory=list)
    overflow: dict[str, int] = field(default_factory=dict)

    @property
    def empty(self) -> bool:
        """Nothing new, changed or withdrawn, and no source watched for the first time: the 'nothing new' day."""
        return not (self.new or self.changed or self.withdrawn or self.baseline)


@dataclass
class _Cards:
    """One card per item, shared by every section the item appears in."""

    setup: AlertSetup
    config: DigestConfig
    sources: dict[str, SourceInfo]
    reading_day: date
    made: dict[int, ItemCard] = field(default_factory=dict)
    items: dict[int, Item] = field(default_factory=dict)

    def source(self, source_id: str) -> SourceInfo:
        return self.sources.get(source_id) or unknown_source(source_id)

    def card(self, item: Item) -> ItemCard:
        if item.id not in self.made:
            self.items[item.id] = item
            self.made[item.id] = item_card(item, self.source(item.source_id), self.setup.glossary, self.config.tz,
                                           today=self.reading_day)
        return self.made[item.id]

    def add_siblings(self, session: Session, shown: Sequence[ItemCard]) -> None:
        wanted = {id(card) for card in shown}
        items = [self.items[item_id] for item_id, card in self.made.items() if id(card) in wanted]
        for item_id, others in cluster_siblings(session, items).items():
            self.made[item_id].also = sibling_links([(o, self.source(o.source_id)) for o in others])


def merge_diffs(diffs: Sequence[dict[str, Any]]) -> dict[str, Any]:
    """Several edits in one day read as one: the first 'before', the last 'after', all paragraphs."""
    merged: dict[str, Any] = {}
    for diff in diffs:
        for key, change in (diff or {}).items():
            if not isinstance(change, dict):
                continue
            if key not in merged:
                merged[key] = {k: list(v) if isinstance(v, list) else v for k, v in change.items()}
                continue
            for part, value in change.items():
                if part == "after":
                    merged[key]["after"] = value
                elif isinstance(value, list):
                    merged[key].setdefault(part, []).extend(value)
    return merged


def _version_diffs(session: Session, item_ids: set[int], start: datetime, end: datetime) -> dict[int, list[dict]]:
    """Diffs from item versions, for change events written without one in their payload."""
    if not item_ids:
        return {}
    query = select(ItemVersion).where(ItemVersion.item_id.in_(item_ids), ItemVersion.fetched_at >= start,
                                      ItemVersion.fetched_at < end).order_by(ItemVersion.item_id, ItemVersion.version)
    found: dict[int, list[dict]] = {}
    for version in session.scalars(query):
        found.setdefault(version.item_id, []).append(version.diff or {})
    return found


def _classify(session: Session, contexts: Sequence[EventContext], cards: _Cards, data: DigestData,
              window: tuple[datetime, datetime]) -> None:
    kinds: dict[int, list[str]] = {}
    diffs: dict[int, list[dict]] = {}
    items: dict[int, Item] = {}
    for ctx in contexts:
        if ctx.item is None:
            continue
        items[ctx.item.id] = ctx.item
        kinds.setdefault(ctx.item.id, []).append(ctx.event.kind)
        if ctx.event.kind == "changed" and (ctx.event.payload or {}).get("diff"):
            diffs.setdefault(ctx.item.id, []).append(ctx.event.payload["diff"])
    missing = {i for i, k in kinds.items() if "changed" in k and i not in diffs}
    diffs.update(_version_diffs(session, missing, *window))
    for item_id, item_kinds in kinds.items():
        card = cards.card(items[item_id])
        if "withdrawn" in item_kinds:
            card.kind = "withdrawn"
            data.withdrawn.append(card)
        elif "new" in item_kinds:
            card.kind = "new"
            data.new.append(card)
        elif "changed" in item_kinds:
            card.kind = "changed"
            card.changes = change_lines(merge_diffs(diffs.get(item_id, [])))
            data.changed.append(card)
        else:
            card.kind = item_kinds[0]


def _highlights(contexts: Sequence[EventContext], cards: _Cards, channel: str | None) -> list[ItemCard]:
    rules = highlight_rules(cards.setup.rules, channel)
    chosen: dict[int, ItemCard] = {}
    for ctx in contexts:
        if ctx.item is None:
            continue
        names = [r.name for r in matching_rules(rules, ctx, cards.setup.glossary)]
        if names:
            card = chosen.setdefault(ctx.item.id, cards.card(ctx.item))
            card.rules = list(dict.fromkeys([*card.rules, *(one_line(n, 80) for n in names)]))
    return list(chosen.values())


def _open_drafts(session: Session, cards: _Cards, end: datetime, data: DigestData) -> None:
    query = select(Item).where(
        Item.status == "active", Item.comment_deadline.is_not(None), Item.comment_deadline >= cards.reading_day,
        Item.first_seen_at < end,
    ).order_by(Item.comment_deadline, Item.id)
    soon = cards.reading_day + timedelta(days=cards.config.closing_soon_days)
    for item in session.scalars(query):
        data.open_drafts.append(cards.card(item))
        if item.comment_deadline and item.comment_deadline <= soon:
            data.closing_soon += 1


def _health(cards: _Cards, events: Sequence[ChangeEvent], end: datetime, data: DigestData) -> None:
    tz = cards.config.tz
    for source in sorted(cards.sources.values(), key=lambda s: s.id):
        if source.health != "ok" and (source.health_since is None or source.health_since < end):
            since = source.health_since.astimezone(tz).strftime("%Y-%m-%d %H:%M") if source.health_since else ""
            data.problems.append(HealthProblem(source.id, one_line(source.name, 120), one_line(source.health, 30),
                                               since, plain_text(source.health_message, 300)))
    for event in events:
        payload = event.payload or {}
        if event.kind == "health" and (payload.get("recovered") or payload.get("state") == "ok"):
            source = cards.source(event.source_id)
            when = event.created_at.astimezone(tz).strftime("%Y-%m-%d %H:%M")
            was = one_line(payload.get("previous") or "?", 30)
            data.recovered.append(HealthProblem(source.id, one_line(source.name, 120), "ok", when, f"was {was}"))


def _cap(data: DigestData, limit: int) -> None:
    for name in ("highlights", "new", "changed", "withdrawn", "open_drafts"):
        cards: list[ItemCard] = getattr(data, name)
        if len(cards) > limit:
            data.overflow[name] = len(cards) - limit
            setattr(data, name, cards[:limit])


def collect(session: Session, setup: AlertSetup, config: DigestConfig, sources: dict[str, SourceInfo],
            digest_date: date, channel: str | None) -> DigestData:
    """The day's digest content; `channel` picks which digest-mode rules make highlights (None: all)."""
    start, end = day_window(digest_date, config.tz)
    events = list(session.scalars(
        select(ChangeEvent).where(ChangeEvent.created_at >= start, ChangeEvent.created_at < end).order_by(ChangeEvent.id)
    ))
    contexts = load_contexts(session, [e for e in events if e.kind in ITEM_EVENTS and e.item_id is not None], sources)
    archive: list[EventContext] = []
    if setup.config.options.skip_first_crawl:  # the alerts' setting: a first crawl is a baseline, not news
        contexts, archive = split_archive(session, contexts, digest_date, end, config.tz)
    cards = _Cards(setup, config, sources, digest_date + timedelta(days=1))
    data = DigestData(digest_date)
    _classify(session, contexts, cards, data, (start, end))
    data.highlights = _highlights(contexts, cards, channel)
    data.new.sort(key=lambda c: (c.published, c.title), reverse=True)
    _open_drafts(session, cards, end, data)
    _health(cards, events, end, data)
    data.baseline = summarise(archive, sources, config.tz)
    _cap(data, config.max_items)
    cards.add_siblings(session, [*data.highlights, *data.new, *data.changed, *data.withdrawn, *data.open_drafts])
    return data
