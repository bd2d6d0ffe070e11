"""One message through one channel: what each outcome of the store's e-mail or contact form
means for delivery (sent, retry later, failed, skipped), against real local servers."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from flask import Flask

from discountmarket import weburl
from discountmarket.extensions import db
from discountmarket.models import (
    AttemptOutcome,
    Channel,
    ContactKind,
    Dispatch,
    StoreContact,
)
from discountmarket.outreach import forms
from discountmarket.services import channels
from discountmarket.services.store_messages import Outreach
from tests.conftest import free_port
from tests.factories import DispatchFactory
from tests.sites import Page, StoreSite, contact_page, contact_shop, serve


@pytest.fixture
def site() -> Iterator[StoreSite]:
    with serve(contact_shop("t")) as shop:
        yield shop


@pytest.fixture
def outreach_app(make_app, smtp):  # type: ignore[no-untyped-def]
    app = make_app(OUTREACH_ALLOW_HOSTS=["127.0.0.1"], SMTP_URL=smtp.url)
    with app.app_context():
        yield app
        db.session.remove()


def outreach_for(dispatch: Dispatch, address: str | None = None) -> Outreach:
    return Outreach(dispatch.store, [dispatch.request], [dispatch.id], address)


def form_dispatch(site: StoreSite) -> Dispatch:
    dispatch = DispatchFactory(channel=Channel.FORM)
    dispatch.store.domain = weburl.registrable_domain(site.base)  # the store's own site
    (plan,) = forms.analyse_forms(contact_page("t"), site.url("/contact"))
    dispatch.store.form_plan = plan.to_json()
    db.session.commit()
    return dispatch


def test_an_accepted_form_is_sent(outreach_app: Flask, site: StoreSite) -> None:
    result = channels.send_through(Channel.FORM, outreach_for(form_dispatch(site)))
    assert (result.outcome, result.status_code) == (AttemptOutcome.SENT, 200)


@pytest.mark.parametrize(
    ("status", "outcome"),
    [
        (429, AttemptOutcome.RETRY),  # slow down: try later
        (408, AttemptOutcome.RETRY),
        (503, AttemptOutcome.RETRY),  # the store's outage
        (404, AttemptOutcome.FAILED),  # the endpoint is gone: retrying cannot help
        (403, AttemptOutcome.FAILED),
    ],
)
def test_http_errors_of_a_form_post(outreach_app, site, status, outcome) -> None:  # type: ignore[no-untyped-def]
    site.pages["/send"] = Page("<h1>No</h1>", status=status)
    result = channels.send_through(Channel.FORM, outreach_for(form_dispatch(site)))
    assert (result.outcome, result.status_code) == (outcome, status)


def test_a_site_that_is_down_is_retried(outreach_app: Flask, site: StoreSite) -> None:
    dispatch = form_dispatch(site)
    plan = dict(dispatch.store.form_plan)
    plan["page"] = f"http://127.0.0.1:{free_port()}/contact"  # nobody listens there
    dispatch.store.form_plan = plan
    result = channels.send_through(Channel.FORM, outreach_for(dispatch))
    assert result.outcome == AttemptOutcome.RETRY


def test_a_vanished_form_fails_and_the_site_is_probed_again(outreach_app, site) -> None:  # type: ignore[no-untyped-def]
    dispatch = form_dispatch(site)
    site.pages["/contact"] = Page("<p>Write to us by post.</p>")
    result = channels.send_through(Channel.FORM, outreach_for(dispatch))
    assert result.outcome == AttemptOutcome.FAILED
    assert dispatch.store.last_probed_at is None  # for the caller's commit


def test_forms_that_cannot_be_used_are_skipped(outreach_app: Flask, site: StoreSite) -> None:
    dispatch = form_dispatch(site)
    dispatch.store.form_plan = None
    result = channels.send_through(Channel.FORM, outreach_for(dispatch))
    assert (result.outcome, result.skip_reason) == (AttemptOutcome.SKIPPED, "no_form")
    dispatch.store.form_plan = {"submittable": False, "blocked_reason": "captcha"}
    result = channels.send_through(Channel.FORM, outreach_for(dispatch))
    assert (result.outcome, result.skip_reason) == (AttemptOutcome.SKIPPED, "captcha")
    site.pages["/robots.txt"] = Page("User-agent: *\nDisallow: /\n", content_type="text/plain")
    (plan,) = forms.analyse_forms(contact_page("t"), site.url("/contact"))
    dispatch.store.form_plan = plan.to_json()
    result = channels.send_through(Channel.FORM, outreach_for(dispatch))
    assert (result.outcome, result.skip_reason) == (AttemptOutcome.SKIPPED, "robots")


def email_dispatch() -> Dispatch:
    dispatch = DispatchFactory(channel=Channel.EMAIL)
    dispatch.store.contacts.append(StoreContact(kind=ContactKind.EMAIL, value="sales@shop.example"))
    db.session.commit()
    return dispatch


def test_an_email_is_sent_to_the_stores_address(outreach_app: Flask, smtp) -> None:  # type: ignore[no-untyped-def]
    result = channels.send_through(Channel.EMAIL, outreach_for(email_dispatch()))
    assert result.outcome == AttemptOutcome.SENT and "sales@shop.example" in result.detail
    assert smtp.envelopes[0].rcpt_tos == ["sales@shop.example"]


def test_a_refused_address_fails_and_is_marked_bounced(outreach_app: Flask, smtp) -> None:  # type: ignore[no-untyped-def]
    smtp.reply = "550 5.1.1 User unknown"
    dispatch = email_dispatch()
    result = channels.send_through(Channel.EMAIL, outreach_for(dispatch))
    assert result.outcome == AttemptOutcome.FAILED
    (contact,) = dispatch.store.contacts
    assert contact.bounced is True


def test_our_relay_down_is_retried_without_using_up_attempts(make_app) -> None:  # type: ignore[no-untyped-def]
    app = make_app(SMTP_URL=f"smtp://127.0.0.1:{free_port()}", SMTP_TIMEOUT=3)
    with app.app_context():
        result = channels.send_through(Channel.EMAIL, outreach_for(email_dispatch()))
        assert (result.outcome, result.relay_outage) == (AttemptOutcome.RETRY, True)
        db.session.remove()


def test_no_usable_address_is_skipped(outreach_app: Flask) -> None:
    dispatch = DispatchFactory(channel=Channel.EMAIL)
    db.session.commit()
    result = channels.send_through(Channel.EMAIL, outreach_for(dispatch))
    assert (result.outcome, result.skip_reason) == (AttemptOutcome.SKIPPED, "no_address")


def test_a_form_that_now_posts_elsewhere_is_skipped(outreach_app: Flask, site: StoreSite) -> None:
    dispatch = form_dispatch(site)
    site.pages["/contact"] = Page(contact_page("t", action="https://forms.example/f/abc"))
    result = channels.send_through(Channel.FORM, outreach_for(dispatch))
    assert (result.outcome, result.skip_reason) == (AttemptOutcome.SKIPPED, "third_party_form")
    assert not [r for r in site.requests if r[0] == "POST"]
