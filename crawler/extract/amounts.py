"""Money amounts mentioned in a text (4–5亿元, 2000万元, 1.2亿元, 500元), written one way."""

from __future__ import annotations

import re

from crawler.extract.text import compat_normalize

_NUMBER = r"\d+(?:,\d{3})*(?:\.\d+)?"
_MAGNITUDE = r"(?:万亿|千亿|百亿|十亿|亿|千万|百万|十万|万|千)"
_CURRENCY = r"(?:元人民币|美元|欧元|港元|英镑|日元|元)"
_RANGE = r"(?:-|–|—|~|至|到)"
_AMOUNT = re.compile(
    r"(?<![\d.,])(?P<low>" + _NUMBER + r")\s*(?P<low_mag>" + _MAGNITUDE + r")?"
    r"(?:\s*" + _RANGE + r"\s*(?P<high>" + _NUMBER + r")\s*(?P<high_mag>" + _MAGNITUDE + r")?)?"
    r"\s*(?P<currency>" + _CURRENCY + r")"
)
# "元" after a bare number is money only when the number is not a date or a count of something
# else: "2019年元旦" never matches because 年 sits between the digits and 元.
RANGE_DASH = "–"


def _format(match: re.Match[str]) -> str:
    low, high = match.group("low"), match.group("high")
    low_mag, high_mag = match.group("low_mag") or "", match.group("high_mag") or ""
    currency = match.group("currency")
    if high is None:
        return f"{low}{low_mag}{currency}"
    # "4亿至5亿元" and "4-5亿元" are one range; the shared magnitude is written once when equal.
    if low_mag == high_mag:
        low_mag = ""
    return f"{low}{low_mag}{RANGE_DASH}{high}{high_mag}{currency}"


def find_amounts(text: str | None) -> list[str]:
    """Every distinct amount in order of appearance; ranges use an en dash (4–5亿元)."""
    if not text:
        return []
    found: dict[str, None] = {}
    for match in _AMOUNT.finditer(compat_normalize(text)):
        found.setdefault(_format(match), None)
    return list(found)
