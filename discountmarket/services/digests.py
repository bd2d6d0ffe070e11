"""The daily digest: one message per store and channel for every dispatch the per-store
daily cap held back (``delivery`` holds them; this sends them, under the same claims)."""

from __future__ import annotations

from datetime import UTC, datetime

import sqlalchemy as sa

from discountmarket import jobs
from discountmarket.extensions import db
from discountmarket.models import Channel, Dispatch, DispatchStatus
from discountmarket.services import channels, delivery, site_turns
from discountmarket.services.channels import Result
from discountmarket.services.store_messages import Outreach


def send_digests(now: datetime | None = None) -> int:
    """One message per store and channel for every dispatch held by the daily cap. Each
    group's claims are committed before its message goes, and its results after."""
    now = now or datetime.now(UTC)
    waiting = db.session.scalars(
        sa.select(Dispatch)
        .where(
            Dispatch.status == DispatchStatus.PENDING,
            Dispatch.held_for_digest.is_(True),
            Dispatch.next_attempt_at <= now,
        )
        .order_by(Dispatch.store_id, Dispatch.channel, Dispatch.id)
    ).all()
    groups: dict[tuple[int, Channel], list[Dispatch]] = {}
    for dispatch in waiting:
        groups.setdefault((dispatch.store_id, dispatch.channel), []).append(dispatch)
    messages = 0
    for (_, channel), dispatches in groups.items():
        site = dispatches[0].store.domain if channel == Channel.FORM else None
        turn = site_turns.take(site, now) if site else None
        if site and turn is None:
            continue  # another worker is on the store's site: the next digest run sends it
        leases = _claim_held(dispatches, now)
        jobs.commit()
        live = _live_claims(dispatches, leases, now)
        ready = channels.prepare(channel, _digest_of(live)) if live else None
        jobs.commit()  # composed before the network call
        if ready is not None:
            result = ready if isinstance(ready, Result) else channels.send(ready)
            if isinstance(ready, channels.Ready):
                channels.after_send(ready, result, live[0].store)
            for dispatch in live:
                delivery.finish(dispatch, leases[dispatch.id], result, now)
            messages += 1
        if site and turn:
            site_turns.give_back(site, turn)
        jobs.commit()
    return messages


def _claim_held(dispatches: list[Dispatch], now: datetime) -> dict[int, datetime]:
    leases = {}
    for dispatch in dispatches:
        db.session.execute(
            sa.update(Dispatch)
            .where(Dispatch.id == dispatch.id, Dispatch.held_for_digest.is_(True))
            .values(held_for_digest=False)
            .execution_options(synchronize_session=False)
        )
        lease = delivery.claim(dispatch.id, now)
        if lease is not None:
            leases[dispatch.id] = lease
    return leases


def _live_claims(
    dispatches: list[Dispatch], leases: dict[int, datetime], now: datetime
) -> list[Dispatch]:
    """Our claimed dispatches that may still go; the others are finished with the reason
    ``delivery.refusal`` gives (skipped, or held while their shopper is held for review)."""
    live = []
    for dispatch in (d for d in dispatches if d.id in leases):
        db.session.refresh(dispatch)
        refusal = delivery.refusal(dispatch, now)
        if refusal is None:
            live.append(dispatch)
        else:
            delivery.finish(dispatch, leases[dispatch.id], refusal, now)
    return live


def _digest_of(live: list[Dispatch]) -> Outreach:
    return Outreach(
        store=live[0].store,
        requests=[d.request for d in live],
        dispatch_ids=[d.id for d in live],
    )
