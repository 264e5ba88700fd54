"""Page furniture of Hanweb classic sites: head meta tags, header with nav and date widget, footer."""

from __future__ import annotations

from datetime import datetime
from html import escape

from simulator.sites import Host

WEEKDAYS = "一二三四五六日"


def page_head(host: Host, title: str, metas: list[tuple[str, str]], extra: str = "") -> str:
    """<head> with the national government metadata convention (SiteName, SiteDomain, SiteIDCode, …)."""
    tags = "\n".join(f'<meta name="{name}" content="{escape(value)}">' for name, value in metas)
    return (
        "<!DOCTYPE html PUBLIC \"-//W3C//DTD XHTML 1.0 Transitional//EN\" "
        "\"http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd\">\n"
        "<html xmlns=\"http://www.w3.org/1999/xhtml\">\n<head>\n"
        "<meta http-equiv=\"Content-Type\" content=\"text/html; charset=UTF-8\">\n"
        "<meta http-equiv=\"X-UA-Compatible\" content=\"IE=edge\">\n"
        f"<title>{escape(title)}</title>\n"
        f"<meta name='WebId' content='{host.webid}'>\n{tags}\n"
        "<script language=\"javascript\" src=\"/module/jslib/jquery/jquery.js\"></script>\n"
        "<script language=\"javascript\" src=\"/module/jslib/urite/urite.min.js\"></script>\n"
        f"<link rel=\"stylesheet\" href=\"/images/{host.webid}/style.css\">\n{extra}</head>\n"
    )


def site_metas(host: Host, column_name: str) -> list[tuple[str, str]]:
    return [
        ("SiteName", host.webname),
        ("SiteDomain", host.host),
        ("SiteIDCode", host.site_id_code),
        ("ColumnName", column_name),
    ]


TIME_SCRIPT = (
    "<script>function showTime(){var d=new Date();document.getElementById('nowTime').innerHTML="
    "d.getFullYear()+'年'+(d.getMonth()+1)+'月'+d.getDate()+'日';}setInterval(showTime,60000);</script>"
)
TOP_LINKS = (
    '<a href="javascript:;" onclick="aria.start()">无障碍</a> | '
    '<a href="javascript:;" onclick="aria.oldFixedStart()">长者模式</a> | '
    '<a href="/col/col1229000001/index.html">English</a> | '
    '<a href="https://www.zjzwfw.gov.cn/" target="_blank">浙江政务服务网</a>'
)
FOOTER_LINKS = " | ".join(
    f'<a href="/col/col{column}/index.html">{label}</a>'
    for label, column in (("网站导航", 1229000010), ("联系我们", 1229000011), ("网站声明", 1229000012),
                          ("隐私保护", 1229000013))
)


def header(host: Host, today: datetime) -> str:
    """Top bar (a server-side date widget, accessibility links), logo, search form and main navigation."""
    nav = "".join(f'<li><a href="{href}" target="_self">{escape(label)}</a></li>' for label, href in host.nav)
    date_text = f"{today.year}年{today.month}月{today.day}日 星期{WEEKDAYS[today.weekday()]}"
    return f"""<div class="top">
  <div class="top-con">
    <div class="top-left"><span id="nowTime">{date_text}</span>
    {TIME_SCRIPT}</div>
    <div class="top-right">{TOP_LINKS}</div>
  </div>
</div>
<div class="header">
  <div class="logo"><a href="/index.html">
    <img src="/images/{host.webid}/logo.png" alt="{escape(host.webname)}"></a></div>
  <div class="search">
    <form name="searchform" action="https://search.zj.gov.cn/jsearchfront/search.do" method="get"
      target="_blank">
      <input type="hidden" name="websiteid" value="{host.site_id_code}">
      <input type="text" name="q" placeholder="请输入关键字">
      <input type="submit" value="搜索">
    </form>
  </div>
</div>
<div class="nav"><ul>{nav}</ul></div>
"""


def footer(host: Host) -> str:
    """Friend links, the usual 网站导航/联系我们 links, sponsor lines and the visit counter."""
    friends = "".join(f'<li><a href="{href}" target="_blank">{escape(label)}</a></li>'
                      for label, href in host.friend_links)
    lines = "".join(f"<p>{escape(line)}</p>" for line in host.footer)
    counter = f'<script src="/module/visitcount/visit.jsp?type=1&i_webid={host.webid}"></script>'
    return f"""<div class="friend-links">
  <span>友情链接：</span><ul>{friends}</ul>
</div>
<div class="footer">
  <div class="footer-links">{FOOTER_LINKS}</div>
  <div class="footer-text">{lines}<p>政府网站标识码：{host.site_id_code}</p>
  <p>您是第<span id="visitcount">{counter}</span>位访问者</p></div>
  <div class="footer-icons">
  <a href="https://bszs.conac.cn/sitename?method=show&amp;id=0" target="_blank">
    <img src="/images/{host.webid}/dzjg.png" alt="党政机关"></a>
  <a href="https://zfwzgl.www.gov.cn/exposure/jiucuo.html?site_code={host.site_id_code}" target="_blank">
    <img src="/images/{host.webid}/jiucuo.png" alt="找错"></a></div>
</div>
<script language="javascript" src="/script/web_front.js"></script>
"""


def breadcrumb(column_name: str, column_path: str) -> str:
    return (f'<div class="crumb">当前位置：<a href="/index.html" class="bt_link">首页</a> &gt; '
            f'<a href="{column_path}" class="bt_link">{escape(column_name)}</a></div>')
