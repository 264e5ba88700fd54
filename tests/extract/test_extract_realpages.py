"""extract_fields on the real saved detail pages in ../shared/realpages (values from MANIFEST.md)."""

from __future__ import annotations

import json
from datetime import date, datetime
from pathlib import Path
from typing import Any

import pytest

from crawler.extract.dates import parse_date
from crawler.extract.fields import ExtractedFields, extract_fields
from crawler.util.china_time import CHINA_TZ

REALPAGES = Path(__file__).resolve().parents[2] / ".." / "shared" / "realpages"


def realpage(name: str) -> bytes:
    path = REALPAGES / name
    if not path.exists():
        pytest.skip("../shared/realpages not present")
    return path.read_bytes()


def cn(*parts: int) -> datetime:
    return datetime(*parts, tzinfo=CHINA_TZ)  # type: ignore[misc]


PAGES: dict[str, dict[str, Any]] = {
    "jiangsu_detail.html": {
        "url": "http://da.jiangsu.gov.cn/art/2025/8/12/art_91813_11621526.html",
        "title": "沟通交流案例7-变更注册标准",
        "published": cn(2025, 8, 12, 10, 31, 54),  # visible 发布时间, more precise than meta's 10:31
        "source": None, "author": None, "issuer": None, "doc_number": None, "index_number": None,
        "written": None,
        "starts": "沟通交流事项：某原料药品种申请将注册标准中【检查】项下粒度分布检测仪器",
        "ends": "本次变更事项涉及变更注册标准中变更检验方法情形，建议按照重大变更提交补充申请。",
        "paragraphs": 3,
    },
    "shandong_detail.html": {
        "url": "http://mpa.shandong.gov.cn/col/col101798/art/2025/art_caa68dfab4bd418e8872089c3a680fde.html",
        "title": "“检”问百“答” | 药品检验问题解答",
        "published": cn(2025, 8, 20, 20, 0),  # the page's 发布日期, not meta PubDate 2025-09-10 10:29
        "source": "山东省药品监督管理局", "issuer": None, "doc_number": None, "index_number": None,
        "written": None,
        "starts": "一\n《药品注册检验工作程序和技术要求规范》（2025年修订版）（以下简称《规范》）对检品数量有什么新的要求？",
        "ends": "五\n前置服务检验是什么？\n山东省属于药品补充申请审评审批程序改革试点省份，"
                "辖区内药品上市许可持有人提出的补充申请经省药监局审批同意并抽样后，可在省食药检院进行前置服务检验。",
    },
    "anhui_detail.html": {
        "url": "https://mpa.ah.gov.cn/ztgz/yssypbgba/yp/123426111.html",
        "title": "药品上市后变更备案共性问题解答（五）",
        "published": cn(2026, 7, 2, 11, 27),
        # The Author meta (陈钰) is the CMS account that entered the item; the page names no author.
        "source": "安徽省药品监督管理局", "author": None, "issuer": None, "doc_number": None,
        "index_number": None, "written": None,
        "starts": "1.注射剂铝盖变规格或变厂家导致铝盖尺寸微小变化，可以按微小变更管理吗？\n答：铝盖对于保证注射剂的质量",
        "ends": "并对质量标准、药品说明书、标签的【贮藏】项作相应修订。变更类别应如何判定？\n"
                "答：该变更属于变更药品贮藏条件，属于重大变更的情形。",
    },
    "most_detail_1.html": {
        "url": "https://www.most.gov.cn/xxgk/xinxifenlei/fdzdgknr/fgzc/bmgz/202602/t20260211_195895.html",
        "title": "科学技术部令第24号 科学技术活动违规行为调查处理规定",
        "published_day": date(2026, 2, 11),
        "source": None, "issuer": "科技部", "doc_number": "科学技术部令第24号", "index_number": "30650-2026-001",
        "written": date(2026, 2, 6), "validity": "有效",
        "starts": "《科学技术活动违规行为调查处理规定》已经2026年1月28日科学技术部第1次部务会议审议通过，现予公布",
        "ends": "第五十三条 本规定自2026年3月20日起施行。《科学技术活动违规行为处理暂行规定》（科学技术部令第19号）同时废止。\n"
                "第五十四条 本规定由科学技术部负责解释。",
    },
    "most_detail_2.html": {
        "url": "https://www.most.gov.cn/xxgk/xinxifenlei/fdzdgknr/fgzc/flfg/202405/t20240531_191008.html",
        "title": "国家科学技术奖励条例（国务院令第782号第四次修订）",
        "published_day": date(2024, 5, 30),
        # ContentSource says 科学技术部 (the site's owner); the body closes with the reprint's origin.
        "source": "中国政府网", "issuer": "国务院", "doc_number": "国务院令第782号", "index_number": "306-14-2024-274",
        "written": date(2024, 5, 26), "validity": "有效",
        "starts": "中华人民共和国国务院令\n第782号\n《国务院关于修改〈国家科学技术奖励条例〉的决定》",
        "ends": "第三十八条 本条例自2020年12月1日起施行。\n（来源：中国政府网）",
    },
    "nmpa_article_ruishu.html": {
        "url": "https://www.nmpa.gov.cn/zwfw/sdxx/sdxxyp/yppjfb/20200911083851127.html",
        "title": "2020年09月11日药品批准证明文件待领取信息发布",
        "published_day": date(2020, 9, 11),
        "source": "国家药品监督管理局", "issuer": None, "doc_number": None, "index_number": None, "written": None,
        "starts": "序号 | 受理号 | 品名 | 申请单位 | 批准文号 | 签发日期\n1 | CXHS2000009国 | 甲苯磺酸尼拉帕利胶囊 |",
        "ends": "49 | JYSB2000306国 | 乌司奴单抗注射液（静脉输注） | Janssen-Cilag International NV Cilag AG "
                "西安杨森制药有限公司 | | 2020年9月2日",
        "paragraphs": 50,  # the header row and 49 rows
    },
}
SCALARS = ("title", "source", "author", "issuer", "doc_number", "index_number", "written", "validity")
# Page furniture that must never reach a body.
FURNITURE = ("浏览次数", "扫一扫", "打印本页", "关闭窗口", "【关闭", "分享到", "字体：", "qqqq", "_$", "function(")


@pytest.fixture(scope="module", params=sorted(PAGES))
def case(request: pytest.FixtureRequest) -> tuple[dict[str, Any], ExtractedFields]:
    expected = PAGES[request.param]
    return expected, extract_fields(realpage(request.param), expected["url"])


def test_metadata(case: tuple[dict[str, Any], ExtractedFields]) -> None:
    expected, fields = case
    for name in SCALARS:
        if name in expected:
            assert getattr(fields, name) == expected[name], name
    if "published" in expected:
        assert fields.published == expected["published"]
    else:
        assert fields.published is not None and fields.published.date() == expected["published_day"]
    assert fields.published.utcoffset().total_seconds() == 8 * 3600  # type: ignore[union-attr]


def test_body_once_and_clean(case: tuple[dict[str, Any], ExtractedFields]) -> None:
    expected, fields = case
    assert fields.body_text.startswith(expected["starts"])
    assert fields.body_text.endswith(expected["ends"])
    assert fields.body_text.count(expected["starts"]) == 1  # PC + mobile copies are not both taken
    if "paragraphs" in expected:
        assert len(fields.body_text.split("\n")) == expected["paragraphs"]
    for noise in FURNITURE:
        assert noise not in fields.body_text
    assert "<script" not in fields.body_html and fields.body_html.startswith("<div>")
    assert fields.attachments == []  # none of these pages has attachments (MANIFEST.md)


def test_shandong_date_disagreement_is_noted() -> None:
    fields = extract_fields(realpage("shandong_detail.html"), PAGES["shandong_detail.html"]["url"])
    assert any("2025-09-10" in note and "2025-08-20" in note for note in fields.notes)


@pytest.mark.parametrize("name", ["most_detail_1", "most_detail_2"])
def test_most_golden(name: str) -> None:
    golden_path = REALPAGES / f"{name}.golden.json"
    if not golden_path.exists():
        pytest.skip("../shared/realpages not present")
    golden = json.loads(golden_path.read_text(encoding="utf-8"))
    fields = extract_fields(realpage(f"{name}.html"), golden["url"])
    assert golden["title_contains"] in (fields.title or "")
    assert len(fields.body_text) >= golden["min_body_len"]
    required = golden["required_metadata"]
    assert fields.index_number == required["索引号"]
    assert fields.issuer == required["发文机构"]
    assert fields.published is not None and fields.published.date() == parse_date(required["发布日期"])
    assert fields.doc_number == required["发文字号"]
