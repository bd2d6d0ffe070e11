"""The one outbound HTTP client of the app, and the SSRF boundary.

Every fetch that leaves the process (product pages, store probes, contact-form posts) goes
through ``GuardedClient``. This module owns:

* URL checks (``check_url_syntax``): http(s) only, a real host, no credentials, no odd numeric
  host forms, no IP literal or ``localhost`` that is not globally routable.
* Address checks with pinning: the connection resolves the host, refuses if *any* address is
  not globally routable, and connects to the address it checked (no DNS-rebinding window).
  TLS still verifies the certificate against the host name.
* Redirects followed here, one hop at a time, each hop checked again (URL, address, robots).
* Limits: connect/read timeouts, a deadline for the whole fetch (a watchdog shuts the socket
  so a trickling server cannot hold us), a body cap counted after decompression.
* Manners: an identifying User-Agent, robots.txt (RFC 9309, cached per origin for all clients)
  and a minimum interval between requests to one site (shared by all clients).

``allow_hosts`` lets named hosts skip the address checks; it exists for tests and demos only.
"""

from __future__ import annotations

import http.client
import ipaddress
import re
import socket
import sys
import threading
import time
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from typing import Any, ClassVar
from urllib.parse import SplitResult, urljoin, urlsplit
from urllib.robotparser import RobotFileParser

import requests
from requests.adapters import HTTPAdapter
from requests.structures import CaseInsensitiveDict
from urllib3.connection import HTTPConnection, HTTPSConnection
from urllib3.connectionpool import HTTPConnectionPool, HTTPSConnectionPool
from urllib3.exceptions import (
    ConnectTimeoutError,
    NameResolutionError,
    NewConnectionError,
    ReadTimeoutError,
)
from urllib3.exceptions import HTTPError as Urllib3Error
from urllib3.util.connection import allowed_gai_family

__all__ = [
    "ERROR_CODES",
    "HTML_TYPES",
    "ROBOTS_PRODUCT",
    "FetchError",
    "FetchResult",
    "GuardedClient",
    "check_url_syntax",
    "client_from_config",
    "is_blocked_ip",
]

HTML_TYPES = ("text/html", "application/xhtml+xml")
ROBOTS_PRODUCT = "DiscountMarketBot"  # product token matched against robots.txt user-agent lines
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
    }
)

MAX_URL_LENGTH = 2048
ACCEPT_LANGUAGE = "en;q=0.8, *;q=0.5"
ROBOTS_MAX_BYTES = 500_000  # RFC 9309 asks crawlers to read at least 500 KiB; we keep that much
ROBOTS_ERROR_TTL = 300  # 5xx / unreachable robots.txt: disallow, but ask again sooner
_CHUNK = 64 * 1024
_DEFAULT_PORTS = {"http": 80, "https": 443}
_REDIRECTS = frozenset({301, 302, 303, 307, 308})

_LABEL = r"[a-z0-9_](?:[a-z0-9_-]{0,61}[a-z0-9_])?"
_HOSTNAME = re.compile(rf"{_LABEL}(?:\.{_LABEL})*")
_NUMERIC_LABEL = re.compile(r"(?:0x[0-9a-f]*|[0-9]+)")
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")
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


@dataclass
class FetchResult:
    url: str  # final URL, after redirects
    status: int
    headers: CaseInsensitiveDict[str]
    content: bytes
    content_type: str  # media type only, lower-case
    encoding: str | None  # charset from the Content-Type header

    @property
    def text(self) -> str:
        if self.encoding:
            try:
                return self.content.decode(self.encoding, errors="replace")
            except LookupError:  # a charset Python does not know
                pass
        return self.content.decode("utf-8", errors="replace")


# --- URL and address checks -----------------------------------------------------------------


def _bad_url(reason: str) -> FetchError:
    return FetchError("bad_url", f"That address is not a usable web address: {reason}.")


def _blocked(host: str) -> FetchError:
    return FetchError(
        "blocked_address",
        f"{host} points to a private, local or reserved network address; we never fetch those.",
    )


def _normalise_host(host: str) -> str:
    """Lower-case, without brackets or a trailing dot; IP literals in canonical form."""
    host = host.strip().lower().strip("[]").rstrip(".")
    try:
        return str(ipaddress.ip_address(host))
    except ValueError:
        return host


def _host_set(hosts: Iterable[str]) -> frozenset[str]:
    if isinstance(hosts, str):  # a lone string would become a set of characters
        hosts = [hosts]
    return frozenset(_normalise_host(host) for host in hosts if host.strip())


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
    if not isinstance(url, str) or not url.strip():
        raise _bad_url("it is empty")
    url = url.strip()
    if len(url) > MAX_URL_LENGTH:
        raise _bad_url(f"it is longer than {MAX_URL_LENGTH} characters")
    if _CONTROL.search(url):
        raise _bad_url("it contains control characters")
    try:
        parts = urlsplit(url)
        parts.port  # noqa: B018 - raises ValueError for a bad port
    except ValueError as error:
        raise _bad_url("it cannot be parsed") from error
    if parts.scheme not in _DEFAULT_PORTS:
        raise _bad_url("only http:// and https:// addresses can be fetched")
    if not parts.netloc or not parts.hostname:
        raise _bad_url("it has no host name")
    if "@" in parts.netloc:
        raise _bad_url("addresses with a user name or password are not accepted")
    if parts.port == 0:
        raise _bad_url("port 0 is not a port")
    return parts


def _ipv4_literal(host: str) -> ipaddress.IPv4Address | None:
    """The address if ``host`` is a canonical dotted quad; refuse other numeric forms.

    ``inet_aton`` (and so the resolver) reads ``2130706433``, ``0x7f000001``, ``0177.0.0.1``
    and ``127.1`` as 127.0.0.1; only the canonical form is checked and shown, the rest refused.
    """
    try:
        packed = socket.inet_aton(host)
    except OSError:
        if _NUMERIC_LABEL.fullmatch(host.rsplit(".", 1)[-1]):
            raise _bad_url("the host looks like an IP address but is not one") from None
        return None
    address = ipaddress.IPv4Address(packed)
    if str(address) != host:
        raise _blocked(host)
    return address


def _check_host(parts: SplitResult, allow: frozenset[str]) -> tuple[str, str]:
    """Validate the host; return (host for comparisons, host as written in the URL)."""
    assert parts.hostname is not None
    if parts.netloc.startswith("["):  # no userinfo here: _split refused it
        try:
            ip6 = ipaddress.IPv6Address(parts.hostname)
        except ValueError:
            raise _bad_url("the IPv6 address is not valid") from None
        if ip6.scope_id:
            raise _bad_url("IPv6 zone identifiers are not accepted")
        host = str(ip6)
        if host not in allow and is_blocked_ip(ip6):
            raise _blocked(f"[{host}]")
        return host, f"[{host}]"
    try:
        host = parts.hostname.encode("idna").decode("ascii").lower().rstrip(".")
    except UnicodeError:
        raise _bad_url("the host name is not valid") from None
    if host in allow:
        return host, host
    if not _HOST_CHARS.fullmatch(host):
        raise _bad_url("the host name is not valid")
    ip4 = _ipv4_literal(host)
    if ip4 is not None:
        if is_blocked_ip(ip4):
            raise _blocked(host)
        return host, host
    if len(host) > 253 or not _HOSTNAME.fullmatch(host):
        raise _bad_url("the host name is not valid")
    if host == "localhost" or host.endswith(".localhost"):
        raise _blocked(host)
    return host, host


@dataclass(frozen=True)
class _Target:
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


def _target(url: str, allow: frozenset[str]) -> _Target:
    parts = _split(url)
    host, url_host = _check_host(parts, allow)
    port = parts.port or _DEFAULT_PORTS[parts.scheme]
    netloc = url_host if port == _DEFAULT_PORTS[parts.scheme] else f"{url_host}:{port}"
    # Rebuilt from the checked parts, so the library parses exactly what we checked.
    normalised = f"{parts.scheme}://{netloc}{parts.path or '/'}"
    if parts.query:
        normalised += f"?{parts.query}"
    if parts.fragment:
        normalised += f"#{parts.fragment}"
    return _Target(normalised, parts.scheme, host, port)


def check_url_syntax(url: str, allow_hosts: Iterable[str] = ()) -> str:
    """Check a URL without DNS and return it normalised; raise ``FetchError`` if unusable."""
    return _target(url, _host_set(allow_hosts)).url


def _resolve(host: str, port: int) -> list[tuple[Any, ...]]:
    return socket.getaddrinfo(host.strip("[]"), port, allowed_gai_family(), socket.SOCK_STREAM)


def _refuse_blocked(host: str, infos: Iterable[tuple[Any, ...]]) -> None:
    for info in infos:
        address = ipaddress.ip_address(str(info[4][0]).split("%", 1)[0])
        if is_blocked_ip(address):
            raise _blocked(host)


def _precheck_address(target: _Target, allow: frozenset[str]) -> None:
    """Refuse a host that resolves to a blocked address before robots.txt or politeness.

    The connection checks again (and pins) when it connects; this early check gives a clear
    error and spares a robots.txt fetch to a host we would refuse anyway.
    """
    if target.host in allow:
        return
    try:
        infos = _resolve(target.host, target.port)
    except (socket.gaierror, UnicodeError):
        raise FetchError("unreachable", f"The site {target.host} could not be found.") from None
    _refuse_blocked(target.host, infos)


# --- Pinned connections and the deadline watchdog -------------------------------------------

_local = threading.local()  # the watchdog of the exchange running on this thread


def _shutdown(conn: HTTPConnection) -> None:
    # http.client sets ``sock`` to None when a response will close the connection, but the
    # response still reads from the socket: hence our own reference.
    sock = conn.sock or getattr(conn, "_guard_sock", None)
    if sock is None:
        return
    # The plain socket method, also for TLS: it only needs the descriptor and leaves the SSL
    # object alone for the thread blocked reading it. OSError: already closed.
    with suppress(OSError):
        socket.socket.shutdown(sock, socket.SHUT_RDWR)


class _Watchdog:
    """Deadline for one exchange: when it expires, shut down the sockets it watches, so that
    a read blocked on a trickling server returns at once."""

    def __init__(self, seconds: float) -> None:
        self.expired = False
        self._done = False
        self._conns: list[HTTPConnection] = []
        self._lock = threading.Lock()
        self._timer = threading.Timer(max(seconds, 0.0), self._expire)
        self._timer.daemon = True

    def __enter__(self) -> _Watchdog:
        _local.watchdog = self
        self._timer.start()
        return self

    def __exit__(self, *exc_info: object) -> None:
        self._timer.cancel()
        with self._lock:  # after this no shutdown is in flight or can start
            self._done = True
            self._conns.clear()
        _local.watchdog = None

    def watch(self, conn: HTTPConnection) -> None:
        with self._lock:
            if self._done:
                return
            self._conns.append(conn)
            if self.expired:
                _shutdown(conn)

    def _expire(self) -> None:
        with self._lock:
            if self._done:
                return
            self.expired = True
            for conn in self._conns:
                _shutdown(conn)


def _watch_connection(conn: HTTPConnection) -> None:
    watchdog: _Watchdog | None = getattr(_local, "watchdog", None)
    if watchdog is not None:
        watchdog.watch(conn)


def _connect_pinned(conn: HTTPConnection, allow: frozenset[str]) -> socket.socket:
    """Resolve, refuse blocked addresses, then connect to the addresses just checked."""
    host = conn._dns_host  # the name urllib3 would have resolved
    infos = _resolve(host, conn.port)
    if _normalise_host(host) not in allow:
        _refuse_blocked(conn.host, infos)
    error: OSError = OSError(f"no address found for {conn.host}")
    for family, kind, proto, _name, sockaddr in infos:
        sock = socket.socket(family, kind, proto)
        conn._guard_sock = sock  # type: ignore[attr-defined]
        _watch_connection(conn)
        try:
            for option in conn.socket_options or ():
                sock.setsockopt(*option)
            if conn.timeout is None or isinstance(conn.timeout, int | float):
                sock.settimeout(conn.timeout)
            if conn.source_address:
                sock.bind(conn.source_address)
            sock.connect(sockaddr)
            return sock
        except OSError as failure:
            sock.close()
            error = failure
    raise error


def _new_pinned_conn(conn: HTTPConnection, allow: frozenset[str]) -> socket.socket:
    """``HTTPConnection._new_conn`` with the address check; same exceptions as urllib3's.

    A refused address raises ``FetchError``, which is not an ``OSError``: urllib3 and requests
    let it through unwrapped.
    """
    try:
        sock = _connect_pinned(conn, allow)
    except socket.gaierror as error:
        raise NameResolutionError(conn.host, conn, error) from error
    except TimeoutError as error:
        raise ConnectTimeoutError(
            conn, f"Connection to {conn.host} timed out. (connect timeout={conn.timeout})"
        ) from error
    except OSError as error:
        raise NewConnectionError(conn, f"Failed to establish a new connection: {error}") from error
    sys.audit("http.client.connect", conn, conn.host, conn.port)
    return sock


class _PinnedHTTPConnection(HTTPConnection):
    allow_hosts: ClassVar[frozenset[str]] = frozenset()

    def _new_conn(self) -> socket.socket:
        return _new_pinned_conn(self, self.allow_hosts)

    def request(self, *args: Any, **kwargs: Any) -> None:
        _watch_connection(self)  # also covers connections reused from the pool
        super().request(*args, **kwargs)


class _PinnedHTTPSConnection(HTTPSConnection):
    allow_hosts: ClassVar[frozenset[str]] = frozenset()

    def _new_conn(self) -> socket.socket:
        # urllib3 wraps this socket in TLS with server_hostname=self.host afterwards.
        return _new_pinned_conn(self, self.allow_hosts)

    def connect(self) -> None:
        super().connect()
        # The TLS wrap detached the raw socket; the watchdog needs the one in use. (It is kept
        # here because http.client drops ``self.sock`` once a response will close.)
        self._guard_sock = self.sock

    def request(self, *args: Any, **kwargs: Any) -> None:
        _watch_connection(self)
        super().request(*args, **kwargs)


class _GuardedAdapter(HTTPAdapter):
    """Transport adapter whose pools make pinned connections for one client's allow list."""

    def __init__(self, allow: frozenset[str]) -> None:
        attrs = {"allow_hosts": allow}
        http_conn = type("GuardedHTTPConnection", (_PinnedHTTPConnection,), attrs)
        https_conn = type("GuardedHTTPSConnection", (_PinnedHTTPSConnection,), attrs)
        self._pool_classes = {
            "http": type("GuardedHTTPPool", (HTTPConnectionPool,), {"ConnectionCls": http_conn}),
            "https": type(
                "GuardedHTTPSPool", (HTTPSConnectionPool,), {"ConnectionCls": https_conn}
            ),
        }
        super().__init__(max_retries=0)

    def init_poolmanager(self, *args: Any, **kwargs: Any) -> None:
        super().init_poolmanager(*args, **kwargs)
        self.poolmanager.pool_classes_by_scheme = self._pool_classes  # type: ignore[assignment]


# --- Shared state: politeness and robots.txt ------------------------------------------------

_polite_lock = threading.Lock()
_last_start: dict[str, float] = {}  # site -> monotonic time of the latest (reserved) start
_robots_lock = threading.Lock()
_robots_cache: dict[str, tuple[float, RobotFileParser | FetchError]] = {}
_PRUNE_AT = 10_000


def _reset_state_for_tests() -> None:
    """Forget robots.txt rules and request times (module-level, shared by all clients)."""
    with _polite_lock:
        _last_start.clear()
    with _robots_lock:
        _robots_cache.clear()


def _reserve_start(site: str, interval: float) -> float:
    """Book the next start slot for ``site``; return how long to wait for it.

    Booking under the lock and sleeping outside it means no thread holds the lock while
    waiting, so nested fetches (robots.txt inside a page fetch) cannot deadlock.
    """
    with _polite_lock:
        now = time.monotonic()
        start = max(now, _last_start.get(site, now - interval) + interval)
        if len(_last_start) >= _PRUNE_AT:
            for key in [key for key, when in _last_start.items() if when < now - 3600]:
                del _last_start[key]
        _last_start[site] = start
    return start - now


def _robots_cached(origin: str) -> RobotFileParser | FetchError | None:
    with _robots_lock:
        entry = _robots_cache.get(origin)
        if entry is None or entry[0] <= time.monotonic():
            return None
        return entry[1]


def _robots_store(origin: str, rules: RobotFileParser | FetchError, ttl: float) -> None:
    with _robots_lock:
        now = time.monotonic()
        if len(_robots_cache) >= _PRUNE_AT:
            for key in [key for key, entry in _robots_cache.items() if entry[0] <= now]:
                del _robots_cache[key]
        _robots_cache[origin] = (now + ttl, rules)


def _rules(*, allow_all: bool = False, lines: list[str] | None = None) -> RobotFileParser:
    parser = RobotFileParser()
    if lines is not None:
        parser.parse(lines)
    parser.allow_all = allow_all
    return parser


# --- The client -----------------------------------------------------------------------------


class _Budget:
    """Time left for one fetch. Politeness waits are paused time: they are ours, not the
    site's, and must not turn into timeouts when many workers share a site."""

    def __init__(self, seconds: float) -> None:
        self._ends = time.monotonic() + seconds

    def left(self) -> float:
        return self._ends - time.monotonic()

    @contextmanager
    def paused(self) -> Iterator[None]:
        started = time.monotonic()
        try:
            yield
        finally:
            self._ends += time.monotonic() - started


@dataclass(frozen=True)
class _Want:
    """What a caller accepts from a response."""

    accept: tuple[str, ...] | None
    max_bytes: int
    truncate: bool = False  # robots.txt: keep the first max_bytes instead of failing
    raise_for_status: bool = True


_TRANSPORT_ERRORS = (requests.RequestException, Urllib3Error, http.client.HTTPException, OSError)


def _timeout_error() -> FetchError:
    return FetchError("timeout", "The site took too long to answer.")


def _transport_error(error: BaseException, watchdog: _Watchdog) -> FetchError:
    """Translate a requests/urllib3/socket failure into a FetchError."""
    found = _find_fetch_error(error)
    if found is not None:
        return found
    if watchdog.expired:  # the watchdog cut the connection: whatever broke, it was the clock
        return _timeout_error()
    if isinstance(error, requests.exceptions.SSLError):
        return FetchError(
            "unreachable",
            "The site's secure connection (TLS certificate) could not be verified.",
        )
    if isinstance(error, requests.Timeout | ReadTimeoutError | TimeoutError):
        return _timeout_error()
    if isinstance(error, requests.exceptions.InvalidURL | requests.exceptions.InvalidSchema):
        return _bad_url("it cannot be fetched")
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


def _parse_content_type(value: str | None) -> tuple[str, str | None]:
    if not value:
        return "", None
    media, *params = value.split(";")
    charset = None
    for param in params:
        name, _, arg = param.partition("=")
        if name.strip().lower() == "charset":
            charset = arg.strip().strip("\"'").lower() or None
    return media.strip().lower(), charset


def _accepted(media: str, accept: tuple[str, ...] | None) -> bool:
    if accept is None:
        return True
    wanted = {item.lower() for item in accept}
    return bool({media, media.split("/")[0] + "/*", "*/*"} & wanted)


def _read_body(response: requests.Response, want: _Want, watchdog: _Watchdog) -> bytes:
    """Stream the body, decompressed, never keeping more than ``want.max_bytes``."""
    too_large = FetchError(
        "too_large", f"The page is larger than the {want.max_bytes:,} bytes we accept."
    )
    length = response.headers.get("Content-Length", "")
    if length.strip().isdigit() and int(length) > want.max_bytes and not want.truncate:
        raise too_large  # refuse without reading
    body = bytearray()
    while True:
        chunk = response.raw.read(_CHUNK, decode_content=True)
        if watchdog.expired:
            raise _timeout_error()
        if not chunk:
            return bytes(body)
        body += chunk
        if len(body) > want.max_bytes:
            if want.truncate:
                return bytes(body[: want.max_bytes])
            raise too_large


class GuardedClient:
    """Fetches pages and posts forms under the rules in the module docstring.

    One ``requests.Session`` per client, so cookies from a page fetch go with a later form
    post. Use one client per thread or task; close it (or use it as a context manager).
    """

    def __init__(
        self,
        *,
        user_agent: str,
        allow_hosts: Iterable[str] = (),
        connect_timeout: float = 5,
        read_timeout: float = 10,
        deadline: float = 20,
        max_bytes: int = 2_000_000,
        max_redirects: int = 5,
        min_interval: float = 2.0,
        robots_ttl: int = 3600,
    ) -> None:
        if not user_agent or not user_agent.strip() or _CONTROL.search(user_agent):
            raise ValueError("user_agent must be a non-empty single-line string")
        if min(connect_timeout, read_timeout, deadline, max_bytes) <= 0:
            raise ValueError("timeouts, deadline and max_bytes must be positive")
        if max_redirects < 0 or min_interval < 0 or robots_ttl < 0:
            raise ValueError("max_redirects, min_interval and robots_ttl must not be negative")
        self.user_agent = user_agent.strip()
        self.allow_hosts = _host_set(allow_hosts)
        self.connect_timeout = float(connect_timeout)
        self.read_timeout = float(read_timeout)
        self.deadline = float(deadline)
        self.max_bytes = int(max_bytes)
        self.max_redirects = int(max_redirects)
        self.min_interval = float(min_interval)
        self.robots_ttl = int(robots_ttl)
        self._session = requests.Session()
        self._session.trust_env = False  # no proxies or .netrc from the environment
        adapter = _GuardedAdapter(self.allow_hosts)
        self._session.mount("http://", adapter)
        self._session.mount("https://", adapter)
        self._session.headers.update(
            {"User-Agent": self.user_agent, "Accept-Language": ACCEPT_LANGUAGE}
        )

    def __enter__(self) -> GuardedClient:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def close(self) -> None:
        self._session.close()

    # Public API

    def get(
        self,
        url: str,
        *,
        accept: tuple[str, ...] | None = HTML_TYPES,
        check_robots: bool = True,
    ) -> FetchResult:
        """Fetch ``url`` (following redirects); ``accept=None`` takes any content type."""
        return self._fetch("GET", url, None, {}, _Want(accept, self.max_bytes), check_robots)

    def post(
        self,
        url: str,
        data: Mapping[str, str] | list[tuple[str, str]],
        *,
        referer: str | None = None,
        accept: tuple[str, ...] | None = HTML_TYPES,
        check_robots: bool = True,
    ) -> FetchResult:
        """Post form fields (URL-encoded; never files). Cookies from earlier fetches go along.

        Raises ``http_error`` for a 4xx/5xx answer like ``get``; the status is on the error.
        """
        headers = {}
        if referer:
            if _CONTROL.search(referer):
                raise _bad_url("the referring address contains control characters")
            headers["Referer"] = referer
        want = _Want(accept, self.max_bytes)
        return self._fetch("POST", url, data, headers, want, check_robots)

    def robots_allowed(self, url: str) -> bool:
        """Whether robots.txt lets us fetch ``url``; False also when it cannot be read.

        Raises ``FetchError`` only for a URL that ``check_url_syntax`` refuses.
        """
        target = _target(url, self.allow_hosts)
        try:
            self._require_robots(target, _Budget(self.deadline))
        except FetchError:
            return False
        return True

    # Internals

    def _fetch(
        self,
        method: str,
        url: str,
        data: Any,
        headers: dict[str, str],
        want: _Want,
        check_robots: bool,
        budget: _Budget | None = None,
    ) -> FetchResult:
        budget = budget or _Budget(self.deadline)
        target = _target(url, self.allow_hosts)
        for hop in range(self.max_redirects + 1):
            _precheck_address(target, self.allow_hosts)
            if check_robots:
                self._require_robots(target, budget)
            self._wait_turn(target, budget)
            result, location = self._exchange(method, target, data, headers, want, budget)
            if location is None:
                assert result is not None
                return result
            if hop == self.max_redirects:
                break
            target = _target(urljoin(target.url, location), self.allow_hosts)
            status = result.status if result else 0
            if status == 303 or (status in (301, 302) and method == "POST"):
                method, data = "GET", None  # as browsers do; 307/308 keep method and body
        raise FetchError(
            "too_many_redirects", f"The site redirected more than {self.max_redirects} times."
        )

    def _wait_turn(self, target: _Target, budget: _Budget) -> None:
        if self.min_interval <= 0:
            _reserve_start(target.site, 0.0)  # still recorded: other clients may be polite
            return
        wait = _reserve_start(target.site, self.min_interval)
        if wait > 0:
            with budget.paused():
                time.sleep(wait)

    def _exchange(
        self,
        method: str,
        target: _Target,
        data: Any,
        headers: dict[str, str],
        want: _Want,
        budget: _Budget,
    ) -> tuple[FetchResult | None, str | None]:
        """One request/response. Returns (result, None), or (stub, Location) for a redirect."""
        left = budget.left()
        if left <= 0:
            raise _timeout_error()
        accept = ", ".join(want.accept) if want.accept else "*/*"
        response: requests.Response | None = None
        watchdog = _Watchdog(left)
        try:
            with watchdog:
                try:
                    response = self._session.request(
                        method,
                        target.url,
                        data=data,
                        headers={"Accept": accept, **headers},
                        stream=True,
                        allow_redirects=False,
                        timeout=(min(self.connect_timeout, left), min(self.read_timeout, left)),
                    )
                    return self._handle(response, target, want, watchdog)
                except FetchError:
                    raise
                except _TRANSPORT_ERRORS as error:  # urllib3's own while streaming the body
                    raise _transport_error(error, watchdog) from error
        finally:
            if response is not None:
                response.close()  # after the watchdog stopped: no shutdown races the close

    def _handle(
        self, response: requests.Response, target: _Target, want: _Want, watchdog: _Watchdog
    ) -> tuple[FetchResult | None, str | None]:
        if watchdog.expired:  # headers cut short by the watchdog: do not act on them
            raise _timeout_error()
        status = response.status_code
        location = self._session.get_redirect_target(response)
        if status in _REDIRECTS and location:
            stub = FetchResult(target.url, status, response.headers, b"", "", None)
            return stub, location
        if want.raise_for_status and status >= 400:
            raise FetchError(
                "http_error", f"The site answered with an error (HTTP {status}).", status=status
            )
        content_type, encoding = _parse_content_type(response.headers.get("Content-Type"))
        if content_type and not _accepted(content_type, want.accept):
            raise _not_html(content_type)
        content = _read_body(response, want, watchdog)
        if not content_type:
            # No declared type: markup is taken for HTML, anything else is not.
            content_type = "text/html" if content.lstrip().startswith(b"<") else ""
            if not _accepted(content_type or "application/octet-stream", want.accept):
                raise _not_html(content_type or "an undeclared type")
            content_type = content_type or "application/octet-stream"
        headers = CaseInsensitiveDict(response.headers)
        return FetchResult(target.url, status, headers, content, content_type, encoding), None

    def _require_robots(self, target: _Target, budget: _Budget) -> None:
        rules = _robots_cached(target.origin)
        if rules is None:
            rules = self._load_robots(target, budget)
        if isinstance(rules, FetchError):
            raise FetchError(rules.code, rules.message, rules.status)
        if not rules.can_fetch(ROBOTS_PRODUCT, target.url):
            raise FetchError("robots", "The site's robots.txt asks robots not to fetch this page.")

    def _load_robots(self, target: _Target, budget: _Budget) -> RobotFileParser | FetchError:
        """Fetch and cache robots.txt for the target's origin (RFC 9309 rules)."""
        robots_url = urljoin(target.url, "/robots.txt")
        want = _Want(None, ROBOTS_MAX_BYTES, truncate=True, raise_for_status=False)
        outcome: RobotFileParser | FetchError
        try:
            result = self._fetch("GET", robots_url, None, {}, want, False, budget)
        except FetchError as error:
            if error.code == "timeout":
                raise  # maybe our own deadline: not cached, the site gets another chance
            if error.code in ("unreachable", "blocked_address"):
                outcome = error  # reported as such (the site is down, or points inward)
            else:
                outcome = FetchError(
                    "robots", "The site's robots.txt could not be read, so we do not fetch there."
                )
            _robots_store(target.origin, outcome, min(ROBOTS_ERROR_TTL, self.robots_ttl))
            return outcome
        if 200 <= result.status < 300:
            outcome = _rules(lines=result.text.splitlines())
            ttl = self.robots_ttl
        elif 400 <= result.status < 500:
            outcome, ttl = _rules(allow_all=True), self.robots_ttl  # no robots.txt: all allowed
        else:
            outcome = FetchError(
                "robots",
                f"The site's robots.txt is unavailable (HTTP {result.status}), "
                "so we do not fetch there for now.",
            )
            ttl = min(ROBOTS_ERROR_TTL, self.robots_ttl)
        _robots_store(target.origin, outcome, ttl)
        return outcome


def _not_html(content_type: str) -> FetchError:
    return FetchError("not_html", f"The address does not lead to a web page ({content_type}).")


def client_from_config(config: Mapping[str, Any]) -> GuardedClient:
    """A client configured from the OUTREACH_* settings (see ``discountmarket.config``)."""
    return GuardedClient(
        user_agent=config["OUTREACH_USER_AGENT"] or f"{ROBOTS_PRODUCT}/1.0",
        allow_hosts=config["OUTREACH_ALLOW_HOSTS"] or (),
        connect_timeout=config["OUTREACH_CONNECT_TIMEOUT"],
        read_timeout=config["OUTREACH_READ_TIMEOUT"],
        deadline=config["OUTREACH_DEADLINE"],
        max_bytes=config["OUTREACH_MAX_BYTES"],
        max_redirects=config["OUTREACH_MAX_REDIRECTS"],
        min_interval=config["OUTREACH_MIN_INTERVAL"],
        robots_ttl=config["OUTREACH_ROBOTS_TTL"],
    )
