"""Dates as Chinese government pages and URLs write them, parsed to aware Asia/Shanghai values."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone
from urllib.parse import urlsplit

from crawler.extract.text import compat_normalize
from crawler.util.china_time import CHINA_TZ

# Older than the PRC's first regulations or far in the future: a mis-read number, not a date.
MIN_YEAR, MAX_YEAR = 1949, 2100

_HAN_DIGITS = {"〇": 0, "零": 0, "○": 0, "O": 0, "o": 0, "0": 0, "一": 1, "二": 2, "三": 3, "四": 4,
               "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_HAN_NUM = "[一二三四五六七八九十]{1,3}"
_TIME = (
    r"(?:\s*T?\s*(?P<H>[01]?\d|2[0-4])\s*[:时]\s*(?P<M>[0-5]?\d)(?:\s*[:分]\s*(?P<S>[0-5]?\d)(?!\d))?"
    r"(?:\s*(?P<tz>Z|[+-]\d{2}:?\d{2}))?)?"
)
_DATE_RE = re.compile(
    r"(?:(?<!\d)(?P<y1>(?:19|20)\d{2})\s*(?P<sep>[-/.])\s*(?P<m1>\d{1,2})\s*(?P=sep)\s*(?P<d1>\d{1,2})(?!\d)"
    r"|(?<!\d)(?P<y2>(?:19|20)\d{2})\s*年\s*(?P<m2>\d{1,2})\s*月\s*(?P<d2>\d{1,2})(?:\s*[日号]|(?!\d))"
    r"|(?P<y3>[〇零○Oo0一二三四五六七八九]{4})\s*年\s*(?P<m3>" + _HAN_NUM + r")\s*月\s*(?P<d3>" + _HAN_NUM
    + r")\s*[日号]"
    # The Minguo (ROC) calendar of Taiwan's pages: 民國113年5月9日, or a three-digit year alone (100–129 =
    # 2011–2040) that no other calendar writes: 113年5月9日 (year + 1911).
    r"|(?:(?:民國|民国)\s*(?P<r1>\d{2,3})|(?<![\d年])(?P<r2>1[0-2]\d))\s*年\s*(?P<m4>\d{1,2})\s*月\s*(?P<d4>\d{1,2})\s*日)"
    + _TIME
)
_ROC_OFFSET = 1911


@dataclass(frozen=True)
class DateHit:
    """A date found in text: the aware value, how precise it was written, and where it was."""

    value: datetime
    precision: str  # "month", "day", "minute" or "second": a more precise candidate wins a tie
    start: int = 0
    end: int = 0

    @property
    def day(self) -> date:
        return self.value.date()


def normalize(text: str) -> str:
    """NFKC turns full-width digits, colons and dashes into ASCII, which the patterns expect."""
    return compat_normalize(text)


def han_number(text: str) -> int:
    """十 → 10, 二十三 → 23, 三十一 → 31, 五 → 5 (the forms used for months and days)."""
    if "十" not in text:
        return _HAN_DIGITS[text] if len(text) == 1 else -1
    tens, _, ones = text.partition("十")
    return (_HAN_DIGITS.get(tens, -1) if tens else 1) * 10 + (_HAN_DIGITS.get(ones, -1) if ones else 0)


def midnight(day: date) -> datetime:
    """A date-only value is a calendar day in China: midnight Asia/Shanghai."""
    return datetime(day.year, day.month, day.day, tzinfo=CHINA_TZ)


def _ymd(match: re.Match[str]) -> tuple[int, int, int]:
    if match.group("y1"):
        return int(match.group("y1")), int(match.group("m1")), int(match.group("d1"))
    if match.group("y2"):
        return int(match.group("y2")), int(match.group("m2")), int(match.group("d2"))
    if match.group("y3"):
        year = int("".join(str(_HAN_DIGITS[c]) for c in match.group("y3")))
        return year, han_number(match.group("m3")), han_number(match.group("d3"))
    roc = int(match.group("r1") or match.group("r2"))
    return roc + _ROC_OFFSET, int(match.group("m4")), int(match.group("d4"))


def _hit(match: re.Match[str]) -> DateHit | None:
    year, month, day = _ymd(match)
    if not MIN_YEAR <= year <= MAX_YEAR:
        return None
    try:
        value = datetime(year, month, day, tzinfo=CHINA_TZ)
    except ValueError:  # 2019-02-30, month 13: impossible, so not a date at all
        return None
    precision = "day"
    if match.group("H") is not None:
        hour, minute = int(match.group("H")), int(match.group("M"))
        second = int(match.group("S") or 0)
        if hour < 24:
            value = value.replace(hour=hour, minute=minute, second=second)
            precision = "second" if match.group("S") else "minute"
            value = _apply_offset(value, match.group("tz"))
    return DateHit(value, precision, match.start(), match.end())


def _apply_offset(value: datetime, tz: str | None) -> datetime:
    """An explicit offset (rare, ISO feeds) is honoured; otherwise the wall time is China time."""
    if not tz:
        return value
    if tz == "Z":
        offset = timezone.utc
    else:
        sign = -1 if tz[0] == "-" else 1
        digits = tz[1:].replace(":", "")
        offset = timezone(sign * timedelta(hours=int(digits[:2]), minutes=int(digits[2:])))
    return value.replace(tzinfo=offset).astimezone(CHINA_TZ)


def find_dates(text: str) -> Iterator[DateHit]:
    """Every valid date in the text, in order; spans refer to the NFKC-normalized text."""
    for match in _DATE_RE.finditer(normalize(text)):
        hit = _hit(match)
        if hit is not None:
            yield hit


def find_date(text: str | None) -> DateHit | None:
    """The first valid date in the text (labels such as 发布时间： around it are ignored)."""
    return next(find_dates(text), None) if text else None


def parse_date(text: str | None) -> date | None:
    hit = find_date(text)
    return hit.day if hit else None


# Most specific first; only the URL path is searched, so hosts and query ids never look like dates.
_URL_PATTERNS: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"/((?:19|20)\d{2})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})\d{3}\.s?html?$"), "second"),
    (re.compile(r"/((?:19|20)\d{2})/(\d{1,2})/(\d{1,2})/"), "day"),
    (re.compile(r"[/_]t((?:19|20)\d{2})(\d{2})(\d{2})_"), "day"),
    (re.compile(r"/((?:19|20)\d{2})-(\d{2})/(\d{2})/"), "day"),
    (re.compile(r"/((?:19|20)\d{2})-(\d{2})-(\d{2})/"), "day"),
    (re.compile(r"/((?:19|20)\d{2})/(\d{2})(\d{2})/"), "day"),
    (re.compile(r"/((?:19|20)\d{2})(\d{2})(\d{2})/"), "day"),
    (re.compile(r"/((?:19|20)\d{2})(\d{2})/"), "month"),
)


def date_from_url(url: str) -> DateHit | None:
    """The publication date encoded in an article URL: a last resort when the page shows none."""
    path = urlsplit(url).path
    for pattern, precision in _URL_PATTERNS:
        match = pattern.search(path)
        if not match:
            continue
        parts = [int(g) for g in match.groups()]
        if precision == "month":
            parts.append(1)
        try:
            value = datetime(*parts, tzinfo=CHINA_TZ)  # type: ignore[misc]
        except ValueError:
            continue
        return DateHit(value, precision)
    return None
