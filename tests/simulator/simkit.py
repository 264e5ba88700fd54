"""Helpers for the simulator tests: every family's list URLs, and a parser of the entries each list shows."""

from __future__ import annotations

import html
import json
import re
import xml.etree.ElementTree as ET
from urllib.parse import quote, urljoin

from lxml import html as lxml_html

from simulator.harness import Fetched, SimClient
from simulator.sites import (
    FEED,
    GD_STATIC,
    GKMLPT,
    HANWEB_CLASSIC,
    HANWEB_JPAAS,
    HOSTS,
    JSARRAY,
    LONSUN,
    SOURCES,
    TRS,
)

RECORD_RE = re.compile(r"<record><!\[CDATA\[(.*?)\]\]></record>", re.DOTALL)
ARRAY_RE = re.compile(r"urls\[(\d+)\]='([^']*)';headers\[\1\]=\"<a [^>]*title='([^']*)'")
# Which parser reads each family's list page (hanweb-classic pages are walked through the data proxy).
ITEM_XPATH = {TRS: "//ul[@class='info_list2' or @class='list_common']/li//a | //div[@class='list']/ul/li/a",
              GD_STATIC: "//ul[@class='list']/li/a", LONSUN: "//ul[starts-with(@class, 'doc_list')]/li/a"}


def base(source_id: str) -> str:
    return HOSTS[SOURCES[source_id].host].base_url


def jpaas_url(source_id: str, page: int | None = 1, size: int = 20) -> str:
    """The unit-API URL of a page; page=None leaves paramJson out (the API then answers the newest 10)."""
    ids = SOURCES[source_id].jpaas
    assert ids is not None
    query = (f"parseType=bulidstatic&webId={ids.web_id}&tplSetId={ids.tpl_set_id}&pageType=column"
             f"&tagId={quote('栏目list')}&editType=null&pageId={ids.page_id}")
    if page is not None:
        query += "&paramJson=" + quote(json.dumps({"pageNo": page, "pageSize": size}))
    return f"{base(source_id)}/api-gateway/jpaas-publish-server/front/page/build/unit?{query}"


def list_url(source_id: str, page: int = 1) -> str:
    """The real URL of a source's `page`-th list page (1-based), in the platform's own paging scheme."""
    source = SOURCES[source_id]
    start = base(source_id) + source.column_path
    folder = start.rsplit("/", 1)[0]
    if source.family == HANWEB_CLASSIC:
        host = HOSTS[source.host]
        # da.jiangsu's PC rows cut titles and drop the title attribute; its mobile unit has them whole.
        unit = source.mobile_unit_id if source.record_style == "tr-plain" else source.unit_id
        return (f"{host.base_url}{host.proxy_path}?page={page}&appid=1&webid={host.webid}&path=/"
                f"&columnid={source.column_id}&unitid={unit}&permissiontype=0")
    if source.family == HANWEB_JPAAS:
        return jpaas_url(source_id, page)
    if source.family in (TRS, JSARRAY):
        return start if page == 1 else f"{folder}/index_{page - 1}.html"
    if source.family == GD_STATIC:
        return start if page == 1 else f"{folder}/index_{page}.html"
    if source.family == GKMLPT:
        return start.replace("page=1", f"page={page}")
    if source.family == LONSUN:
        return start if page == 1 else f"{base(source_id)}/content/column/{source.column_id}?pageIndex={page}"
    return start  # the feed: one document


def parse_entries(source_id: str, url: str, answer: Fetched) -> list[tuple[str, str]]:
    """(absolute URL, title) of every entry of a list answer, in list order."""
    family = SOURCES[source_id].family
    if "/api-gateway/" in url:
        family = HANWEB_JPAAS  # a classic column after its move to jpaas
    if family == HANWEB_CLASSIC:
        block = answer.text.split("<recordset>", 1)[1]
        if "&lt;record&gt;" in block:
            block = html.unescape(block)  # zj-mpa-inspections: the whole record block arrives entity-escaped
        rows = [lxml_html.fragment_fromstring(r.strip()) for r in RECORD_RE.findall(block)]
        links = [next(row.iter("a")) for row in rows]
        return [(urljoin(url, a.get("href")), a.get("title") or a.text_content().strip("· ")) for a in links]
    if family == HANWEB_JPAAS:
        fragment = answer.json()["data"]["html"]
        links = lxml_html.fragment_fromstring(fragment, create_parent="div").xpath(".//li/a")
        return [(urljoin(url, a.get("href")), a.get("title")) for a in links]
    if family == FEED:
        items = ET.fromstring(answer.body).iter("item")
        return [(i.findtext("link") or "", i.findtext("title") or "") for i in items]
    if family == GKMLPT:
        return [(a["url"], a["title"]) for a in answer.json()["articles"]]
    if family == JSARRAY:
        text = answer.body.decode("gbk")
        return [(urljoin(url, href), lxml_html.fromstring(f"<p>{title}</p>").text_content())
                for _, href, title in ARRAY_RE.findall(text)]
    tree = lxml_html.fromstring(answer.body)
    return [(urljoin(url, a.get("href")), a.get("title") or "") for a in tree.xpath(ITEM_XPATH[family])]


def walk(sim: SimClient, source_id: str, limit: int = 30) -> list[tuple[str, str]]:
    """Every entry of every list page, page by page until a page is missing or empty."""
    found: list[tuple[str, str]] = []
    for page in range(1, limit + 1):
        url = list_url(source_id, page)
        answer = sim.get(url)
        if answer.status == 404:
            break
        assert answer.status == 200, (url, answer.status)
        entries = parse_entries(source_id, url, answer)
        if not entries or SOURCES[source_id].family == FEED:
            found += entries
            break
        found += entries
    return found
