"""Who writes the simulated articles: one profile per agency (names, region words, places, contacts)."""

from __future__ import annotations

from dataclasses import dataclass

from simulator import vocabulary as v


@dataclass(frozen=True)
class Agency:
    """What the writers need to sound like one agency: a provincial department or a ministry."""

    kind: str  # "science" or "drug": which topics, programmes and divisions
    org: str  # 浙江省科学技术厅
    short: str  # 省科技厅
    we: str  # 我厅
    region: str  # 浙江省 (prefix of regional policy names); "" for a ministry
    local: str  # 本省 / 本市 / 全国
    area: str  # where a regulation applies
    treasury: str  # who pays: 省财政 / 中央财政
    subunits: str  # who implements below it
    cities: tuple[str, ...]
    address: str
    postcode: str
    email_domain: str
    phone_area: str
    addressees: tuple[str, ...]
    programs: tuple[str, ...] = v.DRUG_PROGRAMS
    divisions: tuple[str, ...] = ()

    @property
    def we_region(self) -> str:
        """我省 / 我市 / 我国, as news items say it."""
        return {"本省": "我省", "本市": "我市"}.get(self.local, "我国")

    @property
    def division_names(self) -> tuple[str, ...]:
        return self.divisions or (v.SCIENCE_DIVISIONS if self.kind == "science" else v.DRUG_DIVISIONS)


def _province(kind: str, org: str, short: str, region: str, cities: tuple[str, ...], address: str,
              postcode: str, domain: str, area_code: str, programs: tuple[str, ...] = v.DRUG_PROGRAMS,
              ) -> Agency:
    science = kind == "science"
    return Agency(
        kind=kind, org=org, short=short, we="我厅" if science else "我局", region=region, local="本省",
        area="本省行政区域内", treasury="省财政", subunits="各设区市有关部门", cities=cities, address=address,
        postcode=postcode, email_domain=domain, phone_area=area_code,
        addressees=v.SCIENCE_ADDRESSEES if science else v.DRUG_ADDRESSEES, programs=programs,
    )


AGENCIES: dict[str, Agency] = {
    "zj-kjt": _province("science", "浙江省科学技术厅", "省科技厅", "浙江省", v.ZJ_CITIES, "杭州市环城西路33号",
                        "310006", "kjt.zj.gov.cn", "0571", v.ZJ_SCIENCE_PROGRAMS),
    "zj-mpa": _province("drug", "浙江省药品监督管理局", "省药监局", "浙江省", v.ZJ_CITIES, "杭州市莫干山路77号",
                        "310005", "mpa.zj.gov.cn", "0571"),
    "js-kjt": _province("science", "江苏省科学技术厅", "省科技厅", "江苏省", v.JS_CITIES, "南京市北京东路39号",
                        "210008", "jskjt.gov.cn", "025", v.JS_SCIENCE_PROGRAMS),
    "js-mpa": _province("drug", "江苏省药品监督管理局", "省药监局", "江苏省", v.JS_CITIES, "南京市鼓楼街5号",
                        "210008", "da.jiangsu.gov.cn", "025"),
    "sd-mpa": _province("drug", "山东省药品监督管理局", "省药监局", "山东省", v.SD_CITIES, "济南市历下区龙奥北路8号",
                        "250101", "mpa.shandong.gov.cn", "0531"),
    "gd-kjt": _province("science", "广东省科学技术厅", "省科技厅", "广东省", v.GD_CITIES, "广州市越秀区连新路171号",
                        "510033", "gdstc.gd.gov.cn", "020", v.GD_SCIENCE_PROGRAMS),
    "gd-mpa": _province("drug", "广东省药品监督管理局", "省药监局", "广东省", v.GD_CITIES, "广州市越秀区东风东路753号",
                        "510080", "mpa.gd.gov.cn", "020"),
    "ah-mpa": _province("drug", "安徽省药品监督管理局", "省药监局", "安徽省", v.AH_CITIES,
                        "合肥市马鞍山路509号省政务大厦B区", "230051", "mpa.ah.gov.cn", "0551"),
    "bj-kw": Agency(
        kind="science", org="北京市科学技术委员会、中关村科技园区管理委员会", short="市科委、中关村管委会", we="我委",
        region="北京市", local="本市", area="本市行政区域内", treasury="市财政", subunits="各区科技主管部门",
        cities=v.BJ_DISTRICTS, address="北京市西城区西直门南大街16号", postcode="100035",
        email_domain="kw.beijing.gov.cn", phone_area="010",
        addressees=("各区科委、科信局，各有关单位：", "各有关高校、科研院所、企业：", "各有关单位："),
        programs=v.BJ_SCIENCE_PROGRAMS,
    ),
    "most": Agency(
        kind="science", org="科学技术部", short="科技部", we="我部", region="", local="全国", area="全国范围内",
        treasury="中央财政", subunits="各省级科技主管部门", cities=v.CN_CITIES, address="北京市海淀区复兴路乙15号",
        postcode="100862", email_domain="most.cn", phone_area="010", addressees=v.MOST_ADDRESSEES,
        programs=v.MOST_PROGRAMS, divisions=v.MOST_DIVISIONS,
    ),
    "nmpa": Agency(
        kind="drug", org="国家药品监督管理局", short="国家药监局", we="我局", region="", local="全国", area="全国范围内",
        treasury="中央财政", subunits="各省级药品监督管理部门", cities=v.CN_CITIES,
        address="北京市西城区展览路北露园1号", postcode="100037", email_domain="nmpa.gov.cn", phone_area="010",
        addressees=v.NMPA_ADDRESSEES, divisions=v.NMPA_DIVISIONS,
    ),
}
