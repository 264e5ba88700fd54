"""Pure: the next-page URL pattern a list page's own pager states (TRS createPageHTML, Lonsun Ls.pagination,
plain links to page 2), in the catalog's paging terms (page_pattern with `{n}`, first_page_number)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from posixpath import dirname
from urllib.parse import urlsplit

from parsel import Selector

from spiders.entries import absolute_url, clean_title
from spiders.list_paging import argument_value, page_url

# createPageHTML(34, 0, "index", "html"[, 500]) or createPageHTML('page_div', 34, 0, 'index', 'html', 500).
_CREATE_PAGE_RE = re.compile(r"createPageHTML\s*\(([^)]*)\)", re.I)
# Ls.pagination("#page_1", function (pageIndex) { location.href = 'https://…?pageIndex=' + pageIndex; }, {…})
_LONSUN_RE = re.compile(
    r"Ls\.pagination\s*\(\s*['\"][^'\"]*['\"]\s*,\s*function\s*\(\s*(?P<var>\w+)\s*\)\s*\{\s*"
    r"(?:window\.)?location\.href\s*=\s*['\"](?P<prefix>[^'\"]+)['\"]\s*\+\s*(?P=var)"
    r"(?:\s*\+\s*['\"](?P<suffix>[^'\"]*)['\"])?",
    re.S,
)
_LONSUN_COUNT_RE = re.compile(r"\bpageCount\s*:\s*['\"]?(\d+)")
# Link texts that lead from the first page to the second.
_NEXT_TEXTS = ("下一页", "下页", "后页", "next", "next page", ">", "›", "»")
# The href of a scripted next-page link: `href=\\"index"+"_" + nextPage + "."+"shtml\\"` (escaped quotes).
_SCRIPT_NEXT_RE = re.compile(r'href=\\\\?"(?P<expr>[^<>]{0,120}?\bnextPage\b[^<>]{0,120}?)\\\\?"[^<>]*>\s*下一页')


@dataclass(frozen=True)
class StatedPaging:
    """How the page says its list continues: `page_pattern` and `first_page_number` as the catalog's paging
    takes them (spiders/list_paging.page_url), the page count when stated, and what it was read from."""

    page_pattern: str
    first_page_number: int
    total_pages: int | None
    evidence: str


def _in_line_comment(text: str, start: int) -> bool:
    line_start = text.rfind("\n", 0, start) + 1
    return "//" in text[line_start:start]


def _create_page_html(text: str) -> StatedPaging | None:
    for match in _CREATE_PAGE_RE.finditer(text):
        if _in_line_comment(text, match.start()):
            continue  # a pager switched off in the template: the page pages some other way
        arguments = [a.strip() for a in match.group(1).split(",")]
        if arguments and arguments[0][:1] in "'\"" and not arguments[0].strip("'\"").isdigit():
            arguments = arguments[1:]  # the variant naming its pager element first
        if len(arguments) < 4:
            continue
        count, current = argument_value(arguments[0], text), argument_value(arguments[1], text)
        name, ext = arguments[2].strip("'\" "), arguments[3].strip("'\" ")
        if count is None or current is None or not re.fullmatch(r"[\w.-]+", name) or not re.fullmatch(r"\w+", ext):
            continue  # the function's own definition, or arguments the template fills at run time
        # Read on the first page: index 0 says page 2 is name_1 (TRS's zero-based suffix), index 1 says name_2.
        return StatedPaging(
            f"{name}_{{n}}.{ext}", current + 1, count or None,
            f"createPageHTML({count}, {current}, {name!r}, {ext!r}): {count} page(s), page 2 is {name}_{current + 1}.{ext}",
        )
    return None


def _host_relative(url: str, page: str) -> str:
    """`url` as short as it can be written for urljoin against `page`: a file name in the same folder, else
    a host-absolute path (with query)."""
    parts, base = urlsplit(url), urlsplit(page)
    if (parts.scheme, parts.netloc) != (base.scheme, base.netloc):
        return url
    folder = dirname(base.path) if not base.path.endswith("/") else base.path.rstrip("/")
    if not parts.query and dirname(parts.path) == folder:
        return parts.path.rsplit("/", 1)[1]
    return parts.path + (f"?{parts.query}" if parts.query else "")


def _lonsun(text: str, url: str) -> StatedPaging | None:
    match = _LONSUN_RE.search(text)
    if not match:
        return None
    target = absolute_url(url, match["prefix"] + "2" + (match["suffix"] or ""))
    if target is None:
        return None
    pattern = _host_relative(target, url)
    pattern = pattern[: len(pattern) - len(match["suffix"] or "") - 1] + "{n}" + (match["suffix"] or "")
    count = _LONSUN_COUNT_RE.search(text[match.end():match.end() + 400])
    pages = int(count.group(1)) if count else None
    return StatedPaging(pattern, 2, pages or None,
                        f"Ls.pagination: location.href = '{match['prefix']}' + {match['var']}, pageCount {pages}")


def _script_pager(text: str) -> StatedPaging | None:
    """The TRS pager inlined as a script: `var currentPage = 0; … var countPage = 31` and a
    `document.write("<a href=\\"index"+"_" + nextPage + "."+"shtml\\">下一页</a>")`."""
    for match in _SCRIPT_NEXT_RE.finditer(text):
        written = re.sub(r"[\"'+\s\\]", "", match["expr"])
        if not re.fullmatch(r"[\w./-]*nextPage[\w./-]*", written):
            continue
        current = argument_value("currentPage", text)
        count = argument_value("countPage", text)
        if current is None:
            continue
        pattern = written.replace("nextPage", "{n}")
        return StatedPaging(pattern, current + 1, count or None,
                            f"a pager script writing {written} (currentPage {current}, countPage {count})")
    return None


def _numbers(written: str) -> list[re.Match[str]]:
    return list(re.finditer(r"\d+", written))


def _page_number(two: str, three: str | None) -> re.Match[str] | None:
    """The number of the link to page 2 that counts pages: the one that differs in the link to page 3, else
    the last one that reads 1 or 2 (zero- or one-based)."""
    numbers = _numbers(two)
    if three is not None:
        others = _numbers(three)
        if len(others) == len(numbers):
            differing = [a for a, b in zip(numbers, others, strict=True) if int(b.group()) == int(a.group()) + 1
                         and two[: a.start()] == three[: b.start()]]
            if len(differing) == 1:
                return differing[0]
    plausible = [m for m in numbers if int(m.group()) in (1, 2)]
    return plausible[-1] if plausible else None


def _link_pager(text: str, url: str) -> StatedPaging | None:
    page = Selector(text=text or "<html></html>", type="html")
    host = urlsplit(url).netloc
    found: dict[str, str] = {}
    for link in page.css("a[href]"):
        label = clean_title(" ".join(link.css("::text").getall())).lower()
        key = label if label in ("2", "3") else "next" if label in _NEXT_TEXTS else None
        target = absolute_url(url, link.attrib["href"]) if key else None
        target = target.split("#")[0] if target else None
        if key and target and urlsplit(target).netloc == host and target != url.split("#")[0]:
            found.setdefault(key, target)
    for key in ("2", "next"):
        target = found.get(key)
        if target is None:
            continue
        written = _host_relative(target, url)
        three = _host_relative(found["3"], url) if key == "2" and "3" in found else None
        number = _page_number(written, three)
        if number is None:
            continue
        pattern = written[: number.start()] + "{n}" + written[number.end():]
        first = int(number.group())
        if page_url(url, pattern, first, 2) != target:
            continue
        label = "下一页" if key == "next" else key
        return StatedPaging(pattern, first, None, f"a pager link {label!r} to {written}")
    return None


def stated_paging(text: str, url: str) -> StatedPaging | None:
    """The paging the page's own pager states, read as if `url` were the list's first page; None when it
    states none that can be read."""
    return _create_page_html(text) or _lonsun(text, url) or _script_pager(text) or _link_pager(text, url)
