"""Scrapy settings of a crawl child that renews its own leases: the project's settings plus LeaseRenewal."""

# A settings module extends the project's, as Scrapy intends: everything, then one more extension.
from crawler.scrapy_ext.settings import *  # noqa: F403 (Scrapy settings modules extend each other so)
from crawler.scrapy_ext.settings import EXTENSIONS as _PROJECT_EXTENSIONS

EXTENSIONS = {**_PROJECT_EXTENSIONS, "crawler.distributed.lease_renewal.LeaseRenewal": 520}

# Set per crawl by the runner (CrawlRunner with lease_ttl).
NEWSWATCH_LEASES = ""
NEWSWATCH_LEASE_OWNER = ""
NEWSWATCH_LEASE_TTL = 60.0
