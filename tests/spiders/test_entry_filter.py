"""Which list entries spiders follow: on-site pages kept, off-site links and attachments set aside."""

from __future__ import annotations

import pytest

from spiders.entries import Entry
from spiders.entry_filter import hosts_of, is_attachment, split_entries

DOMAINS = ["www.nmpa.gov.cn"]


@pytest.mark.parametrize(
    "url, expected",
    [
        ("https://www.nmpa.gov.cn/xxgk/ggtg/qtggtg/20230210173401120.html", False),
        ("https://www.nmpa.gov.cn/directory/web/nmpa/images/gonggao.pdf", True),
        ("https://www.nmpa.gov.cn/files/附件1.DOCX", True),
        ("https://kjt.zj.gov.cn/module/download/downfile.jsp?classid=0&filename=2401051.pdf", True),
        ("https://kjt.zj.gov.cn/module/download/downfile.jsp?classid=0&filename=", False),
        ("https://mpa.ah.gov.cn/content/column/6785921?pageIndex=2", False),
    ],
)
def test_attachments_are_recognised_by_path_or_named_file(url: str, expected: bool) -> None:
    assert is_attachment(url) is expected


def test_split_keeps_on_site_pages_and_subdomains() -> None:
    entries = [
        Entry("https://www.nmpa.gov.cn/xxgk/ggtg/20240105.html", "公告"),
        Entry("https://mp.weixin.qq.com/s/abc", "微信文章"),
        Entry("https://www.nmpa.gov.cn/xxgk/ggtg/a.pdf", "PDF 公告"),
        Entry("https://sub.www.nmpa.gov.cn/x/1.html", "子域名"),
        Entry("https://nmpa.gov.cn/x/2.html", "上级域名"),
    ]
    split = split_entries(entries, DOMAINS)
    assert [e.title for e in split.kept] == ["公告", "子域名"]
    assert [e.title for e in split.offsite] == ["微信文章", "上级域名"]
    assert [e.title for e in split.attachments] == ["PDF 公告"]
    assert hosts_of(split.offsite) == ["mp.weixin.qq.com", "nmpa.gov.cn"]


def test_nothing_is_kept_without_allowed_domains_matching() -> None:
    split = split_entries([Entry("https://example.org/a.html", "x")], ["kjt.zj.gov.cn"])
    assert split.kept == [] and len(split.offsite) == 1


@pytest.mark.parametrize(
    "url", ["https://www.nmpa.gov.cn:443/xxgk/1.html", "http://www.nmpa.gov.cn:8080/xxgk/1.html",
            "http://WWW.NMPA.GOV.CN./xxgk/1.html"],
)
def test_an_entry_url_with_a_port_is_on_its_host(url: str) -> None:
    split = split_entries([Entry(url, "公告")], DOMAINS)
    assert [e.url for e in split.kept] == [url] and not split.offsite
