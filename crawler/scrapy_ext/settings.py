"""Scrapy settings for crawl children; the runner overrides per-source values with -s."""

BOT_NAME = "newswatch"
SPIDER_MODULES = ["spiders"]
NEWSPIDER_MODULE = "spiders"

# Politeness defaults: one connection and about one request per second per host (SITES.md).
ROBOTSTXT_OBEY = True
CONCURRENT_REQUESTS = 8
CONCURRENT_REQUESTS_PER_DOMAIN = 1
DOWNLOAD_DELAY = 1.0
DOWNLOAD_DELAY_JITTER = 0.5
AUTOTHROTTLE_ENABLED = True
AUTOTHROTTLE_START_DELAY = 1.0
AUTOTHROTTLE_MAX_DELAY = 30.0
AUTOTHROTTLE_TARGET_CONCURRENCY = 1.0
DOWNLOAD_TIMEOUT = 30
RETRY_ENABLED = True
RETRY_TIMES = 2
RETRY_HTTP_CODES = [500, 502, 503, 504, 522, 524, 408, 429]
# Huge pages are cut off instead of exhausting memory; 8 MB is far above any real article page.
DOWNLOAD_MAXSIZE = 8 * 1024 * 1024
DOWNLOAD_WARNSIZE = 2 * 1024 * 1024
REDIRECT_MAX_TIMES = 5
COOKIES_ENABLED = False
TELNETCONSOLE_ENABLED = False
# Scrapy re-reads a generator callback's source on every response to warn about `return value` (each request
# holds its own bound method, so its cache never hits): ~10% of a crawl child's CPU. tests/spiders checks once.
WARN_ON_GENERATOR_RETURN_VALUE = False
# Scrapy starts CONCURRENT_ITEMS tasks for every response's output (default 100). A response yields at most a
# few items here (one article, a list page's validators) and the pipelines run one item at a time anyway.
CONCURRENT_ITEMS = 4
LOG_LEVEL = "INFO"
USER_AGENT = "newswatch/0.1 (+policy monitoring; contact: newswatch operator)"
REQUEST_FINGERPRINTER_IMPLEMENTATION = "2.7"

DOWNLOADER_MIDDLEWARES = {
    # After the offsite filter (50), so spiders still only follow links within their source's hosts.
    "crawler.scrapy_ext.check_mode.FirstPageOnlyMiddleware": 52,
    # Scrapy's robots.txt middleware with a cache shared by crawl children (24 h, in the database); before
    # the simulator rewrite, so it asks the real host (or its simulated twin) and caches per real host.
    "scrapy.downloadermiddlewares.robotstxt.RobotsTxtMiddleware": None,
    "crawler.scrapy_ext.robots_cache.CachedRobotsTxtMiddleware": 53,
    # A first list page the runner's probe already asked is answered from its hand-over (real URLs, so before 55).
    "crawler.scrapy_ext.probed_responses.ProbedResponseMiddleware": 54,
    "crawler.scrapy_ext.simulator_routing.SimulatorRoutingMiddleware": 55,
    # Runs after the simulator rewrite, so only what would really leave the machine is refused.
    "crawler.scrapy_ext.loopback_only.LoopbackOnlyMiddleware": 60,
    # Response chain runs from high to low numbers: this sees a 429/503 before RetryMiddleware (550).
    "crawler.scrapy_ext.retry_after.RetryAfterMiddleware": 560,
}
ITEM_PIPELINES = {
    "pipelines.validate.ValidatePipeline": 100,
    "pipelines.extract.ExtractFieldsPipeline": 200,
    "pipelines.dedupe.DedupePipeline": 300,
    # Off unless attachments are enabled (NEWSWATCH_ATTACHMENTS_ENABLED); after dedupe, before store, so
    # the item is stored with what became of each attachment.
    "pipelines.attachments.AttachmentsPipeline": 350,
    "pipelines.store.StorePipeline": 400,
}
# Attachment links (downfile.jsp and the like) may redirect to a file server: followed, and every hop
# passes the offsite filter again (allowed_domains includes the configured attachment hosts).
MEDIA_ALLOW_REDIRECTS = True
EXTENSIONS = {
    "crawler.scrapy_ext.run_recorder.CrawlRunRecorder": 500,
    "crawler.scrapy_ext.check_mode.CheckReport": 510,
    # No listening sockets in a crawl child: the remote-control HTTP server stays off.
    "scrapy.extensions.remote_control.RemoteControl": None,
}

# newswatch's own settings (NEWSWATCH_<PART>_<KEY>); the runner sets them per crawl.
NEWSWATCH_DATABASE_URL = None
NEWSWATCH_RUN_ID = None
NEWSWATCH_SIMULATOR = None
NEWSWATCH_CATALOGS = ""  # only for `scrapy crawl` by hand: the runner hands the source over
NEWSWATCH_SOURCE = None
NEWSWATCH_LOOPBACK_ONLY = False
NEWSWATCH_CHECK = False
NEWSWATCH_PROBED = None  # the runner's probe answers (crawler/scrapy_ext/probed_responses.py)
NEWSWATCH_FULL_CHECK = False  # read the lists without validators (the runner's daily full check)
NEWSWATCH_SPOOL_DIR = None
NEWSWATCH_MAX_NEW_PER_CRAWL = 0  # 0: the default of crawler/config/settings.py (the runner hands the configured one)
