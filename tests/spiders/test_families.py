"""The family registry: every catalog family has a spider, and that spider accepts the family."""

from __future__ import annotations

import pytest
import yaml
from scrapy.settings import Settings
from scrapy.spiderloader import SpiderLoader

from crawler.config.catalog import CatalogError, load_catalog
from crawler.config.families import SPIDER_FOR_FAMILY, spider_name
from tests.spiders.spiderkit import source_dict


def test_every_registered_family_has_a_spider() -> None:
    loader = SpiderLoader.from_settings(Settings({"SPIDER_MODULES": ["spiders"]}))
    assert {loader.load(name).name for name in SPIDER_FOR_FAMILY.values()} == set(SPIDER_FOR_FAMILY.values())


def test_the_catalog_accepts_exactly_the_registered_families(tmp_path) -> None:
    entry = source_dict("hb-mpa-notices", "wordpress", "https://mpa.hubei.gov.cn/tzgg/")
    path = tmp_path / "mine.yaml"
    path.write_text(yaml.safe_dump({"sources": [entry]}), encoding="utf-8")
    with pytest.raises(CatalogError, match="no spider for platform family 'wordpress'; known: feed, gd-static"):
        load_catalog([path])
    for family in SPIDER_FOR_FAMILY:
        path.write_text(yaml.safe_dump({"sources": [{**entry, "family": family}]}), encoding="utf-8")
        assert load_catalog([path])["hb-mpa-notices"].family == family


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


def test_no_spider_callback_is_a_generator_returning_a_value() -> None:
    """Scrapy's per-response check of this is off (WARN_ON_GENERATOR_RETURN_VALUE, for speed): check it once here.
    A generator callback that returns a value silently drops that value."""
    import inspect

    from scrapy.utils.misc import is_generator_with_return_value

    loader = SpiderLoader.from_settings(Settings({"SPIDER_MODULES": ["spiders"]}))
    checked = []
    for name in set(SPIDER_FOR_FAMILY.values()):
        for attribute, member in inspect.getmembers(loader.load(name), inspect.isfunction):
            if inspect.isgeneratorfunction(member):
                checked.append(attribute)
                assert not is_generator_with_return_value(member), f"{name}.{attribute} returns a value"
    assert {"parse_detail", "parse_jpaas"} <= set(checked), checked
