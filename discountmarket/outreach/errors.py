"""``FetchError``, the one way an outbound fetch fails: its codes, and how the failures of
the HTTP stack underneath (requests, urllib3, sockets) become one.

A module of its own so that the address checks, the robots.txt rules and the client can all
raise it without importing each other.
"""

from __future__ import annotations

import http.client
import socket
from collections.abc import Iterator
from typing import Any

import requests
from urllib3.exceptions import HTTPError as Urllib3Error
from urllib3.exceptions import NameResolutionError, ReadTimeoutError

__all__ = [
    "ERROR_CODES",
    "TRANSPORT_ERRORS",
    "FetchError",
    "bad_url",
    "timeout_error",
    "transport_error",
]

ERROR_CODES = frozenset(
    {
        "bad_url",
        "blocked_address",
        "timeout",
        "too_large",
        "http_error",
        "robots",
        "not_html",
        "unreachable",
        "too_many_redirects",
        # Raised by readers of a fetched page (products.py callers), not by the client:
        "no_product",
        "not_product",  # another page of the shop (contact, category...): page_kind.py
    }
)


class FetchError(Exception):
    """A fetch failed or was refused. ``message`` is plain English, safe to show a user."""

    def __init__(self, code: str, message: str, status: int | None = None) -> None:
        if code not in ERROR_CODES:
            raise ValueError(f"unknown FetchError code {code!r}")
        super().__init__(message)
        self.code = code
        self.message = message
        self.status = status

    def __repr__(self) -> str:
        return f"FetchError({self.code!r}, {self.message!r}, status={self.status!r})"


def bad_url(reason: str) -> FetchError:
    """The error for an address we cannot use at all; ``reason`` completes the sentence."""
    return FetchError("bad_url", f"That address is not a usable web address: {reason}.")


# What a request may raise on its way; ``transport_error`` translates it.
TRANSPORT_ERRORS = (requests.RequestException, Urllib3Error, http.client.HTTPException, OSError)


def timeout_error() -> FetchError:
    """The error for a site (or a deadline) that ran out of time."""
    return FetchError("timeout", "The site took too long to answer.")


def transport_error(error: BaseException, *, deadline_passed: bool) -> FetchError:
    """Translate a requests/urllib3/socket failure into a FetchError; ``deadline_passed``
    says the watchdog cut the connection."""
    found = _find_fetch_error(error)
    if found is not None:
        return found
    if deadline_passed:  # the watchdog cut the connection: whatever broke, it was the clock
        return timeout_error()
    if isinstance(error, requests.exceptions.SSLError):
        return FetchError(
            "unreachable",
            "The site's secure connection (TLS certificate) could not be verified.",
        )
    if isinstance(error, requests.Timeout | ReadTimeoutError | TimeoutError):
        return timeout_error()
    if isinstance(error, requests.exceptions.InvalidURL | requests.exceptions.InvalidSchema):
        return bad_url("it cannot be fetched")
    if _in_chain(error, NameResolutionError | socket.gaierror):
        return FetchError("unreachable", "The site could not be found.")
    return FetchError("unreachable", "The site could not be reached, or the connection broke.")


def _chain(error: BaseException) -> Iterator[BaseException]:
    """The exception and every exception it wraps (cause, context, ``reason``, args)."""
    seen: set[int] = set()
    todo: list[object] = [error]
    while todo:
        item = todo.pop()
        if not isinstance(item, BaseException) or id(item) in seen:
            continue
        seen.add(id(item))
        yield item
        todo.extend((item.__cause__, item.__context__, getattr(item, "reason", None), *item.args))


def _in_chain(error: BaseException, kind: Any) -> bool:
    return any(isinstance(item, kind) for item in _chain(error))


def _find_fetch_error(error: BaseException) -> FetchError | None:
    """A FetchError somewhere in the chain of wrapped exceptions, if any."""
    return next((item for item in _chain(error) if isinstance(item, FetchError)), None)
