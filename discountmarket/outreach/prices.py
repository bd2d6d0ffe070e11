"""Currencies and price text: which currency a sign, word or code means, and the amount a
human-written price says ("1 299,00 €", "₹1,29,999", "۱۲٬۹۹۰ تومان").

Pure text in, values out: no HTML, no network. ``parse_price`` reads one price and
``currency_from_symbol`` one currency; ``price_candidates`` gives every plausible amount
in a longer text, for readers that must choose among them (the product page reader).
The separator rules are documented on ``_to_decimal``.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

__all__ = [
    "COUNTRY_CURRENCY",
    "PriceCandidate",
    "currency_from_symbol",
    "iso_code",
    "parse_price",
    "price_candidates",
    "valid_amount",
]

_CENT = Decimal("0.01")
_MAX_AMOUNT = Decimal(10) ** 12  # anything above is a parsing accident, not a price
_MAX_PRICE_TEXT = 10_000  # parse_price reads one price; a page's worth of text is not that

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
COUNTRY_CURRENCY: dict[str, str] = dict(pair.split("=") for pair in _COUNTRY_CURRENCY_LIST.split())


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
        code = iso_code(match.group())
        if code:
            hits.append(_Hit(match.start(), match.end(), _Marker(code, weak=code in _WEAK_CODES)))
    return sorted(hits, key=lambda hit: hit.start)


def iso_code(value: object) -> str | None:
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
    whole = iso_code(text)  # a bare code in any case, as priceCurrency often is ("eur")
    if whole:
        return whole
    hits = _find_markers(text)
    hit = next((h for h in hits if not h.marker.weak), hits[0] if hits else None)
    if hit is None:
        return None
    country = country_hint.strip().upper() if isinstance(country_hint, str) else None
    return _resolve(hit.marker, COUNTRY_CURRENCY.get(country or ""))


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


def valid_amount(value: Decimal | None) -> Decimal | None:
    """A price is finite, > 0 and not absurd; quantized to cents."""
    if value is None or not value.is_finite() or value <= 0 or value > _MAX_AMOUNT:
        return None
    cents = value.quantize(_CENT, rounding=ROUND_HALF_UP)
    return cents if cents > 0 else None


@dataclass(frozen=True)
class PriceCandidate:
    """One number found in a text, read as a price."""

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


def price_candidates(text: str, currency_hint: str | None) -> list[PriceCandidate]:
    """Every plausible amount in ``text``: those with a strong currency marker next to
    them first, then weakly marked, then unmarked ones; document order within each."""
    text = _normalise(text[:_MAX_PRICE_TEXT])
    hits = _find_markers(text)
    anywhere = next((hit for hit in hits if not hit.marker.weak), None)
    ranked: list[tuple[int, PriceCandidate]] = []
    for number in _numbers(text, hits):
        hit = hits[number.hit] if number.hit is not None else anywhere
        amount = _to_decimal(number.token)
        if amount is not None and hit is not None:
            amount *= hit.marker.factor
        amount = None if number.negative else valid_amount(amount)
        currency = _resolve(hit.marker, currency_hint) if hit is not None else currency_hint
        adjacent = number.hit is not None
        rank = (0 if hit is not None and not hit.marker.weak else 1) if adjacent else 2
        ranked.append((rank, PriceCandidate(amount, currency, hit is not None, adjacent)))
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
    candidates = price_candidates(text, iso_code(currency_hint))
    for candidate in candidates:
        if candidate.amount is not None:
            return candidate.amount, candidate.currency
    return None, candidates[0].currency if candidates else None
