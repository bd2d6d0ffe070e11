"""Sending one outreach message through one channel: the store's e-mail or its contact form.

In two steps, so that the caller can commit between them: ``prepare`` composes (and writes
what composing needs), ``send`` talks to the network. Each ends in a ``Result`` that
``delivery`` records; nothing here commits. What a network failure means for delivery
(retry, give up, skip) is decided here, from the error.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from flask import current_app

from discountmarket.models import AttemptOutcome, Channel, ContactKind, Store
from discountmarket.outreach import forms, mail
from discountmarket.outreach.http import FetchError, client_from_config
from discountmarket.services import fanout, mailing, recipient_caps, store_messages
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
    digest_at: datetime | None = None  # HELD for the store's digest, sent then
    # Our own mail relay could not take the message: our outage, not the store's fault, so
    # it does not use up the attempts (the request's expiry still bounds the retries).
    relay_outage: bool = False
    # What sending taught us about the store, for the caller to record.
    bounced_address: str | None = None
    form_gone: bool = False


def sent(detail: str, status_code: int | None = None) -> Result:
    return Result(AttemptOutcome.SENT, detail, status_code)


def uncertain(detail: str, status_code: int | None = None) -> Result:
    return Result(AttemptOutcome.UNCERTAIN, detail, status_code)


def retry(detail: str, status_code: int | None = None, *, relay_outage: bool = False) -> Result:
    return Result(AttemptOutcome.RETRY, detail, status_code, relay_outage=relay_outage)


def failed(detail: str, status_code: int | None = None, **findings: Any) -> Result:
    return Result(AttemptOutcome.FAILED, detail, status_code, **findings)


def skipped(reason: str, detail: str | None = None) -> Result:
    return Result(AttemptOutcome.SKIPPED, detail or reason, skip_reason=reason)


def held(detail: str, resume_at: datetime | None = None) -> Result:
    return Result(AttemptOutcome.HELD, detail, resume_at=resume_at)


def held_for_digest(detail: str, at: datetime | None = None) -> Result:
    """Held for the store's digest: its next daily one, or ``at``."""
    return Result(AttemptOutcome.HELD, detail, digest_at=at)


@dataclass(frozen=True)
class Ready:
    """A message composed and ready to go, as plain data: what the network step needs.
    Composing writes (answer links), so it is committed before anything is sent: no
    database lock is held while a store's server takes its time."""

    channel: Channel
    store_id: int
    site: str  # the store's key: where its form may post
    recipient: str  # its key in the per-recipient daily cap
    mail: mail.Mail | None = None  # e-mail
    address: str | None = None
    form: dict[str, Any] | None = None  # contact form: the plan the probe recorded
    values: dict[str, str] | None = None  # role -> text


def prepare(channel: Channel, outreach: Outreach) -> Ready | Result:
    """Compose the message (in the caller's unit of work), or say why it cannot go."""
    if channel == Channel.EMAIL:
        return _prepare_email(outreach)
    return _prepare_form(outreach)


def send(ready: Ready) -> Result:
    """Send a prepared message. It reads nothing from the database, so the caller can send
    with no transaction open (only the capture backend writes, after "sending"). What it
    learns about the store comes back in the result (see ``after_send``)."""
    if ready.channel == Channel.EMAIL:
        return _send_email(ready)
    return _send_form(ready)


def send_through(channel: Channel, outreach: Outreach) -> Result:
    """Prepare, send and record what was learnt, at once (the caller commits afterwards)."""
    ready = prepare(channel, outreach)
    if isinstance(ready, Result):
        return ready
    result = send(ready)
    after_send(ready, result, outreach.store)
    return result


def after_send(ready: Ready, result: Result, store: Store) -> None:
    """Record what sending taught us, in the caller's unit of work: a message that did not
    go out gives its recipient's place for the day back; a bounced address is marked; a
    form gone from its page has the site probed again."""
    if result.outcome not in (AttemptOutcome.SENT, AttemptOutcome.UNCERTAIN):
        recipient_caps.release(ready.recipient)  # an uncertain post may have arrived
    if result.bounced_address:
        for contact in store.contacts:
            if (
                contact.kind == ContactKind.EMAIL
                and contact.value.lower() == result.bounced_address
            ):
                contact.bounced = True
    if result.form_gone:
        store.last_probed_at = None


# --- e-mail --------------------------------------------------------------------------------


def _prepare_email(outreach: Outreach) -> Ready | Result:
    addresses = fanout.usable_addresses(outreach.store)
    if outreach.address:  # an operator chose the recipient (a senior contact)
        addresses = [outreach.address] if not is_suppressed(outreach.address) else []
    if not addresses:
        return skipped("no_address", "no e-mail address of the store is known and usable")
    address = addresses[0]
    recipient = recipient_caps.email_recipient(address)
    if not recipient_caps.reserve(recipient):
        return held(f"{address} has had its messages for today")
    message = store_messages.compose_email(
        Outreach(outreach.store, outreach.requests, outreach.dispatch_ids, address)
    )
    store = outreach.store
    return Ready(Channel.EMAIL, store.id, store.domain, recipient, mail=message, address=address)


def _send_email(ready: Ready) -> Result:
    assert ready.mail is not None and ready.address is not None
    try:
        mailing.send_now(ready.mail)
    except mail.MailError as error:
        if error.permanent:
            return failed(f"{ready.address}: {error}", bounced_address=ready.address)
        return retry(f"{ready.address}: {error}", relay_outage=True)
    return sent(f"e-mailed {ready.address}")


# --- contact forms -------------------------------------------------------------------------


def _prepare_form(outreach: Outreach) -> Ready | Result:
    known = outreach.store.form_plan or {}
    if not known and outreach.store.probe_error:
        # Not "no form": we could not read the site (refused, blocked, down) to look for one.
        return skipped(
            "site_unreadable", f"the store's site could not be read: {outreach.store.probe_error}"
        )
    if not known:
        return skipped("no_form", "no contact form was found on the store's site")
    if not known.get("submittable"):
        reason = known.get("blocked_reason") or "not_submittable"
        return skipped(reason, f"the contact form cannot be used ({reason})")
    recipient = recipient_caps.form_recipient(known["action"])
    if not recipient_caps.reserve(recipient):
        return held("the contact form has had its messages for today")
    store = outreach.store
    values = _form_values(outreach)
    return Ready(Channel.FORM, store.id, store.domain, recipient, form=dict(known), values=values)


def _send_form(ready: Ready) -> Result:
    assert ready.form is not None and ready.values is not None
    try:
        with client_from_config(current_app.config) as client:
            submission = forms.submit(client, ready.form, ready.values, ready.site)
    except FetchError as error:
        return _form_error(error)
    if submission.outcome == "accepted":
        return sent(submission.detail, submission.status)
    if submission.outcome == "uncertain":
        return uncertain(submission.detail, submission.status)
    if submission.outcome in ("captcha", "robots"):
        return skipped(submission.outcome, submission.detail)
    if submission.outcome == "third_party":
        return skipped("third_party_form", submission.detail)
    # A form gone from its page: the site changed, probe it again next time.
    gone = submission.outcome == "gone"
    return failed(submission.detail, submission.status, form_gone=gone)


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
