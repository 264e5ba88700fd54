"""Cleaning a short field value (来源, author): markup debris, page furniture and empty values out."""

from __future__ import annotations

import html
import re

from crawler.extract.text import normalize_line

_TAG = re.compile(r"<[^>]*>|<[a-zA-Z/][^<]*$")
# Attribute fragments that a broken tag or a CMS field marker leaves in the text: size="20", style='…'.
_ATTRIBUTE = re.compile(r"""\b[a-zA-Z][\w:-]*\s*=\s*(?:"[^"]*"?|'[^']*'?|[^\s"'<>]+)""")
_STRAY = re.compile(r"[<>]+")
# Buttons and counters that sit right after a byline value: "来源: 某某报 举报", "来源：某某网 参与互动".
_FURNITURE_WORDS = r"(?:举报|参与互动|我要评论|评论|分享到?|收藏|打印|字号|字体|关注|订阅|浏览|阅读|点击|纠错|关闭(?:窗口|本页)?|复制链接|手机看|扫一扫)"
# …also when the button sits in brackets right after the value: "来源：某某网 【打印】", "来源：某某网 [关闭]".
_FURNITURE = re.compile(r"\s+[【\[［(（]?\s*" + _FURNITURE_WORDS + r"\b.*$")
FURNITURE_WORD = re.compile(r"(?:^|\s)" + _FURNITURE_WORDS + r"(?:$|\s|\d)")
_WORDY = re.compile(r"\w")
# The byline's date run into a value: "来源： 某某日报 2024-05-13 08:49".
_TRAILING_DATE = re.compile(r"\s+(?:19|20)\d{2}\s*[-/.年]\s*\d{1,2}\s*[-/.月]\s*\d{1,2}日?(?:\s+\d{1,2}:\d{2}(?::\d{2})?)?\s*$")
# A reposting site's credit run into the value: "来源：某某科技 某某网收集", "来源：某某报 某某网整理".
_REPOST_CREDIT = re.compile(r"\s+\S{1,12}?\s*(?:收集|整理|转载|转自|采集)\s*$")
# A bracket left open at either end once a button or a date was cut off: "某某网 【" (from "某某网 【打印】").
_DANGLING_OPEN = re.compile(r"\s*[【\[［(（《〔]+$")
_DANGLING_CLOSE = re.compile(r"^[】\]］)）》〕]+\s*")
# A value wholly in brackets, as some templates print an unlabelled 来源: "[省发改委]", "【某某日报】".
# A template's placeholder left unrendered (a page saved before its script filled it): {{data.docSource}},
# ${author}, $!{source}, {$source}, #{source}, <%=source%>.
_PLACEHOLDER = re.compile(r"\{\{[^{}]*\}\}|[$#]!?\{[^{}]*\}|\{\$[^{}]*\}|<%=?[^%]*%>")
_WRAPPED = re.compile(r"^[【\[［(（〔](?P<inner>[^【\[［(（〔】\]］)）〕]+)[】\]］)）〕]$")
MAX_VALUE = 60  # 来源 and author values are short; a longer one is a sentence caught by a loose label


def without_placeholder(value: str | None) -> str | None:
    """A value that is only an unrendered template placeholder ("{{data.publisher}}") is no value."""
    if value and _PLACEHOLDER.search(value) and not _WORDY.search(_PLACEHOLDER.sub("", value)):
        return None
    return value


def clean_field_value(value: str | None) -> str | None:
    """Tags, attribute fragments, template placeholders and trailing buttons out, whitespace collapsed; None when
    nothing is left."""
    if not value:
        return None
    text = _PLACEHOLDER.sub(" ", html.unescape(value))
    text = _TAG.sub(" ", text)
    text = _ATTRIBUTE.sub(" ", text)
    text = _STRAY.sub(" ", text)
    text = normalize_line(text)
    text = _FURNITURE.sub("", text)
    text = _TRAILING_DATE.sub("", text).strip(" |｜:：,，;；·-\"'")
    text = _REPOST_CREDIT.sub("", text)
    text = _DANGLING_CLOSE.sub("", _DANGLING_OPEN.sub("", text))
    wrapped = _WRAPPED.match(text)
    if wrapped:
        text = wrapped["inner"].strip()
    if not text or not _WORDY.search(text) or len(text) > MAX_VALUE or FURNITURE_WORD.fullmatch(text):
        return None
    return text
