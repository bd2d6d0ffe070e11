"""The board-counter and reputation migrations fill their columns from the data already
there exactly as the services keep them: data made at the head, the two migrations taken
back and applied again, the refilled values compared with what the services computed."""

from __future__ import annotations

from pathlib import Path

import sqlalchemy as sa
from flask_migrate import downgrade, upgrade

from discountmarket import create_app
from discountmarket.extensions import db
from discountmarket.models import DiscountRequest, StoreReputation
from discountmarket.services import bench_data, reputation
from discountmarket.services.bench_sizes import Sizes
from tests.conftest import base_config
from tests.test_migrations import empty_database_url  # noqa: F401 — the fixture

BEFORE_COUNTERS = "b97c91818b01"
COUNTERS = ("offer_count", "best_price", "saving", "public_at")


def counters() -> dict[int, tuple]:
    columns = [getattr(DiscountRequest, name) for name in COUNTERS]
    rows = db.session.execute(sa.select(DiscountRequest.id, *columns)).all()
    return {row[0]: tuple(row[1:]) for row in rows}


def reputations() -> dict[int, tuple]:
    rows = db.session.scalars(sa.select(StoreReputation)).all()
    return {
        r.store_id: (r.asked, r.answered, r.recent_answer_seconds, r.broken_promises) for r in rows
    }


def test_counters_and_reputations_are_filled_from_the_data(
    empty_database_url: str,  # noqa: F811
    instance_dir: Path,
) -> None:
    app = create_app(base_config(empty_database_url, instance_dir))
    with app.app_context():
        upgrade()
        bench_data.seed(Sizes(requests=300, offers_per_request=4, stores=40, shoppers=50))
        store_ids = set(db.session.scalars(sa.text("SELECT id FROM stores")))
        reputation.recount(store_ids)
        db.session.commit()
        kept, known = counters(), reputations()
        assert sum(offers for offers, *_ in kept.values()) > 300  # the data has offers
        assert any(saving >= 0 for _, _, saving, _ in kept.values())
        db.session.remove()
        downgrade(revision=BEFORE_COUNTERS)
        upgrade()
        assert counters() == kept
        assert reputations() == known
        db.session.remove()
        db.engine.dispose()
