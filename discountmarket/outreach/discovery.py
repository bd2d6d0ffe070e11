"""Store discovery: from a shop's address to its contact pages, e-mail addresses, phones
and forms.

``probe`` fetches the start page (a failure there is fatal and raised), then follows the
links that look like contact pages (by their text, their URL and where they sit: header,
navigation, footer) in many languages, visiting at most ``max_pages`` pages of the same
site. Every fetch goes through the guarded client, so robots.txt, the address checks and
the politeness interval apply. A contact page robots.txt forbids is not fetched (a
``robots`` error is recorded), and a contact form whose action robots.txt forbids is
marked not submittable.

Reading forms is ``forms.py``'s job, reading addresses and phones ``contacts.py``'s, and
telling which links lead to contact pages ``contact_links.py``'s.
"""

from __future__ import annotations

import dataclasses
import json
import time
from dataclasses import dataclass, field
from typing import Any

from discountmarket.outreach.contact_links import (
    canonical,
    contact_links,
    find_contact_links,
    site_key,
    url_score,
)
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
from discountmarket.outreach.markup import Page

__all__ = [
    "ProbeError",
    "ProbeResult",
    "extract_emails",
    "extract_phones",
    "find_contact_links",
    "probe",
]

PROBE_BUDGET = 60.0  # seconds for a whole probe (OUTREACH_PROBE_BUDGET)
MAX_FORMS_PER_PAGE = 20  # forms read on one page; a real shop has a few
_ROBOTS_CHECKS = 3  # distinct form actions whose robots.txt a probe asks about


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
        is_contact = any(plan.kind == "contact" for plan in forms) or url_score(result.url) > 0
    emails = emails_in(page.soup)
    return _Visited(
        url=result.url,
        is_contact=is_contact,
        forms=forms,
        emails=emails,
        presented=presented_emails_in(page.soup, contact_page=is_contact),
        phones=phones_in(page.soup),
        links=contact_links(page.soup, result.url),
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
        if postable and site_key(plan.action) == site and len(checked) < _ROBOTS_CHECKS:
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
    seen = {canonical(url), canonical(start.url)}
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
        if site_key(result.url) != site_key(start.url):
            continue  # redirected to another site: not this store's page
        if canonical(result.url) in seen and canonical(result.url) != link:
            continue  # redirected to a page we already have
        seen.add(canonical(result.url))
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
        forms=_block_robots_actions(client, forms, site_key(start.url)),
        errors=errors,
    )
