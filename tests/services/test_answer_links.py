"""Signed answer links: one per store and request, revocable, bounded by the request: they
answer while it is open, show its outcome for RESULT_GRACE after it ends, then expire."""

from __future__ import annotations

from collections.abc import Callable
from contextlib import AbstractContextManager
from datetime import UTC, datetime, timedelta

import pytest
import sqlalchemy as sa
from flask import Flask

from discountmarket.extensions import db
from discountmarket.models import AnswerLink, AuditEntry, DiscountRequest, RequestStatus, Role
from discountmarket.services import answer_links, requesting, store_messages
from tests.factories import DiscountRequestFactory, StoreFactory, UserFactory


@pytest.fixture
def request_(app: Flask) -> DiscountRequest:
    request = DiscountRequestFactory()
    db.session.commit()
    return request


def refusal(token: str) -> str:
    with pytest.raises(answer_links.LinkRefused) as refused:
        answer_links.resolve(token)
    return refused.value.reason


def test_a_link_leads_to_its_store_and_request(request_: DiscountRequest) -> None:
    store = request_.product.store
    rival = StoreFactory()
    db.session.commit()
    link = answer_links.resolve(answer_links.token_for(request_, store))
    assert (link.request_id, link.store_id) == (request_.id, store.id)
    theirs = answer_links.resolve(answer_links.token_for(request_, rival))
    assert theirs.store_id == rival.id and theirs.id != link.id


def test_issuing_again_reuses_the_link_and_every_copy_works(request_: DiscountRequest) -> None:
    store = request_.product.store
    first = answer_links.token_for(request_, store)
    second = answer_links.token_for(request_, store)
    assert db.session.scalar(sa.select(sa.func.count(AnswerLink.id))) == 1
    assert answer_links.resolve(first).id == answer_links.resolve(second).id


def test_the_url_carries_a_working_token(request_: DiscountRequest) -> None:
    url = answer_links.url_for_store(request_, request_.product.store)
    prefix = "http://localhost/store/answer/"
    assert url.startswith(prefix)
    assert answer_links.resolve(url.removeprefix(prefix)).request_id == request_.id


def test_revoking_kills_every_old_copy_and_a_new_link_works(request_: DiscountRequest) -> None:
    store = request_.product.store
    old = answer_links.token_for(request_, store)
    answer_links.revoke(request_, store)
    assert refusal(old) == "revoked"
    link = db.session.scalar(sa.select(AnswerLink))
    assert link.revoked_at is not None

    fresh = answer_links.token_for(request_, store)
    assert answer_links.resolve(fresh).id == link.id
    assert refusal(old) == "revoked"  # re-issuing does not bring the old copies back


def test_revoking_a_link_never_issued_does_nothing(request_: DiscountRequest) -> None:
    assert answer_links.revoke(request_, request_.product.store) is False
    assert db.session.scalar(sa.select(sa.func.count(AnswerLink.id))) == 0
    assert db.session.scalar(sa.select(sa.func.count(AuditEntry.id))) == 0


def refusal_to_answer(token: str) -> str:
    with pytest.raises(answer_links.LinkRefused) as refused:
        answer_links.resolve(token, to_answer=True)
    return refused.value.reason


def test_an_overdue_request_is_shown_but_not_answered_then_the_link_expires(
    request_: DiscountRequest,
) -> None:
    token = answer_links.token_for(request_, request_.product.store)
    request_.expires_at = datetime.now(UTC) - timedelta(seconds=1)
    db.session.commit()
    assert answer_links.resolve(token).request_id == request_.id  # the outcome, read-only
    assert refusal_to_answer(token) == "closed"
    request_.expires_at = datetime.now(UTC) - answer_links.RESULT_GRACE - timedelta(seconds=1)
    db.session.commit()
    assert refusal(token) == "expired"


@pytest.mark.parametrize("status", [RequestStatus.FULFILLED, RequestStatus.CANCELLED])
def test_a_closed_request_is_shown_for_the_grace_period_from_its_close(
    request_: DiscountRequest, status: RequestStatus
) -> None:
    token = answer_links.token_for(request_, request_.product.store)
    assert answer_links.resolve(token, to_answer=True).request_id == request_.id
    request_.status, request_.closed_at = status, datetime.now(UTC) - timedelta(days=1)
    db.session.commit()
    assert answer_links.resolve(token).request_id == request_.id
    assert refusal_to_answer(token) == "closed"
    # Closed early (accepted on day one): the link ends with the close, not the expiry.
    request_.closed_at = datetime.now(UTC) - answer_links.RESULT_GRACE - timedelta(minutes=1)
    db.session.commit()
    assert request_.expires_at > datetime.now(UTC)
    assert refusal(token) == "expired"


def test_a_token_lives_no_longer_than_the_longest_request_and_its_grace(
    request_: DiscountRequest, issued_ago: Callable[[float], AbstractContextManager[None]]
) -> None:
    assert timedelta(days=requesting.MAX_DAYS + 7) <= answer_links.LONGEST_REQUEST
    limit = answer_links.LONGEST_REQUEST + answer_links.RESULT_GRACE
    assert answer_links.MAX_AGE == limit.total_seconds() <= timedelta(days=60).total_seconds()
    with issued_ago(answer_links.MAX_AGE + 60):
        token = answer_links.token_for(request_, request_.product.store)
    assert refusal(token) == "expired"  # even while the request is open


def test_revoking_is_audited(request_: DiscountRequest) -> None:
    store = request_.product.store
    operator = UserFactory(role=Role.OPERATOR)
    db.session.commit()
    answer_links.token_for(request_, store)
    assert answer_links.revoke(request_, store, operator) is True
    entry = db.session.scalar(sa.select(AuditEntry))
    assert (entry.actor_id, entry.action, entry.target_type, entry.target_id) == (
        operator.id,
        "revoke_answer_link",
        "store",
        store.id,
    )
    assert entry.after["request_id"] == request_.id
    assert answer_links.link_of(request_.id, store.id).revoked_at is not None


def test_forged_and_foreign_tokens_are_invalid(request_: DiscountRequest) -> None:
    store = request_.product.store
    token = answer_links.token_for(request_, store)
    opt_out = store_messages.opt_out_token(store, None)
    for bad in (token[:-4] + "AAAA", "nonsense", opt_out):
        assert refusal(bad) == "invalid"


def test_a_link_deleted_with_its_request_is_refused(request_: DiscountRequest) -> None:
    token = answer_links.token_for(request_, request_.product.store)
    db.session.execute(sa.delete(AnswerLink))
    db.session.commit()
    assert refusal(token) == "revoked"
