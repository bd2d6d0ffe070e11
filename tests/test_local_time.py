"""Operator pages' one date format: the moment in a named zone, the zone shown; a time typed
in that zone becomes the right UTC moment."""

from __future__ import annotations

from datetime import UTC, datetime
from types import SimpleNamespace

from flask import Flask
from flask_babel import force_locale

from discountmarket.local_time import display_zone, local_time, to_utc


def test_one_format_with_the_zone(app: Flask) -> None:
    moment = datetime(2026, 12, 3, 14, 30, tzinfo=UTC)
    with app.test_request_context():
        assert (
            local_time(moment, "Europe/Moscow") == "Dec 3, 2026, 5:30\u202fPM Europe/Moscow"
        )  # CLDR's narrow space
        assert local_time(moment) == "Dec 3, 2026, 2:30\u202fPM UTC"
        assert local_time(moment.replace(tzinfo=None)) == local_time(moment)  # stored as UTC
        assert local_time(moment, "Not/AZone") == local_time(moment)
        assert local_time(None) == "—"
        with force_locale("ru"):
            assert local_time(moment, "Europe/Moscow").endswith("17:30 Europe/Moscow")


def test_the_page_zone_is_the_stores_else_utc(app: Flask) -> None:
    with app.test_request_context():
        assert display_zone() == "UTC"
        assert display_zone(SimpleNamespace(timezone="Asia/Tokyo")) == "Asia/Tokyo"
        assert display_zone(SimpleNamespace(timezone=None)) == app.config["DEFAULT_TIMEZONE"]
        assert display_zone(SimpleNamespace(timezone="Not/AZone")) == "UTC"  # named as shown


def test_a_typed_time_is_read_in_the_zone(app: Flask) -> None:
    with app.test_request_context():
        summer = to_utc(datetime(2030, 7, 1, 10, 0), "Europe/Berlin")
        winter = to_utc(datetime(2030, 1, 7, 10, 0), "Europe/Berlin")
        assert summer == datetime(2030, 7, 1, 8, 0, tzinfo=UTC)
        assert winter == datetime(2030, 1, 7, 9, 0, tzinfo=UTC)
        assert to_utc(None, "Europe/Berlin") is None
