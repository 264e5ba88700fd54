"""The other provinces' simulated sites: Jiangsu (Hanweb), Shandong (jpaas), Guangdong, Anhui and Beijing."""

from __future__ import annotations

from simulator.site_model import (
    GD_STATIC,
    GKMLPT,
    HANWEB_CLASSIC,
    HANWEB_JPAAS,
    JPAAS_ARTICLE,
    JSARRAY,
    LONSUN,
    Host,
    JpaasIds,
    SiteColumn,
)

_BODY = (("body", 100),)
# Shandong's jpaas ids: webId s1412 and tplSetId uDM5IX1D0wqgdLmhxIOpg as the real unit answer of column
# 101798 states them (realpages/shandong_api.json queryData), pageId "s1" + the column id as there.
SD_JPAAS_TPL = "uDM5IX1D0wqgdLmhxIOpg"

HOSTS: dict[str, Host] = {
    "da.jiangsu.gov.cn": Host(
        host="da.jiangsu.gov.cn", webid=18, webname="江苏省药品监督管理局", site_id_code="3200000004",
        proxy_path="/module/web/jpage/dataproxy.jsp", layout="jiangsu", scheme="http", id_base=11_300_000,
        nav=(("首页", "/index.html"), ("信息公开", "/col/col84605/index.html"),
             ("通知公告", "/col/col84586/index.html"), ("政策法规", "/col/col84618/index.html"),
             ("交流互动", "/col/col84641/index.html")),
        footer=("本站由江苏省药品监督管理局主办　版权所有未经许可禁止转载或者建立镜像",
                "邮编：210008　电话：025-83273610　地址：南京市鼓楼街5号", "苏ICP备09039606号"),
    ),
    "kxjst.jiangsu.gov.cn": Host(
        host="kxjst.jiangsu.gov.cn", webid=6, webname="江苏省科学技术厅", site_id_code="3200000011",
        proxy_path="/module/web/jpage/dataproxy.jsp", layout="jiangsu", scheme="http", id_base=4_100_000,
        nav=(("首页", "/index.html"), ("政务公开", "/col/col82540/index.html"),
             ("通知公告", "/col/col82571/index.html"), ("科技计划", "/col/col82580/index.html"),
             ("互动交流", "/col/col82600/index.html")),
        footer=("主办单位：江苏省科学技术厅", "地址：南京市北京东路39号　邮编：210008", "苏ICP备05004858号"),
    ),
    "mpa.shandong.gov.cn": Host(
        host="mpa.shandong.gov.cn", webid=1412, webname="山东省药品监督管理局", site_id_code="3700000015",
        layout="jpaas", scheme="http", id_base=3_700_000,
        footer=("主办单位：山东省药品监督管理局", "地址：济南市历下区龙奥北路8号", "鲁ICP备19003540号"),
    ),
    "gdstc.gd.gov.cn": Host(
        host="gdstc.gd.gov.cn", webname="广东省科学技术厅", site_id_code="4400000120", layout="gd",
        id_base=4_200_000, attachment_style="gd",
        nav=(("首页", "/index.html"), ("政务公开", "/zwgk_n/index.html"), ("通知公告", "/zwgk_n/tzgg/index.html"),
             ("科技业务", "/kjyw/index.html"), ("互动交流", "/hdjl/index.html")),
        footer=("主办：广东省科学技术厅", "地址：广州市越秀区连新路171号", "粤ICP备05070829号"),
    ),
    "mpa.gd.gov.cn": Host(
        host="mpa.gd.gov.cn", webid=755, webname="广东省药品监督管理局", site_id_code="4400000164", layout="gkmlpt",
        id_base=4_500_000, attachment_style="gd",
        footer=("主办：广东省药品监督管理局", "地址：广州市越秀区东风东路753号", "粤ICP备19030786号"),
    ),
    "mpa.ah.gov.cn": Host(
        host="mpa.ah.gov.cn", webid=10914581, webname="安徽省药品监督管理局", site_id_code="3400000073",
        layout="lonsun", id_base=123_000_000, attachment_style="lonsun",
        nav=(("首 页", "/index.html"), ("政务工作", "/zwgz/index.html"),
             ("政府信息公开", "/public/column/4140867?type=2"), ("互动交流", "/hdjl/index.html"),
             ("数据查询", "/sjcx/sjcx/index.html")),
        footer=("主办单位：安徽省药品监督管理局", "地址：中国·安徽省合肥市马鞍山路509号省政务大厦B区12-14F", "皖ICP备18026539号-1"),
    ),
    "kw.beijing.gov.cn": Host(
        host="kw.beijing.gov.cn", webid=2, webname="北京市科学技术委员会、中关村科技园区管理委员会",
        site_id_code="1100000071", layout="jsarray", id_base=600_000,
        nav=(("首页", "/index.html"), ("通知公告", "/col/col2384/index.html"), ("政策文件", "/col/col2380/index.html"),
             ("工作动态", "/col/col736/index.html")),
        footer=("主办：北京市科学技术委员会、中关村科技园区管理委员会", "地址：北京市西城区西直门南大街16号", "京ICP备05083305号"),
    ),
}

SOURCES: dict[str, SiteColumn] = {
    "js-mpa-notices": SiteColumn(
        id="js-mpa-notices", host="da.jiangsu.gov.cn", family=HANWEB_CLASSIC, column_id=84586,
        column_name="通知公告",
        unit_id="418201", mobile_unit_id="418207", record_style="tr-plain", agency="js-mpa",
        kinds=(("notice", 55), ("draft", 15), ("policy", 15), ("inspection", 15)),
        origins=("江苏省药品监督管理局", "药品注册管理处", "药品生产监管处", "医疗器械监管处", "化妆品监管处"),
        doc_prefixes=("苏药监药注", "苏药监规", "苏药监械管"), letter_prefix="苏药监函", doc_placements=_BODY,
        history=146,
    ),
    "js-kjt-notices": SiteColumn(
        id="js-kjt-notices", host="kxjst.jiangsu.gov.cn", family=HANWEB_CLASSIC, column_id=82571,
        column_name="通知公告", unit_id="389012", mobile_unit_id="389018", record_style="tr-table",
        agency="js-kjt",
        kinds=(("notice", 70), ("draft", 15), ("policy", 15)),
        origins=("江苏省科学技术厅", "厅办公室", "政策法规处", "社会发展处", "高新技术处"),
        doc_prefixes=("苏科技规", "苏科计", "苏科高"), letter_prefix="苏科办函", doc_placements=_BODY, history=152,
    ),
    "sd-mpa-notices": SiteColumn(
        id="sd-mpa-notices", host="mpa.shandong.gov.cn", family=HANWEB_JPAAS, column_id=101785,
        column_name="通知公告", agency="sd-mpa",
        kinds=(("notice", 50), ("policy", 20), ("draft", 15), ("inspection", 15)),
        origins=("山东省药品监督管理局", "药品注册处", "药品生产监管处", "医疗器械监管处"),
        doc_prefixes=("鲁药监规", "鲁药监发"), letter_prefix="鲁药监函", doc_placements=_BODY, history=138,
        path_template=JPAAS_ARTICLE, jpaas=JpaasIds("s1412", "s1101785", SD_JPAAS_TPL),
        extras=(("weixin", 9), ("iqilu", 3)),
    ),
    "gd-kjt-notices": SiteColumn(
        id="gd-kjt-notices", host="gdstc.gd.gov.cn", family=GD_STATIC, column_id=2874, column_name="通知公告",
        agency="gd-kjt", kinds=(("notice", 70), ("draft", 15), ("news", 15)),
        origins=("广东省科学技术厅", "厅办公室", "政策法规处", "高新技术处", "社会发展科技处"),
        doc_prefixes=("粤科规范字", "粤科资字"), letter_prefix="粤科函", doc_placements=_BODY, history=140,
        list_path="/zwgk_n/tzgg/index.html", path_template="/zwgk_n/tzgg/content/post_{id}.html",
    ),
    "gd-mpa-gkmlpt": SiteColumn(
        id="gd-mpa-gkmlpt", host="mpa.gd.gov.cn", family=GKMLPT, column_id=2849, column_name="政府信息公开目录",
        agency="gd-mpa", kinds=(("policy", 45), ("notice", 40), ("draft", 15)),
        origins=("广东省药品监督管理局", "药品注册处", "药品生产监管处", "医疗器械监管处"),
        doc_prefixes=("粤药监规", "粤药监局许", "粤药监办"), letter_prefix="粤药监函", doc_placements=(("table", 100),),
        history=150, list_path="/gkmlpt/api/all/2849?page=1&sid=755",
        path_template="/gkmlpt/content/{id_m}/{id_k}/post_{id}.html",
    ),
    "ah-mpa-notices": SiteColumn(
        id="ah-mpa-notices", host="mpa.ah.gov.cn", family=LONSUN, column_id=6785921, column_name="通知公告",
        agency="ah-mpa", kinds=(("notice", 60), ("draft", 15), ("policy", 10), ("inspection", 15)),
        origins=("安徽省药品监督管理局", "药品注册处", "药品生产监管处", "医疗器械监管处"),
        doc_prefixes=("皖药监药管", "皖药监规"), letter_prefix="皖药监函", doc_placements=_BODY, history=120,
        list_path="/xwzx/tzgg/index.html", path_template="/xwzx/tzgg/{id}.html", per_page=15,
        extras=(("chp", 12),), pinned=2,
    ),
    "bj-kw-notices": SiteColumn(
        id="bj-kw-notices", host="kw.beijing.gov.cn", family=JSARRAY, column_id=2384, column_name="通知公告",
        agency="bj-kw", kinds=(("notice", 70), ("draft", 15), ("policy", 15)),
        origins=("北京市科学技术委员会、中关村科技园区管理委员会", "办公室", "政策法规处", "基础研究处"),
        doc_prefixes=("京科发", "京科规"), letter_prefix="京科函", doc_placements=_BODY, history=146,
    ),
}
