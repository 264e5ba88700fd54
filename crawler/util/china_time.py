"""China Standard Time: the zone every watched site publishes in (no daylight saving since 1991)."""

from zoneinfo import ZoneInfo

CHINA_TZ = ZoneInfo("Asia/Shanghai")
