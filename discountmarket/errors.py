"""Error pages in the site's style (HTML) or JSON for API clients."""

from __future__ import annotations

import logging

from flask import Flask, g, jsonify, render_template, request
from flask_babel import lazy_gettext as _l
from flask_wtf.csrf import CSRFError
from sqlalchemy.exc import DBAPIError, OperationalError
from werkzeug.exceptions import HTTPException, InternalServerError, ServiceUnavailable

from discountmarket.extensions import db, login_manager

logger = logging.getLogger(__name__)

TITLES = {
    400: _l("Bad request"),
    403: _l("Not allowed"),
    404: _l("Page not found"),
    405: _l("Method not allowed"),
    429: _l("Too many requests"),
    500: _l("Something went wrong"),
    503: _l("Back in a moment"),
}
EXPLANATIONS = {
    400: _l("The request could not be understood. Please go back and try again."),
    403: _l("Your account does not have access to this page."),
    404: _l("The page you asked for does not exist or has moved."),
    405: _l("This page cannot be used that way."),
    429: _l("You have tried this too often. Please wait a little and try again."),
    500: _l("An error on our side stopped this page. It has been logged; please try again."),
    503: _l("We cannot reach our database just now. Nothing was saved; please try again shortly."),
}


def _render(code: int, detail: str | None = None):  # type: ignore[no-untyped-def]
    if request.path.startswith("/api/") or request.accept_mimetypes.best == "application/json":
        return jsonify(error={"code": code, "message": str(detail or TITLES.get(code, ""))}), code
    return (
        render_template(
            "errors/error.html",
            code=code,
            title=TITLES.get(code, TITLES[500]),
            explanation=detail or EXPLANATIONS.get(code, EXPLANATIONS[500]),
        ),
        code,
    )


def handle_http_error(error: HTTPException):  # type: ignore[no-untyped-def]
    code = error.code or 500
    if code < 400:
        return error
    return _render(code)


def handle_csrf_error(error: CSRFError):  # type: ignore[no-untyped-def]
    return _render(
        400, str(_l("The form expired or was sent from another site. Please try again."))
    )


def handle_database_error(error: DBAPIError):  # type: ignore[no-untyped-def]
    """The database went away (restart, failover): the transaction was rolled back, so say
    so and ask for a retry; the pool's pre-ping replaces dead connections afterwards."""
    if not _is_transient(error):
        return handle_unexpected(error)
    logger.warning("database unavailable on %s %s: %s", request.method, request.path, error)
    db.session.rollback()
    # The page must not need the database: render it as for a visitor (the signed-in user's
    # row was expired by the rollback, and reading it again would fail the same way).
    g._login_user = login_manager.anonymous_user()
    response, code = _render(ServiceUnavailable.code)
    return response, code, {"Retry-After": "5"}


def _is_transient(error: DBAPIError) -> bool:
    if error.connection_invalidated:
        return True
    if not isinstance(error, OperationalError):
        return False
    # PostgreSQL reports refused and lost connections so; on SQLite only a lock timeout is
    # transient (anything else there, such as a missing table, is a bug).
    return db.engine.dialect.name == "postgresql" or "locked" in str(error.orig)


def handle_unexpected(error: Exception):  # type: ignore[no-untyped-def]
    if isinstance(error, HTTPException):
        return handle_http_error(error)
    logger.exception("unhandled error on %s %s", request.method, request.path)
    db.session.rollback()
    return _render(InternalServerError.code)


def register(app: Flask) -> None:
    app.register_error_handler(CSRFError, handle_csrf_error)
    app.register_error_handler(DBAPIError, handle_database_error)
    app.register_error_handler(HTTPException, handle_http_error)
    app.register_error_handler(Exception, handle_unexpected)
