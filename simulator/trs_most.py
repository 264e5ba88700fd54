"""www.most.gov.cn pages: ul.info_list2 / ul.list_common lists and xxgk_detail_table1 article pages."""

from __future__ import annotations

from datetime import date
from html import escape

from simulator.content import Article, Attachment, Paragraph
from simulator.listing import ListEntry, redesigned
from simulator.sites import SOURCES, Host, SiteColumn
from simulator.trs import chrome, make_route, pager, relative

TRUNCATE_AT = 36  # info_list2 cuts long titles in the link text; the title attribute keeps them whole


def _head(host: Host, title: str, metas: list[tuple[str, str]]) -> str:
    # Comments and the missing space of SiteDomain"content are as on most_list.html / most_detail_*.html.
    lines = "\n".join(f'<!-- {label} -->\n<meta name="{name}" content="{escape(value)}" />'
                      for name, label, value in [(n, _LABELS.get(n, n), v) for n, v in metas])
    return (
        '<!doctype html>\n<html>\n<head>\n<meta http-equiv="Content-Type" content="text/html; '
        'charset=utf-8">\n'
        f"<title>{escape(title)}</title>\n"
        f'<!-- 网站名称 -->\n<meta name="SiteName" content="{escape(host.webname)}" />\n'
        f'<!-- 网站域名 -->\n<meta name="SiteDomain"content="{host.host}" />\n'
        f'<!-- 政府网站标识码 -->\n<meta name="SiteIDCode" content="{host.site_id_code}" />\n{lines}\n'
        '<link href="/assets/css/style.css" rel="stylesheet" type="text/css">\n'
        '<script type="text/javascript" src="/assets/js/jquery-3.0.0.min.js"></script>\n'
        '<script type="text/javascript" src="/assets/js/page.js"></script>\n</head>\n'
    )


_LABELS = {"ColumnName": "栏目名称", "ColumnType": "栏目类别", "ArticleTitle": "标题", "PubDate": "发布时间",
           "ContentSource": "来源", "ColumnDescription": "栏目描述", "ColumnKeywords": "栏目关键词"}


def _row(row: ListEntry, folder: str, style: str) -> str:
    href, title, day = escape(relative(row.href, folder)), escape(row.title), row.day
    if style == "info_list2":
        shown = row.title if len(row.title) <= TRUNCATE_AT else row.title[:TRUNCATE_AT] + "..."
        return (f'<li><a href="{href}" target="_blank" title="{title}">{escape(shown)}</a>'
                f'<span class="date">{day}</span></li>\n')
    return (f'<li>\n    <span class="mhide">{day}</span>\n    <a href="{href}" target="_blank" '
            f'title="{title}" '
            f'data-type="20" data-doctUrl="" data-docfile="">\n        {title}\n    </a>\n'
            f'    <span class="pchide">{day}</span>\n</li>\n')


def list_page(host: Host, source: SiteColumn, rows: list[ListEntry], page: int, pages: int, total: int,
              variant: str) -> str:
    folder = source.column_path.rsplit("/", 1)[0] + "/"
    style = source.record_style
    if variant == "redesign":
        listing = redesigned([ListEntry(r.title, relative(r.href, folder), r.published) for r in rows])
    else:
        listing = f'<ul class="{style}">\n{"".join(_row(r, folder, style) for r in rows)}</ul>'
    head, foot = chrome(host)
    name = escape(source.column_name)
    metas = [("ColumnName", source.column_name), ("ColumnDescription", ""), ("ColumnKeywords", ""),
             ("ColumnType", "")]
    return (
        _head(host, f"{source.column_name}_{host.webname}", metas) + "<body>\n" + head
        + f'<div class="container"><div class="crumbs">当前位置：<a href="/" class="CurrChnlCls">首页</a>'
        f'<span> &gt; </span><a href="./" class="CurrChnlCls">{name}</a></div>\n<div class="rightPart '
        'mh735">\n'
        f'<div class="title_fdgk"><span>{name}</span></div>\n{listing}\n{pager(page, pages, total, False)}'
        "</div></div>\n" + foot + "</body>\n</html>\n"
    )


def _cn_day(day: date) -> str:
    return f"{day.year}年{day.month:02d}月{day.day:02d}日"


def _paragraph(paragraph: Paragraph) -> str:
    if paragraph.align in ("center", "right"):
        return f'<p style="text-align: {paragraph.align};">{escape(paragraph.text)}</p>'
    return f"<p>\u3000\u3000{escape(paragraph.text)}</p>"


def _table(article: Article) -> str:
    written = article.written or article.published.date()
    cells = (("<b>索 引 号：</b>", article.index_number or ""), ("<b>发文机构：</b>", article.issuer or ""),
             ("<b>成文日期：</b>", _cn_day(written)), ("<b>发布日期：</b>", _cn_day(article.published.date())),
             ("<b>发文字号：</b>", article.doc_number or ""), ("<b>有\u3000效\u3000性：</b>", "有效"))
    rows = "".join(
        f"<tr>\n<td width=\"100\">{cells[i][0]}</td><td width=\"400\">\n    {escape(cells[i][1])}\n</td>\n"
        f"<td width=\"100\">{cells[i + 1][0]}</td><td width=\"400\">\n    {escape(cells[i + 1][1])}\n</td>"
        "\n</tr>\n"
        for i in range(0, len(cells), 2)
    )
    return ('<table border="0" cellpadding="0" cellspacing="0" class="bd1 xxgk_detail_table1">\n<tbody>\n'
            f'<tr>\n<td><b>标\u3000\u3000题：</b></td>\n<td colspan="3">\n    {escape(article.title)}\n</td>\n'
            f"</tr>\n{rows}</tbody>\n</table>")


def article_page(host: Host, article: Article, body: bool = True) -> str:
    """A MOST article: metadata table, title, div#Zoom > div.trs_editor_view, related attachments."""
    source = SOURCES[article.source_id]
    metas = [("ColumnName", source.column_name), ("ColumnDescription", ""), ("ColumnKeywords", ""),
             ("ColumnType", ""), ("ArticleTitle", article.title),
             ("PubDate", f"{article.published:%Y-%m-%d %H:%M}"),
             ("ContentSource", article.origin)]
    paragraphs = "".join(_paragraph(p) for p in article.body_paragraphs())
    zoom = ('<div id="Zoom">\n    <meta name="ContentStart" />\n'
            f'<div class="trs_editor_view TRS_UEDITOR trs_paper_default">{paragraphs}</div>\n'
            '    <meta name="ContentEnd" />\n</div>') if body else ""
    files = "".join(f'<li><a href="{escape(_file_href(a))}" title="{escape(a.name)}" '
                    f'target="_blank">{escape(a.name)}</a></li>\n' for a in article.attachments)
    head, foot = chrome(host)
    return (
        _head(host, f"{article.title}-{host.webname}", metas) + "<body>\n" + head
        + f'<div class="crumbs">当前位置：<a href="/" class="CurrChnlCls">首页</a><span> &gt; </span>'
        f'<a href="{source.column_path.rsplit("/", 1)[0]}/" class="CurrChnlCls">'
        f'{escape(source.column_name)}</a>'
        '</div>\n<div class="xxgk_detail_outer"><div class="wrap style1">\n<div class="xxgk_detail_head">\n'
        f'{_table(article)}\n</div>\n<div class="xxgk_detail_content style1">\n'
        f'<div class="xxgk_title">\n    {escape(article.title)}\n</div>\n{zoom}\n'
        '<div class="xxgk_detail_table"><a href="javascript:window.print();" class="style21">[打印]</a>'
        '<a href="javascript:close()" class="style21">[关闭窗口]</a></div>\n'
        '<section class="chnldesc-correlation style1">\n    相关附件\n</section>\n'
        f'<ul class="home_news_list2">\n{files}</ul>\n</div></div></div>\n' + foot + "</body>\n</html>\n"
    )


route = make_route("most", list_page, article_page)


def _file_href(attachment: Attachment) -> str:
    """MOST links files relative to the article's month folder; a file on another host by its URL."""
    return attachment.path if attachment.elsewhere else "./" + attachment.path.rsplit("/", 1)[1]
