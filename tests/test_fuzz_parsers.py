"""Property-based fuzzing: mutated real and simulated pages never crash or hang a parser.

Each parser may only fail with its own documented error (e.g. ProxyAnswerError for a broken data-proxy
answer); anything else is a bug. The case count is NEWSWATCH_FUZZ_EXAMPLES (default 200 per parser;
`make fuzz` runs a longer campaign).
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from crawler.extract.decode import decode_html
from crawler.extract.fields import extract_fields
from crawler.extract.listing import extract_entries
from spiders.feed_parsing import FeedError, parse_feed
from spiders.gkmlpt_parsing import GkmlptAnswerError, parse_api_answer
from spiders.hanweb_classic_parsing import (
    ProxyAnswerError,
    entries_from_records,
    parse_column_page,
    parse_proxy_answer,
)
from spiders.hanweb_jpaas_parsing import JpaasAnswerError, parse_unit_answer
from spiders.list_selectors import parse_list_page
from tests.conftest import REALPAGES

EXAMPLES = int(os.environ.get("NEWSWATCH_FUZZ_EXAMPLES", "200"))
FUZZ = settings(max_examples=EXAMPLES, deadline=None, derandomize=True,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])

SYNTHETIC = {
    "proxy": (
        '<?xml version="1.0" encoding="UTF-8"?><datastore><totalrecord>3</totalrecord><recordset>'
        '<record><![CDATA[<li><a href="/art/2025/3/4/art_1_9.html" title="关于征求意见的通知">关于征求...</a>'
        "<span>2025-03-04</span></li>]]></record></recordset></datastore>"
    ).encode(),
    "jpaas": json.dumps({"success": True, "code": "200", "data": {"html": '<li><a title="药品召回公告" href="/col/col1/art/2025/art_0123456789abcdef0123456789abcdef.html">药品召回公告</a><span>2025-06-10</span></li><div class="pagination" count="130" pageNo="2"></div>'}}, ensure_ascii=False).encode(),
    "gkmlpt": json.dumps({"articles": [{"id": 1, "title": "关于医疗器械飞行检查的通告", "url": "https://mpa.gd.gov.cn/gkmlpt/content/4/4612/post_4612345.html", "created_at": "2025-01-02 10:00:00", "identifier": "006940000/2025-00001"}], "total": 40}, ensure_ascii=False).encode(),
    "rss": (
        '<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>工作动态</title>'
        "<item><title>省科技厅召开会议</title><link>https://kjt.zj.gov.cn/art/2025/1/2/art_1_3.html</link>"
        "<pubDate>Thu, 02 Jan 2025 10:00:00 +0800</pubDate></item></channel></rss>"
    ).encode(),
}


def _base(name: str) -> bytes:
    if name in SYNTHETIC:
        return SYNTHETIC[name]
    path = REALPAGES / name
    if not path.exists():
        pytest.skip(f"../shared/realpages/{name} not present")
    return path.read_bytes()


@st.composite
def mutated(draw: st.DrawFn, base: bytes) -> bytes:
    """A page damaged the ways real answers are: cut short, spliced, bytes flipped, junk or tags inserted,
    re-encoded, repeated."""
    data = bytearray(base)
    for _ in range(draw(st.integers(1, 4))):
        op = draw(st.sampled_from(["truncate", "delete", "insert", "flip", "tag", "encode", "repeat"]))
        at = draw(st.integers(0, max(0, len(data) - 1)))
        if op == "truncate":
            del data[at:]
        elif op == "delete":
            del data[at : at + draw(st.integers(1, 400))]
        elif op == "insert":
            data[at:at] = draw(st.binary(max_size=64))
        elif op == "flip" and data:
            data[at] = draw(st.integers(0, 255))
        elif op == "tag":
            data[at:at] = draw(st.sampled_from([b"<div>", b"</table>", b"<![CDATA[", b"]]>", b"<script>", b"&lt;",
                                                b"<record>", b'"', b"{", b"}", b"\x00", "〔".encode()]))
        elif op == "encode":
            data = bytearray(bytes(data).decode("utf-8", "replace").encode("gb18030", "replace"))
        elif op == "repeat":
            data[at:at] = data[at : at + draw(st.integers(1, 2000))]
    return bytes(data)


def fuzz(base_name: str, parse: Callable[[bytes], object], allowed: tuple[type[Exception], ...] = ()) -> None:
    @FUZZ
    @given(mutated(_base(base_name)))
    def run(data: bytes) -> None:
        try:
            parse(data)
        except allowed:
            pass

    run()


COLUMN_URL = "http://da.jiangsu.gov.cn/col/col91813/index.html"


def _column(data: bytes) -> None:
    for unit in parse_column_page(decode_html(data)):
        entries_from_records(unit.records, COLUMN_URL)


@pytest.mark.timeout(900)
@pytest.mark.parametrize(
    "base, parse, allowed",
    [
        ("jiangsu_list.html", _column, ()),
        ("proxy", parse_proxy_answer, (ProxyAnswerError,)),
        ("jiangsu_list.html", lambda d: extract_entries(d, COLUMN_URL), ()),
        ("anhui_list.html", lambda d: extract_entries(d, "https://mpa.ah.gov.cn/xwzx/tzgg/index.html"), ()),
        ("most_list.html", lambda d: parse_list_page(decode_html(d), "https://www.most.gov.cn/tztg/index.html", "trs"), ()),
        ("jpaas", lambda d: parse_unit_answer(d, "https://kjt.zj.gov.cn/col/col1/index.html"), (JpaasAnswerError,)),
        ("gkmlpt", lambda d: parse_api_answer(d, "https://mpa.gd.gov.cn/gkmlpt/api/all/2849?page=1"), (GkmlptAnswerError,)),
        ("rss", lambda d: parse_feed(d, "https://kjt.zj.gov.cn/module/rss/rssfeed.jsp?colid=1"), (FeedError,)),
        ("most_detail_1.html", lambda d: extract_fields(decode_html(d), "https://www.most.gov.cn/a/t20260211_1.html"), ()),
        ("jiangsu_detail.html", lambda d: extract_fields(d, "http://da.jiangsu.gov.cn/art/2025/8/12/art_1_2.html"), ()),
        ("nmpa_article_ruishu.html", lambda d: extract_fields(d, "https://www.nmpa.gov.cn/xxgk/a/20200911083851127.html"), ()),
    ],
    ids=["hanweb-column", "hanweb-proxy", "listing-hanweb", "listing-lonsun", "trs-list", "jpaas", "gkmlpt", "feed",
         "fields-most", "fields-jiangsu", "fields-nmpa"],
)
def test_parser_survives_mutations(base: str, parse: Callable[[bytes], object], allowed: tuple[type[Exception], ...]) -> None:
    fuzz(base, parse, allowed)
