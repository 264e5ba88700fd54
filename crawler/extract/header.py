"""The article's header: the lines between its title and its body, where the byline, date and 来源 stand."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from lxml.html import HtmlElement

from crawler.extract.text import BLOCK_TAGS, SKIP_TAGS, normalize_line

# How far the header reaches when no body container ends it: bylines are a few short lines under the title.
# Calibrated on the real-page corpus, where the longest header (title to body) has 6 lines and ~200
# characters; a line longer than _MAX_LINE is the article's first paragraph.
MAX_LINES = 8
MAX_CHARS = 600
_MAX_LINE = 150
# A line with a full stop is the text's first sentence, not a byline ("第一条 为推动…，制定本办法。").
_SENTENCE_END = re.compile(r"。")
_MIN_SENTENCE = 15
_BREAK_TAGS = BLOCK_TAGS | {"br", "td", "th", "tr", "li"}


@dataclass
class HeaderZone:
    """Lines after the title (before the body), and the elements they came from (for class-named bylines)."""

    lines: list[str] = field(default_factory=list)
    elements: list[HtmlElement] = field(default_factory=list)


_HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.I)


def is_hidden(element: HtmlElement) -> bool:
    """Hidden by its own markup (style display:none, the hidden attribute): text for crawlers, not readers
    (a "BaiduSpider" block repeats the byline with the editor as 作者)."""
    return element.get("hidden") is not None or bool(_HIDDEN_STYLE.search(element.get("style") or ""))


# A list of links to other items with their dates ("相关文件", "相关解读") set between a title and its body: not
# the byline, though each item holds a date next to a link.
_RELATED_MARK = re.compile(r"(?:^|[\s_-])(?:related|relate|xg\w*|tuijian|recommend)(?:$|[\s_-])", re.I)
_DATED = re.compile(r"(?:19|20)\d{2}\s*[-/.年]\s*\d{1,2}")
_MIN_DATED_ITEMS = 2


def _dated_link_item(item: HtmlElement) -> bool:
    links = [a for a in item.iter("a") if (a.get("href") or "").strip() not in ("", "#")
             and not (a.get("href") or "").startswith("javascript")]
    return bool(links) and bool(_DATED.search(item.text_content()))


def is_link_list(element: HtmlElement) -> bool:
    """A <ul>/<ol> whose items are dated links to other pages (two or more, or one in a block marked related)."""
    if element.tag not in ("ul", "ol"):
        return False
    dated = sum(1 for item in element.iterchildren("li") if _dated_link_item(item))
    if dated >= _MIN_DATED_ITEMS:
        return True
    marks = " ".join(f"{e.get('class', '')} {e.get('id', '')}" for e in (element, element.getparent()) if e is not None)
    return dated >= 1 and bool(_RELATED_MARK.search(marks))


class _Done(Exception):
    pass


class _Collector:
    def __init__(self, stop: HtmlElement | None) -> None:
        self.stop = stop
        self.stop_path = set(stop.iterancestors()) if stop is not None else set()
        self.zone = HeaderZone()
        self.buf: list[str] = []
        self.chars = 0

    def text(self, value: str | None) -> None:
        if value and value.strip():
            self.buf.append(value)

    def flush(self) -> None:
        line = normalize_line(" ".join(self.buf))
        self.buf.clear()
        if not line:
            return
        if len(line) > _MAX_LINE or (len(line) > _MIN_SENTENCE and _SENTENCE_END.search(line)):
            raise _Done
        self.zone.lines.append(line)
        self.chars += len(line)
        if len(self.zone.lines) >= MAX_LINES or self.chars >= MAX_CHARS:
            raise _Done

    def walk(self, element: HtmlElement) -> None:
        """The element's subtree (then its tail), stopping where the body starts."""
        if element is self.stop:
            raise _Done
        tag = element.tag if isinstance(element.tag, str) else ""
        if tag and tag not in SKIP_TAGS and not is_hidden(element) and not (
                element not in self.stop_path and is_link_list(element)):
            if tag in _BREAK_TAGS:
                self.flush()
            self.zone.elements.append(element)
            self.text(element.text)
            for child in element:
                self.walk(child)
            if tag in _BREAK_TAGS:
                self.flush()
        elif element in self.stop_path:  # a skipped element cannot hold the body, but be safe
            for child in element:
                self.walk(child)
        self.text(element.tail)


def _following(start: HtmlElement) -> Iterator[HtmlElement]:
    """Siblings after start, then after each ancestor's end, in document order (the parents' tails are
    yielded as the parents themselves, marked by identity, for the caller to take only their tails)."""
    node: HtmlElement | None = start
    while node is not None:
        yield from node.itersiblings()
        node = node.getparent()
        if node is not None:
            yield node


def header_after(title: HtmlElement, body_anchor: HtmlElement | None) -> HeaderZone:
    """The short lines from the end of the title element to the start of the body (or the first long line)."""
    collector = _Collector(body_anchor)
    try:
        collector.text(title.tail)
        ancestors = set(title.iterancestors())
        for node in _following(title):
            if node in ancestors:  # climbing out of a parent: its end breaks a block, then its tail follows
                if isinstance(node.tag, str) and node.tag in _BREAK_TAGS:
                    collector.flush()
                collector.text(node.tail)
                continue
            collector.walk(node)
    except _Done:
        pass
    try:
        collector.flush()  # the line the body's start cut off
    except _Done:
        pass
    return collector.zone
