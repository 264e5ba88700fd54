"""Split a list title from its subtitle or revision note, conservatively.

The labels decide what a person reads as the title: a parenthesised note or a "——" line written into
one headline string stays in the title ("关于…的通知（征求意见稿）", "A——B", "（人民时评）"). A note
is a subtitle only when the page itself sets it apart: the link's `title` attribute names the title without
it, or the note sits in its own element (or after a line break) inside the link. Even then a revision note
of a law's or rule's name stays: "中华人民共和国科学技术普及法（2024年修订）" is the name of that text.
"""

from __future__ import annotations

import re

from lxml import etree
from lxml.etree import _Element

from crawler.extract.listing_dates import box_date
from crawler.extract.listing_text import clean_title, normalize_space

_OPENERS = "（(【[〔<《—-－:：|｜"
_WRAPPED_RE = re.compile(r"^\s*[（(【\[〔]\s*(.*?)\s*[）)】\]〕]\s*$", re.S)
_LEAD_RE = re.compile(r"^[\s—\-－:：|｜]+")
_REVISION_RE = re.compile(r"修订|修正|修改|年版|版\s*[）)]|试行|暂行|草案|施行")
_NAME_END_RE = re.compile(r"(?:法|条例|规定|办法|细则|规则|章程|准则|标准|规范|目录|指南|决定|通则|》)\s*$")
_MIN_TITLE = 4  # what stays as the title must still be a title, not a stub such as "通知"
# Class words of an element holding an entry's subtitle beside its title link (`<p class="subtitle">`).
_SUBTITLE_WORDS = {"subtitle", "subtit", "subhead", "fbt", "futi", "futitle", "vicetitle", "vtitle"}
_CLASS_SPLIT_RE = re.compile(r"[\s_-]+")
_MAX_SUBTITLE = 60  # longer text beside a title is a summary
_MARKED_XPATH = (
    ".//*[contains(translate(concat(@class, ' ', @id), 'SUBTFIVEH', 'subtfiveh'), 'sub')"
    " or contains(translate(concat(@class, ' ', @id), 'FBTU', 'fbtu'), 'fbt')"
    " or contains(translate(concat(@class, ' ', @id), 'FUTI', 'futi'), 'futi')"
    " or contains(translate(concat(@class, ' ', @id), 'VICETL', 'vicetl'), 'vtitle')"
    " or contains(translate(concat(@class, ' ', @id), 'VICETL', 'vicetl'), 'vicetitle')]"
)
_MARKED = etree.XPath(_MARKED_XPATH)


def _clean_subtitle(text: str) -> str:
    text = normalize_space(text)
    wrapped = _WRAPPED_RE.match(text)
    if wrapped:
        return wrapped.group(1).strip()
    return _LEAD_RE.sub("", text).strip()


def _is_name_part(title: str, note: str) -> bool:
    """A revision or version note of a law's name belongs to the name."""
    return bool(_REVISION_RE.search(note)) and bool(_NAME_END_RE.search(title))


def _accept(title: str, note: str) -> tuple[str, str | None] | None:
    title, note = normalize_space(title), normalize_space(note)
    if len(title) < _MIN_TITLE or not note or note[0] not in _OPENERS:
        return None
    if _is_name_part(title, note):
        return None
    subtitle = _clean_subtitle(note)
    return (title, subtitle) if subtitle else None


def _set_apart(link: _Element, skip: set[_Element]) -> tuple[str, str] | None:
    """(title, note) when the link's last piece of text is its own element or follows a <br>."""
    pieces: list[tuple[str, bool]] = []  # (text, starts a new piece set apart by markup)
    if (link.text or "").strip():
        pieces.append((link.text or "", False))
    for child in link:
        if not isinstance(child.tag, str):
            if (child.tail or "").strip():
                pieces.append((child.tail or "", False))
            continue
        if child in skip:
            continue
        if child.tag == "br":
            if (child.tail or "").strip():
                pieces.append((child.tail or "", True))
            continue
        text = normalize_space(" ".join(child.itertext()))
        if text:
            pieces.append((text, True))
        if (child.tail or "").strip():
            pieces.append((child.tail or "", False))
    if len(pieces) < 2 or not pieces[-1][1]:
        return None
    return "".join(p for p, _ in pieces[:-1]), pieces[-1][0]


def split_subtitle(link: _Element, title: str, title_attr: str | None, skip: set[_Element]) -> tuple[str, str | None]:
    """(title, subtitle) of a link whose chosen title is `title`; subtitle None when there is none."""
    attr = clean_title(title_attr or "")
    if attr and len(attr) < len(title) and title.startswith(attr):
        found = _accept(attr, title[len(attr):])
        if found:
            return found
    apart = _set_apart(link, skip)
    if apart and clean_title(apart[0] + apart[1]).replace(" ", "") == title.replace(" ", ""):
        found = _accept(clean_title(apart[0]), apart[1])
        if found:
            return found
    return title, None


def subtitle_beside(item: _Element, link: _Element) -> str | None:
    """A subtitle the item shows in its own element next to the title link, marked as such by its class
    (`subtitle`, `sub-title`, `fbt` …); an element holding a link or a date is not one."""
    for element in _MARKED(item):  # in C: most items have no such element
        if element is link or element.find(".//a") is not None:
            continue
        marks = f"{element.get('class', '')} {element.get('id', '')}".lower()
        tokens = set(_CLASS_SPLIT_RE.split(marks))
        if not tokens & _SUBTITLE_WORDS and "subtitle" not in _CLASS_SPLIT_RE.sub("", marks):
            continue
        text = normalize_space(" ".join(element.itertext()))
        if text and len(text) <= _MAX_SUBTITLE and box_date(text) is None:
            return _clean_subtitle(text) or None
    return None
