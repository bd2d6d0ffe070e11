"""Delivering through the contact forms of realistic store sites (WooCommerce, Shopify,
Bitrix, OpenCart, PrestaShop, Magento, Tilda, Czech/Finnish/Danish/Persian shops…): what
each site receives, and which forms are left for a person (CAPTCHA, robots.txt)."""

from __future__ import annotations

from urllib.parse import parse_qsl

import pytest
import sqlalchemy as sa
from flask import Flask

from discountmarket.extensions import db
from discountmarket.models import Channel, Dispatch, DispatchStatus, Store, StoreStatus
from discountmarket.services import delivery
from tests.factories import DiscountRequestFactory, ProductFactory
from tests.sites import load_site, serve

# site -> (expected status, skip reason)
EXPECTED = {
    "woocommerce_cf7": (DispatchStatus.SENT, None),
    "shopify": (DispatchStatus.SENT, None),
    "bitrix_ru": (DispatchStatus.SENT, None),
    "opencart": (DispatchStatus.SKIPPED, "captcha"),  # its basic image CAPTCHA
    "prestashop": (DispatchStatus.SENT, None),
    "magento2": (DispatchStatus.SENT, None),
    "tilda": (DispatchStatus.SENT, None),
    "shoptet_cz": (DispatchStatus.SENT, None),
    "finnish": (DispatchStatus.SENT, None),
    "persian": (DispatchStatus.SENT, None),
    "multi_forms": (DispatchStatus.SENT, None),
    "recaptcha": (DispatchStatus.SKIPPED, "captcha"),
    "hcaptcha": (DispatchStatus.SKIPPED, "captcha"),
    "turnstile": (DispatchStatus.SKIPPED, "captcha"),
    "danish": (DispatchStatus.SKIPPED, "robots"),
    "mailto_only": (DispatchStatus.SKIPPED, "no_form"),
}


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_form_delivery(local_app: Flask, name: str) -> None:
    expected_status, expected_reason = EXPECTED[name]
    with serve(load_site(name)) as site:
        store = Store(
            name=name,
            domain=f"127.0.0.1:{site.port}",
            homepage=site.url("/"),
            status=StoreStatus.UNVERIFIED,
        )
        request = DiscountRequestFactory(
            product=ProductFactory(store=store, title="Brass desk lamp"), note="Today please"
        )
        dispatch = Dispatch(request=request, store=store, channel=Channel.FORM)
        db.session.add(dispatch)
        db.session.commit()
        delivery.deliver(dispatch.id)

    db.session.expire_all()
    dispatch = db.session.scalar(sa.select(Dispatch))
    assert (dispatch.status, dispatch.skip_reason) == (expected_status, expected_reason), (
        dispatch.last_error or dispatch.outcome
    )
    posts = [r for r in site.requests if r[0] == "POST"]
    if expected_status != DispatchStatus.SENT:
        assert posts == []  # nothing posted where a person must act
        return
    (post,) = posts
    sent = dict(parse_qsl(post[3].decode("utf-8", "replace")))
    plan = db.session.get(Store, store.id).form_plan
    message_field = plan["fields"]["message"]
    assert "Brass desk lamp" in sent[message_field] and "Today please" in sent[message_field]
    assert "/store/answer/" in sent[message_field]
    email_field = plan["fields"].get("email")
    if email_field:
        assert sent[email_field].startswith("reply+")
    assert not any(value.startswith("@") or "file" in key.lower() for key, value in sent.items())
    assert dispatch.response_status is not None and dispatch.response_status < 400
