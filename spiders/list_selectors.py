"""Pure list parsing for static sites: catalog selectors, per-family built-in CSS, the generic extractor."""

from __future__ import annotations

from dataclasses import dataclass, replace

from parsel import Selector

from crawler.extract.dates import parse_date
from crawler.extract.listing import ListEntry, extract_entries
from crawler.extract.listing_feeds import js_array_entries
from spiders.entries import Entry, absolute_url, best_title, dedupe_entries, without_control_chars


@dataclass(frozen=True)
class ListSelectors:
    """CSS for one list layout: the items, the title link inside an item, and the date inside an item."""

    item: str
    link: str = "a[href]"
    date: str | None = None  # None: the item's text outside its links


# Built-in layouts per family (SITES.md), tried in order; the first that yields entries wins.
BUILTIN_SELECTORS: dict[str, tuple[ListSelectors, ...]] = {
    "trs": (
        ListSelectors("ul.list_common li"),  # MOST columns
        ListSelectors("ul.info_list2 li"),  # MOST notices (/tztg/)
        ListSelectors("div.list ul li"),  # NMPA: <a>title</a><span>(2024-01-05)</span>
    ),
    "gd-static": (ListSelectors("ul.list li", date="span.time"),),
    "lonsun": (ListSelectors("ul.doc_list li", date="span.date"),),
    "jsarray": (),  # Beijing: the list is a JavaScript array, read by regex (see parse_list_page)
    "generic": (),
}


@dataclass(frozen=True)
class ListParse:
    entries: list[Entry]
    strategy: str  # catalog | builtin | jsarray | generic | none: which reader produced the entries


def catalog_selectors(family: str, selectors: dict[str, str]) -> tuple[ListSelectors, ...]:
    """The catalog's list_item/list_link/list_date; list_link or list_date alone refine the built-ins."""
    link, date = selectors.get("list_link"), selectors.get("list_date")
    if selectors.get("list_item"):
        return (ListSelectors(selectors["list_item"], link or "a[href]", date),)
    if link or date:
        return tuple(
            replace(s, link=link or s.link, date=date or s.date) for s in BUILTIN_SELECTORS.get(family, ())
        )
    return ()


def css_entries(page: Selector, base_url: str, layout: ListSelectors) -> list[Entry]:
    entries = []
    for item in page.css(layout.item):
        links = [a for a in item.css(layout.link) if a.attrib.get("href")]
        if not links:
            continue  # separators such as Lonsun's <li class="lm_line">
        link = max(links, key=lambda a: len(" ".join(a.css("::text").getall()).strip()))
        url = absolute_url(base_url, link.attrib["href"])
        title = best_title(" ".join(link.css("::text").getall()), link.attrib.get("title"))
        if not url or not title:
            continue
        if layout.date:
            date_text = " ".join(item.css(f"{layout.date} ::text").getall())
        else:
            # Outside the link, so a year in the title is not taken for the date (NMPA: "(2024-01-05)").
            date_text = " ".join(item.xpath(".//text()[not(ancestor::a)]").getall())
        when = parse_date(date_text) or parse_date(" ".join(item.css("::text").getall()))
        entries.append(Entry(url, title, when))
    return dedupe_entries(entries)


def _from_list_entries(found: list[ListEntry]) -> list[Entry]:
    return dedupe_entries([Entry(e.url, e.title, e.date) for e in found])


def parse_list_page(text: str, url: str, family: str, selectors: dict[str, str] | None = None) -> ListParse:
    """Entries of one static list page, trying the catalog's selectors, the family's built-ins, then
    crawler.extract.listing.extract_entries, so a redesign still yields entries where it can."""
    text = without_control_chars(text)
    # The CSS readers' parsed page is gone before the generic extractor parses it again: on a huge list page
    # (40,000 entries) two trees at once were a third of the crawl child's memory.
    parsed, base_url = _css_parse(text, url, family, selectors or {})
    if parsed:
        return parsed
    if family == "jsarray":
        entries = _from_list_entries(js_array_entries(text, base_url))
        if entries:
            return ListParse(entries, "jsarray")
    entries = _from_list_entries(extract_entries(text, url))
    return ListParse(entries, "generic" if entries else "none")


def _css_parse(text: str, url: str, family: str, selectors: dict[str, str]) -> tuple[ListParse | None, str]:
    """Entries by the catalog's selectors or the family's built-ins (None when neither matched), and the page's
    base URL."""
    page = Selector(text=text or "<html></html>", type="html")  # never parsel's JSON mode for a JSON answer
    base_url = absolute_url(url, page.xpath("//base/@href").get()) or url
    for strategy, layouts in (
        ("catalog", catalog_selectors(family, selectors)),
        ("builtin", BUILTIN_SELECTORS.get(family, ())),
    ):
        for layout in layouts:
            entries = css_entries(page, base_url, layout)
            if entries:
                return ListParse(entries, strategy), base_url
    return None, base_url
