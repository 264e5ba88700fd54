"""Turning routed events into one alert message (title, plain text, HTML) for a channel."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from zoneinfo import ZoneInfo

from crawler.alerts.cards import ItemCard, change_lines, item_card
from crawler.alerts.context import EventContext
from crawler.alerts.glossary import Glossary
from crawler.notify.safety import one_line, plain_text
from crawler.notify.templating import render

KIND_WORDS = {"new": "new", "changed": "changed", "withdrawn": "withdrawn",
              "comment_deadline": "comment deadline", "health": "source health"}


@dataclass(frozen=True)
class Message:
    title: str
    text: str
    html: str


@dataclass(frozen=True)
class HealthLine:
    source_id: str
    source_name: str
    state: str
    previous: str
    since: str
    message: str
    recovered: bool


@dataclass
class AlertEntry:
    kind: str
    card: ItemCard | None = None
    health: HealthLine | None = None


def health_line(ctx: EventContext, tz: ZoneInfo) -> HealthLine:
    payload = ctx.event.payload or {}
    state = one_line(payload.get("state") or ctx.source.health, 40)
    return HealthLine(
        source_id=ctx.source.id,
        source_name=one_line(ctx.source.name, 120),
        state=state,
        previous=one_line(payload.get("previous") or "?", 40),
        since=ctx.event.created_at.astimezone(tz).strftime("%Y-%m-%d %H:%M"),
        message=plain_text(payload.get("message"), 400),
        recovered=bool(payload.get("recovered")) or state == "ok",
    )


def entry_for(ctx: EventContext, rules: Sequence[str], glossary: Glossary, tz: ZoneInfo, today: date) -> AlertEntry:
    if ctx.event.kind == "health" or ctx.item is None:
        return AlertEntry(ctx.event.kind, health=health_line(ctx, tz))
    card = item_card(ctx.item, ctx.source, glossary, tz, today=today)
    card.kind = ctx.event.kind
    card.rules = [one_line(r, 80) for r in rules if r != "operator"]
    if ctx.event.kind == "changed":
        card.changes = change_lines((ctx.event.payload or {}).get("diff") or {})
    return AlertEntry(ctx.event.kind, card=card)


def title_for(entries: Sequence[AlertEntry]) -> str:
    if len(entries) == 1:
        entry = entries[0]
        if entry.card:
            return one_line(f"newswatch {KIND_WORDS.get(entry.kind, entry.kind)}: {entry.card.title}", 150)
        if entry.health:
            h = entry.health
            return one_line(f"newswatch source health: {h.source_name} is {h.state}", 150)
    counts = Counter(e.kind for e in entries)
    parts = [f"{n} {KIND_WORDS.get(kind, kind)}" for kind, n in sorted(counts.items())]
    return "newswatch: " + ", ".join(parts)


def build_message(contexts: Sequence[tuple[EventContext, Sequence[str]]], glossary: Glossary, tz: ZoneInfo,
                  today: date) -> Message:
    """One message for several events (one crawl often finds a few at once); each with its rules."""
    entries = [entry_for(ctx, rules, glossary, tz, today) for ctx, rules in contexts]
    rules = sorted({r for _ctx, names in contexts for r in names if r != "operator"})
    title = title_for(entries)
    context = {"title": title, "entries": entries, "rules": rules}
    return Message(title=title, text=render("alert.txt", **context).strip() + "\n",
                   html=render("alert.html", **context))
