"""Shoppers' reports that a store did not honour an accepted offer. A report lands in the
operators' queue and counts against the store's reputation once an operator confirms it."""

from __future__ import annotations

from datetime import UTC, datetime

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l
from sqlalchemy.exc import IntegrityError

from discountmarket import jobs
from discountmarket.extensions import db
from discountmarket.models import HonourReport, HonourStatus, Offer, OfferStatus, User
from discountmarket.services import escalation, reputation
from discountmarket.services.audit import audit
from discountmarket.services.errors import NotAllowed, ServiceError

REASON = "offer not honoured"


def report(offer_id: int, shopper: User, note: str) -> HonourReport:
    offer = db.session.get(Offer, offer_id)
    if offer is None or offer.request.shopper_id != shopper.id:
        raise NotAllowed(_l("No such offer."))
    if offer.status != OfferStatus.ACCEPTED:
        raise ServiceError(_l("Only an accepted offer can be reported."))
    entry = HonourReport(
        offer_id=offer.id, store_id=offer.store_id, shopper_id=shopper.id, note=note
    )
    db.session.add(entry)
    try:
        db.session.flush()
    except IntegrityError as error:
        db.session.rollback()
        raise ServiceError(_l("You have reported this offer already.")) from error
    escalation.open_escalation(offer.store, REASON)
    jobs.commit()
    return entry


def find(report_id: int) -> HonourReport | None:
    return db.session.get(HonourReport, report_id)


def open_reports(store_id: int) -> list[HonourReport]:
    return list(
        db.session.scalars(
            sa.select(HonourReport).where(
                HonourReport.store_id == store_id, HonourReport.status == HonourStatus.OPEN
            )
        )
    )


def decide(entry: HonourReport, operator: User, confirmed: bool) -> None:
    if entry.status != HonourStatus.OPEN:
        raise ServiceError(_l("This report was decided already."))
    entry.status = HonourStatus.CONFIRMED if confirmed else HonourStatus.DISMISSED
    entry.decided_at = datetime.now(UTC)
    entry.decided_by_id = operator.id
    if confirmed:
        reputation.count_broken_promise(entry.store_id)
    audit(
        operator,
        "confirm_report" if confirmed else "dismiss_report",
        entry,
        after={"status": entry.status.value},
    )
    jobs.commit()
