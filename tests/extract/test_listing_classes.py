"""The generic list reader, one failure class at a time, on small hand-written pages.

Classes: entries with related links (解读, PDF, download icons); subtitles and revision notes; lists
spread over several blocks (hub pages, tabs, sub-columns, grouped years) next to sidebars that are not
the column; dates in many forms; badges and addresses in link text; flat lists.
"""

from __future__ import annotations

from datetime import date

from crawler.extract.listing import ListEntry, extract_entries

BASE = "https://kjt.example.gov.cn/tzgg/index.html"


def _page(body: str) -> str:
    nav = "".join(f'<li><a href="/col/col{n}/index.html">栏目{n}</a></li>' for n in range(1, 7))
    return (
        '<html><head><meta charset="utf-8"><title>通知公告</title></head><body>'
        f'<div class="header"><ul class="menu">{nav}</ul></div>'
        f'<div class="main">{body}</div>'
        '<div class="footer"><a href="https://www.gov.cn/">中国政府网</a> <a href="/sitemap.html">网站地图</a></div>'
        "</body></html>"
    )


def _extract(body: str, url: str = BASE) -> list[ListEntry]:
    return extract_entries(_page(body), url)


# --- related links -------------------------------------------------------------------------------


def test_document_and_its_interpretation_are_one_entry_with_a_related_link() -> None:
    rows = "".join(
        f'<li><a href="./2024010{d}/t2024010{d}_10{d}.html">关于印发第{d}号科技计划管理办法的通知</a>'
        f' <a href="./2024010{d}/t2024010{d}_20{d}.html">【解读】</a><span>2024-01-0{d}</span></li>'
        for d in range(1, 6)
    )
    entries = _extract(f'<ul class="list">{rows}</ul>')
    assert [e.title for e in entries] == [f"关于印发第{d}号科技计划管理办法的通知" for d in range(1, 6)]
    assert entries[0].related == ("https://kjt.example.gov.cn/tzgg/20240101/t20240101_201.html",)
    assert entries[0].date == date(2024, 1, 1)


def test_interpretation_with_a_long_title_is_still_the_related_link() -> None:
    rows = "".join(
        f'<li><a href="/zcwj/t2024020{d}_1{d}.html">关于印发《第{d}类项目管理办法》的通知</a>'
        f'<a href="/zcjd/t2024020{d}_2{d}.html">《第{d}类项目管理办法》政策解读与问答全文</a>'
        f"<span>2024-02-0{d}</span></li>"
        for d in range(1, 5)
    )
    entries = _extract(f"<ul>{rows}</ul>")
    assert [e.url.rsplit("/", 2)[-2] for e in entries] == ["zcwj"] * 4
    assert entries[1].related == ("https://kjt.example.gov.cn/zcjd/t20240202_22.html",)


def test_html_and_pdf_and_download_icon() -> None:
    rows = "".join(
        f'<li><a href="/gg/t2024030{d}_{d}.html">第{d}批高新技术企业认定名单公告</a>'
        f'<a href="/gg/W0202403{d}.pdf">[PDF]</a>'
        f'<a class="down-icon" href="/module/download/downfile.jsp?id={d}"><img src="/i/d.png"></a>'
        f"<span>2024-03-0{d}</span></li>"
        for d in range(1, 5)
    )
    entries = _extract(f"<ul>{rows}</ul>")
    assert len(entries) == 4
    assert entries[2].related == (
        "https://kjt.example.gov.cn/gg/W02024033.pdf",
        "https://kjt.example.gov.cn/module/download/downfile.jsp?id=3",
    )


def test_source_comment_and_category_links_are_not_related() -> None:
    rows = "".join(
        f'<li><a href="/news/channel/">[国内]</a><a href="/news/2024/0405/c{d}-88{d}.html">第{d}条要闻的完整标题在这里</a>'
        f'<a href="/author/{d}">新闻中心</a><a href="https://comment.example.com/{d}">12{d}</a>'
        f"<span>2024-04-0{d}</span></li>"
        for d in range(1, 5)
    )
    entries = _extract(f"<ul>{rows}</ul>")
    assert [e.title for e in entries] == [f"第{d}条要闻的完整标题在这里" for d in range(1, 5)]
    assert all(e.related == () for e in entries)


def test_bare_link_list_keeps_interpretation_links_out_of_the_entries() -> None:
    rows = "".join(
        f'<a href="/tz/t2024050{d}_{d}.html">关于开展第{d}批专项检查工作的通知</a> '
        f'<a href="/jd/t2024050{d}_{d}.html">[解读]</a> 2024-05-0{d}<br>'
        for d in range(1, 6)
    )
    entries = _extract(f'<div class="con">{rows}</div>')
    assert [e.title for e in entries] == [f"关于开展第{d}批专项检查工作的通知" for d in range(1, 6)]
    assert entries[0].related == ("https://kjt.example.gov.cn/jd/t20240501_1.html",)
    assert entries[4].date == date(2024, 5, 5)


# --- subtitles ---------------------------------------------------------------------------------------


def _one_list(links: list[str]) -> list[ListEntry]:
    rows = "".join(f"<li>{a}<span>2024-06-{n + 1:02d}</span></li>" for n, a in enumerate(links))
    return _extract(f"<ul>{rows}</ul>")


def test_subtitle_set_apart_by_the_title_attribute() -> None:
    entries = _one_list([
        '<a href="/a/t20240601_1.html" title="关于征求科技计划管理办法意见的通知">'
        "关于征求科技计划管理办法意见的通知（第二次征求意见）</a>",
        '<a href="/a/t20240602_2.html">关于公布第一批创新平台名单的通知</a>',
        '<a href="/a/t20240603_3.html">关于公布第二批创新平台名单的通知</a>',
    ])
    assert entries[0].title == "关于征求科技计划管理办法意见的通知"
    assert entries[0].subtitle == "第二次征求意见"
    assert entries[1].subtitle is None


def test_subtitle_in_its_own_element_inside_the_link() -> None:
    entries = _one_list([
        '<a href="/a/t20240601_1.html"><span>创新驱动发展 科技赋能产业</span><em>——全省科技工作会议召开</em></a>',
        '<a href="/a/t20240602_2.html"><span>关于公布第一批创新平台名单的通知</span></a>',
        '<a href="/a/t20240603_3.html">关于公布第二批创新平台名单的通知</a>',
    ])
    assert (entries[0].title, entries[0].subtitle) == ("创新驱动发展 科技赋能产业", "全省科技工作会议召开")


def test_notes_written_into_the_headline_stay_in_the_title() -> None:
    titles = [
        "中华人民共和国科学技术进步法（2021年修订）",
        "用线上新型消费激活内需（人民时评）",
        "优化城乡建设用地布局——全省强化增减挂钩管理",
    ]
    entries = _one_list([f'<a href="/a/t2024060{n}_{n}.html">{t}</a>' for n, t in enumerate(titles, 1)])
    assert [(e.title, e.subtitle) for e in entries] == [(t, None) for t in titles]


def test_revision_note_of_a_law_stays_even_in_its_own_element() -> None:
    entries = _one_list([
        '<a href="/a/t20240601_1.html" title="国家科学技术奖励条例">国家科学技术奖励条例<span>（2024年修订）</span></a>',
        '<a href="/a/t20240602_2.html">关于公布第一批创新平台名单的通知</a>',
        '<a href="/a/t20240603_3.html">关于公布第二批创新平台名单的通知</a>',
    ])
    assert (entries[0].title, entries[0].subtitle) == ("国家科学技术奖励条例（2024年修订）", None)


def test_badges_are_not_title_words() -> None:
    entries = _one_list([
        '<a href="/a/t20240601_1.html"><em class="zd">置顶</em>关于做好年度统计工作的通知</a>',
        '<a href="/a/t20240602_2.html">关于公布创新平台名单的通知<img src="new.gif"><i>NEW</i></a>',
        '<a href="/a/t20240603_3.html"><span class="zt">专题</span>全省科技创新大会</a>',
    ])
    assert [e.title for e in entries] == ["关于做好年度统计工作的通知", "关于公布创新平台名单的通知", "全省科技创新大会"]


# --- several blocks -------------------------------------------------------------------------------


def _block(name: str, folder: str, days: range, heading: str | None = None) -> str:
    rows = "".join(
        f'<li><a href="/{folder}/202407/t202407{d:02d}_{d}.html">{name}第{d}期工作情况通报内容</a>'
        f"<span>2024-07-{d:02d}</span></li>"
        for d in days
    )
    title = f'<div class="tit"><h3>{heading}</h3><a href="/{folder}/">更多</a></div>' if heading else ""
    return f'<div class="box">{title}<div class="bd"><ul class="news-list">{rows}</ul></div></div>'


def test_hub_page_lists_every_content_block_but_not_the_hot_sidebar() -> None:
    left = f'<div class="col-l">{_block("通知公告", "tzgg", range(1, 7), "通知公告")}' \
           f'{_block("工作动态", "gzdt", range(1, 7), "工作动态")}</div>'
    right = f'<div class="col-r">{_block("政策文件", "zcwj", range(1, 7), "政策文件")}' \
            f'{_block("热点", "rdxx", range(1, 7), "热点排行")}</div>'
    entries = _extract(f'<div class="wrap"><div class="row">{left}</div><div class="row2">{right}</div></div>',
                       "https://kjt.example.gov.cn/index.html")
    folders = [e.url.split("/")[3] for e in entries]
    assert folders == ["tzgg"] * 6 + ["gzdt"] * 6 + ["zcwj"] * 6


def test_tabbed_blocks_include_the_hidden_tab() -> None:
    tab1 = "".join(f'<li><a href="./tkqcr/202408/t202408{d:02d}_{d}.html">探矿权出让公告第{d}号公示</a><span>2024-08-{d:02d}</span></li>'
                   for d in range(1, 6))
    tab2 = "".join(f'<li><a href="./tkqjg/202408/t202408{d:02d}_{d}.html">探矿权出让结果公示第{d}号</a><span>2024-08-{d:02d}</span></li>'
                   for d in range(11, 16))
    body = (
        '<div class="tabs"><ul><li class="on"><a href="./tkqcr/">出让公告</a></li><li><a href="./tkqjg/">结果公示</a></li></ul></div>'
        f'<div class="list"><ul>{tab1}</ul><ul style="display: none">{tab2}</ul></div>'
    )
    entries = _extract(body, "https://zrzy.example.gov.cn/kyqsc/index.html")
    assert len(entries) == 10


def test_grouped_years_with_month_day_dates() -> None:
    def year(y: int) -> str:
        rows = "".join(f'<li><a href="/gg/{y}{m:02d}/t{y}{m:02d}15_{m}.html">{y}年第{m}号公告全文内容</a>'
                       f"<span>[{m:02d}-15]</span></li>" for m in (12, 6, 1))
        return f"<h3>{y}年</h3><ul>{rows}</ul>"

    entries = _extract(year(2024) + year(2023))
    assert [e.date for e in entries] == [date(y, m, 15) for y in (2024, 2023) for m in (12, 6, 1)]


def test_month_day_takes_the_year_of_a_heading_when_urls_have_none() -> None:
    rows = "".join(f'<li><a href="/show.aspx?id={m}">第{m}次党组会议研究部署重点工作</a><em>{m:02d}-08</em></li>'
                   for m in (9, 8, 7))
    entries = _extract(f"<h2>2025</h2><ul>{rows}</ul>")
    assert [e.date for e in entries] == [date(2025, m, 8) for m in (9, 8, 7)]


# --- dates ----------------------------------------------------------------------------------------


def test_dates_in_many_forms() -> None:
    forms = ["2024年5月9日", "2024/05/09 10:31:54", "(2024-05-09)", "发布时间：2024.05.09", "2024-5-9"]
    rows = "".join(f'<li><a href="/a/t20240509_{n}.html">第{n}份关于科技项目验收工作的通知</a><span>{f}</span></li>'
                   for n, f in enumerate(forms))
    assert [e.date for e in _extract(f"<ul>{rows}</ul>")] == [date(2024, 5, 9)] * len(forms)


def test_split_date_box() -> None:
    rows = "".join(
        f'<li><div class="date"><span>{d:02d}</span><em>2024-05</em></div>'
        f'<a href="/a/t202405{d:02d}_{d}.html">第{d}份关于科技项目验收工作的通知</a></li>'
        for d in (21, 12, 3)
    )
    assert [e.date for e in _extract(f"<ul>{rows}</ul>")] == [date(2024, 5, d) for d in (21, 12, 3)]


def test_labelled_date_beats_a_date_in_the_summary() -> None:
    rows = "".join(
        f'<li><h3><a href="/xinwen/2020-04/2{d}/content_55049{d}.htm">第{d}条疫情防控最新消息</a></h3>'
        f"<p>原定于2020年5月16日举行的考试推迟，具体时间另行通知，请考生关注后续安排。</p>"
        f"<p><span>发布时间：2020.04.2{d}</span></p></li>"
        for d in range(1, 5)
    )
    assert [e.date for e in _extract(f"<ul>{rows}</ul>")] == [date(2020, 4, 20 + d) for d in range(1, 5)]


def test_flat_list_dates_in_the_following_line() -> None:
    rows = "".join(
        f'<h4><a href="/ShowNews.aspx?id=47{d}" title="行业协会第{d}次工作会议在京召开">行业协会第{d}次工作会议在京召开</a></h4>'
        f'<div class="info"><span class="time">2026/9/{d} 7:51:00</span><span>312次浏览</span></div>'
        f"<p>9月{d}日，会议在北京召开。…</p><div class=\"line\"></div>"
        for d in range(9, 3, -1)
    )
    entries = _extract(f'<div class="tab-pane">{rows}</div>', "https://www.example.com/ShowNewsList.aspx?id=43")
    assert [e.date for e in entries] == [date(2026, 9, d) for d in range(9, 3, -1)]


def test_search_results_take_the_title_not_the_printed_address() -> None:
    results = "".join(
        f'<ul><li><b><a href="http://news.example.com/n1/2020/0421/c1-3168{d}.html">第{d}条搜索结果的标题</a></b></li>'
        f"<li>[摘要文字……]</li>"
        f'<li><a href="http://news.example.com/n1/2020/0421/c1-3168{d}.html">http://news.example.com/n1/2020/0421/c1-3168{d}.html</a>'
        f" &nbsp;&nbsp;2020-04-21 11:58:29</li></ul>"
        for d in range(10, 16)
    )
    entries = _extract(f'<div class="result">{results}</div>', "http://search.example.com/s.jsp?q=x")
    assert [e.title for e in entries] == [f"第{d}条搜索结果的标题" for d in range(10, 16)]
    assert all(e.date == date(2020, 4, 21) for e in entries)


def test_entries_with_new_fields_compare_equal_to_three_field_entries() -> None:
    # Spiders and older callers build ListEntry(url, title, date): the new fields have defaults.
    assert ListEntry("https://a.gov.cn/1.html", "标题", None) == ListEntry("https://a.gov.cn/1.html", "标题", None, None, ())


def test_table_of_documents_takes_the_publication_date_column() -> None:
    head = "<tr><th>序号</th><th>标题</th><th>文号</th><th>成文日期</th><th>发布日期</th></tr>"
    rows = "".join(
        f'<tr><td>{n}</td><td><a href="/xxgk/t2024070{n}_{n}.html">关于第{n}批科技计划项目立项的通知</a></td>'
        f"<td>科发〔2024〕{n}号</td><td>2024-06-2{n}</td><td>2024-07-0{n}</td></tr>"
        for n in range(1, 5)
    )
    entries = _extract(f"<table>{head}{rows}</table>")
    assert [e.date for e in entries] == [date(2024, 7, n) for n in range(1, 5)]


def test_a_link_wrapping_a_whole_card_takes_the_heading_as_title() -> None:
    rows = "".join(
        f'<li><a href="/a/t2024080{n}_{n}.html"><h3>第{n}届科技活动周开幕</h3>'
        f"<p>活动周期间将举办各类科普活动一百余场，面向公众开放实验室。</p><span>2024-08-0{n}</span></a></li>"
        for n in range(1, 5)
    )
    entries = _extract(f"<ul>{rows}</ul>")
    assert [(e.title, e.date) for e in entries] == [(f"第{n}届科技活动周开幕", date(2024, 8, n)) for n in range(1, 5)]


def test_a_paged_column_list_leaves_out_a_same_template_block_elsewhere() -> None:
    # Page 1 of a column (a pager under the list): another block built from the same template further
    # away is the site's sidebar, even without a heading that says so.
    main = _block("通知公告", "tzgg", range(1, 16))
    pager = '<div class="pagination"><a href="index_1.html">下一页</a><a href="index_9.html">尾页</a></div>'
    side = _block("最新发布", "zxfb", range(1, 7), "最新发布")
    body = f'<div class="content"><div class="left-col"><div class="inner">{main}{pager}</div></div>' \
           f'<div class="right-col"><div class="inner">{side}</div></div></div>'
    entries = _extract(body)
    assert len(entries) == 15
    assert all("/tzgg/" in e.url for e in entries)


def test_search_page_expands_embedded_blocks_and_drops_their_headers() -> None:
    plain = "".join(
        f'<li><h3><a href="http://www.example.gov.cn/xinwen/2020-04/2{d}/content_55{d}.htm">第{d}条普通结果的标题</a></h3>'
        f'<p>摘要</p><p><span>发布时间：2020.04.2{d}</span></p></li>'
        for d in range(1, 5)
    )
    docs = "".join(
        f'<p><a href="http://www.example.gov.cn/zhengce/content/2020-04/0{d}/content_54{d}.htm">第{d}号国务院办公厅通知全文</a>'
        f'<span style="float:right">2020.04.0{d}</span></p>'
        for d in range(1, 4)
    )
    block = f'<li><h3><a href="s.htm?t=paper&q=x">相关公文</a></h3><div class="res-wenjian">{docs}</div></li>'
    entries = _extract(f'<div class="result"><ul>{plain}{block}</ul></div>', "http://sousuo.example.gov.cn/s.htm?q=x")
    assert [e.title for e in entries][-3:] == [f"第{d}号国务院办公厅通知全文" for d in range(1, 4)]
    assert len(entries) == 7 and not any("s.htm" in e.url for e in entries)
    assert entries[-1].date == date(2020, 4, 3)


def test_an_entry_whose_companion_links_sit_together_is_not_expanded() -> None:
    rows = "".join(
        f'<li><a href="/zc/t2024090{d}_{d}.html">关于印发第{d}号产业扶持政策的通知</a>'
        f'<span class="links"><a href="/jd/t2024090{d}_{d}.html">解读</a><a href="/zc/W02024090{d}.pdf">PDF</a></span>'
        f"<span>2024-09-0{d}</span></li>"
        for d in range(1, 6)
    )
    entries = _extract(f"<ul>{rows}</ul>")
    assert [e.title for e in entries] == [f"关于印发第{d}号产业扶持政策的通知" for d in range(1, 6)]
    assert all(len(e.related) == 2 for e in entries)


def test_an_entry_listing_its_attachment_files_is_not_expanded() -> None:
    rows = "".join(
        f'<li><a href="/tz/t2024100{d}_{d}.html">关于组织申报第{d}批重点研发计划项目的通知</a><span>2024-10-0{d}</span>'
        f'<ul class="fj"><li><a href="/tz/W{d}1.docx">附件1：项目申报书模板</a></li>'
        f'<li><a href="/tz/W{d}2.xlsx">附件2：申报项目汇总表</a></li></ul></li>'
        for d in range(1, 6)
    )
    entries = _extract(f'<ul class="list">{rows}</ul>')
    assert [e.title for e in entries] == [f"关于组织申报第{d}批重点研发计划项目的通知" for d in range(1, 6)]
    assert entries[0].related == ("https://kjt.example.gov.cn/tz/W11.docx", "https://kjt.example.gov.cn/tz/W12.xlsx")


def test_subtitle_in_a_marked_element_beside_the_link() -> None:
    rows = "".join(
        f'<li><a href="/a/t2024110{d}_{d}.html">第{d}场科技成果对接会举行</a><p class="sub-title">——聚焦先进制造第{d}场</p>'
        f"<span>2024-11-0{d}</span></li>"
        for d in range(1, 4)
    )
    entries = _extract(f"<ul>{rows}</ul>")
    assert [(e.title, e.subtitle) for e in entries] == [(f"第{d}场科技成果对接会举行", f"聚焦先进制造第{d}场") for d in range(1, 4)]


def test_labelled_date_in_a_long_metadata_line() -> None:
    rows = "".join(
        f'<li><a href="/a/t2024120{d}_{d}.html">第{d}批省级工程技术研究中心名单公布</a>'
        f"<p>来源：省科学技术厅成果转化与区域创新处 发布日期 2024-12-0{d} 浏览次数：1{d}23 次</p></li>"
        for d in range(1, 5)
    )
    assert [e.date for e in _extract(f"<ul>{rows}</ul>")] == [date(2024, 12, d) for d in range(1, 5)]


def test_a_pager_written_by_script_also_marks_a_column_page() -> None:
    main = _block("通知公告", "tzgg", range(1, 16))
    side = _block("最新发布", "zxfb", range(1, 7), "最新发布")
    body = f'<div class="content"><div class="left-col"><div class="inner">{main}' \
           '<script>createPageHTML(9, 0, "index", "html");</script></div></div>' \
           f'<div class="right-col"><div class="inner">{side}</div></div></div>'
    assert all("/tzgg/" in e.url for e in _extract(body))


def test_a_slide_show_on_a_hub_page_is_not_a_content_block() -> None:
    slides = "".join(f'<li><a href="/tzgg/202407/t202407{d:02d}_{d}.html" title="图片新闻第{d}条的完整标题内容">'
                      f'<img src="/p/{d}.jpg"></a></li>' for d in range(20, 25))
    body = f'<div class="top"><div class="pics"><ul>{slides}</ul></div></div>' \
           f'<div class="wrap"><div class="row">{_block("通知公告", "tzgg", range(1, 7), "通知公告")}</div></div>'
    entries = _extract(body, "https://kjt.example.gov.cn/index.html")
    assert len(entries) == 6 and all("图片新闻" not in e.title for e in entries)


def test_cut_link_text_takes_the_full_title_from_an_inner_title_attribute() -> None:
    rows = "".join(f'<li><a href="/a/t2024060{d}_{d}.html"><span title="关于开展第{d}批次科技型中小企业评价工作的通知">'
                   f"关于开展第{d}批次科技型中小...</span></a><span>2024-06-0{d}</span></li>" for d in range(1, 4))
    assert [e.title for e in _extract(f"<ul>{rows}</ul>")] == [f"关于开展第{d}批次科技型中小企业评价工作的通知" for d in range(1, 4)]


def test_a_related_documents_box_under_the_list_is_not_the_column() -> None:
    main = "".join(f'<li><a href="/tzgg/202407/t202407{d:02d}_{d}.html">第{d}期科技工作情况通报的内容</a><span>2024-07-{d:02d}</span></li>'
                   for d in range(1, 13))
    related = "".join(f'<li><a href="/zcwj/202401/t202401{d:02d}_{d}.html">第{d}号相关政策文件的名称</a><span>2024-01-{d:02d}</span></li>'
                      for d in range(1, 5))
    body = f'<div class="con"><div class="lb"><ul>{main}</ul></div><div class="box2"><h3>相关文件</h3><ul>{related}</ul></div></div>'
    entries = _extract(body)
    assert len(entries) == 12 and all("/tzgg/" in e.url for e in entries)
