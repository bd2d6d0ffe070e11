"""E-mail addresses and phone numbers written on a store's pages.

Parsing only: no network. Addresses come from ``mailto:`` links, Cloudflare's e-mail
protection (``data-cfemail``), ``data-email`` attributes, JSON-LD and the text a visitor
reads, including the usual obfuscations ("info [at] shop [dot] cz", "info(at)shop.cz",
"info at shop dot cz"; entities such as ``&#64;`` are decoded by the parser). Phones come
from ``tel:`` links, from text after a label ("Tel.", "Phone", "Телефон", "Puhelin",
"تلفن"...) and from international numbers ("+420 ...") anywhere in the text.

Phones are normalised to their digits, with a leading "+" when the number is written in
international form ("+", or "00" which becomes "+"); "+44 (0)20 ..." drops the "(0)".
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from urllib.parse import unquote

from bs4 import BeautifulSoup, Tag

from discountmarket.outreach.markup import Page, visible_text

__all__ = [
    "emails_in",
    "extract_emails",
    "extract_phones",
    "merge_phones",
    "normalise_phone",
    "phones_in",
    "presented_emails_in",
    "rank_emails",
    "same_phone",
]

_TEXT_LIMIT = 300_000  # characters of visible text read per page
_SCRIPT_LIMIT = 100  # JSON-LD scripts read per page
_LINK_LIMIT = 2_000  # mailto:/tel: links and data-* elements read per page


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


# --- e-mail --------------------------------------------------------------------------------

_EMAIL = re.compile(
    r"(?<![a-z0-9._%+-])"
    r"([a-z0-9](?:[a-z0-9._%+-]{0,62}[a-z0-9_-])?)"
    r"@((?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+(?:[a-z]{2,24}|xn--[a-z0-9-]{1,59}))"
    r"(?![a-z0-9-])",
    re.IGNORECASE,
)
_AT_WORDS = r"at|@|zavin[aá][cč]|собака|arroba|ät|snabel-a|miuku"
_DOT_WORDS = r"dot|tečka|tecka|точка|punto|point|punkt|piste|prik"
_BRACKETED_AT = re.compile(rf"\s*[\[({{<]\s*(?:{_AT_WORDS})\s*[\])}}>]\s*", re.IGNORECASE)
_BRACKETED_DOT = re.compile(rf"\s*[\[({{<]\s*(?:{_DOT_WORDS})\s*[\])}}>]\s*", re.IGNORECASE)
_SPELLED = re.compile(
    r"(?<![\w.+-])([a-z0-9][a-z0-9._+-]*)\s+at\s+([a-z0-9-]+(?:\s+dot\s+[a-z0-9-]+)+)(?![\w-])",
    re.IGNORECASE,
)
_SPELLED_DOT = re.compile(r"\s+dot\s+", re.IGNORECASE)

# Things shaped like addresses that are not: retina image names, placeholders, trackers.
_FILE_TLDS = _words(
    "png jpg jpeg gif webp svg bmp ico tif tiff avif heic css js mjs json xml pdf mp4 webm "
    "woff woff2 ttf eot otf map txt php html htm zip"
)
_JUNK_DOMAINS = _words(
    "example.com example.org example.net example.cz example.de domain.com yourdomain.com "
    "yoursite.com yourcompany.com company.com email.com site.com sentry.io wixpress.com "
    "sentry.wixpress.com sentry-next.wixpress.com"
)
_JUNK_SUFFIXES = (".invalid", ".localhost", ".local")  # (".example", ".test": test fixtures)
_HEX_LOCAL = re.compile(r"[0-9a-f]{20,}")

# Local parts by how useful they are to write to, best first. Anything unknown sits
# between support-like and low-value addresses.
_SALES = _words(
    "info sales sale obchod shop eshop e-shop store orders order objednavky objednavka "
    "kontakt kontakty contact contacts contacto hello hi office zakaz zakazy prodazha "
    "ventas vente ventes myynti salg verkauf mail post posti tilaukset bestilling "
    "kauppa butik"
)
_SUPPORT = _words(
    "support help service customerservice customer-service customercare care kundeservice "
    "kundenservice kundendienst asiakaspalvelu zakaznik zakaznici podpora servis "
    "atencion atencionalcliente soporte serviceclient sav feedback"
)
_LOW_VALUE = _words(
    "jobs job careers career hr press media marketing privacy gdpr dpo datenschutz abuse "
    "webmaster postmaster hostmaster admin administrator billing invoice invoices faktury "
    "ucetni accounting buchhaltung security laskutus lasku"
)
_NOREPLY = re.compile(r"^(?:no-?reply|do-?not-?reply|mailer-daemon|bounces?)(?:[+._-]|$)")


def _deobfuscate(text: str) -> str:
    text = _BRACKETED_AT.sub("@", text)
    text = _BRACKETED_DOT.sub(".", text)
    return _SPELLED.sub(lambda m: f"{m[1]}@{_SPELLED_DOT.sub('.', m[2])}", text)


def _clean_email(local: str, domain: str) -> str | None:
    local, domain = local.lower(), domain.lower().rstrip(".")
    if len(local) > 64 or len(local) + len(domain) + 1 > 254 or ".." in local:
        return None
    if domain.rsplit(".", 1)[-1] in _FILE_TLDS or domain in _JUNK_DOMAINS:
        return None
    if domain.endswith(_JUNK_SUFFIXES) or domain.startswith("example."):
        return None
    if _HEX_LOCAL.fullmatch(local):  # error-tracker keys ("3f1c...@o123.ingest.sentry.io")
        return None
    return f"{local}@{domain}"


def _emails_in_text(text: str) -> Iterator[str]:
    for match in _EMAIL.finditer(_deobfuscate(text)):
        address = _clean_email(match[1], match[2])
        if address:
            yield address


def _cloudflare_email(encoded: str) -> str:
    """Cloudflare's e-mail protection: hex bytes, the first one XOR-ing the rest."""
    try:
        data = bytes.fromhex(encoded.strip())
    except ValueError:
        return ""
    if len(data) < 2:
        return ""
    return bytes(byte ^ data[0] for byte in data[1:]).decode("utf-8", errors="replace")


def _attribute_emails(soup: BeautifulSoup) -> Iterator[str]:
    for link in soup.find_all(["a", "area"], href=True, limit=_LINK_LIMIT):
        href = str(link.get("href") or "").strip()
        if href[:7].lower() == "mailto:":
            yield from _emails_in_text(unquote(href[7:].split("?", 1)[0]).replace(",", " "))
    for tag in soup.find_all(attrs={"data-cfemail": True}, limit=_LINK_LIMIT):
        yield from _emails_in_text(_cloudflare_email(str(tag.get("data-cfemail"))))
    for name in ("data-email", "data-mail"):
        for tag in soup.find_all(attrs={name: True}, limit=_LINK_LIMIT):
            yield from _emails_in_text(str(tag.get(name)))


def _jsonld_texts(soup: BeautifulSoup) -> Iterator[str]:
    for script in soup.find_all("script", limit=_SCRIPT_LIMIT * 5):
        kind = str(script.get("type") or "").split(";")[0].strip().lower()
        if kind == "application/ld+json":
            yield script.get_text()[:_TEXT_LIMIT]


def _page_text(soup: BeautifulSoup) -> str:
    root = soup.body if isinstance(soup.body, Tag) else soup
    return visible_text(root, _TEXT_LIMIT)


def _unique(items: Iterable[str]) -> list[str]:
    return list(dict.fromkeys(items))


def emails_in(soup: BeautifulSoup) -> list[str]:
    """Addresses on a parsed page, lower-case, de-duplicated, in the order found (links
    and attributes first, then JSON-LD, then the visible text)."""
    found = list(_attribute_emails(soup))
    for text in _jsonld_texts(soup):
        found.extend(_emails_in_text(text))
    found.extend(_emails_in_text(_page_text(soup)))
    return _unique(found)


# Where a site presents its own contact details: its header, footer, navigation, an
# <address> block, or a block named for them. Articles, reviews and comments are not it.
_CHROME_TAGS = ("footer", "header", "nav", "address")
_CHROME_ROLES = ("contentinfo", "banner")
_CHROME_NAMES = re.compile(r"footer|header|contact|kontakt|imprint|impressum|colophon", re.I)
_CHROME_LIMIT = 200  # blocks looked at per page


# What visitors write: an address there is theirs, whatever page it stands on.
_USER_CONTENT = re.compile(
    r"comment|review|reply|replies|forum|discussion|testimonial|question|answer|ugc", re.I
)


def presented_emails_in(soup: BeautifulSoup, *, contact_page: bool = False) -> list[str]:
    """Addresses the site itself presents as its contact: in its header, footer,
    navigation, an <address> or imprint block, or anywhere on its contact page — never in
    what visitors wrote there (comments, reviews, questions)."""
    found: list[str] = []
    for block in _blocks(soup, _CHROME_TAGS, _CHROME_ROLES, _CHROME_NAMES):
        found.extend(emails_in(block))
    if contact_page:
        found.extend(emails_in(soup))
    # An address visitors also wrote somewhere is not taken on the site's word.
    written = {a for block in _blocks(soup, (), (), _USER_CONTENT) for a in emails_in(block)}
    return [a for a in _unique(found) if a not in written]


def _blocks(
    soup: BeautifulSoup, tags: tuple[str, ...], roles: tuple[str, ...], names: re.Pattern[str]
) -> list[Tag]:
    blocks = list(soup.find_all(tags, limit=_CHROME_LIMIT)) if tags else []
    if roles:
        blocks += soup.find_all(attrs={"role": list(roles)}, limit=_CHROME_LIMIT)
    for name in ("id", "class"):
        blocks += soup.find_all(attrs={name: names}, limit=_CHROME_LIMIT)
    return blocks


def _tier(address: str) -> int:
    local = address.split("@", 1)[0]
    base = re.split(r"[+]", local, maxsplit=1)[0]
    if _NOREPLY.match(local):
        return 4
    if base in _SALES:
        return 0
    if base in _SUPPORT:
        return 1
    if base in _LOW_VALUE:
        return 3
    return 2


def rank_emails(groups: Iterable[tuple[bool, Iterable[str]]]) -> list[str]:
    """Merge addresses from several pages, best first.

    ``groups`` are (found on a contact page, addresses in page order). Order: no-reply
    addresses last; then low-value ones (jobs@, privacy@...); then contact-page addresses
    before the rest; then sales-like (info@, sales@, obchod@, shop@...) before support-like
    before others; then the order found.
    """
    best: dict[str, tuple[bool, bool, bool, int, int]] = {}
    position = 0
    for on_contact_page, addresses in groups:
        for address in addresses:
            tier = _tier(address)
            key = (tier == 4, tier == 3, not on_contact_page, tier, position)
            position += 1
            if address not in best or key < best[address]:
                best[address] = key
    return sorted(best, key=best.__getitem__)


def extract_emails(html: str) -> list[str]:
    """Addresses in a page (or plain text), lower-case, de-duplicated, best first."""
    page = Page.load(html, "") if isinstance(html, str) else None
    found = emails_in(page.soup) if page else _unique(_emails_in_text(str(html or "")))
    return rank_emails([(False, found)])


# --- phones --------------------------------------------------------------------------------

_DIGITS = str.maketrans("۰۱۲۳۴۵۶۷۸۹٠١٢٣٤٥٦٧٨٩", "01234567890123456789")
_INVISIBLE = re.compile(r"[\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]")
_PHONE = r"(?:\+|00)?\(?\d[\d \t\u00a0\u2009\u202f().\-/]{4,24}\d"
_LABEL = (
    r"telephone|telefon(?:o|ní|ni|nummer|numero|nr)?|teléfono|téléphone|tel|tlf|tél|"
    r"phone|mobile|mobil|mob|gsm|fon|hotline|call us|ring til os|rufen sie uns an|"
    r"puhelin(?:numero)?|puh|soita|linka|телефон|тел|моб|"
    r"تلفن(?: همراه)?|همراه|موبایل|شماره تماس"
)
_LABELLED_PHONE = re.compile(rf"(?<!\w)(?:{_LABEL})(?!\w)[^\d+]{{0,30}}?({_PHONE})", re.IGNORECASE)
_INTERNATIONAL_PHONE = re.compile(r"(?<![\w+])(\+\d[\d \u00a0().\-/]{6,22}\d)(?!\d)")
_TRUNK_ZERO = re.compile(r"\(0\)")
_FAX = re.compile(r"fax|факс|faksi|فکس|نمابر", re.IGNORECASE)


def normalise_phone(raw: str) -> str | None:
    """Digits, with a leading "+" for an international number; None if it is not a phone."""
    raw = _INVISIBLE.sub("", raw.translate(_DIGITS)).strip()
    international = raw.startswith(("+", "00"))
    if international:
        raw = _TRUNK_ZERO.sub("", raw)
    digits = re.sub(r"\D", "", raw)
    if raw.startswith("00"):
        digits = digits[2:]
    if not 7 <= len(digits) <= 15:
        return None
    return f"+{digits}" if international else digits


def same_phone(a: str, b: str) -> bool:
    """The same number written with and without its country code: "+420603123456" and
    "603123456", "+441142726093" and "01142726093" (trunk 0), "+78005553535" and
    "88005553535" (trunk 8). Two national or two international forms must match in full,
    except for a differing trunk digit judged on the last nine digits."""
    if a == b:
        return True
    if a.startswith("+") != b.startswith("+"):
        international, national = (a, b) if a.startswith("+") else (b, a)
        cores = [national, national[1:] if national[:1] in "08" else national]
        return any(len(core) >= 7 and international.endswith(core) for core in cores)
    return min(len(a), len(b)) >= 9 and a[-9:] == b[-9:]


def _phones_in_text(text: str) -> Iterator[str]:
    text = _INVISIBLE.sub("", text.translate(_DIGITS))
    for pattern in (_LABELLED_PHONE, _INTERNATIONAL_PHONE):
        for match in pattern.finditer(text):
            line = text[max(0, match.start(1) - 25) : match.start(1)].rsplit("\n", 1)[-1]
            if _FAX.search(line):
                continue  # "Fax: +49 ...", "Tel./Fax: ..."
            phone = normalise_phone(match[1])
            if phone:
                yield phone


def _unique_phones(phones: Iterable[str]) -> list[str]:
    """Without repeats, keeping the first place a number was seen and its international
    form when it was written both ways."""
    kept: list[str] = []
    for phone in phones:
        index = next((i for i, other in enumerate(kept) if same_phone(phone, other)), None)
        if index is None:
            kept.append(phone)
        elif phone.startswith("+") and not kept[index].startswith("+"):
            kept[index] = phone
    return kept


def phones_in(soup: BeautifulSoup) -> list[str]:
    """Phones on a parsed page, normalised, de-duplicated, in the order found (tel: links,
    then JSON-LD, then the visible text)."""
    found: list[str] = []
    for link in soup.find_all(["a", "area"], href=True, limit=_LINK_LIMIT):
        href = str(link.get("href") or "").strip()
        if href[:4].lower() == "tel:":
            phone = normalise_phone(unquote(href[4:]))
            if phone:
                found.append(phone)
    for text in _jsonld_texts(soup):
        found.extend(_phones_in_text(text))
    found.extend(_phones_in_text(_page_text(soup)))
    return _unique_phones(found)


def merge_phones(groups: Iterable[Iterable[str]]) -> list[str]:
    """Phones from several pages, in the order given, without repeats."""
    return _unique_phones(phone for group in groups for phone in group)


def extract_phones(html: str) -> list[str]:
    """Phones in a page (or plain text), normalised and de-duplicated."""
    page = Page.load(html, "") if isinstance(html, str) else None
    if page is None:
        return _unique_phones(_phones_in_text(str(html or "")))
    return phones_in(page.soup)
