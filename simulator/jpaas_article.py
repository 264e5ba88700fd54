"""Hanweb jpaas article pages shaped like shandong_detail.html: div.wen with WeChat-editor <section>s."""

from __future__ import annotations

from datetime import datetime, timedelta
from html import escape

from simulator.content import Article, Paragraph
from simulator.sites import Host, SiteColumn

ALIGN = {"center": "text-align: center;", "right": "text-align: right;", "": "text-align: justify;"}
DECORATION = ('<section><section style="text-align: right;"><section><section style="text-align: center;">'
              "<section></section></section></section></section></section>")
SHARE = ('<div class="td-yc share-component social-share" id="share-2" style="float: left;">'
         '<div class="bdsharebuttonbox"><a class="bds_qzone"></a><a class="bds_tsina"></a>'
         '<a class="bds_weixin" data-cmd="weixin"></a></div></div>')


def meta_pub_date(article: Article, today: datetime) -> datetime:
    """The meta PubDate: on one article in four it is the later day the page was re-published, as on
    shandong_detail.html (visible 2025-08-20, meta 2025-09-10); never in the simulated future."""
    later = (article.published + timedelta(days=article.id % 19 + 1)).replace(hour=10, minute=29)
    return later if article.id % 4 == 0 and later < today else article.published


def _paragraph(paragraph: Paragraph, index: int) -> str:
    inner = f'<p style="text-indent: 2em; {ALIGN[paragraph.align]}">{escape(paragraph.text)}</p>'
    wrapped = f'<section><section style="{ALIGN[paragraph.align]}">{inner}</section></section>'
    if index == 0:
        return f"<p>{wrapped}</p>"  # the editor's invalid <p><section> nesting, as on the real page
    return wrapped + (DECORATION if index % 3 == 2 else "")


def body_html(article: Article) -> str:
    paragraphs = "".join(_paragraph(p, i) for i, p in enumerate(article.body_paragraphs()))
    return f'<div class="wen">\n    <section><section>{paragraphs}</section></section>\n  </div>'


def _extras(article: Article) -> str:
    line = ""
    if article.doc_number and article.doc_placement in ("line", "table"):
        line = f'<p class="wh" style="text-align:center;">文号：{escape(article.doc_number)}</p>\n'
    links = "".join(f'<p><a href="{escape(a.path)}" target="_blank">{escape(a.name)}</a></p>'
                    for a in article.attachments)
    return line, (f'<div class="fujian"><p>附件：</p>{links}</div>\n' if links else "")


def article_page(host: Host, source: SiteColumn, article: Article, today: datetime, body: bool = True) -> str:
    """The jpaas article page; `body=False` is the "no-body" redesign (div.wen is gone)."""
    title = escape(article.title)
    col_id = source.jpaas.page_id if source.jpaas else str(source.column_id)
    metas = (("ColId", col_id), ("SiteName", host.webname), ("SiteDomain", host.base_url),
             ("SiteIDCode", host.site_id_code), ("ColumnName", source.column_name),
             ("ColumnType", source.column_name),
             ("ArticleTitle", article.title), ("PubDate", f"{meta_pub_date(article, today):%Y-%m-%d %H:%M}"),
             ("ContentSource", article.origin), ("Keywords", ""), ("Author", "办公室终审"), ("Description", ""),
             ("Url", article.path), ("server", article.path), ("extend1", "0"),
             ("SiteID", source.jpaas.web_id if source.jpaas else str(host.webid)))
    tags = "\n".join(f'<meta name="{name}" content="{escape(value)}">' for name, value in metas)
    doc_line, attachments = _extras(article)
    return (
        '<!DOCTYPE html>\n<html lang="en">\n\n\t<head><script '
        'src="/cms_files/default/script/jslib/jquery.js">'
        '</script>\n <script src="/script/webglobal.js"></script>\n\t\t<meta charset="UTF-8">\n'
        '\t\t<meta http-equiv="X-UA-Compatible" content="IE=edge,chrome=1">\n'
        f"\t<title>{title}</title>\n{tags}\n\n<meta id=\"pagetype\" content=\"1\">\n</head>\n\n"
        '\t<body id="page_type" alt="文章页"><div id=\'barrierfree_container\'>\n\t\t<div class="bg">\n'
        '\t\t\t<div class="con">\n\t\t\t\t<div class="dang" ergodic="view">\n\t\t\t\t\t<div class="qian">'
        '<table cellspacing="0" cellpadding="0" border="0"><tr><td><a href="/index.html" class="bt_link">首页'
        f'</a></td><td>\n>\n<a href="/col/col{source.column_id}/index.html" class="bt_link">\n'
        f"{escape(source.column_name)}\n</a>\n</td></tr></table>\n\t\t\t\t\t</div>\n"
        '\t\t\t\t\t<div class="main">\n<div class="cen" id="zwxz_nr">\n'
        f'  <p class="fir" id="zwxz_tt" style="text-align:center;line-height:50px;">\n    {title}\n  </p>\n'
        f'  <p class="fir2" style="height: 40px;line-height: 40px;">\n'
        f"    <span>发布日期：{article.published:%Y-%m-%d %H:%M}\n    </span>\n"
        f'    <span>浏览次数：<lable id="artcount"></lable>次 </span>\n  {SHARE}\n'
        f'  <p style="clear: both;"></p>\n  {doc_line}  {body_html(article) if body else ""}\n{attachments}\n'
        '</p></div>\n<div class="dow" style="margin: 30px auto 0 auto;"><span style="float: right;">'
        '<a href="javascript:window.print()">打印</a><a href="javascript:window.close();">关闭</a></span></div>\n'
        "\t\t\t\t\t</div>\n\t\t\t\t</div>\n\t\t\t</div>\n\t\t\t<div class=\"fot\">"
        f"<p>{escape(' '.join(host.footer))}</p></div>\n\t\t</div>\n </div></body>\n\n</html>"
    )
