"""User preferences."""

from flask_babel import lazy_gettext as _l

from discountmarket import jobs
from discountmarket.local_time import zone_names
from discountmarket.models import Store, User
from discountmarket.services import fanout
from discountmarket.services.audit import audit
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


def set_store_contact_preference(store: Store, channel: str | None, author: User | None) -> None:
    """How the store asked to be contacted: "email" or "form" only, "weekly" (one digest a
    week at most), "never"; None: as we see fit. Messages already planned follow it when
    their time comes (audited)."""
    if channel not in (None, *fanout.STORE_PREFERENCES):
        raise ServiceError(_l("Choose how you would like to be contacted."))
    before = store.contact_preference
    store.contact_preference = channel
    audit(
        author, "contact_preference", store, before={"channel": before}, after={"channel": channel}
    )
    jobs.commit()
