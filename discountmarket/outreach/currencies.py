"""Currencies: which currency a sign, word or code means ("€", "kr", "Kč", "تومان",
"USD"), and where such markers stand in a text.

Pure text in, values out: no HTML, no network. ``currency_from_symbol`` reads one currency;
``find_markers`` lists every marker in a text for the price reader (``prices.py``), which
pairs them with the amounts next to them. An ambiguous sign ("$", "¥", "kr", "Rs", rial,
"lei") names a family of currencies, and a country hint (a shop's ccTLD) picks among them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from babel import numbers
from babel.core import get_global

__all__ = [
    "COUNTRY_CURRENCY",
    "Hit",
    "Marker",
    "country_currency",
    "country_of",
    "currency_from_symbol",
    "domain_currency",
    "find_markers",
    "iso_code",
    "language_country",
    "normalise_text",
    "pick_currency",
]

# Persian and Arabic-Indic digits, full-width digits; the Arabic thousands separator
# becomes an apostrophe (always a thousands separator to the price reader).
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


def normalise_text(text: str) -> str:
    """Price text as both readers see it: native and full-width digits as ASCII, bidi and
    zero-width marks dropped."""
    return _INVISIBLE.sub("", text.translate(_DIGITS))


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
_LIKELY: dict[str, str] = dict(get_global("likely_subtags"))


def country_of(host: str) -> str:
    """The country code a host's top-level domain names ("shop.co.uk" → GB; "shop.com" →
    COM, which no table knows)."""
    country = host.rstrip(".").rsplit(".", 1)[-1].upper()
    return "GB" if country == "UK" else country


def language_country(tag: str) -> tuple[str | None, str | None]:
    """The country a language tag states ("sv-SE", "sv_SE": SE) and the one its language
    is most used in (CLDR likely subtags: "sv" -> SE, "nb" -> NO)."""
    parts = re.split(r"[-_]", tag.strip())
    language = parts[0].lower() if parts and parts[0].isalpha() else ""
    stated = next((p.upper() for p in parts[1:] if len(p) == 2 and p.isalpha()), None)
    likely = _LIKELY.get(language, "").split("_")
    return stated, likely[-1] if len(likely) > 1 else None


def country_currency(host: str) -> str | None:
    """The currency of an ambiguous sign a country-code domain settles ("$" on .ca: CAD)."""
    return COUNTRY_CURRENCY.get(country_of(host))


def domain_currency(host: str) -> str | None:
    """The currency a shop on a country-code domain most likely sells in ("shop.ru": RUB,
    "shop.de": EUR), from CLDR's territory currencies; None for generic domains."""
    try:
        current = numbers.get_territory_currencies(country_of(host), tender=True)
    except Exception:  # not a territory CLDR knows
        return None
    return current[0] if len(current) == 1 else None


@dataclass(frozen=True)
class Marker:
    """What a currency sign, word or code means."""

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
_MARKERS: tuple[tuple[str, Marker], ...] = (
    (_lead(r"US\$"), Marker("USD")),
    (_lead(r"CA\$|C\$"), Marker("CAD")),
    (_lead(r"AU\$|A\$"), Marker("AUD")),
    (_lead(r"NZ\$"), Marker("NZD")),
    (_lead(r"HK\$"), Marker("HKD")),
    (_lead(r"SG\$|S\$"), Marker("SGD")),
    (_lead(r"MX\$"), Marker("MXN")),
    (_lead(r"NT\$"), Marker("TWD")),
    (_lead(r"R\$"), Marker("BRL")),
    ("[$\uff04]", Marker("USD", _DOLLARS)),
    ("\u20ac", Marker("EUR")),
    (_word("[Ee]uros?|EURO|\u0435\u0432\u0440\u043e"), Marker("EUR")),  # евро
    ("[\u00a3\uffe1]", Marker("GBP")),
    ("[\u00a5\uffe5]", Marker("JPY", _YEN)),
    (_lead("\u5186"), Marker("JPY")),  # 円
    (_lead("\u5143"), Marker("CNY")),  # 元
    ("\u20b9", Marker("INR")),
    (_word(r"Rs\.?") + "|\u20a8", Marker("INR", _RUPEES)),
    ("\u20bd", Marker("RUB")),
    # Russian: rub, rub., rublej (any ending) and the short r. / r (Cyrillic)
    (_word("\u0440\u0443\u0431[\u0430-\u044f\u0451]*\\.?|\u0440\\.?"), Marker("RUB")),
    ("\u20b4", Marker("UAH")),
    (_word("\u0433\u0440\u043d\\.?"), Marker("UAH")),  # грн
    (_word("\u043b\u0432\\.?"), Marker("BGN")),  # лв
    ("\u20ba", Marker("TRY")),
    (_word("TL"), Marker("TRY")),
    ("\u20a9", Marker("KRW")),
    (_lead("\uc6d0"), Marker("KRW")),  # 원
    ("\u20aa", Marker("ILS")),
    ("\u20ab", Marker("VND")),
    ("\u0e3f", Marker("THB")),
    ("\u20b1", Marker("PHP")),
    ("\u20a6", Marker("NGN")),
    ("\u20b8", Marker("KZT")),
    ("\u20be", Marker("GEL")),
    ("\u20bc", Marker("AZN")),
    ("\u20b5", Marker("GHS")),
    ("\u20a1", Marker("CRC")),
    ("\u20b2", Marker("PYG")),
    ("\u20ae", Marker("MNT")),
    (_word("z\u0142"), Marker("PLN")),  # zł
    (_word("K\u010d"), Marker("CZK")),  # Kč
    (_word("Ft"), Marker("HUF")),
    (_word("lei|Lei|LEI"), Marker("RON", _LEI)),
    (_word(r"kr\.?|Kr\.?|KR"), Marker("DKK", _KRONER)),
    (_word(r"Rp\.?"), Marker("IDR")),
    (_word("RM"), Marker("MYR")),
    (_word(r"SFr\.|Fr\."), Marker("CHF")),
    # تومان / تومن: one toman is ten rial.
    (_word("\u062a\u0648\u0645\u0627\u0646|\u062a\u0648\u0645\u0646"), Marker("IRR", factor=10)),
    # ریال (Persian spelling), ريال (Arabic spelling), the rial sign ﷼
    (
        _word("\u0631\u06cc\u0627\u0644|\u0631\u064a\u0627\u0644") + "|\ufdfc",
        Marker("IRR", _RIALS),
    ),
    (_word("\u0631\\.\u0633"), Marker("SAR")),  # ر.س
    (_word("\u062f\\.\u0625"), Marker("AED")),  # د.إ
)
_MARKER_RE = re.compile("|".join(f"(?P<m{i}>{p})" for i, (p, _) in enumerate(_MARKERS)))
_ISO_RE = re.compile(r"(?<![^\W\d_])[A-Z]{3}(?![^\W\d_])")


@dataclass(frozen=True)
class Hit:
    """A marker found in a text, and where."""

    start: int
    end: int
    marker: Marker


def find_markers(text: str) -> list[Hit]:
    """Every currency marker in (normalised) ``text``, in order; ISO codes that are also
    everyday words ("ALL", "TOP") come out weak."""
    hits = []
    for match in _MARKER_RE.finditer(text):
        marker = _MARKERS[int((match.lastgroup or "m0")[1:])][1]
        hits.append(Hit(match.start(), match.end(), marker))
    for match in _ISO_RE.finditer(text):
        code = iso_code(match.group())
        if code:
            hits.append(Hit(match.start(), match.end(), Marker(code, weak=code in _WEAK_CODES)))
    return sorted(hits, key=lambda hit: hit.start)


def iso_code(value: object) -> str | None:
    """The ISO code ``value`` spells (in any case), or None."""
    if not isinstance(value, str):
        return None
    code = value.strip().upper()
    code = _ISO_ALIASES.get(code, code)
    return code if code in _ISO_CODES else None


def pick_currency(marker: Marker, preferred: str | None) -> str:
    """The marker's currency: ``preferred`` when it is one of its family, else its default."""
    return preferred if preferred in marker.family else marker.currency


def currency_from_symbol(text: str, *, country_hint: str | None = None) -> str | None:
    """The ISO code for the first currency sign, word or code in ``text``.

    Ambiguous signs ("$", "¥", "kr", "Rs", rial, "lei") use ``country_hint`` (ISO 3166,
    e.g. "SE") when it names a country using one of that sign's currencies, otherwise
    their default: USD, JPY, DKK, INR, IRR, RON. The toman reports IRR.
    """
    if not isinstance(text, str):
        return None
    text = normalise_text(text)
    whole = iso_code(text)  # a bare code in any case, as priceCurrency often is ("eur")
    if whole:
        return whole
    hits = find_markers(text)
    hit = next((h for h in hits if not h.marker.weak), hits[0] if hits else None)
    if hit is None:
        return None
    country = country_hint.strip().upper() if isinstance(country_hint, str) else None
    return pick_currency(hit.marker, COUNTRY_CURRENCY.get(country or ""))
