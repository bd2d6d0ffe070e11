"""Reading an answer: content types and what a caller accepts, the body under a cap (or cut
to it, for robots.txt), and a result's text. Bodies are streamed from real servers on
127.0.0.1; the cap through the whole client is in test_http.py."""

from __future__ import annotations

import time
from collections.abc import Iterator

import pytest
import requests
from requests.structures import CaseInsensitiveDict

from discountmarket.outreach.deadlines import Watchdog
from discountmarket.outreach.errors import FetchError
from discountmarket.outreach.responses import (
    FetchResult,
    Want,
    accepted,
    media_type,
    not_html,
    read_body,
)
from tests.hostile import LocalServer, page, running

BODY = b"<p>" + b"x" * 5_000 + b"</p>"


@pytest.fixture
def server() -> Iterator[LocalServer]:
    routes = {"/": page(BODY), "/undeclared": page(BODY, content_type=None)}
    with running(routes) as local:
        yield local


@pytest.fixture
def session() -> Iterator[requests.Session]:
    with requests.Session() as local:
        local.trust_env = False
        yield local


def stream(session: requests.Session, url: str) -> requests.Response:
    return session.get(url, stream=True, timeout=5)


@pytest.mark.parametrize(
    ("header", "parsed"),
    [
        ("text/html", ("text/html", None)),
        ("Text/HTML; Charset=UTF-8", ("text/html", "utf-8")),
        ('text/html; charset="windows-1251"', ("text/html", "windows-1251")),
        ("text/html; boundary=x; charset='koi8-r' ", ("text/html", "koi8-r")),
        ("text/html; charset=", ("text/html", None)),
        ("", ("", None)),
        (None, ("", None)),
    ],
)
def test_media_type(header: str | None, parsed: tuple[str, str | None]) -> None:
    assert media_type(header) == parsed


@pytest.mark.parametrize(
    ("media", "accept", "ok"),
    [
        ("text/html", ("text/html", "application/xhtml+xml"), True),
        ("application/xhtml+xml", ("text/html", "application/xhtml+xml"), True),
        ("text/plain", ("text/html",), False),
        ("text/plain", ("text/*",), True),
        ("image/png", ("*/*",), True),
        ("image/png", ("TEXT/HTML", "Image/PNG"), True),
        ("image/png", None, True),  # None takes anything
        ("image/png", (), False),
    ],
)
def test_accepted(media: str, accept: tuple[str, ...] | None, ok: bool) -> None:
    assert accepted(media, accept) is ok


@pytest.mark.parametrize(
    ("content", "encoding", "text"),
    [
        ("Cena 49 Kč".encode("cp1250"), "windows-1250", "Cena 49 Kč"),
        (b"caf\xc3\xa9", None, "café"),
        (b"caf\xc3\xa9", "x-no-such-charset", "café"),  # unknown: UTF-8 after all
        (b"caf\xe9", None, "caf\ufffd"),
    ],
)
def test_result_text(content: bytes, encoding: str | None, text: str) -> None:
    result = FetchResult("http://shop.test/", 200, CaseInsensitiveDict(), content, "", encoding)
    assert result.text == text


def test_a_body_within_the_cap_is_read_whole(
    server: LocalServer, session: requests.Session
) -> None:
    with stream(session, server.url()) as response, Watchdog(5) as watchdog:
        assert read_body(response, Want(None, len(BODY)), watchdog) == BODY


@pytest.mark.parametrize("path", ["/", "/undeclared"])
def test_a_body_over_the_cap_is_refused(
    path: str, server: LocalServer, session: requests.Session
) -> None:
    response = stream(session, server.url(path))
    with response, Watchdog(5) as watchdog, pytest.raises(FetchError) as raised:
        read_body(response, Want(None, 1_000), watchdog)
    assert raised.value.code == "too_large"
    assert "1,000 bytes" in raised.value.message


@pytest.mark.parametrize("path", ["/", "/undeclared"])
def test_truncate_keeps_the_first_bytes(
    path: str, server: LocalServer, session: requests.Session
) -> None:
    # robots.txt: a declared length over the cap is no reason to refuse, only to cut.
    want = Want(None, 1_000, truncate=True, raise_for_status=False)
    with stream(session, server.url(path)) as response, Watchdog(5) as watchdog:
        assert read_body(response, want, watchdog) == BODY[:1_000]


def test_nothing_read_after_the_deadline_is_kept(
    server: LocalServer, session: requests.Session
) -> None:
    with stream(session, server.url()) as response, Watchdog(0) as watchdog:
        time.sleep(0.05)
        with pytest.raises(FetchError) as raised:
            read_body(response, Want(None, len(BODY)), watchdog)
    assert raised.value.code == "timeout"


def test_not_html_names_the_type() -> None:
    error = not_html("image/png")
    assert (error.code, error.message) == (
        "not_html",
        "The address does not lead to a web page (image/png).",
    )
