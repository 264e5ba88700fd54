"""Authors: the names a byline gives (作者：张三 李四, 记者 张三, 文/张三, （记者张三）), never an editor or a site."""

from __future__ import annotations

import re

from crawler.extract.values import clean_field_value

_HAN = r"[\u4e00-\u9fff]"
# Role words in front of the names: "某某新闻记者 张三", "本报记者 张三", "职工通讯员 李四".
_ROLE = re.compile(r"^.{0,12}?(?:见习记者|特约记者|首席记者|实习记者|记者|通讯员|实习生|撰稿人|撰稿|撰文|执笔|作者|评论员)\s*[:：/|]?\s*")
# Words after or between the names that are not names: 整合 ("记者张三 整合"), 报道, 摄.
_NOT_A_NAME = re.compile(r"^(?:整合|整理|报道|编译|综合|摄|摄影|图|文|等|供稿|发自\S*)$")
# Values that name nobody: "作者：网络整理", "佚名", "本站", an admin account.
_NOBODY = re.compile(r"^(?:网络整理|网络|整理|综合|佚名|未知|匿名|本站|本网|管理员|admin|administrator|编辑部|暂无|无)$", re.I)
# Digits make an id, a count or a date (an empty "作者：" followed by the time), never a name.
_DIGITS = re.compile(r"\d{3}|\d+[-:/]\d+")
_SPLIT = re.compile(r"[、，,；;&＆/|\s]+")
# A name glued to its affiliation, "李明北京大学经济学院教授": the affiliation starts with a place or a
# national body (the provinces and the words national institutions start with), the name is 2–3 characters.
_AFFILIATION_START = re.compile(
    r"(?:中国|中央|国家|国务院|清华|北大|复旦|南开|同济|人民|首都|北京|天津|上海|重庆|河北|山西|辽宁|吉林|黑龙江|江苏|浙江"
    r"|安徽|福建|江西|山东|河南|湖北|湖南|广东|海南|四川|贵州|云南|陕西|甘肃|青海|台湾|内蒙古|广西|西藏|宁夏|新疆|香港|澳门)"
)
_AFFILIATION_END = re.compile(r"(?:大学|学院|研究院|研究所|研究中心|中心|教授|研究员|主任|院长|博士|讲师|学者|专家)$")
# Longer than this a "name" is a sentence or an organisation's full title, not a byline entry.
_MAX_NAME = 12
_MAX_NAMES = 6


def _strip_affiliation(name: str) -> str:
    if len(name) <= 4 or not _AFFILIATION_END.search(name):
        return name
    for cut in (2, 3):
        if re.fullmatch(f"{_HAN}{{{cut}}}", name[:cut]) and _AFFILIATION_START.match(name[cut:]):
            return name[:cut]
    return name


def _joined_single_characters(parts: list[str]) -> list[str]:
    """"李 明": a two-character name padded to the width of three with a space is one name."""
    joined: list[str] = []
    for part in parts:
        if joined and len(part) == 1 and len(joined[-1]) == 1 and re.fullmatch(_HAN, part + "") and re.fullmatch(
                _HAN, joined[-1]):
            joined[-1] += part
        else:
            joined.append(part)
    return joined


# An empty 作者 label followed by the next label: "作者：责任编辑：张三" names no author.
_ANOTHER_LABEL = re.compile(r"^(?:责任编辑|编辑|审核|校对|来源|发布时间|发布日期|时间|日期|浏览|点击)\s*[:：]")


# A content platform's account badge after the account's name: "某某新闻 企鹅号", "某某 头条号".
_ACCOUNT_BADGE = re.compile(r"\s*(?:企鹅号|头条号|百家号|搜狐号|网易号|大风号|一点号|澎湃号|新浪号|微信公众号|公众号)$")


def clean_author(value: str | None) -> str | None:
    """The names of a byline value, space-separated; None when it names nobody (网络整理, a site, junk)."""
    value = clean_field_value(value)
    if value:
        value = _ACCOUNT_BADGE.sub("", value)
    if not value or _ANOTHER_LABEL.match(value):
        return None
    value = _ROLE.sub("", value)
    names: list[str] = []
    for part in _joined_single_characters(_SPLIT.split(value)):
        part = _ROLE.sub("", part.strip("（()）【】[]《》“”\"'·.。:："))
        if not part or _NOT_A_NAME.match(part):
            continue
        part = _strip_affiliation(part)
        if _NOBODY.match(part) or len(part) > _MAX_NAME or _DIGITS.search(part):
            return None
        names.append(part)
    if not names or len(names) > _MAX_NAMES:
        return None
    return " ".join(dict.fromkeys(names))


# Credit lines around a body, with the names they give.
_CREDIT_LINE = re.compile(
    r"^[（(【\[]?\s*(?:执笔|文|撰文|撰稿|作者|记者|文/图|图/文|文图|图文)\s*[/|｜︱:：]\s*(?P<names>[^（()）【】\[\]]{1,40}?)\s*[）)】\]]?$"
)
_REPORTER_LINE = re.compile(
    r"^[（(]?.{0,12}?(?:记者|作者)\s+(?P<names>(?:" + _HAN + r"{2,4}[\s、]*){1,4})(?:\s*来源[:：]\S{1,20})?\s*[）)]?$"
)
# The dateline of a news agency's first paragraph: "某某社北京5月9日电（记者王五）", "某某网5月9日讯（记者张三 整合）".
_DATELINE = re.compile(r"^.{0,30}?[电讯]\s*[（(]\s*(?:本报|本台|本网)?(?:见习|特约|首席)?记者\s*(?P<names>[^（()）]{2,30}?)\s*[）)]")
# A sign-off closing the last paragraph: "…举行。（赵六）", "…需要。(文/图 张三 李四)".
_SIGN_OFF = re.compile(
    r"[。！？!?”\"]\s*[（(]\s*(?:(?:文/图|图/文|文|记者|(?:本报|特约)?评论员)\s*[/:：]?\s*)?(?P<names>" + _HAN + r"{2,3}(?:[\s、]+"
    + _HAN + r"{2,3}){0,3})\s*[）)]$"
)
# A 2–3 character "name" with these endings is an organisation (某某社, 某某网, 某某局) or a note (完, 待续).
_ORGANISATION_END = re.compile(r"(?:社|网|报|局|委|办|部|厅|院|台|站|会|处|科|室|中心|组|队|馆|所|校|司|署|团|完|待续|摄|供图|供稿|原创|转载|整理|编辑)$")


# A credit that names an outlet, not a writer: "文/某某IT", "文/某某科技", "作者：某某日报", "文/某某网".
_OUTLET = re.compile(
    r"(?:IT|科技|财经|新闻|日报|晚报|早报|时报|商报|周刊|杂志|在线|客户端|频道|传媒|媒体|网|报社|通讯社|电视台|电台)$"
    r"|^" + _HAN + r"+[A-Z]{2,}$"
)


def is_outlet(names: str | None) -> bool:
    """Whether an author value credits outlets only ("某某IT", "某某日报"), not people."""
    return bool(names) and all(_OUTLET.search(name) for name in names.split())


# A line of labels run together without spaces: "来源：某某之家作者：张三责编：李四".
_LABEL_CHAIN = re.compile(
    r"^(?:来源|稿源|出处)\s*[:：][^:：]{1,30}?(?:作者|记者)\s*[:：]\s*(?P<names>[^\s:：]{2,12}?)"
    r"(?=责编|责任编辑|编辑|审核|校对|来源|\s|$)"
)


def credit_line_authors(line: str) -> str | None:
    """The author named by a credit line of its own ("执笔/张三、李四&王五", "某某新闻记者 张三 李四",
    "作者：张三 李四", "来源：某某作者：张三责编：李四")."""
    match = _CREDIT_LINE.match(line) or _REPORTER_LINE.match(line) or _LABEL_CHAIN.match(line)
    return clean_author(match.group("names")) if match else None


def dateline_authors(first_paragraph: str) -> str | None:
    match = _DATELINE.match(first_paragraph)
    return clean_author(match.group("names")) if match else None


# A signature line closing the text, the name then a bracketed note on how the piece came: "张三（某某社供本报特稿）".
_SIGNATURE = re.compile(
    r"^(?P<names>" + _HAN + r"{2,3}(?:[\s、]+" + _HAN + r"{2,3}){0,2})\s*[（(][^（()）]{0,16}(?:供稿|特稿|稿件|专稿|报道)[）)]$"
)


def sign_off_authors(last_paragraph: str) -> str | None:
    match = _SIGN_OFF.search(last_paragraph) or _SIGNATURE.match(last_paragraph.strip())
    if not match:
        return None
    names = match.group("names").split()
    if any(_ORGANISATION_END.search(name) for name in names):
        return None
    return clean_author(match.group("names"))
