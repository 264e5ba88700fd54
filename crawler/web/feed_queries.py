"""Which items each feed holds: the newest found (first seen), of everything, a source, a topic or a watch rule."""

from __future__ import annotations

from collections.abc import Mapping

from sqlalchemy import ColumnElement, select
from sqlalchemy.orm import Session, defer

from crawler.alerts.context import SourceInfo
from crawler.alerts.glossary import Glossary
from crawler.alerts.rules import CompiledRule, item_matches, source_matches
from db.models import Item, ItemTopic

FEED_SIZE = 50
# A rule's keywords are matched in Python (the glossary's matcher): at most this many of the newest candidates.
RULE_CANDIDATES = 2000


def _newest(session: Session, *clauses: ColumnElement[bool], limit: int = FEED_SIZE) -> list[Item]:
    query = select(Item).options(defer(Item.body_html)).where(*clauses)
    query = query.order_by(Item.first_seen_at.desc(), Item.id.desc()).limit(limit)
    return list(session.scalars(query))


def topics_clause(topic_ids: list[str]) -> ColumnElement[bool]:
    """Items with any of these topics, from item_topics (migration 0009)."""
    return Item.id.in_(select(ItemTopic.item_id).where(ItemTopic.topic.in_(topic_ids)))


def all_items(session: Session) -> list[Item]:
    return _newest(session)


def source_items(session: Session, source_id: str) -> list[Item]:
    return _newest(session, Item.source_id == source_id)


def topic_items(session: Session, topic_id: str) -> list[Item]:
    """A topic's newest items, read from its rows of item_topics in first-seen order (their index's order)."""
    query = (select(Item).options(defer(Item.body_html)).join(ItemTopic, ItemTopic.item_id == Item.id)
             .where(ItemTopic.topic == topic_id)
             .order_by(ItemTopic.first_seen_at.desc(), ItemTopic.item_id.desc()).limit(FEED_SIZE))
    return list(session.scalars(query))


def rule_items(session: Session, rule: CompiledRule, directory: Mapping[str, SourceInfo],
               glossary: Glossary) -> list[Item]:
    """Items a content rule would alert about: its source filters in SQL, topics and keywords as the alerts do."""
    sources = [sid for sid, info in directory.items() if source_matches(rule.rule, info)]
    clauses: list[ColumnElement[bool]] = [Item.source_id.in_(sources)]
    if rule.rule.topics:
        clauses.append(topics_clause(list(rule.rule.topics)))
    candidates = _newest(session, *clauses, limit=RULE_CANDIDATES if rule.terms else FEED_SIZE)
    return [item for item in candidates if item_matches(rule, item, glossary)][:FEED_SIZE]
