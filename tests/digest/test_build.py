"""The digest of one day: the right items in each section, grouped and ordered, safe to render."""

from __future__ import annotations

import copy
import re
from datetime import date
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest

from crawler.alerts.cards import ItemCard
from crawler.alerts.glossary import Glossary
from crawler.digest.build import Digest, build_digest, group_new
from crawler.digest.collect import merge_diffs
from tests.alerts.dbfactory import at, make_world, settings_for
from tests.digest.scenario import DAY, DIGEST_RAW, Day, build_day


@pytest.fixture
def day(database_url: str, fixed_glossary: Glossary) -> Day:
    return build_day(database_url)


def digest_of(day: Day, tmp_path: Path, raw: dict[str, Any] | None = None, channel: str | None = "analysts-mail",
              digest_date: date = DAY) -> Digest:
    settings = settings_for(day.world.url, tmp_path, raw or copy.deepcopy(DIGEST_RAW))
    return build_digest(settings, day.world.engine, digest_date, channel)


def section(text: str, heading: str) -> str:
    """The plain-text section under a heading, up to the next heading in capitals."""
    match = re.search(rf"^{heading}.*?\n-+\n(.*?)(?=^[A-Z][A-Z ]+ |\Z)", text, re.S | re.M)
    assert match, f"no section {heading}"
    return match.group(1)


def test_counts_and_subject(day: Day, tmp_path: Path) -> None:
    digest = digest_of(day, tmp_path)
    assert digest.counts == {"highlights": 3, "new": 4, "changed": 1, "withdrawn": 1, "open_for_comment": 2,
                             "closing_soon": 1, "source_problems": 1, "baseline_sources": 0, "baseline_items": 0}
    assert digest.subject == ("newswatch 日报 2025-03-10: 3 highlight(s), 4 new, 1 changed, 1 withdrawn, "
                              "2 open for comment, 1 source problem(s)")
    assert not digest.empty


def test_each_section_holds_the_right_items(day: Day, tmp_path: Path) -> None:
    text = digest_of(day, tmp_path).text
    new, changed = section(text, "NEW"), section(text, "CHANGED")
    drafts, withdrawn, health = section(text, "OPEN FOR COMMENT"), section(text, "WITHDRAWN"), section(text, "SOURCE HEALTH")
    assert all(i.title in new for i in (day.cell, day.drug, day.ai))
    assert day.sibling.title not in new and day.tomorrow.title not in text  # other days stay out
    assert day.changed.title in changed and day.changed.title not in new
    assert day.withdrawn.title in withdrawn and day.withdrawn.title not in new
    assert drafts.index(day.soon.title) < drafts.index(day.later.title) and day.closed.title not in drafts
    assert "2025-03-13 (2 days left)" in drafts
    assert "zj-mpa-inspections): blocked since 2025-03-09 09:00: HTTP 412" in health
    assert "zj-kjt-policy): recovered 2025-03-10 16:00, was unreachable" in health


def test_highlights_are_the_items_matching_the_rules(day: Day, tmp_path: Path) -> None:
    highlights = section(digest_of(day, tmp_path).text, "HIGHLIGHTS")
    assert day.cell.title in highlights and "Matched: cell therapy" in highlights  # English keyword, Chinese title
    assert day.drug.title in highlights and "Matched: drug regulator" in highlights
    assert day.ai.title not in highlights


def test_digest_rules_for_another_channel_make_no_highlights_here(day: Day, tmp_path: Path) -> None:
    raw = copy.deepcopy(DIGEST_RAW)
    raw["channels"]["other-mail"] = {"type": "email", "to": ["b@example.com"]}
    raw["rules"][0]["channels"] = ["other-mail"]
    assert digest_of(day, tmp_path, raw).counts["highlights"] == 2  # the drug rule and the evil item's
    assert digest_of(day, tmp_path, raw, channel="other-mail").counts["highlights"] == 3


def test_each_item_shows_its_details(day: Day, tmp_path: Path) -> None:
    digest = digest_of(day, tmp_path)
    new = section(digest.text, "NEW")
    assert "浙江省科学技术厅 · 2025-03-10 · 文号 浙科发〔2025〕5号" in new
    assert "Topics: Cell therapy 细胞治疗" in new
    assert "附件1 申报指南.pdf <https://example.gov.cn/art/2025/3/10/guide.pdf>" in new  # made absolute
    assert f"Also published by: 江苏省科学技术厅 <{day.sibling.url}>" in new
    assert day.cell.url in new
    assert f'href="{day.cell.url}"' in digest.html and "https://example.gov.cn/art/2025/3/10/guide.pdf" in digest.html


def test_new_items_are_grouped_by_topic_then_agency(day: Day, tmp_path: Path) -> None:
    new = section(digest_of(day, tmp_path).text, "NEW")
    headings = re.findall(r"^## (.+) \(\d+\)$", new, re.M)
    assert headings == ["Artificial intelligence 人工智能", "Cell therapy 细胞治疗", "Drug regulation 药品监管", "Other 其他"]


def test_changed_items_show_a_short_before_and_after(day: Day, tmp_path: Path) -> None:
    changed = section(digest_of(day, tmp_path).text, "CHANGED")
    assert "title 标题: 浙江省科技创新条例实施细则 → 浙江省科技创新条例实施细则（修订）" in changed
    assert "+ 修订对照表.docx" in changed
    assert "+ 新增：申报截止时间延长至4月30日" in changed and "- 原第三条：申报截止时间为3月31日" in changed


class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[str] = []
        self.attributes: list[str] = []
        self.hrefs: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        self.attributes.extend(name for name, _value in attrs)
        self.hrefs.extend(value or "" for name, value in attrs if name == "href")


def test_scripts_and_event_handlers_from_pages_never_reach_the_mail(day: Day, tmp_path: Path) -> None:
    digest = digest_of(day, tmp_path)
    parsed = _Tags()
    parsed.feed(digest.html)
    assert "script" not in parsed.tags and "img" not in parsed.tags
    assert not [a for a in parsed.attributes if a.startswith("on")]
    assert all(h.startswith("https://") for h in parsed.hrefs)  # javascript: attachment dropped, links absolute
    for bad in ("<script", "onerror", "onclick", "alert(", "steal(", "javascript:"):
        assert bad not in digest.html and bad not in digest.text
    assert "细胞治疗专项通知" in digest.text  # the text around the markup survives


def test_every_style_is_inline_for_mail_clients(day: Day, tmp_path: Path) -> None:
    html = digest_of(day, tmp_path).html
    assert "<style" not in html and "class=" not in html
    assert html.count('style="') > 40


def test_an_empty_day_says_nothing_new(day: Day, tmp_path: Path) -> None:
    digest = digest_of(day, tmp_path, digest_date=date(2025, 3, 5))
    assert digest.empty and digest.subject.startswith("newswatch 日报 2025-03-05: nothing new")
    assert "Nothing new, changed or withdrawn on 2025-03-05" in digest.text
    assert digest.counts["new"] == 0 and "OPEN FOR COMMENT" in digest.text  # still useful: what is open


def test_the_day_follows_the_configured_time_zone(database_url: str, fixed_glossary: Glossary,
                                                  tmp_path: Path) -> None:
    day = build_day(database_url)
    settings = settings_for(day.world.url, tmp_path, copy.deepcopy(DIGEST_RAW), tz="UTC")
    text = build_digest(settings, day.world.engine, DAY).text
    assert day.tomorrow.title in text  # 17:00 UTC on the 10th is the 10th in UTC, the 11th in Shanghai


def test_several_edits_in_a_day_read_as_one() -> None:
    merged = merge_diffs([
        {"title": {"before": "A", "after": "B"}, "attachments": {"added": [{"name": "x"}], "removed": []}},
        {"title": {"before": "B", "after": "C"}, "attachments": {"added": [{"name": "y"}], "removed": []}},
    ])
    assert merged["title"] == {"before": "A", "after": "C"}
    assert merged["attachments"]["added"] == [{"name": "x"}, {"name": "y"}]


def test_grouping_puts_untopical_items_last() -> None:
    def card(topic: str | None, agency: str) -> ItemCard:
        return ItemCard("t", None, agency, "", "", "", [topic] if topic else [], [], [])

    groups = group_new([card(None, "甲"), card("B", "乙"), card("A", "甲"), card("A", "乙"), card("A", "甲")])
    assert [(g.label, [(a, len(c)) for a, c in g.agencies]) for g in groups] == [
        ("A", [("乙", 1), ("甲", 2)]), ("B", [("乙", 1)]), ("Other 其他", [("甲", 1)])]


def test_a_large_day_is_capped_per_section(database_url: str, fixed_glossary: Glossary, tmp_path: Path) -> None:
    world = make_world(database_url)
    for n in range(5):
        item = world.add_item("zj-kjt-notices", f"通知{n}", at("2025-03-10 02:00"))
        world.event("new", "zj-kjt-notices", at("2025-03-10 02:00"), item)
    raw = copy.deepcopy(DIGEST_RAW)
    raw["digest"]["max_items_per_section"] = 3
    digest = build_digest(settings_for(world.url, tmp_path, raw), world.engine, DAY)
    assert digest.counts["new"] == 5 and "… and 2 more" in digest.text and "另有 2 条" in digest.html


def test_deadlines_read_closed_or_last_day_never_negative_days(day: Day, tmp_path: Path) -> None:
    day.world.event("new", day.closed.source_id, at("2025-03-10 03:00"), day.closed)  # found late, deadline 03-09
    last = day.world.add_item("zj-kjt-policy", "今日截止的征求意见稿", at("2025-03-10 03:00"),
                              comment_deadline=date(2025, 3, 11))  # the digest is read on the 11th
    day.world.event("new", last.source_id, last.first_seen_at, last)
    digest = digest_of(day, tmp_path)
    card = section(digest.text, "NEW").split(day.closed.title)[1][:120]
    assert "comment by 2025-03-09 (closed 已截止)" in card and "days left" not in card
    assert "2025-03-09</strong> (closed 已截止)" in digest.html and "-2 days" not in digest.html
    drafts = section(digest.text, "OPEN FOR COMMENT")
    assert "comment by 2025-03-11 (last day 今日截止) CLOSING SOON" in drafts
    assert "2025-03-11</strong> (last day 今日截止) <span" in digest.html
