"""The spool on a full disk or after a kill: a page is appended whole or not at all, damaged lines are skipped
with a warning, and a replay that did not finish is replayed again."""

from __future__ import annotations

import errno
import logging
import os
from pathlib import Path

import pytest

from crawler.scrapy_ext.items import RawPage
from crawler.scrapy_ext.spool import Spool

SOURCE = "zj-kjt-notices"


def page(n: int) -> RawPage:
    body = f"<html><body><div id='zoom'><p>第{n}号通知：申报工作安排。</p></div></body></html>".encode()
    return RawPage(SOURCE, f"https://kjt.zj.gov.cn/art/2026/11/20/art_1_{n}.html", 200, body)


def urls(pages: list[RawPage]) -> list[str]:
    return [p.url for p in pages]


def disk_fills_after(monkeypatch: pytest.MonkeyPatch, room: int) -> None:
    """os.write takes `room` more bytes, then fails with ENOSPC (a real short write on a full disk)."""
    real_write = os.write
    left = [room]

    def write(fd: int, data: bytes | memoryview) -> int:
        if left[0] <= 0:
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        written = real_write(fd, bytes(data[: left[0]]))
        left[0] -= written
        return written

    monkeypatch.setattr("crawler.scrapy_ext.spool.os.write", write)


def test_a_full_disk_leaves_no_half_line(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    spool = Spool(tmp_path)
    spool.add(page(1))
    before = (tmp_path / f"{SOURCE}.jsonl").read_bytes()
    disk_fills_after(monkeypatch, 100)  # part of the next page's line fits, then the disk is full
    with pytest.raises(OSError) as raised:
        spool.add(page(2))
    assert raised.value.errno == errno.ENOSPC
    assert (tmp_path / f"{SOURCE}.jsonl").read_bytes() == before  # the partial line was cut back off
    monkeypatch.undo()  # space freed
    spool.add(page(3))
    assert urls(Spool(tmp_path).take(SOURCE)) == [page(1).url, page(3).url]


def test_no_room_even_to_open_the_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def full(*_args: object) -> int:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr("crawler.scrapy_ext.spool.os.open", full)
    with pytest.raises(OSError):
        Spool(tmp_path / "spool").add(page(1))
    monkeypatch.undo()
    assert Spool(tmp_path / "spool").take(SOURCE) == []


def test_a_line_cut_short_by_a_kill_is_skipped_with_a_warning(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    spool = Spool(tmp_path)
    spool.add(page(1))
    spool.add(page(2))
    path = tmp_path / f"{SOURCE}.jsonl"
    whole = path.read_bytes()
    path.write_bytes(whole[: len(whole) - 40])  # killed while writing page 2: no newline, the JSON cut short
    spool.add(page(3))  # the next crawl appends after the remains, on a line of its own
    with caplog.at_level(logging.WARNING, logger="newswatch.spool"):
        pages = Spool(tmp_path).take(SOURCE)
    assert urls(pages) == [page(1).url, page(3).url]
    assert pages[1].body == page(3).body
    [warning] = [r for r in caplog.records if r.name == "newswatch.spool"]
    assert "line 2 is damaged" in warning.getMessage() and "fetched again" in warning.getMessage()


@pytest.mark.parametrize("garbage", [b"{not json", b'{"body": "@@@ not base64"}', b"[1, 2]", b"\xff\xfe\x00"])
def test_damaged_lines_never_stop_the_replay(tmp_path: Path, garbage: bytes) -> None:
    spool = Spool(tmp_path)
    spool.add(page(1))
    with (tmp_path / f"{SOURCE}.jsonl").open("ab") as file:
        file.write(garbage + b"\n")
    spool.add(page(2))
    assert urls(Spool(tmp_path).take(SOURCE)) == [page(1).url, page(2).url]


def test_a_replay_cut_short_is_replayed_again(tmp_path: Path) -> None:
    first = Spool(tmp_path)
    first.add(page(1))
    assert urls(first.take(SOURCE)) == [page(1).url]
    # The crawl is killed (or the database fills up) before the replay is done: nothing is forgotten, and
    # pages spooled meanwhile come too.
    Spool(tmp_path).add(page(2))
    second = Spool(tmp_path)
    assert urls(second.take(SOURCE)) == [page(1).url, page(2).url]
    second.replayed(SOURCE)
    assert list(tmp_path.iterdir()) == []
    assert Spool(tmp_path).take(SOURCE) == []


def test_sources_do_not_share_files(tmp_path: Path) -> None:
    spool = Spool(tmp_path)
    spool.add(page(1))
    other = RawPage("zj-kjt-notices-2", "https://kjt.zj.gov.cn/art/x.html", 200, b"<html></html>")
    spool.add(other)
    assert urls(spool.take("zj-kjt-notices-2")) == [other.url]
    spool.replayed("zj-kjt-notices-2")
    assert urls(spool.take(SOURCE)) == [page(1).url]
