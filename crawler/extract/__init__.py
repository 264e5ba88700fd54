"""Pure field extraction from fetched pages (no I/O, no Scrapy, no database); import the submodules."""
