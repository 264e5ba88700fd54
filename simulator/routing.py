"""Turns one HTTP request into a Reply: index, /_sim/ control, robots.txt, files, or a family router."""

from __future__ import annotations

import html
from collections.abc import Callable
from urllib.parse import parse_qsl, urlsplit

from simulator import (
    control,
    feed,
    gd_static,
    gkmlpt,
    hanweb_classic,
    jpaas,
    jsarray,
    lonsun,
    trs_most,
    trs_nmpa,
)
from simulator.content import CONTENT_TYPES
from simulator.faults import truncated
from simulator.reply import (
    Reply,
    Route,
    SimRequest,
    attachment_reply,
    html_reply,
    not_found,
    text_reply,
)
from simulator.sites import (
    FEED,
    GD_STATIC,
    GKMLPT,
    HANWEB_CLASSIC,
    HANWEB_JPAAS,
    HOSTS,
    JSARRAY,
    LONSUN,
    SOURCES,
    TRS,
    Host,
    sources_on_host,
)
from simulator.state import Simulator

Router = Callable[[Simulator, Host, SimRequest], Route | None]
# Hanweb hosts get all three Hanweb routers: a column can move between classic and jpaas at runtime.
_HANWEB: tuple[Router, ...] = (hanweb_classic.route, jpaas.route, feed.route)
FAMILY_ROUTERS: dict[str, tuple[Router, ...]] = {
    HANWEB_CLASSIC: _HANWEB, HANWEB_JPAAS: _HANWEB, FEED: _HANWEB, TRS: (trs_most.route, trs_nmpa.route),
    GD_STATIC: (gd_static.route,), GKMLPT: (gkmlpt.route,), LONSUN: (lonsun.route,),
    JSARRAY: (jsarray.route,),
}
# What failure modes apply to: not home pages; downloads only get the blocking and error modes (faults.py).
FAULTY_KINDS = ("list", "proxy", "detail", "attachment")
ROBOTS = "User-agent: *\nAllow: /\n"
DOWNLOAD_PATHS = ("/module/download/downfile.jsp",)


def answer(sim: Simulator, method: str, target: str, body: bytes, content_type: str = "",
           headers: dict[str, str] | None = None) -> Reply:
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
    lowered = {name.lower(): value for name, value in (headers or {}).items()}
    request = SimRequest(method, host.host, "/" + rest, parts.query, params, lowered)
    with sim.log.track(host.host):
        return _site_answer(sim, host, request)


def _routers(host: Host) -> list[Router]:
    families = dict.fromkeys(s.family for s in sources_on_host(host.host))
    return list(dict.fromkeys(router for family in families for router in FAMILY_ROUTERS[family]))


def _file_route(sim: Simulator, host: Host, request: SimRequest) -> Route | None:
    """Attachments and on-site PDF list entries, whatever the platform (looked up by URL)."""
    extension = request.path.rsplit(".", 1)[-1].lower() if "." in request.path else ""
    if request.path not in DOWNLOAD_PATHS and extension not in CONTENT_TYPES:
        return None
    found = sim.corpus.find_file(host.host, request.target)
    if found is None:
        return Route(None, "attachment", lambda variant: not_found())
    source_id, attachment = found
    return Route(source_id, "attachment", lambda variant: attachment_reply(attachment))


def _site_answer(sim: Simulator, host: Host, request: SimRequest) -> Reply:
    if request.path == "/robots.txt":
        return text_reply(ROBOTS) if host.robots else not_found()
    route = _file_route(sim, host, request)
    for router in _routers(host) if route is None else ():
        route = router(sim, host, request)
        if route is not None:
            break
    if route is None:
        return not_found()
    sim.log.classify(route.source_id, route.kind)
    variant = "normal"
    if route.source_id is not None and route.kind in FAULTY_KINDS:
        verdict = sim.faults.judge(route.source_id, route.kind, route.data)
        if verdict.delay:
            sim.interrupt.wait(verdict.delay)  # outside every lock: other requests carry on meanwhile
        if verdict.reply is not None:
            return verdict.reply
        variant = verdict.variant
    reply = route.render("normal" if variant == "malformed" else variant)
    if variant == "malformed" and reply.status == 200:
        reply = truncated(reply)
    if route.validated and route.source_id is not None and reply.status == 200:
        floor = sim.corpus.newest(route.source_id)
        reply = sim.validators.apply(host.host + request.target, reply, floor, request.headers)
    return reply


def index_page() -> str:
    """GET /: the simulated hosts and sources, with links in the simulator's /<host>/<path> form."""
    rows = []
    for source_id, source in SOURCES.items():
        link = html.escape(f"/{source.host}{source.column_path}")
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
