"""How every command shows a time: in the configured timezone, with its UTC offset, so no reader has to guess.

Times are stored in UTC; people read them in their own zone (Asia/Shanghai by default). A bare
"2025-03-10 08:00" could be either, so each shown time carries its offset: "2025-03-10 08:00 +08:00".
JSON output uses ISO 8601 in the same zone ("2025-03-10T08:00:00+08:00").
"""

from __future__ import annotations

from datetime import date, datetime, tzinfo
from zoneinfo import ZoneInfo


def _zone(tz: tzinfo | str) -> tzinfo:
    return tz if isinstance(tz, tzinfo) else ZoneInfo(tz)


def shown(value: datetime | None, tz: tzinfo | str) -> str:
    """"2025-03-10 08:00 +08:00" (empty for None): a stored time for a table or a message."""
    if value is None:
        return ""
    local = value.astimezone(_zone(tz))
    offset = local.strftime("%z")  # "+0800", written "+08:00" as ISO 8601 and the JSON output do
    return f"{local:%Y-%m-%d %H:%M} {offset[:3]}:{offset[3:5]}"


def shown_iso(value: datetime | None, tz: tzinfo | str) -> str | None:
    """ISO 8601 with the offset, in the configured zone, for JSON output (None stays None)."""
    return value.astimezone(_zone(tz)).isoformat(timespec="seconds") if value is not None else None


def local_date(value: datetime, tz: tzinfo | str) -> date:
    """The calendar day a stored time falls on in the configured zone (not in UTC)."""
    return value.astimezone(_zone(tz)).date()
