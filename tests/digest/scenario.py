"""One realistic day for digest tests: 2025-03-10 in Shanghai, with new, changed, withdrawn, drafts and health."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from db.models import Item
from tests.alerts.dbfactory import World, at, make_world

DAY = date(2025, 3, 10)  # local window: 2025-03-09 16:00 UTC .. 2025-03-10 16:00 UTC
EVIL_TITLE = "<script>alert('x')</script>细胞治疗<img src=x onerror=alert(1)>专项通知"
EVIL_PARAGRAPH = '<img src="x" onerror="alert(2)">新增：申报截止时间延长至4月30日<script>steal()</script>'


@dataclass
class Day:
    world: World
    cell: Item
    drug: Item
    ai: Item
    changed: Item
    withdrawn: Item
    sibling: Item
    soon: Item
    later: Item
    closed: Item
    tomorrow: Item
    evil: Item


def build_day(url: str) -> Day:
    w = make_world(url)
    seen = at("2025-03-10 02:00")
    cell = w.add_item("zj-kjt-notices", "关于征集2025年度细胞治疗重点研发项目的通知", seen,
                      topics=["cell-therapy"], doc_number="浙科发〔2025〕5号",
                      attachments=[{"name": "附件1 申报指南.pdf", "url": "/art/2025/3/10/guide.pdf", "type": "pdf"},
                                   {"name": "bad", "url": "javascript:alert(1)", "type": "other"}],
                      body_text="为推动免疫细胞治疗产业发展，现征集项目。")
    sibling = w.add_item("js-kjt-notices", "转发：关于征集2025年度细胞治疗重点研发项目的通知", at("2025-03-08 03:00"),
                         topics=["cell-therapy"])
    w.set_cluster(cell.id, cell, sibling)
    drug = w.add_item("zj-mpa-notices", "关于开展药品网络销售监督检查的公告", at("2025-03-10 05:00"),
                      topics=["drug-regulation"], doc_number="浙药监〔2025〕12号")
    ai = w.add_item("zj-kjt-notices", "人工智能赋能科研专项申报通知", at("2025-03-10 06:00"), topics=["ai"])
    changed = w.add_item("zj-kjt-policy", "浙江省科技创新条例实施细则（修订）", at("2025-02-01 02:00"),
                         topics=["drug-regulation"])
    withdrawn = w.add_item("zj-kjt-notices", "关于暂停受理部分项目的通知", at("2025-03-01 02:00"), status="withdrawn")
    soon = w.add_item("zj-mpa-notices", "关于《医疗器械注册管理办法（征求意见稿）》公开征求意见的通知",
                      at("2025-03-01 02:00"), comment_deadline=date(2025, 3, 13))
    later = w.add_item("zj-kjt-policy", "关于《科技计划项目管理办法（征求意见稿）》征求意见的函",
                       at("2025-03-05 02:00"), comment_deadline=date(2025, 3, 31))
    closed = w.add_item("zj-kjt-policy", "已截止的征求意见稿", at("2025-02-01 02:00"), comment_deadline=date(2025, 3, 9))
    tomorrow = w.add_item("zj-kjt-notices", "次日发布的通知", at("2025-03-10 17:00"))
    evil = w.add_item("zj-mpa-notices", EVIL_TITLE, at("2025-03-10 07:00"),
                      body_text='<p onclick="x()">正文</p><script>alert(3)</script>')

    w.event("new", "js-kjt-notices", at("2025-03-08 03:00"), sibling)
    for item in (cell, drug, ai, evil):
        w.event("new", item.source_id, item.first_seen_at, item)
    w.event("new", "zj-kjt-notices", at("2025-03-10 17:00"), tomorrow)  # 01:00 on the 11th in Shanghai
    diff = {
        "title": {"before": "浙江省科技创新条例实施细则", "after": "浙江省科技创新条例实施细则（修订）"},
        "attachments": {"added": [{"name": "修订对照表.docx", "url": "https://example.gov.cn/d.docx"}], "removed": []},
        "body_text": {"before": "…", "after": "…", "added_paragraphs": [EVIL_PARAGRAPH],
                      "removed_paragraphs": ["原第三条：申报截止时间为3月31日"]},
    }
    w.event("changed", "zj-kjt-policy", at("2025-03-10 03:00"), changed, {"title": changed.title, "diff": diff})
    w.event("withdrawn", "zj-kjt-notices", at("2025-03-10 04:00"), withdrawn)
    w.set_health("zj-mpa-inspections", "blocked", at("2025-03-09 01:00"), "HTTP 412: challenge page (瑞数)")
    w.event("health", "zj-mpa-inspections", at("2025-03-09 01:00"), None,
            {"state": "blocked", "previous": "ok", "message": "HTTP 412"})
    w.event("health", "zj-kjt-policy", at("2025-03-10 08:00"), None,
            {"state": "ok", "previous": "unreachable", "message": "", "recovered": True})
    return Day(w, cell, drug, ai, changed, withdrawn, sibling, soon, later, closed, tomorrow, evil)


DIGEST_RAW = {
    "smtp": {"host": "127.0.0.1", "security": "none", "from": "新闻监测 newswatch <nw@example.com>"},
    "channels": {"analysts-mail": {"type": "email", "to": ["analyst@example.com"]}},
    "rules": [
        {"name": "cell therapy", "keywords": ["cell therapy"], "mode": "digest"},
        {"name": "drug regulator", "agency_kinds": ["drug"], "events": ["new"], "mode": "digest"},
    ],
    "digest": {"time": "08:00", "channels": ["analysts-mail"]},
}
