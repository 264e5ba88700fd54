"""The crawl's life: starting crawl children, leases, run records, health, the daemon."""
