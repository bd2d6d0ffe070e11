"""Working hours: parsing schedules, open or closed, working time between two moments."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from flask import Flask

from discountmarket.services import business_hours
from tests.factories import StoreFactory

# A week in November 2026 (no daylight-saving change): Monday the 23rd to Sunday the 29th.
MONDAY = datetime(2026, 11, 23, tzinfo=UTC)


def at(day: int, hour: int, minute: int = 0) -> datetime:
    """A UTC moment ``day`` days after Monday 23 November 2026, at hour:minute."""
    return MONDAY + timedelta(days=day, hours=hour, minutes=minute)


@pytest.mark.parametrize(
    ("spec", "days", "opens", "closes"),
    [
        ("mon-fri 09-18", {0, 1, 2, 3, 4}, 9, 18),
        ("MON-FRI 9:00-18:00", {0, 1, 2, 3, 4}, 9, 18),
        ("  sat 10-14 ", {5}, 10, 14),
        ("fri-mon 08-20", {4, 5, 6, 0}, 8, 20),  # a range may wrap over the weekend
        ("mon-sun 00-24", set(range(7)), 0, 24),
    ],
)
def test_schedules_parse(spec: str, days: set[int], opens: int, closes: int) -> None:
    schedule = business_hours.parse(spec, "Europe/Prague")
    assert (set(schedule.days), schedule.opens, schedule.closes) == (days, opens, closes)
    assert schedule.zone.key == "Europe/Prague"


@pytest.mark.parametrize(
    ("spec", "zone", "message"),
    [
        ("weekdays 9-5", "UTC", "must look like"),
        ("mon-fri", "UTC", "must look like"),
        ("mon-fri 09:30-18", "UTC", "must look like"),
        ("mon-fry 09-18", "UTC", "unknown day"),
        ("abc 09-18", "UTC", "unknown day"),
        ("mon-fri 18-09", "UTC", "run forwards"),
        ("mon-fri 09-09", "UTC", "run forwards"),
        ("mon-fri 09-25", "UTC", "run forwards"),
        ("mon-fri 09-18", "Europe/Atlantis", "unknown time zone"),
        ("mon-fri 09-18", "", "unknown time zone"),
    ],
)
def test_bad_schedules_say_what_is_wrong(spec: str, zone: str, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        business_hours.parse(spec, zone)


def test_open_hours_are_local_and_the_closing_hour_is_closed() -> None:
    prague = business_hours.parse("mon-fri 09-18", "Europe/Prague")  # UTC+1 in November
    assert not prague.is_open(at(0, 7, 59))
    assert prague.is_open(at(0, 8))  # 09:00 in Prague
    assert prague.is_open(at(4, 16, 59))  # Friday 17:59
    assert not prague.is_open(at(4, 17))  # Friday 18:00
    assert not prague.is_open(at(5, 12))  # Saturday


def test_a_schedule_follows_daylight_saving_time() -> None:
    prague = business_hours.parse("mon-sun 09-18", "Europe/Prague")
    summer_monday = datetime(2026, 7, 6, 7, 0, tzinfo=UTC)  # 09:00 in Prague (UTC+2)
    assert prague.is_open(summer_monday)
    assert not prague.is_open(summer_monday - timedelta(minutes=1))


def test_business_time_counts_only_working_hours() -> None:
    utc = business_hours.parse("mon-fri 09-17", "UTC")
    assert utc.business_time(at(0, 10), at(0, 12, 30)) == timedelta(hours=2, minutes=30)
    assert utc.business_time(at(0, 6), at(0, 20)) == timedelta(hours=8)  # a whole day
    assert utc.business_time(at(0, 16), at(1, 10)) == timedelta(hours=2)  # over a night
    assert utc.business_time(at(4, 16), at(7, 10)) == timedelta(hours=2)  # over a weekend
    assert utc.business_time(at(5, 8), at(6, 20)) == timedelta(0)  # only the weekend
    assert utc.business_time(at(0, 9), at(7, 9)) == timedelta(hours=40)  # a full week
    assert utc.business_time(at(1, 12), at(0, 12)) == timedelta(0)  # backwards: nothing


def test_next_opening() -> None:
    utc = business_hours.parse("mon-fri 09-17", "UTC")
    assert utc.next_open(at(0, 10, 30)) == at(0, 10, 30)  # open: now
    assert utc.next_open(at(0, 6)) == at(0, 9)  # later today
    assert utc.next_open(at(0, 17)) == at(1, 9)  # tomorrow
    assert utc.next_open(at(4, 20)) == at(7, 9)  # after the weekend
    new_york = business_hours.parse("mon-fri 09-17", "America/New_York")  # UTC-5
    assert new_york.next_open(at(0, 6)) == at(0, 14)


def test_a_store_uses_its_own_hours_or_the_sites(app: Flask) -> None:
    own = business_hours.for_store(
        StoreFactory(business_hours="sat-sun 10-16", timezone="Asia/Tokyo")
    )
    assert (set(own.days), own.opens, own.closes, own.zone.key) == ({5, 6}, 10, 16, "Asia/Tokyo")

    default = business_hours.parse(app.config["BUSINESS_HOURS"], app.config["DEFAULT_TIMEZONE"])
    assert business_hours.for_store(StoreFactory()) == default
    only_zone = business_hours.for_store(StoreFactory(timezone="Europe/Lisbon"))
    assert (only_zone.days, only_zone.zone.key) == (default.days, "Europe/Lisbon")


@pytest.mark.parametrize(
    ("hours", "zone"), [("round the clock", None), ("mon-fri 09-18", "Not/AZone")]
)
def test_a_store_with_broken_hours_falls_back_to_the_sites(
    app: Flask, hours: str, zone: str | None
) -> None:
    store = StoreFactory(business_hours=hours, timezone=zone)
    default = business_hours.parse(app.config["BUSINESS_HOURS"], app.config["DEFAULT_TIMEZONE"])
    assert business_hours.for_store(store) == default
