"""A store's one-click opt-out: the address suppressed, the store opted out, pending work
skipped; idempotent."""

from __future__ import annotations

import pytest
import sqlalchemy as sa
from flask import Flask

from discountmarket.extensions import db
from discountmarket.models import (
    Channel,
    Dispatch,
    DispatchStatus,
    Store,
    StoreStatus,
    Suppression,
    SuppressionKind,
)
from discountmarket.services import optout, store_messages
from discountmarket.services.errors import ServiceError
from discountmarket.services.suppression import is_suppressed
from tests.factories import DiscountRequestFactory, DispatchFactory, StoreFactory, answer_token


@pytest.fixture
def store(app: Flask) -> Store:
    store = StoreFactory()
    db.session.commit()
    return store


def statuses() -> dict[tuple[int, Channel], tuple[DispatchStatus, str | None]]:
    db.session.expire_all()
    return {
        (d.store_id, d.channel): (d.status, d.skip_reason)
        for d in db.session.scalars(sa.select(Dispatch))
    }


def test_opting_out_stops_the_store_and_skips_its_pending_dispatches(store: Store) -> None:
    other = StoreFactory()
    request = DiscountRequestFactory(product__store=store)
    DispatchFactory(request=request, store=store, channel=Channel.EMAIL, status=DispatchStatus.SENT)
    DispatchFactory(request=request, store=store, channel=Channel.FORM)
    DispatchFactory(request=request, store=other)
    db.session.commit()

    token = store_messages.opt_out_token(store, "Sales@Store.example")
    assert optout.opt_out(token).id == store.id
    db.session.refresh(store)
    assert store.status == StoreStatus.OPTED_OUT
    assert statuses() == {
        (store.id, Channel.EMAIL): (DispatchStatus.SENT, None),
        (store.id, Channel.FORM): (DispatchStatus.SKIPPED, "opted_out"),
        (other.id, Channel.EMAIL): (DispatchStatus.PENDING, None),
    }
    (suppressed,) = db.session.scalars(sa.select(Suppression)).all()
    assert (suppressed.kind, suppressed.value) == (SuppressionKind.ADDRESS, "sales@store.example")
    assert is_suppressed("sales@store.example")


def test_opting_out_twice_changes_nothing_more(store: Store) -> None:
    token = store_messages.opt_out_token(store, "sales@store.example")
    optout.opt_out(token)
    optout.opt_out(token)
    assert db.session.scalar(sa.select(sa.func.count(Suppression.id))) == 1
    db.session.refresh(store)
    assert store.status == StoreStatus.OPTED_OUT


def test_a_form_opt_out_suppresses_no_address(store: Store) -> None:
    optout.opt_out(store_messages.opt_out_token(store, None))
    db.session.refresh(store)
    assert store.status == StoreStatus.OPTED_OUT
    assert db.session.scalar(sa.select(sa.func.count(Suppression.id))) == 0


def test_do_not_contact_is_kept(app: Flask) -> None:
    store = StoreFactory(status=StoreStatus.DO_NOT_CONTACT)
    db.session.commit()
    optout.opt_out(store_messages.opt_out_token(store, None))
    db.session.refresh(store)
    assert store.status == StoreStatus.DO_NOT_CONTACT


def test_the_token_names_the_store_and_address(store: Store) -> None:
    token = store_messages.opt_out_token(store, "sales@store.example")
    assert optout.store_for_token(token) == (store, "sales@store.example")
    assert optout.store_for_token(store_messages.opt_out_token(store, None)) == (store, None)


def test_forged_foreign_and_orphaned_tokens_are_refused(store: Store) -> None:
    request = DiscountRequestFactory(product__store=store)
    db.session.commit()
    gone = StoreFactory()
    db.session.commit()
    orphan = store_messages.opt_out_token(gone, None)
    db.session.delete(gone)
    db.session.commit()
    genuine = store_messages.opt_out_token(store, None)
    foreign = answer_token(request, store)
    for bad in (genuine[:-4] + "AAAA", foreign, orphan, "x"):
        with pytest.raises(ServiceError, match="not valid"):
            optout.opt_out(bad)
    db.session.refresh(store)
    assert store.status == StoreStatus.ACTIVE
