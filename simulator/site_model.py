"""The types of the site registry: simulated hosts, watched sources, platform families and URL templates."""

from __future__ import annotations

from dataclasses import dataclass

# Platform families, named like the catalog's `family` values; each has a router module (delivery.py).
HANWEB_CLASSIC = "hanweb-classic"
HANWEB_JPAAS = "hanweb-jpaas"
FEED = "feed"
TRS = "trs"
GD_STATIC = "gd-static"
GKMLPT = "gkmlpt"
LONSUN = "lonsun"
JSARRAY = "jsarray"
# Families whose articles live at Hanweb URLs and whose columns can move between classic and jpaas.
HANWEB_FAMILIES = (HANWEB_CLASSIC, HANWEB_JPAAS, FEED)
CLASSIC, JPAAS = "classic", "jpaas"

# Article path templates (schemes.article_path fills them): y, m, d (not padded), ym, ymd, id, col,
# hex (32 hex digits), sub (an NMPA sub-column), id_m and id_k (the id divided by 10**6 and 10**3).
HANWEB_ARTICLE = "/art/{y}/{m}/{d}/art_{col}_{id}.html"
JPAAS_ARTICLE = "/col/col{col}/art/{y}/art_{hex}.html"


@dataclass(frozen=True)
class Host:
    """One simulated website (one real host name) and the page furniture shared by its columns."""

    host: str
    webname: str
    site_id_code: str
    layout: str  # which page variant the host uses: kjt, mpa, jiangsu, jpaas, most, nmpa, gd, gkmlpt, …
    webid: int = 0  # the CMS's own site number (Hanweb webid, gkmlpt sid, Lonsun SiteId)
    proxy_path: str = ""  # Hanweb classic data proxy
    nav: tuple[tuple[str, str], ...] = ()
    friend_links: tuple[tuple[str, str], ...] = ()
    footer: tuple[str, ...] = ()
    scheme: str = "https"
    id_base: int = 20_000_000  # first article ids of the host; 0: NMPA-style 17-digit timestamp ids
    attachment_style: str = "hanweb"  # hanweb, trs, nmpa, gd or lonsun (schemes.attachment_path)
    robots: bool = True  # False: robots.txt answers 404 (www.most.gov.cn)

    @property
    def base_url(self) -> str:
        return f"{self.scheme}://{self.host}"


@dataclass(frozen=True)
class JpaasIds:
    """The identifiers the jpaas unit API wants, stated by the column's shell in its queryData."""

    web_id: str
    page_id: str
    tpl_set_id: str


@dataclass(frozen=True)
class SiteColumn:
    """One watched column: where it lives, how its list is marked up, and what it publishes."""

    id: str
    host: str
    family: str
    column_id: int
    column_name: str
    agency: str  # key of agencies.AGENCIES: who writes the articles
    kinds: tuple[tuple[str, int], ...]  # (kind, weight) of the article mix
    origins: tuple[str, ...]  # values of 信息来源, first one most common
    doc_prefixes: tuple[str, ...] = ()  # 文号 prefixes for policy documents, e.g. 浙科发
    letter_prefix: str = "浙办函"  # 文号 prefix of the occasional numbered notice
    doc_placements: tuple[tuple[str, int], ...] = (("line", 50), ("body", 50))  # where the 文号 shows
    history: int = 150  # articles in the initial corpus
    list_path: str = ""  # the start URL's path (and query) when it is not the Hanweb column page
    path_template: str = HANWEB_ARTICLE
    per_page: int = 20  # records per list page (static families, gkmlpt)
    # Hanweb classic units.
    unit_id: str = ""
    source_content_type: int = 1
    record_style: str = "li-span"  # li-span, li-i, tr-table or tr-plain (PC rows without title attribute)
    mobile_unit_id: str | None = None  # a second (mobile <li>) unit of the same column
    escaped_proxy: bool = False  # data-proxy answers carry the record block entity-escaped
    jpaas: JpaasIds | None = None  # jpaas identifiers: native jpaas columns, and columns that may migrate
    # List quirks: entries that are not articles (kind, count) and items pinned above the dated order.
    extras: tuple[tuple[str, int], ...] = ()
    pinned: int = 0

    @property
    def column_path(self) -> str:
        """The start URL's path: what the catalog crawls first."""
        return self.list_path or f"/col/col{self.column_id}/index.html"

    @property
    def initial_platform(self) -> str:
        return JPAAS if self.family == HANWEB_JPAAS else CLASSIC
