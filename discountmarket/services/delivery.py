"""Delivering dispatches: the outbox worker's rules (DESIGN.md §4).

At-least-once from the outbox, made effectively once: a dispatch is *claimed* (status
``sending``, attempt counted, lease set) by a conditional update before any network call,
and *finished* by another conditional update that only succeeds while the claim is still
ours. A claim whose lease ran out is taken over by the sweep. Transient failures come back
with exponential backoff and jitter; permanent ones stop (a bounced address is marked and
the contact form is tried instead). Opt-outs, suppressions and the per-store daily cap are
checked at send time, not only at fan-out.
"""

from __future__ import annotations

import logging
import random
from datetime import UTC, datetime, timedelta

import sqlalchemy as sa
from flask import current_app

from discountmarket import jobs
from discountmarket.extensions import db
from discountmarket.models import (
    AttemptOutcome,
    Channel,
    Dispatch,
    DispatchAttempt,
    DispatchStatus,
    Offer,
    Store,
)
from discountmarket.services import (
    asks,
    board_counters,
    business_hours,
    channels,
    fallback,
    fanout,
    probing,
    reputation,
    site_turns,
)
from discountmarket.services.channels import (
    Result,
    failed,
    held,
    held_for_digest,
    retry,
    skipped,
)
from discountmarket.services.site_turns import SiteBusy
from discountmarket.services.store_messages import Outreach

logger = logging.getLogger(__name__)
MAX_BACKOFF = timedelta(hours=6)
# A held shopper's dispatch is looked at again this often (releasing requeues it at once;
# this only catches one that was being delivered at the moment of release).
SHOPPER_HOLD_RECHECK = timedelta(hours=1)
SHOPPER_HELD = "the shopper's requests are held for an operator's review"
WEEK = timedelta(days=7)
# Messages a store has (or may have: a form post not confirmed) had.
REACHED_OR_MAYBE = (DispatchStatus.SENT, DispatchStatus.ANSWERED, DispatchStatus.UNCERTAIN)


# --- claiming ------------------------------------------------------------------------------


def claim(dispatch_id: int, now: datetime) -> datetime | None:
    """Take the dispatch for delivery; returns the lease (our claim) or None if not ours.
    The caller commits the claim before any network call."""
    lease = now + timedelta(seconds=current_app.config["DELIVERY_LEASE_SECONDS"])
    due = sa.and_(
        Dispatch.status == DispatchStatus.PENDING,
        Dispatch.held_for_digest.is_(False),
        # First attempts run as soon as they are queued; retries wait for their time.
        sa.or_(Dispatch.attempts == 0, Dispatch.next_attempt_at <= now),
    )
    abandoned = sa.and_(Dispatch.status == DispatchStatus.SENDING, Dispatch.lease_expires_at < now)
    left_behind = db.session.execute(
        sa.select(Dispatch.channel, Dispatch.lease_expires_at).where(
            Dispatch.id == dispatch_id, abandoned
        )
    ).first()
    changed = db.session.execute(
        sa.update(Dispatch)
        .where(Dispatch.id == dispatch_id, sa.or_(due, abandoned))
        .values(
            status=DispatchStatus.SENDING,
            attempts=Dispatch.attempts + 1,
            lease_expires_at=lease,
            updated_at=now,
        )
        .execution_options(synchronize_session=False)
    ).rowcount
    if changed == 1 and left_behind is not None:
        # The worker that held it stopped mid-attempt (killed, or SIGTERM): on the record.
        db.session.add(
            DispatchAttempt(
                dispatch_id=dispatch_id,
                channel=left_behind.channel,
                outcome=AttemptOutcome.RETRY,
                detail="the attempt stopped with its worker; taken over when its claim ran out",
                started_at=left_behind.lease_expires_at - (lease - now),  # when it was claimed
                finished_at=now,
            )
        )
    return lease if changed == 1 else None


def finish(dispatch: Dispatch, lease: datetime, result: Result, started: datetime) -> bool:
    """Record the result, only while our claim holds. False: someone took the dispatch over.
    The caller commits."""
    now = datetime.now(UTC)
    gives_up = not result.relay_outage and dispatch.attempts >= _max_attempts()
    if result.outcome == AttemptOutcome.RETRY and gives_up:
        result = failed(
            f"gave up after {dispatch.attempts} attempts: {result.detail}", result.status_code
        )
    values: dict = {"updated_at": now, "lease_expires_at": None, "outcome": result.detail[:200]}
    if result.status_code is not None:
        values["response_status"] = result.status_code
    if result.outcome == AttemptOutcome.SENT:
        values.update(status=DispatchStatus.SENT, sent_at=now, last_error=None)
    elif result.outcome == AttemptOutcome.UNCERTAIN:
        values.update(status=DispatchStatus.UNCERTAIN, sent_at=now, last_error=None)
    elif result.outcome == AttemptOutcome.SKIPPED:
        values.update(status=DispatchStatus.SKIPPED, skip_reason=result.skip_reason)
    elif result.outcome == AttemptOutcome.HELD and result.resume_at is not None:
        # Waiting for the store's working hours is not a try: give the attempt back.
        values.update(
            status=DispatchStatus.PENDING,
            next_attempt_at=result.resume_at,
            attempts=Dispatch.attempts - 1,
        )
    elif result.outcome == AttemptOutcome.HELD:
        values.update(
            status=DispatchStatus.PENDING,
            held_for_digest=True,
            next_attempt_at=result.digest_at or next_digest(now),
        )
    elif result.outcome == AttemptOutcome.RETRY:
        values.update(
            status=DispatchStatus.PENDING,
            next_attempt_at=now + backoff(dispatch.attempts),
            last_error=result.detail,
        )
    else:
        values.update(status=DispatchStatus.FAILED, last_error=result.detail)
    changed = db.session.execute(
        sa.update(Dispatch)
        .where(
            Dispatch.id == dispatch.id,
            Dispatch.status == DispatchStatus.SENDING,
            Dispatch.lease_expires_at == lease,
        )
        .values(**values)
        .execution_options(synchronize_session=False)
    ).rowcount
    if changed == 1 and result.outcome == AttemptOutcome.SENT:
        board_counters.mark_reached(dispatch.request_id, now)
        reputation.count_reached(dispatch.request_id, dispatch.store_id)
    if changed == 1:
        db.session.add(
            DispatchAttempt(
                dispatch_id=dispatch.id,
                channel=dispatch.channel,
                outcome=result.outcome,
                detail=result.detail,
                status_code=result.status_code,
                started_at=started,
                finished_at=now,
            )
        )
    if changed != 1:
        logger.warning("dispatch %s: lease lost before finishing (%s)", dispatch.id, result)
    return changed == 1


def backoff(attempts: int) -> timedelta:
    """Exponential backoff with ±20% jitter, so retries of one outage do not arrive at once."""
    base = current_app.config["DELIVERY_BACKOFF_SECONDS"] * 2 ** max(attempts - 1, 0)
    seconds = min(base, MAX_BACKOFF.total_seconds()) * random.uniform(0.8, 1.2)
    return timedelta(seconds=seconds)


def next_digest(now: datetime) -> datetime:
    hour = current_app.config["DIGEST_HOUR_UTC"]
    today = now.replace(hour=hour, minute=0, second=0, microsecond=0)
    return today if today > now else today + timedelta(days=1)


def weekly_digest_at(store: Store, now: datetime) -> datetime:
    """When a store that asked for a weekly digest gets its next one: the next digest hour,
    a week after the last message it had."""
    last = db.session.scalar(
        sa.select(sa.func.max(Dispatch.sent_at)).where(
            Dispatch.store_id == store.id, Dispatch.status.in_(REACHED_OR_MAYBE)
        )
    )
    return next_digest(max(now, last + WEEK) if last else now)


def _max_attempts() -> int:
    return current_app.config["DELIVERY_MAX_ATTEMPTS"]


# --- delivering one dispatch ---------------------------------------------------------------


def pending_dispatch_ids(request_id: int) -> list[int]:
    return list(
        db.session.scalars(
            sa.select(Dispatch.id).where(
                Dispatch.request_id == request_id, Dispatch.status == DispatchStatus.PENDING
            )
        )
    )


def deliver(dispatch_id: int) -> Dispatch | None:
    """Deliver one dispatch if it is due and ours to take; returns it, or None if not taken.

    Its units of work: the claim, committed before any network call; a first probe of the
    store's site, if it was never probed; the result. Work on the store's site (the probe,
    a form post) waits for the site's turn: ``SiteBusy`` while another worker has it."""
    started = datetime.now(UTC)
    site = _site_to_visit(dispatch_id)
    turn = site_turns.take(site, started) if site else None
    if site and turn is None:
        jobs.commit()
        raise SiteBusy(site)
    lease = claim(dispatch_id, started)
    if lease is None and site and turn:
        site_turns.give_back(site, turn)
    jobs.commit()
    if lease is None:
        return None
    dispatch = db.session.get(Dispatch, dispatch_id)
    assert dispatch is not None
    try:
        refused = refusal(dispatch, started)
        if refused is None and dispatch.store.last_probed_at is None:
            homepage = dispatch.store.homepage
            jobs.commit()  # no transaction stays open while the network is slow
            probing.record(dispatch.store, probing.read_site(homepage))
            jobs.commit()
        ready = refused or _prepare(dispatch, started)
        if isinstance(ready, channels.Ready):
            jobs.commit()  # composed (answer links written) before the network call
            sent = channels.send(ready)
            channels.after_send(ready, sent, dispatch.store)
            ready = sent
        result = ready
    except Exception as error:  # a bug or an outage must not leave the claim hanging
        logger.exception("dispatch %s: delivery crashed", dispatch_id)
        db.session.rollback()
        dispatch = db.session.get(Dispatch, dispatch_id)
        assert dispatch is not None
        result = retry(f"internal error: {error.__class__.__name__}")
    finished = finish(dispatch, lease, result, started)
    if finished:
        fallback.after_delivery(dispatch, result, datetime.now(UTC))
    if site and turn:
        site_turns.give_back(site, turn)
    jobs.commit()
    db.session.refresh(dispatch)
    return dispatch


def _site_to_visit(dispatch_id: int) -> str | None:
    """The store's site if delivering this dispatch goes to it (a first probe, or a form
    post); e-mail goes through our relay and needs no turn of the store's site."""
    row = db.session.execute(
        sa.select(Dispatch.channel, Dispatch.status, Store.domain, Store.last_probed_at)
        .join(Store, Store.id == Dispatch.store_id)
        .where(Dispatch.id == dispatch_id)
    ).first()
    if row is None or row.status not in (DispatchStatus.PENDING, DispatchStatus.SENDING):
        return None
    if row.channel == Channel.FORM or row.last_probed_at is None:
        return row.domain
    return None


def refusal(dispatch: Dispatch, now: datetime) -> Result | None:
    """Why this dispatch must not go at all, if it must not."""
    if not dispatch.request.is_open or dispatch.request.expires_at <= now:
        return skipped("request_closed")
    if dispatch.request.shopper.requests_held_at is not None:  # services/shopper_holds.py
        return held(SHOPPER_HELD, now + SHOPPER_HOLD_RECHECK)
    problem = asks.problem_of(dispatch.request)
    if problem is not None:  # the shopper's fix (details, a new ask) queues it at once
        return held(f"waiting for the shopper: {problem.code}", now + SHOPPER_HOLD_RECHECK)
    if not dispatch.store.contactable:
        return skipped(dispatch.store.status.value)
    preferred = dispatch.store.contact_preference  # perhaps asked after this was planned
    if preferred == fanout.NEVER or (
        preferred in fanout.ONE_CHANNEL and preferred != dispatch.channel
    ):
        return skipped(f"prefers_{preferred}")
    if _store_answered(dispatch):
        return skipped("answered", "the store has answered already")
    return None


def _prepare(dispatch: Dispatch, now: datetime) -> channels.Ready | Result:
    """The composed message, or why it waits (the store's hours, its daily cap)."""
    request, store = dispatch.request, dispatch.store
    if current_app.config["RESPECT_BUSINESS_HOURS"]:
        schedule = business_hours.for_store(store)
        if not schedule.is_open(now):
            return held("outside the store's business hours", schedule.next_open(now))
    if store.contact_preference == fanout.WEEKLY:
        return held_for_digest("the store asked for a weekly digest", weekly_digest_at(store, now))
    if _over_daily_cap(store, now):
        return held_for_digest("daily cap reached: waits for the store's digest")
    outreach = Outreach(
        store=store, requests=[request], dispatch_ids=[dispatch.id], address=dispatch.address
    )
    return channels.prepare(dispatch.channel, outreach)


def _store_answered(dispatch: Dispatch) -> bool:
    return (
        db.session.scalar(
            sa.select(Offer.id).where(
                Offer.request_id == dispatch.request_id, Offer.store_id == dispatch.store_id
            )
        )
        is not None
    )


def _over_daily_cap(store: Store, now: datetime) -> bool:
    sent_today = db.session.scalar(
        sa.select(sa.func.count(Dispatch.id)).where(
            Dispatch.store_id == store.id,
            Dispatch.status.in_([DispatchStatus.SENT, DispatchStatus.ANSWERED]),
            Dispatch.sent_at > now - timedelta(days=1),
        )
    )
    return (sent_today or 0) >= current_app.config["MESSAGES_PER_STORE_PER_DAY"]


# --- the sweep ---------------------------------------------------------------------------


def due_dispatch_ids(now: datetime, limit: int) -> list[int]:
    """Dispatches the queue should be carrying: due retries, first attempts the queue lost,
    and claims whose worker died (lease expired)."""
    return list(
        db.session.scalars(
            sa.select(Dispatch.id)
            .where(
                sa.or_(
                    sa.and_(
                        Dispatch.status == DispatchStatus.PENDING,
                        Dispatch.held_for_digest.is_(False),
                        Dispatch.next_attempt_at <= now,
                    ),
                    sa.and_(
                        Dispatch.status == DispatchStatus.SENDING,
                        Dispatch.lease_expires_at < now,
                    ),
                )
            )
            .order_by(Dispatch.next_attempt_at)
            .limit(limit)
        )
    )
