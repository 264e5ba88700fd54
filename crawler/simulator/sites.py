"""The simulated hosts and sources as plain data: a dict registry keyed by host and by source id."""

from __future__ import annotations

from dataclasses import dataclass

# Families with a renderer module in this package; a new family is a new module plus entries below.
HANWEB_CLASSIC = "hanweb-classic"


@dataclass(frozen=True)
class Host:
    """One simulated website (one real host name) and the page furniture shared by its columns."""

    host: str
    webid: int
    webname: str
    site_id_code: str
    proxy_path: str
    layout: str  # "kjt" or "mpa": which article page variant the host uses
    nav: tuple[tuple[str, str], ...]
    friend_links: tuple[tuple[str, str], ...]
    footer: tuple[str, ...]
    scheme: str = "https"

    @property
    def base_url(self) -> str:
        return f"{self.scheme}://{self.host}"


@dataclass(frozen=True)
class Source:
    """One watched column: where it lives, how its list is marked up, and what it publishes."""

    id: str
    host: str
    family: str
    column_id: int
    column_name: str
    unit_id: str
    source_content_type: int
    record_style: str  # "li-span", "li-i" or "tr-table"
    agency: str  # "science" or "drug": which vocabulary the generator uses
    kinds: tuple[tuple[str, int], ...]  # (kind, weight) of the article mix
    origins: tuple[str, ...]  # values of 信息来源, first one most common
    doc_prefixes: tuple[str, ...] = ()  # 文号 prefixes for policy documents, e.g. 浙科发
    letter_prefix: str = "浙办函"  # 文号 prefix of the occasional numbered notice
    doc_placements: tuple[tuple[str, int], ...] = (("line", 50), ("body", 50))  # where the 文号 shows
    history: int = 150  # articles in the initial corpus
    mobile_unit_id: str | None = None  # a second (mobile <li>) unit of the same column
    escaped_proxy: bool = False  # data-proxy answers carry the record block entity-escaped

    @property
    def column_path(self) -> str:
        return f"/col/col{self.column_id}/index.html"


_ZJ_FRIENDS = (
    ("中国政府网", "https://www.gov.cn/"),
    ("浙江省人民政府", "https://www.zj.gov.cn/"),
    ("浙江政务服务网", "https://www.zjzwfw.gov.cn/"),
)

HOSTS: dict[str, Host] = {
    "kjt.zj.gov.cn": Host(
        host="kjt.zj.gov.cn",
        webid=3387,
        webname="浙江省科学技术厅",
        site_id_code="3300000063",
        proxy_path="/module/jpage/dataproxy.jsp",
        layout="kjt",
        nav=(
            ("首页", "/index.html"), ("通知公告", "/col/col1228971341/index.html"),
            ("政策文件", "/col/col1229080140/index.html"), ("工作动态", "/col/col1228971342/index.html"),
            ("科技计划", "/col/col1228971355/index.html"), ("政务公开", "/col/col1229080121/index.html"),
            ("互动交流", "/col/col1228971360/index.html"),
        ),
        friend_links=_ZJ_FRIENDS + (
            ("中华人民共和国科学技术部", "https://www.most.gov.cn/"), ("浙江科技大市场", "https://www.zjtt.cn/"),
        ),
        footer=("主办：浙江省科学技术厅", "地址：杭州市环城西路33号　邮编：310006", "浙ICP备05000981号-1"),
    ),
    "mpa.zj.gov.cn": Host(
        host="mpa.zj.gov.cn",
        webid=3396,
        webname="浙江省药品监督管理局",
        site_id_code="3300000151",
        proxy_path="/module/jpage/dataproxy.jsp",
        layout="mpa",
        nav=(
            ("首页", "/index.html"), ("通知公告", "/col/col1228972437/index.html"),
            ("政策法规", "/col/col1228972430/index.html"), ("飞行检查", "/col/col1228972439/index.html"),
            ("监管动态", "/col/col1228972441/index.html"), ("产品召回", "/col/col1228972445/index.html"),
            ("公众互动", "/col/col1228972450/index.html"),
        ),
        friend_links=_ZJ_FRIENDS + (
            ("国家药品监督管理局", "https://www.nmpa.gov.cn/"), ("国家药品监督管理局药品审评中心", "https://www.cde.org.cn/"),
        ),
        footer=("主办：浙江省药品监督管理局", "地址：杭州市莫干山路77号　邮编：310005", "浙ICP备19040157号-1"),
    ),
}

SOURCES: dict[str, Source] = {
    "zj-kjt-notices": Source(
        id="zj-kjt-notices", host="kjt.zj.gov.cn", family=HANWEB_CLASSIC, column_id=1228971341,
        column_name="通知公告", unit_id="5339897", source_content_type=1, record_style="li-span",
        agency="science", kinds=(("notice", 55), ("draft", 15), ("news", 30)),
        origins=("浙江省科学技术厅", "厅办公室", "政策法规处", "社会发展科技处", "高新技术处", "资源配置与管理处"),
        letter_prefix="浙科办函", doc_placements=(("body", 60), ("line", 40)), history=168,
    ),
    "zj-kjt-policy": Source(
        id="zj-kjt-policy", host="kjt.zj.gov.cn", family=HANWEB_CLASSIC, column_id=1229080140,
        column_name="政策文件", unit_id="5339897", source_content_type=1, record_style="tr-table",
        agency="science", kinds=(("policy", 100),), origins=("浙江省科学技术厅", "政策法规处", "厅办公室"),
        doc_prefixes=("浙科发", "浙科发规", "浙科办"), doc_placements=(("table", 65), ("body", 35)),
        history=142, mobile_unit_id="5339902",
    ),
    "zj-mpa-notices": Source(
        id="zj-mpa-notices", host="mpa.zj.gov.cn", family=HANWEB_CLASSIC, column_id=1228972437,
        column_name="通知公告", unit_id="7543749", source_content_type=1, record_style="li-i",
        agency="drug", kinds=(("notice", 45), ("draft", 15), ("policy", 20), ("news", 20)),
        origins=("浙江省药品监督管理局", "药品注册管理处", "医疗器械注册管理处", "化妆品监督管理处", "综合处"),
        doc_prefixes=("浙药监", "浙药监规", "浙药监械"), letter_prefix="浙药监函", history=156,
    ),
    "zj-mpa-inspections": Source(
        id="zj-mpa-inspections", host="mpa.zj.gov.cn", family=HANWEB_CLASSIC, column_id=1228972439,
        column_name="飞行检查", unit_id="7543749", source_content_type=3, record_style="li-span",
        agency="drug", kinds=(("inspection", 100),),
        origins=("浙江省药品监督管理局", "药品生产监督管理处", "医疗器械监督管理处", "稽查局"),
        history=134, escaped_proxy=True,
    ),
}


def sources_on_host(host: str) -> list[Source]:
    return [s for s in SOURCES.values() if s.host == host]


def source_for_column(host: str, column_id: int) -> Source | None:
    for source in sources_on_host(host):
        if source.column_id == column_id:
            return source
    return None
