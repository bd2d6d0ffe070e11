"""Working hours as a schedule: which moments are inside them, and how much working time
lies between two moments. Pure: config checks and services both use it.

A schedule is written like ``"mon-fri 09-18"`` (days inclusive, hours from-to in the
store's own time zone); a store without one uses the site default (config
``BUSINESS_HOURS``, ``DEFAULT_TIMEZONE``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, datetime, time, timedelta
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

_DAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
_SPEC = re.compile(r"^\s*(\w{3})(?:-(\w{3}))?\s+(\d{1,2})(?::00)?-(\d{1,2})(?::00)?\s*$")
MAX_DAYS = 366  # a timer never needs to look further


@dataclass(frozen=True)
class Schedule:
    days: frozenset[int]  # 0 = Monday
    opens: int  # hour
    closes: int  # hour (exclusive)
    zone: ZoneInfo

    def is_open(self, moment: datetime) -> bool:
        local = moment.astimezone(self.zone)
        return local.weekday() in self.days and self.opens <= local.hour < self.closes

    def _day_window(self, day: datetime) -> tuple[datetime, datetime] | None:
        if day.weekday() not in self.days:
            return None
        start = datetime.combine(day.date(), time(self.opens), tzinfo=self.zone)
        end = datetime.combine(day.date(), time(0), tzinfo=self.zone) + timedelta(hours=self.closes)
        return start.astimezone(UTC), end.astimezone(UTC)

    def business_time(self, start: datetime, end: datetime) -> timedelta:
        """Working time between two moments."""
        total = timedelta(0)
        day = start.astimezone(self.zone)
        for _ in range(MAX_DAYS):
            window = self._day_window(day)
            if window is not None:
                opens, closes = window
                overlap = min(closes, end) - max(opens, start)
                if overlap > timedelta(0):
                    total += overlap
            day = (day + timedelta(days=1)).replace(hour=0, minute=0, second=0, microsecond=0)
            if day.astimezone(UTC) >= end:
                break
        return total

    def next_open(self, moment: datetime) -> datetime:
        """``moment`` itself during working hours, otherwise the next opening."""
        if self.is_open(moment):
            return moment
        day = moment.astimezone(self.zone)
        for _ in range(8):
            window = self._day_window(day)
            if window is not None and window[0] > moment:
                return window[0]
            day = (day + timedelta(days=1)).replace(hour=0, minute=0, second=0, microsecond=0)
        return moment  # an empty schedule: no hours to wait for


def parse(spec: str, zone_name: str) -> Schedule:
    """Raise ValueError naming what is wrong with the schedule or the zone."""
    match = _SPEC.match(spec.lower())
    if not match:
        raise ValueError(f"business hours must look like 'mon-fri 09-18', not {spec!r}")
    first, last, opens, closes = match.groups()
    if first not in _DAYS or (last and last not in _DAYS):
        raise ValueError(f"unknown day in {spec!r}")
    start, stop = _DAYS.index(first), _DAYS.index(last or first)
    days = range(start, stop + 1) if start <= stop else [*range(start, 7), *range(0, stop + 1)]
    if not 0 <= int(opens) < int(closes) <= 24:
        raise ValueError(f"hours must run forwards within a day in {spec!r}")
    try:
        zone = ZoneInfo(zone_name)
    except (ZoneInfoNotFoundError, ValueError) as error:
        raise ValueError(f"unknown time zone {zone_name!r}") from error
    return Schedule(frozenset(days), int(opens), int(closes), zone)
