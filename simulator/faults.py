"""Per-source failure modes (blocked, empty shell, proxy 404, malformed, redesign, slow, 5xx, HTML files)."""

from __future__ import annotations

import secrets
import threading
from dataclasses import dataclass
from typing import Any

from simulator.reply import Reply, html_reply, nginx_error

MODES = ("ok", "blocked-412", "blocked-521", "forbidden-403", "empty-shell", "proxy-404", "malformed-proxy",
         "no-body", "redesign", "slow", "server-error", "retry-after", "html-attachments")
COUNTED_MODES = ("server-error", "retry-after")  # these end by themselves after `count` requests
DEFAULT_DELAY = 5.0
DEFAULT_COUNT = 3
MAX_DELAY = 120.0


class ModeError(ValueError):
    """A mode request with an unknown mode or a bad delay/count."""


@dataclass
class ModeState:
    mode: str = "ok"
    delay: float = DEFAULT_DELAY
    remaining: int = 0
    served: int = 0  # answers given in a counted mode, to alternate 429 and 503

    def as_json(self, source_id: str) -> dict[str, Any]:
        return {"source": source_id, "mode": self.mode, "delay": self.delay, "count": self.remaining}


@dataclass(frozen=True)
class Verdict:
    """What the fault layer decided for one request: wait first, answer instead, or which page variant.

    `variant` is a Render variant (reply.VARIANTS) or "malformed": the answer is cut off mid-document.
    """

    delay: float = 0.0
    reply: Reply | None = None
    variant: str = "normal"


class FaultModes:
    def __init__(self, source_ids: list[str]) -> None:
        self._lock = threading.Lock()
        self._source_ids = list(source_ids)
        self.reset()

    def reset(self) -> None:
        with self._lock:
            self._states = {sid: ModeState() for sid in self._source_ids}

    def describe(self, source_id: str) -> dict[str, Any]:
        with self._lock:
            return self._states[source_id].as_json(source_id)

    def set(self, source_id: str, fields: dict[str, Any]) -> dict[str, Any]:
        if not isinstance(fields, dict) or set(fields) - {"mode", "delay", "count"}:
            raise ModeError("the body must be an object with mode and optional delay, count")
        mode = fields.get("mode")
        if mode not in MODES:
            raise ModeError(f"mode must be one of {', '.join(MODES)}, not {mode!r}")
        delay = fields.get("delay", DEFAULT_DELAY)
        count = fields.get("count", DEFAULT_COUNT)
        if not isinstance(delay, (int, float)) or isinstance(delay, bool) or not 0 <= delay <= MAX_DELAY:
            raise ModeError(f"delay must be a number of seconds between 0 and {MAX_DELAY:g}")
        if not isinstance(count, int) or isinstance(count, bool) or count < 1:
            raise ModeError("count must be a positive integer")
        state = ModeState(mode, float(delay), count if mode in COUNTED_MODES else 0)
        with self._lock:
            self._states[source_id] = state
            return state.as_json(source_id)

    def judge(self, source_id: str, kind: str, data: bool = False) -> Verdict:
        """Decide how a request of `kind` (list, proxy, detail, attachment) to a source is answered; `data` marks the
        source's data endpoints (Hanweb proxy, jpaas/gkmlpt APIs, feeds, list pages after the first)."""
        with self._lock:
            state = self._states[source_id]
            mode = state.mode
            if mode in COUNTED_MODES:
                state.served += 1
                state.remaining -= 1
                if state.remaining <= 0:
                    self._states[source_id] = ModeState()
            served = state.served
        if mode == "slow":
            return Verdict(delay=state.delay)
        if mode == "empty-shell":
            return Verdict(variant="shell" if kind == "list" else "normal")
        if mode == "proxy-404":
            return Verdict(reply=nginx_error(404, "Not Found") if data else None)
        if mode == "malformed-proxy":
            return Verdict(variant="malformed" if data else "normal")
        if mode == "no-body":
            return Verdict(variant="no-body" if kind == "detail" else "normal")
        if mode == "redesign":
            return Verdict(variant="redesign" if kind in ("list", "proxy") else "normal")
        if mode == "html-attachments":
            return Verdict(reply=missing_file_page() if kind == "attachment" else None)
        if mode == "blocked-412":
            return Verdict(reply=challenge_412())
        if mode == "blocked-521":
            return Verdict(reply=jiasule_521())
        if mode == "forbidden-403":
            return Verdict(reply=nginx_error(403, "Forbidden"))
        if mode == "server-error":
            return Verdict(reply=nginx_error(503, "Service Temporarily Unavailable"))
        if mode == "retry-after":
            # Odd answers are 429, even ones 503: crawlers must honour Retry-After on both.
            status = 429 if served % 2 else 503
            reason = "Too Many Requests" if status == 429 else "Service Temporarily Unavailable"
            return Verdict(reply=nginx_error(status, reason, [("Retry-After", "1")]))
        return Verdict()


def challenge_412() -> Reply:
    """An NMPA-style (Ruishu) JavaScript challenge: a meta token, $_ts, a script at a random path."""
    folder, script = secrets.token_urlsafe(9), secrets.token_urlsafe(9)
    page = (
        "<!DOCTYPE html>\n<html><head>\n"
        "<meta http-equiv=\"Content-Type\" content=\"text/html; charset=utf-8\">\n"
        f"<meta id=\"{secrets.token_urlsafe(16)}\" content=\"{secrets.token_urlsafe(96)}\" r='m'>\n"
        "<script type=\"text/javascript\" r='m'>$_ts=window['$_ts'];if(!$_ts)$_ts={};$_ts.nsd="
        f"{secrets.randbelow(90000) + 10000};$_ts.cd=\"{secrets.token_urlsafe(120)}\";</script>\n"
        "<script type=\"text/javascript\" charset=\"utf-8\" "
        f"src=\"/{folder}/{script}.{secrets.token_hex(3)}.js\" r='m'></script>\n"
        "</head>\n<body>\n</body></html>"
    )
    cookies = [
        ("Set-Cookie", f"acw_tc={secrets.token_hex(24)};path=/;HttpOnly;Max-Age=1800"),
        ("Set-Cookie", f"NfBCSins2OywS={secrets.token_urlsafe(48)}; Path=/; HttpOnly"),
    ]
    return html_reply(page, 412, cookies)


def jiasule_521() -> Reply:
    """A 加速乐 (Jiasule) challenge: HTTP 521 and a script that sets __jsl_clearance_s, then reloads."""
    stamp = f"{secrets.randbelow(10**8) + 1_700_000_000}.{secrets.randbelow(1000)}"
    clearance = f"{stamp}|0|{secrets.token_urlsafe(24)}"
    page = (
        "<script>document.cookie='__jsl_clearance_s=" + clearance + ";max-age=3600;path=/';"
        "location.href=location.pathname+location.search</script>"
    )
    cookie = f"__jsluid_s={secrets.token_hex(16)}; max-age=31536000; path=/; HttpOnly"
    return html_reply(page, 521, [("Set-Cookie", cookie)])


def missing_file_page() -> Reply:
    """What a download script (downfile.jsp) answers for a file it cannot find: an HTML page, status 200."""
    page = ("<!DOCTYPE html><html><head><meta charset=\"UTF-8\"><title>提示信息</title></head><body>"
            "<div class=\"msg\"><p>对不起，您要下载的文件不存在或已被删除！</p>"
            "<p><a href=\"javascript:history.back()\">返回</a></p></div></body></html>")
    return html_reply(page)


def truncated(reply: Reply) -> Reply:
    """The answer cut off mid-document (a proxy timing out upstream): broken XML, JSON or HTML."""
    cut = max(len(reply.body) * 55 // 100, 1)
    return Reply(reply.status, reply.body[:cut], reply.content_type, list(reply.headers))
