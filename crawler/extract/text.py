"""Rendering an HTML element as clean paragraphs: block structure kept, widgets and noise dropped."""

from __future__ import annotations

import re
import unicodedata

from lxml.html import HtmlElement

BLOCK_TAGS = frozenset({
    "address", "article", "aside", "blockquote", "center", "dd", "div", "dl", "dt", "figcaption", "figure",
    "footer", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "li", "main", "nav", "ol", "p", "pre",
    "section", "table", "tbody", "tfoot", "thead", "ul", "caption",
})
SKIP_TAGS = frozenset({
    "script", "style", "noscript", "template", "iframe", "object", "embed", "select", "option",
    "textarea", "button", "input", "head", "title", "canvas", "svg", "meta", "link",
})
CELL_TAGS = frozenset({"td", "th"})
CELL_SEPARATOR = " | "
_SPACE = re.compile(r"\s+")
_INVISIBLE = re.compile("[\u200b\u200c\u200d\u2060\ufeff\u00ad]")

# Short lines that are page furniture, not article text: counters, print/close links, QR prompts,
# "today is …" clocks, font-size switches, previous/next links, a video player's fallback text.
_WIDGET_WORDS = re.compile(
    r"[【\[]?(?:打印本页|关闭本页|关闭窗口|打印|关闭|返回顶部|放大字体|缩小字体|收藏本页|收藏|分享到|分享"
    r"|我要纠错|纠错|字号|字体|[大中小])[】\]]?[:：]?"
)
_FURNITURE = re.compile(
    r"^(?:(?:浏览次数|阅读次数|访问次数|点击次数|点击数|访问量|阅读|浏览)[:：]?\s*\d*\s*次?"
    r"|扫一扫在手机(?:上)?(?:打开|查看)当前页.*|手机扫一扫.*|分享到[:：].*"
    # a share button naming its platform: "转播到某某微博", "分享到朋友圈"
    r"|(?:转播|转发|分享|推荐)到\S{0,8}(?:微博|空间|朋友圈|微信|好友)"
    r"|(?:今天是|当前时间[:：]?)\s*\d{4}\s*年.*|\d{4}年\d{1,2}月\d{1,2}日\s*星期[一二三四五六日天]"
    r"|(?:上一篇|下一篇)[:：].*|(?:发布时间|发布日期)[:：]\s*\d{4}.{0,40}"
    r"|(?:您的)?浏览器(?:暂时)?(?:无法|不能|不支持)播放.*|Play Video|播放视频|/?\d{1,2}:\d{2}(?:\s*/\s*\d{1,2}:\d{2})?)$"
)
# A furniture line is short; longer lines are kept whatever they start with.
_FURNITURE_MAX = 60


# The compatibility characters that matter for matching: full-width ASCII (２０１９, ＣＡＲ－Ｔ, ：，（）),
# the ideographic space, Roman numerals (Ⅲ类), circled numbers. NFKC on just these runs gives the
# same result as NFKC on the whole text at a third of the cost on long pages.
_COMPAT = re.compile(r"[\u2160-\u217f\u2460-\u24ff\u3000\uff01-\uff5e\uffe0-\uffee]+")


def compat_normalize(text: str) -> str:
    """NFKC where it changes something we match on (full-width digits, letters, punctuation)."""
    return _COMPAT.sub(lambda m: unicodedata.normalize("NFKC", m.group()), text)


def normalize_line(text: str) -> str:
    """Collapse every kind of space (incl. full-width \\u3000 and &nbsp;) and drop invisible marks."""
    return _SPACE.sub(" ", _INVISIBLE.sub("", text)).strip()


def is_furniture(line: str) -> bool:
    if len(line) > _FURNITURE_MAX:
        return False
    if _FURNITURE.match(line):
        return True
    return not _WIDGET_WORDS.sub("", line).strip(" |·")


def render_lines(root: HtmlElement) -> list[str]:
    """Paragraphs of root: block elements and <br> break lines, table rows become "a | b | c".

    Walks the tree with an explicit stack (deeply nested WeChat-editor <section>s would otherwise
    approach the recursion limit) and visits comments so the text after them is kept.
    """
    lines: list[str] = []
    buf: list[str] = []
    rows: list[int] = []  # cells seen in each open <tr>
    in_cell = 0

    def flush() -> None:
        line = normalize_line("".join(buf))
        buf.clear()
        if line:
            lines.append(line)

    def line_break() -> None:
        # Inside a table cell, paragraphs and rows of nested tables join the cell's one line.
        if in_cell:
            buf.append(" ")
        else:
            flush()

    stack: list[tuple[HtmlElement, bool]] = [(root, False)]
    while stack:
        node, closing = stack.pop()
        tag = node.tag if isinstance(node.tag, str) else ""
        if closing:
            if tag in CELL_TAGS:
                in_cell -= 1
            elif tag == "tr":
                rows.pop()
                line_break()
            elif tag in BLOCK_TAGS:
                line_break()
        elif not tag or tag in SKIP_TAGS:
            pass  # comments, scripts: no text of their own, but their tail below still counts
        else:
            if tag == "br" or tag in BLOCK_TAGS:
                line_break()
            elif tag == "tr":
                line_break()
                rows.append(0)
            elif tag in CELL_TAGS:
                if rows:
                    if rows[-1]:
                        buf.append(CELL_SEPARATOR)
                    rows[-1] += 1
                in_cell += 1
            if node.text:
                buf.append(node.text)
            stack.append((node, True))
            stack.extend((child, False) for child in reversed(node))
            continue
        if node is not root and node.tail:
            buf.append(node.tail)
    flush()
    return lines


def clean_lines(lines: list[str]) -> list[str]:
    """Drop furniture lines, and keep one copy when the whole text is repeated (PC + mobile)."""
    kept = [line for line in lines if not is_furniture(line)]
    half = len(kept) // 2
    if half and len(kept) % 2 == 0 and kept[:half] == kept[half:]:
        kept = kept[:half]
    return kept


def element_lines(root: HtmlElement) -> list[str]:
    """The element's paragraphs, one clean line each."""
    return clean_lines(render_lines(root))
