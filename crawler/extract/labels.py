"""Labelled metadata: 索引号/发文机构/成文日期… in label/value tables, in visible text and in Hanweb markers."""

from __future__ import annotations

import html
import re
from collections.abc import Iterable

from lxml import etree
from lxml.html import HtmlElement

from crawler.extract.header import is_hidden
from crawler.extract.text import normalize_line

# Label as printed (spaces and the trailing colon removed) → field name.
LABELS: dict[str, str] = {
    "标题": "title", "文件标题": "title", "副标题": "subtitle",
    "索引号": "index_number", "信息索引号": "index_number", "索取号": "index_number", "信息索取号": "index_number",
    "发文机构": "issuer", "发布机构": "issuer", "发文单位": "issuer", "发布单位": "issuer",
    "发文机关": "issuer", "制发机关": "issuer", "发布机关": "issuer", "发文部门": "issuer", "发布部门": "issuer",
    "成文日期": "written", "成文时间": "written", "发文日期": "written",
    "发布日期": "published", "发布时间": "published", "公开日期": "published", "公开时间": "published",
    "日期": "published",
    "文号": "doc_number", "发文字号": "doc_number", "发文号": "doc_number", "文件编号": "doc_number",
    "文件字号": "doc_number", "发布文号": "doc_number",
    "有效性": "validity", "时效性": "validity", "效力状态": "validity",
    "主题分类": "topic_category", "分类": "topic_category",
    "来源": "source", "信息来源": "source", "文章来源": "source", "稿件来源": "source",
    "作者": "author",
}
# Labels that name a field only in an article's byline, right under its title: elsewhere on a page "时间：" is
# a meeting's time and "记者：" a quotation. Checked by byline.py on the header lines only.
BYLINE_LABELS: dict[str, str] = {
    **LABELS,
    "时间": "published", "发表时间": "published", "发表日期": "published", "发稿时间": "published",
    "发表于": "published", "发布于": "published",
    "来源于": "source", "稿源": "source", "新闻来源": "source", "消息来源": "source",
    "记者": "author", "撰稿": "author", "撰文": "author", "执笔": "author", "撰稿人": "author", "文": "author",
}
_LABEL_NOISE = re.compile(r"[\s\u3000:：【】\[\]]+")
# The label tests run in libxml2: an element's text, spaces, colons and brackets dropped (as _LABEL_NOISE does),
# must be one of the labels ("|索引号|发文机关|…|" contains "|" + text + "|"), so Python reads only real labels.
_LABEL_STRIP = " \t\n\r\xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000:：【】[]"
_LABEL_WORDS = "|" + "|".join(LABELS) + "|"
_LABEL_SPACES = re.compile(r"[\s\u3000]+")
# Cells short enough to be a label ("标　　题：" pads to ~10 characters); the length test runs in
# libxml2, so the long value cells of a big body table never reach Python.
_LABEL_CELLS = etree.XPath(
    "(//td | //th | //dt)[string-length(normalize-space(.)) <= 16]"
    "[contains($labels, concat('|', translate(., $strip, ''), '|'))]"
)
# A value ends where the next "label：" on the same line starts (a label has no digits, so the
# "10:" of a time does not end a date), or at a table cell boundary " | ".
_VALUE_END = r"(?=\s[^\s\d:：|]{1,8}\s*[:：]|\s\|\s|$)"


# Templates pad labels to one width with spaces between their characters: "索 引 号：", "文　　号：".
_PAD = r"[ \u3000\xa0]{0,4}"


def _spaced(label: str) -> str:
    return _PAD.join(re.escape(char) for char in label)


def _alternation(labels: Iterable[str], padded: bool = True) -> str:
    """A regex alternation of the labels, longest first (so 信息来源 is tried before 来源)."""
    return "|".join(sorted((_spaced(k) if padded else re.escape(k) for k in labels), key=len, reverse=True))


def label_pattern(labels: Iterable[str]) -> re.Pattern[str]:
    """"label：value" with the value running to the next label (a padded one too), a cell boundary or the
    line's end. The matched label may hold padding spaces: look it up with label_key()."""
    alternatives = _alternation(labels)
    # A label opening a bracket ends its value at the bracket's close: "【发布单位：某某局】【发布时间：…】".
    return re.compile(
        r"(?:(?P<open>【)|^|(?<=[\s|（(\[]))(?P<label>" + alternatives + r")\s*[:：]\s*(?P<value>.*?)"
        # An empty label ("发布时间： 来源：某某") ends where the next one starts, its spaces already read.
        + r"(?(open)(?=】)|(?=(?:\s|(?<=\s))(?:" + alternatives + r")\s*[:：]|(?:\s|(?<=\s))[^\s\d:：|]{1,8}\s*[:：]"
        + r"|\s\|\s|$))"
    )


def bracket_label_pattern(labels: Iterable[str]) -> re.Pattern[str]:
    """"【label】value" without a colon, the value running to the next bracket or the line's end:
    "【发布机构】某某厅 【发布日期】2024-03-01 【文号】某发〔2024〕5号"."""
    alternatives = _alternation(labels)
    return re.compile(r"【\s*(?P<label>" + alternatives + r")\s*】\s*(?P<value>[^【】]*?)\s*(?=【|$)")


def label_key(label: str) -> str:
    """A matched label without its padding: "索 引 号" → "索引号"."""
    return _LABEL_SPACES.sub("", label)


_TEXT_LABEL = label_pattern(k for k in LABELS if k not in ("分类", "标题"))
_BRACKET_LABEL = bracket_label_pattern(k for k in LABELS if k not in ("分类", "标题"))
_BRACKETED_LABEL_WORD = re.compile(
    r"【\s*(?:" + _alternation(LABELS) + r")\s*】"
)


def has_bracket_label(text: str) -> bool:
    """Whether a text holds a bracketed field label: "【发布机构】", "【文 号】"."""
    return "】" in text and _BRACKETED_LABEL_WORD.search(text) is not None
# Lines longer than this are article paragraphs; a metadata line is short.
_MAX_TEXT_LINE = 200
# A page header line opens with a label: "发布日期：2026-11-19 信息来源：… 浏览次数：…".
_LEADING_LABEL = re.compile(
    r"^(?:(?:" + _alternation(LABELS, padded=False) + r")[:：]|【(?:" + _alternation(LABELS, padded=False) + r")】)"
)
_MAX_HEADER_LINE = 120
_HANWEB_MARKER = re.compile(
    r"<!--<\$\[(?P<label>[^\]<>]{1,12})\]>begin-->(?P<value>.{0,400}?)<!--<\$\[(?P=label)\]>end-->", re.S
)
_TAG = re.compile(r"<[^>]*>")
_WORDY = re.compile(r"\w")  # a letter, digit or Chinese character


def normalize_label(text: str) -> str:
    """"索 引 号：" and "标　　题：" → "索引号", "标题"."""
    return _LABEL_NOISE.sub("", text)


def field_for_label(text: str) -> str | None:
    return LABELS.get(normalize_label(text))


def _next_cell(cell: HtmlElement) -> HtmlElement | None:
    wanted = ("dd",) if cell.tag == "dt" else ("td", "th")
    sibling = cell.getnext()
    while sibling is not None and not (isinstance(sibling.tag, str) and sibling.tag in wanted):
        sibling = sibling.getnext()
    return sibling


def table_values(root: HtmlElement) -> dict[str, str]:
    """Field values from label/value cells (MOST xxgk_detail_table1, NMPA tables, dt/dd lists).

    The first non-empty value per field wins: the metadata table sits above the body, whose own
    tables (an NMPA approval list, say) come later.
    """
    found: dict[str, str] = {}
    for cell in _LABEL_CELLS(root, labels=_LABEL_WORDS, strip=_LABEL_STRIP):
        field = field_for_label(cell.text_content())
        if field is None or field in found:
            continue
        value_cell = _next_cell(cell)
        if value_cell is None:
            continue
        value = normalize_line(value_cell.text_content())
        if value and field_for_label(value) is None:
            found[field] = value
    return found


# Labels in their own inline or block element, the value in the next sibling, without a colon as often as with
# one: <span>索引号</span><p>…</p>, <div class="label">发布机构：</div><div class="value">…</div>,
# <label>文号</label><span>…</span>.
_PAIR_LABELS = etree.XPath(
    "(//span | //div | //label | //strong | //b | //em | //i | //p | //font)"
    "[not(*[not(self::br)])][string-length(normalize-space(.)) <= 16]"
    "[contains($labels, concat('|', translate(., $strip, ''), '|'))]"
)
_MAX_PAIR_VALUE = 100


def _shown(element: HtmlElement) -> bool:
    return not any(map(is_hidden, (element, *element.iterancestors())))


def pair_values(root: HtmlElement) -> dict[str, str]:
    """Field values from a label element followed by its value element (first shown value per field)."""
    found: dict[str, str] = {}
    for label in _PAIR_LABELS(root, labels=_LABEL_WORDS, strip=_LABEL_STRIP):
        field = field_for_label(label.text_content())
        if field is None or field in found:
            continue
        value_element = label.getnext()
        while value_element is not None and not isinstance(value_element.tag, str):
            value_element = value_element.getnext()
        if value_element is None or value_element.tag in ("a", "script", "style") or not _shown(label):
            continue
        value = normalize_line(value_element.text_content())
        if value and len(value) <= _MAX_PAIR_VALUE and field_for_label(value) is None:
            found[field] = value
    return found


def _value_of(raw: str) -> str:
    value = raw.strip(" （()）【】[]").strip()
    # "来源: | 发布时间: …": an empty label before a cell separator has no value, not the value "|".
    return value if _WORDY.search(value) else ""


def text_values(lines: Iterable[str], pattern: re.Pattern[str] = _TEXT_LABEL,
                labels: dict[str, str] = LABELS, bracketed: re.Pattern[str] | None = _BRACKET_LABEL) -> dict[str, str]:
    """Field values from "label：value" in visible lines (发布时间：…, 来源：…, 文号：…), and from "【label】value"."""
    found: dict[str, str] = {}
    for line in lines:
        if len(line) > _MAX_TEXT_LINE:
            continue
        matches: list[re.Match[str]] = []
        if "：" in line or ":" in line:
            matches.extend(pattern.finditer(line))
        if bracketed is not None and "】" in line:
            matches.extend(bracketed.finditer(line))
        for match in sorted(matches, key=lambda m: m.start()):
            field = labels.get(label_key(match.group("label")))
            if field is None:
                continue
            value = _value_of(match.group("value"))
            if value and field not in found:
                found[field] = value
    return found


def is_metadata_line(line: str) -> bool:
    """A short line that opens with a field label (发布日期：…, 来源：…): the article's header, not its text."""
    return len(line) <= _MAX_HEADER_LINE and bool(_LEADING_LABEL.match(_LABEL_SPACES.sub("", line[:24])))


def hanweb_marker_values(source: str) -> dict[str, str]:
    """Hanweb's <!--<$[信息来源]>begin-->X<!--<$[信息来源]>end--> field markers in the raw page."""
    found: dict[str, str] = {}
    if "<!--<$[" not in source:
        return found
    lowered = source.lower()
    for match in _HANWEB_MARKER.finditer(source):
        # Templates also strip these markers in JavaScript (title.replace("<!--<$[标题]>begin-->","")):
        # a marker pair inside a <script> is code, not a field.
        if lowered.rfind("<script", 0, match.start()) > lowered.rfind("</script", 0, match.start()):
            continue
        field = field_for_label(match.group("label"))
        value = normalize_line(html.unescape(_TAG.sub("", match.group("value"))))
        if field and value and field not in found:
            found[field] = value
    return found
