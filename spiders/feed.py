"""Spider for RSS/Atom feeds (old Hanweb column feeds, RSSHub or any feed URL a user puts in the catalog)."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterable
from typing import Any

import scrapy
from scrapy.http import Response

from spiders.base import SourceSpider
from spiders.feed_parsing import FeedError, NotAFeed, parse_feed


class FeedSpider(SourceSpider):
    """One request per feed URL (conditional GET), a detail request per new entry; feeds are not paged.

    Entries on hosts other than the feed's are followed only when the catalog lists those hosts in
    allowed_hosts (an RSSHub feed links to the government site, not to rsshub).
    """

    name = "feed"

    async def start(self) -> AsyncIterator[scrapy.Request]:
        for url in self.source.start_urls:
            yield self.list_request(url, self.parse_feed, conditional=True)

    def parse_feed(self, response: Response) -> Iterable[Any]:
        if not self.list_response_ok(response):
            return
        try:
            feed = parse_feed(response.body, response.url)
        except NotAFeed as exc:
            # A retired feed often answers the column's HTML page with status 200: the source is gone.
            self.report_empty(response.url, str(exc))
            return
        except FeedError as exc:
            self.list_parse_failed(str(exc), response.url)
            return
        if feed.problem:
            # feedparser is lenient: a feed with a wrong encoding declaration or stray markup still reads.
            self.crawler.stats.inc_value("newswatch/feed_bozo")
            self.logger.warning("the feed is not well-formed but still readable: %s", feed.problem)
        if not feed.entries:
            self.report_empty(response.url, "the feed has no entries with a link and a title")
            return
        if feed.cut_off:
            # The newest entries come first and are read; the run is partial and keeps no validators, so the
            # next crawl reads the whole feed again instead of being told 304.
            self.list_parse_failed(f"the feed is cut off after {len(feed.entries)} entries (no closing tag): "
                                   f"{feed.problem or 'the document ends early'}", response.url)
        else:
            yield from self.list_validators(response)  # only from a feed that was read: a 304 never hides a broken one
        yield from self.detail_requests(self.entries_seen(feed.entries))
