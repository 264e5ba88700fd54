"""Hanweb classic lists as served: column pages with embedded datastores, and the jpage data proxy."""

from __future__ import annotations

import html
import math
import re

import pytest

from simulator.harness import SimClient
from simulator.sites import FEED, HANWEB_CLASSIC, SOURCES

ZJ_CLASSIC = [sid for sid, s in SOURCES.items()
              if s.host.endswith(".zj.gov.cn") and s.family in (HANWEB_CLASSIC, FEED)]

RECORD_RE = re.compile(r"<record><!\[CDATA\[(.*?)\]\]></record>", re.DOTALL)
HREF_RE = re.compile(r'href="(/art/[^"]+)"')
FORM = ("col=1&appid=1&webid={webid}&path=/&columnid={column}&sourceContentType={sct}&unitid={unit}"
        "&webname=%E6%B5%99%E6%B1%9F%E7%9C%81&permissiontype=0")



def _paths(sim: SimClient, source_id: str) -> list[str]:
    return [a["url"].split(".gov.cn", 1)[1] for a in sim.truth(source_id)]


def _unit(page: str, unit_id: str) -> str:
    match = re.search(rf'<div id="{unit_id}"><script type="text/xml">(.*?)</script></div>', page, re.DOTALL)
    assert match, f"unit {unit_id} missing"
    return match[1]


def _proxy(sim: SimClient, source_id: str, query: str, unit: str | None = None) -> str:
    source = SOURCES[source_id]
    webid = 3387 if source.host.startswith("kjt") else 3396
    form = FORM.format(webid=webid, column=source.column_id, sct=source.source_content_type,
                       unit=unit or source.unit_id)
    answer = sim.post_form(f"/{source.host}/module/jpage/dataproxy.jsp?{query}", form)
    assert answer.status == 200 and answer.headers["Content-Type"].startswith("text/xml")
    return answer.text


def _records(xml: str) -> list[str]:
    block = xml.split("<recordset>", 1)[1].split("</recordset>", 1)[0]
    if "&lt;record&gt;" in block:
        block = html.unescape(block)
    return RECORD_RE.findall(block)


@pytest.mark.parametrize("source_id", ZJ_CLASSIC)
def test_column_page_embeds_first_45_and_true_total(sim: SimClient, source_id: str) -> None:
    source = SOURCES[source_id]
    answer = sim.get(f"/{source.host}/col/col{source.column_id}/index.html")
    assert answer.status == 200 and answer.headers["Content-Type"] == "text/html"
    page = answer.text
    for meta in ("SiteName", "SiteDomain", "SiteIDCode", "ColumnName"):
        assert f'<meta name="{meta}"' in page
    records = RECORD_RE.findall(_unit(page, source.unit_id))
    paths = _paths(sim, source_id)
    assert len(records) == 45
    assert [HREF_RE.search(r)[1] for r in records] == paths[:45]
    unit = source.unit_id
    bogus = page.index(f"function jpage_{unit}(){{")
    real = re.search(rf"\$\(function\(\){{\$\('#{unit}'\)\.jpage\({{[^}}]*totalRecord:(\d+),", page)
    assert real and int(real[1]) == len(paths) and bogus < real.start()
    assert "totalRecord:1000" in page[bogus:real.start()]
    assert f"var param_{unit} = {{col:1,appid:'1',webid:" in page
    assert f"columnid:{source.column_id},sourceContentType:{source.source_content_type}," in page
    assert f"unitid:'{unit}',webname:'" in page
    assert "dataproxy.jsp?page=1&appid=1&" in page and "perPage:15" in page and "groupSize:3" in page


def test_policy_page_has_pc_table_and_mobile_list_units(sim: SimClient) -> None:
    source = SOURCES["zj-kjt-policy"]
    page = sim.get(f"/{source.host}{source.column_path}").text
    pc = RECORD_RE.findall(_unit(page, source.unit_id))
    mobile = RECORD_RE.findall(_unit(page, str(source.mobile_unit_id)))
    assert [HREF_RE.search(r)[1] for r in pc] == [HREF_RE.search(r)[1] for r in mobile]
    assert all(r.strip().startswith("<tr>") and 'class="bt_link"' in r and "<b>·</b>" in r for r in pc)
    assert all(r.strip().startswith("<li") for r in mobile)
    truncated = [r for r in pc if "...</a>" in r]
    assert truncated, "long titles are cut in the PC table"
    for row in truncated:
        full = html.unescape(re.search(r'title="([^"]+)"', row)[1])
        shown = html.unescape(re.search(r"<b>·</b>(.*?)\.\.\.</a>", row)[1])
        assert full.startswith(shown) and len(full) > len(shown)
    assert re.search(r"<font[^>]*>\d{4}-\d{2}-\d{2}</font>", pc[0])


def test_mpa_notices_use_i_dates(sim: SimClient) -> None:
    page = sim.get("/mpa.zj.gov.cn/col/col1228972437/index.html").text
    first = RECORD_RE.findall(_unit(page, "7543749"))[0]
    assert re.search(r"</a><i>\d{4}-\d{2}-\d{2}</i></li>", first)


def test_proxy_post_slices_with_repeated_row(sim: SimClient) -> None:
    paths = _paths(sim, "zj-kjt-notices")
    first = _proxy(sim, "zj-kjt-notices", "startrecord=1&endrecord=45&perpage=15")
    assert [HREF_RE.search(r)[1] for r in _records(first)] == paths[:45]
    assert f"<totalrecord>{len(paths)}</totalrecord>" in first
    assert f"<totalpage>{math.ceil(len(paths) / 15)}</totalpage>" in first
    second = _proxy(sim, "zj-kjt-notices", "startrecord=46&endrecord=90&perpage=15")
    assert [HREF_RE.search(r)[1] for r in _records(second)] == paths[44:90]
    last = _proxy(sim, "zj-kjt-notices", "startrecord=136&endrecord=180&perpage=15")
    assert [HREF_RE.search(r)[1] for r in _records(last)] == paths[134:]
    past = len(paths) + 10
    beyond = _proxy(sim, "zj-kjt-notices", f"startrecord={past}&endrecord={past + 44}&perpage=15")
    assert _records(beyond) == []


def test_proxy_get_pages_are_groups_of_45(sim: SimClient) -> None:
    paths = _paths(sim, "zj-mpa-notices")
    base = ("/mpa.zj.gov.cn/module/jpage/dataproxy.jsp?appid=1&webid=3396&path=/&columnid=1228972437"
            "&unitid=7543749")
    one = sim.get(f"{base}&page=1&webname=%25E6%25B5%2599&permissiontype=0").text
    two = sim.get(f"{base}&page=2&webname=%25E6%25B5%2599&permissiontype=0").text
    assert [HREF_RE.search(r)[1] for r in _records(one)] == paths[:45]
    assert [HREF_RE.search(r)[1] for r in _records(two)] == paths[44:90]
    assert "dataproxy.jsp?page=3&" in two


def test_inspections_proxy_escapes_whole_record_block(sim: SimClient) -> None:
    xml = _proxy(sim, "zj-mpa-inspections", "startrecord=1&endrecord=45&perpage=15")
    block = xml.split("<recordset>", 1)[1].split("</recordset>", 1)[0]
    assert "<record>" not in block and "&lt;record&gt;&lt;![CDATA[" in block
    assert [HREF_RE.search(r)[1] for r in _records(xml)] == _paths(sim, "zj-mpa-inspections")[:45]
    page = sim.get("/mpa.zj.gov.cn/col/col1228972439/index.html").text
    assert len(RECORD_RE.findall(_unit(page, "7543749"))) == 45  # the column page itself is not escaped


def test_proxy_mobile_unit_and_unknown_column(sim: SimClient) -> None:
    mobile = _proxy(sim, "zj-kjt-policy", "startrecord=1&endrecord=45&perpage=15", unit="5339902")
    assert all(r.strip().startswith("<li") for r in _records(mobile))
    unknown = sim.post_form("/kjt.zj.gov.cn/module/jpage/dataproxy.jsp?startrecord=1&endrecord=45&perpage=15",
                            "col=1&appid=1&webid=3387&path=/&columnid=999&unitid=5339897")
    assert unknown.status == 200 and "<totalrecord>0</totalrecord>" in unknown.text
    assert not _records(unknown.text)
    # A column of the other host is unknown here too.
    other = sim.post_form("/kjt.zj.gov.cn/module/jpage/dataproxy.jsp?startrecord=1&endrecord=45",
                          "columnid=1228972439&unitid=7543749")
    assert "<totalrecord>0</totalrecord>" in other.text
