"""The family registry: every catalog family has a spider, and that spider accepts the family."""

from __future__ import annotations

from typing import get_args

import pytest
from scrapy.settings import Settings
from scrapy.spiderloader import SpiderLoader

from crawler.catalog import Family, load_catalog
from crawler.families import SPIDER_FOR_FAMILY, spider_name


def test_every_catalog_family_has_a_spider_that_crawls_it() -> None:
    loader = SpiderLoader.from_settings(Settings({"SPIDER_MODULES": ["spiders"]}))
    assert set(SPIDER_FOR_FAMILY) == set(get_args(Family))
    for family, name in SPIDER_FOR_FAMILY.items():
        assert family in loader.load(name).families, (family, name)


def test_every_builtin_source_has_a_spider() -> None:
    assert {spider_name(s.family) for s in load_catalog().values()} == {
        "hanweb",
        "static-list",
        "gkmlpt",
        "feed",
    }


def test_unknown_family_names_the_known_ones() -> None:
    with pytest.raises(ValueError, match="no spider for platform family 'wordpress'; known: feed, gd-static"):
        spider_name("wordpress")
