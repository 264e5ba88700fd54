"""The platform families: the one place a family is registered (a plain registry, no import magic). Each
names the spider that crawls it and the recognizer that tells its list pages apart (`newswatch sources add`,
crawler/config/recognizers.py; tried in this order, `generic` last). The catalog accepts exactly these names.
"""

from __future__ import annotations

from typing import NamedTuple


class Family(NamedTuple):
    spider: str  # the spider's name in spiders/
    recognizer: str | None  # its function in crawler/config/recognizers.py; None: not a platform of its own


FAMILIES: dict[str, Family] = {
    # spiders/feed.py and spiders/gkmlpt.py: an RSS/Atom feed, Guangdong's gkmlpt JSON API.
    "feed": Family("feed", "feed"),
    "gkmlpt": Family("gkmlpt", "gkmlpt"),
    # spiders/hanweb.py: one spider, three modes (jpaas unit API, classic datastore, and auto: the catalog's
    # choice between the two for columns migrating from one to the other).
    "hanweb-jpaas": Family("hanweb", "jpaas"),
    "hanweb-classic": Family("hanweb", "hanweb_classic"),
    "hanweb-auto": Family("hanweb", None),
    # spiders/static_list.py: paged static lists with per-family built-in selectors.
    "lonsun": Family("static-list", "lonsun"),
    "jsarray": Family("static-list", "jsarray"),
    "gd-static": Family("static-list", "gd_static"),
    "trs": Family("static-list", "trs"),
    "generic": Family("static-list", "generic"),
}
SPIDER_FOR_FAMILY: dict[str, str] = {name: family.spider for name, family in FAMILIES.items()}


def spider_name(family: str) -> str:
    try:
        return SPIDER_FOR_FAMILY[family]
    except KeyError:
        raise ValueError(
            f"no spider for platform family {family!r}; known: {', '.join(sorted(SPIDER_FOR_FAMILY))}"
        ) from None


def check_family(family: str) -> str:
    """A catalog's `family:` value, refused with the known names when it is none of them."""
    spider_name(family)
    return family


def families_of(spider: str) -> tuple[str, ...]:
    return tuple(family for family, name in SPIDER_FOR_FAMILY.items() if name == spider)
