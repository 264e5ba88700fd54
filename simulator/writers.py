"""One writer per article kind: notices, policy documents, drafts for comment, work news, inspections."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import timedelta

from simulator import vocabulary as v
from simulator.content import Paragraph as P
from simulator.pen import Draft, Pen, cn_date

NUMERALS = "一二三四五六七八九十"
GOALS = {
    "science": ("组织实施一批重大科技项目", "培育一批高水平创新主体", "突破一批关键核心技术", "转化一批重大科技成果"),
    "drug": ("开展全覆盖监督检查", "督促企业落实主体责任", "切实防范化解质量安全风险", "推动产业高质量发展"),
}
NOTICE_DOCS = ("申报指南", "申报书模板", "项目汇总表", "名单", "推荐汇总表", "企业承诺书", "实施细则")


def write_notice(pen: Pen) -> Draft:
    topic, program, year = pen.topic(), pen.program(), pen.year_word()
    if pen.kind == "science":
        title = pen.pick((
            f"关于组织申报{year}年度{program}项目的通知",
            f"关于公布{year}年度{program}立项项目的通知",
            f"关于{year}年度{program}“{topic}”专项拟立项项目的公示",
            f"关于开展{year}年度{topic}领域科技型企业评价工作的通知",
            f"关于做好{year}年{topic}科技成果转化项目征集工作的通知",
        ))
    else:
        title = pen.pick((
            f"关于开展{year}年{topic}专项检查工作的通知",
            f"关于进一步做好{topic}监督管理工作的通知",
            f"关于公布{year}年度{program}名单的通告",
            f"关于举办{year}年{program}活动的通知",
            f"关于{topic}产品召回情况的通告",
        ))
    if not pen.agency.region and pen.chance(0.6):
        title = _national_title(pen, topic, program, year)
    body = [
        pen.addressee(),
        P(f"为深入贯彻落实创新驱动发展战略，加快推进{topic}领域高质量发展，根据有关工作部署，"
          f"现就{re.sub(r'的(通知|通告|公示)$', '', title.removeprefix('关于'))}有关事项通知如下："),
        P(f"一、工作目标。围绕{topic}等重点领域，聚焦关键核心技术和重大需求，"
          f"{pen.pick(GOALS[pen.kind])}。"),
        P(f"二、支持方式。{pen.agency.treasury}安排专项资金{pen.fund()}，单个项目支持经费{pen.grant()}，"
          "实行“揭榜挂帅”“赛马制”等组织方式。" if pen.kind == "science" or pen.chance(0.3) else
          f"二、工作要求。各地要落实属地监管责任，对{pen.pick(v.PRODUCTS)}等重点产品开展风险排查，发现问题依法处置。"),
        P(f"三、时间安排。请于{cn_date(pen.published.date() + timedelta(days=pen.rng.randrange(10, 40)))}前"
          "完成相关材料报送，逾期不予受理。"),
        pen.contact(),
        P("特此通知。"),
        *pen.signature(),
    ]
    stems = [pen.pick(NOTICE_DOCS) for _ in range(pen.rng.randrange(1, 4))] if pen.chance(0.45) else []
    return Draft(title, body, (topic, "通知公告"), attachment_stems=list(dict.fromkeys(stems)),
                 wants_doc_number=pen.chance(0.15))


def _national_title(pen: Pen, topic: str, program: str, year: int) -> str:
    """Ministries name themselves and number their announcements: 国家药监局关于…的公告（2026年第12号）."""
    number = f"（{pen.published.year}年第{pen.rng.randrange(1, 160)}号）"
    if pen.kind == "science":
        return pen.pick((
            f"{pen.short}关于发布{program}“{topic}”重点专项{year}年度项目申报指南的通知",
            f"{pen.short}办公厅关于开展{year}年度{topic}领域国家科技创新基地评估工作的通知",
            f"{pen.short}关于{year}年度{topic}领域拟立项项目的公示",
        ))
    return pen.pick((
        f"{pen.short}关于发布{topic}注册审查指导原则的通告{number}",
        f"{pen.short}关于修订{pen.pick(v.PRODUCTS)}说明书的公告{number}",
        f"{pen.short}综合司关于开展{year}年{topic}专项检查工作的通知",
        f"{pen.short}关于{pen.pick(v.PRODUCTS)}等产品抽检不合格情况的通告{number}",
    ))


def write_policy(pen: Pen) -> Draft:
    topic = pen.topic()
    name = pen.policy_name(topic)
    if name.startswith("关于") and pen.chance(0.4):
        title = f"{pen.org}{name}" if pen.chance(0.5) else name
    elif name.startswith("关于"):
        title = pen.pick((f"{pen.org}关于印发《{name}》的通知", f"关于印发《{name}》的通知"))
    else:
        title = pen.pick((f"{pen.org}关于印发《{name}》的通知", f"{pen.org}关于印发{name}的通知",
                          f"关于印发《{name}》的通知"))
    effective = pen.published.date() + timedelta(days=pen.rng.randrange(0, 45))
    # Signed a few days before it is published: the body date (成文日期) is not the publication date.
    signed = pen.published.date() - timedelta(days=pen.rng.randrange(0, 8))
    body = [
        pen.addressee(),
        P(f"现将《{name}》印发给你们，请结合实际认真贯彻落实。"),
        *pen.signature(signed),
        P(name, "center"),
        P("第一章　总则", "center"),
        P(f"第一条　为推动{topic}领域高质量发展，规范相关管理工作，根据有关法律法规和政策规定，结合{pen.agency.local}实际，制定本办法。"),
        P(f"第二条　本办法适用于{pen.agency.area}{topic}相关的研究开发、生产经营及监督管理活动。"),
        P(f"第三条　{pen.agency.treasury}每年安排{pen.fund()}专项资金，重点支持{topic}关键核心技术攻关和成果转化。"),
        P(f"第四条　{pen.short}负责统筹协调，{pen.agency.subunits}按照职责分工做好组织实施工作。"),
        P(f"第五条　本办法自{cn_date(effective)}起施行，有效期{pen.rng.choice((3, 5))}年。"),
    ]
    stems = [f"{name}政策解读"] if pen.chance(0.3) else []
    if pen.chance(0.25):
        stems.append(name)
    return Draft(title, body, (topic, "政策文件"), attachment_stems=stems, wants_doc_number=True, written=signed)


def write_draft(pen: Pen) -> Draft:
    topic = pen.topic()
    name = pen.policy_name(topic) + "（征求意见稿）"
    title = pen.pick((f"关于公开征求《{name}》意见的通知", f"《{name}》公开征求意见",
                      f"关于征求《{name}》意见的公告", f"{pen.org}关于公开征求《{name}》意见的公告"))
    deadline = pen.published.date() + timedelta(days=pen.rng.randrange(14, 32))
    address, postcode = pen.postal_address()
    channels = [
        f"通过电子邮件将意见发送至{pen.email()}，邮件标题请注明“{name.removesuffix('（征求意见稿）')}意见反馈”。",
        f"通过传真发送至{pen.phone()}。",
        f"通过信函方式将意见寄至：{address}（邮编{postcode}），并在信封上注明“征求意见”字样。",
    ]
    chosen = [c for c in channels if pen.chance(0.7)] or channels[:1]
    deadline_line = pen.pick((f"意见反馈截止时间为{cn_date(deadline)}。", f"征求意见截止日期为{cn_date(deadline)}。",
                              f"请于{cn_date(deadline)}前反馈意见。"))
    body = [
        P(f"为加快推进{topic}领域创新发展，{pen.we}起草了《{name}》，现向社会公开征求意见。"
          "公众可通过以下途径和方式提出反馈意见："),
        *[P(f"（{NUMERALS[i]}）{text}") for i, text in enumerate(chosen)],
        P(deadline_line),
        P(f"联系人：{pen.person()}，联系电话：{pen.phone()}。"),
        *pen.signature(),
    ]
    stems = [name, f"《{name.removesuffix('（征求意见稿）')}》起草说明", "意见反馈表"][: pen.rng.randrange(1, 4)]
    return Draft(title, body, (topic, "征求意见"), comment_deadline=deadline, attachment_stems=stems)


def write_news(pen: Pen) -> Draft:
    topic, city, meeting = pen.topic(), pen.city(), pen.pick(v.MEETING_FORMS)
    day = pen.published.date() - timedelta(days=pen.rng.randrange(0, 3))
    title = pen.pick((f"{pen.short}召开{day.year}年{topic}{meeting}", f"{city}：{topic}产业创新发展取得新突破",
                      f"{pen.short}赴{city}调研{topic}工作", f"{pen.short}主要负责人带队开展{topic}专题调研",
                      f"{pen.agency.we_region}{pen.rng.randrange(3, 30)}个{topic}项目入选国家重点研发计划"))
    body = [
        P(f"{day.month}月{day.day}日，{pen.short}在{city}召开{topic}{meeting}，"
          f"{pen.pick(('党组书记、厅长', '党组成员、副厅长', '党组书记、局长', '党组成员、副局长'))}出席会议并讲话。"),
        P(f"会议指出，{topic}是培育发展新质生产力的重要方向，{pen.agency.we_region}已累计投入财政资金{pen.fund()}，"
          f"带动社会投入超过{pen.rng.randrange(10, 90)}亿元。"),
        P(f"会议强调，要坚持问题导向，强化{pen.pick(('政策供给', '要素保障', '全生命周期监管', '产学研协同'))}，"
          f"推动{topic}领域更多成果落地转化。"),
        P(f"{city}当地有关部门、重点企业和高校院所代表参加会议。"),
    ]
    return Draft(title, body, (topic, "工作动态", city))


def write_inspection(pen: Pen) -> Draft:
    firm, product = pen.firm(), pen.pick(v.PRODUCTS)
    year, serial = pen.published.year, pen.published.timetuple().tm_yday // 9 + 1
    title = pen.pick((f"{pen.org}关于{firm}飞行检查情况的通告（{year}年第{serial}号）",
                      f"{year}年第{serial}期医疗器械飞行检查情况通报",
                      f"关于{firm}{product}飞行检查结果的公告"))
    visit = pen.published.date() - timedelta(days=pen.rng.randrange(10, 40))
    defects = pen.rng.sample(v.DEFECTS, pen.rng.randrange(2, 5))
    measures = pen.rng.sample(v.MEASURES, 2)
    body = [
        P(f"为加强药品医疗器械质量安全监管，根据《药品检查管理办法（试行）》《医疗器械生产监督管理办法》有关规定，"
          f"{cn_date(visit)}，{pen.org}组织对{firm}开展飞行检查。"),
        P(f"企业名称：{firm}；产品名称：{product}；检查结果：不符合要求。"),
        P("检查发现，该企业质量管理体系存在以下缺陷："),
        *[P(f"（{NUMERALS[i]}）{d}。") for i, d in enumerate(defects)],
        P(f"针对上述问题，{pen.short}已{measures[0]}，并{measures[1]}。企业应当在30个工作日内完成整改，"
          f"整改报告报送{pen.short}，经跟踪检查符合要求后方可恢复生产。"),
        P("特此通告。"),
        *pen.signature(),
    ]
    stems = ["检查结果汇总表"] if pen.chance(0.3) else []
    return Draft(title, body, ("飞行检查", product), attachment_stems=stems)


WRITERS: dict[str, Callable[[Pen], Draft]] = {
    "notice": write_notice,
    "policy": write_policy,
    "draft": write_draft,
    "news": write_news,
    "inspection": write_inspection,
}
