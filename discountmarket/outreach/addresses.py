"""Which URLs and addresses we may fetch: the SSRF address policy on top of ``weburl``.

No connections here. ``weburl`` owns URL syntax and the normal form of hosts; this module
adds what only fetching needs. ``check_url_syntax`` needs no DNS at all: http(s) only, a
real host, no credentials, no odd numeric host forms, no IP literal or ``localhost`` that
is not globally routable. ``precheck_address`` and ``refuse_blocked`` judge what a name resolves
to; the client in ``http.py`` calls them again when it connects, to the very addresses it
checked, so a name cannot be re-pointed between the check and the connection.
"""

from __future__ import annotations

import ipaddress
import re
import socket
from collections.abc import Iterable
from concurrent.futures import ThreadPoolExecutor
from concurrent.futures import TimeoutError as FutureTimeout
from dataclasses import dataclass
from typing import Any
from urllib.parse import SplitResult

from urllib3.util.connection import allowed_gai_family

from discountmarket.outreach.errors import FetchError, bad_url
from discountmarket.weburl import (
    CONTROL_CHARS,
    DEFAULT_PORTS,
    BadURL,
    ascii_host,
    looks_numeric,
    normalise_host,
    split_url,
    valid_host,
)

__all__ = [
    "CONTROL_CHARS",
    "Target",
    "allow_key",
    "check_url_syntax",
    "host_set",
    "is_allowed",
    "is_blocked_ip",
    "normalise_host",
    "parse_target",
    "precheck_address",
    "refuse_blocked",
    "resolve",
]

_HOST_CHARS = re.compile(r"[a-z0-9_.-]+")

# Not globally routable, checked explicitly: ``is_global`` varies between Python releases
# (3.11 calls multicast and 6to4 "global").
_BLOCKED_NETWORKS = tuple(
    ipaddress.ip_network(net)
    for net in (
        "0.0.0.0/8",
        "10.0.0.0/8",
        "100.64.0.0/10",
        "127.0.0.0/8",
        "169.254.0.0/16",
        "172.16.0.0/12",
        "192.0.0.0/24",
        "192.0.2.0/24",
        "192.88.99.0/24",
        "192.168.0.0/16",
        "198.18.0.0/15",
        "198.51.100.0/24",
        "203.0.113.0/24",
        "224.0.0.0/4",
        "240.0.0.0/4",
        "::/128",
        "::1/128",
        "::/96",  # IPv4-compatible (deprecated)
        "100::/64",
        "2001:db8::/32",
        "fc00::/7",
        "fe80::/10",
        "fec0::/10",
        "ff00::/8",
    )
)
_NAT64 = ipaddress.ip_network("64:ff9b::/96")


def _blocked(host: str) -> FetchError:
    return FetchError(
        "blocked_address",
        f"{host} points to a private, local or reserved network address; we never fetch those.",
    )


def allow_key(host: str, port: int) -> str:
    """How an allow list names one port of a normalised host: ``127.0.0.1:5101``,
    ``[::1]:5101``."""
    return f"[{host}]:{port}" if ":" in host else f"{host}:{port}"


def _allow_entry(entry: str) -> str:
    """One allow-list entry in normal form: a bare host (any port) or ``host:port``."""
    entry = entry.strip()
    bracketed = re.fullmatch(r"\[([^\]]+)\](?::(\d{1,5}))?", entry)
    if bracketed:  # [::1] or [::1]:8080
        host, port = bracketed.group(1), bracketed.group(2)
    elif entry.count(":") == 1:  # host:port (a bare IPv6 address has more colons)
        host, port = entry.split(":")
        if not port.isdigit():
            raise ValueError(f"{entry!r}: the port must be a number")
    else:
        host, port = entry, None
    host = normalise_host(host)
    if port is None:
        return host
    if not 0 < int(port) < 65536:
        raise ValueError(f"{entry!r}: the port must be between 1 and 65535")
    return allow_key(host, int(port))


def host_set(hosts: Iterable[str]) -> frozenset[str]:
    """An allow list as normalised entries: ``host`` lets every port of the host through,
    ``host:port`` (``[v6]:port``) that port only."""
    if isinstance(hosts, str):  # a lone string would become a set of characters
        hosts = [hosts]
    return frozenset(_allow_entry(host) for host in hosts if host.strip())


def is_allowed(allow: frozenset[str], host: str, port: int) -> bool:
    """True when the allow list (``host_set``) names the normalised ``host`` or its ``port``."""
    return host in allow or allow_key(host, port) in allow


def is_blocked_ip(ip: ipaddress.IPv4Address | ipaddress.IPv6Address) -> bool:
    """True unless ``ip`` is a globally routable unicast address."""
    if isinstance(ip, ipaddress.IPv6Address):
        # Addresses that carry an IPv4 address inside are judged by that address too.
        embedded = [ip.ipv4_mapped, ip.sixtofour, ip.teredo[1] if ip.teredo else None]
        if ip in _NAT64:
            embedded.append(ipaddress.IPv4Address(int(ip) & 0xFFFFFFFF))
        if any(inner is not None and is_blocked_ip(inner) for inner in embedded):
            return True
        if ip.ipv4_mapped is not None:
            return False  # judged above; ::ffff:0:0/96 itself is "reserved"
    if not ip.is_global or ip.is_multicast or ip.is_reserved or ip.is_unspecified:
        return True
    return any(ip in network for network in _BLOCKED_NETWORKS)


def _split(url: str) -> SplitResult:
    try:
        return split_url(url)
    except BadURL as error:
        raise bad_url(error.reason) from None


def _ipv4_literal(host: str) -> ipaddress.IPv4Address | None:
    """The address if ``host`` is a canonical dotted quad; refuse other numeric forms.

    ``inet_aton`` (and so the resolver) reads ``2130706433``, ``0x7f000001``, ``0177.0.0.1``
    and ``127.1`` as 127.0.0.1; only the canonical form is checked and shown, the rest refused.
    """
    try:
        packed = socket.inet_aton(host)
    except OSError:
        if looks_numeric(host):
            raise bad_url("the host looks like an IP address but is not one") from None
        return None
    address = ipaddress.IPv4Address(packed)
    if str(address) != host:
        raise _blocked(host)
    return address


def _check_host(parts: SplitResult, port: int, allow: frozenset[str]) -> tuple[str, str]:
    """Validate the host; return (host for comparisons, host as written in the URL)."""
    assert parts.hostname is not None
    if parts.netloc.startswith("["):  # no userinfo here: _split refused it
        try:
            ip6 = ipaddress.IPv6Address(parts.hostname)
        except ValueError:
            raise bad_url("the IPv6 address is not valid") from None
        if ip6.scope_id:
            raise bad_url("IPv6 zone identifiers are not accepted")
        host = str(ip6)
        if not is_allowed(allow, host, port) and is_blocked_ip(ip6):
            raise _blocked(f"[{host}]")
        return host, f"[{host}]"
    try:
        host = ascii_host(parts.hostname)
    except ValueError:
        raise bad_url("the host name is not valid") from None
    if is_allowed(allow, host, port):
        return host, host
    if not _HOST_CHARS.fullmatch(host):
        raise bad_url("the host name is not valid")
    ip4 = _ipv4_literal(host)
    if ip4 is not None:
        if is_blocked_ip(ip4):
            raise _blocked(host)
        return host, host
    if not valid_host(host):
        raise bad_url("the host name is not valid")
    if host == "localhost" or host.endswith(".localhost"):
        raise _blocked(host)
    return host, host


@dataclass(frozen=True)
class Target:
    """A checked, normalised URL and the parts the client keys on."""

    url: str
    scheme: str
    host: str  # normalised, no brackets
    port: int

    @property
    def site(self) -> str:  # politeness key
        return f"{self.host}:{self.port}"

    @property
    def origin(self) -> str:  # robots.txt cache key
        host = f"[{self.host}]" if ":" in self.host else self.host
        return f"{self.scheme}://{host}:{self.port}"


def parse_target(url: str, allow: frozenset[str]) -> Target:
    """Check ``url`` (hosts and host:ports in ``allow`` skip only the address checks);
    raise ``FetchError``."""
    parts = _split(url)
    port = parts.port or DEFAULT_PORTS[parts.scheme]
    host, url_host = _check_host(parts, port, allow)
    netloc = url_host if port == DEFAULT_PORTS[parts.scheme] else f"{url_host}:{port}"
    # Rebuilt from the checked parts, so the library parses exactly what we checked.
    normalised = f"{parts.scheme}://{netloc}{parts.path or '/'}"
    if parts.query:
        normalised += f"?{parts.query}"
    if parts.fragment:
        normalised += f"#{parts.fragment}"
    return Target(normalised, parts.scheme, host, port)


def check_url_syntax(url: str, allow_hosts: Iterable[str] = ()) -> str:
    """Check a URL without DNS and return it normalised; raise ``FetchError`` if unusable."""
    return parse_target(url, host_set(allow_hosts)).url


# getaddrinfo has no timeout of its own: it runs on these threads and the caller waits no
# longer than its deadline. A resolver that never answers ties up at most this many threads.
_RESOLVERS = ThreadPoolExecutor(max_workers=8, thread_name_prefix="dns")


def resolve(host: str, port: int, timeout: float | None = None) -> list[tuple[Any, ...]]:
    """getaddrinfo for a TCP connection, in the address families urllib3 would use; raises
    ``TimeoutError`` when no answer comes within ``timeout`` seconds."""
    lookup = _RESOLVERS.submit(
        socket.getaddrinfo, host.strip("[]"), port, allowed_gai_family(), socket.SOCK_STREAM
    )
    try:
        return lookup.result(timeout=timeout)
    except FutureTimeout:
        lookup.cancel()
        raise TimeoutError(f"no DNS answer for {host} within {timeout:.1f} s") from None


def refuse_blocked(host: str, infos: Iterable[tuple[Any, ...]]) -> None:
    """Raise ``blocked_address`` if any resolved address is not globally routable."""
    for info in infos:
        address = ipaddress.ip_address(str(info[4][0]).split("%", 1)[0])
        if is_blocked_ip(address):
            raise _blocked(host)


def precheck_address(target: Target, allow: frozenset[str], timeout: float | None = None) -> None:
    """Refuse a host that resolves to a blocked address before robots.txt or politeness.

    The connection checks again (and pins) when it connects; this early check gives a clear
    error and spares a robots.txt fetch to a host we would refuse anyway.
    """
    if is_allowed(allow, target.host, target.port):
        return
    try:
        infos = resolve(target.host, target.port, timeout)
    except (socket.gaierror, UnicodeError):
        raise FetchError("unreachable", f"The site {target.host} could not be found.") from None
    except TimeoutError:
        raise FetchError("timeout", f"The site {target.host} could not be found in time.") from None
    refuse_blocked(target.host, infos)
