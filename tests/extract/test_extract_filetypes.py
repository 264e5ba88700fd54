"""File-type sniffing of downloaded attachments: magic bytes first, and whether the content fits the link."""

from __future__ import annotations

import pytest

from crawler.extract.filetypes import content_problem, file_extension, sniff
from simulator.reply import MAGIC

HTML_ERROR = "<!DOCTYPE html><html><head><title>提示</title></head><body>文件不存在</body></html>".encode()


@pytest.mark.parametrize(
    ("body", "content_type", "kind"),
    [
        (b"%PDF-1.7\n...", "application/octet-stream", "pdf"),
        (b"%PDF-1.4\n", "text/html", "pdf"),  # a mislabelled file: the bytes win
        (MAGIC["doc"] + b"...", "", "ole"),
        (MAGIC["docx"] + b"...", "application/zip", "zip"),
        (MAGIC["rar"] + b"...", "", "rar"),
        (b"{\\rtf1\\ansi ...", "", "rtf"),
        (HTML_ERROR, "application/pdf", "html"),  # a soft 404 labelled as the file
        (b"\xef\xbb\xbf  <html><body>x</body></html>", "", "html"),
        (b"no markup, but served as HTML", "text/html; charset=utf-8", "html"),
        ("序号,名称\n1,甲\n".encode("gb18030"), "text/csv", "text"),
        (b"\x00\x01\x02\x03binary", "", "unknown"),
    ],
)
def test_sniff(body: bytes, content_type: str, kind: str) -> None:
    assert sniff(body, content_type) == kind


@pytest.mark.parametrize(
    ("declared", "kind", "problem"),
    [
        ("pdf", "pdf", None),
        ("docx", "zip", None),
        ("wps", "ole", None),
        ("doc", "rtf", None),
        ("pdf", "html", "type not allowed: the server sent an HTML page, not a pdf file"),
        ("xlsx", "pdf", "type not allowed: the content is a pdf file, not a xlsx file"),
        ("doc", "zip", "type not allowed: the content is a zip file, not a doc file"),
        (None, "pdf", None),  # a link without a type may hold any allowed kind
        (None, "rar", "type not allowed: the content is a rar file"),
        (None, "html", "type not allowed: the server sent an HTML page, not a document file"),
    ],
)
def test_content_must_fit_the_link(declared: str | None, kind: str, problem: str | None) -> None:
    assert content_problem(declared, kind, allowed={"pdf", "docx"}) == problem


def test_stored_extension() -> None:
    assert file_extension("docx", "zip") == "docx"
    assert file_extension(None, "pdf") == "pdf"
    assert file_extension(None, "unknown") == "bin"
