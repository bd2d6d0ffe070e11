"""The other channel: when a store that was written to one way is written to the other.

A request reaches a store through one channel first (``fanout.first_channel``). The other
is used only when the first did not reach the store: it failed for good (a hard bounce, a
form that refused us), it found no way in (no address, no form, a CAPTCHA...), or the form
post was not confirmed — then not before the next day, since the store may have it. The SLA
sweep uses it too when the store stayed silent (``escalation``). Never both the same day.
"""

from __future__ import annotations

from datetime import datetime, timedelta

import sqlalchemy as sa

from discountmarket import jobs
from discountmarket.extensions import db
from discountmarket.models import AttemptOutcome, Channel, Dispatch
from discountmarket.services import fanout
from discountmarket.services.channels import Result

# Skip reasons that mean "this channel has no way in to the store", so the other may.
NO_WAY_IN = frozenset(
    {
        "no_address",
        "no_form",
        "site_unreadable",
        "captcha",
        "robots",
        "not_submittable",
        "no_message_field",
        "third_party_form",
    }
)
# A post the store may have received: the other channel waits until the next day.
AFTER_UNCERTAIN = timedelta(days=1)


def after_delivery(dispatch: Dispatch, result: Result, now: datetime) -> bool:
    """Plan the other channel if this delivery did not reach the store (in the caller's
    unit of work). True when it was planned."""
    if result.outcome == AttemptOutcome.FAILED or (
        result.outcome == AttemptOutcome.SKIPPED and result.skip_reason in NO_WAY_IN
    ):
        return use_other_channel(dispatch, now)
    if result.outcome == AttemptOutcome.UNCERTAIN:
        return use_other_channel(dispatch, now + AFTER_UNCERTAIN)
    return False


def use_other_channel(dispatch: Dispatch, at: datetime) -> bool:
    """A dispatch of the same request to the same store through the other channel, due
    ``at``, unless the store cannot (or asked not to) be reached that way or one exists.
    The caller commits; the job is queued then (a later one is found by the outbox sweep)."""
    other = Channel.FORM if dispatch.channel == Channel.EMAIL else Channel.EMAIL
    if other not in fanout.channels_for(dispatch.store) or _has(dispatch, other):
        return False
    planned = Dispatch(
        request_id=dispatch.request_id,
        store_id=dispatch.store_id,
        channel=other,
        next_attempt_at=at,
    )
    db.session.add(planned)
    db.session.flush()
    delay = (at - datetime.now(at.tzinfo)).total_seconds()
    jobs.later("deliver", planned.id, delay=delay if delay > 0 else None)
    return True


def _has(dispatch: Dispatch, channel: Channel) -> bool:
    return (
        db.session.scalar(
            sa.select(Dispatch.id).where(
                Dispatch.request_id == dispatch.request_id,
                Dispatch.store_id == dispatch.store_id,
                Dispatch.channel == channel,
            )
        )
        is not None
    )
