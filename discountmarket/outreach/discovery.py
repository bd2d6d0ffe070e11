# ruff: noqa: RUF001 — contact words in Cyrillic and Persian are the point of the lists.
"""Store discovery: from a shop's address to its contact pages, e-mail addresses, phones
and forms.

``probe`` fetches the start page (a failure there is fatal and raised), then follows the
links that look like contact pages (by their text, their URL and where they sit: header,
navigation, footer) in many languages, visiting at most ``max_pages`` pages of the same
site. Every fetch goes through the guarded client, so robots.txt, the address checks and
the politeness interval apply. A contact page robots.txt forbids is not fetched (a
``robots`` error is recorded), and a contact form whose action robots.txt forbids is
marked not submittable.

Reading forms is ``forms.py``'s job, reading addresses and phones ``contacts.py``'s.
"""

from __future__ import annotations

import dataclasses
import itertools
import json
import re
import time
import unicodedata
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import unquote, urlsplit

from bs4 import BeautifulSoup, Tag

from discountmarket import weburl
from discountmarket.outreach.contacts import (
    emails_in,
    extract_emails,
    extract_phones,
    merge_phones,
    phones_in,
    presented_emails_in,
    rank_emails,
)
from discountmarket.outreach.decoding import decode
from discountmarket.outreach.forms import FormPlan, analyse_forms
from discountmarket.outreach.http import FetchError, FetchResult, GuardedClient
from discountmarket.outreach.markup import ANCESTOR_LIMIT, Page, absolute_url, visible_text

__all__ = [
    "ProbeError",
    "ProbeResult",
    "extract_emails",
    "extract_phones",
    "find_contact_links",
    "probe",
]

_LINK_LIMIT = 3_000  # <a> elements read per page
_LINKS_PER_PAGE = 20  # contact candidates kept per page
_TEXT_WORDS = 8  # longer link texts are sentences, not menu entries
_MIN_SCORE = 3

# Contact words, folded (see ``_fold``): lower-case, no accents, punctuation as spaces.
# Strong: the page to write to a shop. Medium: customer service, support, feedback.
# Weak: legal notices that carry the address (Impressum).
_STRONG = """
    contact | contacts | contact us | contactus | contact form | contact page | get in touch |
    kontakt | kontakty | kontakte | kontakti | kontaktai | kontaktid | kontaktformular |
    kontakt os | kontakt oss | kontakta oss | kontaktieren sie uns | kontaktujte nas |
    kontaktni formular | napiste nam | ota yhteytta | yhteystiedot | yhteydenotto |
    контакты | контакт | контактная информация | обратная связь | связаться с нами |
    свяжитесь с нами | написать нам | напишите нам | obratnaya svyaz | svyaz |
    contacto | contactenos | contactanos | contactar | contactez nous | nous contacter |
    contatti | contattaci | contato | fale conosco | neem contact op | kontaktirajte nas |
    تماس با ما | ارتباط با ما | تماس | tamas | tamas ba ma | ertebat ba ma
"""
_MEDIUM = """
    customer service | customer services | customer care | customer support | support |
    help and contact | help contact | kundeservice | kundenservice | kundendienst |
    kundtjanst | asiakaspalvelu | atencion al cliente | servicio al cliente |
    service client | service clients | service clientele | zakaznicky servis |
    zakaznicka podpora | zakaznicke centrum | служба поддержки | поддержка |
    feedback | پشتیبانی
"""
_WEAK = "impressum | imprint | legal notice | mentions legales | aviso legal"
PROBE_BUDGET = 60.0  # seconds for a whole probe (OUTREACH_PROBE_BUDGET)
MAX_FORMS_PER_PAGE = 20  # forms read on one page; a real shop has a few
_ROBOTS_CHECKS = 3  # distinct form actions whose robots.txt a probe asks about
_BLOCK_WORDS = ("header", "footer", "nav", "menu", "topbar", "top-links", "toplinks")
_FILE_EXTENSIONS = frozenset(("html", "htm", "php", "asp", "aspx", "jsp", "shtml"))
_NOT_PAGES = re.compile(r"\.(?:pdf|jpe?g|png|gif|webp|svg|zip|docx?|xlsx?|mp4|css|js)$", re.I)


def _fold(text: str) -> str:
    """Lower-case, accents and punctuation dropped, Arabic letter forms unified, spaces
    collapsed: the form both link texts and the word lists are compared in."""
    text = unicodedata.normalize("NFKD", text.lower())
    text = "".join(char for char in text if not unicodedata.combining(char))
    text = text.replace("ي", "ی").replace("ك", "ک").replace("&", " and ")
    return " ".join(re.sub(r"[\W_]+", " ", text).split())


def _phrases(spec: str) -> frozenset[str]:
    return frozenset(_fold(item) for item in spec.split("|") if item.strip())


_WEIGHTS = (
    (_phrases(_STRONG), 10),
    (_phrases(_MEDIUM), 7),
    (_phrases(_WEAK), 4),
)


@dataclass
class ProbeError:
    url: str
    code: str
    message: str


@dataclass
class ProbeResult:
    url: str  # the start URL, after redirects
    contact_pages: list[str] = field(default_factory=list)  # absolute, best first
    emails: list[str] = field(default_factory=list)  # best first
    # Of those, the ones the site presents as its own contact (on a contact page, or in its
    # header, footer or imprint): not merely mentioned in a page's content.
    presented_emails: list[str] = field(default_factory=list)
    phones: list[str] = field(default_factory=list)
    forms: list[FormPlan] = field(default_factory=list)  # contact forms first
    errors: list[ProbeError] = field(default_factory=list)  # non-fatal

    def to_json(self) -> dict[str, Any]:
        return {
            "url": self.url,
            "contact_pages": list(self.contact_pages),
            "emails": list(self.emails),
            "phones": list(self.phones),
            "forms": [plan.to_json() for plan in self.forms],
            "errors": [dataclasses.asdict(error) for error in self.errors],
        }

    @property
    def best_contact_form(self) -> FormPlan | None:
        """The first contact form we could submit, if any."""
        return next((p for p in self.forms if p.kind == "contact" and p.submittable), None)


# --- finding contact links -------------------------------------------------------------------


def _phrase_score(folded: str, *, exact_only: bool = False) -> int:
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


def _url_score(url: str) -> int:
    """Score of the URL's last path segment when it is a contact word (numbers and a
    file extension aside: "/contact-us-2", "/contact.php"), or of a route=/controller=
    query value ("index.php?route=information/contact")."""
    parts = urlsplit(url)
    segments = [seg for seg in unquote(parts.path).split("/") if seg]
    last = segments[-1] if segments else ""
    if "." in last and last.rsplit(".", 1)[1].lower() in _FILE_EXTENSIONS:
        last = last.rsplit(".", 1)[0]
    words = [word for word in _fold(last).split() if not word.isdigit()]
    score = _phrase_score(" ".join(words), exact_only=True) if words else 0
    for pair in unquote(parts.query).split("&"):
        name, _, value = pair.partition("=")
        if name.lower() in ("route", "controller", "page", "fc", "module"):
            score = max(score, _phrase_score(_fold(value.rsplit("/", 1)[-1]), exact_only=True))
    return score * 4 // 5


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


def _site_key(url: str) -> tuple[str, int | None] | None:
    """The store a URL belongs to (``weburl.registrable_domain``: www., other subdomains,
    http and https are one site; a shared host's customers are not), and its port when that
    is not a default one (another server); None if unusable."""
    try:
        parts = weburl.split_url(url)
        port = parts.port if parts.port not in (None, *weburl.DEFAULT_PORTS.values()) else None
        return weburl.registrable_domain(url), port
    except ValueError:
        return None


def _canonical(url: str) -> str:
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


def _contact_links(soup: BeautifulSoup, page_url: str) -> list[tuple[int, str]]:
    """(score, absolute URL) of same-site links that look like contact pages, best first."""
    base_tag = soup.find("base", href=True)
    base = absolute_url(base_tag.get("href"), page_url) if isinstance(base_tag, Tag) else None
    base = base or page_url
    here = _canonical(page_url)
    site = _site_key(page_url)
    scores: dict[str, int] = {}
    for link in soup.find_all(["a", "area"], href=True, limit=_LINK_LIMIT):
        url = absolute_url(link.get("href"), base)
        if url is None or _site_key(url) != site or _NOT_PAGES.search(urlsplit(url).path):
            continue
        url = _canonical(url)
        if url == here:
            continue  # "#contacts" on the same page: nothing more to fetch
        text = _phrase_score(_fold(_link_text(link)))
        score = text + _url_score(url)
        if score and _in_page_block(link):
            score += 2
        if score >= _MIN_SCORE and score > scores.get(url, 0):
            scores[url] = score
    ranked = sorted(scores.items(), key=lambda item: -item[1])  # stable: document order
    return [(score, url) for url, score in ranked[:_LINKS_PER_PAGE]]


def find_contact_links(html: str, page_url: str) -> list[str]:
    """Same-site links of a page that look like contact pages, best first."""
    page = Page.load(html, page_url)
    return [url for _, url in _contact_links(page.soup, page_url)] if page else []


# --- probing ---------------------------------------------------------------------------------


@dataclass
class _Visited:
    url: str  # final URL
    is_contact: bool
    forms: list[FormPlan]
    emails: list[str]
    presented: list[str]  # emails the page presents as the site's contact
    phones: list[str]
    links: list[tuple[int, str]]


def _read(result: FetchResult, *, is_contact: bool) -> _Visited:
    text = decode(result.content, result.encoding)[0]
    page = Page.load(text, result.url)
    if page is None:
        return _Visited(result.url, is_contact, [], [], [], [], [])
    forms = analyse_forms(text, result.url, limit=MAX_FORMS_PER_PAGE)
    if not is_contact:  # the start page: a contact page if it holds a contact form
        is_contact = any(plan.kind == "contact" for plan in forms) or _url_score(result.url) > 0
    emails = emails_in(page.soup)
    return _Visited(
        url=result.url,
        is_contact=is_contact,
        forms=forms,
        emails=emails,
        presented=presented_emails_in(page.soup, contact_page=is_contact),
        phones=phones_in(page.soup),
        links=_contact_links(page.soup, result.url),
    )


def _form_key(plan: FormPlan) -> str:
    """The same form on several pages (a footer newsletter form) is listed once."""
    data = {name: value for name, value in plan.to_json().items() if name != "page"}
    data["names"] = sorted(field.name for field in plan.all_fields)
    return json.dumps(data, sort_keys=True, default=str)


def _block_robots_actions(
    client: GuardedClient, plans: list[FormPlan], site: tuple[str, int | None] | None
) -> list[FormPlan]:
    """Contact forms whose action robots.txt forbids are marked not submittable; forms.py
    leaves that reason to us. Only forms we could post are asked about: on the store's own
    site (another site's form is never used), the first few — a page with fifty forms
    pointing at fifty silent hosts costs no fetch at all."""
    checked: dict[str, bool] = {}
    marked = []
    for plan in plans:
        postable = plan.kind == "contact" and plan.submittable and plan.action
        if postable and _site_key(plan.action) == site and len(checked) < _ROBOTS_CHECKS:
            if plan.action not in checked:
                try:
                    checked[plan.action] = client.robots_allowed(plan.action)
                except FetchError:  # an action that is no fetchable URL: forms.py's call
                    checked[plan.action] = True
            if not checked[plan.action]:
                plan = dataclasses.replace(plan, submittable=False, blocked_reason="robots")
        marked.append(plan)
    return marked


def probe(
    client: GuardedClient, url: str, *, max_pages: int = 6, budget: float = PROBE_BUDGET
) -> ProbeResult:
    """Find a store's contact pages, addresses, phones and forms, starting at ``url``.

    Raises ``FetchError`` when the start page cannot be fetched; later failures are
    recorded in ``errors``. Pages refused by robots.txt are not fetched and not counted.
    No page is fetched once ``budget`` seconds have gone (each fetch has its own deadline
    too), so one hostile site cannot hold a worker for long.
    """
    ends = time.monotonic() + budget
    start = client.get(url)
    first = _read(start, is_contact=False)
    visited = [first]
    seen = {_canonical(url), _canonical(start.url)}
    queue = [link for _, link in first.links]
    queued = set(queue)
    errors: list[ProbeError] = []
    fetched = 1
    while queue and fetched < max(max_pages, 1):
        link = queue.pop(0)
        if link in seen:
            continue
        if time.monotonic() >= ends:
            errors.append(ProbeError(link, "budget", "the probe's time was up"))
            break
        seen.add(link)
        try:
            result = client.get(link)
        except FetchError as error:
            errors.append(ProbeError(link, error.code, error.message))
            fetched += error.code != "robots"  # refused before any request was made
            continue
        fetched += 1
        if _site_key(result.url) != _site_key(start.url):
            continue  # redirected to another site: not this store's page
        if _canonical(result.url) in seen and _canonical(result.url) != link:
            continue  # redirected to a page we already have
        seen.add(_canonical(result.url))
        page = _read(result, is_contact=True)
        visited.append(page)
        for _, more in page.links:
            if more not in seen and more not in queued:
                queue.append(more)
                queued.add(more)

    # The start page goes after linked contact pages: "/contact" beats a home-page form.
    contact = [page for page in visited[1:] if page.is_contact]
    contact += [first] if first.is_contact else []
    rank = {page.url: index for index, page in enumerate(contact)}
    plans: dict[str, FormPlan] = {}
    for page in sorted(visited, key=lambda page: rank.get(page.url, len(rank))):
        for plan in page.forms:
            plans.setdefault(_form_key(plan), plan)
    forms = sorted(plans.values(), key=lambda plan: plan.kind != "contact")
    ordered = contact + [page for page in visited if not page.is_contact]
    return ProbeResult(
        url=start.url,
        contact_pages=[page.url for page in contact],
        emails=rank_emails((page.is_contact, page.emails) for page in ordered),
        presented_emails=list(dict.fromkeys(a for page in ordered for a in page.presented)),
        phones=merge_phones(page.phones for page in ordered),
        forms=_block_robots_actions(client, forms, _site_key(start.url)),
        errors=errors,
    )
