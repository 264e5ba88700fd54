"""Hanweb classic article pages (/art/Y/M/D/art_<column>_<id>.html) in the kjt and mpa layouts."""

from __future__ import annotations

from datetime import datetime
from html import escape

from simulator.content import Article, Paragraph
from simulator.hanweb_chrome import breadcrumb, footer, header, page_head, site_metas
from simulator.sites import Host, SiteColumn

# Word-pasted bodies wrap text in font spans; every third article gets them, so extractors see both.
FONT_SPAN = '<span style="font-family: 仿宋_GB2312, 仿宋; font-size: 16pt;">{}</span>'


def _paragraph(paragraph: Paragraph, wrapped: bool) -> str:
    text = escape(paragraph.text)
    if wrapped:
        text = FONT_SPAN.format(text)
    if paragraph.align == "center":
        return f'<p style="text-align: center;">{text}</p>'
    if paragraph.align == "right":
        return f'<p style="text-align: right;">{text}</p>'
    return f'<p style="text-indent: 2em;">{text}</p>'


def zoom_block(article: Article, attributes: str = "") -> str:
    """div#zoom with the ZJEG_RSS markers and ContentStart/ContentEnd metas around the paragraphs."""
    wrapped = article.id % 3 == 0
    body = "".join(_paragraph(p, wrapped) for p in article.body_paragraphs())
    return (f'<div id="zoom"{attributes}><!--ZJEG_RSS.content.begin--><meta name="ContentStart">'
            f"{body}<meta name=\"ContentEnd\"><!--ZJEG_RSS.content.end--></div>")


def _attachments(article: Article) -> str:
    if not article.attachments:
        return ""
    links = "".join(f'<p><a href="{escape(a.path)}" target="_blank">{escape(a.name)}</a></p>'
                    for a in article.attachments)
    return f'<div class="fj"><p>附件：</p>{links}</div>'


def _info_table(article: Article) -> str:
    """The 信息公开 table some policy pages put above the title (索引号, 发布机构, 文号, 成文日期)."""
    if not article.index_number:
        return ""
    return (
        '<table class="xxgk-info" width="100%"><tr><td class="label">索引号：</td>'
        f"<td>{article.index_number}</td><td class=\"label\">发布机构：</td><td>"
        f"{escape(article.issuer or '')}</td></tr>"
        f'<tr><td class="label">文号：</td><td>{escape(article.doc_number or "")}</td>'
        f'<td class="label">成文日期：</td><td>{article.published.strftime("%Y-%m-%d")}</td></tr></table>'
    )


def _counter(article: Article) -> str:
    return (f'浏览次数：<span id="hits"><script src="/module/visitcount/articlehits.jsp?colid={article.column_id}'
            f'&artid={article.id}" language="javascript"></script></span>')


def _stamp(article: Article) -> str:
    return article.published.strftime("%Y-%m-%d %H:%M:%S")


def _source_line(article: Article) -> str:
    return f"信息来源：<!--<$[信息来源]>begin-->{escape(article.origin)}<!--<$[信息来源]>end-->"


SHARE = ('<div class="share"><span>分享到：</span><a class="bds_weixin" title="分享到微信">微信</a>'
         '<a class="bds_tsina" title="分享到新浪微博">微博</a><a class="bds_qzone" title="分享到QQ空间">QQ空间</a>'
         '<script>window._bd_share_config={"common":{"bdSnsKey":{},"bdText":""},"share":{}};</script></div>'
         '<div class="print"><a href="javascript:window.print()">【打印本页】</a>'
         '<a href="javascript:window.opener=null;window.open(\'\',\'_self\');window.close();">'
         "【关闭窗口】</a></div>")


def _kjt_body(article: Article, body: bool) -> str:
    table = _info_table(article)
    line = (f'<div class="wh">文号：{escape(article.doc_number)}</div>'
            if article.doc_placement == "line" and article.doc_number else "")
    return (
        f'<div class="article-conter">{table}'
        f'<div class="article-title"><p class="title">{escape(article.title)}</p></div>'
        f'<div class="article-info"><span class="fbrq">发布日期：{_stamp(article)}</span>'
        f'<span class="xxly">{_source_line(article)}</span><span class="llcs">{_counter(article)}</span>'
        '<span class="zh">字号：[<a href="javascript:doZoom(20)">大</a> <a href="javascript:doZoom(16)">中</a> '
        f'<a href="javascript:doZoom(14)">小</a>]</span></div>{line}'
        f"{zoom_block(article) if body else ''}{_attachments(article)}{SHARE}</div>"
    )


def _mpa_body(article: Article, body: bool) -> str:
    table = _info_table(article)
    line = (f'<tr><td class="wh" align="center">文号：{escape(article.doc_number)}</td></tr>'
            if article.doc_placement == "line" and article.doc_number else "")
    return (
        f'<div class="wzy_con">{table}'
        '<table width="100%" border="0" align="center" cellpadding="0" cellspacing="1" id="c">'
        f'<tr><td align="center" class="title">{escape(article.title)}</td></tr>'
        f'<tr><td align="center" class="info">发布日期：{_stamp(article)}'
        f"&nbsp;&nbsp;{_source_line(article)}&nbsp;&nbsp;{_counter(article)}</td></tr>{line}"
        f'<tr><td class="bt_content">{zoom_block(article) if body else ""}</td></tr></table>'
        f"{_attachments(article)}{SHARE}</div>"
    )


def article_page(host: Host, source: SiteColumn, article: Article, today: datetime, body: bool = True) -> str:
    """The article page; `body=False` is the "no-body" redesign, where div#zoom is gone."""
    metas = site_metas(host, source.column_name) + [
        ("ColumnType", source.column_name),
        ("ArticleTitle", article.title),
        ("PubDate", article.published.strftime("%Y-%m-%d %H:%M")),
        ("ContentSource", article.origin),
        ("Keywords", " ".join(article.keywords)),
        ("Author", ""),
        ("Description", article.description()),
        ("Url", article.url),
    ]
    scripts = ('<script language="javascript">function doZoom(size){'
               "document.getElementById('zoom').style.fontSize=size+'px';}</script>\n")
    content = _kjt_body(article, body) if host.layout == "kjt" else _mpa_body(article, body)
    return (
        page_head(host, f"{host.webname} {source.column_name} {article.title}", metas, scripts)
        + "<body>\n" + header(host, today)
        + f'<div class="main">{breadcrumb(source.column_name, source.column_path)}\n{content}\n</div>\n'
        + footer(host)
        + "<!-- visitcount Begin --><iframe src='../../../../module/visitcount/visit.jsp?type=3"
        + f"&i_webid={host.webid}&i_columnid={article.column_id}&i_articleid={article.id}' "
        + 'name="vishidden" frameborder="0" style="width:0;height:0;display:none"></iframe>'
        + "<!-- visitcount End -->\n</body>\n</html>\n"
    )
