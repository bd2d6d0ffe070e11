"""The task queue: the Huey instance and the tasks. The only module that knows the queue.

Tasks are thin: each runs inside an application context and calls a service. The Huey
instance exists at import time (tasks must be registered on it) and gets its real storage
from ``init_queue(app)``: Redis when REDIS_URL is set, otherwise SQLite under instance/,
or in-process immediate execution when HUEY_IMMEDIATE is true (tests).
"""

from __future__ import annotations

import functools
import logging
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

from flask import Flask
from huey import Huey, crontab
from huey.exceptions import CancelExecution
from huey.storage import MemoryStorage, RedisStorage, SqliteStorage

logger = logging.getLogger(__name__)

huey = Huey("discountmarket", storage_class=MemoryStorage, utc=True)
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
    huey.storage_class = storage_class
    huey.storage_kwargs = storage_kwargs
    huey._immediate = bool(config["HUEY_IMMEDIATE"])
    huey.storage = huey.create_storage()


def _in_app_context(func: Callable[..., Any]) -> Callable[..., Any]:
    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        if _app is None:
            raise RuntimeError("init_queue(app) was not called")
        with _app.app_context():
            return func(*args, **kwargs)

    return wrapper


def task(**settings: Any) -> Callable[[Callable[..., Any]], Any]:
    """``huey.task`` whose body runs inside an application context."""

    def decorator(func: Callable[..., Any]) -> Any:
        return huey.task(**settings)(_in_app_context(func))

    return decorator


def periodic_task(schedule: Callable[..., bool], **settings: Any) -> Callable[..., Any]:
    def decorator(func: Callable[..., Any]) -> Any:
        return huey.periodic_task(schedule, **settings)(_in_app_context(func))

    return decorator


# --- tasks -------------------------------------------------------------------------------


@task(retries=5, retry_delay=60)
def send_email(mail_data: dict[str, Any]) -> None:
    """Deliver one message; transient failures retry, permanent ones are logged and dropped."""
    from discountmarket.outreach import mail

    message = mail.Mail.from_dict(mail_data)
    try:
        mail.send(message)
    except mail.MailError as error:
        if error.permanent:
            logger.warning("mail to %s refused permanently: %s", message.to, error)
            raise CancelExecution(retry=False) from error
        raise


@task(retries=2, retry_delay=300)
def fetch_product(product_id: int) -> None:
    """Read the product page: title, price, currency, image."""
    from discountmarket.services import catalog

    catalog.refresh_snapshot(product_id)


@task()
def fetch_product_then_deliver(product_id: int, request_id: int) -> None:
    """Read the product page first, so the stores' messages can name the product."""
    from discountmarket.services import catalog

    try:
        catalog.refresh_snapshot(product_id)
    finally:
        deliver_request(request_id)


def deliver_request(request_id: int) -> None:
    """Queue every pending dispatch of a request."""
    from discountmarket.extensions import db
    from discountmarket.models import Dispatch, DispatchStatus

    dispatch_ids = db.session.scalars(
        db.select(Dispatch.id).where(
            Dispatch.request_id == request_id, Dispatch.status == DispatchStatus.PENDING
        )
    ).all()
    for dispatch_id in dispatch_ids:
        deliver(dispatch_id)


@task()
def deliver(dispatch_id: int) -> str | None:
    """Deliver one dispatch (its own retries live in the outbox row, not in the queue)."""
    from discountmarket.services import delivery

    dispatch = delivery.deliver(dispatch_id)
    if dispatch is None:
        return None
    if dispatch.status.value == "pending" and not dispatch.held_for_digest:
        delay = (dispatch.next_attempt_at - datetime.now(UTC)).total_seconds()
        deliver.schedule((dispatch_id,), delay=max(delay, 1))
    return dispatch.status.value


@task(retries=1, retry_delay=600)
def probe_store(store_id: int) -> None:
    from discountmarket.extensions import db
    from discountmarket.models import Store
    from discountmarket.services import probing

    store = db.session.get(Store, store_id)
    if store is not None:
        probing.probe_store(store)


@periodic_task(crontab(minute="*"))
def sweep_outbox() -> int:
    """Re-queue what the queue may have lost: due retries and claims of dead workers."""
    from flask import current_app

    from discountmarket.services import delivery

    due = delivery.due_dispatch_ids(datetime.now(UTC), current_app.config["SWEEP_BATCH"])
    for dispatch_id in due:
        deliver(dispatch_id)
    return len(due)


@periodic_task(crontab(minute="*/15"))
def sla_sweep() -> dict:
    """Move silent stores up the escalation ladder."""
    from discountmarket.services import escalation

    report = escalation.sla_sweep(datetime.now(UTC))
    return {"retried": report.retried, "escalated": report.escalated}


@periodic_task(crontab(minute="5"))
def send_store_digests() -> int:
    """Once an hour: stores whose daily digest is due get one message with every held request."""
    from discountmarket.services import delivery

    return delivery.send_digests()


@task(retries=3, retry_delay=120)
def send_offer_digest(request_id: int) -> bool:
    from discountmarket.services import notifications

    return notifications.send_offer_digest(request_id)


def schedule_offer_digest(request_id: int) -> None:
    """Queue the shopper's offer digest for when it may go (at most one an hour)."""
    from discountmarket.extensions import db
    from discountmarket.models import DiscountRequest
    from discountmarket.services import notifications

    request = db.session.get(DiscountRequest, request_id)
    if request is not None and request.notify_offers:
        send_offer_digest.schedule((request_id,), delay=notifications.digest_delay(request))


@task(retries=3, retry_delay=120)
def tell_store_offer_accepted(offer_id: int) -> int:
    from discountmarket.services import notifications

    return notifications.tell_store_offer_accepted(offer_id)


@task(retries=3, retry_delay=120)
def tell_stores_request_closed(request_id: int, winner_store_id: int | None) -> int:
    from discountmarket.services import notifications

    return notifications.tell_stores_request_closed(request_id, winner_store_id)


@periodic_task(crontab(minute="*"))
def expire_requests() -> int:
    """Close open requests whose time is up, and expire offers past their validity."""
    from discountmarket.services import requesting

    return requesting.expire_overdue(datetime.now(UTC))


# --- running the queue -------------------------------------------------------------------


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


def run_consumer(workers: int) -> None:
    """Run a Huey consumer with worker threads until SIGINT/SIGTERM."""
    logging.basicConfig(
        level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s"
    )
    consumer = huey.create_consumer(workers=workers, worker_type="thread", periodic=True)
    resume_abandoned_work()
    consumer.run()


def resume_abandoned_work() -> None:
    """On start-up, sweep the outbox now and again once a dead worker's claims can have
    expired, rather than waiting for the minute sweep: a restart resumes work at once."""
    from flask import current_app

    lease = current_app.config["DELIVERY_LEASE_SECONDS"]  # the CLI runs us in the app context
    try:
        sweep_outbox()
        sweep_outbox.schedule(delay=lease + 1)
    except Exception:  # the queue is down: the periodic sweep will catch up when it is back
        logger.exception("could not queue the start-up sweep")
