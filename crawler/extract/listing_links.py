"""The links of one list item: which one is the entry's document, which are its related links (解读, PDF,
download icon), and which are neither (source names, comment counts, category tags)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from lxml.etree import _Element

from crawler.extract.listing_urls import is_nav_url

# Text of a link to another form or a companion of the same document. Matched on short link texts only,
# except the interpretation words, which mark a companion document even in a long title
# ("《…办法》政策解读") as long as the item has another link that is not one.
_FORMAT_TEXT_RE = re.compile(
    r"^[\[【(（<《]?\s*(?:pdf|docx?|word|wps|ofd|xlsx?|excel|zip|rar|txt|html?|下载|附件|全文|原文|正文|文本|"
    r"英文版?|中文版?|english|视频|音频|图片|文字版|简体|繁体|打印|点击下载|附件下载|全文下载|pdf下载|"
    r"原文链接|查看原文|阅读原文|网页版|版式文件)(?:版|下载|文件|格式)?\s*[\]】)）>》]?$",
    re.I,
)
_COMPANION_RE = re.compile(r"解读|图解|一图读懂|答记者问|新闻发布会|政策问答")
_FILE_URL_RE = re.compile(r"\.(?:pdf|docx?|wps|xlsx?|et|zip|rar|7z|ofd|txt)(?:$|\?)", re.I)
_DOWNLOAD_RE = re.compile(r"down|xiazai|attach|fujian|getfile|file", re.I)
_URL_TEXT_RE = re.compile(r"^(?:https?://|www\.)\S+$|^[\w-]+(?:\.[\w-]+)+\.(?:com|cn|net|org|gov)(?:/\S*)?$", re.I)


@dataclass(frozen=True)
class Link:
    """One usable link of an item: the element, its absolute URL, its title text and any date in it."""

    element: _Element
    url: str
    title: str
    date: date | None
    aside: frozenset[_Element] = frozenset()  # elements inside the link that are not title text (dates, badges)


def is_url_text(text: str) -> bool:
    """Link text that is an address (search results print the URL under the title), not a title."""
    return bool(_URL_TEXT_RE.match(text.strip()))


def is_companion_title(title: str) -> bool:
    """Link text of a companion of a document: its interpretation (解读, 图解) or another form (PDF, 下载)."""
    return bool(_FORMAT_TEXT_RE.match(title.replace(" ", ""))) or bool(_COMPANION_RE.search(title))


def _is_companion(link: Link) -> bool:
    return is_companion_title(link.title)


def _is_icon(link: Link) -> bool:
    """A link without text (an icon or image) that downloads or opens a file."""
    if link.title:
        return False
    marks = f"{link.url} {link.element.get('class', '')} {link.element.get('id', '')}"
    return bool(_FILE_URL_RE.search(link.url) or _DOWNLOAD_RE.search(marks))


def main_link(links: list[Link]) -> Link | None:
    """The entry's document: the longest title among links that are not an address, a companion (解读,
    PDF, 下载) or a menu/category page; failing that, the longest title among fewer exclusions."""
    titled = [link for link in links if link.title]
    pools = (
        [link for link in titled if not is_url_text(link.title) and not _is_companion(link) and not is_nav_url(link.url)],
        [link for link in titled if not is_url_text(link.title) and not is_nav_url(link.url)],
        [link for link in titled if not is_url_text(link.title)],
        titled,
    )
    pool = next((p for p in pools if p), [])
    return max(pool, key=lambda link: len(link.title)) if pool else None


def related_urls(links: list[Link], main: Link) -> tuple[str, ...]:
    """Other links of the item to the same document in another form or to its companions, in page order."""
    found: list[str] = []
    for link in links:
        if link.url == main.url or link.url in found or is_nav_url(link.url):
            continue
        if _is_companion(link) or _is_icon(link) or (_FILE_URL_RE.search(link.url) and link.title):
            found.append(link.url)
    return tuple(found)
