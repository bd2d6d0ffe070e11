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
from tests.sites import StoreSite, load_site, serve

# site -> (expected status, skip reason)
EXPECTED = {
    "fields_stylesheet_honeypot": (DispatchStatus.SENT, None),
    "fields_table_numbered": (DispatchStatus.SENT, None),
    "fields_callback": (DispatchStatus.SENT, None),
    "fields_newsletter_footer": (DispatchStatus.SENT, None),
    "fields_gravity_forms": (DispatchStatus.SENT, None),
    "fields_wpforms": (DispatchStatus.SENT, None),
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
    # What a store's answer to the post says (discountmarket/outreach/form_outcome.py).
    "outcome_thank_you_redirect": (DispatchStatus.SENT, None),  # 303 to /danke/
    "outcome_cf7_rest_json": (DispatchStatus.SENT, None),  # {"status": "mail_sent"}
    "outcome_czech_errors": (DispatchStatus.FAILED, None),  # "Toto pole je povinné"
    "outcome_silent": (DispatchStatus.UNCERTAIN, None),  # back to the home page, no word
    "outcome_cf7_validation": (DispatchStatus.FAILED, None),  # {"status": "validation_failed"}
    "outcome_third_party_form": (DispatchStatus.SKIPPED, "third_party_form"),  # Formspree
    "discovery_opencart_polish": (DispatchStatus.SENT, None),  # to .../contact/success
    "discovery_tilda_ukrainian": (DispatchStatus.SENT, None),
}
# Outcomes after which the site has received our post (refused ones included).
POSTED = (DispatchStatus.SENT, DispatchStatus.UNCERTAIN, DispatchStatus.FAILED)
# What a fields_* site must receive: the post at its contact form's target (not at the
# call-back or newsletter form beside it), our message in the box its markup labels
# "Message", and its honeypots sent empty, as a person leaves them.
RECEIVED = {
    "fields_stylesheet_honeypot": ("/contact/send", "contact_body", ("email",)),
    "fields_table_numbered": ("/kontakt.php", "form_textarea_7", ()),
    "fields_callback": ("/kontakty/send/", "MESSAGE", ()),
    "fields_newsletter_footer": ("/pages/contact/send", "contact[body]", ()),
    "fields_gravity_forms": ("/contact-us/", "input_3", ("input_4",)),
    "fields_wpforms": ("/contact/", "wpforms[fields][2]", ("wpforms[hp]",)),
}


def deliver_through_form(site: StoreSite, name: str) -> Dispatch:
    """A request to the site's store through its contact form, delivered by the real path
    (the store never probed: delivery probes it first). Also used by bench/contact_sites."""
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
    return dispatch


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_form_delivery(local_app: Flask, name: str) -> None:
    expected_status, expected_reason = EXPECTED[name]
    with serve(load_site(name)) as site:
        store = deliver_through_form(site, name).store

    db.session.expire_all()
    # The form's dispatch (a refused or uncertain post may plan an e-mail one as well).
    dispatch = db.session.scalar(sa.select(Dispatch).where(Dispatch.channel == Channel.FORM))
    assert (dispatch.status, dispatch.skip_reason) == (expected_status, expected_reason), (
        dispatch.last_error or dispatch.outcome
    )
    if expected_status == DispatchStatus.FAILED:  # refused by the store, not lost on the way
        assert "contact form refused" in (dispatch.last_error or "")
    posts = [r for r in site.requests if r[0] == "POST"]
    if expected_status not in POSTED:
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
    if name in RECEIVED:
        path, message_box, traps = RECEIVED[name]
        assert (post[1], message_field) == (path, message_box)
        with_blanks = dict(parse_qsl(post[3].decode("utf-8"), keep_blank_values=True))
        assert {trap: with_blanks.get(trap) for trap in traps} == dict.fromkeys(traps, "")
