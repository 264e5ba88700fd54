"""List classes met on real list pages the project had not been developed on, with our own small markup."""

from __future__ import annotations

from crawler.extract.listing import extract_entries

BASE = "https://www.example.edu.cn/index/tzgg.htm"
ROWS = [(f"../info/1004/{100 + n}.htm", f"关于做好第{n}批实训设备采购项目的公告", f"2024-03-{n:02d}") for n in range(1, 9)]


def _table(pager: str) -> str:
    rows = "".join(
        f"<tr id='line_u1_{i}'><td>·</td><td><a class='news' href='{u}'>{t}</a>"
        f"<font color='#ccc'>(发布时间：{d} 10:00:00)</font></td></tr>"
        for i, (u, t, d) in enumerate(ROWS)
    )
    return f"<html><body><table>{rows}<tr><td colspan='2'>{pager}</td></tr></table></body></html>"


def test_a_pager_written_with_short_words_is_not_an_entry() -> None:
    # 首页 上页 下页 尾页: the short forms of 上一页/下一页 some templates use; page 1 links only the last two.
    for pager in ("共59页 首页 上页 <a href='tzgg/58.htm'>下页</a> <a href='tzgg/1.htm'>尾页</a>",
                  "<a href='tzgg/1.htm'>首页</a> <a href='tzgg/3.htm'>上页</a> <a href='tzgg/5.htm'>后页</a>"):
        entries = extract_entries(_table(pager).encode(), BASE)
        assert [e.title for e in entries] == [t for _, t, _ in ROWS]
        assert entries[0].url == "https://www.example.edu.cn/info/1004/101.htm"


def test_a_title_that_only_starts_with_a_pager_word_stays() -> None:
    rows = ROWS[:7] + [("../info/1004/200.htm", "下页岩层地质灾害隐患排查的通知", "2024-03-09")]
    html = "".join(f"<li><a href='{u}'>{t}</a><span>{d}</span></li>" for u, t, d in rows)
    entries = extract_entries(f"<html><body><ul>{html}</ul></body></html>".encode(), BASE)
    assert entries[-1].title == "下页岩层地质灾害隐患排查的通知"
