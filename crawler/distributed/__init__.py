"""Distributed mode: the daemon enqueues crawls on an RQ queue (Redis); `newswatch worker` processes run them."""
