"""The byline under an article's title: its date, 来源 and author, labelled ("来源：某某网") or not
("2019-09-26 10:56 某某网", a <span class="source">)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from urllib.parse import urlsplit

from lxml import etree
from lxml.html import HtmlElement

from crawler.extract.authors import clean_author, is_outlet
from crawler.extract.dates import DateHit, find_dates
from crawler.extract.header import HeaderZone
from crawler.extract.labels import BYLINE_LABELS, bracket_label_pattern, label_pattern, text_values
from crawler.extract.text import is_furniture, normalize_line
from crawler.extract.values import FURNITURE_WORD, clean_field_value
from crawler.util.urls import join_url

_BYLINE_LABEL = label_pattern(BYLINE_LABELS)
_BYLINE_BRACKET = bracket_label_pattern(BYLINE_LABELS)
# Elements whose class or id says what they hold: <span class="source">, <p class="author-name">.
_SOURCE_MARK = re.compile(r"(?:^|[\s_-])(?:source|sources|laiyuan|ly|from|origin|media[-_]?name)(?:$|[\s_-])", re.I)
# A blog's header names its writer by the account's nickname: <a class="follow-nickName">.
_AUTHOR_MARK = re.compile(
    r"(?:^|[\s_-])(?:author|authors|writer|byline|zuozhe|reporter|nick(?:[_-]?name)?)(?:$|[\s_-]|name)", re.I
)
# An unlabelled date is the byline's only when the rest of its line is short: "2019-09-26 10:56:28 某某网",
# "财经 某某 2019-09-23 07:48". A longer line is a sentence that mentions a date, and a line wholly in
# brackets is a 题注 ("（某年某月某日某某会议通过）"), not a byline.
_MAX_UNLABELLED_REST = 24
# …and only right under the title: further down, a date alone on a line is a notice's signing date (落款) once
# the header runs into a body that holds the title too. In the real-page corpus the unlabelled byline date is
# at most the fourth part under the title (after an account name and two buttons).
_UNLABELLED_LINES = 5
_PUNCTUATION = re.compile(r"[。，；！？,;]")
_BRACKETED = re.compile(r"^[（(【\[].*[）)】\]]$")
# Dates other labels give, which are not the publication's: 成文日期, 有效期, 截止时间…
_OTHER_DATE = re.compile(r"(?:成文|印发|截止|有效|实施|施行|更新|修订|开始|结束)(?:日期|时间)?[\s:：|]*$")
# …and dates of other items a blog's header shows in the article's place: "最新推荐文章于 2020-11-22 发布".
_OTHER_ITEM_DATE = re.compile(r"(?:推荐|相关|热门|上一篇|下一篇)(?:文章|阅读|内容)?于?\s*$")
_LABELLED_SEGMENT = re.compile(r"\S{1,8}\s*[:：]\s*\S*")
# A byline without a year ("发布时间：10-08 12:00") or with two digits of it ("18-03-08 23:16"): month, day and
# time, completed by a full date elsewhere.
_YEARLESS = re.compile(
    r"(?<![\d年-])(?:(?P<y>\d{2})[-/])?(?P<m>\d{1,2})\s*[-/月]\s*(?P<d>\d{1,2})\s*日?\s*(?P<H>[01]?\d|2[0-3])\s*:\s*(?P<M>[0-5]\d)"
)
# Byline parts separated by bars: "发表于 2014-08-24 21:30 | 1164次阅读 | 来源 某某 | 作者 张三".
_PART_BREAK = re.compile(r"\s+[|｜]\s+")
# In a part of its own a label may be followed by a space instead of a colon ("来源 某某").
_SPACED_LABEL = re.compile(
    r"^(?P<label>" + "|".join(sorted((re.escape(k) for k in BYLINE_LABELS if len(k) >= 2), key=len, reverse=True))
    + r")\s+(?P<value>\S.{0,30})$"
)
# Badges and buttons that sit where a source would, and name none.
_NOT_A_SOURCE = re.compile(r"^(?:原创|转载|独家|推荐|热门|置顶|头条|精选|关注|来源)$")
_MAX_MARKED = 20


@dataclass(frozen=True)
class YearlessDate:
    month: int
    day: int
    hour: int
    minute: int
    year2: int | None = None  # the two digits of "18-03-08", when given


@dataclass
class Byline:
    published: DateHit | None = None
    published_labelled: bool = False
    yearless: YearlessDate | None = None
    source: str | None = None
    author: str | None = None


def _unlabelled_date(lines: list[str]) -> DateHit | None:
    # Buttons ("分享到：", "字号：") do not count against the few lines a byline date may sit in.
    for line in [line for line in lines if not is_furniture(line)][:_UNLABELLED_LINES]:
        if _BRACKETED.match(line):
            continue
        for hit in find_dates(line):
            before = line[: hit.start]
            if _OTHER_DATE.search(before) or _OTHER_ITEM_DATE.search(before):
                continue
            rest = _LABELLED_SEGMENT.sub("", line[: hit.start] + line[hit.end:])
            if len(re.sub(r"\s+", "", rest)) <= _MAX_UNLABELLED_REST and not _PUNCTUATION.search(rest):
                return hit
    return None


# A date set in parts, each in its own element: "2024", "05 / 09", "10 : 30" (a sticky date box beside the text).
_YEAR_PART = re.compile(r"^(?:19|20)\d{2}$")
_MONTH_DAY_PART = re.compile(r"^(?P<m>\d{1,2})\s*[-/.月]\s*(?P<d>\d{1,2})\s*日?$")
_TIME_PART = re.compile(r"^(?P<H>[01]?\d|2[0-3])\s*:\s*(?P<M>[0-5]\d)$")


def _split_date(lines: list[str]) -> DateHit | None:
    lines = lines[:_UNLABELLED_LINES + 2]
    for at, line in enumerate(lines[:-1]):
        month_day = _MONTH_DAY_PART.match(lines[at + 1]) if _YEAR_PART.match(line) else None
        if month_day is None:
            continue
        joined = f"{line}-{int(month_day['m']):02d}-{int(month_day['d']):02d}"
        clock = _TIME_PART.match(lines[at + 2]) if at + 2 < len(lines) else None
        if clock:
            joined += f" {int(clock['H']):02d}:{clock['M']}"
        return next(find_dates(joined), None)
    return None


def _yearless(lines: list[str]) -> YearlessDate | None:
    for line in lines:
        match = _YEARLESS.search(line)
        if match:
            month, day = int(match["m"]), int(match["d"])
            if 1 <= month <= 12 and 1 <= day <= 31:
                year2 = int(match["y"]) if match["y"] else None
                return YearlessDate(month, day, int(match["H"]), int(match["M"]), year2)
    return None


# A credit written with a slash instead of a colon: "来源：某某日报 文/张三 李四".
_SLASH_LABEL = re.compile(r"(^|\s)(文|作者|记者|撰文|撰稿|执笔)\s*[/／]\s*(?=[^\s/／\d])")


def _parts(lines: list[str]) -> list[str]:
    return [_SLASH_LABEL.sub(r"\1\2：", part) for line in lines for part in _PART_BREAK.split(line) if part]


def _spaced_labels(parts: list[str]) -> dict[str, str]:
    found: dict[str, str] = {}
    for part in parts:
        match = _SPACED_LABEL.match(part)
        if match:
            found.setdefault(BYLINE_LABELS[match["label"]], match["value"])
    return found


# A marked source element may hold its own label: <span class="source">本文来源于 某某报</span>.
_SOURCE_PREFIX = re.compile(r"^(?:本文)?(?:来源于|来源|来自|稿源|出处)\s*[:：]?\s*")


def _marked_value(zone: HeaderZone, mark: re.Pattern[str]) -> str | None:
    """The text of the first element in the header whose class or id names the field. An element with a
    button in it ("某某发布 关注") is an account card beside the byline, not the byline."""
    for element in zone.elements:
        marks = f"{element.get('class', '')} {element.get('id', '')}"
        if marks.strip() and mark.search(marks):
            raw = _SOURCE_PREFIX.sub("", normalize_line(element.text_content()))
            text = clean_field_value(raw)
            if (text and ":" not in text and "：" not in text and not FURNITURE_WORD.search(raw)
                    and len(text) <= _MAX_MARKED and not _NOT_A_SOURCE.match(text)):
                return text
    return None


_SHOWN_ADDRESS = re.compile(r"(?:https?://|www\.)\S+", re.I)


def _linked_next_to_date(zone: HeaderZone, hit: DateHit | None) -> str | None:
    """A link that is all the date's line holds besides the date: "2019-09-26 10:56:28 <a>某某网</a>"."""
    if hit is None:
        return None
    for line in zone.lines:
        for found in find_dates(line):
            if found.value != hit.value:
                continue
            rest = normalize_line(line[: found.start] + " " + line[found.end:])
            links = {normalize_line(a.text_content()) for a in zone.elements if a.tag == "a"}
            if rest in links and not _NOT_A_SOURCE.match(rest):
                return clean_field_value(rest)
            # The site's address shown as a link before the date and a comment button after the source:
            # "http://ent.example.com 2009年11月09日11:30 某某音乐 我要评论(0)".
            bare = clean_field_value(_SHOWN_ADDRESS.sub(" ", rest))
            if bare and bare != rest and bare in links and not _SHOWN_ADDRESS.search(bare):
                return bare
            return None
    return None


# A blog names its writer by a link to the account's home, whose address the article's own continues
# ("/u_123" for "/u_123/456", "/user/abc" for "/user/abc/p/1"): a user page by its shape.
_ACCOUNT_SEGMENT = re.compile(r"^(?:u_?\d+|@[\w.-]+|~[\w.-]+)$")
_ACCOUNT_FOLDERS = frozenset({"u", "user", "users", "people", "author", "authors", "profile", "space", "member", "blogger"})


def _account_name(link: HtmlElement, url: str) -> str | None:
    href = join_url(url, link.get("href") or "")
    if not href:
        return None
    article, home = urlsplit(url), urlsplit(href)
    segments = [s for s in home.path.split("/") if s]
    if home.netloc != article.netloc or not segments or not article.path.startswith(home.path.rstrip("/") + "/"):
        return None
    if not (_ACCOUNT_SEGMENT.match(segments[-1]) or (len(segments) >= 2 and segments[-2].lower() in _ACCOUNT_FOLDERS)):
        return None
    return _writer(link.text_content())


def _writer(text: str) -> str | None:
    """A person's name out of a link's text: neither a button's word nor an outlet."""
    name = clean_author(normalize_line(text))
    return name if name and not FURNITURE_WORD.search(name) and not is_outlet(name) else None


def _account_link(zone: HeaderZone, url: str | None) -> str | None:
    """The writer's name a header link to the account's home gives (a blog's byline: "<a>某某</a> 2022-11-23")."""
    if not url:
        return None
    return next((name for el in zone.elements if el.tag == "a" and (name := _account_name(el, url))), None)


# A blog's footer under the text: "posted @ 2022-05-29 20:20 <a>某某</a> 阅读(12) 评论(0)".
_POSTED_AT = re.compile(r"^posted\s*@", re.I)


# Text nodes opening with "posted" (found inside libxml2: a page has thousands of elements to read otherwise).
_POSTED_TEXT = etree.XPath("//text()[contains(., 'osted') or contains(., 'OSTED')]")
_FOOTER_TAGS = ("div", "p", "span")


def _footers(root: HtmlElement) -> Iterator[HtmlElement]:
    """The div, p and span elements whose text opens with such a node, outermost first."""
    seen: set[HtmlElement] = set()
    for node in _POSTED_TEXT(root):
        if not node.lstrip().lower().startswith("posted"):
            continue
        holder = node.getparent()
        if holder is not None and node.is_tail:
            holder = holder.getparent()
        chain = [holder, *holder.iterancestors()] if holder is not None else []
        for element in reversed(chain):
            if element.tag in _FOOTER_TAGS and element not in seen:
                seen.add(element)
                yield element


def posted_by(root: HtmlElement) -> str | None:
    """The writer a blog's "posted @ DATE NAME" footer links after the date."""
    for element in _footers(root):
        text = normalize_line(element.text_content())
        if not _POSTED_AT.match(text) or len(text) > 120 or next(find_dates(text), None) is None:
            continue
        for link in element.iter("a"):
            name = clean_author(normalize_line(link.text_content()))
            if name and not FURNITURE_WORD.search(name) and next(find_dates(name), None) is None:
                return name
    return None


# A self-media platform's account card beside the text: <div class="user-info"><h4><a href="…/profile?…">某某</a></h4>
# … 查看TA的文章</div>. The card is marked as the user's or author's and links the account's profile page.
_CARD_MARK = re.compile(r"(?:^|[\s_-])(?:user|author|writer)[-_]?(?:info|card|box|profile)(?:$|[\s_-])", re.I)
_PROFILE_HREF = re.compile(r"(?:profile|/u/|/user/|/users/|/author/|/people/|/home/)", re.I)
_CARD_LINK_WORDS = re.compile(r"(?:文章|主页|关注|更多|全部|TA的|他的|她的|查看|进入)")


def account_card(root: HtmlElement) -> str | None:
    """The account a self-media page's author card links to its profile, when the card says whose it is."""
    for element in root.iter("div", "section", "aside"):
        if not _CARD_MARK.search(f"{element.get('class', '')} {element.get('id', '')}"):
            continue
        for link in element.iter("a"):
            if not _PROFILE_HREF.search(link.get("href") or ""):
                continue
            text = normalize_line(link.text_content())
            name = _writer(text) if text and not _CARD_LINK_WORDS.search(text) else None
            if name:
                return name
    return None


def read_byline(zone: HeaderZone, url: str | None = None) -> Byline:
    """Date, 来源 and author from the header lines: labelled values first, then marked elements, then (for the
    date) a date standing alone in a short line."""
    parts = _parts(zone.lines)
    labelled = {**_spaced_labels(parts), **text_values(parts, _BYLINE_LABEL, BYLINE_LABELS, _BYLINE_BRACKET)}
    byline = Byline()
    hit = next(find_dates(labelled["published"]), None) if labelled.get("published") else None
    if hit is not None:
        byline.published, byline.published_labelled = hit, True
    else:
        byline.published = _unlabelled_date(parts) or _split_date(zone.lines)
    if byline.published is None:
        byline.yearless = _yearless(zone.lines)
    labelled_source, marked_source = clean_field_value(labelled.get("source")), _marked_value(zone, _SOURCE_MARK)
    if labelled_source and marked_source and labelled_source != marked_source and labelled_source.startswith(marked_source):
        # The labelled line ran on past the element that holds the 来源 (a site logo link after it): the
        # element's own text is the value.
        labelled_source = marked_source
    byline.source = (labelled_source or marked_source
                     or (_linked_next_to_date(zone, byline.published) if not byline.published_labelled else None))
    author = labelled.get("author")
    byline.author = (clean_author(author) if author else clean_author(_marked_value(zone, _AUTHOR_MARK))
                     or _account_link(zone, url))
    return byline
