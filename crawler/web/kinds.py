"""Document kinds the console filters by, read from the title (items store no kind): the words Chinese
government documents name themselves with."""

from __future__ import annotations

from typing import NamedTuple

from sqlalchemy import ColumnElement, and_, false, not_, or_

from db.models import Item


class Kind(NamedTuple):
    id: str
    label: str
    words: tuple[str, ...]


KINDS = (
    Kind("draft", "征求意见 draft for comment", ("征求意见",)),
    Kind("notice", "通知公告 notice", ("通知", "公告", "通告")),
    Kind("policy", "政策文件 policy", ("印发", "办法", "规定", "细则", "条例", "规划", "方案", "指南")),
    Kind("inspection", "检查 inspection", ("检查", "抽检", "抽查")),
    Kind("publicity", "公示 publicity", ("公示",)),
)
KIND_IDS = {k.id: k for k in KINDS}


def kind_clause(kind_id: str) -> ColumnElement[bool]:
    """The items of a kind; a draft is also any item with a comment deadline, a notice is not a draft."""
    kind = KIND_IDS.get(kind_id)
    if kind is None:
        return false()
    words = or_(*(Item.title.contains(word, autoescape=True) for word in kind.words))
    if kind.id == "draft":
        return or_(Item.comment_deadline.is_not(None), words)
    if kind.id == "notice":
        return and_(words, not_(Item.title.contains("征求意见")))
    return words


def kind_of(title: str, has_deadline: bool) -> str | None:
    """The first kind a title names, for labelling one item."""
    if has_deadline:
        return "draft"
    for kind in KINDS:
        if any(word in title for word in kind.words):
            return kind.id
    return None
