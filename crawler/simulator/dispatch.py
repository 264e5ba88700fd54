"""Turns one HTTP request into a Reply: index, /_sim/ control, robots.txt, or a family router plus faults."""

from __future__ import annotations

import html
import time
from collections.abc import Callable
from urllib.parse import parse_qsl, urlsplit

from crawler.simulator import control, hanweb_classic
from crawler.simulator.corpus import Corpus
from crawler.simulator.reply import Reply, Route, SimRequest, html_reply, not_found, text_reply
from crawler.simulator.sites import HANWEB_CLASSIC, HOSTS, SOURCES, Host, sources_on_host
from crawler.simulator.state import Simulator

Router = Callable[[Corpus, Host, SimRequest], Route | None]
# One router per platform family; a new family (jpaas, TRS, Lonsun, feeds …) adds its module here.
FAMILY_ROUTERS: dict[str, Router] = {HANWEB_CLASSIC: hanweb_classic.route}
FAULTY_KINDS = ("list", "proxy", "detail")  # what failure modes apply to (not downloads or home pages)
ROBOTS = "User-agent: *\nAllow: /\n"


def answer(sim: Simulator, method: str, target: str, body: bytes, content_type: str = "") -> Reply:
    """Answer `target` (path and query as sent to the simulator, e.g. /kjt.zj.gov.cn/col/…)."""
    parts = urlsplit(target)
    segment, _, rest = parts.path.lstrip("/").partition("/")
    if not segment:
        return html_reply(index_page())
    if segment == "_sim":
        return control.handle(sim, method, "/" + rest, parts.query, body)
    host = HOSTS.get(segment)
    if host is None:
        return not_found()
    params = dict(parse_qsl(parts.query, keep_blank_values=True))
    if body and "json" not in content_type:
        # Hanweb's proxy takes its unit parameters as a form body; webname may be percent-encoded UTF-8.
        params.update(parse_qsl(body.decode("utf-8", "replace"), keep_blank_values=True))
    request = SimRequest(method, host.host, "/" + rest, parts.query, params)
    with sim.log.track(host.host):
        return _site_answer(sim, host, request)


def _site_answer(sim: Simulator, host: Host, request: SimRequest) -> Reply:
    if request.path == "/robots.txt":
        return text_reply(ROBOTS)
    route = None
    for family in dict.fromkeys(s.family for s in sources_on_host(host.host)):
        route = FAMILY_ROUTERS[family](sim.corpus, host, request)
        if route is not None:
            break
    if route is None:
        return not_found()
    sim.log.classify(route.source_id, route.kind)
    if route.source_id is not None and route.kind in FAULTY_KINDS:
        verdict = sim.faults.judge(route.source_id, route.kind)
        if verdict.delay:
            time.sleep(verdict.delay)  # outside every lock: other requests carry on meanwhile
        if verdict.reply is not None:
            return verdict.reply
        if verdict.shell and route.shell is not None:
            return route.shell()
    return route.respond()


def index_page() -> str:
    """GET /: the simulated hosts and sources, with links in the simulator's /<host>/<path> form."""
    rows = []
    for source_id, source in SOURCES.items():
        link = f"/{source.host}{source.column_path}"
        rows.append(f"<tr><td>{source_id}</td><td>{source.host}</td><td>{source.family}</td>"
                    f"<td><a href=\"{link}\">{html.escape(source.column_name)}</a></td>"
                    f"<td><a href=\"/_sim/truth?source={source_id}\">truth</a></td></tr>")
    hosts = "".join(f'<li><a href="/{name}/">{name}</a> ({html.escape(h.webname)})</li>'
                    for name, h in HOSTS.items())
    endpoints = "".join(f"<li><code>{html.escape(e)}</code></li>" for e in control.ENDPOINTS)
    return (
        "<!DOCTYPE html><html><head><meta charset=\"UTF-8\"><title>newswatch simulator</title></head><body>"
        "<h1>newswatch offline simulator</h1><p>Real URL <code>https://HOST/PATH</code> is served at "
        "<code>/HOST/PATH</code>.</p>"
        f"<h2>Hosts</h2><ul>{hosts}</ul><h2>Sources</h2><table border=\"1\">"
        "<tr><th>source</th><th>host</th><th>family</th><th>column</th><th>ground truth</th></tr>"
        f"{''.join(rows)}</table><h2>Control endpoints</h2><ul>{endpoints}</ul></body></html>"
    )
