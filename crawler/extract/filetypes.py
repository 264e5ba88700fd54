"""What a downloaded attachment really is (magic bytes, then Content-Type), and whether that fits its link."""

from __future__ import annotations

from collections.abc import Collection

# Leading bytes of each container kind. docx/xlsx/pptx/ofd are zip containers; legacy Office and most
# WPS/ET files are OLE compound documents.
_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"%PDF-", "pdf"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "ole"),
    (b"PK\x03\x04", "zip"),
    (b"PK\x05\x06", "zip"),  # an empty archive
    (b"Rar!\x1a\x07", "rar"),
    (b"7z\xbc\xaf\x27\x1c", "7z"),
    (b"{\\rtf", "rtf"),
)
_HTML_STARTS = (b"<!doctype html", b"<html", b"<head", b"<body", b"<script", b"<meta", b"<title")
_BOMS = (b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")

# The content kinds each document type (crawler/extract/attachments.py DOCUMENT_TYPES) may arrive as.
# WPS/ET files are OLE documents, or zip containers when saved in the newer format; some sites send a
# Word document as RTF.
EXPECTED: dict[str, frozenset[str]] = {
    "pdf": frozenset({"pdf"}),
    "doc": frozenset({"ole", "rtf"}),
    "xls": frozenset({"ole"}),
    "ppt": frozenset({"ole"}),
    "wps": frozenset({"ole", "zip"}),
    "et": frozenset({"ole", "zip"}),
    "docx": frozenset({"zip"}),
    "xlsx": frozenset({"zip"}),
    "pptx": frozenset({"zip"}),
    "ofd": frozenset({"zip"}),
    "zip": frozenset({"zip"}),
    "rar": frozenset({"rar"}),
    "7z": frozenset({"7z"}),
    "txt": frozenset({"text"}),
    "csv": frozenset({"text"}),
}
_EXTENSION_OF_KIND = {"pdf": "pdf", "zip": "zip", "rar": "rar", "7z": "7z", "rtf": "rtf", "text": "txt", "ole": "bin"}
_DESCRIPTION = {"html": "an HTML page", "text": "plain text", "unknown": "data of an unknown kind",
                "ole": "an OLE (legacy Office) document"}


def sniff(body: bytes, content_type: str = "") -> str:
    """pdf, ole, zip, rar, 7z, rtf, html, text or unknown: magic bytes first, the Content-Type only
    when the bytes say nothing (servers label files wrongly more often than files lie)."""
    for magic, kind in _MAGIC:
        if body.startswith(magic):
            return kind
    head = body[:1024]
    for bom in _BOMS:
        if head.startswith(bom):
            head = head[len(bom):]
            break
    lowered = head.lstrip().lower()
    if lowered.startswith(_HTML_STARTS) or b"<html" in lowered or "html" in content_type.lower():
        return "html"
    if head and b"\x00" not in head:
        try:
            head.decode("utf-8")
        except UnicodeDecodeError:
            try:
                head.decode("gb18030")
            except UnicodeDecodeError:
                return "unknown"
        return "text"
    return "unknown"


def describe(kind: str) -> str:
    return _DESCRIPTION.get(kind, f"a {kind} file")


def content_problem(declared: str | None, kind: str, allowed: Collection[str]) -> str | None:
    """Why content of `kind` must not be stored for a link of type `declared` (None when it may).

    A link with a known type must hold that kind of content; one without a type (found through an
    operator's attachments selector) may hold any kind that one of the `allowed` types can hold.
    """
    label = declared or "document"
    if kind == "html":
        return f"type not allowed: the server sent an HTML page, not a {label} file"
    if declared is not None:
        expected = EXPECTED.get(declared)
        if expected is not None and kind not in expected:
            return f"type not allowed: the content is {describe(kind)}, not a {declared} file"
        return None
    if not any(kind in EXPECTED.get(t, ()) for t in allowed):
        return f"type not allowed: the content is {describe(kind)}"
    return None


def file_extension(declared: str | None, kind: str) -> str:
    """The extension a stored file gets: the link's type, else one for what the bytes are."""
    return declared or _EXTENSION_OF_KIND.get(kind, "bin")
