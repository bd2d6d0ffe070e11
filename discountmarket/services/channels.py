"""Sending one outreach message through one channel: the store's e-mail or its contact form.

Each function returns a ``Result`` that ``delivery`` records; nothing here commits. What a
network failure means for delivery (retry, give up, skip) is decided here, from the error.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from flask import current_app

from discountmarket.models import AttemptOutcome, Channel, ContactKind, Store
from discountmarket.outreach import forms, mail
from discountmarket.outreach.http import FetchError, client_from_config
from discountmarket.services import fanout, mailing, store_messages
from discountmarket.services.store_messages import Outreach
from discountmarket.services.suppression import is_suppressed


@dataclass(frozen=True)
class Result:
    """How one delivery went; ``outcome`` decides the dispatch's next state."""

    outcome: AttemptOutcome
    detail: str
    status_code: int | None = None
    skip_reason: str | None = None
    resume_at: datetime | None = None  # HELD until then (outside the store's hours)
    # Our own mail relay could not take the message: our outage, not the store's fault, so
    # it does not use up the attempts (the request's expiry still bounds the retries).
    relay_outage: bool = False


def sent(detail: str, status_code: int | None = None) -> Result:
    return Result(AttemptOutcome.SENT, detail, status_code)


def retry(detail: str, status_code: int | None = None, *, relay_outage: bool = False) -> Result:
    return Result(AttemptOutcome.RETRY, detail, status_code, relay_outage=relay_outage)


def failed(detail: str, status_code: int | None = None) -> Result:
    return Result(AttemptOutcome.FAILED, detail, status_code)


def skipped(reason: str, detail: str | None = None) -> Result:
    return Result(AttemptOutcome.SKIPPED, detail or reason, skip_reason=reason)


def held(detail: str, resume_at: datetime | None = None) -> Result:
    return Result(AttemptOutcome.HELD, detail, resume_at=resume_at)


def send_through(channel: Channel, outreach: Outreach) -> Result:
    if channel == Channel.EMAIL:
        return _send_email(outreach)
    return _send_form(outreach)


# --- e-mail --------------------------------------------------------------------------------


def _send_email(outreach: Outreach) -> Result:
    addresses = fanout.usable_addresses(outreach.store)
    if outreach.address:  # an operator chose the recipient (a senior contact)
        addresses = [outreach.address] if not is_suppressed(outreach.address) else []
    if not addresses:
        return skipped("no_address", "no e-mail address of the store is known and usable")
    address = addresses[0]
    message = store_messages.compose_email(
        Outreach(outreach.store, outreach.requests, outreach.dispatch_ids, address)
    )
    try:
        mailing.send_now(message)
    except mail.MailError as error:
        if error.permanent:
            _mark_bounced(outreach.store, address)
            return failed(f"{address}: {error}")
        return retry(f"{address}: {error}", relay_outage=True)
    return sent(f"e-mailed {address}")


def _mark_bounced(store: Store, address: str) -> None:
    for contact in store.contacts:
        if contact.kind == ContactKind.EMAIL and contact.value.lower() == address:
            contact.bounced = True


# --- contact forms -------------------------------------------------------------------------


def _send_form(outreach: Outreach) -> Result:
    store = outreach.store
    known = store.form_plan or {}
    if not known:
        return skipped("no_form", "no contact form was found on the store's site")
    if not known.get("submittable"):
        reason = known.get("blocked_reason") or "not_submittable"
        return skipped(reason, f"the contact form cannot be used ({reason})")
    try:
        with client_from_config(current_app.config) as client:
            submission = forms.submit(client, known, _form_values(outreach))
    except FetchError as error:
        return _form_error(error)
    if submission.outcome == "accepted":
        return sent(submission.detail, submission.status)
    if submission.outcome in ("captcha", "robots"):
        return skipped(submission.outcome, submission.detail)
    if submission.outcome == "gone":
        store.last_probed_at = None  # the site changed: probe it again next time
    return failed(submission.detail, submission.status)


def _form_values(outreach: Outreach) -> dict[str, str]:
    subject, text = store_messages.compose_form_message(outreach)
    request = outreach.requests[0]
    reply_to = (
        request.shopper.email
        if request.share_contact and not outreach.is_digest
        else store_messages.reply_address(outreach.dispatch_ids)
    )
    return {
        "name": store_messages.sender_name(),
        "first_name": current_app.config["SITE_NAME"],
        "last_name": "Service",
        "email": reply_to,
        "subject": subject,
        "message": text,
    }


def _form_error(error: FetchError) -> Result:
    if error.code == "robots":
        return skipped("robots", error.message)
    if error.code == "http_error" and error.status is not None and 400 <= error.status < 500:
        if error.status in (408, 429):
            return retry(error.message, error.status)
        return failed(error.message, error.status)
    if error.code in ("timeout", "unreachable", "http_error"):
        return retry(f"{error.code}: {error.message}", error.status)
    return failed(f"{error.code}: {error.message}", error.status)
