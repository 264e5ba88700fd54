"""Which spider crawls which platform family: a plain registry, no import magic.

How a family is recognised from a page (`newswatch sources add`) is registered once per family in
crawler/config/recognizers.py (RECOGNIZERS); tests/test_recognize.py keeps the two registries in step.
"""

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
