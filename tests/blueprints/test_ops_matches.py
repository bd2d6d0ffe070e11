"""A listing the rules were unsure of waits for an operator: confirmed, the competitor is
asked about it; rejected, never. Audited."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
import sqlalchemy as sa
from flask import Flask

from discountmarket.extensions import db
from discountmarket.models import (
    AuditEntry,
    Dispatch,
    DispatchStatus,
    MatchStatus,
    ProductMatch,
    Role,
)
from discountmarket.services.stores import link_competitors
from tests.blueprints.test_accept import signed_in
from tests.factories import UserFactory
from tests.mailbox import messages_to
from tests.services.conftest import kettle_shop
from tests.services.test_competitor_matching import RIVAL, post, store_for
from tests.sites import Page, StoreSite, product_page, search_page, serve


@pytest.fixture
def maybe_teapot() -> Iterator[StoreSite]:
    """A shop whose teapot page states no brand and no code: only an operator can tell."""
    site = StoreSite(
        pages={
            "/": Page("<h1>Tea</h1>"),
            "/search": search_page(("/item/77", "Cast-iron teapot, black")),
            "/item/77": product_page("Cast-iron teapot, black", "39.00"),
        }
    )
    with serve(site) as running:
        yield running


@pytest.mark.parametrize("verdict", ["confirm", "reject"])
def test_an_operator_decides_an_unsure_listing(
    local_app: Flask, maybe_teapot: StoreSite, verdict: str
) -> None:
    with serve(kettle_shop()) as shop_site:
        own = store_for(shop_site, "Kettles")
        rival = store_for(maybe_teapot, "Maybe Teapots", RIVAL)
        link_competitors(own, rival)
        UserFactory(email="ops@example.com", role=Role.OPERATOR)
        post(shop_site)
    dispatch = db.session.scalars(sa.select(Dispatch).where(Dispatch.store_id == rival.id)).one()
    assert (dispatch.status, dispatch.skip_reason) == (DispatchStatus.SKIPPED, "no_match")
    match = db.session.scalars(sa.select(ProductMatch)).one()
    assert match.status == MatchStatus.UNSURE and messages_to(RIVAL) == []

    forms = signed_in(local_app, "ops@example.com")
    page = forms.client.get("/ops/matches").get_data(as_text=True)
    assert "Cast-iron teapot, black" in page and "Maybe Teapots" in page
    response = forms.post(f"/ops/matches/{match.id}/{verdict}", {}, page="/ops/matches")
    assert response.status_code == 302
    db.session.expire_all()
    audit = db.session.scalars(sa.select(AuditEntry.action)).all()
    if verdict == "reject":
        assert match.status == MatchStatus.REJECTED and audit == ["match_rejected"]
        assert dispatch.status == DispatchStatus.SKIPPED and messages_to(RIVAL) == []
    else:
        assert match.status == MatchStatus.CONFIRMED and audit == ["match_confirmed"]
        assert dispatch.status == DispatchStatus.SENT
        (message,) = messages_to(RIVAL)
        assert maybe_teapot.url("/item/77") in message.text_body
    assert "Nothing to confirm." in forms.client.get("/ops/matches").get_data(as_text=True)
