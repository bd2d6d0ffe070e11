"""Web addresses and host names: the one set of rules for the whole app.

Pure: no Flask, no database, no network (the public suffix list ships with the
``publicsuffixlist`` package). Hosts have one normal form, used for every comparison and in
every URL built here: lower case, no trailing dot, internationalised names as A-labels
(punycode, by Python's ``idna`` codec, as the fetcher connects), IP literals in canonical
form without brackets. URLs built here drop a default port, the fragment and tracking
parameters. What is refused raises ``BadURL`` (a ValueError) whose ``code`` callers can map
to their own words; ``reason`` completes the sentence "That address is not usable: …".
"""

from __future__ import annotations

import ipaddress
import re
from dataclasses import dataclass
from functools import cache, lru_cache
from urllib.parse import SplitResult, unquote_plus, urlsplit

from publicsuffixlist import PublicSuffixList

__all__ = [
    "CONTROL_CHARS",
    "DEFAULT_PORTS",
    "MAX_URL_LENGTH",
    "BadURL",
    "WebURL",
    "address_on_site",
    "ascii_host",
    "canonical_url",
    "clean_homepage",
    "ip_literal",
    "looks_numeric",
    "normalise_host",
    "parse",
    "registrable_domain",
    "same_site",
    "site_origin",
    "split_url",
    "store_homepage",
    "valid_host",
]

DEFAULT_PORTS = {"http": 80, "https": 443}
MAX_URL_LENGTH = 2048
MAX_HOST_LENGTH = 253
CONTROL_CHARS = re.compile(r"[\x00-\x1f\x7f]")  # never in a URL or a header we send

# One DNS label of the normal form: letters, digits, hyphens (not at either end) and the
# underscores real sites use; 63 octets at most.
_LABEL = r"[a-z0-9_](?:[a-z0-9_-]{0,61}[a-z0-9_])?"
_HOSTNAME = re.compile(rf"{_LABEL}(?:\.{_LABEL})*")
# A last label like these makes resolvers read the name as an IPv4 address (``127.1``,
# ``0x7f000001``, ``2130706433``); no top-level domain looks like that.
_NUMERIC_LABEL = re.compile(r"0x[0-9a-f]*|[0-9]+")

# Query parameters that only track a visit; two links differing in them are one page.
_TRACKING_PREFIXES = ("utm_", "_ga", "mc_", "pk_")
_TRACKING_NAMES = frozenset(
    {"fbclid", "gclid", "yclid", "msclkid", "dclid", "igshid", "_openstat", "ref_src"}
)

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address


class BadURL(ValueError):
    """Not a web address we can use. ``code``: empty, too_long, control, unparsable, scheme,
    no_host, userinfo, port or host."""

    def __init__(self, code: str, reason: str) -> None:
        super().__init__(reason)
        self.code = code
        self.reason = reason


# --- hosts -------------------------------------------------------------------------------------


def ip_literal(host: str) -> IPAddress | None:
    """The IP address ``host`` spells in canonical notation (brackets allowed), else None."""
    try:
        return ipaddress.ip_address(host.strip().strip("[]"))
    except ValueError:
        return None


def _tidy(host: str) -> str:
    return host.strip().lower().strip("[]").removesuffix(".")


def ascii_host(host: str) -> str:
    """The normal form of a host; ValueError when an international name has no A-label form
    (an empty or over-long label). Does not judge whether the result is a valid host."""
    host = _tidy(host)
    address = ip_literal(host)
    if address is not None:
        return str(address)
    try:
        return host.encode("idna").decode("ascii")
    except UnicodeError:
        raise ValueError(f"{host[:100]!r} is not a host name") from None


def normalise_host(host: str) -> str:
    """The normal form of a host for comparisons and allow lists; a name without an A-label
    form comes back lower-cased only (it matches nothing ``valid_host`` accepts)."""
    try:
        return ascii_host(host)
    except ValueError:
        return _tidy(host)


def looks_numeric(host: str) -> bool:
    """True when the last label is a number, as in the odd IPv4 forms resolvers accept."""
    return bool(_NUMERIC_LABEL.fullmatch(host.rsplit(".", 1)[-1]))


def valid_host(host: str) -> bool:
    """Whether a host in normal form can name a web site: an IP address without an IPv6
    zone, or DNS labels (253 characters at most) not ending in a numeric label."""
    address = ip_literal(host)
    if address is not None:
        return not (isinstance(address, ipaddress.IPv6Address) and address.scope_id)
    return (
        len(host) <= MAX_HOST_LENGTH and bool(_HOSTNAME.fullmatch(host)) and not looks_numeric(host)
    )


def _url_host(host: str) -> str:
    return f"[{host}]" if ":" in host else host


# --- URLs --------------------------------------------------------------------------------------


def split_url(url: str) -> SplitResult:
    """The parts of an http(s) URL with a host, after the checks of syntax alone: no more
    than ``MAX_URL_LENGTH`` characters, no control characters, a numeric port (not 0), no
    user name or password. The host is not judged here."""
    if not isinstance(url, str) or not url.strip():
        raise BadURL("empty", "it is empty")
    url = url.strip()
    if len(url) > MAX_URL_LENGTH:
        raise BadURL("too_long", f"it is longer than {MAX_URL_LENGTH} characters")
    if CONTROL_CHARS.search(url):
        raise BadURL("control", "it contains control characters")
    try:
        parts = urlsplit(url)
        parts.port  # noqa: B018 - raises ValueError for a port that is no number
    except ValueError as error:
        raise BadURL("unparsable", "it cannot be parsed") from error
    if parts.scheme not in DEFAULT_PORTS:
        raise BadURL("scheme", "only http:// and https:// addresses can be fetched")
    if not parts.netloc or not parts.hostname:
        raise BadURL("no_host", "it has no host name")
    if "@" in parts.netloc:
        raise BadURL("userinfo", "addresses with a user name or password are not accepted")
    if parts.port == 0:
        raise BadURL("port", "port 0 is not a port")
    return parts


@dataclass(frozen=True)
class WebURL:
    """A checked http(s) URL; ``host`` in normal form, ``port`` None when it is the default."""

    scheme: str
    host: str
    port: int | None
    path: str
    query: str

    @property
    def authority(self) -> str:
        host = _url_host(self.host)
        return host if self.port is None else f"{host}:{self.port}"

    @property
    def origin(self) -> str:
        return f"{self.scheme}://{self.authority}"


def parse(url: str) -> WebURL:
    """A checked http(s) URL with a valid host; ``BadURL`` when it is none."""
    parts = split_url(url)
    assert parts.hostname is not None
    invalid = BadURL("host", "the host name is not valid")
    try:
        host = ascii_host(parts.hostname)
    except ValueError:
        raise invalid from None
    bracketed = parts.netloc.startswith("[")
    if bracketed != isinstance(ip_literal(host), ipaddress.IPv6Address) or not valid_host(host):
        raise invalid
    port = None if parts.port in (None, DEFAULT_PORTS[parts.scheme]) else parts.port
    return WebURL(parts.scheme, host, port, parts.path, parts.query)


def _is_tracking(pair: str) -> bool:
    name = unquote_plus(pair.partition("=")[0]).lower()
    return name in _TRACKING_NAMES or name.startswith(_TRACKING_PREFIXES)


def canonical_url(url: str) -> str:
    """One spelling of a page's URL: normal host, no default port, no fragment, no tracking
    parameters (the others kept as written, in order). ``BadURL`` when it is no web address."""
    target = parse(url)
    query = "&".join(pair for pair in target.query.split("&") if pair and not _is_tracking(pair))
    return f"{target.origin}{target.path or '/'}{'?' if query else ''}{query}"


def clean_homepage(text: str) -> str:
    """A homepage typed by a person as a canonical URL; a bare host name gets https://.
    ``BadURL`` when it is no web address (code ``empty`` when nothing was typed)."""
    raw = (text or "").strip()
    if not raw:
        raise BadURL("empty", "it is empty")
    return canonical_url(raw if "://" in raw else f"https://{raw}")


def site_origin(url: str) -> str:
    """The homepage of the site a URL is on: ``scheme://host[:port]/``."""
    return f"{parse(url).origin}/"


def store_homepage(url: str) -> str:
    """Where a store's site starts: its registrable domain's root (``https://shop.example/``
    for ``https://deals.shop.example:8443/p/1``; the site redirects to its www. itself),
    not whichever page a shopper posted. A host without a registrable domain (an IP
    address, a local name) keeps its origin."""
    target = parse(url)
    domain = registrable_domain(url)
    if domain == target.authority:
        return site_origin(url)
    return f"{target.scheme}://{domain}/"


@cache
def _public_suffixes() -> PublicSuffixList:
    return PublicSuffixList()  # the list ships with the package: no network


@lru_cache(maxsize=16384)  # a fan-out asks it of every competitor's addresses
def registrable_domain(url: str) -> str:
    """The key of the business a URL belongs to: its registrable domain in normal form
    (``https://WWW.Shop.example.co.uk./`` -> ``example.co.uk``; private suffixes count, so
    ``a.github.io`` is its own). IP addresses, single-label hosts and bare public suffixes
    have none; they stand for themselves, with a non-default port (local sites)."""
    target = parse(url)
    if ip_literal(target.host) is None and "." in target.host:
        domain = _public_suffixes().privatesuffix(target.host)
        if domain:
            return domain
    return target.authority


def same_site(url: str, store_key: str) -> bool:
    """Whether ``url`` belongs to the business whose store key is ``store_key``; an
    unusable URL belongs to nobody."""
    try:
        return registrable_domain(url) == store_key
    except ValueError:
        return False


def address_on_site(address: str, store_key: str) -> bool:
    """Whether an e-mail address is on the business's own domain (a subdomain counts): an
    address merely found on a store's pages may belong to anyone."""
    domain = address.rpartition("@")[2]
    return bool(domain) and same_site(f"http://{domain}/", store_key)
