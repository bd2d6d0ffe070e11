"""A store's working hours: SLA timers count only them, and messages go out only in them.
The schedule itself (``parse``, ``Schedule``) lives in ``discountmarket.opening_hours``."""

from __future__ import annotations

from flask import current_app

from discountmarket.models import Store
from discountmarket.opening_hours import Schedule, parse

__all__ = ["Schedule", "for_store", "parse"]


def for_store(store: Store) -> Schedule:
    config = current_app.config
    try:
        return parse(
            store.business_hours or config["BUSINESS_HOURS"],
            store.timezone or config["DEFAULT_TIMEZONE"],
        )
    except ValueError:
        current_app.logger.warning("store %s has bad business hours; using defaults", store.id)
        return parse(config["BUSINESS_HOURS"], config["DEFAULT_TIMEZONE"])
