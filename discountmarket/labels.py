"""Words, in the reader's language, for the codes the database stores.

The one place that maps a stored value (an enum member, or a plain string column such as a
dispatch's skip reason) to what a person reads; pages use the ``label`` filter, forms build
their choices from the same tables, so a select and the page showing its value agree.
"""

from __future__ import annotations

import enum
from collections.abc import Mapping

from flask import Flask
from flask_babel import lazy_gettext as _l
from wtforms import SelectChoice

from discountmarket.models import (
    AttemptOutcome,
    CallOutcome,
    Channel,
    ContactKind,
    ContactSource,
    DispatchStatus,
    EscalationStatus,
    RequestStatus,
    StoreStatus,
)

# Keyed by the stored string: a StrEnum member finds its entry too (it hashes as its value).
LABELS: dict[str, Mapping[str, object]] = {
    "dispatch_status": {
        DispatchStatus.PENDING: _l("queued"),
        DispatchStatus.SENDING: _l("sending"),
        DispatchStatus.SENT: _l("sent"),
        DispatchStatus.FAILED: _l("failed"),
        DispatchStatus.SKIPPED: _l("skipped"),
        DispatchStatus.ANSWERED: _l("answered"),
        DispatchStatus.UNCERTAIN: _l("posted, not confirmed"),
        DispatchStatus.MATCHING: _l("looking for the product in this shop"),
    },
    # Why a queued dispatch waits, as its shopper reads it (services/shopper_holds.py).
    "dispatch_wait": {"review": _l("waiting for review")},
    "channel": {Channel.EMAIL: _l("e-mail"), Channel.FORM: _l("contact form")},
    "attempt_outcome": {
        AttemptOutcome.SENT: _l("sent"),
        AttemptOutcome.RETRY: _l("will retry"),
        AttemptOutcome.FAILED: _l("failed"),
        AttemptOutcome.SKIPPED: _l("skipped"),
        AttemptOutcome.HELD: _l("held for the daily digest"),
        AttemptOutcome.UNCERTAIN: _l("posted, not confirmed"),
    },
    "skip_reason": {
        "request_closed": _l("the request was closed"),
        "not_sold": _l("the shop does not sell this product"),
        "no_match": _l("we could not tell for sure that the shop sells this product"),
        "already_cheaper": _l("the shop already sells it at your price or less"),
        "opted_out": _l("the store asked us not to write"),
        "do_not_contact": _l("the store is not contacted"),
        "answered": _l("the store answered already"),
        "no_address": _l("no e-mail address known"),
        "no_form": _l("no contact form found"),
        "site_unreadable": _l("we could not read the store's site; our team will try"),
        "no_contact": _l("no way to reach the store yet; our team will try"),
        "captcha": _l("the form has a CAPTCHA; our team will try"),
        "robots": _l("the site does not allow robots to use its form"),
        "not_submittable": _l("the form cannot be used"),
        "no_message_field": _l("the form has no message field"),
        "third_party_form": _l("the form sends to another site"),
        "prefers_email": _l("the store asked to be written to by e-mail"),
        "prefers_form": _l("the store asked to be written to through its form"),
        "prefers_weekly": _l("the store asked for one message a week"),
        "prefers_never": _l("the store asked us not to write"),
    },
    "inbound_kind": {
        "reply": _l("a reply"),
        "auto_reply": _l("an automatic reply"),
        "bounce": _l("a delivery failure"),
        "other": _l("other mail"),
        "unreadable": _l("unreadable mail"),
    },
    "contact_preference": {
        "": _l("As you see fit"),
        "email": _l("By e-mail"),
        "form": _l("Through the contact form on your site"),
        "weekly": _l("At most one message a week, as a digest"),
        "never": _l("Never: do not write to us"),
    },
    "request_status": {
        RequestStatus.OPEN: _l("open"),
        RequestStatus.FULFILLED: _l("fulfilled"),
        RequestStatus.EXPIRED: _l("expired"),
        RequestStatus.CANCELLED: _l("cancelled"),
    },
    "store_status": {
        StoreStatus.ACTIVE: _l("Active"),
        StoreStatus.UNVERIFIED: _l("Unverified"),
        StoreStatus.OPTED_OUT: _l("Opted out"),
        StoreStatus.DO_NOT_CONTACT: _l("Do not contact"),
    },
    "escalation_status": {
        EscalationStatus.OPEN: _l("unresolved"),
        EscalationStatus.RESOLVED: _l("resolved"),
    },
    "contact_kind": {
        ContactKind.EMAIL: _l("e-mail"),
        ContactKind.PHONE: _l("phone"),
        ContactKind.FORM: _l("contact form"),
    },
    "contact_source": {
        ContactSource.SCRAPED: _l("found on the site"),
        ContactSource.OPERATOR: _l("added by an operator"),
        ContactSource.MANAGER: _l("added by the store"),
    },
    # What an operator did, as the escalation's history lists it (see services.escalation.audit).
    "audit_action": {
        "claim": _l("took the escalation"),
        "log_call": _l("logged a call"),
        "pause": _l("paused the escalation"),
        "add_contact": _l("added a contact"),
        "resend": _l("sent the requests again"),
        "do_not_contact": _l("marked the store do-not-contact"),
        "resolve": _l("resolved the escalation"),
        "confirm_report": _l("confirmed a report"),
        "dismiss_report": _l("dismissed a report"),
        "revoke_answer_link": _l("withdrew an answer link"),
        "verify_manager": _l("verified a store manager"),
        "hold_shopper": _l("held a shopper's requests for review"),
        "release_shopper": _l("released a shopper's requests"),
        "match_confirmed": _l("confirmed a competitor's listing"),
        "match_rejected": _l("rejected a competitor's listing"),
    },
    # Why an escalation was opened, and how one closed by itself (services.escalation,
    # services.honour, services.offers).
    "escalation_reason": {
        "no answer": _l("the store did not answer in time"),
        "needs a manual contact": _l("no way to reach the store; it needs a manual contact"),
        "offer not honoured": _l("a shopper reported an offer that was not honoured"),
    },
    "escalation_resolution": {"the store answered": _l("the store answered")},
    "locale": {"en": _l("English"), "ru": _l("Russian")},
    # A store's contact-form plan, as the operator's store page shows it (outreach.forms).
    "form_kind": {
        "contact": _l("contact form"),
        "newsletter": _l("newsletter sign-up"),
        "registration": _l("registration"),
        "login": _l("sign-in"),
        "order": _l("order or quote form"),
        "search": _l("search"),
        "callback": _l("call-back request"),
        "stock_alert": _l("back-in-stock alert"),
        "review": _l("product review"),
        "other": _l("something else"),
    },
    "form_role": {
        "name": _l("name"),
        "first_name": _l("first name"),
        "last_name": _l("last name"),
        "email": _l("e-mail"),
        "phone": _l("phone"),
        "subject": _l("subject"),
        "message": _l("message"),
    },
    "captcha": {
        "recaptcha": "reCAPTCHA",
        "hcaptcha": "hCaptcha",
        "turnstile": "Cloudflare Turnstile",
        "other": _l("another kind of CAPTCHA"),
    },
    "call_outcome": {
        CallOutcome.REACHED: _l("Reached someone"),
        CallOutcome.NO_ANSWER: _l("No answer"),
        CallOutcome.REFUSED: _l("Refused"),
        CallOutcome.ASKED_FOR_EMAIL: _l("Asked us to write an e-mail"),
        CallOutcome.PROMISED_ANSWER: _l("Promised an answer"),
    },
}

# Which table an enum member's own type reads from, so templates need not say.
ENUM_TABLES: dict[type[enum.Enum], str] = {
    DispatchStatus: "dispatch_status",
    Channel: "channel",
    AttemptOutcome: "attempt_outcome",
    RequestStatus: "request_status",
    StoreStatus: "store_status",
    EscalationStatus: "escalation_status",
    ContactKind: "contact_kind",
    ContactSource: "contact_source",
    CallOutcome: "call_outcome",
}


def label(value: enum.Enum | str | None, table: str | None = None) -> object:
    """``{{ dispatch.status | label }}``, or for a plain string column
    ``{{ dispatch.skip_reason | label("skip_reason") }}``. An unknown code is shown as it is
    rather than failing the page (a value written by a newer release, say)."""
    if value is None:
        return ""
    if table is None:
        table = ENUM_TABLES[type(value)]  # a missing enum is a programming error: fail loudly
    return LABELS[table].get(value, getattr(value, "value", value))


def choices(table: str) -> list[SelectChoice]:
    """A form's choices for every value of one table, in its order."""
    return [SelectChoice(str(value), text) for value, text in LABELS[table].items()]


def register(app: Flask) -> None:
    app.jinja_env.filters["label"] = label
