"""User preferences."""

from flask_babel import lazy_gettext as _l

from discountmarket import jobs
from discountmarket.local_time import zone_names
from discountmarket.models import User
from discountmarket.services.errors import ServiceError


def set_locale(user: User, locale: str) -> None:
    user.locale = locale
    jobs.commit()


def set_time_zone(user: User, name: str | None) -> None:
    """The zone the user reads and types times in; empty: each page's own (the store's)."""
    if name and name not in zone_names():
        raise ServiceError(_l("Choose a time zone from the list."))
    user.time_zone = name or None
    jobs.commit()
