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
from dataclasses import dataclass, field
from urllib.parse import unquote, urljoin, urlsplit
from xml.parsers import expat

from rapidfuzz import fuzz

from discountmarket.outreach.errors import FetchError
from discountmarket.outreach.http import GuardedClient
from discountmarket.outreach.search_results import Candidate, own_product_pages

__all__ = [
    "MAX_PAGES",
    "Sitemap",
    "SitemapPages",
    "ranked",
    "read_sitemap",
    "shop_pages",
    "slug_title",
]

MAX_SITEMAPS = 4  # files asked for per shop: an index and the three likeliest sitemaps
MAX_CHILDREN = 1000  # of an index's sitemaps, the first ones
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
_ENTRIES = ("url", "sitemap")
_MAX_TEXT = 2048  # an address or a title longer than this is no page of a shop
# An index's sitemaps that hold products, by the platforms' names for them; then the rest
# but those that clearly do not (posts, pages, categories, media).
# Matched in a sitemap's path, as whole words' starts: "sitemap" holds no "item".
_PRODUCT_SITEMAP = re.compile(r"(?<![a-z])(product|produkt|produit|prodott|item|goods|iblock)")
_OTHER_SITEMAP = re.compile(
    r"(?<![a-z])(post(?!s-product)|page|blog|news|categor|cat(?![a-z])|collection|taxonom"
    r"|tag(?![a-z])|brand|attribute|author|user|image|video)"
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

    pages: list[Candidate] = field(default_factory=list)
    complete: bool = False
    fetched: list[str] = field(default_factory=list)
    errors: list[dict[str, str]] = field(default_factory=list)


def read_sitemap(content: bytes, url: str) -> Sitemap:
    """A sitemap file (gzipped or not) read within the bounds; never raises on content.
    Read by expat as a stream of events, no tree kept, as far as it is well-formed: a list
    cut short still gives the pages before the cut. A DTD is refused (no sitemap needs one,
    and entities could multiply the text: expat only bounds the worst of it)."""
    data, cut = _unzipped(content)
    reader = _SitemapReader(url)
    parser = expat.ParserCreate()
    parser.StartDoctypeDeclHandler = reader.refuse
    parser.EntityDeclHandler = reader.refuse
    parser.StartElementHandler = reader.start
    parser.EndElementHandler = reader.end
    parser.CharacterDataHandler = reader.text
    try:
        for offset in range(0, len(data), _CHUNK):
            parser.Parse(data[offset : offset + _CHUNK], False)
    except (expat.ExpatError, _Stop):
        cut = True  # malformed, a DTD, or full from there on: what came before it stands
    return Sitemap(reader.children, reader.pages, cut)


class _Stop(Exception):
    """Stops reading: enough pages, or a DTD."""


class _SitemapReader:
    """Collects ``<url>`` and ``<sitemap>`` entries from parser events: an entry's own
    ``<loc>`` (not an image's) and its first image title, each at most ``_MAX_TEXT``."""

    def __init__(self, url: str) -> None:
        self.url = url
        self.children: list[str] = []
        self.pages: list[tuple[str, str]] = []
        self.path: list[str] = []
        self.collecting: list[str] | None = None
        self.loc = self.title = ""

    def refuse(self, *_args: object) -> None:
        raise _Stop

    def start(self, tag: str, _attributes: dict[str, str]) -> None:
        name = tag.rpartition(":")[2].lower()
        parent = self.path[-1] if self.path else ""
        wanted = (name == "loc" and parent in _ENTRIES) or (name == "title" and parent == "image")
        self.collecting = [] if wanted else None
        self.path.append(name)

    def text(self, data: str) -> None:
        if self.collecting is not None and sum(map(len, self.collecting)) < _MAX_TEXT:
            self.collecting.append(data)

    def end(self, _tag: str) -> None:
        name = self.path.pop()
        parent = self.path[-1] if self.path else ""
        text = " ".join("".join(self.collecting or []).split())[:_MAX_TEXT]
        self.collecting = None
        if name == "loc" and parent in _ENTRIES:
            self.loc = urljoin(self.url, text)
        elif name == "title" and parent == "image" and not self.title:
            self.title = text[:300]
        elif name in _ENTRIES:
            self._keep(name)

    def _keep(self, entry: str) -> None:
        loc, title, self.loc, self.title = self.loc, self.title, "", ""
        if not loc:
            return
        if entry == "sitemap":
            if len(self.children) < MAX_CHILDREN:
                self.children.append(loc)
            return
        if len(self.pages) >= MAX_PAGES:
            raise _Stop
        self.pages.append((loc, title or slug_title(loc)))


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
    ``/sitemap.xml``): an index's likeliest sitemaps first, at most ``MAX_SITEMAPS`` files
    asked for, whether they answer or not. ``FetchError`` when none could be read."""
    found = SitemapPages(complete=True)
    queue = client.sitemaps(home_url)[:MAX_SITEMAPS] or [urljoin(home_url, "/sitemap.xml")]
    host = urlsplit(home_url).hostname
    asked = 0
    while queue and asked < MAX_SITEMAPS:
        url = queue.pop(0)
        asked += 1
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
        found.pages += [Candidate(link, title) for link, title in sitemap.pages]
    found.pages = own_product_pages(found.pages, host)
    found.complete &= not queue
    if not found.fetched and found.errors:
        last = found.errors[-1]
        raise FetchError(last["code"], last["message"])
    return found


def ranked(title: str, brand: str | None, pages: list[Candidate]) -> list[Candidate]:
    """The pages whose title shares a model number or the brand with ``title``, most
    alike first, ``KEEP`` of them."""
    wanted = title.casefold()
    words = {w for w in _WORD_SPLIT.split(wanted) if w}
    anchors = {w for w in words if _DIGITS.search(w)}
    anchors |= {w for w in _WORD_SPLIT.split((brand or "").casefold()) if len(w) > 1}
    scored = []
    for page in pages:
        own = page.title.casefold()
        if anchors & set(_WORD_SPLIT.split(own)):
            scored.append((fuzz.token_set_ratio(wanted, own), page))
    scored.sort(key=lambda row: -row[0])
    return [page for _, page in scored[:KEEP]]


def _likeliest(children: list[str]) -> list[str]:
    """An index's sitemaps that may hold products, best first: named for products (not
    their categories or tags), then those named for nothing we know; never those named
    for posts, pages, categories, tags, authors or media."""
    ranked = []
    for position, child in enumerate(children):
        path = urlsplit(child).path.lower()
        products, other = bool(_PRODUCT_SITEMAP.search(path)), bool(_OTHER_SITEMAP.search(path))
        if other and not products:
            continue
        ranked.append((0 if products and not other else 1 if not products else 2, position))
    return [children[position] for _, position in sorted(ranked)][:MAX_SITEMAPS]


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
