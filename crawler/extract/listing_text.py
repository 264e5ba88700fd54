"""Text helpers for the list extractor: title cleanup and list-date parsing."""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta

from crawler.extract.dates import parse_date
from crawler.util.china_time import CHINA_TZ

# Whole-string and trailing dates of list cells; a date anywhere in a text is crawler.extract.dates.parse_date.
_DATE_RE = re.compile(
    r"(?<!\d)((?:19|20)\d{2})\s*(?:[-/.]|年)\s*(\d{1,2})\s*(?:[-/.]|月)\s*(\d{1,2})(?!\d)"
)
_TRAILING_DATE_RE = re.compile(r"[\s\[(（【]*" + _DATE_RE.pattern + r"\s*日?\s*[\])）】]?\s*$")
_ONLY_DATE_RE = re.compile(r"^[\s\[(（【]*" + _DATE_RE.pattern + r"(?:\s*日)?(?:\s+[\d:]+)?\s*[\])）】]?\s*$")
# A date written with two digits of its year, "18-02-22" or "18.02.22" (2018-02-22), alone in its box. The
# year comes first as in every full date on these pages; slashes are left out (22/02/18 is a day-first date).
_SHORT_YEAR_RE = re.compile(r"^[\s\[(（【]*(\d{2})([-.])(\d{2})\2(\d{2})(?:\s+\d{1,2}:\d{2}(?::\d{2})?)?\s*[\])）】]?\s*$")
# A list date may run a little ahead of the crawl (a server clock, a notice dated for the next morning).
_FUTURE_MARGIN = timedelta(days=2)
_SPACE_RE = re.compile(r"\s+")
_BULLETS = "·•●○◆◇■□▪▫►▶»>※★☆-–—・ \u3000"
_ELLIPSES = ("...", "…", "。。。", "..")


def normalize_space(text: str) -> str:
    return _SPACE_RE.sub(" ", text.replace("\u00a0", " ")).strip()


def clean_title(text: str) -> str:
    """Whitespace-normalize and drop leading bullets such as `·` that templates put before titles."""
    return normalize_space(normalize_space(text).lstrip(_BULLETS))


def is_truncated(title: str) -> bool:
    return title.rstrip().endswith(_ELLIPSES)


def best_title(link_text: str, title_attr: str | None) -> str:
    """Prefer the `title` attribute when the link text is empty, cut with '...', or a prefix of it."""
    text = clean_title(link_text)
    attr = clean_title(title_attr or "")
    if not attr:
        return text
    if not text or (is_truncated(text) and len(attr) >= len(text.rstrip(".…。"))):
        return attr
    # Some templates put unrelated words in `title` (e.g. "hide"), so only take a longer attribute
    # when it really extends the visible text.
    if len(attr) > len(text) and text.replace(" ", "") in attr.replace(" ", ""):
        return attr
    return text


def to_date(year: str | int, month: str | int, day: str | int) -> date | None:
    try:
        value = date(int(year), int(month), int(day))
    except (TypeError, ValueError):
        return None
    return value if 1990 <= value.year <= 2100 else None


def date_only(text: str) -> date | None:
    """The date when `text` is nothing but a date (optionally bracketed or with a time)."""
    match = _ONLY_DATE_RE.match(text)
    return to_date(*match.groups()) if match else None


def short_year_date(text: str, today: date | None = None) -> date | None:
    """20YY-MM-DD when `text` is nothing but a date with a two-digit year ("18-02-22", "[18.02.22]"), the month
    and day valid and the date no later than today (China time) plus a small margin. Otherwise None: a
    two-digit year of the last century (98-05-12) or a date in the future is not read as 20YY."""
    match = _SHORT_YEAR_RE.match(text)
    if not match:
        return None
    value = to_date(2000 + int(match.group(1)), match.group(3), match.group(4))
    today = today or datetime.now(CHINA_TZ).date()
    return value if value is not None and value <= today + _FUTURE_MARGIN else None


def split_trailing_date(title: str) -> tuple[str, date | None]:
    """Split `Title 2024-01-05` / `Title（2024-01-05）` into the title and its date."""
    match = _TRAILING_DATE_RE.search(title)
    if not match or match.start() == 0:
        return title, None
    value = to_date(*match.groups())
    return (title[: match.start()].rstrip(), value) if value else (title, None)


def date_from_parts(year: str, month: str, day: str) -> date | None:
    return to_date(year, month, day) if year.strip() and month.strip() and day.strip() else None


def date_from_value(value: object) -> date | None:
    """A JSON date: a date string, or a Unix timestamp in seconds or milliseconds (China time)."""
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, (int, float)):
        seconds = value / 1000 if value > 1e11 else value
        try:
            return datetime.fromtimestamp(seconds, CHINA_TZ).date()
        except (OverflowError, OSError, ValueError):
            return None
    if isinstance(value, str):
        stripped = value.strip()
        if stripped.isdigit() and len(stripped) >= 9:
            return date_from_value(int(stripped))
        return parse_date(stripped)
    return None
