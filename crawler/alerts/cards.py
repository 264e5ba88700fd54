"""Item cards: what a reader sees of one item in an alert or the digest, every field already made safe."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any
from zoneinfo import ZoneInfo

from crawler.alerts.context import SourceInfo
from crawler.alerts.glossary import Glossary
from crawler.notify.safety import one_line, plain_text, safe_url
from db.models import Item

FIELD_LABELS = {
    "title": "title 标题", "published": "published 发布日期", "written": "written 成文日期", "doc_number": "文号",
    "index_number": "索引号", "source": "origin 来源", "issuer": "issuer 发布机构", "validity": "validity 有效性",
    "body_text": "text 正文", "attachments": "attachments 附件", "comment_deadline": "comment deadline 截止日期",
}
SHORT = 120  # characters of a before/after value: enough to recognise the sentence, short enough to scan


@dataclass(frozen=True)
class Link:
    text: str
    url: str | None


@dataclass(frozen=True)
class ChangeLine:
    label: str
    before: str = ""
    after: str = ""
    added: tuple[str, ...] = ()
    removed: tuple[str, ...] = ()


@dataclass
class ItemCard:
    title: str
    url: str | None
    agency: str
    source_name: str
    published: str
    doc_number: str
    topics: list[str]
    attachments: list[Link]
    also: list[Link]
    status: str = "active"
    kind: str = ""
    deadline: str = ""
    days_left: int | None = None
    changes: list[ChangeLine] = field(default_factory=list)
    rules: list[str] = field(default_factory=list)


def _value(value: Any) -> str:
    if isinstance(value, list):
        return "; ".join(one_line(v.get("name") if isinstance(v, dict) else v) for v in value)
    return plain_text(value, SHORT).replace("\n", " / ")


def change_lines(diff: dict[str, Any]) -> list[ChangeLine]:
    """A short before/after per changed field; body edits as the paragraphs added and removed."""
    lines = []
    for key, change in (diff or {}).items():
        if not isinstance(change, dict):
            continue
        label = FIELD_LABELS.get(key, key)
        if key == "attachments":
            added = tuple(one_line(a.get("name") or a.get("url"), SHORT) for a in change.get("added") or [])
            removed = tuple(one_line(a.get("name") or a.get("url"), SHORT) for a in change.get("removed") or [])
            lines.append(ChangeLine(label, added=added, removed=removed))
        elif key == "body_text" and ("added_paragraphs" in change or "removed_paragraphs" in change):
            added = tuple(plain_text(p, SHORT) for p in (change.get("added_paragraphs") or [])[:3])
            removed = tuple(plain_text(p, SHORT) for p in (change.get("removed_paragraphs") or [])[:3])
            lines.append(ChangeLine(label, added=added, removed=removed))
        else:
            lines.append(ChangeLine(label, before=_value(change.get("before")), after=_value(change.get("after"))))
    return lines


def attachment_links(item: Item) -> list[Link]:
    links = []
    for attachment in item.attachments or []:
        if not isinstance(attachment, dict):
            continue
        url = safe_url(attachment.get("url"), item.url)
        links.append(Link(one_line(attachment.get("name") or attachment.get("url") or "attachment", 100), url))
    return links


def sibling_links(siblings: list[tuple[Item, SourceInfo]]) -> list[Link]:
    """'Also published by': the agency of each other item of the cluster, linked to its copy."""
    return [Link(one_line(s.agency or s.name or o.source_id, 60), safe_url(o.url)) for o, s in siblings]


def published_day(item: Item, tz: ZoneInfo) -> date | None:
    """The local day the item was published, else the date it was written (None when neither is known)."""
    return item.published_at.astimezone(tz).date() if item.published_at else item.written_date


def item_card(item: Item, source: SourceInfo, glossary: Glossary, tz: ZoneInfo,
              siblings: list[tuple[Item, SourceInfo]] | None = None, today: date | None = None) -> ItemCard:
    day = published_day(item, tz)
    published = day.isoformat() if day else ""
    card = ItemCard(
        title=one_line(item.title, 300) or "(untitled)",
        url=safe_url(item.url, source.home_url or None),
        agency=one_line(source.agency or source.name, 80),
        source_name=one_line(source.name, 80),
        published=published,
        doc_number=one_line(item.doc_number, 80),
        topics=[glossary.label(str(t)) for t in item.topics or []],
        attachments=attachment_links(item),
        also=sibling_links(siblings or []),
        status=item.status,
    )
    if item.comment_deadline:
        card.deadline = item.comment_deadline.isoformat()
        if today is not None:
            card.days_left = (item.comment_deadline - today).days
    return card
