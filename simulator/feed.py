"""The old Hanweb per-column RSS feed, /module/rss/rssfeed.jsp?colid=N: RSS 2.0 of the newest 50 articles."""

from __future__ import annotations

from email.utils import format_datetime
from xml.sax.saxutils import escape

from simulator import hanweb_listing
from simulator.content import Article
from simulator.reply import Reply, Route, SimRequest, fixed, html_reply, xml_reply
from simulator.sites import Host, SiteColumn, hanweb_column
from simulator.state import Simulator

FEED_PATH = "/module/rss/rssfeed.jsp"
FEED_SIZE = 50  # the feed shows the newest 50 items; the column's history is longer


def rss(host: Host, source: SiteColumn | None, articles: tuple[Article, ...]) -> str:
    """The feed document. lastBuildDate is the newest item's time, so an unchanged feed keeps its ETag."""
    name = f"{host.webname} {source.column_name}" if source else host.webname
    link = f"{host.base_url}/col/col{source.column_id}/index.html" if source else host.base_url + "/"
    built = f"<lastBuildDate>{format_datetime(articles[0].published)}</lastBuildDate>\n" if articles else ""
    items = "".join(
        f"<item>\n<title>{escape(a.title)}</title>\n<link>{a.url}</link>\n"
        f"<pubDate>{format_datetime(a.published)}</pubDate>\n"
        f"<description><![CDATA[{a.description()}]]></description>\n"
        f'<guid isPermaLink="true">{a.url}</guid>\n</item>\n'
        for a in articles
    )
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0">\n<channel>\n'
        f"<title>{escape(name)}</title>\n<link>{link}</link>\n<description>{escape(name)}</description>\n"
        f"<language>zh-cn</language>\n<generator>Hanweb JCMS</generator>\n{built}{items}</channel>\n</rss>\n"
    )


def route(sim: Simulator, host: Host, request: SimRequest) -> Route | None:
    if request.path != FEED_PATH:
        return None
    try:
        column_id = int(request.params.get("colid", ""))
    except ValueError:
        column_id = -1
    source = hanweb_column(host.host, column_id)
    if source is None:
        # An unknown colid gets an empty channel, as the real jsp answers.
        return Route(None, "list", fixed(lambda: xml_reply(rss(host, None, ()))))
    corpus = sim.corpus

    def answer(variant: str) -> Reply:
        articles = corpus.articles(source.id)
        if variant == "redesign":
            # A retired feed answers the column's HTML page with status 200, not RSS any more.
            return html_reply(hanweb_listing.column_page(host, source, articles, corpus.now()))
        return xml_reply(rss(host, source, () if variant == "shell" else articles[:FEED_SIZE]))

    return Route(source.id, "list", answer, data=True, validated=True)
