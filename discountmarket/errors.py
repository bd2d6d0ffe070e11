"""Error pages in the site's style (HTML) or JSON for API clients."""

from __future__ import annotations

import logging

from flask import Flask, jsonify, render_template, request
from flask_babel import lazy_gettext as _l
from flask_wtf.csrf import CSRFError
from werkzeug.exceptions import HTTPException, InternalServerError

from discountmarket.extensions import db

logger = logging.getLogger(__name__)

TITLES = {
    400: _l("Bad request"),
    403: _l("Not allowed"),
    404: _l("Page not found"),
    405: _l("Method not allowed"),
    429: _l("Too many requests"),
    500: _l("Something went wrong"),
}
EXPLANATIONS = {
    400: _l("The request could not be understood. Please go back and try again."),
    403: _l("Your account does not have access to this page."),
    404: _l("The page you asked for does not exist or has moved."),
    405: _l("This page cannot be used that way."),
    429: _l("You have tried this too often. Please wait a little and try again."),
    500: _l("An error on our side stopped this page. It has been logged; please try again."),
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


def handle_unexpected(error: Exception):  # type: ignore[no-untyped-def]
    if isinstance(error, HTTPException):
        return handle_http_error(error)
    logger.exception("unhandled error on %s %s", request.method, request.path)
    db.session.rollback()
    return _render(InternalServerError.code)


def register(app: Flask) -> None:
    app.register_error_handler(CSRFError, handle_csrf_error)
    app.register_error_handler(HTTPException, handle_http_error)
    app.register_error_handler(Exception, handle_unexpected)
