"""The queue port: services say what should run later; it runs once their work is committed.

Services never import the task queue. They call ``later("deliver", dispatch_id)`` inside
their unit of work and end it with ``commit()``: the database commit happens first, then
every job recorded on the session is handed to the queue registered at start-up (see
``tasks.init_queue``). A rollback forgets the jobs, so work is never queued for rows that
were not written, and never lost for rows that were.

``commit()`` is the one place that commits; only service entry points call it.

A job *owed* to a person (``later(..., owed=True)``: the notices of a decision) is also
written as a row in the same unit of work. The task that does it deletes the row in its own
unit of work (``settle``), so it is done once; a row still there long after its time means
the queue lost the job (a stopped worker took it), and ``requeue_owed`` queues it again.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import UTC, datetime, timedelta
from typing import Any

import sqlalchemy as sa
from sqlalchemy import event
from sqlalchemy.orm import Session

from discountmarket.extensions import db
from discountmarket.models import OwedJob

logger = logging.getLogger(__name__)
_PENDING = "discountmarket.jobs"


@dataclass(frozen=True)
class Job:
    name: str
    args: tuple[Any, ...]
    delay: float | None = None  # seconds from now; None: as soon as a worker is free
    owed: OwedJob | None = None  # its row, for an owed job
    owed_id: int | None = None  # ... as the task receives it


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


def later(name: str, *args: Any, delay: float | None = None, owed: bool = False) -> None:
    """Record a job on the current unit of work; it is queued after the next commit. An
    owed job is written down with the unit of work too (see the module's docstring)."""
    row = None
    if owed:
        due = datetime.now(UTC) + timedelta(seconds=delay or 0)
        row = OwedJob(name=name, args=list(args), due_at=due)
        db.session.add(row)
    db.session.info.setdefault(_PENDING, []).append(Job(name, args, delay, row))


def settle(owed_id: int | None) -> bool:
    """Take an owed job for doing, in the current unit of work (its commit settles it);
    False when it was done already. Jobs that are not owed are always to be done."""
    if owed_id is None:
        return True
    deleted = db.session.execute(sa.delete(OwedJob).where(OwedJob.id == owed_id)).rowcount
    return deleted == 1


def do_owed(work: Callable[..., Any], *args: Any, owed_id: int | None) -> Any:
    """Do an owed job once: its row goes in the unit of work that does it (the notice
    functions commit it with their mail); a job done already is skipped."""
    if not settle(owed_id):
        return None
    result = work(*args)
    commit()  # settles it when the work itself had nothing to commit
    return result


def requeue_owed(now: datetime, grace: timedelta, limit: int = 500) -> int:
    """Queue again the owed jobs still unsettled ``grace`` after their time. Commits."""
    rows = db.session.scalars(
        sa.select(OwedJob).where(OwedJob.due_at < now - grace).order_by(OwedJob.id).limit(limit)
    ).all()
    for row in rows:
        row.due_at = now  # the next sweep waits another grace period for this try
        db.session.info.setdefault(_PENDING, []).append(Job(row.name, tuple(row.args), None, row))
    commit()
    return len(rows)


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
        _enqueue(replace(job, owed=None, owed_id=job.owed.id) if job.owed is not None else job)


@event.listens_for(Session, "after_soft_rollback")
def _forget_jobs(session: Session, previous_transaction: Any) -> None:
    """What was rolled back was never written: its jobs must not run. (A savepoint's
    rollback leaves the enclosing unit of work, and its jobs, in place.)"""
    if previous_transaction.nested:
        return
    if session.info.pop(_PENDING, None):
        logger.debug("jobs of a rolled-back unit of work dropped")
