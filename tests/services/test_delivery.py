"""Delivering requests to stores by e-mail (a real SMTP server) and by contact form (a real
local store site), with opt-outs, caps, retries, leases and fallbacks."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from urllib.parse import parse_qs, urlsplit

import pytest
import sqlalchemy as sa
from flask import Flask

from discountmarket.extensions import db
from discountmarket.labels import label
from discountmarket.models import (
    AttemptOutcome,
    Channel,
    ContactKind,
    DiscountRequest,
    Dispatch,
    DispatchAttempt,
    DispatchStatus,
    Store,
    StoreContact,
    StoreStatus,
    Suppression,
    SuppressionKind,
    User,
)
from discountmarket.services import channels, delivery, digests, escalation, requesting
from tests.conftest import AuthActions, FormPoster, free_port
from tests.factories import DispatchFactory, StoreFactory, UserFactory
from tests.sites import Page, StoreSite, product_page, search_page, serve
from tests.smtp import RecordingHandler

CONTACT_PAGE = """<!doctype html><html lang="en"><body>
<header><a href="/">Home</a> <a href="/contact">Contact us</a></header>
<p>Write to <a href="mailto:sales@lamps.example">sales@lamps.example</a></p>
<form action="/contact/send" method="post" id="contact-form">
  <input type="hidden" name="token" value="t-123">
  <label for="n">Your name</label><input id="n" name="your-name" required>
  <label for="e">Your e-mail</label><input id="e" type="email" name="your-email" required>
  <label for="s">Subject</label><input id="s" name="your-subject">
  <label for="m">Message</label><textarea id="m" name="your-message" required></textarea>
  <button type="submit">Send message</button>
</form></body></html>"""


DESK_LAMP_EAN = "5901234123457"


def lamp_shop(*, with_form: bool = True) -> StoreSite:
    """A lamp shop with an e-mail address and (unless told otherwise) a contact form."""
    contact = CONTACT_PAGE if with_form else CONTACT_PAGE.split("<form")[0] + "</body></html>"
    return StoreSite(
        pages={
            "/": Page('<html><body><a href="/contact">Contact us</a><h1>Lamps</h1></body></html>'),
            "/contact": Page(contact),
            "/contact/send": Page(
                "<html><body><h1>Thank you! Your message has been sent.</h1></body></html>"
            ),
            "/p/1": product_page("Brass desk lamp", "120.00", brand="Lumen", gtin=DESK_LAMP_EAN),
            "/p/2": product_page("Floor lamp", "240.00", brand="Lumen"),
            "/p/3": product_page("Wall lamp", "90.00", brand="Lumen"),
            # Competitors find their own listing through their search (the common /search?q=).
            "/search": search_page(
                ("/p/1", "Brass desk lamp"), ("/p/2", "Floor lamp"), ("/p/3", "Wall lamp")
            ),
        }
    )


@pytest.fixture
def shop() -> StoreSite:
    with serve(lamp_shop()) as site:
        yield site


@pytest.fixture
def mail_shop() -> StoreSite:
    """The lamp shop without a contact form: it is written to by e-mail."""
    with serve(lamp_shop(with_form=False)) as site:
        yield site


def posts(site: StoreSite) -> list[dict[str, list[str]]]:
    return [parse_qs(r[3].decode()) for r in site.requests if r[0] == "POST"]


@pytest.fixture
def outreach_app(make_app, smtp: RecordingHandler):  # type: ignore[no-untyped-def]
    app = make_app(OUTREACH_ALLOW_HOSTS=["127.0.0.1"], SMTP_URL=smtp.url)
    with app.app_context():
        yield app
        db.session.remove()


def post_request(url: str, **options) -> int:  # type: ignore[no-untyped-def]
    shopper = db.session.scalar(sa.select(User).filter_by(email="s@example.com")) or UserFactory(
        email="s@example.com"
    )
    db.session.commit()
    data = requesting.NewRequest(url=url, note="I can pick it up today.", **options)
    return requesting.post_request(shopper, data).id


def dispatches(request_id: int) -> dict[Channel, Dispatch]:
    db.session.expire_all()
    rows = db.session.scalars(sa.select(Dispatch).where(Dispatch.request_id == request_id))
    return {d.channel: d for d in rows}


def make_due(dispatch_id: int) -> None:
    """Skip the backoff wait: the dispatch's next attempt is due now."""
    db.session.execute(
        sa.update(Dispatch)
        .where(Dispatch.id == dispatch_id)
        .values(next_attempt_at=datetime.now(UTC))
    )
    db.session.commit()


def test_a_request_reaches_the_store_through_its_form_alone(
    outreach_app: Flask, shop: StoreSite, smtp: RecordingHandler
) -> None:
    """One channel at a time: a store with a usable contact form gets the request through
    it (it reads as a customer's inquiry) and no e-mail besides."""
    request_id = post_request(shop.url("/p/1"), ask_competitors=False)
    sent = dispatches(request_id)
    assert list(sent) == [Channel.FORM] and sent[Channel.FORM].status == DispatchStatus.SENT
    assert smtp.messages == []

    # The contact form was filled: hidden token kept, our text in the message field.
    (fields,) = posts(shop)
    assert fields["token"] == ["t-123"]
    assert "Brass desk lamp" in fields["your-message"][0]
    assert fields["your-email"][0].startswith("reply+")
    form = sent[Channel.FORM]
    assert form.response_status == 200 and "accepted" in form.outcome

    store = db.session.scalar(sa.select(Store))
    assert store.status == StoreStatus.ACTIVE and store.last_probed_at is not None
    assert {c.value for c in store.contacts if c.kind == ContactKind.EMAIL} == {
        "sales@lamps.example"
    }
    attempts = db.session.scalars(sa.select(DispatchAttempt)).all()
    assert [a.outcome for a in attempts] == [AttemptOutcome.SENT]


def test_a_store_without_a_form_is_emailed(
    outreach_app: Flask, mail_shop: StoreSite, smtp: RecordingHandler
) -> None:
    request_id = post_request(mail_shop.url("/p/1"), ask_competitors=False)
    sent = dispatches(request_id)
    assert sent[Channel.EMAIL].status == DispatchStatus.SENT
    # The form dispatch found no form on the probed site, so e-mail took over.
    assert (sent[Channel.FORM].status, sent[Channel.FORM].skip_reason) == (
        DispatchStatus.SKIPPED,
        "no_form",
    )

    (message,) = smtp.messages
    assert message["To"] == "sales@lamps.example"
    assert "Brass desk lamp" in message["Subject"]
    assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    unsubscribe = message["List-Unsubscribe"]
    assert (
        "<http://localhost/store/optout/" in unsubscribe and "<mailto:unsubscribe+" in unsubscribe
    )
    assert message["Reply-To"].startswith("reply+") and message["Message-ID"]
    text = message.get_body(("plain",)).get_content()
    html = message.get_body(("html",)).get_content()
    assert "I can pick it up today." in text and "Brass desk lamp" in html
    assert "s@example.com" not in text  # the shopper did not share the address

    # The links in the message work, the store's choice of contact included.
    client = outreach_app.test_client()
    answer_path = urlsplit(text.split("no account needed:")[1].split()[0]).path
    assert client.get(answer_path).status_code == 200
    assert "Choose how we contact you" in text
    choose_url = next(word for word in text.split() if word.endswith("#contact"))
    assert urlsplit(choose_url).path == answer_path
    assert 'id="contact"' in client.get(answer_path).get_data(as_text=True)
    opt_out_path = urlsplit(unsubscribe.split("<")[1].split(">")[0]).path
    opt_out_page = client.get(opt_out_path).get_data(as_text=True)
    assert "Stop shoppers' requests" in opt_out_page, opt_out_page[opt_out_page.find("<main") :]


def test_shared_contact_goes_into_the_message(
    outreach_app: Flask, shop: StoreSite, mail_shop: StoreSite, smtp: RecordingHandler
) -> None:
    post_request(shop.url("/p/1"), ask_competitors=False, share_contact=True)
    (fields,) = posts(shop)
    assert fields["your-email"] == ["s@example.com"]
    post_request(mail_shop.url("/p/1"), ask_competitors=False, share_contact=True)
    text = smtp.messages[0].get_body(("plain",)).get_content()
    assert "s@example.com" in text


def test_one_click_opt_out_stops_everything(
    outreach_app: Flask, mail_shop: StoreSite, smtp: RecordingHandler
) -> None:
    post_request(mail_shop.url("/p/1"), ask_competitors=False)
    unsubscribe = smtp.messages[0]["List-Unsubscribe"]
    opt_out_path = urlsplit(unsubscribe.split("<")[1].split(">")[0]).path
    # RFC 8058: a POST with this body and no cookies, no CSRF token, no second click.
    response = outreach_app.test_client().post(opt_out_path, data={"List-Unsubscribe": "One-Click"})
    assert response.status_code == 200
    store = db.session.scalar(sa.select(Store))
    db.session.refresh(store)
    assert store.status == StoreStatus.OPTED_OUT
    assert db.session.scalar(
        sa.select(Suppression).filter_by(kind=SuppressionKind.ADDRESS, value="sales@lamps.example")
    )
    second = post_request(mail_shop.url("/p/2"), ask_competitors=False)
    (skipped,) = dispatches(second).values()
    assert skipped.status == DispatchStatus.SKIPPED and skipped.skip_reason == "opted_out"
    assert len(smtp.messages) == 1
    # The shopper reads why on the request page.
    forms = FormPoster(outreach_app.test_client())
    AuthActions(forms).login("s@example.com")
    page = forms.client.get(f"/my/requests/{second}").get_data(as_text=True)
    assert "the store asked us not to write" in page


def test_tampered_opt_out_link_is_refused(outreach_app: Flask) -> None:
    response = outreach_app.test_client().post("/store/optout/forged-token")
    assert response.status_code == 400


def test_daily_cap_holds_requests_for_one_digest(make_app, shop: StoreSite, smtp) -> None:  # type: ignore[no-untyped-def]
    app = make_app(
        OUTREACH_ALLOW_HOSTS=["127.0.0.1"], SMTP_URL=smtp.url, MESSAGES_PER_STORE_PER_DAY=2
    )
    with app.app_context():
        for path in ("/p/1", "/p/2"):
            post_request(shop.url(path), ask_competitors=False)
        third = post_request(shop.url("/p/3"), ask_competitors=False)
        (held,) = dispatches(third).values()
        assert held.status == DispatchStatus.PENDING and held.held_for_digest
        assert len(posts(shop)) == 2 and smtp.messages == []
        assert digests.send_digests(datetime.now(UTC) + timedelta(days=1)) == 1
        assert {d.status for d in dispatches(third).values()} == {DispatchStatus.SENT}
        assert len(posts(shop)) == 3 and smtp.messages == []
        db.session.remove()


def test_relay_outage_backs_off_without_using_up_attempts(make_app, mail_shop: StoreSite) -> None:  # type: ignore[no-untyped-def]
    """Our SMTP relay being down is our outage: the dispatch keeps waiting (with backoff)
    past the attempt limit instead of failing; the request's closing ends it."""
    app = make_app(
        OUTREACH_ALLOW_HOSTS=["127.0.0.1"],
        SMTP_URL=f"smtp://127.0.0.1:{free_port()}",
        DELIVERY_MAX_ATTEMPTS=3,
    )
    with app.app_context():
        request_id = post_request(mail_shop.url("/p/1"), ask_competitors=False)
        email = dispatches(request_id)[Channel.EMAIL]
        assert email.status == DispatchStatus.PENDING and email.attempts == 1
        first_wait = email.next_attempt_at - datetime.now(UTC)
        assert timedelta(seconds=40) < first_wait < timedelta(seconds=80)

        for _ in range(3):
            assert delivery.deliver(email.id) is None  # not due yet: nothing is taken
            make_due(email.id)
            delivery.deliver(email.id)
        email = dispatches(request_id)[Channel.EMAIL]
        assert email.status == DispatchStatus.PENDING and email.attempts == 4
        assert [a.outcome for a in email.attempts_log] == [AttemptOutcome.RETRY] * 4
        assert email.next_attempt_at - datetime.now(UTC) > timedelta(minutes=5)  # 60 s * 2**3

        request = db.session.get(DiscountRequest, request_id)
        request.expires_at = datetime.now(UTC) - timedelta(seconds=1)
        db.session.commit()
        make_due(email.id)
        delivery.deliver(email.id)
        email = dispatches(request_id)[Channel.EMAIL]
        assert (email.status, email.skip_reason) == (DispatchStatus.SKIPPED, "request_closed")
        db.session.remove()


def test_a_store_site_failing_uses_up_its_attempts(make_app, shop: StoreSite) -> None:  # type: ignore[no-untyped-def]
    """Unlike our relay, a store's own contact form answering 503 counts: after the attempt
    limit the dispatch fails (and the SLA ladder takes over)."""
    shop.pages["/contact/send"] = Page("<h1>Service unavailable</h1>", status=503)
    app = make_app(OUTREACH_ALLOW_HOSTS=["127.0.0.1"], DELIVERY_MAX_ATTEMPTS=3)
    with app.app_context():
        request_id = post_request(shop.url("/p/1"), ask_competitors=False)
        for _ in range(2):
            form = dispatches(request_id)[Channel.FORM]
            assert form.status == DispatchStatus.PENDING
            make_due(form.id)
            delivery.deliver(form.id)
        form = dispatches(request_id)[Channel.FORM]
        assert form.status == DispatchStatus.FAILED and form.attempts == 3
        outcomes = [a.outcome for a in form.attempts_log]
        assert outcomes == [AttemptOutcome.RETRY, AttemptOutcome.RETRY, AttemptOutcome.FAILED]
        assert "gave up after 3 attempts" in form.last_error
        db.session.remove()


def test_a_form_that_refuses_us_hands_over_to_email_which_bounces(
    outreach_app: Flask, shop: StoreSite, smtp: RecordingHandler
) -> None:
    """The other channel is used when the first did not reach the store: a form refused for
    good, then an address that does not exist (marked bounced, no third try)."""
    shop.pages["/contact/send"] = Page(
        CONTACT_PAGE.replace(
            "<form", '<p class="error">Please fill in the required fields.</p><form'
        )
    )
    smtp.reply = "550 5.1.1 No such mailbox"
    request_id = post_request(shop.url("/p/1"), ask_competitors=False)
    sent = dispatches(request_id)
    assert sent[Channel.FORM].status == DispatchStatus.FAILED
    assert sent[Channel.EMAIL].status == DispatchStatus.FAILED
    assert len(posts(shop)) == 1 and len(dispatches(request_id)) == 2
    contact = db.session.scalar(sa.select(StoreContact).filter_by(kind=ContactKind.EMAIL))
    assert contact.bounced is True


def test_a_claim_is_exclusive_and_a_dead_workers_claim_is_taken_over(
    outreach_app: Flask, mail_shop: StoreSite, smtp
) -> None:  # type: ignore[no-untyped-def]
    store = Store(
        name="Lamps", domain="lamps.example", homepage=mail_shop.url("/"), status=StoreStatus.ACTIVE
    )
    db.session.add(store)
    db.session.commit()
    request_id = post_request(mail_shop.url("/p/1"), ask_competitors=False)
    email = dispatches(request_id)[Channel.EMAIL]
    assert email.status == DispatchStatus.SENT
    # A sent dispatch is never taken again.
    assert delivery.claim(email.id, datetime.now(UTC)) is None
    # A claim that expired (its worker died) is taken over; the old worker cannot finish it.
    db.session.execute(
        sa.update(Dispatch)
        .where(Dispatch.id == email.id)
        .values(
            status=DispatchStatus.SENDING, lease_expires_at=datetime.now(UTC) - timedelta(seconds=1)
        )
    )
    db.session.commit()
    now = datetime.now(UTC)
    assert email.id in delivery.due_dispatch_ids(now, 10)
    old_lease = datetime.now(UTC) - timedelta(seconds=1)
    new_lease = delivery.claim(email.id, now)
    assert new_lease is not None and delivery.claim(email.id, now) is None
    db.session.commit()
    # The stopped attempt is on the record, not silently replaced.
    stopped = db.session.scalars(
        sa.select(DispatchAttempt).where(DispatchAttempt.dispatch_id == email.id)
    ).all()[-1]
    assert stopped.outcome == AttemptOutcome.RETRY and "stopped with its worker" in stopped.detail
    assert delivery.finish(email, old_lease, channels.sent("late"), now) is False
    assert delivery.finish(email, new_lease, channels.sent("ok"), now) is True


def test_form_errors_are_judged(outreach_app: Flask, shop: StoreSite, smtp) -> None:  # type: ignore[no-untyped-def]
    shop.pages["/contact/send"] = Page(
        CONTACT_PAGE.replace(
            "<form", '<p class="error">Please fill in the required fields.</p><form'
        ),
    )
    request_id = post_request(shop.url("/p/1"), ask_competitors=False)
    form = dispatches(request_id)[Channel.FORM]
    assert form.status == DispatchStatus.FAILED and "refused" in form.last_error

    shop.pages["/contact/send"] = Page("<h1>Oops</h1>", status=503)
    second = post_request(shop.url("/p/2"), ask_competitors=False)
    form = dispatches(second)[Channel.FORM]
    assert form.status == DispatchStatus.PENDING and form.attempts == 1  # retried later


def test_captcha_and_robots_forms_are_left_for_people(outreach_app: Flask, smtp) -> None:  # type: ignore[no-untyped-def]
    site = lamp_shop()
    site.pages["/contact"] = Page(
        CONTACT_PAGE.replace("</form>", '<div class="g-recaptcha" data-sitekey="x"></div></form>')
    )
    with serve(site):
        request_id = post_request(site.url("/p/1"), ask_competitors=False)
        assert dispatches(request_id)[Channel.FORM].skip_reason == "captcha"
    robots = lamp_shop()
    robots.pages["/robots.txt"] = Page(
        "User-agent: *\nDisallow: /contact/send\n", content_type="text/plain"
    )
    with serve(robots):
        request_id = post_request(robots.url("/p/1"), ask_competitors=False)
        form = dispatches(request_id)[Channel.FORM]
        assert form.status == DispatchStatus.SKIPPED and form.skip_reason == "robots"
        assert not [r for r in robots.requests if r[0] == "POST"]


def test_a_crash_during_delivery_releases_the_claim(
    outreach_app: Flask, mail_shop: StoreSite, smtp, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    def broken(*args, **kwargs):  # type: ignore[no-untyped-def]
        raise RuntimeError("boom")

    monkeypatch.setattr(channels.store_messages, "compose_email", broken)
    request_id = post_request(mail_shop.url("/p/1"), ask_competitors=False)
    email = dispatches(request_id)[Channel.EMAIL]
    assert email.status == DispatchStatus.PENDING and email.lease_expires_at is None
    assert "internal error: RuntimeError" in email.last_error
    assert smtp.messages == []


def test_no_message_outside_the_stores_business_hours(make_app, shop: StoreSite, smtp) -> None:  # type: ignore[no-untyped-def]
    app = make_app(
        OUTREACH_ALLOW_HOSTS=["127.0.0.1"], SMTP_URL=smtp.url, RESPECT_BUSINESS_HOURS=True
    )
    with app.app_context():
        now = datetime.now(UTC)
        closed_hour = (now.hour + 12) % 24  # a one-hour window half a day away
        store = Store(
            name="Night shop",
            domain=f"127.0.0.1:{shop.port}",
            homepage=shop.url("/"),
            status=StoreStatus.ACTIVE,
            timezone="UTC",
            business_hours=f"mon-sun {closed_hour:02d}-{closed_hour + 1:02d}",
        )
        db.session.add(store)
        db.session.commit()
        request_id = post_request(shop.url("/p/1"), ask_competitors=False)
        for dispatch in dispatches(request_id).values():
            assert dispatch.status == DispatchStatus.PENDING and dispatch.attempts == 0
            assert dispatch.next_attempt_at.hour == closed_hour
        assert smtp.messages == []
        assert not [r for r in shop.requests if r[0] == "POST"]
        db.session.remove()


def test_a_site_we_could_not_read_is_not_said_to_have_no_form(outreach_app: Flask) -> None:
    """A probe refused or blocked finds no form because it read nothing: the dispatch says
    so ("site_unreadable", shown in words), and the store goes to the operators' queue."""
    store = StoreFactory(
        last_probed_at=datetime.now(UTC),
        probe_error="blocked_address: the address is not public",
        form_plan=None,
    )
    dispatch = DispatchFactory(store=store, channel=Channel.FORM, request__product__store=store)
    db.session.commit()
    delivery.deliver(dispatch.id)
    db.session.refresh(dispatch)
    assert (dispatch.status, dispatch.skip_reason) == (DispatchStatus.SKIPPED, "site_unreadable")
    assert "site_unreadable" in escalation.NO_ROUTE
    assert (
        label("site_unreadable", "skip_reason")
        == "we could not read the store's site; our team will try"
    )
