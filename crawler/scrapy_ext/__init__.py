"""Scrapy plug-ins of a crawl child: settings, middlewares, extensions, items."""
