"""Reposts are clustered: same 文号 on another source, or near-identical text; unrelated items are not."""

from __future__ import annotations

from datetime import datetime, timezone

from sqlalchemy import select

from crawler.util.simhash import distance, simhash
from db.engine import make_engine, make_session_factory
from db.migrate import upgrade
from db.models import Item, Source
from db.store_item import store_item
from pipelines.change import content_hash, diff, snapshot

NOW = datetime(2026, 11, 20, 2, 0, tzinfo=timezone.utc)
BODY = (
    "为贯彻落实《浙江省促进生物医药产业高质量发展行动方案》，加快细胞治疗、基因治疗等前沿领域创新发展，"
    "省科技厅会同省药监局研究制定了本措施。一、支持企业开展干细胞和免疫细胞治疗产品临床试验，对进入二期、"
    "三期临床试验的项目分别给予最高1000万元、2000万元补助。二、建设省级细胞治疗公共技术服务平台，提供质量检测、"
    "工艺开发和临床转化服务。三、优化医疗器械和药品审评审批服务，对第三类医疗器械创新产品实行优先审评。"
    "四、加大人才引进和培养力度，对顶尖团队给予最高4-5亿元综合支持。五、本措施自发布之日起施行，有效期五年。"
)
OTHER = (
    "为做好2027年度省重点研发计划项目组织工作，现将有关事项通知如下。一、申报范围为人工智能、集成电路、"
    "高端装备、新材料等领域。二、申报单位应为在浙江省内注册的具有独立法人资格的企业、高校和科研院所。"
    "三、项目实施期一般为三年，财政资助经费原则上不超过500万元。四、申报材料通过浙江省科技管理信息系统提交，"
    "截止时间为2027年1月15日。五、联系人及电话见附件。请各单位认真组织，确保申报质量，按时完成申报工作。"
)


def _store(sessions, source: str, url: str, body: str, doc_number: str | None = None) -> Item:
    record = {"title": url, "body_text": body, "doc_number": doc_number, "attachments": []}
    snap = snapshot(record)
    columns = {"title": url, "body_text": body, "doc_number": doc_number, "attachments": [], "topics": [], "extra": {}}
    with sessions.begin() as s:
        store_item(s, source, url, columns, snap, content_hash(snap), NOW, diff, fingerprint=lambda: simhash(body))
    with sessions() as s:
        return s.scalar(select(Item).where(Item.url == url))


def test_simhash_distances() -> None:
    repost = BODY + "（责任编辑：王某）"
    assert distance(simhash(BODY), simhash(repost)) <= 3
    assert distance(simhash(BODY), simhash(OTHER)) > 10
    assert simhash("关于召开会议的通知") is None  # too short to fingerprint


def test_reposts_share_a_cluster(database_url: str) -> None:
    upgrade(database_url)
    engine = make_engine(database_url)
    sessions = make_session_factory(engine)
    with sessions.begin() as s:
        for sid in ("zj-kjt-policy", "zj-mpa-notices", "js-kjt-notices"):
            s.add(Source(id=sid, name=sid))
    original = _store(sessions, "zj-kjt-policy", "https://kjt.zj.gov.cn/art/1.html", BODY, "浙科发〔2026〕12号")
    by_text = _store(sessions, "zj-mpa-notices", "https://mpa.zj.gov.cn/art/2.html", "（转载）" + BODY)
    by_number = _store(sessions, "js-kjt-notices", "https://kxjst.jiangsu.gov.cn/art/3.html", "全文见附件。", "浙科发〔2026〕12号")
    unrelated = _store(sessions, "js-kjt-notices", "https://kxjst.jiangsu.gov.cn/art/4.html", OTHER)
    assert original.cluster_id is None  # alone when it was stored; the first repost made it the cluster's head
    with sessions() as s:
        assert s.get(Item, original.id).cluster_id == original.id
    assert by_text.cluster_id == original.id
    assert by_number.cluster_id == original.id
    assert unrelated.cluster_id is None  # alone: in no cluster until a repost of it arrives
    engine.dispose()
