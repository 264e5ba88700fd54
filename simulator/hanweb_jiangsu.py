"""Jiangsu's Hanweb layout (da.jiangsu, kxjst.jiangsu): PC #pc and mobile #sjd halves of every page."""

from __future__ import annotations

from datetime import datetime
from html import escape

from simulator.content import Article
from simulator.hanweb_article import zoom_block
from simulator.hanweb_listing import unit_block
from simulator.sites import Host, SiteColumn

NO_BODY = '<div class="wzy_empty"></div>'  # the "no-body" redesign: the article container is gone


def _head(host: Host, title: str, metas: list[tuple[str, str]], stamp: datetime) -> str:
    tags = "\n".join(f'<meta name="{name}" content="{escape(value)}">' for name, value in metas)
    return (
        '<!DOCTYPE html>\n<html lang="en">\n<head>\n    <meta charset="UTF-8">'
        '<script language="javascript" src="/module/jslib/jquery/jquery.js"></script>\n'
        '<script language="javascript" src="/module/jslib/urite/urite.min.js"></script>\n'
        f"<meta name='WebId' content='{host.webid}'>\n\n    <title>{escape(title)}</title>\n"
        f"<meta name='Maketime' content='{stamp:%Y-%m-%d %H:%M:%S}'>\n"
        f'<meta name="SiteName" content="{escape(host.webname)}">\n<meta name="SiteDomain" '
        f'content="{host.host}">\n'
        f'<meta name="SiteIDCode" content="{host.site_id_code}">\n{tags}\n'
        '    <meta name="viewport" content="width=device-width,initial-scale=1,minimum-scale=1,'
        'maximum-scale=1">\n'
        f'    <link rel="stylesheet" href="/images/{host.webid}/pdy2022.css">\n'
        f'    <link rel="stylesheet" href="/images/{host.webid}/mobile_pdy.css">\n</head>\n'
    )


def _pc_top(host: Host) -> str:
    nav = "".join(f'<li><a href="{href}">{escape(label)}</a></li>' for label, href in host.nav)
    return (
        '<div class="jsmpa_top2022"><div class="jsmpa_top2022_con"><div class="jsmpa_top2022_con_r"><ul>'
        '<li><a href="javascript:;" onclick="aria.start()">网站无障碍</a></li>'
        '<li><a href="javascript:;" onclick="aria.oldFixedStart()">适老版</a></li></ul></div></div></div>\n'
        f'<div class="jsmpa_head2022"><div class="jsmpa_head2022_con"><div class="jsmpa_logo2022">'
        f'<img src="/images/{host.webid}/logo2022.png" alt=""></div><div class="jsmpa_search">'
        '<form name="searchform" action="http://www.jiangsu.gov.cn/jrobot/search.do" method="get" '
        'target="_blank">'
        f'<input name="webid" type="hidden" value="{host.webid}"><input name="q" type="text" '
        'placeholder="请输入搜索关键字"></form></div></div></div>\n'
        f'<div class="jsmpa_nav2022"><div class="jsmpa_nav2022_con"><ul>{nav}</ul></div></div>\n'
    )


def _crumb(source: SiteColumn, size: int) -> str:
    return (f'<table cellspacing="0"cellpadding="0"border="0"><tr><td><a href="/index.html"class="bt_link" '
            f'style="font-size:{size}px">首页</a></td><td>><a href="{source.column_path}"class="bt_link" '
            f'style="font-size:{size}px">{escape(source.column_name)}</a></td></tr></table>')


def _bottom(host: Host) -> str:
    lines = "".join(f"<p>{escape(line)}</p>" for line in host.footer)
    return (f'<div class="jsmpa_bottom"><div class="jsmpa_bottom_con"><div class="bottom_left">'
            '<a href="/col/col85651/index.html"><span>网站导航</span></a></div>'
            f'<div class="bottom_middle">{lines}<p>政府网站标识码{host.site_id_code}</p></div></div></div>\n')


def _mobile(host: Host, source: SiteColumn, inner: str) -> str:
    return (
        f'<div id="sjd">\n<div class="mobile_top"><div class="mobile_logo"><img src="/images/{host.webid}/'
        'mobile_logo.png" alt=""></div></div>\n<div class="mobile_pdy_content"><div class="mobile_pdy_main">'
        f'<div class="mobile_dqwz">{_crumb(source, 14)}</div>{inner}</div></div>\n'
        f'<div class="mobile_bottom"><div class="mobile_bottom_con_txt"><p>{escape(host.footer[0])}</p></div>'
        "</div>\n</div>\n"
    )


def _tail(host: Host, query: str) -> str:
    return (f"</div>\n<!-- visitcount Begin --><iframe src='../../module/visitcount/visit.jsp?{query}' "
            'name="vishidden" id="vishidden" frameborder="0" style="width:0; height:0; display:none">'
            '</iframe>'
            "<!-- visitcount End -->\n<script language=\"javascript\" src='/script/web_front.js'></script>\n"
            "</body>\n</html>\n")


def column_page(host: Host, source: SiteColumn, articles: tuple[Article, ...], today: datetime,
                variant: str = "normal") -> str:
    """The column page with the PC unit (<tr> rows) and the mobile unit (<li> rows) of the same records."""
    metas = [("ColumnName", source.column_name), ("ColumnDescription", ""), ("ColumnKeywords", ""),
             ("ColumnType", ""), ("channel", source.column_name),
             ("server", f"{host.base_url}{source.column_path},,")]
    pc_unit, mobile_unit = unit_block(host, source, articles, variant)
    title = escape(source.column_name)
    pc = (f'<div id="pc">\n{_pc_top(host)}<div class="jlhd2022_content"><div class="jlhd2022_main">'
          f'<div class="dqwz2022"><span style="float: left;line-height: 50px">您所在的位置 :</span> '
          f'{_crumb(source, 16)}</div><div class="zxfb2022_c"><div class="zxfb2022_t"><span>{title}</span>'
          f'</div><div class="gsgg2022_c">{pc_unit}</div></div></div></div>\n{_bottom(host)}</div>\n')
    mobile = _mobile(host, source, '<div class="mobile_zxfb_c"><div class="mobile_zxfb_t"><span>'
                                   f'{title}</span>'
                                   f'</div><div class="mobile_ggtg_c"><ul>{mobile_unit}</ul></div></div>')
    return (_head(host, f"{host.webname} {source.column_name}", metas, today)
            + "<body><div id='barrierfree_container'>\n" + pc + mobile
            + _tail(host, f"type=2&i_webid={host.webid}&i_columnid={source.column_id}"))


def _attachments(article: Article) -> str:
    links = "".join(f'<p><a href="{escape(a.path)}" target="_blank">{escape(a.name)}</a></p>'
                    for a in article.attachments)
    return f'<div class="fjxz"><p>附件：</p>{links}</div>' if links else ""


def article_page(host: Host, source: SiteColumn, article: Article, today: datetime, body: bool = True) -> str:
    """The article page: the body appears twice, in the PC table (#pc) and again in the mobile half (#sjd)."""
    metas = [("ColumnName", source.column_name), ("ColumnType", ""), ("ArticleTitle", article.title),
             ("PubDate", f"{article.published:%Y-%m-%d %H:%M}"), ("Author", ""),
             ("Description", article.description()), ("Keywords", " ".join(article.keywords)),
             ("ContentSource", article.origin), ("Url", article.url),
             ("guid", f"{article.published.year}{article.id}")]
    stamp, title = f"{article.published:%Y-%m-%d %H:%M:%S}", escape(article.title)
    zoom = zoom_block(article, ' style="text-align:left"') if body else NO_BODY
    pc = (f'<div id="pc">\n{_pc_top(host)}<div class="jlhd2022_content"><div class="jlhd2022_main">'
          f'<div class="dqwz2022"><span style="float: left;">您所在的位置 :</span> {_crumb(source, 16)}</div>'
          '<div class="wzy2022_con">\n<!--xxgktypeinfo-->\n<table width=\'100%\' border="0" align=\'center\' '
          'cellpadding="0" cellspacing="1" id="c">\n  <tr>\n      <td align=\'center\' class=title>\n'
          f"          {title}</td>\n  </tr>\n  <tr>\n      <td>\n          <table border=0 align='center' "
          f"width=100%><tr><td>发布时间：{stamp}</td></tr></table>\n          <BR>\n      </td>\n  </tr>\n"
          f'  <tr>\n      <td class="bt_content">{zoom}</td>\n  </tr>\n</table>\n{_attachments(article)}'
          '<table width="90%" align="center"><tbody><tr><td align="right">'
          "<a href=\"javascript:window.opener=null;window.open('','_self');window.close();\">【关闭本页】</a>"
          '<a href="javascript:window.print()">【打印本页】</a></td></tr></tbody></table>\n'
          f'<p class="text_ewm_01">扫一扫在手机打开当前页</p>\n</div></div></div>\n{_bottom(host)}</div>\n')
    mobile = _mobile(host, source, f'<div class="mobile_wzy_con"><div style="width: 100%;font-weight: bold;">'
                                   f"\n  {title}\n</div>\n<div style=\"width: 100%;text-align: center;\">\n"
                                   f"  发布时间：{stamp}\n</div>\n{zoom}</div>")
    return (_head(host, f"{host.webname} {source.column_name} {article.title}", metas, article.published)
            + "<body><div id='barrierfree_container'>\n" + pc + mobile
            + _tail(host, f"type=3&i_webid={host.webid}&i_columnid={article.column_id}"
                          f"&i_articleid={article.id}"))
