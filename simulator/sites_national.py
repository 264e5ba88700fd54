"""The ministries' simulated sites (TRS WCM): www.most.gov.cn (科技部) and www.nmpa.gov.cn (国家药监局)."""

from __future__ import annotations

from simulator.site_model import TRS, Host, SiteColumn

MOST_POLICY_DIR = "/xxgk/xinxifenlei/fdzdgknr/fgzc/gfxwj/"

HOSTS: dict[str, Host] = {
    "www.most.gov.cn": Host(
        host="www.most.gov.cn", webname="中华人民共和国科学技术部", site_id_code="bm06000001", layout="most",
        id_base=180_000, attachment_style="trs", robots=False,
        nav=(("首页", "/index.html"), ("通知通告", "/tztg/"), ("政府信息公开", "/xxgk/"),
             ("规范性文件", MOST_POLICY_DIR), ("科技部工作", "/kjbgz/")),
        footer=("主办单位：中华人民共和国科学技术部", "地址：北京市海淀区复兴路乙15号　邮编：100862", "京ICP备05022684号"),
    ),
    "www.nmpa.gov.cn": Host(
        host="www.nmpa.gov.cn", webname="国家药品监督管理局", site_id_code="bm35000001", layout="nmpa",
        id_base=0, attachment_style="nmpa",
        nav=(("首页", "/index.html"), ("机构概况", "/jggk/"), ("新闻", "/xwzx/"), ("信息公开", "/xxgk/"),
             ("公告通告", "/xxgk/ggtg/"), ("法规文件", "/xxgk/fgwj/"), ("政务服务", "/zwfw/")),
        footer=("国家药品监督管理局 版权所有", "地址：北京市西城区展览路北露园1号　邮编：100037", "京ICP备13027807号"),
    ),
}

SOURCES: dict[str, SiteColumn] = {
    "cn-most-notices": SiteColumn(
        id="cn-most-notices", host="www.most.gov.cn", family=TRS, column_id=13461, column_name="通知通告",
        agency="most", kinds=(("notice", 75), ("draft", 15), ("policy", 10)),
        origins=("科技部", "科技部办公厅", "重大专项司", "高新技术司", "社会发展科技司"),
        doc_prefixes=("国科发区", "国科发资", "国科发政"), letter_prefix="国科办函", doc_placements=(("table", 100),),
        history=150, list_path="/tztg/index.html", path_template="/tztg/{ym}/t{ymd}_{id}.html",
        record_style="info_list2",
    ),
    "cn-most-policy": SiteColumn(
        id="cn-most-policy", host="www.most.gov.cn", family=TRS, column_id=13472, column_name="规范性文件",
        agency="most", kinds=(("policy", 100),), origins=("科技部", "科技部办公厅", "政策法规与创新体系建设司"),
        doc_prefixes=("国科发区", "国科发资", "国科发政", "国科办发", "国科发监"), letter_prefix="国科办函",
        doc_placements=(("table", 100),), history=118, list_path=f"{MOST_POLICY_DIR}index.html",
        record_style="list_common",
        path_template=MOST_POLICY_DIR + "gfxwj{y}/{ym}/t{ymd}_{id}.html",
    ),
    "cn-nmpa-announcements": SiteColumn(
        id="cn-nmpa-announcements", host="www.nmpa.gov.cn", family=TRS, column_id=14, column_name="公告通告",
        agency="nmpa", kinds=(("notice", 55), ("policy", 25), ("draft", 10), ("inspection", 10)),
        origins=("国家药品监督管理局", "药品注册管理司", "医疗器械注册管理司", "综合和规划财务司"),
        doc_prefixes=("国药监药注", "国药监械注", "国药监综"), letter_prefix="药监综函",
        doc_placements=(("table", 100),), history=144, list_path="/xxgk/ggtg/index.html",
        path_template="/xxgk/ggtg/{sub}/{id}.html", extras=(("pdf", 6), ("weixin", 6)),
    ),
}
