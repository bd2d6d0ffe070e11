"""``FetchError`` and how the failures of requests, urllib3 and sockets become one: which code
and message each gets, and FetchErrors found however deeply the stack wrapped them."""

from __future__ import annotations

import socket

import pytest
import requests
from urllib3.connection import HTTPConnection
from urllib3.exceptions import MaxRetryError, NameResolutionError, ReadTimeoutError

from discountmarket.outreach.errors import (
    ERROR_CODES,
    FetchError,
    bad_url,
    timeout_error,
    transport_error,
)

CONN = HTTPConnection("shop.test", 80)
NAME_ERROR = NameResolutionError("shop.test", CONN, socket.gaierror(socket.EAI_NONAME, "unknown"))


def test_fetch_error_repr_and_codes() -> None:
    error = FetchError("http_error", "The site answered with an error.", status=502)
    assert repr(error) == (
        "FetchError('http_error', 'The site answered with an error.', status=502)"
    )
    assert "no_product" in ERROR_CODES  # raised by readers of a fetched page, not the client
    assert timeout_error().code == "timeout"


def test_bad_url_completes_the_sentence() -> None:
    error = bad_url("it has no host name")
    assert (error.code, error.message) == (
        "bad_url",
        "That address is not a usable web address: it has no host name.",
    )


@pytest.mark.parametrize(
    ("error", "code", "words"),
    [
        (requests.exceptions.SSLError("bad certificate"), "unreachable", "TLS certificate"),
        (requests.ReadTimeout("slow"), "timeout", "too long"),
        (requests.ConnectTimeout("slow"), "timeout", "too long"),
        (ReadTimeoutError(None, "http://shop.test/", "read timed out"), "timeout", "too long"),
        (TimeoutError(), "timeout", "too long"),
        (requests.exceptions.InvalidURL("bad"), "bad_url", "cannot be fetched"),
        (requests.exceptions.InvalidSchema("ftp"), "bad_url", "cannot be fetched"),
        (requests.ConnectionError(NAME_ERROR), "unreachable", "could not be found"),
        (socket.gaierror(socket.EAI_NONAME, "unknown"), "unreachable", "could not be found"),
        (
            # requests wraps urllib3's MaxRetryError, which keeps the real cause as .reason
            requests.ConnectionError(MaxRetryError(None, "http://shop.test/", reason=NAME_ERROR)),
            "unreachable",
            "could not be found",
        ),
        (ConnectionResetError(104, "reset"), "unreachable", "could not be reached"),
        (requests.exceptions.ChunkedEncodingError("broken"), "unreachable", "connection broke"),
    ],
)
def test_transport_errors(error: BaseException, code: str, words: str) -> None:
    translated = transport_error(error, deadline_passed=False)
    assert translated.code == code
    assert words in translated.message


def test_when_the_deadline_passed_whatever_broke_was_the_clock() -> None:
    for error in (ConnectionResetError(), requests.exceptions.SSLError("x"), OSError()):
        assert transport_error(error, deadline_passed=True).code == "timeout"


def test_a_fetch_error_inside_the_stack_comes_out_as_it_was() -> None:
    refused = FetchError("blocked_address", "shop.test points to a private address.")
    # How requests reports our connection's refusal: wrapped in its own errors, by args...
    wrapped = requests.ConnectionError(MaxRetryError(None, "http://shop.test/", reason=refused))
    assert transport_error(wrapped, deadline_passed=True) is refused
    # ...or by cause.
    try:
        try:
            raise refused
        except FetchError as error:
            raise OSError("connection failed") from error
    except OSError as outer:
        assert transport_error(outer, deadline_passed=False) is refused


def test_a_cycle_in_the_chain_ends() -> None:
    first, second = OSError("a"), OSError("b")
    first.__context__, second.__context__ = second, first
    assert transport_error(first, deadline_passed=False).code == "unreachable"
