"""The guarded outbound HTTP client: address checks through get(), pinning, redirects,
limits, robots.txt and politeness, all against servers on 127.0.0.1 that the tests start.
URL syntax and address ranges on their own are in test_addresses.py."""

from __future__ import annotations

import gzip
import inspect
import shutil
import socket
import ssl
import subprocess
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import ExitStack
from pathlib import Path
from typing import Any

import pytest

from discountmarket.config import DEFAULTS
from discountmarket.outreach import addresses
from discountmarket.outreach import http as guarded
from discountmarket.outreach.http import FetchError, GuardedClient
from tests.hostile import (
    LocalServer,
    Route,
    fifty_megabytes,
    huge_declared,
    page,
    redirect,
    running,
    slow_body,
    trickle,
    trickle_headers,
)

UA = "DiscountMarketBot/1.0 (+http://dm.test/bot)"


@pytest.fixture
def serve() -> Iterator[Callable[..., LocalServer]]:
    with ExitStack() as stack:

        def start(routes: dict[str, Route], *, keep_alive: bool = False) -> LocalServer:
            return stack.enter_context(running(routes, keep_alive=keep_alive))

        yield start


@pytest.fixture
def make_client() -> Iterator[Callable[..., GuardedClient]]:
    clients: list[GuardedClient] = []

    def make(**options: Any) -> GuardedClient:
        settings: dict[str, Any] = {
            "user_agent": UA,
            "allow_hosts": ("127.0.0.1",),
            "min_interval": 0,
        }
        settings.update(options)
        client = GuardedClient(**settings)
        clients.append(client)
        return client

    yield make
    for client in clients:
        client.close()


@pytest.fixture(autouse=True)
def _fresh_state() -> Iterator[None]:
    guarded._reset_state_for_tests()
    yield
    guarded._reset_state_for_tests()


@pytest.fixture
def connects(monkeypatch: pytest.MonkeyPatch) -> list[Any]:
    """Every address a socket of this process tries to connect to, from now on."""
    seen: list[Any] = []
    original = socket.socket.connect

    def spy(sock: socket.socket, address: Any) -> None:
        seen.append(address)
        original(sock, address)

    monkeypatch.setattr(socket.socket, "connect", spy)
    return seen


def fake_dns(monkeypatch: pytest.MonkeyPatch, answers: dict[str, list[str]]) -> list[str]:
    """Answer getaddrinfo for the given names (one address per call, the last one repeats)."""
    asked: list[str] = []
    real = socket.getaddrinfo

    def getaddrinfo(host: str, port: Any, *args: Any, **kwargs: Any) -> list[Any]:
        if host not in answers:
            return real(host, port, *args, **kwargs)
        asked.append(host)
        queue = answers[host]
        address = queue.pop(0) if len(queue) > 1 else queue[0]
        family = socket.AF_INET6 if ":" in address else socket.AF_INET
        sockaddr = (address, port, 0, 0) if family == socket.AF_INET6 else (address, port)
        return [(family, socket.SOCK_STREAM, 6, "", sockaddr)]

    monkeypatch.setattr(addresses.socket, "getaddrinfo", getaddrinfo)
    return asked


def fetch_error(call: Callable[[], object]) -> FetchError:
    with pytest.raises(FetchError) as raised:
        call()
    return raised.value


# --- Blocked addresses and bad URLs through get() ------------------------------------------

BLOCKED_URLS = [
    "http://127.0.0.1:{port}/",
    "http://localhost:{port}/",
    "http://[::1]:{port}/",
    "http://[::ffff:127.0.0.1]:{port}/",
    "http://2130706433:{port}/",
    "http://0x7f000001:{port}/",
    "http://0177.0.0.1:{port}/",
    "http://127.1:{port}/",
    "http://2130706433/",
    "http://0x7f000001/",
    "http://0177.0.0.1/",
    "http://127.1/",
    "http://10.1.2.3/",
    "http://172.16.0.1/",
    "http://192.168.1.1/",
    "http://100.64.0.1/",
    "http://169.254.169.254/latest/meta-data/",
    "http://0.0.0.0/",
    "http://[fe80::1]/",
    "http://[fc00::1]/",
    "http://224.0.0.1/",
]


@pytest.mark.parametrize("template", BLOCKED_URLS)
def test_get_refuses_blocked_addresses_before_connecting(
    template: str, serve: Any, make_client: Any, connects: list[Any]
) -> None:
    server = serve({"/": page()})
    client = make_client(allow_hosts=())
    error = fetch_error(lambda: client.get(template.format(port=server.port)))
    assert error.code == "blocked_address"
    assert connects == []
    assert server.hits == []


@pytest.mark.parametrize(
    "url",
    ["ftp://x", "file:///etc/passwd", "javascript:alert(1)", "http://", "not a url"],
)
def test_get_refuses_bad_urls(url: str, make_client: Any, connects: list[Any]) -> None:
    assert fetch_error(lambda: make_client().get(url)).code == "bad_url"
    assert connects == []


def test_credentials_in_url_are_refused_even_for_allowed_hosts(
    serve: Any, make_client: Any
) -> None:
    server = serve({"/": page()})
    url = f"http://user:pw@127.0.0.1:{server.port}/"
    assert fetch_error(lambda: make_client().get(url)).code == "bad_url"
    assert server.hits == []


def test_allow_hosts_is_what_lets_tests_reach_127_0_0_1(serve: Any, make_client: Any) -> None:
    server = serve({"/": page()})
    assert make_client(allow_hosts=("127.0.0.1",)).get(server.url()).status == 200
    assert fetch_error(lambda: make_client(allow_hosts=()).get(server.url())).code == (
        "blocked_address"
    )


def test_a_host_port_entry_lets_through_that_port_only(
    serve: Any, make_client: Any, connects: list[Any]
) -> None:
    """The demo names its sample shops' ports: any other port of this machine (ssh on 22, a
    database, the web app itself) stays out of the worker's reach."""
    server = serve({"/": page()})
    client = make_client(allow_hosts=(f"127.0.0.1:{server.port}",))
    assert client.get(server.url()).status == 200
    for url in (
        "http://127.0.0.1:22/",
        "http://127.0.0.1/",
        f"http://127.0.0.1:{server.port + 1}/",
    ):
        before = len(connects)
        assert fetch_error(lambda url=url: client.get(url)).code == "blocked_address"
        assert connects[before:] == []  # refused before any connection
    assert addresses.host_set(["LOCALHOST:80", "[::1]:8080", "::1", "127.0.0.1"]) == {
        "localhost:80",
        "[::1]:8080",
        "::1",
        "127.0.0.1",
    }
    with pytest.raises(ValueError, match="port"):
        addresses.host_set(["127.0.0.1:http"])


def test_the_demo_allow_list_refuses_other_ports_of_this_machine(make_client: Any) -> None:
    """`make run` allows 127.0.0.1 on DEMO_SITES_PORT and the four ports after it only."""
    first = DEFAULTS["DEMO_SITES_PORT"]
    makefile = (Path(__file__).resolve().parents[2] / "Makefile").read_text()
    assert "DISCOUNTMARKET_OUTREACH_ALLOW_HOSTS = $(DEMO_ALLOW_HOSTS)" in makefile
    assert '"127.0.0.1:%.0f"\' $(DEMO_SITES_PORT) $$(($(DEMO_SITES_PORT) + 4))' in makefile
    client = make_client(allow_hosts=[f"127.0.0.1:{first + n}" for n in range(5)])
    error = fetch_error(lambda: client.get("http://127.0.0.1:22/"))
    assert error.code == "blocked_address"


# --- DNS: names resolving to blocked addresses, rebinding, pinning --------------------------


def test_name_resolving_to_a_private_address_is_refused(
    monkeypatch: pytest.MonkeyPatch, make_client: Any, connects: list[Any]
) -> None:
    fake_dns(monkeypatch, {"intranet.test": ["10.0.0.5"]})
    error = fetch_error(lambda: make_client(allow_hosts=()).get("http://intranet.test/"))
    assert error.code == "blocked_address"
    assert connects == []


def test_dns_rebinding_is_caught_when_connecting(
    monkeypatch: pytest.MonkeyPatch, make_client: Any, connects: list[Any]
) -> None:
    # First answer public (passes the early check), then private (what the connection gets).
    asked = fake_dns(monkeypatch, {"rebind.test": ["93.184.216.34", "127.0.0.1"]})
    client = make_client(allow_hosts=())
    error = fetch_error(lambda: client.get("http://rebind.test/", check_robots=False))
    assert error.code == "blocked_address"
    assert len(asked) == 2  # the connection resolved again and checked what it got
    assert connects == []  # refused before any socket connected


def test_connection_goes_to_the_address_it_checked(
    monkeypatch: pytest.MonkeyPatch, serve: Any, make_client: Any, connects: list[Any]
) -> None:
    server = serve({"/": page()})
    fake_dns(monkeypatch, {"pinned.test": ["127.0.0.1"]})
    client = make_client(allow_hosts=("pinned.test",))
    result = client.get(f"http://pinned.test:{server.port}/", check_robots=False)
    assert result.url == f"http://pinned.test:{server.port}/"
    assert connects == [("127.0.0.1", server.port)]
    assert server.hits[0].headers["Host"] == f"pinned.test:{server.port}"


def test_environment_proxies_are_ignored(
    monkeypatch: pytest.MonkeyPatch, serve: Any, make_client: Any
) -> None:
    server = serve({"/": page()})
    monkeypatch.setenv("HTTP_PROXY", "http://10.9.9.9:3128")
    monkeypatch.setenv("http_proxy", "http://10.9.9.9:3128")
    assert make_client().get(server.url()).status == 200


# --- Success, headers, content types, encodings --------------------------------------------


def test_get_returns_the_page(serve: Any, make_client: Any) -> None:
    body = "<html><h1>Caf\u00e9</h1></html>".encode()
    server = serve({"/item": page(body, content_type="Text/HTML; Charset=UTF-8")})
    result = make_client().get(server.url("/item?id=3"))
    assert result.url == server.url("/item?id=3")
    assert result.status == 200
    assert result.content == body
    assert result.content_type == "text/html"
    assert result.encoding == "utf-8"
    assert result.text == "<html><h1>Caf\u00e9</h1></html>"
    assert result.headers["content-length"] == str(len(body))


def test_identifying_headers_reach_the_server(serve: Any, make_client: Any) -> None:
    server = serve({"/": page()})
    make_client().get(server.url())
    for hit in server.hits:  # robots.txt and the page
        assert hit.headers["User-Agent"] == UA
        assert hit.headers["Accept-Language"] == "en;q=0.8, *;q=0.5"
    assert server.paths() == ["/robots.txt", "/"]


def test_declared_charset_decodes_text(serve: Any, make_client: Any) -> None:
    text = "<p>\u0421\u043a\u0438\u0434\u043a\u0430 10%</p>"  # "Skidka" in Cyrillic
    server = serve(
        {"/": page(text.encode("windows-1251"), content_type="text/html; charset=windows-1251")}
    )
    result = make_client().get(server.url())
    assert result.encoding == "windows-1251"
    assert result.text == text


def test_text_without_charset_is_utf8_with_replacement(serve: Any, make_client: Any) -> None:
    server = serve({"/": page(b"<p>\xff ok</p>", content_type="text/html")})
    result = make_client().get(server.url())
    assert result.encoding is None
    assert result.text == "<p>\ufffd ok</p>"


@pytest.mark.parametrize("content_type", ["application/octet-stream", "image/png", "text/plain"])
def test_non_html_is_refused(content_type: str, serve: Any, make_client: Any) -> None:
    server = serve({"/": page(b"\x89PNG....", content_type=content_type)})
    assert fetch_error(lambda: make_client().get(server.url())).code == "not_html"


def test_accept_can_widen_or_change_the_types(serve: Any, make_client: Any) -> None:
    server = serve(
        {
            "/img": page(b"\x89PNG", content_type="image/png"),
            "/api": page(b"{}", content_type="application/json"),
        }
    )
    client = make_client()
    assert client.get(server.url("/img"), accept=None).content_type == "image/png"
    assert client.get(server.url("/api"), accept=("application/json",)).content == b"{}"
    assert fetch_error(lambda: client.get(server.url("/img"), accept=("text/*",))).code == (
        "not_html"
    )


@pytest.mark.parametrize(
    ("body", "accept", "outcome"),
    [
        (b"  \n<!doctype html><p>hi</p>", guarded.HTML_TYPES, "text/html"),
        (b"PK\x03\x04 binary", guarded.HTML_TYPES, "not_html"),
        (b"", guarded.HTML_TYPES, "not_html"),
        (b"PK\x03\x04 binary", None, "application/octet-stream"),
    ],
)
def test_missing_content_type_is_sniffed(
    body: bytes, accept: Any, outcome: str, serve: Any, make_client: Any
) -> None:
    server = serve({"/": page(body, content_type=None)})
    client = make_client()
    if outcome == "not_html":
        assert fetch_error(lambda: client.get(server.url(), accept=accept)).code == "not_html"
    else:
        assert client.get(server.url(), accept=accept).content_type == outcome


@pytest.mark.parametrize(("status", "method"), [(404, "GET"), (410, "GET"), (500, "POST")])
def test_error_statuses_raise_http_error(
    status: int, method: str, serve: Any, make_client: Any
) -> None:
    server = serve({"/": page(b"<p>no</p>", status=status)})
    client = make_client()
    if method == "GET":
        error = fetch_error(lambda: client.get(server.url()))
    else:
        error = fetch_error(lambda: client.post(server.url(), {"a": "b"}))
    assert (error.code, error.status) == ("http_error", status)


# --- Forms and cookies ----------------------------------------------------------------------


def test_cookies_from_a_page_go_with_the_form_post(serve: Any, make_client: Any) -> None:
    server = serve(
        {
            "/contact": page(headers=(("Set-Cookie", "sid=abc123; Path=/"),)),
            "/send": page(b"<p>thanks</p>"),
        }
    )
    client = make_client()
    client.get(server.url("/contact"))
    result = client.post(
        server.url("/send"),
        [("name", "Ann"), ("msg", "Hi there")],
        referer=server.url("/contact"),
    )
    assert result.text == "<p>thanks</p>"
    sent = server.hits[-1]
    assert (sent.method, sent.path) == ("POST", "/send")
    assert sent.body == b"name=Ann&msg=Hi+there"
    assert sent.headers["Cookie"] == "sid=abc123"
    assert sent.headers["Referer"] == server.url("/contact")
    assert sent.headers["Content-Type"] == "application/x-www-form-urlencoded"


def test_post_has_no_files_parameter() -> None:
    assert "files" not in inspect.signature(GuardedClient.post).parameters


# --- Redirects ------------------------------------------------------------------------------


def test_relative_redirect_is_followed(serve: Any, make_client: Any) -> None:
    server = serve({"/a/start": redirect("../b/end?x=1", 301), "/b/end": page()})
    result = make_client().get(server.url("/a/start"))
    assert result.url == server.url("/b/end?x=1")
    assert server.paths() == ["/robots.txt", "/a/start", "/b/end?x=1"]


def _chain(length: int) -> dict[str, Route]:
    routes = {f"/r{hop}": redirect(f"/r{hop + 1}") for hop in range(length)}
    routes[f"/r{length}"] = page()
    return routes


def test_five_redirects_are_followed_six_are_not(serve: Any, make_client: Any) -> None:
    client = make_client()
    five = serve(_chain(5))
    assert client.get(five.url("/r0")).url == five.url("/r5")
    six = serve(_chain(6))
    assert fetch_error(lambda: client.get(six.url("/r0"))).code == "too_many_redirects"
    assert "/r6" not in six.paths()


@pytest.mark.parametrize(
    "location",
    [
        "http://10.0.0.1/",
        "http://169.254.169.254/latest/meta-data/",
        "http://[::1]/",
        "http://localhost/admin",
        "http://2130706433/",
    ],
)
def test_redirect_to_a_blocked_address_is_refused(
    location: str, serve: Any, make_client: Any, connects: list[Any]
) -> None:
    server = serve({"/": redirect(location)})
    error = fetch_error(lambda: make_client().get(server.url()))
    assert error.code == "blocked_address"
    assert {address[0] for address in connects} == {"127.0.0.1"}


def test_redirect_to_another_scheme_is_refused(serve: Any, make_client: Any) -> None:
    server = serve({"/": redirect("file:///etc/passwd")})
    assert fetch_error(lambda: make_client().get(server.url())).code == "bad_url"


@pytest.mark.parametrize(
    ("status", "method", "body"),
    [(303, "GET", b""), (302, "GET", b""), (307, "POST", b"q=1"), (308, "POST", b"q=1")],
)
def test_post_redirects(
    status: int, method: str, body: bytes, serve: Any, make_client: Any
) -> None:
    server = serve({"/form": redirect("/done", status), "/done": page(b"<p>done</p>")})
    result = make_client().post(server.url("/form"), {"q": "1"}, check_robots=False)
    assert result.text == "<p>done</p>"
    final = server.hits[-1]
    assert (final.method, final.path, final.body) == (method, "/done", body)


def test_every_redirect_hop_is_checked_against_robots(serve: Any, make_client: Any) -> None:
    robots = b"User-agent: *\nDisallow: /private\n"
    server = serve(
        {
            "/robots.txt": page(robots, content_type="text/plain"),
            "/go": redirect("/private/page"),
            "/private/page": page(),
        }
    )
    assert fetch_error(lambda: make_client().get(server.url("/go"))).code == "robots"
    assert "/private/page" not in server.paths()


# --- robots.txt -----------------------------------------------------------------------------


def test_robots_disallow_is_honoured_for_our_agent(serve: Any, make_client: Any) -> None:
    robots = b"User-agent: *\nAllow: /\n\nUser-agent: DiscountMarketBot\nDisallow: /deals\n"
    server = serve(
        {
            "/robots.txt": page(robots, content_type="text/plain"),
            "/deals/1": page(),
            "/shop": page(),
        }
    )
    client = make_client()
    assert fetch_error(lambda: client.get(server.url("/deals/1"))).code == "robots"
    assert fetch_error(lambda: client.post(server.url("/deals/1"), {"a": "b"})).code == "robots"
    assert client.get(server.url("/shop")).status == 200
    assert client.robots_allowed(server.url("/shop")) is True
    assert client.robots_allowed(server.url("/deals/2")) is False
    assert "/deals/1" not in server.paths()
    assert server.paths().count("/robots.txt") == 1  # cached for the origin


@pytest.mark.parametrize(
    ("status", "allowed"), [(404, True), (403, True), (500, False), (503, False)]
)
def test_robots_status_rules(status: int, allowed: bool, serve: Any, make_client: Any) -> None:
    server = serve({"/robots.txt": page(b"oops", status=status), "/": page()})
    client = make_client()
    if allowed:
        assert client.get(server.url()).status == 200
    else:
        assert fetch_error(lambda: client.get(server.url())).code == "robots"
        assert "/" not in server.paths()
    assert client.robots_allowed(server.url()) is allowed


def test_robots_is_cached_across_clients(serve: Any, make_client: Any) -> None:
    server = serve({"/": page()})
    make_client().get(server.url())
    make_client().get(server.url())
    assert server.paths() == ["/robots.txt", "/", "/"]


def test_robots_cache_expires(serve: Any, make_client: Any) -> None:
    server = serve({"/": page()})
    client = make_client(robots_ttl=0)
    client.get(server.url())
    client.get(server.url())
    assert server.paths().count("/robots.txt") == 2


def test_robots_redirect_is_followed(serve: Any, make_client: Any) -> None:
    server = serve(
        {
            "/robots.txt": redirect("/real-robots.txt", 301),
            "/real-robots.txt": page(b"User-agent: *\nDisallow: /\n", content_type="text/plain"),
            "/": page(),
        }
    )
    assert fetch_error(lambda: make_client().get(server.url())).code == "robots"


def test_unreachable_site_is_reported_as_such(make_client: Any) -> None:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]  # closed again: nothing listens there
    url = f"http://127.0.0.1:{port}/"
    assert fetch_error(lambda: make_client().get(url)).code == "unreachable"
    assert fetch_error(lambda: make_client().get(url, check_robots=False)).code == "unreachable"


def test_unknown_name_is_unreachable(monkeypatch: pytest.MonkeyPatch, make_client: Any) -> None:
    def getaddrinfo(*args: Any, **kwargs: Any) -> list[Any]:
        raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")

    monkeypatch.setattr(addresses.socket, "getaddrinfo", getaddrinfo)
    error = fetch_error(lambda: make_client(allow_hosts=()).get("http://no-such-shop.test/"))
    assert error.code == "unreachable"
    error = fetch_error(
        lambda: make_client(allow_hosts=("no-such-shop.test",)).get("http://no-such-shop.test/")
    )
    assert error.code == "unreachable"


# --- Time and size limits -------------------------------------------------------------------


@pytest.mark.parametrize("route", [trickle, trickle_headers])
def test_deadline_stops_a_trickling_server(route: Route, serve: Any, make_client: Any) -> None:
    server = serve({"/": route})
    client = make_client(deadline=1.0, read_timeout=5)
    started = time.monotonic()
    error = fetch_error(lambda: client.get(server.url(), check_robots=False))
    elapsed = time.monotonic() - started
    assert error.code == "timeout"
    assert 0.9 < elapsed < 3


def test_deadline_holds_on_a_reused_keep_alive_connection(
    serve: Any, make_client: Any, connects: list[Any]
) -> None:
    server = serve({"/fast": page(), "/slow": slow_body}, keep_alive=True)
    client = make_client(deadline=1.0, read_timeout=5)
    client.get(server.url("/fast"), check_robots=False)
    started = time.monotonic()
    error = fetch_error(lambda: client.get(server.url("/slow"), check_robots=False))
    assert error.code == "timeout"
    assert time.monotonic() - started < 3
    assert len(connects) == 1  # the second request went over the pooled connection


def test_server_that_never_answers_times_out(make_client: Any) -> None:
    with socket.socket() as listener:  # the kernel accepts; nobody ever answers
        listener.bind(("127.0.0.1", 0))
        listener.listen(4)
        url = f"http://127.0.0.1:{listener.getsockname()[1]}/"
        client = make_client(deadline=1.0, read_timeout=10)
        started = time.monotonic()
        assert fetch_error(lambda: client.get(url)).code == "timeout"
        assert time.monotonic() - started < 3


@pytest.mark.parametrize("route", [huge_declared, fifty_megabytes])
def test_body_cap(route: Route, serve: Any, make_client: Any) -> None:
    server = serve({"/": route})
    client = make_client(max_bytes=2_000_000)
    started = time.monotonic()
    assert fetch_error(lambda: client.get(server.url(), check_robots=False)).code == "too_large"
    assert time.monotonic() - started < 2


def test_gzip_body_is_counted_after_decompression(serve: Any, make_client: Any) -> None:
    small = b"<html>" + b"a" * 1000 + b"</html>"
    bomb = b"<html>" + b"a" * 3_000_000
    gz = (("Content-Encoding", "gzip"),)
    server = serve(
        {
            "/small": page(gzip.compress(small), headers=gz),
            "/bomb": page(gzip.compress(bomb), headers=gz),
        }
    )
    client = make_client(max_bytes=2_000_000)
    assert client.get(server.url("/small"), check_robots=False).content == small
    assert len(gzip.compress(bomb)) < 2_000_000
    error = fetch_error(lambda: client.get(server.url("/bomb"), check_robots=False))
    assert error.code == "too_large"


def test_body_up_to_the_cap_is_accepted(serve: Any, make_client: Any) -> None:
    body = b"<" + b"a" * 999
    server = serve({"/": page(body)})
    assert make_client(max_bytes=1000).get(server.url(), check_robots=False).content == body


# --- Politeness -----------------------------------------------------------------------------


def test_requests_to_one_site_are_spaced(serve: Any, make_client: Any) -> None:
    server = serve({"/": page()})
    first, second = make_client(min_interval=0.3), make_client(min_interval=0.3)
    started = time.monotonic()
    first.get(server.url(), check_robots=False)
    second.get(server.url(), check_robots=False)  # another client: the same queue
    first.get(server.url(), check_robots=False)
    assert 0.6 <= time.monotonic() - started < 2


def test_different_sites_do_not_wait_for_each_other(serve: Any, make_client: Any) -> None:
    server = serve({"/": page()})
    client = make_client(min_interval=1.0, allow_hosts=("127.0.0.1", "localhost"))
    started = time.monotonic()
    client.get(server.url(), check_robots=False)
    client.get(server.url(host="localhost"), check_robots=False)
    assert time.monotonic() - started < 0.8


def test_robots_fetch_counts_as_a_request(serve: Any, make_client: Any) -> None:
    server = serve({"/": page()})
    started = time.monotonic()
    make_client(min_interval=0.3).get(server.url())  # robots.txt, then the page
    assert 0.3 <= time.monotonic() - started < 1.5


# --- TLS ------------------------------------------------------------------------------------


@pytest.fixture
def tls_server(tmp_path: Path, serve: Any) -> Callable[..., tuple[LocalServer, Path]]:
    if shutil.which("openssl") is None:
        pytest.skip("needs the openssl command to make a certificate")
    cert, key = tmp_path / "cert.pem", tmp_path / "key.pem"
    subprocess.run(
        [
            "openssl",
            "req",
            "-x509",
            "-newkey",
            "ec",
            "-pkeyopt",
            "ec_paramgen_curve:prime256v1",
            "-nodes",
            "-keyout",
            str(key),
            "-out",
            str(cert),
            "-days",
            "1",
            "-subj",
            "/CN=127.0.0.1",
            "-addext",
            "subjectAltName=IP:127.0.0.1",
        ],
        check=True,
        capture_output=True,
    )

    def start(routes: dict[str, Route] | None = None) -> tuple[LocalServer, Path]:
        server = serve(routes or {"/": page(b"<p>secure</p>")})
        context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        context.load_cert_chain(cert, key)
        server.socket = context.wrap_socket(server.socket, server_side=True)
        return server, cert

    return start


def test_untrusted_certificate_is_unreachable(tls_server: Any, make_client: Any) -> None:
    server, _cert = tls_server()
    url = f"https://127.0.0.1:{server.port}/"
    error = fetch_error(lambda: make_client().get(url, check_robots=False))
    assert error.code == "unreachable"
    assert "TLS" in error.message


def test_tls_is_verified_against_the_host_name(tls_server: Any, make_client: Any) -> None:
    server, cert = tls_server()
    client = make_client(allow_hosts=("127.0.0.1", "localhost"))
    client._session.verify = str(cert)  # trust the test certificate (for 127.0.0.1 only)
    result = client.get(f"https://127.0.0.1:{server.port}/", check_robots=False)
    assert result.text == "<p>secure</p>"
    # Same server and address, but the name does not match the certificate.
    error = fetch_error(lambda: client.get(f"https://localhost:{server.port}/", check_robots=False))
    assert error.code == "unreachable"


# --- Construction ---------------------------------------------------------------------------


def test_client_from_config_reads_the_outreach_settings() -> None:
    config = dict(DEFAULTS)
    config.update(
        OUTREACH_USER_AGENT=UA,
        OUTREACH_ALLOW_HOSTS=["127.0.0.1"],
        OUTREACH_DEADLINE=7.5,
        OUTREACH_MAX_BYTES=1234,
        OUTREACH_MIN_INTERVAL=0.5,
    )
    with guarded.client_from_config(config) as client:
        assert client.user_agent == UA
        assert client.allow_hosts == frozenset({"127.0.0.1"})
        assert (client.deadline, client.max_bytes, client.min_interval) == (7.5, 1234, 0.5)
        assert (client.connect_timeout, client.read_timeout) == (5.0, 10.0)
        assert (client.max_redirects, client.robots_ttl) == (5, 3600)


def test_fetch_error_carries_code_message_and_status() -> None:
    error = FetchError("http_error", "The site answered with an error.", status=503)
    assert (error.code, error.message, error.status, str(error)) == (
        "http_error",
        "The site answered with an error.",
        503,
        "The site answered with an error.",
    )
    with pytest.raises(ValueError):
        FetchError("nope", "unknown code")
    with pytest.raises(ValueError):
        GuardedClient(user_agent="Bot\r\nX-Evil: 1")


def test_deadline_also_holds_over_tls(tls_server: Any, make_client: Any) -> None:
    server, cert = tls_server({"/": trickle})
    client = make_client(deadline=1.0, read_timeout=5)
    client._session.verify = str(cert)
    started = time.monotonic()
    error = fetch_error(lambda: client.get(f"https://127.0.0.1:{server.port}/", check_robots=False))
    assert error.code == "timeout"
    assert time.monotonic() - started < 3


def test_a_resolver_that_never_answers_is_inside_the_deadline(
    monkeypatch: pytest.MonkeyPatch, make_client: Any
) -> None:
    """The review measured ~10 s with a silent resolver and a 3 s deadline."""
    release = threading.Event()

    def silent_resolver(*args: Any, **kwargs: Any) -> list[Any]:
        release.wait(30)  # a DNS server that never answers
        raise socket.gaierror(socket.EAI_AGAIN, "Temporary failure in name resolution")

    monkeypatch.setattr(addresses.socket, "getaddrinfo", silent_resolver)
    started = time.monotonic()
    try:
        error = fetch_error(
            lambda: make_client(allow_hosts=(), deadline=2).get("http://silent-dns.test/")
        )
    finally:
        release.set()
    assert error.code == "timeout"
    assert time.monotonic() - started < 3.5
