"""Drafts for comment: recognising them, the comment deadline, and the channels for comments."""

from __future__ import annotations

from datetime import date

import pytest

from crawler.extract.drafts import find_comment_channel, find_comment_deadline, is_draft

PUBLISHED = date(2025, 2, 20)


@pytest.mark.parametrize(
    ("texts", "expected"),
    [
        (("关于《浙江省加快生命健康科技创新发展实施意见（征求意见稿）》公开征求意见的通知", None), True),
        (("关于公开征求意见的公告",), True),
        (("关于开展意见征集的通知",), True),
        (("关于公布2025年度科技计划项目的通知", "现将名单公布如下。"), False),
        ((None, ""), False),
    ],
)
def test_is_draft(texts: tuple[str | None, ...], expected: bool) -> None:
    assert is_draft(*texts) is expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("意见反馈截止时间为2025年3月15日。", date(2025, 3, 15)),
        ("反馈截止日期：2025年3月15日", date(2025, 3, 15)),
        ("截至2025年3月15日，欢迎社会各界提出意见。", date(2025, 3, 15)),
        ("请于2025年3月15日前将意见建议发送至指定邮箱。", date(2025, 3, 15)),
        ("请于2025年3月15日17:00前反馈意见。", date(2025, 3, 15)),
        ("请于3月15日前反馈意见。", date(2025, 3, 15)),  # the year of publication
        ("请于1月10日前反馈意见。", date(2026, 1, 10)),  # already past: next year
        ("征求意见时间为2025年3月1日至3月15日。", date(2025, 3, 15)),
        ("公开征求意见，时间为2025-03-01至2025-03-31。", date(2025, 3, 31)),
        ("请于二〇二五年三月十五日前提出意见。", date(2025, 3, 15)),
        ("请于三月十五日前提出意见。", date(2025, 3, 15)),
        ("请于２０２５年３月１５日前反馈意见。", date(2025, 3, 15)),
        ("截至2024年6月30日，全省共有药品生产企业500家。", None),  # a statistic, not a deadline
        ("本规定自2025年3月15日起施行。", None),
        ("", None),
    ],
)
def test_comment_deadline(text: str, expected: date | None) -> None:
    assert find_comment_deadline(text, PUBLISHED) == expected


def test_year_less_deadline_needs_a_reference() -> None:
    assert find_comment_deadline("请于3月15日前反馈意见。") is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "请将意见发送至电子邮箱：kjt_zcfg@zj.gov.cn，或传真至0571-87054006，"
            "或邮寄至杭州市西湖区文三路12号省科技厅政策法规处（邮编310012）。",
            "电子邮箱：kjt_zcfg@zj.gov.cn；传真：0571-87054006；邮寄：邮寄至杭州市西湖区文三路12号省科技厅政策法规处（邮编310012）",
        ),
        ("联系人：张三。传真：（0571）87054006。", "传真：（0571）87054006"),
        ("通信地址：杭州市环城西路33号，邮编：310006。", "邮寄：通信地址：杭州市环城西路33号"),
        ("意见请发送至 a@x.gov.cn 或 b@x.gov.cn，a@x.gov.cn 为主。", "电子邮箱：a@x.gov.cn、b@x.gov.cn"),
        ("欢迎提出宝贵意见。", None),
        ("", None),
    ],
)
def test_comment_channel(text: str, expected: str | None) -> None:
    assert find_comment_channel(text) == expected
