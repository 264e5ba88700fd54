"""Building the digest of one date: content from collect, sections grouped, subject with counts, HTML and text."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from itertools import groupby

from sqlalchemy import Engine

from crawler.alerts.cards import ItemCard
from crawler.alerts.context import source_directory
from crawler.alerts.rules import AlertSetup, load_setup
from crawler.config import Settings
from crawler.digest.baseline import recent_from
from crawler.digest.collect import NO_TOPIC, DigestData, collect
from crawler.digest.config import DigestConfig, load_digest_config
from crawler.notify.templating import render
from db.engine import make_session_factory

PACKAGES = ("crawler.digest",)


@dataclass(frozen=True)
class Digest:
    digest_date: date
    subject: str
    html: str
    text: str
    counts: dict[str, int]
    empty: bool


@dataclass(frozen=True)
class TopicGroup:
    label: str
    agencies: list[tuple[str, list[ItemCard]]]

    @property
    def size(self) -> int:
        return sum(len(cards) for _agency, cards in self.agencies)


def group_new(cards: list[ItemCard]) -> list[TopicGroup]:
    """New items by their first topic, then by agency; the biggest topics first, untopical ones last."""
    by_topic: dict[str, list[ItemCard]] = {}
    for card in cards:
        by_topic.setdefault(card.topics[0] if card.topics else NO_TOPIC, []).append(card)
    groups = []
    for label, members in by_topic.items():
        members.sort(key=lambda c: c.agency)
        agencies = [(agency, list(group)) for agency, group in groupby(members, key=lambda c: c.agency)]
        groups.append(TopicGroup(label, agencies))
    return sorted(groups, key=lambda g: (g.label == NO_TOPIC, -g.size, g.label))


def counts_of(data: DigestData) -> dict[str, int]:
    over = data.overflow
    return {
        "highlights": len(data.highlights) + over.get("highlights", 0),
        "new": len(data.new) + over.get("new", 0),
        "changed": len(data.changed) + over.get("changed", 0),
        "withdrawn": len(data.withdrawn) + over.get("withdrawn", 0),
        "open_for_comment": len(data.open_drafts) + over.get("open_drafts", 0),
        "closing_soon": data.closing_soon,
        "source_problems": len(data.problems),
        "baseline_sources": len(data.baseline),
        "baseline_items": sum(b.items for b in data.baseline),
    }


def subject_for(digest_date: date, counts: dict[str, int], empty: bool) -> str:
    # 日报 keeps the subject recognisable in a Chinese inbox; the counts say whether to open it now.
    head = f"newswatch 日报 {digest_date.isoformat()}"
    if empty:
        tail = "nothing new"
    else:
        tail = f"{counts['new']} new, {counts['changed']} changed, {counts['withdrawn']} withdrawn"
        if counts["highlights"]:
            tail = f"{counts['highlights']} highlight(s), " + tail
    if counts["open_for_comment"]:
        tail += f", {counts['open_for_comment']} open for comment"
    if counts["source_problems"]:
        tail += f", {counts['source_problems']} source problem(s)"
    if counts["baseline_sources"]:
        tail += f", started watching {counts['baseline_sources']} source(s)"
    return f"{head}: {tail}"


def render_digest(data: DigestData, config: DigestConfig, timezone: str) -> Digest:
    counts = counts_of(data)
    subject = subject_for(data.digest_date, counts, data.empty)
    context = {
        "subject": subject, "d": data, "counts": counts, "groups": group_new(data.new), "timezone": timezone,
        "closing_soon_days": config.closing_soon_days, "overflow": data.overflow,
        "recent_from": recent_from(data.digest_date),
    }
    return Digest(
        digest_date=data.digest_date,
        subject=subject,
        html=render("digest.html", PACKAGES, **context),
        # Jinja's block tags leave runs of blank lines in plain text; two in a row is enough for a reader.
        text=re.sub(r"\n{3,}", "\n\n", render("digest.txt", PACKAGES, **context)).strip() + "\n",
        counts=counts,
        empty=data.empty,
    )


def build_with(settings: Settings, engine: Engine, setup: AlertSetup, config: DigestConfig, digest_date: date,
               channel: str | None = None) -> Digest:
    with make_session_factory(engine)() as session:
        data = collect(session, setup, config, source_directory(session, settings), digest_date, channel)
    return render_digest(data, config, settings.timezone)


def build_digest(settings: Settings, engine: Engine, digest_date: date, channel: str | None = None) -> Digest:
    """The digest of a local calendar day; `channel` narrows highlights to the rules meant for it."""
    setup = load_setup(settings)
    return build_with(settings, engine, setup, load_digest_config(settings, setup.config), digest_date, channel)
