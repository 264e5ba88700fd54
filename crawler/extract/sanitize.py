"""Safe article HTML: an nh3 allow-list, absolute links, and no off-site images or tracking pixels."""

from __future__ import annotations

import html as html_lib
import re
from urllib.parse import urlsplit

import nh3
from lxml import etree
from lxml.html import HtmlElement, fragment_fromstring

from crawler.util.urls import join_url

ALLOWED_TAGS = frozenset({
    "p", "br", "div", "span", "a", "img", "strong", "em", "sup", "sub", "ul", "ol", "li",
    "h1", "h2", "h3", "h4", "h5", "h6",
    "table", "caption", "colgroup", "col", "thead", "tbody", "tfoot", "tr", "td", "th",
})
ALLOWED_ATTRIBUTES = {
    "a": {"href"}, "img": {"src", "alt"},
    "td": {"colspan", "rowspan"}, "th": {"colspan", "rowspan"}, "col": {"span"}, "colgroup": {"span"},
}
URL_SCHEMES = {"http", "https", "mailto"}
# Dropped with their content, not just unwrapped: their text is code or styling, never prose.
_DROP_WITH_CONTENT = {"script", "style", "noscript", "template", "iframe", "object", "embed", "svg", "title"}
# Registrable domains one level deeper than usual: jiangsu.gov.cn, not gov.cn, is "the site".
_SECOND_LEVEL = {"gov.cn", "com.cn", "org.cn", "net.cn", "edu.cn", "ac.cn"}
_PIXEL_STYLE = re.compile(r"(?:width|height)\s*:\s*[01](?:\.0+)?px|display\s*:\s*none", re.I)


def site_of(host: str) -> str:
    labels = host.lower().rstrip(".").split(".")
    depth = 3 if ".".join(labels[-2:]) in _SECOND_LEVEL else 2
    return ".".join(labels[-depth:])


def same_site(url: str, base_url: str) -> bool:
    host, base_host = urlsplit(url).hostname or "", urlsplit(base_url).hostname or ""
    return bool(host) and site_of(host) == site_of(base_host)


def _is_pixel(img: HtmlElement) -> bool:
    sizes = [img.get("width", "").strip().rstrip("px"), img.get("height", "").strip().rstrip("px")]
    if any(s in ("0", "1") for s in sizes):
        return True
    return bool(_PIXEL_STYLE.search(img.get("style", "")))


def _prepare(root: HtmlElement, base_url: str) -> None:
    """Absolute links; drop images that are off-site, not http(s), or 1×1 trackers."""
    for link in root.iter("a"):
        href = (link.get("href") or "").strip()
        if href:
            absolute = join_url(base_url, href)
            if absolute:
                link.set("href", absolute)
            else:
                del link.attrib["href"]  # not a URL at all: the text stays, the link goes
    for img in list(root.iter("img")):
        src = join_url(base_url, (img.get("src") or "").strip()) or ""
        if urlsplit(src).scheme not in ("http", "https") or not same_site(src, base_url) or _is_pixel(img):
            img.drop_tree()
        else:
            img.set("src", src)


def _clean(markup: str) -> str:
    return nh3.clean(
        markup,
        tags=set(ALLOWED_TAGS),
        clean_content_tags=set(_DROP_WITH_CONTENT),
        attributes={tag: set(attrs) for tag, attrs in ALLOWED_ATTRIBUTES.items()},
        url_schemes=set(URL_SCHEMES),
        link_rel="noopener noreferrer",
        strip_comments=True,
    ).strip()


def sanitize_element(root: HtmlElement, base_url: str) -> str:
    """Sanitized HTML of an already-parsed (detached) element; the element is modified in place."""
    _prepare(root, base_url)
    return _clean(etree.tostring(root, encoding="unicode", method="html"))


def sanitize_html(html: str, base_url: str) -> str:
    """Sanitize an HTML fragment: allow-listed tags only, no scripts, styles or event handlers,
    javascript: URLs removed, links absolute with rel="noopener noreferrer", no remote trackers."""
    if not html or not html.strip():
        return ""
    try:
        root = fragment_fromstring(html, create_parent="div")
    except etree.ParserError:
        return ""
    _prepare(root, base_url)
    children = "".join(etree.tostring(child, encoding="unicode", method="html") for child in root)
    inner = html_lib.escape(root.text or "", quote=False) + children
    return _clean(inner)
