"""Signed links: a token verifies only for the purpose it was made for, under the app's key,
until it is too old; anything else is a ``TokenError``."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator

import pytest
from flask import Flask

from discountmarket.outreach.tokens import TokenError, TokenExpired, make_token, read_token

PAYLOAD = {"request": 12, "store": 3}


def app_with_key(key: str) -> Flask:
    app = Flask(__name__)
    app.config["SECRET_KEY"] = key
    return app


@pytest.fixture(autouse=True)
def _app() -> Iterator[None]:
    with app_with_key("a-test-key-long-enough-for-signing").app_context():
        yield


def test_a_token_reads_back_its_payload() -> None:
    token = make_token("answer", PAYLOAD)
    assert read_token("answer", token, max_age=60) == PAYLOAD
    assert "." in token and " " not in token  # URL-safe


def test_the_purpose_is_part_of_the_signature() -> None:
    token = make_token("answer", PAYLOAD)
    with pytest.raises(TokenError) as raised:
        read_token("optout", token, max_age=60)
    assert not isinstance(raised.value, TokenExpired)


def test_another_key_does_not_verify() -> None:
    token = make_token("answer", PAYLOAD)
    other = app_with_key("another-key-long-enough-for-signing")
    with other.app_context(), pytest.raises(TokenError):
        read_token("answer", token, max_age=60)


@pytest.mark.parametrize(
    "tamper",
    [lambda t: t[:-2], lambda t: "x" + t, lambda t: "", str.upper],
    ids=["cut", "prefixed", "empty", "upper-case"],
)
def test_a_tampered_token_is_refused(tamper: Callable[[str], str]) -> None:
    token = make_token("answer", PAYLOAD)
    with pytest.raises(TokenError):
        read_token("answer", tamper(token), max_age=60)


def test_an_old_token_has_expired() -> None:
    token = make_token("answer", PAYLOAD)
    time.sleep(1.1)  # itsdangerous counts whole seconds
    with pytest.raises(TokenExpired):
        read_token("answer", token, max_age=0)
    assert read_token("answer", token, max_age=5) == PAYLOAD
    assert issubclass(TokenExpired, TokenError)  # callers may catch either


def test_a_payload_that_is_no_mapping_is_refused() -> None:
    token = make_token("answer", ["not", "a", "dict"])  # type: ignore[arg-type]
    with pytest.raises(TokenError, match="unexpected payload"):
        read_token("answer", token, max_age=60)
