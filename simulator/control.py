"""The /_sim/ endpoints: truth, publish, edit, withdraw, modes, platforms, reset and the request log."""

from __future__ import annotations

import json
import re
from typing import Any
from urllib.parse import parse_qs

from simulator.content import truth_json
from simulator.corpus import SimBadRequest, SimNotFound
from simulator.faults import ModeError
from simulator.reply import Reply, json_error, json_reply
from simulator.sites import HOSTS, SOURCES
from simulator.state import Simulator

SOURCE_ACTION_RE = re.compile(r"/sources/(?P<source>[\w.-]+)/(?P<action>publish|edit|withdraw|mode|platform)")
ENDPOINTS = (
    "GET  /_sim/truth[?source=ID]",
    "GET  /_sim/sources",
    "GET  /_sim/clock                  {now}: the simulated time, an hour after the newest article",
    "POST /_sim/sources/{id}/publish   {title?, body?, doc_number?, kind?, published?, source?, "
    "comment_deadline?, attachments?}",
    "POST /_sim/sources/{id}/edit      {id, title?, body?, doc_number?, source?, comment_deadline?, "
    "attachments?}",
    "POST /_sim/sources/{id}/withdraw  {id}",
    "POST /_sim/sources/{id}/mode      {mode, delay?, count?}",
    "POST /_sim/sources/{id}/platform  {platform: classic|jpaas}",
    "POST /_sim/reset",
    "GET  /_sim/requests",
    "POST /_sim/requests/reset",
)


class WrongMethod(SimBadRequest):
    """The endpoint exists but takes another HTTP method (answered as 405)."""


def _body(raw: bytes) -> dict[str, Any]:
    if not raw.strip():
        return {}
    try:
        value = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise SimBadRequest(f"the request body is not UTF-8 JSON: {exc}") from exc
    if not isinstance(value, dict):
        raise SimBadRequest("the request body must be a JSON object")
    return value


def truth(sim: Simulator, source_id: str | None) -> dict[str, Any]:
    """Articles per source; list entries that are not articles (off-site links, bare PDFs) apart."""
    ids = [source_id] if source_id else list(SOURCES)
    return {
        "sources": {sid: [truth_json(a) for a in sim.corpus.articles(sid)] for sid in ids},
        "non_articles": {sid: [e.as_json(HOSTS[SOURCES[sid].host].base_url) for e in sim.corpus.extras(sid)]
                         for sid in ids},
    }


def sources_summary(sim: Simulator) -> dict[str, Any]:
    return {"sources": {
        sid: {
            "host": s.host, "family": s.family, "column_name": s.column_name,
            "column_url": f"{HOSTS[s.host].base_url}{s.column_path}",
            "articles": len(sim.corpus.articles(sid)), "mode": sim.faults.describe(sid),
            "platform": sim.corpus.platform(sid),
        }
        for sid, s in SOURCES.items()
    }}


def handle(sim: Simulator, method: str, path: str, query: str, raw_body: bytes) -> Reply:
    """Answer one control request; `path` is what follows /_sim (e.g. /truth)."""
    try:
        return _dispatch(sim, method, path.rstrip("/") or "/", query, raw_body)
    except SimNotFound as exc:
        return json_error(str(exc), 404)
    except WrongMethod as exc:
        return json_error(str(exc), 405)
    except (SimBadRequest, ModeError) as exc:
        return json_error(str(exc), 400)


def _dispatch(sim: Simulator, method: str, path: str, query: str, raw_body: bytes) -> Reply:
    if path in ("/", ""):
        return json_reply({"endpoints": list(ENDPOINTS)})
    if path == "/truth":
        _expect(method, "GET")
        source_id = parse_qs(query).get("source", [None])[0]
        if source_id is not None and source_id not in SOURCES:
            raise SimNotFound(f"unknown source {source_id!r}; known: {', '.join(SOURCES)}")
        return json_reply(truth(sim, source_id))
    if path == "/clock":
        _expect(method, "GET")
        return json_reply({"now": sim.corpus.now().isoformat()})
    if path == "/sources":
        _expect(method, "GET")
        return json_reply(sources_summary(sim))
    if path == "/reset":
        _expect(method, "POST")
        sim.reset()
        return json_reply({"ok": True})
    if path == "/requests":
        _expect(method, "GET")
        return json_reply(sim.log.summary())
    if path == "/requests/reset":
        _expect(method, "POST")
        sim.log.reset()
        return json_reply({"ok": True})
    match = SOURCE_ACTION_RE.fullmatch(path)
    if match is None:
        raise SimNotFound(f"no control endpoint {path!r}; see GET /_sim/")
    _expect(method, "POST")
    source_id, action = match["source"], match["action"]
    if source_id not in SOURCES:
        raise SimNotFound(f"unknown source {source_id!r}; known: {', '.join(SOURCES)}")
    fields = _body(raw_body)
    if action == "mode":
        return json_reply(sim.faults.set(source_id, fields))
    if action == "platform":
        if set(fields) != {"platform"}:
            raise SimBadRequest('the body must be {"platform": "classic"} or {"platform": "jpaas"}')
        platform = sim.corpus.set_platform(source_id, fields["platform"])
        return json_reply({"source": source_id, "platform": platform})
    if action == "publish":
        return json_reply(truth_json(sim.corpus.publish(source_id, fields)))
    if action == "edit":
        return json_reply(truth_json(sim.corpus.edit(source_id, fields)))
    return json_reply(truth_json(sim.corpus.withdraw(source_id, fields)))


def _expect(method: str, wanted: str) -> None:
    if method != wanted and not (wanted == "GET" and method == "HEAD"):
        raise WrongMethod(f"use {wanted} for this endpoint, not {method}")
