"""What operators type about stores, cleaned: homepages and domains, e-mail addresses, phone
numbers, statuses, languages, lists, category slugs. Each cleaner returns the normal form or
raises ValueError with a message fit for the operator."""

from __future__ import annotations

import re
import unicodedata

from flask_babel import lazy_gettext as _l

from discountmarket import weburl
from discountmarket.config import SUPPORTED_LOCALES
from discountmarket.models import StoreStatus
from discountmarket.outreach.contacts import normalise_phone

_EMAIL = re.compile(r"[^@\s]{1,64}@[^@\s]+\.[^@\s.]{2,}")
_LIST_SPLIT = re.compile(r"[,;\s]+")


def clean_homepage(url: str) -> str:
    """A canonical http(s) URL (``weburl.clean_homepage``); a bare host name gets https://.
    ValueError (with a message fit for the operator) when it is not a web address."""
    try:
        return weburl.clean_homepage(url)
    except weburl.BadURL as error:
        if error.code == "empty":
            raise ValueError(str(_l("A homepage URL is required."))) from None
        text = (url or "").strip()[:100]
        raise ValueError(str(_l("Not a web address: %(url)s", url=text))) from None


def domain_of(entry: str) -> str | None:
    """The store key of a domain or URL an operator typed ("www.shop.example" ->
    "shop.example"), or None when it is no host at all."""
    try:
        return weburl.registrable_domain(weburl.clean_homepage(entry))
    except ValueError:
        return None


def split_list(text: str | None) -> list[str]:
    """Items of a comma, semicolon or space separated list, without blanks or repeats."""
    items = (item.strip() for item in _LIST_SPLIT.split(text or ""))
    return list(dict.fromkeys(item for item in items if item))


def slugify(name: str) -> str:
    """A URL-safe key of a category name; letters of any script stay (``Дом и сад`` ->
    ``дом-и-сад``) so Russian category names keep readable slugs."""
    folded = unicodedata.normalize("NFKC", name).casefold()
    return re.sub(r"[\W_]+", "-", folded).strip("-")[:100]


def clean_email(value: str) -> str:
    email = value.strip().lower()
    if not _EMAIL.fullmatch(email) or len(email) > 254:
        raise ValueError(str(_l("Not an e-mail address: %(value)s", value=value.strip()[:100])))
    return email


def clean_phone(value: str) -> str:
    phone = normalise_phone(value)
    if phone is None:
        raise ValueError(str(_l("Not a phone number: %(value)s", value=value.strip()[:100])))
    return phone


def parse_status(value: str) -> StoreStatus:
    key = value.strip().lower().replace("-", "_").replace(" ", "_")
    try:
        return StoreStatus(key)
    except ValueError:
        raise ValueError(str(_l("Unknown status: %(value)s", value=value.strip()[:50]))) from None


def parse_locale(value: str) -> str:
    locale = re.split(r"[-_]", value.strip().lower(), maxsplit=1)[0]
    if locale not in SUPPORTED_LOCALES:
        raise ValueError(str(_l("Unknown language: %(value)s", value=value.strip()[:20])))
    return locale
