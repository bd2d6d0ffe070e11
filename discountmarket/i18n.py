"""Locale choice: the user's saved language, then a cookie, then the browser's."""

from __future__ import annotations

from datetime import UTC, datetime

from flask import Flask, current_app, has_request_context, request
from flask_babel import (
    format_currency,
    format_date,
    format_datetime,
    format_decimal,
    format_timedelta,
    get_locale,
)
from flask_login import current_user

LOCALE_COOKIE = "locale"
LANGUAGE_NAMES = {"en": "English", "ru": "Русский"}


def select_locale() -> str | None:
    languages = current_app.config["LANGUAGES"]
    if not has_request_context():
        return None  # Flask-Babel falls back to BABEL_DEFAULT_LOCALE
    if current_user and current_user.is_authenticated and current_user.locale in languages:
        return current_user.locale
    cookie = request.cookies.get(LOCALE_COOKIE)
    if cookie in languages:
        return cookie
    return request.accept_languages.best_match(languages)


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
        format_timedelta=format_timedelta,
        now=lambda: datetime.now(UTC),
    )
