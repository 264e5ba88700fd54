"""List classes met on real list pages the project had not been developed on, with our own small markup."""

from __future__ import annotations

import json
from datetime import date

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


HUB = "https://www.example.gov.cn/index.html"


def _pane(column: str, n: int, year: int = 2020) -> str:
    return "<ul>" + "".join(
        f"<li><a href='{column}/{year}07/t{year}07{d:02d}_{d}{n}.html' title='{column}栏目第{d}号关于某某事项的公示'>"
        f"{column}栏目第{d}号关于某某事项的公示</a><span>07-{d:02d}</span></li>" for d in range(1, n + 1)) + "</ul>"


def _tabs(*panes: str) -> str:
    heads = "".join(f"<a href='col{i}/index.html'>栏目{i}</a>" for i in range(len(panes)))
    return f"<div class='tabbox'><h3>{heads}</h3><div class='panes'>{''.join(panes)}</div></div>"


def test_a_tab_pane_holding_a_single_item_is_read() -> None:
    # Four tab panes of one block: an empty one, a list, another empty one and a pane with one notice.
    html = f"<html><body>{_tabs('<ul></ul>', _pane('zwgk/bmwj', 5), '<ul></ul>', _pane('zwgk/rsxx', 1))}</body></html>"
    entries = extract_entries(html.encode(), HUB)
    assert [e.url.rsplit("/", 3)[1] for e in entries] == ["bmwj"] * 5 + ["rsxx"]
    assert entries[-1].title == "zwgk/rsxx栏目第1号关于某某事项的公示"
    assert entries[-1].date is not None and entries[-1].date.isoformat() == "2020-07-01"


def test_a_single_link_beside_the_panes_that_is_no_document_is_not_an_entry() -> None:
    # A one-item list of the same template that links a column page (更多 / 栏目 links) stays out.
    more = "<ul><li><a href='zwgk/rsxx/index.html'>人事信息栏目全部内容列表</a></li></ul>"
    html = f"<html><body>{_tabs(_pane('zwgk/bmwj', 5), more)}</body></html>"
    assert [e.url.rsplit("/", 3)[1] for e in extract_entries(html.encode(), HUB)] == ["bmwj"] * 5


def _block(lead: str, column: str = "info") -> str:
    items = "".join(f"<li><a href='/{column}/ff80{d:02d}a1' title='{column}第{d}条关于某某事项的公告'>{column}第{d}条关于某某事项的公告</a>"
                    f"<span>[2018-03-{d:02d}]</span></li>" for d in range(1, 5))
    return f"<div class='box'>{lead}<ul>{items}</ul><a href='/col/{column}'><span>+更多</span></a></div>"


def _page(*blocks: str) -> bytes:
    nav = "<div class='nav'><ul>" + "".join(f"<li><a href='/col/c{i}'>栏目{i}</a></li>" for i in range(6)) + "</ul></div>"
    return f"<html><body>{nav}<div class='main'>{''.join(blocks)}</div></body></html>".encode()


def test_a_blocks_lead_story_above_its_list_is_an_entry() -> None:
    # Headline (cut with ..., full title in the attribute) and a summary linking the same document.
    lead = ("<span class='l-title'><a href='/info/ff8000b0' title='关于某某中心办公设备采购项目的中标结果公告'>"
            "<h1>关于某某中心办公设备采购项目...</h1></a><p><a href='/info/ff8000b0'>一、项目概况：某某中心采购办公设备</a></p></span>")
    entries = extract_entries(_page(_block(lead), _block("", "news")), HUB)
    assert entries[0].url == "https://www.example.gov.cn/info/ff8000b0"
    assert entries[0].title == "关于某某中心办公设备采购项目的中标结果公告"
    assert entries[0].date is None
    assert len(entries) == 9


def test_a_block_heading_above_the_list_is_no_lead_story() -> None:
    # The heading links the column page, the tab bar links several columns: neither is an entry.
    heading = "<h3><a href='/col/info'>通知公告</a></h3>"
    tabs = "<div class='hd'><a href='/col/a'>工作动态要闻与通知</a><a href='/col/b'>政策文件解读与图解</a></div>"
    for lead in (heading, tabs, "<h3><a href='/col/info/index.html'>通知公告栏目的全部文件列表</a></h3>"):
        entries = extract_entries(_page(_block(lead)), HUB)
        assert [e.url.rsplit("/", 1)[1] for e in entries] == [f"ff80{d:02d}a1" for d in range(1, 5)]


def _news_rows(n: int) -> str:
    return "".join(
        f"<li><a href='/xwzx/2023/6/{d}/a{d}b.shtml' title='关于举办第{d}期专题培训班的通知'>关于举办第{d}期专题培训班的通知</a>"
        f"<span>2023-06-{d:02d}</span></li>" for d in range(1, n + 1))


def test_content_after_a_premature_end_of_document_is_read() -> None:
    # An included header fragment ends with </body></html>; the page's list comes after it.
    header = ("<html><head><title>首页</title></head><body><div class='top'><a href='/'>首页</a>"
              "<a href='/about/index.html'>概况</a></div><script>var a = 1;</script></body></html>")
    main = f"<!--header end--><div class='main'><ul class='news'>{_news_rows(6)}</ul></div>"
    for tail in ("</body></html>", "", "<html><body><p>版权所有</p></body></html>"):
        entries = extract_entries(f"{header}\r\n{main}{tail}".encode(), HUB)
        assert [e.title for e in entries] == [f"关于举办第{d}期专题培训班的通知" for d in range(1, 7)]
        assert entries[0].url == "https://www.example.gov.cn/xwzx/2023/6/1/a1b.shtml"


def test_content_after_a_premature_body_end_is_read() -> None:
    page = f"<html><body><div class='top'>某某网</div></body><div class='main'><ul>{_news_rows(4)}</ul></div></html>"
    assert len(extract_entries(page.encode(), HUB)) == 4


def test_folding_keeps_page_order() -> None:
    from lxml import html as lxml_html

    from crawler.extract.listing import fold_into_body

    root = lxml_html.document_fromstring("<html><body><p>a</p></body></html>x<p>b</p><html><body>y<p>c</p>"
                                         "</body></html>")
    fold_into_body(root)
    body = root.find("body")
    assert [p.text for p in body.iter("p")] == ["a", "b", "c"]
    assert "".join(body.itertext()) == "axbyc"


def test_a_list_dated_with_two_digit_years() -> None:
    rows = "".join(
        f"<tr><td><a href='./{y}{m:02d}/t{y}{m:02d}{d:02d}_{n}.html'>第{n}期科普讲座活动顺利举行</a></td>"
        f"<td class='date'>{y % 100:02d}-{m:02d}-{d:02d}<br></td></tr>"
        for n, (y, m, d) in enumerate([(2018, 2, 22), (2017, 11, 25), (2017, 8, 16), (2009, 1, 5)])
    )
    page = f"<html><body><table>{rows}</table></body></html>"
    entries = extract_entries(page.encode(), "https://www.example.ac.cn/kpdt/index.html")
    assert [e.date for e in entries] == [date(2018, 2, 22), date(2017, 11, 25), date(2017, 8, 16), date(2009, 1, 5)]
    assert entries[0].title == "第0期科普讲座活动顺利举行"


def test_a_two_digit_year_in_the_future_is_not_read() -> None:
    rows = "".join(f"<li><a href='/xwzx/2023/6/{n}/a{n}b.shtml'>某某单位召开第{n}次安全生产工作会议</a><span>99-0{n}-01</span></li>"
                   for n in range(1, 5))
    entries = extract_entries(f"<html><body><ul>{rows}</ul></body></html>".encode(), HUB)
    assert len(entries) == 4
    assert all(e.date is None for e in entries)


def test_a_list_carried_as_script_data_with_each_url_in_a_urls_object_is_read() -> None:
    """A template that draws its column from data in an inline script, each record's address in a `urls` field
    holding a JSON object (as text) of the addresses per device: the page's (pc) is the entry's URL."""
    records = [{"title": f"关于开展第{n}批某某工作的通知", "pubDate": f"2025-07-2{n} 16:59",
                "urls": json.dumps({"pc": f"/col/col7/content/content_{n}.html", "h5": f"/h5/content_{n}.html"})}
               for n in (1, 2, 3)]
    page = ("<html><head><title>政策解读 - 某某省某某厅</title></head><body><div id='list'></div><script>"
            f"var channel = {{\"code\": \"col7\"}};\nvar page = {{\n  articleList: {json.dumps(records, ensure_ascii=False)},\n"
            "  total: 3\n};</script></body></html>")
    entries = extract_entries(page, "https://www.example.gov.cn/col/col7/index.html")
    assert [(e.url, e.title, e.date.isoformat() if e.date else None) for e in entries] == [
        (f"https://www.example.gov.cn/col/col7/content/content_{n}.html", f"关于开展第{n}批某某工作的通知", f"2025-07-2{n}")
        for n in (1, 2, 3)]
