"""How a crawl run ended, from synthetic Scrapy stats: a full database or disk fails the run, with a message
that says what became of the pages it had fetched."""

from __future__ import annotations

from crawler.run.outcome import decide_outcome, timeout_message

FULL = "the database or its disk is full (database or disk is full): the crawl stopped"


def test_ok_run() -> None:
    result = decide_outcome({"newswatch/entries_seen": 20, "newswatch/items/new": 3}, "finished")
    assert (result.outcome, result.signal, result.message) == ("ok", None, "20 entries, 3 new, 0 changed")


def test_disk_full_fails_the_run_even_though_scrapy_closed_it_early() -> None:
    stats = {"newswatch/signal/disk_full": FULL, "newswatch/errors": 1, "newswatch/items/new": 5,
             "newswatch/spooled": 2, "newswatch/entries_seen": 40}
    result = decide_outcome(stats, "disk_full")
    assert (result.outcome, result.signal) == ("failed", "disk_full")
    assert result.message == f"{FULL}; 2 fetched page(s) wait in the spool for the next crawl"
    assert result.counts["new"] == 5  # what was stored before the disk filled up stays counted


def test_disk_full_with_the_spool_full_too() -> None:
    stats = {"newswatch/signal/disk_full": FULL, "newswatch/not_kept": 3}
    result = decide_outcome(stats, "spool_failed")
    assert result.outcome == "failed"
    assert result.message == f"{FULL}; nothing waits in the spool; 3 not kept, the next crawl fetches them again"


def test_disk_full_wins_over_a_source_signal_and_a_shutdown() -> None:
    stats = {"newswatch/signal/disk_full": FULL, "newswatch/signal/blocked": "HTTP 412"}
    assert decide_outcome(stats, "shutdown").signal == "disk_full"


def test_a_dead_database_and_an_unwritable_spool_fail_the_run() -> None:
    stats = {"newswatch/signal/spool_failed": "the database cannot take pages and the spool cannot be written "
                                              "either (Permission denied): the crawl stopped",
             "newswatch/not_kept": 1}
    result = decide_outcome(stats, "spool_failed")
    assert (result.outcome, result.signal) == ("failed", "spool_failed")
    assert result.message.endswith("; nothing waits in the spool; 1 not kept, the next crawl fetches them again")


def _list_parse(entries: int) -> dict:
    error = {"kind": "list_parse", "message": "the gkmlpt API answer is not JSON", "url": "https://x.gov.cn/api"}
    return {"newswatch/errors": 1, "newswatch/errors/list_parse": 1, "newswatch/error_log": [error],
            "newswatch/entries_seen": entries}


def test_a_list_that_could_not_be_read_at_all_is_empty_not_zero_new_items() -> None:
    result = decide_outcome(_list_parse(entries=0), "finished")
    assert (result.outcome, result.signal) == ("failed", "empty")
    assert "could not be read" in result.message and "not JSON" in result.message


def test_a_later_list_page_broken_after_entries_were_read_is_partial() -> None:
    result = decide_outcome(_list_parse(entries=45), "finished")
    assert (result.outcome, result.signal) == ("partial", None) and "list_parse" in result.message


def test_a_list_whose_every_entry_was_skipped_is_empty_and_says_why() -> None:
    stats = {"newswatch/entries_skipped/offsite": 12, "newswatch/entries_skipped/offsite_hosts": "mp.weixin.qq.com,sdxw.iqilu.com",
             "newswatch/entries_skipped/attachment": 3}
    result = decide_outcome(stats, "finished")
    assert (result.outcome, result.signal) == ("failed", "empty")
    assert "12 on other hosts (mp.weixin.qq.com, sdxw.iqilu.com" in result.message and "allowed_hosts" in result.message
    assert "3 links to files" in result.message


def test_some_entries_skipped_beside_articles_is_ok() -> None:
    stats = {"newswatch/entries_seen": 5, "newswatch/entries_skipped/offsite": 12}
    assert decide_outcome(stats, "finished").outcome == "ok"


def test_a_run_that_left_new_articles_for_later_says_how_many() -> None:
    stats = {"newswatch/entries_seen": 5000, "newswatch/items/new": 40, "newswatch/new_left": 4960,
             "newswatch/new_cap": 40}
    result = decide_outcome(stats, "finished")
    assert result.outcome == "ok" and result.signal is None
    assert result.message == ("5000 entries, 40 new, 0 changed; 4960 more new article(s) left for the next crawls "
                              "(at most 40 new per crawl: max_new_per_crawl), newest first")


def test_a_timeout_says_whether_the_site_was_still_answering() -> None:
    assert timeout_message(False, 1800, 3) == "timed out after 1800 s"
    assert timeout_message(True, 1800, 3) == (
        "timed out after 1800 s while the site was still answering (3 new article(s) stored); the next crawl goes "
        "on where this one stopped. If it keeps happening, raise crawl_timeout or lower max_new_per_crawl")
