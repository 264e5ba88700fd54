"""The content model of the simulated corpus: articles, paragraphs, attachments, and their truth JSON."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone
from urllib.parse import urlsplit

CHINA = timezone(timedelta(hours=8), "Asia/Shanghai")
KINDS = ("notice", "policy", "draft", "news", "inspection")
# Where a 文号 is shown on the article page: an info table above the title, a labelled line under it,
# the first centred paragraph of the body (as most real policy pages do), or nowhere.
PLACEMENTS = ("table", "line", "body", "none")

CONTENT_TYPES = {
    "pdf": "application/pdf",
    "doc": "application/msword",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xls": "application/vnd.ms-excel",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "wps": "application/kswps",
    "ofd": "application/ofd",
    "zip": "application/zip",
    "rar": "application/x-rar-compressed",
}


@dataclass(frozen=True)
class Paragraph:
    text: str
    align: str = ""  # "", "center" or "right"


@dataclass(frozen=True)
class Attachment:
    name: str  # the link text, e.g. 1.申报指南.pdf
    # Site-relative, e.g. /attach/-1/1735312.docx; or an absolute URL for a file on another simulated host
    # (a shared file server), set through the edit control.
    path: str

    @property
    def extension(self) -> str:
        return self.name.rsplit(".", 1)[-1].lower() if "." in self.name else ""

    @property
    def elsewhere(self) -> bool:
        return self.path.startswith(("http://", "https://"))

    def location(self, article_host: str) -> tuple[str, str]:
        """(host, path with query) the file is served at, for an attachment of an article on `article_host`."""
        if not self.elsewhere:
            return article_host, self.path
        parts = urlsplit(self.path)
        return parts.hostname or "", parts.path + (f"?{parts.query}" if parts.query else "")


@dataclass(frozen=True)
class Article:
    source_id: str
    host: str
    column_id: int
    id: int
    title: str
    published: datetime  # aware, China time
    origin: str  # 信息来源
    kind: str
    paragraphs: tuple[Paragraph, ...]
    doc_number: str | None = None
    doc_placement: str = "none"
    comment_deadline: date | None = None
    attachments: tuple[Attachment, ...] = ()
    keywords: tuple[str, ...] = ()
    version: int = 1
    # Set once the id is known (schemes.finish) and kept through edits, as the CMSs keep their URLs.
    path: str = ""
    scheme: str = "https"
    index_number: str | None = None  # 索引号, when the page shows one
    issuer: str | None = None  # 发文机构 / 发布机构, when the page shows one
    written: date | None = None  # 成文日期 (signature date); None means the publication day

    @property
    def url(self) -> str:
        return f"{self.scheme}://{self.host}{self.path}"

    def absolute(self, path: str) -> str:
        """An on-site path of this article's host as an absolute URL (an absolute URL stays as it is)."""
        if path.startswith(("http://", "https://")):
            return path
        return f"{self.scheme}://{self.host}{path}"

    def body_paragraphs(self) -> tuple[Paragraph, ...]:
        """Exactly the paragraphs rendered inside div#zoom (the 文号 leads when placed in the body)."""
        if self.doc_number and self.doc_placement == "body":
            return (Paragraph(self.doc_number, "center"),) + self.paragraphs
        return self.paragraphs

    def body_text(self) -> str:
        return "\n".join(p.text for p in self.body_paragraphs())

    def description(self) -> str:
        text = next((p.text for p in self.paragraphs if len(p.text) > 30), self.title)
        return text[:120]

    def article_metas(self, column_name: str) -> list[tuple[str, str]]:
        """The <meta> names and values many government CMSes put on an article page (static and JS-array sites)."""
        return [("ColumnName", column_name), ("ArticleTitle", self.title),
                ("PubDate", f"{self.published:%Y-%m-%d %H:%M}"), ("ContentSource", self.origin),
                ("Keywords", " ".join(self.keywords)), ("Description", self.description()), ("Url", self.url)]


def iso(moment: datetime) -> str:
    return moment.astimezone(CHINA).isoformat(timespec="seconds")


def truth_json(article: Article) -> dict[str, object]:
    """The ground-truth record of one served article (the shape documented for /_sim/truth)."""
    return {
        "id": article.id,
        "url": article.url,
        "title": article.title,
        "published": iso(article.published),
        "source": article.origin,
        "doc_number": article.doc_number,
        "kind": article.kind,
        "comment_deadline": article.comment_deadline.isoformat() if article.comment_deadline else None,
        "body_text": article.body_text(),
        "attachments": [{"name": a.name, "url": article.absolute(a.path)} for a in article.attachments],
        "index_number": article.index_number,
        "issuer": article.issuer,
        "version": article.version,
    }


def parse_moment(value: str) -> datetime:
    """An ISO date-time from a control request; a naive one is China time."""
    moment = datetime.fromisoformat(value)
    return moment.replace(tzinfo=CHINA) if moment.tzinfo is None else moment.astimezone(CHINA)


def paragraphs_from_text(text: str) -> tuple[Paragraph, ...]:
    return tuple(Paragraph(line.strip()) for line in text.splitlines() if line.strip())
