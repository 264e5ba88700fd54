"""The generated corpus: deterministic, realistic enough, and editable through publish/edit/withdraw."""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta

import pytest

from simulator.content import CHINA, truth_json
from simulator.corpus import Corpus, SimBadRequest, SimNotFound
from simulator.corpus_build import initial
from simulator.sites import HOSTS, SOURCES

DOC_NUMBER_RE = re.compile(r"^浙[\u4e00-\u9fff]+(〔\d{4}〕|\[\d{4}\]|（\d{4}）)\d+号$")


@pytest.fixture(scope="module")
def corpus() -> Corpus:
    return Corpus()


def test_build_is_deterministic() -> None:
    initial.cache_clear()  # a real build, not the cached one resets reuse
    first = Corpus(seed=7)
    initial.cache_clear()
    second = Corpus(seed=7)
    for source_id in SOURCES:
        again = [truth_json(a) for a in second.articles(source_id)]
        assert [truth_json(a) for a in first.articles(source_id)] == again
    other = Corpus(seed=8)
    titles = [a.title for a in first.articles("zj-kjt-notices")]
    assert titles != [a.title for a in other.articles("zj-kjt-notices")]


@pytest.mark.parametrize("source_id", list(SOURCES))
def test_history_shape(corpus: Corpus, source_id: str) -> None:
    articles = corpus.articles(source_id)
    assert len(articles) >= 100  # enough history to need paging on every platform
    published = [a.published for a in articles]
    assert published == sorted(published, reverse=True)
    assert all(p.tzinfo is not None and p <= corpus.anchor for p in published)
    assert published[0] >= corpus.anchor - timedelta(days=3)
    assert (published[0] - published[-1]).days >= 730
    # Times of day vary: not every item is published at midnight.
    assert len({p.time() for p in published}) > len(published) // 2
    assert all(len(a.paragraphs) >= 4 for a in articles)


def test_ids_unique_per_host_and_rising(corpus: Corpus) -> None:
    for host in HOSTS:
        articles = sorted((a for sid, s in SOURCES.items() if s.host == host for a in corpus.articles(sid)),
                          key=lambda a: a.published)
        ids = [a.id for a in articles]
        assert len(ids) == len(set(ids)) and min(ids) > 100_000
        assert ids == sorted(ids)  # a CMS sequence (or NMPA's timestamp ids) rises with publication time
        paths = [a.path for a in articles]
        assert len(paths) == len(set(paths)) and all(p.startswith("/") for p in paths)


def test_kinds_doc_numbers_and_drafts(corpus: Corpus) -> None:
    policies = corpus.articles("zj-kjt-policy")
    assert {a.kind for a in policies} == {"policy"}
    assert all(a.doc_number and DOC_NUMBER_RE.match(a.doc_number) for a in policies)
    assert any("[" in (a.doc_number or "") or "（" in (a.doc_number or "") for a in policies)
    notices = corpus.articles("zj-kjt-notices")
    assert {"notice", "draft", "news"} <= {a.kind for a in notices}
    drafts = [a for a in notices + corpus.articles("zj-mpa-notices") if a.kind == "draft"]
    assert drafts and all(a.comment_deadline and a.comment_deadline > a.published.date() for a in drafts)
    for draft in drafts:
        deadline = draft.comment_deadline
        assert f"{deadline.year}年{deadline.month}月{deadline.day}日" in draft.body_text()
        assert "征求意见稿" in draft.title
    inspections = corpus.articles("zj-mpa-inspections")
    assert {a.kind for a in inspections} == {"inspection"}
    assert any("飞行检查" in a.title for a in inspections)
    assert any(re.search(r"\d–\d+亿元", a.body_text()) for a in policies + notices)


def test_attachments_use_real_link_forms(corpus: Corpus) -> None:
    attachments = [att for sid in SOURCES for a in corpus.articles(sid) for att in a.attachments]
    assert len(attachments) > 50
    paths = [a.path for a in attachments]
    downfile = r"/module/download/downfile\.jsp\?classid=0&filename=[0-9a-f]{32}\.\w+"
    assert any(re.fullmatch(downfile, p) for p in paths)
    assert any(re.fullmatch(r"/attach/-1/\d+\.\w+", p) for p in paths)
    assert {"pdf", "docx", "ofd"} <= {a.extension for a in attachments}


def test_anchor_is_configurable() -> None:
    corpus = Corpus(anchor=date(2025, 6, 30))
    newest = corpus.articles("zj-mpa-notices")[0].published
    assert newest.date() <= date(2025, 6, 30)
    assert corpus.now() > newest


def test_publish_edit_withdraw() -> None:
    corpus = Corpus()
    now = corpus.now()
    fresh = corpus.publish("zj-kjt-notices", {"title": "关于测试的通知", "kind": "notice"})
    assert fresh.published == now and corpus.articles("zj-kjt-notices")[0] == fresh
    assert fresh.id > max(a.id for a in corpus.articles("zj-kjt-policy"))
    assert corpus.now() == now + timedelta(hours=1)
    changes = {"id": fresh.id, "body": "第一段。\n第二段。", "doc_number": "浙科办函〔2026〕99号"}
    edited = corpus.edit("zj-kjt-notices", changes)
    assert edited.version == 2 and edited.path == fresh.path and edited.body_text().endswith("第一段。\n第二段。")
    assert "浙科办函〔2026〕99号" in truth_json(edited)["doc_number"]
    corpus.withdraw("zj-kjt-notices", {"id": fresh.id})
    assert corpus.find("kjt.zj.gov.cn", fresh.column_id, fresh.id) is None
    old = corpus.publish("zj-mpa-notices", {"published": "2025-01-02T09:00:00"})
    assert old.published == datetime(2025, 1, 2, 9, tzinfo=CHINA) and old.path.startswith("/art/2025/1/2/")
    assert old in corpus.articles("zj-mpa-notices")[1:]
    corpus.reset()
    assert corpus.find("mpa.zj.gov.cn", old.column_id, old.id) is None


@pytest.mark.parametrize(
    "call, fields, error",
    [
        ("publish", {"colour": "red"}, SimBadRequest),
        ("publish", {"kind": "poem"}, SimBadRequest),
        ("edit", {"title": "no id"}, SimBadRequest),
        ("edit", {"id": 1, "title": "missing"}, SimNotFound),
        ("withdraw", {"id": 1}, SimNotFound),
    ],
)
def test_bad_control_fields(call: str, fields: dict[str, object], error: type[Exception]) -> None:
    with pytest.raises(error):
        getattr(Corpus(), call)("zj-kjt-notices", fields)


def test_publish_infers_kind_from_title() -> None:
    corpus = Corpus()
    draft = corpus.publish("zj-kjt-notices", {"title": "关于公开征求《浙江省合成生物产业发展若干措施（征求意见稿）》意见的通知"})
    assert draft.kind == "draft" and draft.comment_deadline is not None
    assert corpus.publish("zj-kjt-notices", {"title": "关于印发《某办法》的通知"}).kind == "policy"
    assert corpus.publish("zj-kjt-notices", {"title": "关于某事项的通知", "kind": "news"}).kind == "news"


def test_edit_attachments_validated_and_normalised() -> None:
    corpus = Corpus()
    article = corpus.articles("zj-kjt-notices")[0]
    with pytest.raises(SimBadRequest):
        corpus.edit("zj-kjt-notices", {"id": article.id, "attachments": "x.pdf"})
    with pytest.raises(SimBadRequest):
        elsewhere = [{"name": "a.pdf", "url": "https://other.gov.cn/a.pdf"}]
        corpus.edit("zj-kjt-notices", {"id": article.id, "attachments": elsewhere})
    edited = corpus.edit("zj-kjt-notices", {"id": article.id, "attachments": [
        {"name": "1.清单.xls", "url": "https://kjt.zj.gov.cn/attach/-1/123.xls"}, {"name": "2.说明.pdf"}]})
    assert [a.path for a in edited.attachments][0] == "/attach/-1/123.xls"
    generated = edited.attachments[1].path
    assert generated.startswith("/attach/-1/") and generated.endswith(".pdf")
    assert corpus.find_attachment("kjt.zj.gov.cn", "/attach/-1/123.xls") == (edited, edited.attachments[0])


def test_an_attachment_can_live_on_another_simulated_host() -> None:
    corpus = Corpus()
    article = corpus.articles("zj-mpa-inspections")[0]
    shared = "https://kjt.zj.gov.cn/attach/-1/4455.pdf"
    edited = corpus.edit("zj-mpa-inspections", {"id": article.id, "attachments": [{"name": "共享.pdf", "url": shared}]})
    assert edited.attachments[0].path == shared and edited.attachments[0].location(edited.host) == (
        "kjt.zj.gov.cn", "/attach/-1/4455.pdf")
    assert corpus.find_attachment("kjt.zj.gov.cn", "/attach/-1/4455.pdf") == (edited, edited.attachments[0])
    assert corpus.find_attachment("mpa.zj.gov.cn", "/attach/-1/4455.pdf") is None
    assert truth_json(edited)["attachments"] == [{"name": "共享.pdf", "url": shared}]
