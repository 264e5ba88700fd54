"""www.nmpa.gov.cn pages: div.list lists with (YYYY-MM-DD) dates, div.wenzhang articles with a label table."""

from __future__ import annotations

from html import escape

from simulator.content import Article, Paragraph
from simulator.listing import ListEntry, redesigned
from simulator.sites import SOURCES, Host, SiteColumn
from simulator.trs import chrome, make_route, pager, relative

TOPICS = {"ypggtg": "药品", "ylqxggtg": "医疗器械", "hzhpggtg": "化妆品", "qtggtg": "其他"}


def _head(host: Host, title: str, metas: list[tuple[str, str]]) -> str:
    tags = "\n".join(f'\t<meta name="{name}" content="{escape(value)}">' for name, value in metas)
    return (
        '\n\n<!DOCTYPE html>\n<html>\n<head>\n\t<meta charset="utf-8">\n'
        '\t<meta http-equiv="X-UA-Compatible" content="IE=edge">\n'
        f"\t<title>{escape(title)}</title>\n\t<meta name=\"SiteIDCode\" content=\"{host.site_id_code}\">\n"
        f'\t<meta name="SiteName" content="{escape(host.webname)}">\n\t<meta name="SiteDomain" '
        f'content="{host.host}">\n'
        f"{tags}\n\t<link rel=\"stylesheet\" href=\"../../wbppcss/index.css\">\n"
        '\t<script src="../../wbppjs/jquery.min.js"></script>\n\t<script src="../../wbppjs/page.js">'
        '</script>\n'
        "</head>\n"
    )


def list_page(host: Host, source: SiteColumn, rows: list[ListEntry], page: int, pages: int, total: int,
              variant: str) -> str:
    folder = source.column_path.rsplit("/", 1)[0] + "/"
    if variant == "redesign":
        listing = redesigned([ListEntry(r.title, relative(r.href, folder), r.published) for r in rows])
    else:
        items = "".join(
            f'\t\t\t<li><a href="{escape(relative(r.href, folder))}" target="_blank" '
            f'title="{escape(r.title)}">'
            f"{escape(r.title)}</a><span>({r.day})</span></li>\n" for r in rows
        )
        listing = f'<div class="list">\n\t\t<ul>\n{items}\t\t</ul>\n\t</div>'
    head, foot = chrome(host)
    metas = [("ColumnName", source.column_name), ("ColumnType", source.column_name),
             ("ColumnDescription", source.column_name), ("ColumnKeywords", source.column_name)]
    return (
        _head(host, source.column_name, metas) + '<body class="bg-fff">\n' + head
        + f'<div class="w1200-auto"><div class="weizhi">您当前的位置：<a href="/">首页</a> &gt; '
        f'<a href="./">{escape(source.column_name)}</a></div>\n\t{listing}\n{pager(page, pages, total, True)}'
        "</div>\n" + foot + "</body>\n</html>\n"
    )


def _paragraph(paragraph: Paragraph) -> str:
    if paragraph.align in ("center", "right"):
        return f'<p style="text-align: {paragraph.align};">{escape(paragraph.text)}</p>'
    return f'<p style="text-indent: 2em;">{escape(paragraph.text)}</p>'


def _table(article: Article) -> str:
    """The label/value table of normative documents (those with a 文号)."""
    if not article.doc_number:
        return ""
    sub = article.path.rsplit("/", 2)[-2]
    return (
        '\t\t<div class="wenzhang-table"><table width="100%" cellspacing="0" cellpadding="0"><tbody>\n'
        '\t\t<tr><td class="bg" width="15%">索引号</td><td width="35%">'
        f'{escape(article.index_number or "")}</td>'
        f'<td class="bg" width="15%">主题分类</td><td width="35%">{TOPICS.get(sub, "其他")}</td></tr>\n'
        f'\t\t<tr><td class="bg">发布日期</td><td>{article.published:%Y-%m-%d}</td>'
        f'<td class="bg">文号</td><td>{escape(article.doc_number)}</td></tr>\n\t\t</tbody></table></div>\n'
    )


def article_page(host: Host, article: Article, body: bool = True) -> str:
    """An NMPA article as behind the Ruishu wrapper of nmpa_article_ruishu.html (the wrapper is mode 412)."""
    source = SOURCES[article.source_id]
    metas = [("ColumnName", source.column_name), ("ColumnType", source.column_name),
             ("ColumnDescription", source.column_name), ("ColumnKeywords", source.column_name),
             ("ContentSource", article.origin), ("PubDate", f"{article.published:%Y-%m-%d %H:%M}"),
             ("ArticleTitle", article.title)]
    text = "".join(_paragraph(p) for p in article.body_paragraphs())
    content = (f'\t\t<meta name="ContentStart"/>\n\t\t<div class="text">\n\t\t\t{text}\n\t\t</div>\n'
               '\n    <meta name="ContentEnd"/>\n') if body else ""
    files = "".join(f'<p><a href="{escape(a.path)}" target="_blank">{escape(a.name)}</a></p>'
                    for a in article.attachments)
    attachments = f'\t\t<div class="fujian"><p>附件：</p>{files}</div>\n' if files else ""
    head, foot = chrome(host)
    return (
        _head(host, article.title, metas) + '<body class="bg-fff">\n\t<!-- 头部 -->\n' + head
        + '\t<div class="wenzhang w1200-auto">\n\t\t<!--print start -->\n' + _table(article)
        + f'\t\t<h2 class="title">\n\t\t\t{escape(article.title)}\n\t\t</h2>\n\t\t<h3 class="two-title">\n\n'
        '\t\t</h3>\n\t\t<div class="share"><SCRIPT type=\'text/javascript\'>WriteSNS(\'../../../\')</SCRIPT>'
        '</div>\n'
        '\t\t<div style="clear:both;"></div>\n\t\t<div class="date">'
        f'\n\n\t\t\t发布时间：{article.published:%Y-%m-%d}'
        f"\n\t\t</div>\n{content}{attachments}\t\t<!--print end -->\n\t</div>\n" + foot + "</body>\n</html>\n"
    )


route = make_route("nmpa", list_page, article_page)
