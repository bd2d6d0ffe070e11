"""Dates and times on operator pages: one format, in one time zone, with the zone shown.

``display_zone`` chooses the zone a page shows (the reader's own setting, else the store's
own zone on a page about one store, else UTC). ``local_time``
formats a moment in it ("Dec 3, 2026, 5:30 PM Europe/Moscow"), and ``to_utc`` turns a time
typed in it (a follow-up's ``datetime-local`` input) into the moment stored.
"""

from __future__ import annotations

from datetime import UTC, datetime
from functools import cache
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError, available_timezones

from babel import dates
from flask import Flask, current_app, has_request_context
from flask_babel import get_locale
from flask_login import current_user

__all__ = ["display_zone", "local_time", "register", "to_utc", "zone", "zone_names"]


def zone(name: str | None) -> ZoneInfo:
    """The IANA zone ``name``; UTC when it is empty or unknown (a page never fails on it)."""
    if not name:
        return ZoneInfo("UTC")
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        current_app.logger.warning("unknown time zone %r; showing UTC", name)
        return ZoneInfo("UTC")


def display_zone(store: Any = None) -> str:
    """The time zone an operator page shows (and reads typed) times in: the reader's own
    setting; else the store's (its own zone, else the site default its business hours use)
    on a page about one store; else UTC."""
    reader = current_user if has_request_context() else None
    if reader is not None and reader.is_authenticated and reader.time_zone in zone_names():
        return reader.time_zone
    if store is not None:
        return zone(store.timezone or current_app.config["DEFAULT_TIMEZONE"]).key
    return "UTC"


@cache
def zone_names() -> frozenset[str]:
    """The IANA zones a user may choose (from the system's or tzdata's database)."""
    return frozenset(available_timezones())


def local_time(value: datetime | None, tz_name: str | None = None) -> str:
    """``{{ moment | local_time(zone) }}``: the date, the time to the minute and the zone, in
    the reader's language ("Dec 3, 2026, 5:30 PM Europe/Moscow"); "—" for no moment."""
    if value is None:
        return "—"
    name = tz_name or display_zone()
    where = zone(name)
    if value.tzinfo is None:  # stored moments are UTC
        value = value.replace(tzinfo=UTC)
    moment = value.astimezone(where)
    locale = get_locale() or current_app.config["BABEL_DEFAULT_LOCALE"]
    day = dates.format_date(moment, "medium", locale=locale)
    clock = dates.format_time(moment, "short", tzinfo=where, locale=locale)
    joined = str(dates.get_datetime_format("medium", locale=locale)).replace("'", "")
    return f"{joined.format(clock, day)} {where.key}"


def to_utc(typed: datetime | None, tz_name: str | None) -> datetime | None:
    """A wall-clock time typed in zone ``tz_name`` (no zone of its own) as a UTC moment."""
    if typed is None:
        return None
    return typed.replace(tzinfo=zone(tz_name)).astimezone(UTC)


def register(app: Flask) -> None:
    app.jinja_env.filters["local_time"] = local_time
    app.jinja_env.globals["display_zone"] = display_zone
