"""A shop's product pages read from its sitemaps, for shops whose search we cannot use.

Many shops keep robots out of their search (``Disallow: /search``, ``/catalogsearch/``,
``route=product/search``) while naming their sitemaps in the same robots.txt, as the
sitemaps protocol asks (sitemaps.org): the sitemap is the shop's own list of the pages it
wants robots to read. Shopify and WooCommerce write an index of sitemaps with the products
in their own (``sitemap_products_1.xml``, ``wp-sitemap-posts-product-1.xml``; Shopify
gives each product's title as its image's), most other platforms one list, sometimes
gzipped. A page's title is its image title or the words of its address
(``/prodotto/robot-tagliaerba-gardena-sileno-city-500``), which is how candidates are
ranked before the likeliest few are opened and decided on like search results.

Bounded everywhere: at most ``MAX_SITEMAPS`` files, the first ``MAX_DOWNLOAD_BYTES`` of
each, ``MAX_PAGES`` pages and ``MAX_XML_BYTES`` of XML once unzipped. No network here
but through the client given.
"""

from __future__ import annotations

import re
import zlib
from collections.abc import Iterable
from dataclasses import dataclass, field
from urllib.parse import unquote, urljoin, urlsplit
from xml.etree import ElementTree

from rapidfuzz import fuzz

from discountmarket.outreach.errors import FetchError
from discountmarket.outreach.http import GuardedClient
from discountmarket.outreach.page_kind import kind_of_url
from discountmarket.outreach.search_results import Candidate

__all__ = [
    "MAX_PAGES",
    "Sitemap",
    "SitemapPages",
    "ranked",
    "read_sitemap",
    "shop_pages",
    "slug_title",
]

MAX_SITEMAPS = 4  # files read per shop: an index and the three likeliest of its sitemaps
MAX_PAGES = 20_000
MAX_XML_BYTES = 20_000_000
MAX_DOWNLOAD_BYTES = 10_000_000  # the sitemaps protocol's 50 MB limit, read in part
KEEP = 12  # candidates ranked worth deciding on
XML_TYPES = (
    "application/xml",
    "text/xml",
    "application/gzip",
    "application/x-gzip",
    "application/octet-stream",
)

_CHUNK = 1 << 20
# An index's sitemaps that hold products, by the platforms' names for them; then the rest
# but those that clearly do not (posts, pages, categories, media).
_PRODUCT_SITEMAP = re.compile(r"product|produkt|produit|prodott|item|goods|iblock|catalog", re.I)
_OTHER_SITEMAP = re.compile(
    r"post(?!s-product)|page|blog|news|categor|collection|taxonom|tag|author|user|image|video",
    re.I,
)
_WORD_SPLIT = re.compile(r"[-_+.,\s]+")
_DIGITS = re.compile(r"\d")


@dataclass(frozen=True)
class Sitemap:
    """One sitemap file: the sitemaps an index names, the pages a list names."""

    children: list[str] = field(default_factory=list)
    pages: list[tuple[str, str]] = field(default_factory=list)  # (url, title)
    cut: bool = False  # more than we read


@dataclass
class SitemapPages:
    """What a shop's sitemaps told us: its pages, and whether we read them all."""

    pages: list[tuple[str, str]] = field(default_factory=list)
    complete: bool = False
    fetched: list[str] = field(default_factory=list)
    errors: list[dict[str, str]] = field(default_factory=list)


def read_sitemap(content: bytes, url: str) -> Sitemap:
    """A sitemap file (gzipped or not) read within the bounds; never raises on content.
    Read by expat as a stream (linear in the size, entity expansion bounded by expat), as
    far as it is well-formed: a list cut short still gives the pages before the cut."""
    data, cut = _unzipped(content)
    reader = _SitemapReader(url)
    parser = ElementTree.XMLPullParser(events=("start", "end"))
    try:
        for offset in range(0, len(data), _CHUNK):
            parser.feed(data[offset : offset + _CHUNK])
            if not reader.take(parser.read_events()):
                cut = True
                break
    except ElementTree.ParseError:
        cut = True  # malformed from there on: what came before it stands
    return Sitemap(reader.children, reader.pages, cut)


class _SitemapReader:
    """Collects ``<url>`` and ``<sitemap>`` entries from parser events: an entry's own
    ``<loc>`` (not an image's), and its first image title."""

    def __init__(self, url: str) -> None:
        self.url = url
        self.children: list[str] = []
        self.pages: list[tuple[str, str]] = []
        self.path: list[str] = []
        self.loc = self.title = ""

    def take(self, events: Iterable[tuple[str, ElementTree.Element]]) -> bool:
        """Read events; False once ``MAX_PAGES`` pages are read."""
        for event, element in events:
            name = element.tag.rpartition("}")[2].lower()
            if event == "start":
                self.path.append(name)
                continue
            self.path.pop()
            parent = self.path[-1] if self.path else ""
            text = " ".join((element.text or "").split())
            if name == "loc" and parent in ("url", "sitemap"):
                self.loc = urljoin(self.url, text)
            elif name == "title" and parent == "image" and not self.title:
                self.title = text[:300]
            elif name in ("url", "sitemap"):
                if not self._keep(name):
                    return False
                element.clear()
        return True

    def _keep(self, entry: str) -> bool:
        loc, title, self.loc, self.title = self.loc, self.title, "", ""
        if not loc:
            return True
        if entry == "sitemap":
            self.children.append(loc)
            return True
        if len(self.pages) >= MAX_PAGES:
            return False
        self.pages.append((loc, title or slug_title(loc)))
        return True


def slug_title(url: str) -> str:
    """The words of a page's address: its last path segment that holds letters, without
    an extension (``/p/dyson-v15-detect.html`` → ``dyson v15 detect``)."""
    segments = [unquote(s) for s in urlsplit(url).path.split("/") if s]
    for segment in reversed(segments):
        segment = re.sub(r"\.(html?|php|aspx?)$", "", segment, flags=re.I)
        if re.search(r"[^\W\d_]{2}", segment):
            return " ".join(w for w in _WORD_SPLIT.split(segment) if w)[:300]
    return ""


def shop_pages(client: GuardedClient, home_url: str) -> SitemapPages:
    """The product pages a shop's sitemaps name (robots.txt's ``Sitemap:`` lines, else
    ``/sitemap.xml``): an index's likeliest sitemaps first, at most ``MAX_SITEMAPS`` files."""
    found = SitemapPages(complete=True)
    queue = client.sitemaps(home_url) or [urljoin(home_url, "/sitemap.xml")]
    host = urlsplit(home_url).hostname
    while queue and len(found.fetched) < MAX_SITEMAPS:
        url = queue.pop(0)
        try:
            result = client.get(url, accept=XML_TYPES, keep_first=MAX_DOWNLOAD_BYTES)
        except FetchError as error:
            found.errors.append({"url": url, "code": error.code, "message": error.message})
            found.complete = False
            continue
        found.fetched.append(url)
        sitemap = read_sitemap(result.content, result.url)
        found.complete &= not sitemap.cut and len(result.content) < MAX_DOWNLOAD_BYTES
        queue += _likeliest(sitemap.children)
        found.pages += [
            (link, title)
            for link, title in sitemap.pages
            if urlsplit(link).hostname == host and not kind_of_url(link)
        ]
    found.complete &= not queue
    return found


def ranked(title: str, brand: str | None, pages: list[tuple[str, str]]) -> list[Candidate]:
    """The pages whose title shares a model number or the brand with ``title``, most
    alike first, ``KEEP`` of them."""
    wanted = title.casefold()
    words = {w for w in _WORD_SPLIT.split(wanted) if w}
    anchors = {w for w in words if _DIGITS.search(w)}
    anchors |= {w for w in _WORD_SPLIT.split((brand or "").casefold()) if len(w) > 1}
    scored = []
    for link, page_title in pages:
        own = page_title.casefold()
        if not anchors & set(_WORD_SPLIT.split(own)):
            continue
        scored.append((fuzz.token_set_ratio(wanted, own), link, page_title))
    scored.sort(key=lambda row: -row[0])
    return [Candidate(link, page_title) for _, link, page_title in scored[:KEEP]]


def _likeliest(children: list[str]) -> list[str]:
    """An index's sitemaps that may hold products, those named for products first."""
    named = [c for c in children if _PRODUCT_SITEMAP.search(urlsplit(c).path)]
    rest = [c for c in children if c not in named and not _OTHER_SITEMAP.search(c)]
    return (named + rest)[:MAX_SITEMAPS]


def _unzipped(content: bytes) -> tuple[bytes, bool]:
    """The XML, unzipped when gzipped, cut at ``MAX_XML_BYTES``; and whether cut."""
    if content[:2] != b"\x1f\x8b":
        return content[:MAX_XML_BYTES], len(content) > MAX_XML_BYTES
    inflater = zlib.decompressobj(16 + zlib.MAX_WBITS)
    try:
        data = inflater.decompress(content, MAX_XML_BYTES)
    except zlib.error:
        return b"", False
    return data, bool(inflater.unconsumed_tail)
