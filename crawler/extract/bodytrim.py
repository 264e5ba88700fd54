"""The article text proper: headline matter and bylines cut off the body's start, credits and notices off its end.

Containers often hold more than the article: the headline again (spread over lines, or a news agency's
headline block "…会议强调 / 推动…发展 / 某某出席"), an original-title note, a byline line ("执笔/…",
"某某新闻记者 张三 李四"), a promotion link; and after the text the editor's line, credits and the
platform's notice. Those lines are cut and handed back, so the byline parser can read the names in them.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field

from crawler.extract.authors import credit_line_authors
from crawler.extract.dates import find_dates, normalize
from crawler.extract.labels import is_metadata_line
from crawler.extract.title_candidates import title_key

# The headline matter at the start is at most this many lines (title, a kicker, a subtitle, an original-title
# note): more would be the text.
_MAX_LEAD_LINES = 6
# Trailing boilerplate is looked for in this many last lines (a WeChat footer: credits, a QR prompt, a reply menu).
_MAX_TAIL_SCAN = 25
# After a closing byline, at most this many stray lines of this length (an inserted widget cell).
_MAX_AFTER_BYLINE, _MAX_STRAY = 2, 40
# A line repeating the title: its characters agree this much with the title's (character F1); calibrated on
# variants such as a headline variant that puts a nickname for a name, "某某说了啥？大魔王上下半场判若两人" for
# "某某说了啥？张三上下半场判若两人" (0.84).
_SIMILAR_TO_TITLE = 0.75
# Lines of a headline block under a title that starts it: short, without a sentence's punctuation.
_MAX_HEADLINE_LINE = 32
_SENTENCE = re.compile(r"[。；;，,]")
_ORIGINAL_TITLE = re.compile(r"^[（(]?\s*(?:本文)?原(?:标)?题(?:为)?[:：《]")
# A reposted article's credit on its first line: "原创： 张三编译 某某研究".
_REPOST_CREDIT = re.compile(r"^原创\s*[:：]")
_MAX_REPOST_CREDIT = 40
# A promotion link line: "点击进入“某某专栏”>>", "返回首页>>"; a media widget's label ("图集",
# "视频-某某事件现场") above the text.
_PROMO = re.compile(
    r"(?:>>|》》|→)\s*$|^点击(?:进入|查看|阅读)|^(?:图集|组图|高清组图|视频|音频|点击播放|播放)$|^(?:视频|组图|图集)\s*[-－:：|｜]"
    r"|^进入[【\[][^】\]]{1,20}[】\]]\S{0,6}$"
)
_MAX_PROMO = 30
# Lines naming the staff who handled the article, not its text: "（责任编辑：张三）", "【编辑:李四】", "责编：…",
# "编辑|王五", "校对|赵六", "某某党支部、某某科供稿 摄影/张三 编辑/李四".
# Traditional-character pages (Hong Kong, Taiwan, reprints) write the same roles: "責任編輯：張三".
_STAFF_ROLE = (r"(?:责任编辑|值班编辑|网络编辑|编辑|责编|编审|校对|审核|审校|审签|终审|初审|复审|监制|主编|美编|签发|制作|出品|摄影"
               r"|摄像|视频|图片|图|文|作者|记者|执笔|撰稿|通讯员|实习生"
               r"|責任編輯|值班編輯|網絡編輯|編輯|責編|編審|校對|審核|審校|審簽|終審|監製|主編|美編|簽發|製作|攝影|攝像|視頻|圖片|圖"
               r"|記者|執筆|通訊員|實習生)")
# Roles that also stand before a name with only a space between ("编辑 张三 校对 李四").
_STAFF_ROLE_SPACED = r"(?:责任编辑|编辑|责编|校对|审核|审校|终审|监制|主编|美编|摄影|責任編輯|編輯|責編|校對|審核|審校|監製|攝影)"
_STAFF_SEGMENT = re.compile(
    r"[（(【\[]?\s*(?:" + _STAFF_ROLE + r"\s*[:：/|｜︱]\s*[^\s（()）【】\[\]]{1,20}"
    r"(?:[\s、,，]+[^\s:：/|（()）【】\[\]]{2,4}(?![:：/|｜]))*"
    r"|" + _STAFF_ROLE_SPACED + r"\s+[^\s（()）【】\[\]]{2,20}"
    r"(?:[\s、,，]+[^\s:：/|（()）【】\[\]]{2,4}(?![:：/|｜]))*"
    r"|[^\s（()）【】\[\]]{1,24}(?:供稿|供图|摄))\s*[）)】\]]?"
)
# The origin, on a staff line ("本文来源：某某报 责任编辑：张三"): cut with it, though alone it is the text's.
_ORIGIN_SEGMENT = re.compile(r"[（(【\[]?\s*(?:本文)?(?:来源|稿源|出处)\s*[:：|｜]\s*[^\s（()）【】\[\]]{1,30}\s*[）)】\]]?")
# A pager under a multi-page article: "【1】【2】【3】【4】", "上一页 1 2 3 下一页", "|<<1234下一页>>|".
# Each number is taken whole and separators only after an item, so that a long line of numbers that is not a
# pager (a code listing's line-number gutter) fails at once instead of backtracking exponentially.
_PAGER = re.compile(r"^[【\[\]】|<>«»\s]*(?:(?:\d+(?!\d)|上一页|下一页|首页|尾页|末页)[【\[\]】|<>«»\s]*)+$")
_MAX_STAFF_LINE = 80
# A bracketed button beside the staff names: "【我要纠错】 责任编辑：张三".
_BUTTON = re.compile(r"[【\[]\s*(?:我要纠错|纠错|打印(?:本页)?|关闭(?:窗口|本页)?|收藏(?:本页)?|返回顶部)\s*[】\]]")
_CONTRIBUTED = re.compile(r"(?:对此文亦有贡献|对本文亦有贡献|参与采写|亦有贡献)[）)]?$")
_COMPILED = re.compile(r"^[（(]\s*(?:综合整理自|综合自|整理自|编译自|综合)[^（()）]{1,40}[）)]$")
# A platform's calls to action under a reposted article: reply menus, QR prompts, "点【在看】".
_CALL_TO_ACTION = re.compile(r"回复[【\[]|二维码|在看|点赞|关注我们|菜单栏|扫码|扫一扫|长按|转发|公众号|订阅号|点击(?:蓝字|上方|下方)")
_MAX_CALL = 40
# A platform's notice after the text, or the start of its related-links block: everything from it on is not
# the article.
_NOTICE = re.compile(
    r"^[【\[]?(?:特别声明|免责声明|版权声明|声明)[】\]]?\s*[:：]"
    r"|^[【\[]?(?:相关阅读|相关新闻|相关链接|相关资讯|相关报道|相关文章(?:链接|推荐)?|延伸阅读|推荐阅读|此前报道|往期回顾|热门推荐"
    r"|精彩视频推荐|视频推荐|相关视频|精彩推荐|延伸閱讀|相關新聞|相關閱讀|相關報導)[】\]]?\s*(?:[:：]|$)"
    r"|^相关资讯请关注"
)
# A notice on one line under the text: copyright terms, an app's download prompt, the article's tags.
_TERMS = re.compile(r"未经(?:允许|授权|许可|书面授权)[，,]?\s*(?:不得|禁止|严禁)转载|转载请(?:注明|联系)|版权(?:归|属于).{1,20}所有"
                    r"|转载时?(?:务必|须|请)|下载.{0,12}(?:APP|App|app|客户端)|^[（(]?本文来自"
                    r"|^(?:关键字|关键词|标签|Tags?)\s*[:：]"
                    # topic tags under the text, one a line: "#某某"
                    r"|^#[^\s#]{1,20}$"
                    # a prompt naming the site's mobile address: "……上手机某某网 m.example.cn"
                    r"|\s(?:[a-z0-9-]+\.)+(?:com|cn|net|org)\s*$")
# An original-title note under the text: "（原题为《某某现象是热潮还是回归理性》）".
_ORIGINAL_TITLE_NOTE = re.compile(r"^[（(]\s*原(?:标)?题(?:为)?[:：]?\s*《.*》\s*[）)]$")
_MAX_TERMS = 80
_MAX_ORIGINAL_TITLE = 60
# A related-stories block closing the text: a run of at least this many lines that are each the whole text of a
# link to a page (not a file), without a sentence's full stop.
_MIN_LINK_RUN, _MAX_LINK_LINE = 3, 40


# A byline that opens with its date rather than a label: "2024-05-09 来源：某某办公室": the date first, then at
# least one labelled part and no sentence. A date alone stays (a speech's or a letter's date above its text).
_BYLINE_SEGMENT = re.compile(r"\S{1,8}\s*[:：]\s*\S*")
_MAX_DATE_BYLINE, _MAX_DATE_BYLINE_REST = 80, 24


def _is_date_byline(line: str) -> bool:
    if len(line) > _MAX_DATE_BYLINE:
        return False
    text = normalize(line)
    hit = next(find_dates(text), None)
    if hit is None or text[: hit.start].strip():
        return False
    after = text[hit.end:]
    if not _BYLINE_SEGMENT.search(after):
        return False
    rest = _BYLINE_SEGMENT.sub("", after)
    return len(re.sub(r"\s+", "", rest)) <= _MAX_DATE_BYLINE_REST and not _SENTENCE.search(rest)


@dataclass
class Trimmed:
    lines: list[str]
    cut_lead: list[str] = field(default_factory=list)
    cut_tail: list[str] = field(default_factory=list)


def _char_f1(a: str, b: str) -> float:
    ca, cb = Counter(a), Counter(b)
    common = sum((ca & cb).values())
    if not common:
        return 0.0
    precision, recall = common / len(a), common / len(b)
    return 2 * precision * recall / (precision + recall)


def _repeats_title(key: str, titles: list[str]) -> bool:
    # Lengths this far apart cannot reach the F1 threshold: skip the count.
    return any(key == t or (0.5 * len(t) <= len(key) <= 1.5 * len(t) and _char_f1(key, t) >= _SIMILAR_TO_TITLE)
               for t in titles)


def _is_promo(line: str) -> bool:
    """A promotion link on a line of its own (a sentence before the link makes it the text's last line)."""
    return len(line) <= _MAX_PROMO and "。" not in line and bool(_PROMO.search(line))


def _is_staff_line(line: str) -> bool:
    if len(line) > _MAX_STAFF_LINE:
        return False
    if _CONTRIBUTED.search(line) or _COMPILED.match(line):
        return True
    rest = _STAFF_SEGMENT.sub("", line)
    return rest != line and not _BUTTON.sub("", _ORIGIN_SEGMENT.sub("", rest)).strip(" 　|｜·、,，")


def _title_lines(lines: list[str], titles: list[str]) -> int:
    """How many leading lines spell a title between them (a headline broken over lines with <br>)."""
    joined = ""
    for count, line in enumerate(lines[:_MAX_LEAD_LINES], start=1):
        joined += title_key(line)
        if count > 1 and joined in titles:
            return count
        if not any(t.startswith(joined) for t in titles):
            return 0
    return 0


def _cut_lead(lines: list[str], titles: list[str]) -> int:
    """How many leading lines are headline matter, original-title notes, bylines or promotions."""
    cut = 0
    block = False  # after a line that starts with the title: the headline block's short lines follow
    index = 0
    while index < min(len(lines), _MAX_LEAD_LINES):
        line = lines[index]
        key = title_key(line)
        spread = _title_lines(lines[index:], titles) if titles else 0
        if spread:
            index += spread
            cut = index
            continue
        if titles and "。" not in line and _repeats_title(key, titles):
            cut, block = index + 1, any(key.startswith(t) and key != t for t in titles)
        elif titles and any(key.startswith(t) for t in titles) and len(key) <= 2 * max(map(len, titles)):
            cut, block = index + 1, True
        elif block and len(line) <= _MAX_HEADLINE_LINE and not _SENTENCE.search(line):
            cut = index + 1
        elif (_ORIGINAL_TITLE.match(line) or is_metadata_line(line) or _is_date_byline(line) or credit_line_authors(line)
              or _is_staff_line(line) or (len(line) <= _MAX_REPOST_CREDIT and _REPOST_CREDIT.match(line))
              or _reprint_note(line)):
            cut, block = index + 1, False
        elif _is_promo(line):
            cut, block = index + 1, False
        else:
            break
        index += 1
    return cut


# A promotion link closing the last paragraph: "…仍将持续。返回首页>>".
_TRAILING_PROMO = re.compile(r"(?<=[。！？!?”])\s*[^。！？!?”]{1,15}(?:>>|》》)\s*$")


def _boilerplate(line: str) -> str | None:
    """"staff" for a credit or staff line, "promo" for a pager or promotion link, "call" for a platform's call
    to action, "origin" for a line naming the text's origin, None for text."""
    if _is_staff_line(line) or credit_line_authors(line):
        return "staff"
    if _PAGER.match(line) or _is_promo(line):
        return "promo"
    if len(line) <= _MAX_CALL and _CALL_TO_ACTION.search(line):
        return "call"
    if (len(line) <= _MAX_TERMS and _TERMS.search(line)) or _ORIGINAL_TITLE_NOTE.match(line):
        return "promo"
    if len(line) <= _MAX_ORIGINAL_TITLE and _ORIGINAL_TITLE.match(line):
        return "promo"  # "原标题：某某" under a reposted text
    if len(line) <= _MAX_STAFF_LINE and not _ORIGIN_SEGMENT.sub("", line).strip():
        return "origin"  # "（来源：某某政府网）": the text's own last line, unless a staff block stands before it
    return None


def _char_half(lines: list[str]) -> int:
    """The index of the first line by which half of the lines' characters have gone."""
    total, seen = sum(len(line) for line in lines), 0
    for index, line in enumerate(lines):
        if 2 * seen >= total:
            return index
        seen += len(line)
    return len(lines)


def _cut_tail(lines: list[str], keep: int) -> int:
    """Where the trailing credits and notices start (an index into lines, at least `keep`).

    From the end back: staff and credit lines, pagers and promotion links are cut; a platform's calls to action
    ("回复【社保】查询…", "扫描下方二维码…") only when a staff block stands before them (the footer a WeChat
    article brings along), since alone such words can end real text ("…引发广泛关注。").
    """
    end = len(lines)
    # A notice or related-links heading counts in the body's second half only: near the top, "相关新闻" is a
    # widget's title inside the text's container. Half by lines, or by characters: a long list of headlines
    # after the heading (a rolling-news widget inside the container) does not push it into the first half.
    half = _char_half(lines)
    for index in range(len(lines) - 1, max(keep, min(len(lines) // 2, half)) - 1, -1):
        if (index >= len(lines) - _MAX_TAIL_SCAN or index >= half) and _NOTICE.match(lines[index]):
            end = index
    plain = end  # the cut without calls to action
    staff_at: int | None = None
    index = end
    while index > keep and end - index < _MAX_TAIL_SCAN:
        kind = _boilerplate(lines[index - 1])
        if kind is None:
            break
        if kind == "staff":
            staff_at = index - 1
        if kind in ("staff", "promo") and plain == index:
            plain = index - 1
        index -= 1
    if staff_at is not None:
        return min(staff_at, plain)
    # Anything after the closing byline ("作者：张三 李四") is not the article: at most a stray line or two.
    for back in range(1, _MAX_AFTER_BYLINE + 2):
        at = end - back
        if at < keep:
            break
        if credit_line_authors(lines[at]):
            return at
        if len(lines[at]) > _MAX_STRAY or "。" in lines[at]:
            break
    return plain


_WORD = re.compile(r"\w")


def _links_in(line: str, links: frozenset[str]) -> int:
    """How many links a line is made of (a table row of links, "某某-首页-订阅"), 0 when it holds other words."""
    if len(line) > 2 * _MAX_LINK_LINE or "。" in line:
        return 0
    if line in links:
        return 1
    rest, count = line, 0
    for text in sorted((t for t in links if t in line), key=len, reverse=True):
        if text in rest:
            count += rest.count(text)
            rest = rest.replace(text, " ")
    return count if count and not _WORD.search(rest) else 0


def _link_run(lines: list[str], keep: int, end: int, links: frozenset[str]) -> int:
    """Where a closing run of related-story links starts (end when there is none): lines made only of links
    to pages, at least _MIN_LINK_RUN links in all."""
    start, count = end, 0
    while start > keep and len(lines[start - 1]) <= 2 * _MAX_LINK_LINE:
        found = _links_in(lines[start - 1], links)
        if not found:
            break
        count += found
        start -= 1
    return start if count >= _MIN_LINK_RUN else end


def trim_body(lines: list[str], titles: list[str | None], links: frozenset[str] = frozenset()) -> Trimmed:
    """The body lines without the headline matter before the text and the credits after it. `links`: the texts
    of the body's links to pages, so that a related-stories block under the text goes too."""
    keys = [title_key(t) for t in titles if t and len(title_key(t)) >= 4]
    start = _cut_lead(lines, keys)
    end = _cut_tail(lines, start)
    if links:
        run = _link_run(lines, start, end, links)
        end = _cut_tail(lines[:run], start) if run < end else end
    if start >= end:  # nothing would be left: it was all text after all
        return Trimmed(list(lines))
    kept = lines[start:end]
    kept[-1] = _TRAILING_PROMO.sub("", kept[-1])
    return Trimmed(kept, lines[:start], lines[end:])


_REPRINT = re.compile(r"^[（(【\[]?\s*(?:本文)?(?:来源|稿源|转载自|转自|来源于)\s*[:：]\s*(?P<source>[^（()）【】\[\]]{2,40}?)\s*[）)】\]]?$")
_REPRINT_LINES = 2
# A reposted account's note: "本文转载自公众号：某某（ID：abc），系作者授权…发布", "本文来自微信公众号「某某」".
_REPRINT_NOTE = re.compile(
    r"^[（(【\[]?\s*(?:本文)?(?:转载自|转自|来自|选自)\s*(?:微信)?(?:公众号|公号)\s*[:：]?\s*[「“《]?"
    r"(?P<source>[^\s（()）「」“”《》，,。；;:：]{2,20})[」”》]?\s*(?:[（(][^（()）]{0,40}[）)])?\s*(?:[，,。；;].*)?$"
)
_MAX_REPRINT_NOTE = 100


def _reprint_note(line: str) -> re.Match[str] | None:
    return _REPRINT_NOTE.match(line) if len(line) <= _MAX_REPRINT_NOTE else None


def reprint_source(lines: list[str], lead: Sequence[str] = ()) -> str | None:
    """The origin a reprinted article names on a line of its own at the body's end or start: "（来源：某某政府网）",
    or in a reposted account's note cut off the body's start (lead): "本文转载自公众号：某某（ID：…）"."""
    for line in [*lines[-_REPRINT_LINES:], *lines[:_REPRINT_LINES]]:
        match = _REPRINT.match(line) or _reprint_note(line)
        if match:
            return match.group("source").strip()
    for line in lead:
        match = _reprint_note(line)
        if match:
            return match.group("source").strip()
    return None
