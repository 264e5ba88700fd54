"""URL and identifier schemes per platform: article ids, article and attachment paths, 索引号 and issuers."""

from __future__ import annotations

import hashlib
import string
from collections.abc import Collection
from dataclasses import replace
from datetime import datetime
from random import Random

from simulator.content import Article, Attachment
from simulator.site_model import HANWEB_FAMILIES, JPAAS, JPAAS_ARTICLE, Host, SiteColumn

_TOKEN = string.ascii_letters + string.digits


def _timestamp_id(published: datetime, rng: Random, taken: Collection[int]) -> int:
    """NMPA's 17-digit ids: the publication moment to the second plus three more digits."""
    candidate = int(f"{published:%Y%m%d%H%M%S}{rng.randrange(1000):03d}")
    while candidate in taken:
        candidate += 1
    return candidate


def assign_ids(articles: list[Article], host: Host, seed: int) -> list[int]:
    """Ids for every article of one host (in the given order), rising with publication time as a CMS
    sequence does; the articles themselves get them in finish()."""
    rng = Random(f"{seed}:{host.host}:ids")
    next_id = host.id_base + rng.randrange(max(host.id_base // 50, 1000))
    ids, taken = [0] * len(articles), set()
    for index in sorted(range(len(articles)), key=lambda i: (articles[i].published, articles[i].source_id)):
        if host.id_base:
            next_id += rng.randrange(3, 800)  # other columns of the site publish in between
            new_id = next_id
        else:
            new_id = _timestamp_id(articles[index].published, rng, taken)
        taken.add(new_id)
        ids[index] = new_id
    return ids


def next_id(host: Host, last: int, published: datetime, rng: Random, taken: Collection[int]) -> int:
    """The id of an article published later through the control endpoint."""
    if not host.id_base:
        return _timestamp_id(published, rng, taken)
    return last + rng.randrange(3, 800)


def jpaas_hex(seed: int, host: str, article_id: int) -> str:
    """The 32-hex-digit article key of jpaas URLs, stable for a seed and an article."""
    return hashlib.md5(f"{seed}:{host}:{article_id}".encode()).hexdigest()


def nmpa_sub(article: Article) -> str:
    """NMPA files announcements under a sub-column by product class."""
    if "化妆品" in article.title:
        return "hzhpggtg"
    if "器械" in article.title or article.kind == "inspection":
        return "ylqxggtg"
    return "ypggtg" if "药" in article.title else "qtggtg"


def article_path(article: Article, source: SiteColumn, platform: str, seed: int) -> str:
    jpaas = platform == JPAAS and source.family in HANWEB_FAMILIES
    template = JPAAS_ARTICLE if jpaas else source.path_template
    day = article.published
    return template.format(
        y=day.year, m=day.month, d=day.day, ym=f"{day:%Y%m}", ymd=f"{day:%Y%m%d}", id=article.id,
        col=source.column_id, hex=jpaas_hex(seed, source.host, article.id) if jpaas else "",
        sub=nmpa_sub(article), id_m=article.id // 1_000_000, id_k=article.id // 1000,
    )


def attachment_path(style: str, article: Article, folder: str, rng: Random, extension: str) -> str | None:
    """Where a platform stores an article's files; None keeps the Hanweb form the generator chose."""
    if style == "trs":  # MOST: next to the article, ./W0<date><digits>.pdf
        return f"{folder}W0{article.published:%Y%m%d}{rng.randrange(10**11, 10**12)}.{extension}"
    if style == "nmpa":
        token = "".join(rng.choice(_TOKEN) for _ in range(28))
        return f"/directory/web/nmpa/images/{token}.{extension}"
    if style == "gd":
        block = rng.randrange(100, 999)
        leaf = rng.randrange(10**6, 10**7)
        return f"/attachment/0/{block}/{block}{rng.randrange(100, 999)}/{leaf}.{extension}"
    if style == "lonsun":
        token = "wKg" + "".join(rng.choice(_TOKEN) for _ in range(26))
        group, first, second = rng.randrange(1, 4), rng.randrange(256), rng.randrange(256)
        return f"/group{group}/M00/{first:02X}/{second:02X}/{token}.{extension}"
    return None


def identifiers(article: Article, host: Host) -> tuple[str | None, str | None]:
    """(索引号, 发文机构) as the article page shows them, or None where the page has no such field."""
    year = article.published.year
    if host.layout in ("kjt", "mpa"):
        if article.doc_placement == "table" and article.doc_number:
            return f"{host.site_id_code[-6:]}/{year}-{article.id % 100000:05d}", host.webname
        return None, None
    if host.layout == "most":
        issuer = "科技部办公厅" if article.doc_number and "办" in article.doc_number else "科技部"
        return f"306-{'14' if article.kind == 'policy' else '05'}-{year}-{article.id % 1000:03d}", issuer
    if host.layout == "nmpa" and article.doc_number:
        return f"FGWJ-{year}-{article.id % 100000:05d}", None
    if host.layout == "gkmlpt":
        return f"11440000MB2D05613U/{year}-{article.id % 100000:05d}", host.webname
    return None, None


def finish(
    article: Article, article_id: int, source: SiteColumn, host: Host, platform: str, seed: int
) -> Article:
    """A written article becomes servable under its id: its URL, its files' URLs and its identifiers."""
    article = replace(article, id=article_id, scheme=host.scheme)
    path = article_path(article, source, platform, seed)
    attachments = article.attachments
    if attachments and host.attachment_style != "hanweb":
        rng = Random(f"{seed}:{host.host}:{article.id}:files")
        folder = path.rsplit("/", 1)[0] + "/"
        style = host.attachment_style
        attachments = tuple(
            Attachment(a.name, attachment_path(style, article, folder, rng, a.extension) or a.path)
            for a in attachments
        )
    index_number, issuer = identifiers(article, host)
    return replace(article, path=path, attachments=attachments, index_number=index_number, issuer=issuer)
