"""Migrating a Zhejiang column from Hanweb classic to jpaas (and back) at runtime, as Zhejiang did."""

from __future__ import annotations

import re

import pytest

from simulator.harness import SimClient
from tests.simulator.simkit import jpaas_url, parse_entries

SOURCE = "zj-kjt-notices"
COLUMN = "https://kjt.zj.gov.cn/col/col1228971341/index.html"
PROXY = "/kjt.zj.gov.cn/module/jpage/dataproxy.jsp?startrecord=1&endrecord=45&perpage=15"
FORM = ("col=1&appid=1&webid=3387&path=/&columnid=1228971341&sourceContentType=1&unitid=5339897"
        "&permissiontype=0")



def _platform(sim: SimClient, source_id: str, platform: str) -> int:
    return sim.post_json(f"/_sim/sources/{source_id}/platform", {"platform": platform}).status


def test_classic_column_refuses_the_api_until_it_moves(sim: SimClient) -> None:
    before = sim.get(jpaas_url(SOURCE)).json()
    assert before["success"] is False and before["code"] == "404"
    assert "<datastore>" in sim.get(COLUMN).text


def test_migration_to_jpaas_and_back(sim: SimClient) -> None:
    truth = [a["url"] for a in sim.truth(SOURCE)]
    assert _platform(sim, SOURCE, "jpaas") == 200
    assert sim.get("/_sim/sources").json()["sources"][SOURCE]["platform"] == "jpaas"
    shell = sim.get(COLUMN)
    assert shell.status == 200 and "<datastore>" not in shell.text and "unitUrl=" in shell.text
    assert sim.post_form(PROXY, FORM).status == 404  # the old data proxy is gone
    first = [url for url, _ in parse_entries(SOURCE, jpaas_url(SOURCE), sim.get(jpaas_url(SOURCE)))]
    assert first == truth[:20]  # the same articles, at the URLs they always had
    assert sim.get(truth[0]).status == 200  # old /art/Y/M/D/ URLs still resolve
    fresh = sim.post_json(f"/_sim/sources/{SOURCE}/publish").json()
    jpaas_form = r"https://kjt\.zj\.gov\.cn/col/col1228971341/art/\d{4}/art_[0-9a-f]{32}\.html"
    assert re.fullmatch(jpaas_form, fresh["url"])
    page = sim.get(fresh["url"])
    assert page.status == 200 and fresh["title"] in page.text and 'class="wen"' in page.text
    assert parse_entries(SOURCE, jpaas_url(SOURCE), sim.get(jpaas_url(SOURCE)))[0][0] == fresh["url"]
    assert _platform(sim, SOURCE, "classic") == 200
    column = sim.get(COLUMN).text
    assert "<datastore>" in column and f'href="{fresh["url"].split(".gov.cn", 1)[1]}"' in column
    assert sim.post_form(PROXY, FORM).status == 200
    assert sim.get(fresh["url"]).status == 200


def test_other_columns_of_the_host_are_unaffected(sim: SimClient) -> None:
    _platform(sim, SOURCE, "jpaas")
    assert "<datastore>" in sim.get("https://kjt.zj.gov.cn/col/col1229080140/index.html").text
    form = FORM.replace("1228971341", "1229080140")
    assert sim.post_form(PROXY, form).status == 200


def test_reset_restores_the_classic_platform(sim: SimClient) -> None:
    _platform(sim, "zj-mpa-inspections", "jpaas")
    sim.post_json("/_sim/reset")
    assert sim.get("/_sim/sources").json()["sources"]["zj-mpa-inspections"]["platform"] == "classic"


@pytest.mark.parametrize(
    "source_id, body, status",
    [
        (SOURCE, {"platform": "wordpress"}, 400),
        (SOURCE, {"platform": "jpaas", "when": "now"}, 400),
        ("js-mpa-notices", {"platform": "jpaas"}, 400),  # no jpaas ids in the catalog
        ("sd-mpa-notices", {"platform": "classic"}, 400),  # no classic units to go back to
        ("nope", {"platform": "jpaas"}, 404),
    ],
)
def test_bad_platform_requests(sim: SimClient, source_id: str, body: dict[str, str], status: int) -> None:
    answer = sim.post_json(f"/_sim/sources/{source_id}/platform", body)
    assert answer.status == status and "error" in answer.json()
