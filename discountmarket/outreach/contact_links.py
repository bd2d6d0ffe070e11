# ruff: noqa: RUF001 — contact words in Cyrillic and Persian are the point of the lists.
"""Which links of a page lead to a store's contact page: by their text (menu entries in the
languages our stores write in), their address (the URL shapes of the common platforms:
Shopify ``/pages/contact``, OpenCart ``route=information/contact``, PrestaShop
``controller=contact``, Magento ``/contact/index/``, Bitrix ``/feedback/``…) and where
they sit (header, navigation, footer). ``discovery.probe`` follows them. Pure: no network.
"""

from __future__ import annotations

import itertools
import re
import unicodedata
from urllib.parse import unquote, urlsplit

from bs4 import BeautifulSoup, Tag

from discountmarket import weburl
from discountmarket.outreach.markup import ANCESTOR_LIMIT, Page, absolute_url, visible_text

__all__ = ["canonical", "contact_links", "find_contact_links", "site_key", "url_score"]

_LINK_LIMIT = 3_000  # <a> elements read per page
_LINKS_PER_PAGE = 20  # contact candidates kept per page
_TEXT_WORDS = 8  # longer link texts are sentences, not menu entries
_MIN_SCORE = 3

# Contact words, folded (see ``fold``): lower-case, no accents, punctuation as spaces.
# Strong: the page to write to a shop. Medium: customer service, support, feedback.
# Weak: legal notices that carry the address (Impressum). Transliterations are the URL
# slugs platforms make of the same words ("/zvorotnij-zvyazok", "/napisz-do-nas").
_STRONG = """
    contact | contacts | contact us | contactus | contact form | contact page | get in touch |
    write to us | email us | contact information | contact info |
    kontakt | kontakty | kontakte | kontakti | kontaktai | kontaktid | kontaktformular |
    kontakt os | kontakt oss | kontakta oss | kontaktieren sie uns | kontaktiere uns |
    schreiben sie uns | schreib uns | kontaktinformation | kontaktujte nas | kontaktni formular |
    kontaktni udaje | kontaktne udaje | napiste nam | napisz do nas | kontakt z nami |
    skontaktuj sie z nami | formularz kontaktowy | ota yhteytta | yhteystiedot | yhteydenotto |
    контакты | контакт | контактная информация | обратная связь | связаться с нами |
    связаться | свяжитесь с нами | написать нам | напишите нам | obratnaya svyaz | svyaz |
    svyazatsya s nami | svyazhites s nami | napishite nam |
    контакти | зворотний звязок | зворотній звязок | звязатися з нами | напишіть нам |
    zvorotnij zvyazok | zvorotniy zvyazok | zvorotnyi zviazok | zvyazatysya z namy |
    contacto | contactos | contactenos | contactanos | contactar | contacta con nosotros |
    escribenos | formulario de contacto | contactez nous | nous contacter | ecrivez nous |
    contatti | contattaci | contattateci | contatto | scrivici | modulo di contatto |
    contato | fale conosco | fale connosco | contacte nos | entre em contato |
    neem contact op | contact opnemen | contacteer ons | contact met ons | kapcsolat |
    kontaktirajte nas | تماس با ما | ارتباط با ما | تماس | tamas | tamas ba ma | ertebat ba ma
"""
_MEDIUM = """
    customer service | customer services | customer care | customer support | support |
    help and contact | help contact | kundeservice | kundenservice | kundendienst |
    kundtjanst | kundservice | kundesenter | asiakaspalvelu | asiakastuki |
    atencion al cliente | servicio al cliente | service client | service clients |
    service clientele | servizio clienti | assistenza clienti | atendimento |
    atendimento ao cliente | klantenservice | klantendienst | obsluga klienta |
    zakaznicky servis | zakaznicka podpora | zakaznicke centrum | служба поддержки |
    поддержка | задать вопрос | служба підтримки | підтримка | feedback | پشتیبانی
"""
_WEAK = "impressum | imprint | legal notice | mentions legales | aviso legal"
_BLOCK_WORDS = ("header", "footer", "nav", "menu", "topbar", "top-links", "toplinks")
_FILE_EXTENSIONS = frozenset(("html", "htm", "php", "asp", "aspx", "jsp", "shtml"))
_NOT_PAGES = re.compile(r"\.(?:pdf|jpe?g|png|gif|webp|svg|zip|docx?|xlsx?|mp4|css|js)$", re.I)
# A path ending in an index page names its folder: Magento's "/contact/index/".
_INDEX_SEGMENTS = frozenset(("index", "default"))
_ROUTE_PARAMS = ("route", "controller", "page", "fc", "module", "id")
# Letters NFKD leaves whole ("obsługa" -> "obsluga"); the Ukrainian apostrophe is a letter
# to Unicode ("звʼязок"), dropped as in the lists ("звязок").
_SAME_LETTERS = str.maketrans(
    {"ي": "ی", "ك": "ک", "ł": "l", "ø": "o", "æ": "ae", "đ": "d", "'": "", "’": "", "ʼ": ""}
)


def fold(text: str) -> str:
    """Lower-case, accents and punctuation dropped, Arabic letter forms unified, spaces
    collapsed: the form both link texts and the word lists are compared in."""
    text = unicodedata.normalize("NFKD", text.lower().translate(_SAME_LETTERS))
    text = "".join(char for char in text if not unicodedata.combining(char))
    text = text.replace("&", " and ")
    return " ".join(re.sub(r"[\W_]+", " ", text).split())


def _phrases(spec: str) -> frozenset[str]:
    return frozenset(fold(item) for item in spec.split("|") if item.strip())


_WEIGHTS = (
    (_phrases(_STRONG), 10),
    (_phrases(_MEDIUM), 7),
    (_phrases(_WEAK), 4),
)


def phrase_score(folded: str, *, exact_only: bool = False) -> int:
    """Weight of the best contact phrase in ``folded``: full when it is the whole text,
    half when it is a whole-word part of a short text."""
    if not folded:
        return 0
    padded = f" {folded} "
    best = 0
    for phrases, weight in _WEIGHTS:
        if folded in phrases:
            best = max(best, weight)
        elif (
            not exact_only
            and len(folded.split()) <= _TEXT_WORDS
            and any(f" {phrase} " in padded for phrase in phrases)
        ):
            best = max(best, weight // 2)
    return best


def url_score(url: str) -> int:
    """Score of the URL's last path segment when it is a contact word (numbers and a
    file extension aside: "/contact-us-2", "/contact.php"; an index page counts as its
    folder), or of a route=/controller= query value ("index.php?route=information/contact")."""
    parts = urlsplit(url)
    segments = [_segment_words(seg) for seg in unquote(parts.path).split("/")]
    segments = [words for words in segments if words]
    while len(segments) > 1 and segments[-1] in _INDEX_SEGMENTS:
        segments.pop()
    last = segments[-1] if segments else ""
    score = phrase_score(last, exact_only=True) if last else 0
    for pair in unquote(parts.query).split("&"):
        name, _, value = pair.partition("=")
        if name.lower() in _ROUTE_PARAMS:
            score = max(score, phrase_score(fold(value.rsplit("/", 1)[-1]), exact_only=True))
    return score * 4 // 5


def _segment_words(segment: str) -> str:
    if "." in segment and segment.rsplit(".", 1)[1].lower() in _FILE_EXTENSIONS:
        segment = segment.rsplit(".", 1)[0]
    return " ".join(word for word in fold(segment).split() if not word.isdigit())


def _in_page_block(link: Tag) -> bool:
    for parent in itertools.islice(link.parents, ANCESTOR_LIMIT):
        if not isinstance(parent, Tag) or parent.name in ("body", "html"):
            return False
        if parent.name in ("header", "footer", "nav"):
            return True
        if parent.get("role") in ("navigation", "banner", "contentinfo"):
            return True
        names = " ".join([*(parent.get("class") or []), str(parent.get("id") or "")]).lower()
        if any(word in names for word in _BLOCK_WORDS):
            return True
    return False


def site_key(url: str) -> tuple[str, int | None] | None:
    """The store a URL belongs to (``weburl.registrable_domain``: www., other subdomains,
    http and https are one site; a shared host's customers are not), and its port when that
    is not a default one (another server); None if unusable."""
    try:
        parts = weburl.split_url(url)
        port = parts.port if parts.port not in (None, *weburl.DEFAULT_PORTS.values()) else None
        return weburl.registrable_domain(url), port
    except ValueError:
        return None


def canonical(url: str) -> str:
    """One spelling per page, so a page is read once."""
    try:
        return weburl.canonical_url(url)
    except ValueError:
        return url


def _link_text(link: Tag) -> str:
    text = visible_text(link, 300)
    if not text.strip():
        image = link.find("img", alt=True)
        text = " ".join(
            str(value)
            for value in (link.get("aria-label"), link.get("title"), image and image.get("alt"))
            if value
        )
    return text


def contact_links(soup: BeautifulSoup, page_url: str) -> list[tuple[int, str]]:
    """(score, absolute URL) of same-site links that look like contact pages, best first."""
    base_tag = soup.find("base", href=True)
    base = absolute_url(base_tag.get("href"), page_url) if isinstance(base_tag, Tag) else None
    base = base or page_url
    here = canonical(page_url)
    site = site_key(page_url)
    scores: dict[str, int] = {}
    for link in soup.find_all(["a", "area"], href=True, limit=_LINK_LIMIT):
        url = absolute_url(link.get("href"), base)
        if url is None or site_key(url) != site or _NOT_PAGES.search(urlsplit(url).path):
            continue
        url = canonical(url)
        if url == here:
            continue  # "#contacts" on the same page: nothing more to fetch
        text = phrase_score(fold(_link_text(link)))
        score = text + url_score(url)
        if score and _in_page_block(link):
            score += 2
        if score >= _MIN_SCORE and score > scores.get(url, 0):
            scores[url] = score
    ranked = sorted(scores.items(), key=lambda item: -item[1])  # stable: document order
    return [(score, url) for url, score in ranked[:_LINKS_PER_PAGE]]


def find_contact_links(html: str, page_url: str) -> list[str]:
    """Same-site links of a page that look like contact pages, best first."""
    page = Page.load(html, page_url)
    return [url for _, url in contact_links(page.soup, page_url)] if page else []
