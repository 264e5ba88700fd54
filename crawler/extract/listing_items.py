"""Read one list item (an `li`, `tr`, `div` or record fragment) into a list entry candidate."""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass, replace

from lxml import html as lxml_html
from lxml.etree import _Element

from crawler.extract.listing_dates import box_date, item_date
from crawler.extract.listing_links import Link, main_link, related_urls
from crawler.extract.listing_subtitle import split_subtitle, subtitle_beside
from crawler.extract.listing_text import best_title, normalize_space, split_trailing_date
from crawler.extract.listing_urls import resolve


@dataclass(frozen=True)
class ListEntry:
    """One article entry of a list page: absolute URL, full title, publish date if shown, the subtitle or
    note the page sets apart from the title, and the entry's related links (解读, PDF, download)."""

    url: str
    title: str
    date: datetime.date | None
    subtitle: str | None = None
    related: tuple[str, ...] = ()


@dataclass(frozen=True)
class Item:
    """A candidate entry plus what the block scorer needs to know about its item element."""

    entry: ListEntry
    link_count: int  # distinct usable links inside the item; menus carry many, entries one or two
    text_length: int  # all text of the item; a whole content area is far longer than title + date
    shown: bool = True  # the title is text on the page, not only a `title` attribute over an image (slides)
    element: _Element | None = None  # the item element and its main link, to finish chosen entries
    link: _Element | None = None


# Badges templates put inside a title link (`<a><span class="zt">专题</span>Title</a>`): not title words.
_BADGES = {
    "专题", "置顶", "顶", "新", "new", "hot", "热", "荐", "推荐", "图", "图文", "视频", "原创", "独家", "直播",
    "热门", "最新", "急", "重要", "头条", "精", "top", "火",
}
_BRACKETS = "[]【】()（）<>〔〕"
_SHORT_BOX = 40  # a date or badge element holds at most this much text
_HEADING_TAGS = {"h1", "h2", "h3", "h4", "h5", "h6"}
_BLOCK_TAGS = _HEADING_TAGS | {"p", "div", "dt", "dd", "section"}
_TITLE_CLASS_RE = re.compile(r"tit|(?:^|[\s_-])bt(?:$|[\s_-])", re.I)


def _is_element(node: object) -> bool:
    # Comments and processing instructions are nodes too, with a callable `tag`.
    return isinstance(getattr(node, "tag", None), str)


def _text_skipping(node: _Element, skip: set[_Element]) -> str:
    """Text content of `node` leaving out the subtrees in `skip` (their tails are kept)."""
    parts: list[str] = []
    if node not in skip and _is_element(node):
        parts.append(node.text or "")
        for child in node:
            parts.append(_text_skipping(child, skip))
            parts.append(child.tail or "")
    return "".join(parts)


# A category tag in an element of its own at the front of a title link, as search results print it:
# `<a><span class="type">[通知公告]</span>Title</a>`, `<a><em>政策解读</em>Title</a>` with a class naming it.
_TAG_CLASS_RE = re.compile(r"tag|type|label|cate|sort|kind|lanmu|column|channel|(?:^|[\s_-])lm(?:$|[\s_-])", re.I)
_TAG_TEXT_RE = re.compile(r"^(?:\[[^\[\]]{2,8}\]|【[^【】]{2,8}】|〔[^〔〕]{2,8}〕)$")
_MAX_TAG = 10


def _is_category_tag(link: _Element, el: _Element, text: str) -> bool:
    """The element opens the link's text and is a bracketed or classed short label."""
    if (link.text or "").strip() or el.getparent() is not link or el is not next(iter(link), None):
        return False
    if not 2 <= len(text) <= _MAX_TAG:
        return False
    return bool(_TAG_TEXT_RE.match(text) or _TAG_CLASS_RE.search(f"{el.get('class', '')} {el.get('id', '')}"))


def _set_aside(link: _Element) -> set[_Element]:
    """Elements inside a link that are not title text: a date alone (`<a><p>title</p><span>2024-01-05</span>
    </a>`, also "发布时间：…" or a split date box) or a badge (专题, 置顶, NEW), if some other text remains."""
    aside: set[_Element] = set()
    dates: set[_Element] = set()
    for el in link.iterdescendants():
        if not _is_element(el) or any(a in aside for a in el.iterancestors()):
            continue
        text = normalize_space(" ".join(el.itertext()))
        if len(text) > _SHORT_BOX:
            continue
        if box_date(text):
            aside.add(el)
            dates.add(el)
        elif not len(el) and (text.strip(_BRACKETS).lower() in _BADGES or _is_category_tag(link, el, text)):
            aside.add(el)
    if aside and not normalize_space(_text_skipping(link, aside)):
        return dates
    return aside


def _card_title(link: _Element, aside: set[_Element]) -> _Element | None:
    """A link wrapping a whole card (`<a><h3>title</h3><p>summary</p></a>`): the element holding the title,
    a heading, else an element classed as a title (not a subtitle), else the first block."""
    blocks = [el for el in link.iterdescendants() if _is_element(el) and el.tag in _BLOCK_TAGS and el not in aside
              and normalize_space(_text_skipping(el, aside))]
    if len(blocks) < 2:
        return None
    headings = [el for el in blocks if el.tag in _HEADING_TAGS]
    classed = [el for el in blocks if _TITLE_CLASS_RE.search(el.get("class", "")) and "sub" not in el.get("class", "")]
    return (headings or classed or blocks)[0]


def _inner_title(link: _Element) -> str | None:
    """A `title` attribute on an element inside the link (`<a><span title="full">cut...</span></a>`)."""
    inner = next((el for el in link.iterdescendants() if _is_element(el) and el.get("title")), None)
    return inner.get("title") if inner is not None else None


def _link(link: _Element, url: str) -> Link:
    aside = _set_aside(link)
    card = _card_title(link, aside)
    text = _text_skipping(card if card is not None else link, aside)
    dated = [el for el in aside if box_date(" ".join(el.itertext()))]
    link_date = box_date(" ".join(dated[0].itertext())) if dated else None
    title = best_title(text, link.get("title") or _inner_title(link))
    if link_date is None:
        title, link_date = split_trailing_date(title)
    return Link(link, url, title, link_date, frozenset(aside))


def _usable_links(item: _Element, base_url: str) -> list[Link]:
    links = [item] if item.tag == "a" else list(item.iter("a"))
    found = []
    for link in links:
        url = resolve(link.get("href"), base_url)
        if url:
            found.append(_link(link, url))
    return found


def _sibling_text(link: _Element) -> str:
    """For bare `<a>` items: the text after the link up to the next link (where dates sit)."""
    parts = [link.tail or ""]
    for sibling in link.itersiblings():
        if _is_element(sibling) and sibling.tag == "a":
            break
        if _is_element(sibling):
            parts.append(sibling.text_content())
        parts.append(sibling.tail or "")
    return "".join(parts)


def item_from_element(
    item: _Element, base_url: str, trailing: list[_Element] | None = None, context_year: int | None = None
) -> Item | None:
    """The item's main link, its title (and subtitle), its date and its related links.

    `trailing`: the elements after the item that belong to it in a flat list (`<h4><a/></h4><div>date</div>
    <p>summary</p>` repeated in one container); `context_year`: the year the list is grouped under.
    """
    links = _usable_links(item, base_url)
    main = main_link(links)
    if main is None:
        return None
    # The date beside the title, not one inside it: titles such as "自2024年10月1日起…" carry dates.
    skip = {main.element}
    if item is main.element:
        when = item_date([], skip, main.date, main.url, context_year, tail_text=_sibling_text(item))
        outside = _sibling_text(item)
    else:
        when = item_date([item], skip, main.date, main.url, context_year)
        if when is None and trailing:
            when = item_date(trailing, skip, None, main.url, context_year)
        outside = _text_skipping(item, skip)
    title, subtitle = split_subtitle(main.element, main.title, main.element.get("title"), set(main.aside))
    length = len(main.title) + len(normalize_space(outside))
    entry = ListEntry(main.url, title, when, subtitle, related_urls(links, main))
    shown = bool(normalize_space(_text_skipping(main.element, set(main.aside))))
    return Item(entry, len({link.url for link in links}), length, shown, item, main.element)


def finished(item: Item) -> ListEntry:
    """The entry of a chosen item, with what is only worth reading for chosen items: a subtitle shown
    beside the title link."""
    entry = item.entry
    if entry.subtitle is None and item.element is not None and item.link is not None and item.element is not item.link:
        subtitle = subtitle_beside(item.element, item.link)
        if subtitle:
            return replace(entry, subtitle=subtitle)
    return entry


def item_from_fragment(fragment: str, base_url: str) -> Item | None:
    """Parse an HTML snippet such as a Hanweb `<record>` (`<li>` or bare `<tr>`) as one item."""
    if not fragment.strip():
        return None
    # Table rows outside a table are dropped by the HTML parser unless wrapped in one.
    if fragment.lstrip().lower().startswith(("<tr", "<td")):
        fragment = f"<table>{fragment}</table>"
    try:
        root = lxml_html.fragment_fromstring(fragment, create_parent="div")
    except (ValueError, TypeError):
        return None
    return item_from_element(root, base_url)
