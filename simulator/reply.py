"""Request, route and reply types shared by the server and the renderers, plus stock answers and downloads."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import quote

from simulator.content import CONTENT_TYPES, Article, Attachment

# kjt.zj sends HTML as bare "text/html" without a charset; clients must decode from the meta tag or bytes.
HTML_NO_CHARSET = "text/html"


@dataclass(frozen=True)
class SimRequest:
    """A request to a simulated host, with the host prefix already taken off the path."""

    method: str
    host: str
    path: str  # e.g. /col/col1228971341/index.html
    query: str  # the raw query string, without "?"
    params: dict[str, str]  # query and form fields merged (form wins), first value of each
    headers: dict[str, str] = field(default_factory=dict)  # lower-case names

    @property
    def target(self) -> str:
        return self.path + (f"?{self.query}" if self.query else "")


@dataclass
class Reply:
    status: int
    body: bytes
    content_type: str = HTML_NO_CHARSET
    headers: list[tuple[str, str]] = field(default_factory=list)


# How a route answers in a page variant: "normal", "shell" (no entries), "redesign" (renamed list markup)
# or "no-body" (article without its body container); a route may ignore variants that do not concern it.
Render = Callable[[str], Reply]
VARIANTS = ("normal", "shell", "redesign", "no-body")


@dataclass(frozen=True)
class Route:
    """What a family router recognised: the source and kind (for modes and the log) and how to answer."""

    source_id: str | None
    kind: str  # list, proxy, detail, attachment or page
    render: Render
    data: bool = False  # a data endpoint (proxy, API, feed, later list pages): proxy-404 and malformed apply
    validated: bool = False  # a list page: ETag/Last-Modified and conditional GET


def article_route(source_id: str, find: Callable[[], Article | None],
                  page: Callable[[Article, bool], Reply]) -> Route:
    """An article page, looked up again when answered (one withdrawn meanwhile answers 404 like any missing
    page); page(article, with_body) renders it, without its body in the no-body variant."""

    def detail(variant: str) -> Reply:
        article = find()
        return not_found() if article is None else page(article, variant != "no-body")

    return Route(source_id, "detail", detail)


def fixed(make: Callable[[], Reply]) -> Render:
    """A Render for answers that look the same in every variant."""
    return lambda variant: make()


def html_reply(text: str, status: int = 200, headers: list[tuple[str, str]] | None = None) -> Reply:
    return Reply(status, text.encode("utf-8"), HTML_NO_CHARSET, headers or [])


def encoded_html_reply(text: str, encoding: str) -> Reply:
    """A page in a legacy encoding; characters it lacks become numeric references, as CMSs write them."""
    return Reply(200, text.encode(encoding, "xmlcharrefreplace"), HTML_NO_CHARSET)


def json_reply(value: Any, status: int = 200) -> Reply:
    body = json.dumps(value, ensure_ascii=False, indent=1).encode("utf-8")
    return Reply(status, body, "application/json; charset=utf-8")


def api_json_reply(value: Any) -> Reply:
    """JSON as the sites' APIs send it: compact, UTF-8, non-ASCII unescaped."""
    body = json.dumps(value, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    return Reply(200, body, "application/json;charset=UTF-8")


def json_error(message: str, status: int) -> Reply:
    return json_reply({"error": message}, status)


def xml_reply(text: str) -> Reply:
    return Reply(200, text.encode("utf-8"), "text/xml;charset=UTF-8")


def text_reply(text: str, status: int = 200) -> Reply:
    return Reply(status, text.encode("utf-8"), "text/plain; charset=utf-8")


def not_found() -> Reply:
    """The 404 page a Tomcat-backed government site returns for a missing or withdrawn page."""
    return html_reply(
        "<!DOCTYPE html><html><head><meta charset=\"UTF-8\"><title>404 页面不存在</title></head>"
        "<body><div class=\"error\"><h1>404</h1><p>抱歉，您访问的页面不存在或已被删除。</p>"
        "<p><a href=\"/\">返回首页</a></p></div></body></html>",
        status=404,
    )


def nginx_error(status: int, reason: str, headers: list[tuple[str, str]] | None = None) -> Reply:
    """The bare error page of the nginx in front of most government sites."""
    page = (f"<html>\r\n<head><title>{status} {reason}</title></head>\r\n<body>\r\n"
            f"<center><h1>{status} {reason}</h1></center>\r\n<hr><center>nginx</center>\r\n"
            "</body>\r\n</html>\r\n")
    return html_reply(page, status, headers)


# Magic numbers, so a client that sniffs the type (or a library that opens the file) sees the right kind.
_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # legacy Office and WPS
_ZIP = b"PK\x03\x04"  # docx, xlsx, ofd and zip are all zip containers
MAGIC = {
    "pdf": b"%PDF-1.4\n",
    "doc": _OLE, "xls": _OLE, "wps": _OLE,
    "docx": _ZIP, "xlsx": _ZIP, "ofd": _ZIP, "zip": _ZIP,
    "rar": b"Rar!\x1a\x07\x00",
}


def attachment_bytes(attachment: Attachment) -> bytes:
    filler = f"\nnewswatch simulator attachment: {attachment.name}\n".encode()
    tail = b"%%EOF\n" if attachment.extension == "pdf" else b""
    return MAGIC.get(attachment.extension, b"") + filler + tail


def attachment_reply(attachment: Attachment) -> Reply:
    content_type = CONTENT_TYPES.get(attachment.extension, "application/octet-stream")
    disposition = f"attachment; filename*=UTF-8''{quote(attachment.name)}"
    return Reply(200, attachment_bytes(attachment), content_type, [("Content-Disposition", disposition)])
