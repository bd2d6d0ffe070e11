"""Signed, expiring, purpose-bound tokens for links we send (itsdangerous).

A token made for one purpose never verifies for another: the purpose is the salt.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
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


# --- reply tokens ---------------------------------------------------------------------------
# A reply address names its dispatch in a mailbox's local part, which RFC 5321 caps at 64
# characters (and some servers lower-case): "<dispatch id, base 36>-<13 characters of an
# HMAC, base 32>", all lower-case, at most 21 characters. It does not expire: a store may
# answer weeks later, and the address names nothing but the dispatch.
_REPLY_MAC_LENGTH = 13
_MAX_DISPATCH_ID = 2**31 - 1
_BASE36 = "0123456789abcdefghijklmnopqrstuvwxyz"


def reply_token(dispatch_id: int) -> str:
    if not 0 < dispatch_id <= _MAX_DISPATCH_ID:
        raise ValueError("dispatch id out of range")
    digits = ""
    number = dispatch_id
    while number:
        number, digit = divmod(number, 36)
        digits = _BASE36[digit] + digits
    return f"{digits}-{_reply_mac(dispatch_id)}"


def dispatch_of_reply_token(token: str) -> int | None:
    """The dispatch a reply token names, or None when it is not one of ours (or forged)."""
    number, _, mac = token.strip().lower().partition("-")
    if not 0 < len(number) <= 6 or any(char not in _BASE36 for char in number):
        return None
    dispatch_id = int(number, 36)
    if not 0 < dispatch_id <= _MAX_DISPATCH_ID:
        return None
    return dispatch_id if hmac.compare_digest(mac, _reply_mac(dispatch_id)) else None


def _reply_mac(dispatch_id: int) -> str:
    key = str(current_app.config["SECRET_KEY"]).encode()
    digest = hmac.new(key, f"dispatch-reply:{dispatch_id}".encode(), hashlib.sha256).digest()
    return base64.b32encode(digest).decode().lower()[:_REPLY_MAC_LENGTH]
