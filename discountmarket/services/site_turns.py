"""One worker at a time on any one site.

Reading a store's site (a probe, the product page) and posting its contact form take
turns per site (its store key: registrable domain, or host:port for local sites). A slow
or hostile site therefore holds one worker, never all of them: work that finds its site
busy is not waited for but comes back a little later, and the queue's other work runs in
the meantime (fair queueing between sites).

A turn is one row per site with a holder and an expiry, taken by a conditional upsert
(atomic on PostgreSQL and SQLite); a dead worker's turn simply runs out.

The same rows give the periodic tasks their single scheduler: every worker runs the
schedule, and the one that takes ``tick:<task>`` until the end of the tick runs it
(``take_tick``).
"""

from __future__ import annotations

import random
import secrets
from datetime import datetime, timedelta

import sqlalchemy as sa
from flask import current_app
from sqlalchemy.dialects import postgresql, sqlite

from discountmarket import jobs
from discountmarket.extensions import db
from discountmarket.models import SiteTurn

_INSERTS = {"postgresql": postgresql.insert, "sqlite": sqlite.insert}


class SiteBusy(Exception):
    """Another worker has this site's turn: come back after ``retry_after`` seconds."""

    def __init__(self, site: str) -> None:
        super().__init__(f"{site} is busy with another worker")
        self.site = site
        wait = current_app.config["SITE_BUSY_RETRY_SECONDS"]
        self.retry_after = wait * random.uniform(0.8, 1.2)  # waiters do not return at once


def take(site: str, now: datetime, until: datetime | None = None) -> str | None:
    """The site's turn for us, in the caller's unit of work (commit it before the network
    call); returns our holder token, or None while another worker holds a live turn. The
    turn lasts a delivery lease, or ``until``."""
    holder = secrets.token_hex(16)
    lease = timedelta(seconds=current_app.config["DELIVERY_LEASE_SECONDS"])
    expires = until or now + lease
    table = SiteTurn.__table__
    insert = _INSERTS[db.session.get_bind().dialect.name](table)
    statement = (
        insert.values(site=site, holder=holder, expires_at=expires)
        .on_conflict_do_update(
            index_elements=[table.c.site],
            set_={"holder": holder, "expires_at": expires},
            where=table.c.expires_at < now,
        )
        .returning(table.c.holder)
    )
    return holder if db.session.execute(statement).first() is not None else None


def take_tick(task: str, now: datetime) -> bool:
    """Whether this worker runs this minute's tick of a periodic task: the first to ask
    holds it to the end of the minute, the others skip it. Commits (the claim must be seen
    by the other workers before the task's work starts)."""
    tick_end = now.replace(second=0, microsecond=0) + timedelta(minutes=1)
    ours = take(f"tick:{task}", now, until=tick_end) is not None
    jobs.commit()
    return ours


def give_back(site: str, holder: str) -> None:
    """End our turn (in the caller's unit of work); a turn taken over after expiry is left
    to its new holder."""
    db.session.execute(sa.delete(SiteTurn).where(SiteTurn.site == site, SiteTurn.holder == holder))
