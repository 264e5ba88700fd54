"""The platform families: the one place a family is registered, with the spider that crawls it (a plain
registry, no import magic). The catalog accepts exactly these names; each spider crawls the families that
name it here."""

SPIDER_FOR_FAMILY: dict[str, str] = {
    # spiders/hanweb.py: one spider, three modes (classic datastore, jpaas unit API, auto-detect).
    "hanweb-classic": "hanweb",
    "hanweb-jpaas": "hanweb",
    "hanweb-auto": "hanweb",
    # spiders/static_list.py: paged static lists with per-family built-in selectors.
    "trs": "static-list",
    "gd-static": "static-list",
    "lonsun": "static-list",
    "jsarray": "static-list",
    "generic": "static-list",
    # spiders/gkmlpt.py and spiders/feed.py.
    "gkmlpt": "gkmlpt",
    "feed": "feed",
}


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
