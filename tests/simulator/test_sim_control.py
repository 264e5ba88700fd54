"""The /_sim/ control endpoints: truth, publish, edit, withdraw and reset change what the sites serve."""

from __future__ import annotations

import re
from datetime import datetime, timedelta

import pytest

from simulator.harness import SimClient
from simulator.sites import SOURCES

TRUTH_KEYS = {"id", "url", "title", "published", "source", "doc_number", "kind", "comment_deadline",
              "body_text", "attachments", "index_number", "issuer", "version"}
COLUMN = "https://kjt.zj.gov.cn/col/col1228971341/index.html"
PROXY = "/kjt.zj.gov.cn/module/jpage/dataproxy.jsp?startrecord=1&endrecord=45&perpage=15"
FORM = ("col=1&appid=1&webid=3387&path=/&columnid=1228971341&sourceContentType=1&unitid=5339897"
        "&permissiontype=0")




def _total(sim: SimClient) -> int:
    real_call = r"\$\(function\(\)\{\$\('#5339897'\)\.jpage\(\{[^}]*totalRecord:(\d+)"
    return int(re.search(real_call, sim.get(COLUMN).text)[1])


def test_truth_shape_and_filter(sim: SimClient) -> None:
    answer = sim.get("/_sim/truth").json()
    everything = answer["sources"]
    assert set(everything) == set(SOURCES) and set(answer["non_articles"]) == set(SOURCES)
    article = everything["zj-kjt-policy"][0]
    assert set(article) == TRUTH_KEYS
    url_form = r"https://kjt\.zj\.gov\.cn/art/\d{4}/\d{1,2}/\d{1,2}/art_1229080140_\d+\.html"
    assert re.fullmatch(url_form, article["url"])
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+08:00", article["published"])
    assert list(sim.get("/_sim/truth?source=zj-mpa-notices").json()["sources"]) == ["zj-mpa-notices"]
    assert sim.get("/_sim/truth?source=nope").status == 404
    summary = sim.get("/_sim/sources").json()["sources"]["zj-kjt-notices"]
    assert summary["column_url"] == COLUMN and summary["mode"]["mode"] == "ok"


def test_publish_default_article_appears_everywhere(sim: SimClient) -> None:
    before = sim.truth("zj-kjt-notices")
    answer = sim.post_json("/_sim/sources/zj-kjt-notices/publish")
    assert answer.status == 200
    article = answer.json()
    assert set(article) == TRUTH_KEYS and article["version"] == 1
    assert article["published"] > before[0]["published"]
    assert sim.truth("zj-kjt-notices")[0] == article
    assert _total(sim) == len(before) + 1
    path = article["url"].split(".gov.cn", 1)[1]
    assert f'href="{path}"' in sim.get(COLUMN).text
    assert f'href="{path}"' in sim.post_form(PROXY, FORM).text
    page = sim.get(article["url"])
    assert page.status == 200 and article["title"] in page.text
    second = sim.post_json("/_sim/sources/zj-kjt-notices/publish").json()
    assert second["published"] > article["published"] and second["id"] > article["id"]


def test_publish_with_fields(sim: SimClient) -> None:
    fields = {"title": "浙江省科学技术厅关于印发《浙江省脑机接口产业发展若干措施》的通知", "body": "第一段内容。\n第二段内容。",
              "doc_number": "浙科发〔2026〕88号", "kind": "policy", "published": "2026-11-21T09:15:00+08:00"}
    article = sim.post_json("/_sim/sources/zj-kjt-policy/publish", fields).json()
    assert article["title"] == fields["title"] and article["doc_number"] == "浙科发〔2026〕88号"
    assert article["published"] == "2026-11-21T09:15:00+08:00" and "/art/2026/11/21/" in article["url"]
    assert article["body_text"].endswith("第一段内容。\n第二段内容。")
    page = sim.get(article["url"]).text
    assert "浙科发〔2026〕88号" in page and "第二段内容。" in page and "发布日期：2026-11-21 09:15:00" in page


def test_edit_changes_page_list_and_version(sim: SimClient) -> None:
    target = sim.truth("zj-mpa-notices")[3]
    answer = sim.post_json("/_sim/sources/zj-mpa-notices/edit", {"id": target["id"], "title": "关于更正的通知（修订）",
                                                                 "attachments": [{"name": "1.更正说明.pdf"}]})
    edited = answer.json()
    assert answer.status == 200 and edited["version"] == 2 and edited["url"] == target["url"]
    assert sim.truth("zj-mpa-notices")[3] == edited
    page = sim.get(target["url"]).text
    assert "关于更正的通知（修订）" in page and ">1.更正说明.pdf</a>" in page
    assert "关于更正的通知（修订）" in sim.get("/mpa.zj.gov.cn/col/col1228972437/index.html").text
    assert sim.get(edited["attachments"][0]["url"]).status == 200


def test_withdraw_removes_from_lists_and_404s(sim: SimClient) -> None:
    articles = sim.truth("zj-kjt-notices")
    target = next((a for a in articles[:45] if a["attachments"]), articles[0])
    answer = sim.post_json("/_sim/sources/zj-kjt-notices/withdraw", {"id": target["id"]})
    assert answer.status == 200 and answer.json()["id"] == target["id"]
    assert target["id"] not in [a["id"] for a in sim.truth("zj-kjt-notices")]
    path = target["url"].split(".gov.cn", 1)[1]
    assert f'href="{path}"' not in sim.get(COLUMN).text
    assert _total(sim) == len(articles) - 1
    assert sim.get(target["url"]).status == 404
    for attachment in target["attachments"]:
        assert sim.get(attachment["url"]).status == 404
    assert sim.post_json("/_sim/sources/zj-kjt-notices/withdraw", {"id": target["id"]}).status == 404


def test_reset_restores_initial_corpus(sim: SimClient) -> None:
    initial = sim.truth("zj-kjt-policy")
    sim.post_json("/_sim/sources/zj-kjt-policy/publish")
    sim.post_json("/_sim/sources/zj-kjt-policy/withdraw", {"id": initial[5]["id"]})
    assert sim.post_json("/_sim/reset").json() == {"ok": True}
    assert sim.truth("zj-kjt-policy") == initial


@pytest.mark.parametrize(
    "method, path, body, status",
    [
        ("POST", "/_sim/sources/zj-kjt-notices/publish", b"{not json", 400),
        ("POST", "/_sim/sources/zj-kjt-notices/publish", b'{"colour": "red"}', 400),
        ("POST", "/_sim/sources/zj-kjt-notices/edit", b'{"title": "x"}', 400),
        ("POST", "/_sim/sources/nope/publish", b"{}", 404),
        ("POST", "/_sim/sources/zj-kjt-notices/explode", b"{}", 404),
        ("GET", "/_sim/sources/zj-kjt-notices/publish", None, 405),
        ("POST", "/_sim/truth", b"{}", 405),
    ],
)
def test_bad_control_requests(
    sim: SimClient, method: str, path: str, body: bytes | None, status: int
) -> None:
    answer = sim.request(path, body, method, {"Content-Type": "application/json"})
    assert answer.status == status and "error" in answer.json()


def test_clock_is_after_every_article_and_moves_with_publishing(sim: SimClient) -> None:
    now = datetime.fromisoformat(sim.get("/_sim/clock").json()["now"])
    newest = max(datetime.fromisoformat(a[0]["published"]) for a in sim.get("/_sim/truth").json()["sources"].values() if a)
    assert now >= newest + timedelta(hours=1)
    published = sim.post_json("/_sim/sources/zj-kjt-notices/publish", {"title": "新的通知"}).json()["published"]
    assert datetime.fromisoformat(sim.get("/_sim/clock").json()["now"]) == datetime.fromisoformat(published) + timedelta(hours=1)
