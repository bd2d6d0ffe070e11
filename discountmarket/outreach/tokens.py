"""Signed, expiring, purpose-bound tokens for links we send (itsdangerous).

A token made for one purpose never verifies for another: the purpose is the salt.
"""

from __future__ import annotations

from typing import Any

from flask import current_app
from itsdangerous import BadSignature, SignatureExpired, URLSafeTimedSerializer


class TokenError(Exception):
    """The token is malformed, tampered with, or made for another purpose."""


class TokenExpired(TokenError):
    """The token was genuine but is too old."""


def _serializer(purpose: str) -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(
        current_app.config["SECRET_KEY"], salt=f"discountmarket.{purpose}"
    )


def make_token(purpose: str, payload: dict[str, Any]) -> str:
    return _serializer(purpose).dumps(payload)


def read_token(purpose: str, token: str, max_age: int) -> dict[str, Any]:
    try:
        payload = _serializer(purpose).loads(token, max_age=max_age)
    except SignatureExpired as error:
        raise TokenExpired(str(error)) from error
    except BadSignature as error:
        raise TokenError(str(error)) from error
    if not isinstance(payload, dict):
        raise TokenError("unexpected payload")
    return payload
