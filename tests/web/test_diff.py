"""Side-by-side differences: changed fields, and body lines with the changed characters marked."""

from __future__ import annotations

from crawler.web.diff import field_changes, side_by_side
from crawler.web.kinds import kind_of


def test_field_changes_leave_out_the_body_and_equal_fields() -> None:
    before = {"title": "甲", "doc_number": "浙〔2026〕1号", "body_text": "x", "attachments": [{"name": "a.pdf"}]}
    after = {"title": "甲", "doc_number": "浙〔2026〕2号", "body_text": "y", "attachments": []}
    changes = field_changes(before, after)
    assert [(c.name, c.before, c.after) for c in changes] == [
        ("doc_number", "浙〔2026〕1号", "浙〔2026〕2号"), ("attachments", '[{"name": "a.pdf"}]', "[]")]


def test_side_by_side_marks_characters_and_elides_unchanged_runs() -> None:
    before = "\n".join(f"第{i}条 不变。" for i in range(1, 11)) + "\n第十一条 自发布之日起施行。"
    after = "\n".join(f"第{i}条 不变。" for i in range(1, 11)) + "\n第十一条 自2027年1月1日起施行。\n附则。"
    rows = side_by_side(before, after, context=1)
    assert [r.tag for r in rows] == ["equal", "replace", "insert"]
    assert rows[1].left == [("第十一条 自", False), ("发布之", True), ("日起施行。", False)]
    assert rows[1].right == [("第十一条 自", False), ("2027年1月1", True), ("日起施行。", False)]
    assert rows[2].right == [("附则。", True)] and rows[2].left == []
    assert side_by_side("同", "同") == []


def test_two_changes_far_apart_are_separated_by_a_skip_row() -> None:
    lines = [f"第{i}段。" for i in range(20)]
    changed = [*lines]
    changed[1], changed[18] = "改一。", "改二。"
    tags = [r.tag for r in side_by_side("\n".join(lines), "\n".join(changed), context=1)]
    assert "skip" in tags and tags.count("replace") == 2


def test_kind_of_a_title() -> None:
    assert kind_of("关于印发某办法的通知", has_deadline=False) == "notice"
    assert kind_of("某办法（征求意见稿）", has_deadline=False) == "draft"
    assert kind_of("任何标题", has_deadline=True) == "draft"
    assert kind_of("工作动态", has_deadline=False) is None
