"""Locale choice (the user's saved language, then a cookie, then the page's own — a store's
page speaks the store's language — then the browser's) and the
locale-aware formatting of numbers, money and dates that templates and e-mails share."""

from __future__ import annotations

import re
from datetime import UTC, datetime
from decimal import Decimal

from babel import numbers, units
from flask import Flask, current_app, g, has_request_context, request
from flask_babel import (
    format_currency,
    format_date,
    format_datetime,
    format_decimal,
    format_percent,
    format_timedelta,
    get_locale,
    refresh,
)
from flask_login import current_user

LOCALE_COOKIE = "locale"
LANGUAGE_NAMES = {"en": "English", "ru": "Русский"}
_LETTER_NEXT_TO_DIGIT = re.compile(r"(?<=[^\W\d])(?=\d)|(?<=\d)(?=[^\W\d])")


def select_locale() -> str | None:
    languages = current_app.config["LANGUAGES"]
    if not has_request_context():
        return None  # Flask-Babel falls back to BABEL_DEFAULT_LOCALE
    if current_user and current_user.is_authenticated and current_user.locale in languages:
        return current_user.locale
    cookie = request.cookies.get(LOCALE_COOKIE)
    if cookie in languages:
        return cookie
    page_locale = g.get("page_locale")
    if page_locale in languages:
        return page_locale
    return _browser_language(languages)


def prefer_page_locale(locale: str | None) -> None:
    """This page speaks ``locale`` (a store's page: the store's language) unless the reader
    chose a language (their account's, or the switcher's); call before any text is made."""
    g.page_locale = locale
    refresh()  # forget a locale worked out earlier in this request


def _browser_language(languages: list[str]) -> str | None:
    """The browser's most preferred language we speak. Werkzeug's best_match tries exact
    tags first, so "en-GB, ru;q=0.3" would get Russian; primary tags, in order, do not."""
    for tag, _quality in request.accept_languages:  # most preferred first
        primary = tag.replace("_", "-").split("-", 1)[0].lower()
        if primary in languages:
            return primary
    return None


def format_money(amount: Decimal | float | None, currency: str | None = None) -> str:
    """A price in the current locale ("1 234,50 ₽" in Russian, "RUB 1,234.50" in English);
    a plain amount when the currency is unknown."""
    if amount is None:
        return "—"
    if not currency:
        return format_decimal(amount, format="#,##0.00")
    # CLDR's currency spacing, which Babel leaves out: "RUB 1,234.50", not "RUB1,234.50".
    return _LETTER_NEXT_TO_DIGIT.sub("\u00a0", format_currency(amount, currency))


def format_share(percent: Decimal | float | int | None) -> str:
    """A percentage stored as 0..100 ("12.5" → "12.5%", "12,5 %" in Russian)."""
    if percent is None:
        return "—"
    # Babel's percent pattern has no decimals: keep one, but never show "10.0%".
    fraction = round(Decimal(str(percent)), 1) / 100
    return numbers.format_percent(fraction, locale=get_locale(), decimal_quantization=False)


def format_megabytes(count: float) -> str:
    """A file size limit such as "2 MB" (Russian "2 МБ")."""
    return units.format_unit(count, "digital-megabyte", "short", locale=get_locale())


def _template_globals() -> dict:
    return {
        "current_locale": str(get_locale() or current_app.config["BABEL_DEFAULT_LOCALE"]),
        "language_names": LANGUAGE_NAMES,
        "languages": current_app.config["LANGUAGES"],
    }


def register(app: Flask) -> None:
    app.context_processor(_template_globals)
    # Globals, not context: macros imported without context need them too.
    app.jinja_env.globals.update(
        format_currency=format_currency,
        format_date=format_date,
        format_datetime=format_datetime,
        format_decimal=format_decimal,
        format_money=format_money,
        format_percent=format_percent,
        format_share=format_share,
        format_timedelta=format_timedelta,
        now=lambda: datetime.now(UTC),
    )
