"""Product pages: read a title, a price, its currency and an image out of a shop's HTML.

This module owns *parsing only*: no network, no database. Fetching pages is the guarded
HTTP client's job and escaping what we return is the templates' job. Everything here is
fed hostile, broken markup and never raises on it; it returns whatever it could find.

Price sources, most trustworthy first: schema.org ``Product`` in JSON-LD, microdata,
OpenGraph/meta tags, and finally the visible text of the page. ``parse_price`` reads one
human-written price ("1 299,00 €", "₹1,29,999", "۱۲٬۹۹۰ تومان"); its rules are documented
on the function and on ``_to_decimal``.
"""

from __future__ import annotations

import codecs
import html as html_lib
import itertools
import json
import logging
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from functools import cached_property
from typing import Any, TypeVar
from urllib.parse import urljoin, urlsplit

from bs4 import BeautifulSoup, NavigableString, Tag
from bs4.dammit import EncodingDetector
from bs4.element import PageElement
from bs4.exceptions import ParserRejectedMarkup

log = logging.getLogger(__name__)

T = TypeVar("T")

_CENT = Decimal("0.01")
_MAX_AMOUNT = Decimal(10) ** 12  # anything above is a parsing accident, not a price
_MAX_TITLE = 500
_MAX_URL = 2048  # longer "image URLs" are inlined data or junk, never something to link to
_MAX_PRICE_TEXT = 10_000  # parse_price reads one price; a page's worth of text is not that
_NEAR_H1_CHARS = 3_000
_ANCESTOR_LIMIT = 100  # bounds parent walks so deeply nested garbage stays cheap
_ELEMENT_LIMIT = 200  # candidates examined per strategy, for the same reason
_JSON_NODE_LIMIT = 20_000


@dataclass(frozen=True)
class ProductSnapshot:
    """What one product page told us. Any field may be missing."""

    title: str | None
    price: Decimal | None  # quantized to 2 places
    currency: str | None  # ISO 4217, upper-case
    image: str | None  # absolute http(s) URL
    source: str | None  # where the price came from: json-ld, microdata, opengraph, text

    @property
    def found(self) -> bool:
        """True when at least a title or a price was found."""
        return self.title is not None or self.price is not None


_NOTHING = ProductSnapshot(title=None, price=None, currency=None, image=None, source=None)

# --------------------------------------------------------------------------- currencies

_ISO_CODE_LIST = """
    AED AFN ALL AMD ANG AOA ARS AUD AWG AZN BAM BBD BDT BGN BHD BIF BMD BND BOB BRL BSD
    BTN BWP BYN BZD CAD CDF CHF CLP CNY COP CRC CUP CVE CZK DJF DKK DOP DZD EGP ERN ETB
    EUR FJD FKP GBP GEL GHS GIP GMD GNF GTQ GYD HKD HNL HTG HUF IDR ILS INR IQD IRR ISK
    JMD JOD JPY KES KGS KHR KMF KPW KRW KWD KYD KZT LAK LBP LKR LRD LSL LYD MAD MDL MGA
    MKD MMK MNT MOP MRU MUR MVR MWK MXN MYR MZN NAD NGN NIO NOK NPR NZD OMR PAB PEN PGK
    PHP PKR PLN PYG QAR RON RSD RUB RWF SAR SBD SCR SDG SEK SGD SHP SLE SLL SOS SRD SSP
    STN SVC SYP SZL THB TJS TMT TND TOP TRY TTD TWD TZS UAH UGX USD UYU UZS VED VES VND
    VUV WST XAF XCD XCG XOF XPF YER ZAR ZMW ZWG
"""
_ISO_CODES = frozenset(_ISO_CODE_LIST.split())
# Codes pages still use although ISO retired or never had them.
_ISO_ALIASES = {"RUR": "RUB", "RMB": "CNY", "NIS": "ILS"}
# Codes that are also everyday words or brands ("ALL sizes", "AMD Ryzen"): they only
# count when nothing better marks the amount.
_WEAK_CODES = frozenset({"ALL", "AMD", "BOB", "CAD", "CUP", "GEL", "MAD", "MOP", "PEN", "SOS"})
_WEAK_CODES |= {"TOP", "TRY"}

# One sign, several currencies: a hint picks among them, otherwise the first is used.
_DOLLARS = ("USD", "CAD", "AUD", "NZD", "HKD", "SGD", "MXN", "TWD", "ARS", "CLP", "COP", "UYU")
_YEN = ("JPY", "CNY")
_KRONER = ("DKK", "SEK", "NOK", "ISK")  # "kr" alone: a hint first, then DKK
_RUPEES = ("INR", "PKR", "LKR", "NPR", "MUR", "SCR")
_RIALS = ("IRR", "SAR", "QAR", "OMR", "YER")
_LEI = ("RON", "MDL")

# Country (ISO 3166 alpha-2, also a shop's ccTLD) -> the currency it would mean by an
# ambiguous sign. Only countries that resolve one of the families above are listed; "CO"
# is left out on purpose because .co domains are mostly not Colombian.
_COUNTRY_CURRENCY_LIST = """
    US=USD CA=CAD AU=AUD NZ=NZD HK=HKD SG=SGD MX=MXN TW=TWD AR=ARS CL=CLP UY=UYU JP=JPY
    CN=CNY DK=DKK FO=DKK GL=DKK SE=SEK NO=NOK IS=ISK IN=INR PK=PKR LK=LKR NP=NPR MU=MUR
    SC=SCR IR=IRR SA=SAR QA=QAR OM=OMR YE=YER RO=RON MD=MDL
"""
_COUNTRY_CURRENCY = dict(pair.split("=") for pair in _COUNTRY_CURRENCY_LIST.split())


@dataclass(frozen=True)
class _Marker:
    currency: str  # the default ISO code
    family: tuple[str, ...] = ()  # what a hint may choose instead
    factor: int = 1  # the toman is 10 rial and ISO 4217 only knows the rial
    weak: bool = False


def _lead(pattern: str) -> str:
    """A marker starting with a letter must not be the tail of a longer word."""
    return rf"(?<![^\W\d_])(?:{pattern})"


def _word(pattern: str) -> str:
    return rf"{_lead(pattern)}(?![^\W\d_])"


# Order matters where two markers start at the same place: "US$" before "$".
_MARKERS: tuple[tuple[str, _Marker], ...] = (
    (_lead(r"US\$"), _Marker("USD")),
    (_lead(r"CA\$|C\$"), _Marker("CAD")),
    (_lead(r"AU\$|A\$"), _Marker("AUD")),
    (_lead(r"NZ\$"), _Marker("NZD")),
    (_lead(r"HK\$"), _Marker("HKD")),
    (_lead(r"SG\$|S\$"), _Marker("SGD")),
    (_lead(r"MX\$"), _Marker("MXN")),
    (_lead(r"NT\$"), _Marker("TWD")),
    (_lead(r"R\$"), _Marker("BRL")),
    ("[$\uff04]", _Marker("USD", _DOLLARS)),
    ("\u20ac", _Marker("EUR")),
    (_word("[Ee]uros?|EURO|\u0435\u0432\u0440\u043e"), _Marker("EUR")),  # евро
    ("[\u00a3\uffe1]", _Marker("GBP")),
    ("[\u00a5\uffe5]", _Marker("JPY", _YEN)),
    (_lead("\u5186"), _Marker("JPY")),  # 円
    (_lead("\u5143"), _Marker("CNY")),  # 元
    ("\u20b9", _Marker("INR")),
    (_word(r"Rs\.?") + "|\u20a8", _Marker("INR", _RUPEES)),
    ("\u20bd", _Marker("RUB")),
    # Russian: rub, rub., rublej (any ending) and the short r. / r (Cyrillic)
    (_word("\u0440\u0443\u0431[\u0430-\u044f\u0451]*\\.?|\u0440\\.?"), _Marker("RUB")),
    ("\u20b4", _Marker("UAH")),
    (_word("\u0433\u0440\u043d\\.?"), _Marker("UAH")),  # грн
    (_word("\u043b\u0432\\.?"), _Marker("BGN")),  # лв
    ("\u20ba", _Marker("TRY")),
    (_word("TL"), _Marker("TRY")),
    ("\u20a9", _Marker("KRW")),
    (_lead("\uc6d0"), _Marker("KRW")),  # 원
    ("\u20aa", _Marker("ILS")),
    ("\u20ab", _Marker("VND")),
    ("\u0e3f", _Marker("THB")),
    ("\u20b1", _Marker("PHP")),
    ("\u20a6", _Marker("NGN")),
    ("\u20b8", _Marker("KZT")),
    ("\u20be", _Marker("GEL")),
    ("\u20bc", _Marker("AZN")),
    ("\u20b5", _Marker("GHS")),
    ("\u20a1", _Marker("CRC")),
    ("\u20b2", _Marker("PYG")),
    ("\u20ae", _Marker("MNT")),
    (_word("z\u0142"), _Marker("PLN")),  # zł
    (_word("K\u010d"), _Marker("CZK")),  # Kč
    (_word("Ft"), _Marker("HUF")),
    (_word("lei|Lei|LEI"), _Marker("RON", _LEI)),
    (_word(r"kr\.?|Kr\.?|KR"), _Marker("DKK", _KRONER)),
    (_word(r"Rp\.?"), _Marker("IDR")),
    (_word("RM"), _Marker("MYR")),
    (_word(r"SFr\.|Fr\."), _Marker("CHF")),
    # تومان / تومن: one toman is ten rial.
    (_word("\u062a\u0648\u0645\u0627\u0646|\u062a\u0648\u0645\u0646"), _Marker("IRR", factor=10)),
    # ریال (Persian spelling), ريال (Arabic spelling), the rial sign ﷼
    (
        _word("\u0631\u06cc\u0627\u0644|\u0631\u064a\u0627\u0644") + "|\ufdfc",
        _Marker("IRR", _RIALS),
    ),
    (_word("\u0631\\.\u0633"), _Marker("SAR")),  # ر.س
    (_word("\u062f\\.\u0625"), _Marker("AED")),  # د.إ
)
_MARKER_RE = re.compile("|".join(f"(?P<m{i}>{p})" for i, (p, _) in enumerate(_MARKERS)))
_ISO_RE = re.compile(r"(?<![^\W\d_])[A-Z]{3}(?![^\W\d_])")


@dataclass(frozen=True)
class _Hit:
    start: int
    end: int
    marker: _Marker


def _find_markers(text: str) -> list[_Hit]:
    hits = []
    for match in _MARKER_RE.finditer(text):
        marker = _MARKERS[int((match.lastgroup or "m0")[1:])][1]
        hits.append(_Hit(match.start(), match.end(), marker))
    for match in _ISO_RE.finditer(text):
        code = _iso(match.group())
        if code:
            hits.append(_Hit(match.start(), match.end(), _Marker(code, weak=code in _WEAK_CODES)))
    return sorted(hits, key=lambda hit: hit.start)


def _iso(value: object) -> str | None:
    """The ISO code ``value`` spells (in any case), or None."""
    if not isinstance(value, str):
        return None
    code = value.strip().upper()
    code = _ISO_ALIASES.get(code, code)
    return code if code in _ISO_CODES else None


def _resolve(marker: _Marker, preferred: str | None) -> str:
    return preferred if preferred in marker.family else marker.currency


def currency_from_symbol(text: str, *, country_hint: str | None = None) -> str | None:
    """The ISO code for the first currency sign, word or code in ``text``.

    Ambiguous signs ("$", "¥", "kr", "Rs", rial, "lei") use ``country_hint`` (ISO 3166,
    e.g. "SE") when it names a country using one of that sign's currencies, otherwise
    their default: USD, JPY, DKK, INR, IRR, RON. The toman reports IRR.
    """
    if not isinstance(text, str):
        return None
    text = _normalise(text)
    whole = _iso(text)  # a bare code in any case, as priceCurrency often is ("eur")
    if whole:
        return whole
    hits = _find_markers(text)
    hit = next((h for h in hits if not h.marker.weak), hits[0] if hits else None)
    if hit is None:
        return None
    country = country_hint.strip().upper() if isinstance(country_hint, str) else None
    return _resolve(hit.marker, _COUNTRY_CURRENCY.get(country or ""))


# ------------------------------------------------------------------------------- prices

# Persian and Arabic-Indic digits, full-width digits; the Arabic thousands separator
# becomes an apostrophe (always a thousands separator below).
_DIGITS = str.maketrans(
    {
        **{chr(0x06F0 + i): str(i) for i in range(10)},
        **{chr(0x0660 + i): str(i) for i in range(10)},
        **{chr(0xFF10 + i): str(i) for i in range(10)},
        "\u066c": "'",
        "\uff0c": ",",
        "\uff0e": ".",
    }
)
# Bidi and zero-width marks are common around right-to-left prices and mean nothing here.
_INVISIBLE = re.compile("[\u061c\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]")
_ARABIC_DECIMAL = "\u066b"
_GROUP_SPACES = " \u00a0\u202f\u2009\u2007"
_NUMBER_RE = re.compile(
    rf"(?<!\d)\d+(?:[.,'\u2019{_ARABIC_DECIMAL}]\d+|[{_GROUP_SPACES}]\d{{3}}(?!\d))*"
)
_GAP_BEFORE = re.compile(r"[\s:]*[-\u2212]?")  # "€ 49", "USD: 49", "€-5"
_GAP_AFTER = re.compile(r"\s*(?:[.,]\s*[-\u2013\u2014]+)?\s*")  # "49 €", "49,- Kč"
_MINUS = "-\u2212"
_RANGE_GAP = re.compile(r"\s*[-\u2013\u2014]\s*")


def _normalise(text: str) -> str:
    return _INVISIBLE.sub("", text.translate(_DIGITS))


def _to_decimal(token: str) -> Decimal | None:
    """Read one number token using the separator rules.

    Spaces and apostrophes always group thousands; the Arabic decimal separator is always
    decimal. Otherwise: when both '.' and ',' occur, the last one is the decimal separator;
    one kind occurring more than once groups thousands; one kind occurring once is a
    thousands separator when exactly 3 digits follow and 1-3 non-zero-led digits precede
    ("1.299", "1,299"), else decimal ("12,50", "1299.000", "0.500").
    """
    digits = token.translate({ord(c): None for c in _GROUP_SPACES + "'\u2019"})
    if _ARABIC_DECIMAL in digits:
        whole, _, fraction = digits.partition(_ARABIC_DECIMAL)
        whole = whole.replace(".", "").replace(",", "")
    elif "." in digits and "," in digits:
        decimal_sep = "." if digits.rfind(".") > digits.rfind(",") else ","
        if digits.count(decimal_sep) > 1:
            return None  # "1.299.00,00.5": no reading is better than a wrong one
        whole, _, fraction = digits.replace("," if decimal_sep == "." else ".", "").partition(
            decimal_sep
        )
    elif "." in digits or "," in digits:
        sep = "." if "." in digits else ","
        whole, _, fraction = digits.partition(sep)
        grouped = len(fraction) == 3 and len(whole) <= 3 and not whole.startswith("0")
        if digits.count(sep) > 1 or grouped:
            whole, fraction = digits.replace(sep, ""), ""
    else:
        whole, fraction = digits, ""
    if not whole.isdigit() or (fraction and not fraction.isdigit()):
        return None
    try:
        return Decimal(f"{whole}.{fraction or '0'}")
    except InvalidOperation:
        return None


def _valid_amount(value: Decimal | None) -> Decimal | None:
    """A price is finite, > 0 and not absurd; quantized to cents."""
    if value is None or not value.is_finite() or value <= 0 or value > _MAX_AMOUNT:
        return None
    cents = value.quantize(_CENT, rounding=ROUND_HALF_UP)
    return cents if cents > 0 else None


@dataclass(frozen=True)
class _Candidate:
    amount: Decimal | None  # None when the number is not a usable price
    currency: str | None
    explicit: bool  # the currency was written in the text, not taken from a hint
    adjacent: bool  # ... and written right next to this amount


def _glued(text: str, start: int, end: int, hit_starts: set[int], hit_ends: set[int]) -> bool:
    """Digits stuck to letters ("S23", "7950X3D") are model numbers, unless the letters
    are a currency ("499kr", "12,800円", "USD1299")."""
    before = start > 0 and text[start - 1].isalpha() and start not in hit_ends
    after = end < len(text) and text[end].isalpha() and end not in hit_starts
    return before or after


def _minus_before(text: str, index: int) -> bool:
    # "1299-1499" is a range, not a negative amount.
    return index > 0 and text[index - 1] in _MINUS and (index < 2 or not text[index - 2].isdigit())


def _adjacent_hit(
    text: str, start: int, end: int, hits: list[_Hit], claimed: set[int]
) -> tuple[int | None, bool]:
    """The index of the marker written next to the number at start:end (a strong one
    beats a weak code, then the closer one wins, ties go to the one before; a marker
    already used as the previous amount's suffix is not reused), and whether the amount
    is negative."""
    before = after = None
    for index, hit in enumerate(hits):
        if hit.start >= end:
            after = index if _GAP_AFTER.fullmatch(text, end, hit.start) else None
            break
        if (
            hit.end <= start
            and index not in claimed
            and _GAP_BEFORE.fullmatch(text, hit.end, start)
        ):
            before = index
    negative = _minus_before(text, start)
    if before is not None and (
        after is None
        or (hits[before].marker.weak, start - hits[before].end)
        <= (hits[after].marker.weak, hits[after].start - end)
    ):
        hit = hits[before]
        negative = negative or _minus_before(text, hit.start) or "-" in text[hit.end : start]
        return before, negative
    return after, negative


@dataclass
class _Number:
    start: int
    end: int
    token: str
    hit: int | None  # index of the currency marker written next to it
    negative: bool


def _numbers(text: str, hits: list[_Hit]) -> list[_Number]:
    hit_starts = {hit.start for hit in hits}
    hit_ends = {hit.end for hit in hits}
    claimed: set[int] = set()
    numbers = []
    for match in _NUMBER_RE.finditer(text):
        start, end = match.span()
        if _glued(text, start, end, hit_starts, hit_ends):
            continue
        index, negative = _adjacent_hit(text, start, end, hits, claimed)
        if index is not None:
            claimed.add(index)
        numbers.append(_Number(start, end, match.group(), index, negative))
    # "1 299 - 1 499 €": the low end of a range is written in the high end's currency.
    for low, high in reversed(list(itertools.pairwise(numbers))):
        if (
            low.hit is None
            and high.hit is not None
            and hits[high.hit].start >= high.end
            and _RANGE_GAP.fullmatch(text, low.end, high.start)
            and _same_shape_and_lower(low.token, high.token)
        ):
            low.hit = high.hit
    return numbers


def _same_shape_and_lower(low: str, high: str) -> bool:
    """Range ends are written alike ("12,90 - 19,90"); "Size 42 - 59,90 €" is no range."""
    low_value, high_value = _to_decimal(low), _to_decimal(high)
    if low_value is None or high_value is None:
        return False
    same_shape = low_value.as_tuple().exponent == high_value.as_tuple().exponent
    return same_shape and low_value < high_value


def _candidates(text: str, currency_hint: str | None) -> list[_Candidate]:
    """Every plausible amount in ``text``: those with a strong currency marker next to
    them first, then weakly marked, then unmarked ones; document order within each."""
    text = _normalise(text[:_MAX_PRICE_TEXT])
    hits = _find_markers(text)
    anywhere = next((hit for hit in hits if not hit.marker.weak), None)
    ranked: list[tuple[int, _Candidate]] = []
    for number in _numbers(text, hits):
        hit = hits[number.hit] if number.hit is not None else anywhere
        amount = _to_decimal(number.token)
        if amount is not None and hit is not None:
            amount *= hit.marker.factor
        amount = None if number.negative else _valid_amount(amount)
        currency = _resolve(hit.marker, currency_hint) if hit is not None else currency_hint
        adjacent = number.hit is not None
        rank = (0 if hit is not None and not hit.marker.weak else 1) if adjacent else 2
        ranked.append((rank, _Candidate(amount, currency, hit is not None, adjacent)))
    ranked.sort(key=lambda pair: pair[0])  # stable: document order within a rank
    return [candidate for _, candidate in ranked]


def parse_price(
    text: str, *, currency_hint: str | None = None
) -> tuple[Decimal | None, str | None]:
    """Read one human-written price: its amount (> 0, at most 10^12, quantized to cents)
    and ISO currency.

    The amount written next to a currency sign/word/code wins over bare numbers around it
    ("Save 20%: 49 €" is 49). ``currency_hint`` (an ISO code) is the currency when the
    text names none, and picks among the currencies of an ambiguous sign ("kr 49" with
    "SEK" is SEK). Toman amounts are converted to rial (x10), as ISO 4217 has only IRR.
    No number at all gives (None, None); an unusable amount (zero, negative, absurd)
    gives (None, currency).
    """
    if not isinstance(text, str):
        return None, None
    candidates = _candidates(text, _iso(currency_hint))
    for candidate in candidates:
        if candidate.amount is not None:
            return candidate.amount, candidate.currency
    return None, candidates[0].currency if candidates else None


# -------------------------------------------------------------------------------- pages

_JAPANESE_LEGACY = frozenset({"shift_jis", "cp932", "shift_jis_2004", "shift_jisx0213"})
_JAPANESE_LEGACY |= {"euc_jp", "euc_jis_2004", "euc_jisx0213", "iso2022_jp"}
_XML_DECLARATION = re.compile(r"<\?xml\s[^>]*>", re.IGNORECASE)
_PRODUCT_TYPES = frozenset(
    {"product", "productgroup", "productmodel", "individualproduct", "someproducts"}
) | {"vehicle", "car", "motorcycle"}
_STRUCK = frozenset({"del", "s", "strike"})
_NOT_TEXT = frozenset(
    {"script", "style", "template", "noscript", "svg", "math", "textarea", "select"}
) | {"option", "iframe", "object", "head", "title"}
_BLOCKS = frozenset(
    {"address", "article", "aside", "blockquote", "br", "dd", "div", "dl", "dt", "fieldset"}
) | {"figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header"}
_BLOCKS |= {"hr", "li", "main", "nav", "ol", "p", "pre", "section", "table", "td", "th", "tr"}
_BLOCKS |= {"ul"}
# Class/id words that mark a price that is not the one you pay now (old, list, savings).
_OLD_WORDS = ("old", "was", "regular", "strike", "compare", "crossed", "original", "before")
_OLD_WORDS += ("save", "saving", "msrp", "rrp", "uvp")
_OLD_TOKENS = frozenset(_OLD_WORDS) | {"line-through", "strikethrough", "savings"}
_LABEL_SPLIT = re.compile(r"[\s\-_]+|(?<=[a-z])(?=[A-Z])")
_SITE_SUFFIX = re.compile(r"\s+(?:\||\u2013|\u2014|::|\u00bb|\u00b7)\s+")
_JSON_WRAPPER = re.compile(r"^\s*(?://\s*)?(?:<!--|<!\[CDATA\[)|(?://\s*)?(?:-->|\]\]>)\s*$")
_TRAILING_COMMA = re.compile(r",\s*([}\]])")
_URL_JUNK = re.compile(r"[\t\n\r]")
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")
_URL_EDGES = re.compile(r"^[\x00-\x20]+|[\x00-\x20]+$")
_Price = tuple[Decimal, str | None]


def _guard(step: Callable[[_Page], T], page: _Page, default: T) -> T:
    """Run one extraction step; a bug in it must not cost us the other fields."""
    try:
        return step(page)
    except Exception:
        log.exception("product extraction step %s failed", getattr(step, "__name__", step))
        return default


def extract_product(
    html: str | bytes, base_url: str, *, encoding: str | None = None
) -> ProductSnapshot:
    """Read a product page. Never raises on what the page contains."""
    try:
        page = _load(html, base_url, encoding)
    except Exception:
        log.exception("could not parse product page %s", base_url)
        return _NOTHING
    if page is None:
        return _NOTHING
    price = _guard(_price, page, None)
    amount, currency, source = price if price else (None, None, None)
    return ProductSnapshot(
        title=_guard(_title, page, None),
        price=amount,
        currency=currency,
        image=_guard(_image, page, None),
        source=source,
    )


def _load(html: str | bytes, base_url: str, encoding: str | None) -> _Page | None:
    codec = None
    if isinstance(html, bytes | bytearray):
        text, codec = _decode(bytes(html), encoding)
    elif isinstance(html, str):
        text = html
    else:
        return None
    # An XML declaration makes bs4 warn (XMLParsedAsHTMLWarning) and carries nothing we use.
    text = _XML_DECLARATION.sub("", text)
    if "<" not in text:
        return None  # no markup, nothing to find (and bs4 would warn it looks like a path)
    try:
        soup = BeautifulSoup(text, "html.parser")
    except ParserRejectedMarkup:
        log.info("html.parser rejected product page %s", base_url)
        return None
    return _Page(soup, base_url if isinstance(base_url, str) else "", codec in _JAPANESE_LEGACY)


def _codec(name: object) -> str | None:
    if not isinstance(name, str) or not name.strip():
        return None
    try:
        return codecs.lookup(name.strip()).name
    except (LookupError, ValueError):
        return None


def _decode(data: bytes, encoding: str | None) -> tuple[str, str]:
    """Bytes to text the way bs4 would, minus its warning on undecodable bytes: the given
    encoding, else a byte-order mark, the page's own <meta> declaration, strict UTF-8,
    bs4's statistical guess, windows-1252, and finally UTF-8 with replacement characters.
    """
    given = _codec(encoding)
    if given:
        return data.decode(given, errors="replace"), given
    data, bom = EncodingDetector.strip_byte_order_mark(data)
    bom_codec = _codec(bom)
    if bom_codec:
        return data.decode(bom_codec, errors="replace"), bom_codec
    declared = _codec(EncodingDetector.find_declared_encoding(data, is_html=True))
    if declared and declared.startswith(("utf-16", "utf-32")):
        declared = None  # HTML ignores such declarations in a byte stream without a BOM
    # Lazily: the statistical guess is slow and rarely needed once UTF-8 has been tried.
    detected = (_codec(guess) for guess in EncodingDetector(data, is_html=True).encodings)
    for guess in itertools.chain([declared, "utf-8"], detected):
        if guess and not guess.startswith(("utf-16", "utf-32")):
            try:
                return data.decode(guess), guess
            except UnicodeDecodeError:
                continue
    return data.decode("utf-8", errors="replace"), "utf-8"


class _Page:
    """One parsed page plus what several steps share, computed once."""

    def __init__(self, soup: BeautifulSoup, base_url: str, yen_backslash: bool) -> None:
        self.soup = soup
        self.base_url = base_url
        # Japanese legacy encodings put the yen sign on the backslash byte; pages show it
        # as "¥" but Python decodes it as "\".
        self.yen_backslash = yen_backslash

    @cached_property
    def resolve_base(self) -> str:
        """Relative URLs resolve against <base href> when the page has one, like browsers."""
        base = self.soup.find("base", href=True)
        href = base.get("href") if isinstance(base, Tag) else None
        resolved = _absolute_url(href, self.base_url) if isinstance(href, str) else None
        return resolved or self.base_url

    @cached_property
    def country_currency(self) -> str | None:
        """The currency the shop's ccTLD suggests, only to read ambiguous signs."""
        try:
            host = urlsplit(self.base_url).hostname or ""
        except ValueError:
            return None
        country = host.rsplit(".", 1)[-1].upper()
        return _COUNTRY_CURRENCY.get("GB" if country == "UK" else country)

    @cached_property
    def meta(self) -> dict[str, list[str]]:
        found: dict[str, list[str]] = {}
        for tag in self.soup.find_all("meta", limit=2_000):
            key = tag.get("property") or tag.get("name")
            content = tag.get("content")
            if isinstance(key, str) and isinstance(content, str) and content.strip():
                found.setdefault(key.strip().lower(), []).append(content.strip())
        return found

    @cached_property
    def page_currency(self) -> str | None:
        """A currency the page declares in structured data, to fill in a missing one."""
        for key in ("product:price:currency", "og:price:currency"):
            for value in self.meta.get(key, []):
                if code := self.currency(value):
                    return code
        for prop in self.itemprops("pricecurrency"):
            if code := self.currency(_itemprop_value(prop.element)):
                return code
        return None

    @cached_property
    def products(self) -> list[dict[str, Any]]:
        """JSON-LD products in document order; those nested in another product (related
        items, variants of a ProductGroup) after all the others."""
        outer: list[dict[str, Any]] = []
        nested: list[dict[str, Any]] = []
        for script in self.soup.find_all("script", limit=500):
            kind = script.get("type")
            if not isinstance(kind, str) or kind.split(";")[0].strip().lower() != (
                "application/ld+json"
            ):
                continue
            for node, in_product in _walk_products(_load_json(script.get_text())):
                (nested if in_product else outer).append(node)
        return outer + nested

    @cached_property
    def main_product(self) -> tuple[dict[str, Any] | None, _Price | None]:
        """The first JSON-LD product with a usable price, else simply the first one."""
        for product in self.products:
            price = _jsonld_product_price(product, self)
            if price:
                return product, price
        return (self.products[0] if self.products else None), None

    @cached_property
    def microdata(self) -> list[_Prop]:
        """Every microdata property on the page (document order), indexed once so that
        nested scopes cannot make the lookups below quadratic."""
        found = []
        for element in self.soup.find_all(attrs={"itemprop": True}, limit=_ELEMENT_LIMIT * 5):
            names = frozenset(str(element.get("itemprop") or "").lower().split())
            found.append(_Prop(element, names, _owner_scope(element)))
        return found

    def itemprops(self, *names: str) -> list[_Prop]:
        return [prop for prop in self.microdata if prop.names.intersection(names)]

    def currency(self, value: object) -> str | None:
        """A currency as written in structured data: a code, or failing that a sign."""
        if not isinstance(value, str):
            return None
        return _iso(value) or currency_from_symbol(value)

    def visible_price(self, text: str, *, adjacent_only: bool) -> _Price | None:
        """The first usable amount in visible text whose currency is written there too."""
        if self.yen_backslash:
            text = text.replace("\\", "\u00a5")
        for candidate in _candidates(text, self.page_currency or self.country_currency):
            if candidate.amount is None or not candidate.explicit:
                continue
            if candidate.adjacent or not adjacent_only:
                return candidate.amount, candidate.currency
        return None


# -------------------------------------------------------------------------------- price


def _price(page: _Page) -> tuple[Decimal, str | None, str] | None:
    steps: tuple[tuple[str, Callable[[_Page], _Price | None]], ...] = (
        ("json-ld", lambda page: page.main_product[1]),
        ("microdata", _microdata_price),
        ("opengraph", _meta_price),
        ("text", _text_price),
    )
    for source, step in steps:
        found = _guard(step, page, None)
        if found:
            return found[0], found[1], source
    return None


def _jsonld_product_price(product: dict[str, Any], page: _Page) -> _Price | None:
    """The first offer with a usable price (list order, nested AggregateOffer offers after
    their parent); sellers list offers in their own order and the first is what shows."""
    queue = [product.get("offers")]
    for _ in range(_ELEMENT_LIMIT):
        if not queue:
            break
        item = queue.pop(0)
        if isinstance(item, list):
            queue[:0] = item[:_ELEMENT_LIMIT]
        elif isinstance(item, dict):
            found = _offer_price(item, page)
            if found:
                return found
            queue.append(item.get("offers"))
    return None


def _offer_price(offer: dict[str, Any], page: _Page) -> _Price | None:
    currency = page.currency(offer.get("priceCurrency"))
    aggregate = "aggregateoffer" in _types(offer)
    for key in ("lowPrice", "price") if aggregate else ("price", "lowPrice"):
        amount, written = _json_amount(offer.get(key))
        if amount:
            return amount, currency or written or page.page_currency
    for spec in _price_specifications(offer.get("priceSpecification")):
        amount, written = _json_amount(spec.get("price"))
        if amount:
            spec_currency = page.currency(spec.get("priceCurrency"))
            return amount, spec_currency or currency or written or page.page_currency
    return None


def _price_specifications(value: object) -> Iterator[dict[str, Any]]:
    """Specifications in order, components of compound ones included; list and
    strikethrough prices are what you would have paid, so they are skipped."""
    for spec in _dicts(value):
        for part in [spec, *_dicts(spec.get("priceComponent"))]:
            price_type = str(part.get("priceType", "")).lower()
            if not any(word in price_type for word in ("listprice", "strikethrough", "srp")):
                yield part


def _json_amount(value: object) -> tuple[Decimal | None, str | None]:
    """An amount from JSON-LD: a number, a string in any format parse_price reads, or a
    {"@value": ...} wrapper."""
    for _ in range(5):
        if isinstance(value, dict):
            value = value.get("@value")
        elif isinstance(value, list) and value:
            value = value[0]
    if isinstance(value, bool):
        return None, None
    if isinstance(value, int | Decimal):
        return _valid_amount(Decimal(value)), None
    if isinstance(value, float):
        return _valid_amount(Decimal(repr(value))), None
    if isinstance(value, str):
        return parse_price(value)
    return None, None


def _microdata_price(page: _Page) -> _Price | None:
    """itemprop=price (or lowPrice): in a Product scope first, then in an Offer, then
    anywhere; document order within each."""
    props = page.itemprops("price", "lowprice")
    props.sort(key=lambda prop: 0 if prop.within(_PRODUCT_TYPES) else 1 if prop.scope else 2)
    for prop in props:
        if _struck_or_old(prop.element):
            continue
        raw = _itemprop_value(prop.element)
        if prop.element.has_attr("content"):
            amount, written = parse_price(raw)
        else:
            found = page.visible_price(raw, adjacent_only=False)
            amount, written = found if found else parse_price(raw)
        if amount:
            return amount, _microdata_currency(prop, page) or written or page.page_currency
    return None


def _microdata_currency(price: _Prop, page: _Page) -> str | None:
    """priceCurrency of the same scope as the price."""
    for prop in page.itemprops("pricecurrency"):
        if prop.scope is price.scope and (code := page.currency(_itemprop_value(prop.element))):
            return code
    return None


def _meta_price(page: _Page) -> _Price | None:
    for prefix in ("product:price", "og:price"):
        for raw in page.meta.get(f"{prefix}:amount", []):
            amount, written = parse_price(raw)
            if amount:
                currencies = page.meta.get(f"{prefix}:currency", [])
                currency = next(filter(None, map(page.currency, currencies)), None)
                return amount, currency or written or page.page_currency
    return None


def _text_price(page: _Page) -> _Price | None:
    """Elements labelled as a price (not an old one) first, then the text after the <h1>."""
    for element in page.soup.find_all(_is_price_element, limit=_ELEMENT_LIMIT):
        if _struck_or_old(element):
            continue
        found = page.visible_price(_visible_text(element, 500), adjacent_only=False)
        if found:
            return found
    heading = page.soup.find("h1")
    if isinstance(heading, Tag):
        # Further from a labelled element, so only an amount with its currency right
        # next to it counts.
        return page.visible_price(_text_from(heading, _NEAR_H1_CHARS), adjacent_only=True)
    return None


def _label(tag: Tag) -> list[str]:
    classes = tag.get("class") or []
    tokens = list(classes) if isinstance(classes, list) else str(classes).split()
    ident = tag.get("id")
    return [*tokens, ident] if isinstance(ident, str) else tokens


def _is_old_token(token: str) -> bool:
    low = token.lower()
    if low in _OLD_TOKENS or any(s in low for s in ("list-price", "listprice", "list_price")):
        return True
    words = [word.lower() for word in _LABEL_SPLIT.split(token) if word]
    return "price" in low and any(word.startswith(_OLD_WORDS) for word in words)


def _is_price_element(tag: Tag) -> bool:
    if tag.name in _NOT_TEXT or tag.name in _STRUCK:
        return False
    tokens = _label(tag)
    return any("price" in t.lower() for t in tokens) and not any(map(_is_old_token, tokens))


def _struck_or_old(element: Tag) -> bool:
    """Is this inside <del>/<s>/<strike> or an element labelled as an old price?"""
    # Old-price markers wrap the amount closely, so a bounded walk up is enough.
    for tag in itertools.islice(itertools.chain([element], element.parents), _ANCESTOR_LIMIT):
        if tag.name in _STRUCK or any(map(_is_old_token, _label(tag))):
            return True
    return False


# -------------------------------------------------------------------------------- title


def _title(page: _Page) -> str | None:
    steps: tuple[Callable[[_Page], str | None], ...] = (
        lambda page: _json_text(page.main_product[0].get("name")) if page.main_product[0] else None,
        lambda page: next(iter(page.meta.get("og:title", [])), None),
        _microdata_name,
        lambda page: _h1_text(page.soup),
        _document_title,
    )
    for step in steps:
        title = _clean(_guard(step, page, None))
        if title:
            return title
    return None


def _microdata_name(page: _Page) -> str | None:
    for prop in page.itemprops("name"):
        if _scope_types(prop.scope) & _PRODUCT_TYPES:  # not the brand's or the seller's
            return _itemprop_value(prop.element)
    return None


def _h1_text(soup: BeautifulSoup) -> str | None:
    heading = soup.find("h1")
    return _visible_text(heading, 2_000, skip_old=False) if isinstance(heading, Tag) else None


def _document_title(page: _Page) -> str | None:
    for tag in page.soup.find_all("title", limit=20):
        if tag.find_parent("svg") is None:  # an icon's <title> is not the page's
            return _strip_site_suffix(_clean(_visible_text(tag, 2_000, skip_old=False)))
    return None


def _strip_site_suffix(title: str | None) -> str | None:
    """Drop the last " | Shop name"-like segment when something is left, so
    "Nice Lamp | Lamp Shop" becomes "Nice Lamp". A plain hyphen is not a separator:
    product names use it."""
    if not title:
        return title
    separators = list(_SITE_SUFFIX.finditer(title))
    if separators:
        head = title[: separators[-1].start()].strip()
        if head:
            return head
    return title


def _clean(text: str | None) -> str | None:
    """Collapse whitespace (control characters count as such), cap the length. Format
    characters such as the Persian zero-width non-joiner are part of words and stay."""
    if not isinstance(text, str):
        return None
    text = " ".join(_CONTROL.sub(" ", text).split())
    return text[:_MAX_TITLE].rstrip() or None


def _json_text(value: object) -> str | None:
    """A JSON-LD string (maybe {"@value": ...} or a list). Some sites entity-encode text
    inside JSON, which no HTML parser decodes in a <script>, so we do."""
    for _ in range(5):
        if isinstance(value, dict):
            value = value.get("@value")
        elif isinstance(value, list) and value:
            value = value[0]
    return html_lib.unescape(value) if isinstance(value, str) else None


# -------------------------------------------------------------------------------- image


def _image(page: _Page) -> str | None:
    steps: tuple[Callable[[_Page], list[object]], ...] = (
        lambda page: (
            _json_images(page.main_product[0].get("image")) if page.main_product[0] else []
        ),
        lambda page: [
            *page.meta.get("og:image:secure_url", []),
            *page.meta.get("og:image", []),
            *page.meta.get("og:image:url", []),
        ],
        _microdata_images,
    )
    for step in steps:
        for candidate in _guard(step, page, []):
            url = _absolute_url(candidate, page.resolve_base)
            if url:
                return url
    return None


def _json_images(value: object) -> list[object]:
    """URLs from a string, a list, or ImageObjects (url / contentUrl), in order."""
    found: list[object] = []
    queue = [value]
    for _ in range(500):
        if not queue or len(found) >= 50:
            break
        item = queue.pop(0)
        if isinstance(item, str):
            found.append(item)
        elif isinstance(item, list):
            queue[:0] = item[:50]
        elif isinstance(item, dict):
            queue[:0] = [item.get("url"), item.get("contentUrl")]
    return found


def _microdata_images(page: _Page) -> list[object]:
    props = page.itemprops("image")
    props.sort(key=lambda prop: not _scope_types(prop.scope) & _PRODUCT_TYPES)
    return [_itemprop_value(prop.element) for prop in props]


def _absolute_url(value: object, base_url: str) -> str | None:
    """``value`` resolved against ``base_url`` if that gives an http(s) URL."""
    if not isinstance(value, str):
        return None
    # Browsers drop these anywhere in a URL; leaving them in would hide e.g. "java\nscript:".
    value = _URL_JUNK.sub("", _URL_EDGES.sub("", value))
    if not value or len(value) > _MAX_URL:
        return None
    try:
        url = urljoin(base_url, value)
        parts = urlsplit(url)
    except ValueError:  # e.g. an unbalanced "[" in the host
        return None
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        return None
    return url if len(url) <= _MAX_URL else None


# ---------------------------------------------------------------------- markup helpers


def _load_json(text: str) -> list[Any]:
    """Every JSON value in a script body. Tolerates comment/CDATA wrappers, several
    values back to back, trailing junk and (on a second try) trailing commas."""
    text = _JSON_WRAPPER.sub("", text.strip())
    decoder = json.JSONDecoder(strict=False, parse_float=Decimal, parse_constant=lambda _: None)
    for attempt in (text, _TRAILING_COMMA.sub(r"\1", text)):
        values: list[Any] = []
        position = 0
        while position < len(attempt):
            while position < len(attempt) and attempt[position] in " \t\r\n;,":
                position += 1
            if position >= len(attempt):
                break
            try:
                value, position = decoder.raw_decode(attempt, position)
            except (ValueError, RecursionError):
                break
            values.append(value)
        if values:
            return values
    return []


def _walk_products(data: object) -> Iterator[tuple[dict[str, Any], bool]]:
    """Every product object in ``data`` (depth first, document order: covers @graph,
    top-level lists, a WebPage's mainEntity...) and whether it sits inside another one."""
    stack: list[tuple[object, bool]] = [(data, False)]
    visited = 0
    while stack and visited < _JSON_NODE_LIMIT:
        node, in_product = stack.pop()
        visited += 1
        if isinstance(node, dict):
            is_product = bool(_types(node) & _PRODUCT_TYPES)
            if is_product:
                yield node, in_product
            children = reversed(list(node.values()))
            stack.extend((child, in_product or is_product) for child in children)
        elif isinstance(node, list):
            stack.extend((child, in_product) for child in reversed(node))


def _types(node: dict[str, Any]) -> set[str]:
    """@type names, lower-case, without a vocabulary prefix ("schema:Product",
    "http://schema.org/Product")."""
    value = node.get("@type")
    names = value if isinstance(value, list) else [value]
    return {re.split(r"[/:#]", name.strip())[-1].lower() for name in names if isinstance(name, str)}


def _dicts(value: object) -> list[dict[str, Any]]:
    items = value if isinstance(value, list) else [value]
    return [item for item in items if isinstance(item, dict)]


@dataclass(frozen=True)
class _Prop:
    """One microdata property: the element, its itemprop names (lower-case) and the
    itemscope it belongs to."""

    element: Tag
    names: frozenset[str]
    scope: Tag | None

    def within(self, types: frozenset[str]) -> bool:
        """Is this property inside (however deep) an itemscope of one of ``types``?"""
        scopes = itertools.islice(self.element.parents, _ANCESTOR_LIMIT)
        return any(_scope_types(tag) & types for tag in scopes if tag.has_attr("itemscope"))


def _scope_types(scope: Tag | None) -> set[str]:
    """An itemscope's itemtype names, lower-case ("https://schema.org/Product" -> "product")."""
    if scope is None:
        return set()
    names = str(scope.get("itemtype") or "").split()
    return {re.split(r"[/:#]", name)[-1].lower() for name in names}


def _owner_scope(element: Tag) -> Tag | None:
    """The itemscope a property belongs to: the nearest *ancestor* with itemscope (an
    element with both itemprop and itemscope is a value of its parent's scope)."""
    for parent in itertools.islice(element.parents, _ANCESTOR_LIMIT):
        if parent.has_attr("itemscope"):
            return parent
    return None


def _itemprop_value(element: Tag) -> str:
    """A microdata property's value, per the microdata spec (plus the common habit of
    putting ``content`` on any element)."""
    attribute = {"meta": "content", "a": "href", "area": "href", "link": "href"}.get(
        element.name, "src" if element.name in {"img", "audio", "video", "source"} else None
    )
    if element.name in {"data", "meter"}:
        attribute = "value"
    for name in ("content", attribute):
        value = element.get(name) if name else None
        if isinstance(value, str) and value.strip():
            return value.strip()
    return _visible_text(element, 2_000, skip_old=False)


def _visible_strings(root: PageElement, *, skip_old: bool) -> Iterator[str]:
    """Text a reader sees under ``root``, in order, with a newline at block boundaries.
    Iterative, so absurd nesting cannot exhaust the stack."""
    stack: list[PageElement | None] = [root]
    while stack:
        node = stack.pop()
        if node is None:
            yield "\n"
        elif isinstance(node, Tag):
            if node is not root and (
                node.name in _NOT_TEXT
                or (skip_old and (node.name in _STRUCK or any(map(_is_old_token, _label(node)))))
            ):
                continue
            if node.name in _BLOCKS:
                yield "\n"
                stack.append(None)
            stack.extend(reversed(node.contents))
        elif type(node) is NavigableString:  # not comments, CDATA, script bodies, <rt>
            yield str(node)


def _visible_text(root: PageElement, limit: int, *, skip_old: bool = True) -> str:
    parts: list[str] = []
    size = 0
    for part in _visible_strings(root, skip_old=skip_old):
        parts.append(part)
        size += len(part)
        if size >= limit:
            break
    return "".join(parts)[:limit]


def _text_from(start: Tag, limit: int) -> str:
    """Visible text from ``start`` onwards in document order (its own text, its later
    siblings, then its ancestors' later siblings), up to ``limit`` characters."""
    parts = [_visible_text(start, limit)]
    size = len(parts[0])
    node: PageElement | None = start
    while node is not None and size < limit:
        for sibling in node.next_siblings:
            text = _visible_text(sibling, limit - size)
            parts.append(text)
            size += len(text)
            if size >= limit:
                break
        node = node.parent
    return "".join(parts)
