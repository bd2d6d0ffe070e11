"""Which URLs and addresses the client may fetch, checked without any connection: URL
syntax, odd numeric hosts, and the blocked address ranges."""

from __future__ import annotations

import ipaddress
from collections.abc import Callable

import pytest

from discountmarket.outreach.addresses import check_url_syntax, is_blocked_ip
from discountmarket.outreach.errors import FetchError


def fetch_error(call: Callable[[], object]) -> FetchError:
    with pytest.raises(FetchError) as raised:
        call()
    return raised.value


# --- URL syntax ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("HTTP://Shop.Example.COM", "http://shop.example.com/"),
        ("https://shop.example.com:443/a?b=1#c", "https://shop.example.com/a?b=1#c"),
        ("http://shop.example.com:8080/x", "http://shop.example.com:8080/x"),
        ("  http://shop.example.com./  ", "http://shop.example.com/"),
        ("http://93.184.216.34/p", "http://93.184.216.34/p"),
        (
            "http://[2606:2800:220:1:248:1893:25C8:1946]/",
            "http://[2606:2800:220:1:248:1893:25c8:1946]/",
        ),
        ("http://bücher.example/", "http://xn--bcher-kva.example/"),
    ],
)
def test_check_url_syntax_normalises(url: str, expected: str) -> None:
    assert check_url_syntax(url) == expected


@pytest.mark.parametrize(
    ("url", "code"),
    [
        ("ftp://shop.example.com/", "bad_url"),
        ("file:///etc/passwd", "bad_url"),
        ("javascript:alert(1)", "bad_url"),
        ("http://", "bad_url"),
        ("not a url", "bad_url"),
        ("", "bad_url"),
        ("http://user:pw@shop.example.com/", "bad_url"),
        ("http://user@shop.example.com/", "bad_url"),
        ("http://shop.example.com/" + "a" * 2040, "bad_url"),
        ("http://shop.example.com/\r\nX: y", "bad_url"),
        ("http://shop example.com/", "bad_url"),
        ("http://[::1/", "bad_url"),
        ("http://shop.example.com:99999/", "bad_url"),
        ("http://1.2.3.4.5/", "bad_url"),
        ("http://%31%32%37.0.0.1/", "bad_url"),
        ("http://shop.example.com\\@127.0.0.1/", "bad_url"),
        ("http:\\\\127.0.0.1\\", "bad_url"),
        ("http://[fe80::1%25eth0]/", "bad_url"),
        ("http://-shop.example.com/", "bad_url"),
        ("http://localhost/", "blocked_address"),
        ("http://LOCALHOST./", "blocked_address"),
        ("http://shop.localhost/", "blocked_address"),
        ("http://127.0.0.1/", "blocked_address"),
        ("http://2130706433/", "blocked_address"),
        ("http://0x7f000001/", "blocked_address"),
        ("http://0177.0.0.1/", "blocked_address"),
        ("http://127.1/", "blocked_address"),
        ("http://017700000001/", "blocked_address"),
        ("http://0x5d.0xb8.0xd8.0x22/", "blocked_address"),  # 93.184.216.34, but odd
        ("http://1572395042/", "blocked_address"),  # the same, as one number
        ("http://100.64.0.1/", "blocked_address"),
        ("http://[::ffff:127.0.0.1]/", "blocked_address"),
        ("http://[::ffff:10.0.0.1]/", "blocked_address"),
        ("http://[2002:7f00:1::]/", "blocked_address"),  # 6to4 wrapping 127.0.0.1
        ("http://[64:ff9b::a00:1]/", "blocked_address"),  # NAT64 wrapping 10.0.0.1
    ],
)
def test_check_url_syntax_refuses(url: str, code: str) -> None:
    assert fetch_error(lambda: check_url_syntax(url)).code == code


def test_check_url_syntax_allow_hosts_skip_only_the_address_check() -> None:
    assert check_url_syntax("http://127.0.0.1:5000/x", ["127.0.0.1"]) == "http://127.0.0.1:5000/x"
    assert check_url_syntax("http://LocalHost/", ["localhost"]) == "http://localhost/"
    assert check_url_syntax("http://[::1]:81/", ["[::1]"]) == "http://[::1]:81/"
    assert fetch_error(lambda: check_url_syntax("ftp://127.0.0.1/", ["127.0.0.1"])).code == (
        "bad_url"
    )
    assert fetch_error(lambda: check_url_syntax("http://127.1/", ["127.0.0.1"])).code == (
        "blocked_address"
    )


@pytest.mark.parametrize(
    ("address", "blocked"),
    [
        ("93.184.216.34", False),
        ("8.8.8.8", False),
        ("2606:4700:4700::1111", False),
        ("127.0.0.1", True),
        ("10.1.2.3", True),
        ("172.16.0.1", True),
        ("172.31.255.255", True),
        ("192.168.1.1", True),
        ("100.64.0.1", True),  # CGNAT: ipaddress says "not global", we agree
        ("100.127.255.254", True),
        ("169.254.169.254", True),
        ("0.0.0.0", True),  # noqa: S104 - an address under test, not a bind
        ("0.1.2.3", True),
        ("224.0.0.1", True),  # multicast: Python 3.11 calls it "global"
        ("239.255.255.250", True),
        ("240.0.0.1", True),
        ("255.255.255.255", True),
        ("198.18.0.1", True),
        ("::1", True),
        ("::", True),
        ("fc00::1", True),
        ("fd12:3456::1", True),
        ("fe80::1", True),
        ("ff02::1", True),
        ("::ffff:127.0.0.1", True),
        ("::ffff:93.184.216.34", False),
        ("2002:c0a8:101::1", True),  # 6to4 of 192.168.1.1
        ("2002:5db8:d822::1", False),  # 6to4 of 93.184.216.34
        ("2001:0:4136:e378:8000:63bf:f5ff:fffe", True),  # Teredo, client 10.0.0.1
        ("64:ff9b::7f00:1", True),
    ],
)
def test_is_blocked_ip(address: str, blocked: bool) -> None:
    assert is_blocked_ip(ipaddress.ip_address(address)) is blocked
