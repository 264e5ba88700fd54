"""Canonical URLs: one spelling per document, so the same page is never stored twice."""

from __future__ import annotations

import re
from collections.abc import Iterable
from urllib.parse import SplitResult, parse_qsl, urlencode, urljoin, urlsplit, urlunsplit

# Parameters that identify a visit, not a document.
_TRACKING = re.compile(r"^(utm_\w+|spm|from|share|isappinstalled|scene|clicktime|_t|jsessionid|sessionid|phpsessid)$", re.I)
_SESSION_IN_PATH = re.compile(r";jsessionid=[^/?#]*", re.I)
_DEFAULT_PORTS = {"http": 80, "https": 443}


def split_url(url: str) -> SplitResult | None:
    """urlsplit, or None for a URL Python refuses: unbalanced IPv6 brackets, a host with characters that
    change under NFKC normalization, a port that is not a number. Hrefs of crawled pages can be any text."""
    try:
        parts = urlsplit(url)
        parts.port  # noqa: B018 (parsed lazily: raises here for a bad port)
    except ValueError:
        return None
    return parts


def host_in_domains(url: str, domains: Iterable[str]) -> bool:
    """Whether the URL's host name is one of the domains or under one (as Scrapy's offsite filter allows).
    Host names only: `https://host:443/` and `http://host:8080/` are on `host`."""
    parts = split_url(url)
    host = (parts.hostname or "").rstrip(".") if parts else ""
    return bool(host) and any(host == d or host.endswith(f".{d}") for d in (d.lower() for d in domains))


def join_url(base_url: str, href: str) -> str | None:
    """The absolute URL of a page's href, or None when the result is not a URL Python can take apart."""
    try:
        url = urljoin(base_url, href)
    except ValueError:
        return None
    return url if split_url(url) is not None else None


def canonical_url(url: str) -> str:
    """Lower-case host, https for gov sites' http twins, no default port, no index.html, no tracking, no
    fragment unless it is a single-page app's route."""
    parts = urlsplit(url.strip())
    scheme = parts.scheme.lower()
    host = (parts.hostname or "").lower().rstrip(".")
    if scheme == "http" and host.endswith(".gov.cn"):
        # Government sites serve the same documents on http and https; links use either at random.
        scheme = "https"
    port = parts.port
    netloc = host if port is None or _DEFAULT_PORTS.get(scheme) == port or port in (80, 443) else f"{host}:{port}"
    path = _SESSION_IN_PATH.sub("", parts.path) or "/"
    path = re.sub(r"/{2,}", "/", path)
    if path.endswith(("/index.html", "/index.htm", "/index.shtml", "/index.jsp")):
        path = path.rsplit("/", 1)[0] + "/"
    query = [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if not _TRACKING.match(k)]
    # A fragment is a place in a page, except in single-page apps, which route through `#/…` or `#!/…`:
    # there it names the document (`https://x.cn/#/newsDetail?id=1` and `…id=2` are two documents).
    fragment = parts.fragment if parts.fragment.startswith(("/", "!/")) else ""
    return urlunsplit((scheme, netloc, path, urlencode(sorted(query)), fragment))
