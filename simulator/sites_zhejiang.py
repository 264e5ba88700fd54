"""Zhejiang's two simulated sites (kjt.zj, mpa.zj): Hanweb classic columns, jpaas columns and an RSS feed."""

from __future__ import annotations

from simulator.site_model import (
    FEED,
    HANWEB_CLASSIC,
    HANWEB_JPAAS,
    JPAAS_ARTICLE,
    Host,
    JpaasIds,
    SiteColumn,
)

_ZJ_FRIENDS = (
    ("中国政府网", "https://www.gov.cn/"),
    ("浙江省人民政府", "https://www.zj.gov.cn/"),
    ("浙江政务服务网", "https://www.zjzwfw.gov.cn/"),
)
# Simulated template-set ids: no page of the Zhejiang cloud is saved. The catalog names none; the spider reads
# whatever the shell's queryData states, as it does on the real sites.
KJT_TPL = "5c7d6ad0b4e94c0f9a1e2b1d3a7c8e01"
MPA_TPL = "8f1e0c2d9a4b4c6e8d7f6a5b4c3d2e10"

HOSTS: dict[str, Host] = {
    "kjt.zj.gov.cn": Host(
        host="kjt.zj.gov.cn", webid=3387, webname="浙江省科学技术厅", site_id_code="3300000063",
        proxy_path="/module/jpage/dataproxy.jsp", layout="kjt",
        nav=(
            ("首页", "/index.html"), ("通知公告", "/col/col1228971341/index.html"),
            ("政策文件", "/col/col1229080140/index.html"), ("工作动态", "/col/col1228971342/index.html"),
            ("征求意见", "/col/col1229225203/index.html"), ("科技计划", "/col/col1228971355/index.html"),
            ("政务公开", "/col/col1229080121/index.html"), ("互动交流", "/col/col1228971360/index.html"),
        ),
        friend_links=_ZJ_FRIENDS + (
            ("中华人民共和国科学技术部", "https://www.most.gov.cn/"), ("浙江科技大市场", "https://www.zjtt.cn/"),
        ),
        footer=("主办：浙江省科学技术厅", "地址：杭州市环城西路33号　邮编：310006", "浙ICP备05000981号-1"),
    ),
    "mpa.zj.gov.cn": Host(
        host="mpa.zj.gov.cn", webid=3396, webname="浙江省药品监督管理局", site_id_code="3300000151",
        proxy_path="/module/jpage/dataproxy.jsp", layout="mpa",
        nav=(
            ("首页", "/index.html"), ("通知公告", "/col/col1228972437/index.html"),
            ("政策法规", "/col/col1228972430/index.html"), ("飞行检查", "/col/col1228972439/index.html"),
            ("公告通告", "/col/col1229011587/index.html"), ("监管动态", "/col/col1228972441/index.html"),
            ("产品召回", "/col/col1228972445/index.html"), ("公众互动", "/col/col1228972450/index.html"),
        ),
        friend_links=_ZJ_FRIENDS + (
            ("国家药品监督管理局", "https://www.nmpa.gov.cn/"), ("国家药品监督管理局药品审评中心", "https://www.cde.org.cn/"),
        ),
        footer=("主办：浙江省药品监督管理局", "地址：杭州市莫干山路77号　邮编：310005", "浙ICP备19040157号-1"),
    ),
}

_KJT_ORIGINS = ("浙江省科学技术厅", "厅办公室", "政策法规处", "社会发展科技处", "高新技术处", "资源配置与管理处")
_MPA_ORIGINS = ("浙江省药品监督管理局", "药品注册管理处", "医疗器械注册管理处", "化妆品监督管理处", "综合处")

SOURCES: dict[str, SiteColumn] = {
    "zj-kjt-notices": SiteColumn(
        id="zj-kjt-notices", host="kjt.zj.gov.cn", family=HANWEB_CLASSIC, column_id=1228971341,
        column_name="通知公告", unit_id="5339897", source_content_type=1, record_style="li-span",
        agency="zj-kjt", kinds=(("notice", 55), ("draft", 15), ("news", 30)), origins=_KJT_ORIGINS,
        letter_prefix="浙科办函", doc_placements=(("body", 60), ("line", 40)), history=168,
        jpaas=JpaasIds("3387", "1228971341", KJT_TPL),
    ),
    "zj-kjt-policy": SiteColumn(
        id="zj-kjt-policy", host="kjt.zj.gov.cn", family=HANWEB_CLASSIC, column_id=1229080140,
        column_name="政策文件", unit_id="5339897", source_content_type=1, record_style="tr-table",
        agency="zj-kjt", kinds=(("policy", 100),), origins=("浙江省科学技术厅", "政策法规处", "厅办公室"),
        doc_prefixes=("浙科发", "浙科发规", "浙科办"), doc_placements=(("table", 65), ("body", 35)),
        history=142, mobile_unit_id="5339902", jpaas=JpaasIds("3387", "1229080140", KJT_TPL),
    ),
    "zj-kjt-drafts": SiteColumn(
        id="zj-kjt-drafts", host="kjt.zj.gov.cn", family=HANWEB_JPAAS, column_id=1229225203,
        column_name="征求意见", agency="zj-kjt", kinds=(("draft", 100),), origins=_KJT_ORIGINS[:4],
        history=124, path_template=JPAAS_ARTICLE, jpaas=JpaasIds("3387", "1229225203", KJT_TPL),
    ),
    "zj-kjt-worknews-feed": SiteColumn(
        id="zj-kjt-worknews-feed", host="kjt.zj.gov.cn", family=FEED, column_id=1228971342,
        column_name="工作动态", unit_id="5339897", agency="zj-kjt", kinds=(("news", 100),),
        origins=("浙江省科学技术厅", "厅办公室", "杭州市科技局", "宁波市科技局", "温州市科技局"), history=136,
        list_path="/module/rss/rssfeed.jsp?colid=1228971342",
    ),
    "zj-mpa-notices": SiteColumn(
        id="zj-mpa-notices", host="mpa.zj.gov.cn", family=HANWEB_CLASSIC, column_id=1228972437,
        column_name="通知公告", unit_id="7543749", source_content_type=1, record_style="li-i",
        agency="zj-mpa", kinds=(("notice", 45), ("draft", 15), ("policy", 20), ("news", 20)),
        origins=_MPA_ORIGINS, doc_prefixes=("浙药监", "浙药监规", "浙药监械"), letter_prefix="浙药监函",
        history=156, jpaas=JpaasIds("3396", "1228972437", MPA_TPL),
    ),
    "zj-mpa-inspections": SiteColumn(
        id="zj-mpa-inspections", host="mpa.zj.gov.cn", family=HANWEB_CLASSIC, column_id=1228972439,
        column_name="飞行检查", unit_id="7543749", source_content_type=3, record_style="li-span",
        agency="zj-mpa", kinds=(("inspection", 100),),
        origins=("浙江省药品监督管理局", "药品生产监督管理处", "医疗器械监督管理处", "稽查局"),
        history=134, escaped_proxy=True, jpaas=JpaasIds("3396", "1228972439", MPA_TPL),
    ),
    "zj-mpa-announcements": SiteColumn(
        id="zj-mpa-announcements", host="mpa.zj.gov.cn", family=HANWEB_JPAAS, column_id=1229011587,
        column_name="公告通告", agency="zj-mpa", kinds=(("notice", 60), ("policy", 25), ("draft", 15)),
        origins=_MPA_ORIGINS, doc_prefixes=("浙药监", "浙药监规"), letter_prefix="浙药监函",
        doc_placements=(("body", 100),), history=128, path_template=JPAAS_ARTICLE,
        jpaas=JpaasIds("3396", "1229011587", MPA_TPL),
    ),
}
