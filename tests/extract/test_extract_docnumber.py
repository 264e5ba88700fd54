"""文号: one canonical spelling, found in free text, never confused with dates, phones or addresses."""

from __future__ import annotations

import pytest

from crawler.extract.docnumber import find_doc_number, is_doc_number_line, normalize_doc_number


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("浙科发[2019]12号", "浙科发〔2019〕12号"),
        ("浙科发（２０１９）１２号", "浙科发〔2019〕12号"),
        ("浙科发(2019)12号", "浙科发〔2019〕12号"),
        ("浙科发【2019】12号", "浙科发〔2019〕12号"),
        ("浙科发［2019］12号", "浙科发〔2019〕12号"),
        ("浙科发〔2019〕12号", "浙科发〔2019〕12号"),
        ("浙科发 〔 2019 〕 12 号", "浙科发〔2019〕12号"),
        ("国药监药注〔2023〕5号", "国药监药注〔2023〕5号"),
        ("科学技术部令第24号", "科学技术部令第24号"),
        ("国务院令 第 782 号", "国务院令第782号"),
        ("国家药监局公告2023年第12号", "国家药监局公告2023年第12号"),
        ("国家药监局公告（2023年第12号）", "国家药监局公告2023年第12号"),
        # Orders numbered in Chinese numerals, with or without brackets around the number.
        ("中华人民共和国主席令（第四十三号）", "中华人民共和国主席令第四十三号"),
        ("中华人民共和国主席令 第四十三号", "中华人民共和国主席令第四十三号"),
        ("（国务院令第782号）", "国务院令第782号"),
        # A notice number with a space, and a joint announcement keeping the spaces between its agencies.
        ("国家药监局公告 2024年第3号", "国家药监局公告2024年第3号"),
        ("财政部　税务总局  科技部公告2022年第28号", "财政部 税务总局 科技部公告2022年第28号"),
        ("无", None),
        ("", None),
        (None, None),
        ("有效", None),
    ],
)
def test_normalize(raw: str | None, expected: str | None) -> None:
    assert normalize_doc_number(raw) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("文号：浙科发[2019]12号", "浙科发〔2019〕12号"),
        ("根据浙科发〔2019〕12号文件精神，现通知如下", "浙科发〔2019〕12号"),
        ("浙经信发【2020】3号", "浙经信发〔2020〕3号"),
        ("（国务院令第782号）", "国务院令第782号"),
        ("《科学技术活动违规行为处理暂行规定》（科学技术部令第19号）同时废止", "科学技术部令第19号"),
        ("国家药监局公告2023年第12号", "国家药监局公告2023年第12号"),
        ("中华人民共和国主席令（第四十三号）", "中华人民共和国主席令第四十三号"),
        ("现予公布中华人民共和国自然资源部令 第十二号", "中华人民共和国自然资源部令第十二号"),
        ("中华人民共和国国家发展和改革委员会令第1号", "中华人民共和国国家发展和改革委员会令第1号"),
        ("（国务院令第782号）", "国务院令第782号"),  # the closing bracket is not part of it
        ("国家药监局公告 2024年第3号", "国家药监局公告2024年第3号"),
        ("根据财政部 税务总局 科技部公告2022年第28号规定", "财政部 税务总局 科技部公告2022年第28号"),
        ("工信部联装〔2024〕12号", "工信部联装〔2024〕12号"),  # a joint document's prefix
        ("第十二号楼", None),
        ("现将有关事项公告如下 2024年第3号楼", None),
        ("联系电话：0571-87054006", None),
        ("2019年6月5日", None),
        ("发布时间：2025-08-12 10:31:54", None),
        ("地址：杭州市西湖区文三路12号", None),
        ("第12号楼", None),
        ("序号 1 | CXHS2000009国 | 国药准字H20190035", None),
    ],
)
def test_find_in_text(text: str, expected: str | None) -> None:
    assert find_doc_number(text) == expected


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("浙科发〔2019〕12号", "浙科发〔2019〕12号"),
        ("　　浙药监〔2024〕3号　", "浙药监〔2024〕3号"),
        ("根据浙科发〔2019〕12号文件精神，经研究，决定对有关事项作如下调整，请各单位遵照执行。", None),
        ("第782号", None),
        ("中华人民共和国主席令（第四十三号）", "中华人民共和国主席令第四十三号"),
        ("财政部 税务总局公告2023年第7号", "财政部 税务总局公告2023年第7号"),
    ],
)
def test_doc_number_line(line: str, expected: str | None) -> None:
    assert is_doc_number_line(line) == expected
