"""Document numbers (文号/发文字号): recognising them in text and writing them one canonical way."""

from __future__ import annotations

import re

from crawler.extract.text import compat_normalize

# After NFKC, （）［］ are ASCII; 〔〕【】 and the rarer 〈〉《》 stay as they are.
_OPEN, _CLOSE = r"[\[(〔【〈{<]", r"[\])〕】〉}>]"
_YEAR_BRACKET = re.compile(_OPEN + r"((?:19|20)\d{2})(?:年)?" + _CLOSE)
_SPACE = re.compile(r"\s+")
# The part before the bracket: an issuing-body abbreviation plus a kind (发, 函, 办, 字…), e.g. 浙科发.
_PREFIX = r"[\u4e00-\u9fffA-Za-z]{1,16}"
_BRACKETED = re.compile(
    r"(?P<prefix>" + _PREFIX + r")\s*" + _OPEN + r"\s*(?:19|20)\d{2}\s*(?:年)?\s*" + _CLOSE
    + r"\s*第?\s*\d{1,5}\s*号"
)
# Order numbers in Arabic or Chinese numerals: 第24号, 第四十三号.
_ORDINAL = r"第\s*(?:\d{1,5}|[零〇一二三四五六七八九十百千两]{1,8})\s*号"
_YEAR_NUMBER = r"(?:19|20)\d{2}\s*年\s*(?:第\s*)?\d{1,5}\s*号"
# 科学技术部令第24号, 国务院令第782号, 中华人民共和国主席令（第四十三号）, 中华人民共和国国家发展和改革委员会令第1号
# (18 characters before 令); ministries that number their orders by year: 交通运输部令2024年第3号.
_ORDER_NUMBER = r"(?:" + _ORDINAL + "|" + _YEAR_NUMBER + ")"
_ORDER = re.compile(r"(?P<prefix>[\u4e00-\u9fff]{1,20}令)\s*(?:\(\s*" + _ORDER_NUMBER + r"\s*\)|" + _ORDER_NUMBER + ")")
# 国家药监局公告2023年第12号, 公告 2024年第3号, and joint announcements naming several agencies:
# 财政部 税务总局 科技部公告2022年第28号.
# The agency may be left out where the page names it elsewhere: "公告2024年第3号" under the title.
_NOTICE = re.compile(
    r"(?P<prefix>(?:(?:[\u4e00-\u9fff]{2,14}[ \u3000、]+){0,5}[\u4e00-\u9fff]{1,14})?(?:公告|通告))"
    r"\s*(?:\(\s*" + _YEAR_NUMBER + r"\s*\)|" + _YEAR_NUMBER + ")"
)
_SHAPES = (_BRACKETED, _ORDER, _NOTICE)
# Words that end the sentence before a number cited in running text (根据浙科发〔2019〕12号…).
# Single characters common inside agency abbreviations (经 in 浙经信, 和 in 卫生和计划生育) are left out.
_LEAD_IN = re.compile(r".*(?:根据|按照|依据|依照|参照|印发|转发|公布|颁布|签署|详见|以及|的|及|与|或)")
# A labelled value (文号：…) may say the document has none.
_NONE_VALUES = {"无", "暂无", "/", "-", "—", "——", "空"}


# NMPA writes its notice numbers either way: 国家药监局公告（2024年第3号） → 国家药监局公告2024年第3号; orders
# too: 中华人民共和国主席令（第四十三号） → 中华人民共和国主席令第四十三号.
_NOTICE_PARENS = re.compile(r"(公告|通告)\(((?:19|20)\d{2}年第?\d{1,5}号)\)")
_ORDER_PARENS = re.compile(r"(令)\(((?:第[^()]{1,8}|(?:19|20)\d{2}年第?\d{1,5})号)\)")
# Spaces go, except between the names of the agencies issuing a joint announcement (财政部 税务总局公告…).
_INNER_SPACE = re.compile(r"(?<=[\u4e00-\u9fff])[ \u3000]+(?=[\u4e00-\u9fff])(?![第令公通])")
_NUMBERED = re.compile(r"\d|第[零〇一二三四五六七八九十百千两]+号")


def _canonical(text: str) -> str:
    text = compat_normalize(text).strip()
    text = _INNER_SPACE.sub("\x00", text)
    text = _SPACE.sub("", text).replace("\x00", " ")
    text = _ORDER_PARENS.sub(r"\1\2", _NOTICE_PARENS.sub(r"\1\2", _YEAR_BRACKET.sub(r"〔\1〕", text)))
    return text


def normalize_doc_number(value: str | None) -> str | None:
    """One spelling per 文号: 〔year〕 brackets, ASCII digits, no spaces (but one between the agencies of a
    joint announcement); None when it is not a 文号.

    浙科发[2019]12号 and 浙科发（２０１９）１２号 both become 浙科发〔2019〕12号; 国务院令第782号 stays;
    中华人民共和国主席令（第四十三号） becomes 中华人民共和国主席令第四十三号.
    """
    if not value:
        return None
    text = _canonical(value).strip("：:;；,，。")
    if text.startswith("(") and text.endswith(")") and text.count("(") == 1:
        text = text[1:-1]  # a labelled value written in brackets: （国务院令第782号）
    if not text or text in _NONE_VALUES:
        return None
    if not _NUMBERED.search(text) or "号" not in text:
        return None
    return text


def _trim_prefix(prefix: str) -> str:
    """Cut running-text words off the front of a cited number's prefix."""
    trimmed = _LEAD_IN.sub("", prefix)
    return trimmed if len(trimmed) >= 2 else prefix


def find_doc_number(text: str | None) -> str | None:
    """The first document number in free text (a 文号 line, the centred line under a title…).

    Dates, phone numbers and street addresses never match: every accepted shape needs a
    bracketed year, a 令第N号 order number (第四十三号 too) or a 公告YYYY年第N号 notice number.
    """
    if not text:
        return None
    normalized = compat_normalize(text)
    best: re.Match[str] | None = None
    for pattern in _SHAPES:
        match = pattern.search(normalized)
        if match and (best is None or match.start() < best.start()):
            best = match
    if best is None:
        return None
    prefix = best.group("prefix")
    number = _trim_prefix(prefix) + best.group(0)[len(prefix):]
    return normalize_doc_number(number)


_JOINT_SEPARATOR = re.compile(r"[\s\u3000、，,；;]+")


def is_doc_number_line(line: str, share: float = 0.6) -> str | None:
    """The 文号 when a short line is mostly one (the centred line of a policy document).

    share=0.6 keeps lines such as "浙科发〔2019〕12号" or "（国务院令第782号）" and rejects body
    sentences that merely cite another document.
    """
    line = line.strip()
    if not line or len(line) > 60:
        return None
    found = find_doc_number(line)
    if len(line) <= 40 and found and len(found) >= share * len(_SPACE.sub("", line)):
        return found
    # A jointly issued document's line lists each agency's number: "某科发〔2024〕12号 某财教〔2024〕3号"; the
    # first is the lead agency's.
    parts = [part for part in _JOINT_SEPARATOR.split(line) if part]
    if len(parts) >= 2 and all(
        _BRACKETED.fullmatch(compat_normalize(part)) and find_doc_number(part) == normalize_doc_number(part)
        for part in parts
    ):
        return normalize_doc_number(parts[0])
    return None
