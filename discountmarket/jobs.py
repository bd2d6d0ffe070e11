"""The queue port: services say what should run later; it runs once their work is committed.

Services never import the task queue. They call ``later("deliver", dispatch_id)`` inside
their unit of work and end it with ``commit()``: the database commit happens first, then
every job recorded on the session is handed to the queue registered at start-up (see
``tasks.init_queue``). A rollback forgets the jobs, so work is never queued for rows that
were not written, and never lost for rows that were.

``commit()`` is the one place that commits; only service entry points call it.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import event
from sqlalchemy.orm import Session

from discountmarket.extensions import db

logger = logging.getLogger(__name__)
_PENDING = "discountmarket.jobs"


@dataclass(frozen=True)
class Job:
    name: str
    args: tuple[Any, ...]
    delay: float | None = None  # seconds from now; None: as soon as a worker is free


Enqueue = Callable[[Job], None]
_enqueue: Enqueue | None = None
_depth: Callable[[], int] | None = None


def register(enqueue: Enqueue, depth: Callable[[], int] | None = None) -> None:
    """Called once at start-up by the queue adapter (``tasks.init_queue``), with how to
    count the jobs waiting (for readiness checks and metrics)."""
    global _enqueue, _depth
    _enqueue, _depth = enqueue, depth


def waiting() -> int:
    """Jobs queued and not yet taken by a worker; raises when the queue cannot be read."""
    if _depth is None:
        raise RuntimeError("no queue registered: create_app() registers one")
    return _depth()


def later(name: str, *args: Any, delay: float | None = None) -> None:
    """Record a job on the current unit of work; it is queued after the next commit."""
    db.session.info.setdefault(_PENDING, []).append(Job(name, args, delay))


def commit() -> None:
    """Commit the unit of work, then hand its jobs to the queue."""
    db.session.commit()
    enqueue_pending()


def enqueue_pending() -> None:
    """Queue the jobs recorded since the last commit (``commit()`` calls this)."""
    jobs: list[Job] = db.session.info.pop(_PENDING, [])
    if jobs and _enqueue is None:
        raise RuntimeError("no queue registered: create_app() registers one")
    for job in jobs:
        assert _enqueue is not None
        _enqueue(job)


@event.listens_for(Session, "after_soft_rollback")
def _forget_jobs(session: Session, previous_transaction: Any) -> None:
    """What was rolled back was never written: its jobs must not run. (A savepoint's
    rollback leaves the enclosing unit of work, and its jobs, in place.)"""
    if previous_transaction.nested:
        return
    if session.info.pop(_PENDING, None):
        logger.debug("jobs of a rolled-back unit of work dropped")
