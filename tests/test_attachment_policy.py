"""Which attachment links may be requested at all: host (the source's, or a configured attachment host),
scheme and type; and the settings a crawl child gets."""

from __future__ import annotations

from pathlib import Path

import pytest
from scrapy.settings import Settings

from crawler.config.attachment_policy import AttachmentPolicy, check_host_name, check_type_names

POLICY = AttachmentPolicy(enabled=True, max_bytes=1000, types=frozenset({"pdf", "xlsx"}), hosts=("oss.example.cn",))
SOURCE_HOSTS = ["kjt.zj.gov.cn"]


@pytest.mark.parametrize(
    ("url", "kind", "refusal"),
    [
        ("https://kjt.zj.gov.cn/attach/-1/1.pdf", "pdf", None),
        ("https://files.kjt.zj.gov.cn/1.pdf", "pdf", None),  # a subdomain, as Scrapy's offsite filter allows
        ("https://oss.example.cn/bucket/1.xlsx", "xlsx", None),
        ("https://kjt.zj.gov.cn/module/download/downfile.jsp?id=1", None, None),  # type unknown until downloaded
        ("https://mpa.zj.gov.cn/attach/-1/1.pdf", "pdf", "host not allowed: mpa.zj.gov.cn"),
        ("https://kjt.zj.gov.cn.evil.example/1.pdf", "pdf", "host not allowed: kjt.zj.gov.cn.evil.example"),
        ("ftp://kjt.zj.gov.cn/1.pdf", "pdf", "host not allowed: ftp scheme (only http and https are fetched)"),
        ("https://kjt.zj.gov.cn/attach/-1/1.docx", "docx", "type not allowed: docx"),
        # ports: a host is a host whatever port a link names
        ("https://kjt.zj.gov.cn:443/attach/-1/1.pdf", "pdf", None),
        ("http://oss.example.cn:8080/bucket/1.pdf", "pdf", None),
        ("http://mpa.zj.gov.cn:8080/1.pdf", "pdf", "host not allowed: mpa.zj.gov.cn"),
    ],
)
def test_refusal(url: str, kind: str | None, refusal: str | None) -> None:
    assert POLICY.refusal(url, kind, SOURCE_HOSTS) == refusal


def test_crawl_settings_round_trip() -> None:
    values = POLICY.crawl_settings(Path("/data"))
    assert values["FILES_STORE"] == "/data/attachments"
    assert AttachmentPolicy.from_crawl_settings(Settings(values)) == POLICY
    assert AttachmentPolicy().crawl_settings(Path("/data")) == {}
    assert AttachmentPolicy.from_crawl_settings(Settings({})) == AttachmentPolicy()


def test_names_are_checked() -> None:
    assert check_host_name(" CDN.Example.com ") == "cdn.example.com"
    assert check_host_name("oss.example.cn:8080") == "oss.example.cn"
    assert check_type_names(["PDF", ".docx"]) == ["pdf", "docx"]
    for bad in ("https://cdn.example.com", "cdn.example.com/files", "", "a b", 42, "cdn.example.com:0",
                "cdn.example.com:http"):
        with pytest.raises(ValueError, match="not a host name"):
            check_host_name(bad)
    with pytest.raises(ValueError, match="unknown attachment type 'exe'"):
        check_type_names(["exe"])
