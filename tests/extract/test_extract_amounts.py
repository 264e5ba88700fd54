"""Money amounts: single values, ranges with any dash, full-width digits; no false money."""

from __future__ import annotations

import pytest

from crawler.extract.amounts import find_amounts


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("安排4–5亿元专项资金", ["4–5亿元"]),
        ("安排4-5亿元专项资金", ["4–5亿元"]),
        ("安排4~5亿元", ["4–5亿元"]),
        ("安排4亿至5亿元", ["4–5亿元"]),
        ("最高资助2000万元", ["2000万元"]),
        ("总投资1.2亿元", ["1.2亿元"]),
        ("罚款500元", ["500元"]),
        ("资助２０００万元", ["2000万元"]),
        ("金额1,200,000元", ["1,200,000元"]),
        ("融资3000万美元", ["3000万美元"]),
        ("2000万元和1.2亿元，另有2000万元", ["2000万元", "1.2亿元"]),
        ("2019年元旦", []),
        ("多元化发展，第3单元", []),
        ("", []),
    ],
)
def test_find_amounts(text: str, expected: list[str]) -> None:
    assert find_amounts(text) == expected
