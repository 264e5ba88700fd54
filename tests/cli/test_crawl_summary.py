"""The crawl summary table: one row per source with every observation count, withdrawn included."""

from __future__ import annotations

from crawler.cli.crawl_cmd import summary_table
from crawler.run.runner import CrawlResult


def test_the_summary_has_a_withdrawn_column() -> None:
    result = CrawlResult("zj-kjt-notices", "ok", "", 7, 3.5,
                         {"entries_seen": 45, "new": 2, "changed": 1, "withdrawn": 3, "errors": 0})
    header, _rule, row = summary_table([result]).splitlines()
    assert header.split() == ["source", "outcome", "entries", "new", "changed", "withdrawn", "errors", "duration",
                              "message"]
    assert row.split() == ["zj-kjt-notices", "ok", "45", "2", "1", "3", "0", "3.5s"]
