"""The task queue: the Huey instance and the tasks. With ``jobs``, the only module that knows
the queue: services record jobs through ``jobs.later``; ``init_queue`` registers this module
as the queue behind that port.

Tasks are thin: each runs inside an application context and calls a service. The Huey
instance exists at import time (tasks must be registered on it) and gets its real storage
from ``init_queue(app)``: Redis when REDIS_URL is set, otherwise SQLite under instance/,
or in-process immediate execution when HUEY_IMMEDIATE is true (tests).
"""

from __future__ import annotations

import functools
import logging
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from flask import Flask, current_app
from huey import Huey, crontab
from huey.storage import MemoryStorage, RedisStorage, SqliteStorage

from discountmarket import jobs, logs
from discountmarket.services import (
    catalog,
    competitor_matching,
    delivery,
    digests,
    escalation,
    listings,
    mailing,
    notifications,
    probing,
    reply_offers,
    requesting,
    site_turns,
)
from discountmarket.services.site_turns import SiteBusy

logger = logging.getLogger(__name__)

# results=False: nothing reads a task's return value, so none is stored (with results on,
# Redis kept one entry per task run, for ever).
huey = Huey("discountmarket", storage_class=MemoryStorage, utc=True, results=False)
_app: Flask | None = None


def init_queue(app: Flask) -> None:
    """Point the queue at the storage the app's configuration names."""
    global _app
    _app = app
    config = app.config
    if config["REDIS_URL"]:
        storage_class: type = RedisStorage
        storage_kwargs: dict[str, Any] = {"url": config["REDIS_URL"]}
    else:
        storage_class = SqliteStorage
        storage_kwargs = {"filename": config["HUEY_SQLITE_PATH"]}
        # A fresh checkout has no instance/ yet: the queue's file must be creatable.
        Path(config["HUEY_SQLITE_PATH"]).parent.mkdir(parents=True, exist_ok=True)
    huey.storage_class = storage_class
    huey.storage_kwargs = storage_kwargs
    huey._immediate = bool(config["HUEY_IMMEDIATE"])
    huey.storage = huey.create_storage()
    jobs.register(_enqueue, depth=huey.pending_count)


def _in_app_context(func: Callable[..., Any]) -> Callable[..., Any]:
    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        if _app is None:
            raise RuntimeError("init_queue(app) was not called")
        with _app.app_context():
            return logs.log_task(func.__name__, lambda: func(*args, **kwargs))

    return wrapper


def task(**settings: Any) -> Callable[[Callable[..., Any]], Any]:
    """``huey.task`` whose body runs inside an application context."""

    def decorator(func: Callable[..., Any]) -> Any:
        return huey.task(**settings)(_in_app_context(func))

    return decorator


def periodic_task(schedule: Callable[..., bool], **settings: Any) -> Callable[..., Any]:
    """A task of the schedule. Every worker runs the schedule; one worker runs each tick
    (``site_turns.take_tick``), the others skip it: exactly one scheduler however many
    workers run, on one machine or several."""

    def decorator(func: Callable[..., Any]) -> Any:
        @functools.wraps(func)
        def once_per_tick(*args: Any, **kwargs: Any) -> Any:
            if not site_turns.take_tick(func.__name__, datetime.now(UTC)):
                logger.info("%s: this tick runs on another worker", func.__name__)
                return SKIPPED
            return func(*args, **kwargs)

        return huey.periodic_task(schedule, **settings)(_in_app_context(once_per_tick))

    return decorator


SKIPPED = "skipped: another worker runs this tick"


# --- tasks -------------------------------------------------------------------------------


@task(retries=mailing.MAX_ATTEMPTS - 1, retry_delay=60)
def send_mail(mail_id: int) -> str | None:
    """Send one recorded message; a transient failure raises, and the queue tries again."""
    status = mailing.send_recorded(mail_id)
    return status.value if status else None


@task(retries=2, retry_delay=300)
def fetch_product(product_id: int) -> None:
    """Read the product page: title, price, currency, image."""
    try:
        catalog.refresh_snapshot(product_id)
    except SiteBusy as busy:
        fetch_product.schedule((product_id,), delay=busy.retry_after)


@task()
def fetch_product_then_deliver(product_id: int, request_id: int) -> None:
    """Read the product page first, so the stores' messages can name the product."""
    try:
        catalog.refresh_snapshot(product_id)
    except SiteBusy as busy:
        fetch_product_then_deliver.schedule((product_id, request_id), delay=busy.retry_after)
        return
    except Exception:
        deliver_request(request_id)  # the stores hear of it even when the page cannot be read
        raise
    requesting.plan_newly_found_competitors(request_id)
    deliver_request(request_id)


def deliver_request(request_id: int) -> None:
    """Queue every pending dispatch of a request, and the search for its product in the
    competitors' shops (their dispatches wait for it)."""
    for dispatch_id in delivery.pending_dispatch_ids(request_id):
        deliver(dispatch_id)
    match_competitors(request_id)


@task(retries=2, retry_delay=300)
def match_competitors(request_id: int) -> int:
    """Look for the product in each waiting competitor's shop, then deliver to those that
    are to be asked; a busy site makes the rest wait for a retry."""
    try:
        released = listings.match_competitors(request_id)
    except SiteBusy as busy:
        match_competitors.schedule((request_id,), delay=busy.retry_after)
        released = []
    for dispatch_id in released:
        deliver(dispatch_id)
    return len(released)


@task()
def deliver(dispatch_id: int) -> str | None:
    """Deliver one dispatch (its own retries live in the outbox row, not in the queue)."""
    try:
        dispatch = delivery.deliver(dispatch_id)
    except SiteBusy as busy:  # another worker is on the store's site: our turn comes later
        deliver.schedule((dispatch_id,), delay=busy.retry_after)
        return "waiting for the site"
    if dispatch is None:
        return None
    if dispatch.status.value == "pending" and not dispatch.held_for_digest:
        delay = (dispatch.next_attempt_at - datetime.now(UTC)).total_seconds()
        deliver.schedule((dispatch_id,), delay=max(delay, 1))
    return dispatch.status.value


@task(retries=1, retry_delay=600)
def probe_store(store_id: int) -> None:
    try:
        probing.probe_store_by_id(store_id)
    except SiteBusy as busy:
        probe_store.schedule((store_id,), delay=busy.retry_after)


def _requeue_lost_deliveries() -> int:
    """Re-queue what the queue may have lost: due retries, claims of dead workers, and
    competitor searches whose task went with a stopped worker."""
    now, batch = datetime.now(UTC), current_app.config["SWEEP_BATCH"]
    for request_id in competitor_matching.stale_matching_request_ids(now, batch):
        match_competitors(request_id)
    due = delivery.due_dispatch_ids(now, batch)
    for dispatch_id in due:
        deliver(dispatch_id)
    return len(due)


@periodic_task(crontab(minute="*"))
def sweep_outbox() -> int:
    return _requeue_lost_deliveries()


@task()
def resume_deliveries() -> int:
    """The outbox sweep at a worker's start, whoever runs the schedule's tick, and the
    notices a stopped worker owed."""
    return _requeue_lost_deliveries() + _requeue_owed_notices()


@periodic_task(crontab(minute="*/5"))
def resend_lost_mail() -> int:
    """Queue again the recorded mail whose task a stopped worker took with it."""
    lost = mailing.lost_mail_ids(datetime.now(UTC))
    for mail_id in lost:
        send_mail(mail_id)
    return len(lost)


@periodic_task(crontab(minute="*/15"))
def sla_sweep() -> dict:
    """Move silent stores up the escalation ladder."""
    report = escalation.sla_sweep(datetime.now(UTC))
    return {"retried": report.retried, "escalated": report.escalated}


@periodic_task(crontab(minute="5"))
def send_store_digests() -> int:
    """Once an hour: stores whose daily digest is due get one message with every held request."""
    return digests.send_digests()


@task(retries=3, retry_delay=120)
def send_offer_digest(request_id: int, owed_id: int | None = None) -> bool:
    return jobs.do_owed(notifications.send_offer_digest, request_id, owed_id=owed_id)


@task(retries=3, retry_delay=120)
def tell_store_offer_accepted(offer_id: int, owed_id: int | None = None) -> int:
    return jobs.do_owed(notifications.tell_store_offer_accepted, offer_id, owed_id=owed_id)


@task(retries=3, retry_delay=120)
def tell_shopper_deal(offer_id: int, owed_id: int | None = None) -> bool:
    return jobs.do_owed(notifications.tell_shopper_deal, offer_id, owed_id=owed_id)


@task(retries=3, retry_delay=120)
def tell_shopper_store_replied(inbound_id: int, owed_id: int | None = None) -> bool:
    return jobs.do_owed(notifications.tell_shopper_store_replied, inbound_id, owed_id=owed_id)


@task(retries=3, retry_delay=120)
def acknowledge_reply_offer(inbound_id: int, owed_id: int | None = None) -> bool:
    return jobs.do_owed(reply_offers.acknowledge, inbound_id, owed_id=owed_id)


@task(retries=3, retry_delay=120)
def tell_stores_request_closed(
    request_id: int, winner_store_id: int | None, owed_id: int | None = None
) -> int:
    return jobs.do_owed(
        notifications.tell_stores_request_closed, request_id, winner_store_id, owed_id=owed_id
    )


@periodic_task(crontab(minute="*/5"))
def resume_owed_notices() -> int:
    """Queue again the notices a stopped worker took with it before doing them."""
    return _requeue_owed_notices()


def _requeue_owed_notices() -> int:
    grace = timedelta(seconds=current_app.config["OWED_NOTICE_GRACE_SECONDS"])
    return jobs.requeue_owed(datetime.now(UTC), grace)


@periodic_task(crontab(minute="*"))
def expire_requests() -> int:
    """Close open requests whose time is up, and expire offers past their validity."""
    return requesting.expire_overdue(datetime.now(UTC))


# The schedule's work, run once by each ``flask worker --drain`` (see ``run_periodic_work``).
PERIODIC = (
    sweep_outbox,
    resend_lost_mail,
    resume_owed_notices,
    sla_sweep,
    send_store_digests,
    expire_requests,
)

# What services may ask for by name through ``jobs.later(name, ...)``; ``deliver_request``
# is no task of its own: it queues one ``deliver`` per pending dispatch.
QUEUED_BY_NAME: dict[str, Any] = {
    "send_mail": send_mail,
    "deliver_request": deliver_request,
    "fetch_product": fetch_product,
    "fetch_product_then_deliver": fetch_product_then_deliver,
    "deliver": deliver,
    "match_competitors": match_competitors,
    "probe_store": probe_store,
    "send_offer_digest": send_offer_digest,
    "tell_store_offer_accepted": tell_store_offer_accepted,
    "tell_shopper_deal": tell_shopper_deal,
    "tell_shopper_store_replied": tell_shopper_store_replied,
    "tell_stores_request_closed": tell_stores_request_closed,
    "acknowledge_reply_offer": acknowledge_reply_offer,
}


def _enqueue(job: jobs.Job) -> None:
    """The queue behind the port: a job becomes a Huey task (now, or after its delay)."""
    queued = QUEUED_BY_NAME[job.name]
    extra = {"owed_id": job.owed_id} if job.owed_id is not None else {}
    if job.delay:
        queued.schedule(job.args, extra, delay=job.delay)
    else:
        queued(*job.args, **extra)


# --- running the queue -------------------------------------------------------------------


def run_periodic_work() -> dict[str, Any]:
    """Every periodic task once, now, by name: a cron-driven deployment runs no consumer's
    schedule, so each ``worker --drain`` sweeps, escalates, sends due digests and closes
    expired requests itself (each is safe to run at any time: it acts only on what is due)."""
    return {periodic.func.__name__: periodic.call_local() for periodic in PERIODIC}


def drain(now: datetime | None = None) -> int:
    """Run every task that is due now, then return how many ran (``flask worker --drain``)."""
    processed = 0
    while True:
        for scheduled in huey.read_schedule(now):
            huey.enqueue(scheduled)
        queued = huey.dequeue()
        if queued is None:
            return processed
        huey.execute(queued, now)
        processed += 1


def run_consumer(workers: int, quiet: bool = False) -> None:
    """Run a Huey consumer with worker threads until SIGINT/SIGTERM; ``quiet`` logs only
    warnings and errors (not every task)."""
    logs.configure(current_app, level=logging.WARNING if quiet else logging.INFO)
    consumer = huey.create_consumer(workers=workers, worker_type="thread", periodic=True)
    resume_abandoned_work()
    consumer.run()


def resume_abandoned_work() -> None:
    """On start-up, sweep the outbox now and again once a dead worker's claims can have
    expired, rather than waiting for the minute sweep: a restart resumes work at once."""
    lease = current_app.config["DELIVERY_LEASE_SECONDS"]  # the CLI runs us in the app context
    try:
        resume_deliveries()
        resume_deliveries.schedule(delay=lease + 1)
    except Exception:  # the queue is down: the periodic sweep will catch up when it is back
        logger.exception("could not queue the start-up sweep")
