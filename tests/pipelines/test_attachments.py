"""AttachmentsPipeline piece by piece: which links become requests, what a download must be to be stored,
how failures are recorded, and that a file is never half written."""

from __future__ import annotations

import asyncio
import hashlib
import os
from io import BytesIO
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest
from scrapy import Request
from scrapy.exceptions import DownloadCancelledError, IgnoreRequest, NotConfigured
from scrapy.http import Response
from scrapy.utils.test import get_crawler
from twisted.python.failure import Failure

from crawler.extract.fields import extract_fields
from crawler.scrapy_ext.items import RawPage
from pipelines.attachments import AttachmentFailed, AttachmentsPipeline
from pipelines.file_store import AtomicFilesStore

URL = "https://kjt.zj.gov.cn/art/2026/11/20/art_1229080140_1.html"
PAGE = """<html><head><meta name="ArticleTitle" content="关于公布2026年度项目名单的通知"></head><body>
<div id="zoom"><p>各有关单位：现将2026年度项目名单公布如下。</p>
<p>附件：<a href="/attach/-1/1.pdf">1.项目名单.pdf</a></p>
<p><a href="/attach/-1/2.docx">2.申报模板.docx</a></p>
<p><a href="https://oss.example.cn/files/3.pdf">3.说明.pdf</a></p>
<p><a href="https://elsewhere.example.com/4.xlsx">4.汇总表.xlsx</a></p></div></body></html>"""
PDF = b"%PDF-1.4\n" + b"0" * 100 + b"\n%%EOF\n"


def make_pipeline(tmp_path: Path, **settings: Any) -> AttachmentsPipeline:
    values = {"NEWSWATCH_ATTACHMENTS_ENABLED": True, "NEWSWATCH_ATTACHMENTS_MAX_BYTES": 1000,
              "NEWSWATCH_ATTACHMENTS_TYPES": "pdf,xlsx", "NEWSWATCH_ATTACHMENTS_HOSTS": "oss.example.cn",
              "FILES_STORE": str(tmp_path / "attachments"), **settings}
    crawler = get_crawler(settings_dict=values)
    crawler.spider = SimpleNamespace(article_hosts=["kjt.zj.gov.cn"], name="test")  # type: ignore[assignment]
    pipeline = AttachmentsPipeline.from_crawler(crawler)
    pipeline.open_spider()
    return pipeline


def page_item() -> RawPage:
    item = RawPage("zj-kjt-policy", URL, 200, PAGE.encode())
    item.fields["extracted"] = extract_fields(PAGE, URL)
    return item


def test_off_unless_enabled_and_never_in_a_source_check(tmp_path: Path) -> None:
    with pytest.raises(NotConfigured, match="not fetched"):
        AttachmentsPipeline.from_crawler(get_crawler(settings_dict={"FILES_STORE": str(tmp_path)}))
    with pytest.raises(NotConfigured, match="source check"):
        make_pipeline(tmp_path, NEWSWATCH_CHECK=True)


def test_only_allowed_links_become_requests_with_the_size_cap(tmp_path: Path) -> None:
    pipeline = make_pipeline(tmp_path)
    item = page_item()
    requests = pipeline.get_media_requests(item, pipeline.spiderinfo)
    assert [r.url for r in requests] == ["https://kjt.zj.gov.cn/attach/-1/1.pdf", "https://oss.example.cn/files/3.pdf"]
    assert all(r.meta["download_maxsize"] == 1000 for r in requests)
    records = pipeline.item_completed([(True, {"path": "ab/x.pdf", "bytes": 9, "sha256": "ab"}),
                                       (False, Failure(AttachmentFailed("too large: over 1000 bytes")))],
                                      item, pipeline.spiderinfo).fields["attachment_records"]
    assert [(r["name"], r["status"], r.get("reason")) for r in records] == [
        ("项目名单.pdf", "stored", None),
        ("申报模板.docx", "skipped", "type not allowed: docx"),
        ("说明.pdf", "failed", "too large: over 1000 bytes"),
        ("汇总表.xlsx", "skipped", "host not allowed: elsewhere.example.com"),
    ]
    assert records[0]["path"] == "attachments/ab/x.pdf"
    assert pipeline.crawler.stats.get_value("newswatch/attachments/skipped") == 2


def download(pipeline: AttachmentsPipeline, body: bytes, status: int = 200, content_type: str = "application/pdf",
             url: str = "https://kjt.zj.gov.cn/attach/-1/1.pdf") -> dict[str, Any]:
    request = Request(url, meta={"newswatch_attachment_type": "pdf"})
    response = Response(url, status=status, body=body, headers={"Content-Type": content_type}, request=request)
    return asyncio.run(pipeline.media_downloaded(response, request, pipeline.spiderinfo))


def test_a_download_is_stored_under_its_content_hash(tmp_path: Path) -> None:
    pipeline = make_pipeline(tmp_path)
    stored = download(pipeline, PDF)
    digest = hashlib.sha256(PDF).hexdigest()
    assert (stored["status"], stored["bytes"], stored["sha256"]) == ("stored", len(PDF), digest)
    assert stored["path"] == f"{digest[:2]}/{digest}.pdf"
    assert (tmp_path / "attachments" / stored["path"]).read_bytes() == PDF


@pytest.mark.parametrize(
    ("body", "status", "reason"),
    [
        (b"<html><body>\xe6\x96\x87\xe4\xbb\xb6\xe4\xb8\x8d\xe5\xad\x98\xe5\x9c\xa8</body></html>", 200,
         "type not allowed: the server sent an HTML page, not a pdf file"),
        (PDF, 404, "HTTP 404"),
        (b"", 200, "empty file"),
    ],
)
def test_a_download_that_is_not_the_file_is_refused(tmp_path: Path, body: bytes, status: int, reason: str) -> None:
    pipeline = make_pipeline(tmp_path)
    with pytest.raises(AttachmentFailed, match=reason):
        download(pipeline, body, status)
    assert not any(p.is_file() for p in (tmp_path / "attachments").rglob("*"))


def test_failures_are_named(tmp_path: Path) -> None:
    pipeline = make_pipeline(tmp_path)
    request = Request("https://kjt.zj.gov.cn/attach/-1/1.pdf")
    cancelled = Failure(DownloadCancelledError("Expected to receive 5000 bytes which is larger than download max size"))
    with pytest.raises(AttachmentFailed, match="too large: over 1000 bytes"):
        pipeline.media_failed(cancelled, request, pipeline.spiderinfo)
    unpacked = Failure(IgnoreRequest("Ignored response <200 x> because its body (90 B compressed, 5000 B decompressed "
                                     "so far) exceeded DOWNLOAD_MAXSIZE (1000 B) during decompression."))
    with pytest.raises(AttachmentFailed, match="too large: over 1000 bytes once decompressed"):
        pipeline.media_failed(unpacked, request, pipeline.spiderinfo)
    with pytest.raises(Exception) as filtered:
        pipeline.media_failed(Failure(IgnoreRequest("Filtered offsite request to 'x.cn'")), request, pipeline.spiderinfo)
    assert pipeline._outcome(False, Failure(filtered.value)) == {
        "status": "skipped", "reason": "host not allowed: Filtered offsite request to 'x.cn'"}


def test_the_store_never_leaves_half_a_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    store = AtomicFilesStore(str(tmp_path))
    info = object()  # the spider info Scrapy passes: a key for the directories made

    def broken_replace(src: str, dst: str) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", broken_replace)
    with pytest.raises(OSError):
        store.persist_file("ab/abc.pdf", BytesIO(PDF), info)  # type: ignore[arg-type]
    assert not any(p.is_file() for p in tmp_path.rglob("*"))
    monkeypatch.undo()
    store.persist_file("ab/abc.pdf", BytesIO(PDF), info)  # type: ignore[arg-type]
    assert (tmp_path / "ab" / "abc.pdf").read_bytes() == PDF
