"""Figures for an operator's monitoring stack, read at scrape time: a few grouped counts
(indexed columns), the queue's depth. ``blueprints/health`` renders them for Prometheus."""

from __future__ import annotations

from dataclasses import dataclass

import sqlalchemy as sa

from discountmarket import jobs
from discountmarket.extensions import db
from discountmarket.models import Dispatch, InboundMail, MailMessage


@dataclass(frozen=True)
class Figures:
    queue_depth: int | None  # None: the queue could not be read
    dispatches: dict[tuple[str, str], int]  # (channel, status) -> count
    mail: dict[str, int]  # the record of account mail and notices, by status
    inbound: dict[str, int]  # mail received, by kind


def figures() -> Figures:
    try:
        depth: int | None = jobs.waiting()
    except Exception:  # reported as absent; readiness says why
        depth = None
    dispatches = db.session.execute(
        sa.select(Dispatch.channel, Dispatch.status, sa.func.count()).group_by(
            Dispatch.channel, Dispatch.status
        )
    )
    mail = db.session.execute(
        sa.select(MailMessage.status, sa.func.count()).group_by(MailMessage.status)
    )
    inbound = db.session.execute(
        sa.select(InboundMail.kind, sa.func.count()).group_by(InboundMail.kind)
    )
    found = Figures(
        queue_depth=depth,
        dispatches={(str(c), str(s)): n for c, s, n in dispatches},
        mail={str(status): n for status, n in mail},
        inbound={str(kind): n for kind, n in inbound},
    )
    db.session.rollback()
    return found
