"""Hanweb classic lists: record rows, embedded datastore units, jpage scripts and data-proxy XML answers."""

from __future__ import annotations

import html
import math
from datetime import datetime
from urllib.parse import quote

from simulator.content import Article
from simulator.hanweb_chrome import breadcrumb, footer, header, page_head, site_metas
from simulator.jpaas_render import shell_listing
from simulator.sites import Host, SiteColumn

FIRST_BATCH = 45  # records embedded in the column page: one group of 3 display pages of 15
PER_PAGE = 15
GROUP_SIZE = 3
TRUNCATE_AT = 30  # PC table units cut long titles here and append "..."; the title attribute stays full


def record_row(article: Article, style: str) -> str:
    """One record exactly as the unit's template writes it; `style` is the source's record style
    (li-span, li-i, tr-table, tr-plain, mobile-li) or "redesign" (renamed markup after a redesign)."""
    title, day, href = html.escape(article.title), article.published.strftime("%Y-%m-%d"), article.path
    if style in ("tr-table", "tr-plain"):
        shown = article.title if len(article.title) <= TRUNCATE_AT else article.title[:TRUNCATE_AT] + "..."
        # da.jiangsu's PC rows carry no title attribute: the full title is only in its mobile unit.
        attribute = f' title="{title}"' if style == "tr-table" else ""
        return (f'<tr>    <td>      <a class="bt_link" target="_blank" href="{href}"{attribute}>'
                f'      <b>·</b>{html.escape(shown)}</a>    </td>    <td width="100" class="rowspace">'
                f'      <font color="#808080">{day}</font>    </td>  </tr>')
    if style == "redesign":
        return (f'<p class="news-item"><a href="{href}" title="{title}" target="_blank">{title}</a>'
                f'<em class="news-date">{day}</em></p>')
    if style == "mobile-li":
        return (f'<li style="height:auto !important;border-bottom: 1px dashed #9E9E9F;">'
                f'<a href="{href}" target="_blank">· {title}</a><span>{day}</span></li>')
    if style == "li-i":
        return f'<li><a href="{href}" title="{title}" target="_blank">{title}</a><i>{day}</i></li>'
    return f'<li><a href="{href}" title="{title}" target="_blank">{title}</a><span>{day}</span></li>'


def record_block(articles: list[Article] | tuple[Article, ...], style: str) -> str:
    return "\n".join(f"<record><![CDATA[\n{record_row(a, style)}]]></record>" for a in articles)


def proxy_query(host: Host, source: SiteColumn, unit_id: str, page: int) -> str:
    # The real nextgroup link percent-encodes the site name twice (%25E6…); keep that quirk.
    webname = quote(quote(host.webname))
    return (f"{host.proxy_path}?page={page}&appid=1&webid={host.webid}&path=/&columnid={source.column_id}"
            f"&unitid={unit_id}&webname={webname}&permissiontype=0")


def _param_object(host: Host, source: SiteColumn, unit_id: str) -> str:
    return (f"{{col:1,appid:'1',webid:{host.webid},path:'/',columnid:{source.column_id},"
            f"sourceContentType:{source.source_content_type},unitid:'{unit_id}',webname:'{host.webname}',"
            "permissiontype:0}")


def unit_html(host: Host, source: SiteColumn, unit_id: str, style: str, articles: tuple[Article, ...]) -> str:
    """One datastore unit and its scripts, including the bogus totalRecord:1000 of jpage_<unit>()."""
    table = style in ("tr-table", "tr-plain")
    before, after = ('<table width="100%">', "</table>") if table else ('<ul class="list">', "</ul>")
    if style == "redesign":
        before, after = ('<div class="news-box">', "</div>")
    style_tag = "<style>\n    table tr td{line-height: 36px;font-size:16px}\n</style>\n" if table else ""
    options = (f"themeName:'default',showMode:'full',totalRecord:{{total}},openCookies:false,"
               f"dataBefore:'{before}',dataAfter:'{after}',{{store}}groupSize:{GROUP_SIZE},"
               f"proxyUrl:'{host.proxy_path}',perPage:{PER_PAGE},barPosition:'bottom',"
               f"ajaxParam:param_{unit_id}")
    placeholder = options.replace("{total}", "1000").replace("{store}", "")
    jpage = host.proxy_path.rsplit("/", 1)[0]  # /module/jpage (Zhejiang) or /module/web/jpage (Jiangsu)
    real = options.replace("{total}", str(len(articles))).replace(
        "{store}", f"dataStore:$('#{unit_id}').children('script').html(),")
    return (
        f'<div id="{unit_id}"><script type="text/xml"><datastore>\n'
        f'<nextgroup><![CDATA[<a href="{proxy_query(host, source, unit_id, 1)}"></a>]]></nextgroup>\n'
        f"<recordset>\n{style_tag}{record_block(articles[:FIRST_BATCH], style)}\n</recordset>\n"
        "</datastore></script></div>"
        f'<link rel="stylesheet" type="text/css" href="{jpage}/theme/default/css/jpage.css"/>'
        f'<script language="javascript" src="{jpage}/jquery.jpage.js"></script>'
        f"<script>var param_{unit_id} = {_param_object(host, source, unit_id)}; "
        f"function jpage_{unit_id}(){{$('#jpageform_{unit_id} :input').each(function(){{"
        f"param_{unit_id}[$(this).attr('name')]=$(this).val();}});"
        f"$('#{unit_id}').jpage({{{placeholder}}});}};"
        f"$(function(){{$('#{unit_id}').jpage({{{real}}});}});</script>"
    )


def unit_block(host: Host, source: SiteColumn, articles: tuple[Article, ...], variant: str) -> tuple[str, str]:
    """(main unit, mobile unit or "") of a column page in a page variant (normal, shell, redesign)."""
    if variant == "shell":
        return shell_listing(host, source), ""
    redesign = variant == "redesign"
    main = unit_html(host, source, source.unit_id, "redesign" if redesign else source.record_style, articles)
    mobile = ""
    if source.mobile_unit_id:
        # A second (mobile) unit of the same column with the same records, as on jiangsu_list.html.
        style = "redesign" if redesign else "mobile-li"
        mobile = unit_html(host, source, source.mobile_unit_id, style, articles)
    return main, mobile


def column_page(
    host: Host, source: SiteColumn, articles: tuple[Article, ...], today: datetime, variant: str = "normal"
) -> str:
    """The full column page; the "shell" variant is the migrated-platform shell without any records."""
    metas = site_metas(host, source.column_name) + [
        ("ColumnDescription", f"{host.webname}{source.column_name}"), ("ColumnKeywords", source.column_name),
        ("ColumnType", source.column_name), ("Maketime", today.strftime("%Y-%m-%d %H:%M:%S")),
    ]
    main, mobile = unit_block(host, source, articles, variant)
    listing = f'<div class="list-box">{main}</div>'
    if mobile:
        listing += f'<div class="mobile-list"><ul>{mobile}</ul></div>'
    siblings = "".join(f'<li><a href="{href}">{html.escape(label)}</a></li>' for label, href in host.nav[1:])
    return (
        page_head(host, f"{host.webname} {source.column_name}", metas)
        + "<body>\n" + header(host, today)
        + f'<div class="main">{breadcrumb(source.column_name, source.column_path)}\n'
        + f'<div class="side"><div class="side-title">栏目导航</div><ul>{siblings}</ul></div>\n'
        + '<div class="content"><div class="content-title">'
        + f"<span>{html.escape(source.column_name)}</span></div>\n"
        + listing + "\n</div></div>\n" + footer(host)
        + "<!-- visitcount Begin --><iframe src='../../module/visitcount/visit.jsp?type=2"
        + f"&i_webid={host.webid}&i_columnid={source.column_id}' name=\"vishidden\" frameborder=\"0\" "
        + 'style="width:0;height:0;display:none"></iframe><!-- visitcount End -->\n</body>\n</html>\n'
    )


def proxy_answer(host: Host, source: SiteColumn | None, articles: tuple[Article, ...], unit_id: str,
                 start: int, end: int, per_page: int, redesign: bool = False) -> str:
    """The data-proxy XML for records start..end (1-based, inclusive) of a column.

    Groups after the first repeat the previous group's last row first, as the real proxy does.
    """
    total = len(articles)
    first = max(start, 1)
    last = min(end, total)
    rows = articles[(first - 2 if first > 1 else 0):last] if last >= first else ()
    style = source.record_style if source else "li-span"
    if source and unit_id == source.mobile_unit_id:
        style = "mobile-li"
    if redesign:
        style = "redesign"
    block = record_block(rows, style)
    if source and source.escaped_proxy:
        block = html.escape(block)  # the whole record block arrives entity-escaped (a real quirk)
    next_page = last // (per_page * GROUP_SIZE) + 1
    nextgroup = f'<a href="{proxy_query(host, source, unit_id, next_page)}"></a>' if source else ""
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n<datastore>\n'
        f"<nextgroup><![CDATA[{nextgroup}]]></nextgroup>\n"
        f"<totalrecord>{total}</totalrecord>\n<totalpage>{math.ceil(total / per_page)}</totalpage>\n"
        f"<recordset>\n{block}\n</recordset>\n</datastore>\n"
    )
