"""`newswatch extract` from the outside: a file that is not a page is said to be one, not read as empty fields."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from crawler.cli import cli

URL = "https://kjt.zj.gov.cn/art/2025/3/10/art_1_1.html"
PAGE = ("<html><head><meta charset='gbk'><title>关于开展科技项目申报的通知</title></head>"
        "<body><h1>关于开展科技项目申报的通知</h1><p>各有关单位：现将有关事项通知如下。</p></body></html>")


@pytest.mark.parametrize(
    ("name", "data", "what"),
    [
        ("guide.pdf", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n", "a pdf file"),
        ("forms.zip", b"PK\x03\x04\x14\x00\x00\x00\x08\x00" + bytes(range(256)), "a zip file"),
        ("photo.png", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(64), "data of an unknown kind"),
    ],
    ids=["pdf", "zip", "png"],
)
def test_a_binary_file_gets_a_warning(tmp_path: Path, name: str, data: bytes, what: str) -> None:
    path = tmp_path / name
    path.write_bytes(data)
    result = CliRunner().invoke(cli, ["extract", str(path), "--url", URL])
    assert result.exit_code == 0, result.output
    assert result.stderr == f"warning: {path} is not a saved page but {what}: nothing can be extracted from it\n"
    assert json.loads(result.stdout)["title"] is None


@pytest.mark.parametrize("as_list", [False, True])
def test_a_page_gets_no_warning(tmp_path: Path, as_list: bool) -> None:
    path = tmp_path / "page.html"
    path.write_bytes(PAGE.encode("gbk"))
    result = CliRunner().invoke(cli, ["extract", str(path), "--url", URL, *(["--list"] if as_list else [])])
    assert result.exit_code == 0 and result.stderr == ""
    if not as_list:
        assert json.loads(result.stdout)["title"] == "关于开展科技项目申报的通知"
