"""Which spider crawls which platform family: a plain registry, no import magic."""

SPIDER_FOR_FAMILY: dict[str, str] = {
    "hanweb-classic": "hanweb-classic",
    "hanweb-auto": "hanweb-classic",
}


def spider_name(family: str) -> str:
    try:
        return SPIDER_FOR_FAMILY[family]
    except KeyError:
        raise ValueError(f"no spider for platform family {family!r}; known: {', '.join(sorted(SPIDER_FOR_FAMILY))}") from None
