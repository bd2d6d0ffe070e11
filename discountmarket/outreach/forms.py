"""HTML forms: find the forms on a store's page, tell what each is for, map a contact form's
fields to what a shopper wants to say, fill it in, and submit it (``submit``: the one call
that owns re-reading the page, robots.txt, filling, posting and judging the answer).

This module is the public face of form handling and owns ``FormPlan``, ``fill`` and
``submit``. Reading fields, labels and roles lives in ``form_fields``, honeypots in
``form_traps`` (with the page's stylesheets read by ``form_styles``), classification in
``form_kinds``, judging a response and spotting captchas in ``form_outcome`` and the
multilingual vocabularies in ``form_words``. Analysis never raises on malformed HTML: a
form that cannot be read comes back as an unsubmittable plan of kind "other". Only
``submit`` touches the network, through the guarded client it is given.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any
from urllib.parse import urlencode

from bs4 import BeautifulSoup, Tag

from discountmarket import weburl
from discountmarket.outreach import form_words as w
from discountmarket.outreach.decoding import decode
from discountmarket.outreach.form_captcha import CAPTCHA_KINDS, find_captcha
from discountmarket.outreach.form_fields import FormField, read_fields
from discountmarket.outreach.form_kinds import FORM_KINDS, classify
from discountmarket.outreach.form_markup import TEXT_TYPES, PageIndex, attr
from discountmarket.outreach.form_outcome import detect_captcha, judge_submission, page_root
from discountmarket.outreach.markup import Page, absolute_url

__all__ = [
    "CAPTCHA_KINDS",
    "FORM_KINDS",
    "ROLES",
    "FormField",
    "FormPlan",
    "analyse_form",
    "analyse_forms",
    "classify",
    "detect_captcha",
    "fill",
    "judge_submission",
    "submit",
]

if TYPE_CHECKING:
    from discountmarket.outreach.http import GuardedClient

log = logging.getLogger(__name__)

ROLES = w.ROLES
_ENCTYPES = frozenset({"multipart/form-data", "text/plain"})
_DEFAULT_ENCTYPE = "application/x-www-form-urlencoded"
_NEUTRAL = "-"  # what a required, harmless field without a role gets ("Company: -")


@dataclass
class FormPlan:
    """What one form is and how to submit it."""

    page: str  # URL of the page holding the form
    action: str  # absolute URL the form submits to
    method: str  # "get" | "post"
    enctype: str
    kind: str  # one of FORM_KINDS
    fields: dict[str, str]  # role -> input name
    hidden: dict[str, str]  # hidden input name -> value, sent as-is (CSRF tokens and the like)
    all_fields: list[FormField]
    captcha: str | None  # one of CAPTCHA_KINDS
    submittable: bool
    # Why a *contact* form cannot be sent ("captcha", "no_message_field"; the caller adds
    # "robots"); None when it can be, and for forms of other kinds.
    blocked_reason: str | None = None

    def to_json(self) -> dict[str, Any]:
        return {
            "page": self.page,
            "action": self.action,
            "method": self.method,
            "kind": self.kind,
            "fields": dict(self.fields),
            "captcha": self.captcha,
            "submittable": self.submittable,
            "blocked_reason": self.blocked_reason,
        }


# --------------------------------------------------------------------------- analysis


def analyse_forms(html: str | bytes, page_url: str, limit: int | None = None) -> list[FormPlan]:
    """A plan for every <form> on the page (the first ``limit``), in document order."""
    try:
        page = Page.load(html, page_url)
    except Exception:
        log.exception("could not parse page %s", page_url)
        return []
    if page is None:
        return []
    index = PageIndex(page.soup)
    base = page.resolve_base
    forms = page.soup.find_all("form", limit=limit)
    return [_guarded_plan(form, page_url, base, index) for form in forms]


def analyse_form(form: Tag, page_url: str, soup: BeautifulSoup | None = None) -> FormPlan:
    """The plan for one form; ``soup`` is its page (found from the form when omitted)."""
    root = soup if soup is not None else page_root(form)
    base = Page(root, page_url, yen_backslash=False).resolve_base if root else page_url
    return _guarded_plan(form, page_url, base, PageIndex(root or form))


def _guarded_plan(form: Tag, page_url: str, base: str, index: PageIndex) -> FormPlan:
    """One form's plan; a form that trips a bug still holds its place in the list."""
    try:
        return _plan(form, page_url, base, index)
    except Exception:
        log.exception("could not analyse a form on %s", page_url)
        return FormPlan(
            page=page_url,
            action=page_url,
            method="get",
            enctype=_DEFAULT_ENCTYPE,
            kind="other",
            fields={},
            hidden={},
            all_fields=[],
            captcha=None,
            submittable=False,
        )


# When two controls share a name, the more important role keeps it: filling one name twice
# would send the shopper's e-mail as the subject (found by the property tests).
_ROLE_PRIORITY = ("message", "email", "name", "first_name", "last_name", "subject", "phone")


def _distinct_roles(fields: list[FormField]) -> dict[str, str]:
    roles: dict[str, str] = {}
    for role in _ROLE_PRIORITY:
        for field in fields:
            if field.role == role and field.name not in roles.values():
                roles[role] = field.name
                break
    return roles


def _plan(form: Tag, page_url: str, base: str, index: PageIndex) -> FormPlan:
    fields = read_fields(form, index)
    kind = classify(form, fields)
    roles = _distinct_roles(fields)
    captcha = find_captcha(form, index.soup, fields)
    blocked = None
    if kind == "contact":
        blocked = "captcha" if captcha else None if "message" in roles else "no_message_field"
    return FormPlan(
        page=page_url,
        action=_action(form, page_url, base),
        method="post" if attr(form, "method").strip().lower() == "post" else "get",
        enctype=_enctype(form),
        kind=kind,
        fields=roles,
        hidden={f.name: f.value or "" for f in fields if f.type == "hidden" and not f.disabled},
        all_fields=fields,
        captcha=captcha,
        submittable=kind == "contact" and blocked is None,
        blocked_reason=blocked,
    )


def _action(form: Tag, page_url: str, base: str) -> str:
    """Where the form goes: a missing or empty action is the page itself (not <base>)."""
    action = attr(form, "action").strip()
    if not action:
        return page_url
    # Non-http actions (javascript:, mailto:) stay visible as such; callers refuse them.
    return absolute_url(action, base) or action


def _enctype(form: Tag) -> str:
    enctype = attr(form, "enctype").strip().lower()
    return enctype if enctype in _ENCTYPES else _DEFAULT_ENCTYPE


# ------------------------------------------------------------------------------ filling


def fill(plan: FormPlan, values: dict[str, str]) -> list[tuple[str, str]]:
    """The body to submit, in document order, the way a browser would build it.

    Hidden inputs go as they are, selects and checked boxes at their defaults, a consent
    box ("I agree to the privacy policy") ticked, roles from ``values``. Honeypots stay
    empty, file inputs are never sent, and only the first named submit button is.
    """
    wanted = _role_values(values)
    owner = {name: role for role, name in plan.fields.items()}
    body: list[tuple[str, str]] = []
    submitter_sent = False
    for f in plan.all_fields:
        if f.disabled or f.type in ("file", "reset", "button"):
            continue
        if f.type in ("submit", "image"):
            if not submitter_sent:
                body += _submitter(f)
                submitter_sent = True
            continue
        if f.type == "hidden":
            body.append((f.name, plan.hidden.get(f.name, f.value or "")))
            continue
        role = owner.get(f.name) if f.role else None
        body += _field_pairs(f, role, wanted)
    return body


def _role_values(values: dict[str, str]) -> dict[str, str]:
    """The values per role, with a full name made from its halves or split into them."""
    out = {role: str(value).strip() for role, value in values.items() if role in ROLES and value}
    first, last, full = out.get("first_name"), out.get("last_name"), out.get("name")
    if not full and (first or last):
        out["name"] = " ".join(part for part in (first, last) if part)
    if full and not (first or last):
        given, _, family = full.rpartition(" ")
        out["first_name"], out["last_name"] = (given, family) if given else (family, "")
    return out


def _submitter(f: FormField) -> list[tuple[str, str]]:
    if f.type == "image":  # browsers send where the image was clicked
        return [(f"{f.name}.x", "1"), (f"{f.name}.y", "1")]
    return [(f.name, f.value or "")]


def _field_pairs(f: FormField, role: str | None, wanted: dict[str, str]) -> list[tuple[str, str]]:
    if f.type in ("checkbox", "radio"):
        return _choice_pairs(f)
    if f.honeypot:
        return [(f.name, "")]
    if f.type == "select":
        value = _pick_option(f, wanted.get(role, "") if role else "")
        return [(f.name, value)] if value is not None else []
    if role:
        value = wanted.get(role, "")
        # A one-word name still fills a required surname; other roles we leave empty.
        neutral = f.required and role in ("name", "first_name", "last_name")
        return [(f.name, value or (_NEUTRAL if neutral else ""))]
    return [(f.name, _unroled_value(f, wanted))]


def _choice_pairs(f: FormField) -> list[tuple[str, str]]:
    if f.value is not None:
        return [(f.name, f.value)]
    if f.honeypot or not f.options:
        return []
    about = w.fold(f.label or "") + " " + w.split_identifier(f.name)
    if f.type == "checkbox" and w.CONSENT.search(about) and not w.MARKETING.search(about):
        return [(f.name, f.options[0])]
    if f.type == "radio" and f.required:
        return [(f.name, f.options[0])]
    return []


def _pick_option(f: FormField, want: str) -> str | None:
    """A select keeps its default unless one of its options is what we want to say."""
    if want:
        folded = w.fold(want)
        for option in f.options:
            if option and w.fold(option) == folded:
                return option
    return f.value


def _unroled_value(f: FormField, wanted: dict[str, str]) -> str:
    about = w.split_identifier(f.name) + " " + w.fold(f.label or "")
    retyped = w.CONFIRM.search(about) and (f.type == "email" or "mail" in about)
    if wanted.get("email") and retyped:
        return wanted["email"]  # "repeat your e-mail"
    if f.value:
        return f.value
    if f.required and f.type in TEXT_TYPES | {"textarea"} and w.HARMLESS.search(about):
        return _NEUTRAL
    return ""


# ---------------------------------------------------------------------------- submitting


_DETAILS = {
    "accepted": "contact form accepted: ",
    "refused": "contact form refused: ",
    "uncertain": "contact form posted, outcome unknown: ",
}


@dataclass(frozen=True)
class Submission:
    """What came of posting a contact form; the caller decides what it means for delivery."""

    # "accepted" | "refused" | "uncertain" (posted, and nothing says how it went) | "gone" |
    # "captcha" | "robots" | "third_party"
    outcome: str
    detail: str
    status: int | None = None  # the store's HTTP status, when it answered


def submit(
    client: GuardedClient, known: dict[str, Any], values: dict[str, str], site: str
) -> Submission:
    """Send ``values`` (role -> text) through the contact form the probe found (``known``,
    a ``FormPlan.to_json()``): read its page again for fresh hidden tokens and the session
    cookies the post needs, find the same form, refuse a CAPTCHA, a robots.txt ban or an
    action outside ``site`` (the store's key, ``weburl.registrable_domain``), fill
    it, post it and judge what the store answered. Network failures and HTTP error statuses
    raise ``FetchError`` (the caller decides whether to retry)."""
    page = client.get(known["page"])
    plan = _same_form(analyse_forms(page.content, page.url), known["action"])
    if plan is None:
        return Submission("gone", "the contact form is no longer on its page")
    if not weburl.same_site(plan.action, site):
        return Submission("third_party", f"the contact form now posts to {plan.action[:200]}")
    if plan.captcha:
        return Submission("captcha", f"the contact form now has a CAPTCHA ({plan.captcha})")
    if not client.robots_allowed(plan.action):
        return Submission("robots", "robots.txt forbids posting the contact form")
    body = fill(plan, values)
    if plan.method == "get":
        separator = "&" if "?" in plan.action else "?"
        response = client.get(plan.action + separator + urlencode(body))
    else:
        # Any content type: many form endpoints answer with JSON rather than a page.
        response = client.post(plan.action, body, referer=plan.page, accept=None)
    verdict = judge_submission(
        plan,
        response.status,
        response.url,
        decode(response.content, response.encoding)[0],  # a <meta> charset counts too
        content_type=response.content_type,
        # What the contact page showed already is no evidence.
        before=decode(page.content, page.encoding)[0],
    )
    return Submission(verdict.outcome, _DETAILS[verdict.outcome] + verdict.reason, response.status)


def _same_form(plans: list[FormPlan], action: str) -> FormPlan | None:
    """The contact form with the recorded action; else the page's first usable one."""
    contact = [plan for plan in plans if plan.kind == "contact"]
    for plan in contact:
        if plan.action == action:
            return plan
    return next((plan for plan in contact if plan.submittable), None)
