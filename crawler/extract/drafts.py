"""Drafts for comment (征求意见稿): whether a page is one, its comment deadline, how to send comments."""

from __future__ import annotations

import re
from datetime import date, timedelta

from crawler.extract.dates import han_number
from crawler.extract.text import compat_normalize

DRAFT_MARKER = re.compile(r"征求意见稿|公开征求意见|征求意见|意见征集|征集意见|意见建议征集")
# Only sentences about comments can hold the deadline; "截至6月30日，全省共有…" is a statistic.
_COMMENT_CONTEXT = re.compile(r"意见|建议|反馈|报送|提交|征求|征集")
_SENTENCE = re.compile(r"[^。；;！!\n]+")
_HAN = "[一二三四五六七八九十]{1,3}"
_DAY_TEMPLATE = (
    r"(?:(?P<{p}y>(?:19|20)\d{2})\s*年\s*)?(?P<{p}m>\d{1,2}|" + _HAN + r")\s*月\s*(?P<{p}d>\d{1,2}|" + _HAN
    + r")\s*[日号]|(?P<{p}Y>(?:19|20)\d{2})[-/.](?P<{p}M>\d{1,2})[-/.](?P<{p}D>\d{1,2})"
)


def _day(prefix: str) -> str:
    """The date pattern with group names prefixed, so a range can hold two of them."""
    return "(?:" + _DAY_TEMPLATE.replace("{p}", prefix) + ")"


_CLOCK = r"(?:\s*(?:\d{1,2}\s*[:时]\s*\d{0,2}\s*分?|[上下]午\d{1,2}[:时]?\d{0,2}分?|下班|24时))?"
# Ordered: the explicit phrasings first, a bare "DATE前" in a comment sentence last.
_DEADLINES = tuple(re.compile(p) for p in (
    r"截止(?:时间|日期)?\s*(?:为|是|至|到)?\s*[:：]?\s*" + _day("a"),
    r"截至\s*" + _day("a"),
    _day("b") + r"\s*(?:—|－|-|–|~|～|至|到)\s*" + _day("a"),
    r"于\s*" + _day("a") + _CLOCK + r"\s*(?:前|之前|以前|止)",
    _day("a") + _CLOCK + r"\s*(?:前|之前|以前|止)",
))
_EMAIL = re.compile(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}")
_FAX = re.compile(r"传真(?:号码|电话)?\s*(?:[:：为]|至|到)?\s*((?:\+?86\s*)?(?:[(（]?0\d{2,3}[)）]?[-\s—－]?)?\d{7,8})")
_POST = re.compile(r"邮寄|寄送|寄至|信函|通信地址|通讯地址|邮政地址|邮编")
# Later than this after publication, a year-less "3月15日" belongs to the next year.
_PAST_GRACE = timedelta(days=31)
# A postal address is one clause: "或邮寄至杭州市…（邮编310012）".
_CLAUSE = re.compile(r"[^。；;！!\n，,]+")


def is_draft(*texts: str | None) -> bool:
    return any(text and DRAFT_MARKER.search(text) for text in texts)


def _to_int(value: str) -> int:
    return int(value) if value.isdigit() else han_number(value)


def _match_date(match: re.Match[str], reference: date | None) -> date | None:
    start_year = match.groupdict().get("by") or match.groupdict().get("bY")
    if match.group("aY"):
        year, month, day = (int(match.group(k)) for k in ("aY", "aM", "aD"))
    else:
        month, day = _to_int(match.group("am")), _to_int(match.group("ad"))
        if match.group("ay"):
            year = int(match.group("ay"))
        elif start_year:  # "2025年3月1日至3月15日": the range's start gives the year
            year = int(start_year)
        elif reference is not None:  # "请于3月15日前": the year of publication, or the next one
            year = reference.year
        else:
            return None
    try:
        found = date(year, month, day)
    except ValueError:
        return None
    year_written = match.group("ay") or match.group("aY") or start_year
    if not year_written and reference and found < reference - _PAST_GRACE:
        found = found.replace(year=year + 1)
    return found


def find_comment_deadline(text: str | None, reference: date | None = None) -> date | None:
    """The last day for comments: 意见反馈截止时间为2025年3月15日, 截至…, 请于…前, a 征求意见 period's end.

    reference (the publication date) supplies the year when the text omits it.
    """
    if not text:
        return None
    for sentence in _SENTENCE.findall(compat_normalize(text)):
        if not _COMMENT_CONTEXT.search(sentence):
            continue
        for pattern in _DEADLINES:
            for match in pattern.finditer(sentence):
                found = _match_date(match, reference)
                if found:
                    return found
    return None


def _first_clause(text: str, pattern: re.Pattern[str], limit: int = 160) -> str | None:
    for sentence in _CLAUSE.findall(text):
        if pattern.search(sentence):
            return sentence.strip()[:limit]
    return None


def find_comment_channel(text: str | None) -> str | None:
    """How to send comments: e-mail address(es), fax number, postal address sentence, joined by "；"."""
    if not text:
        return None
    parts: list[str] = []
    emails = list(dict.fromkeys(_EMAIL.findall(text)))
    if emails:
        parts.append("电子邮箱：" + "、".join(emails))
    fax = _FAX.search(text)
    if fax:
        parts.append("传真：" + fax.group(1).strip())
    post = _first_clause(text, _POST)
    if post:
        parts.append("邮寄：" + re.sub(r"^(?:或|也可|可)?(?:通过)?", "", post))
    return "；".join(parts) or None
