"""A site owner stops us for a whole domain from the public opt-out page, after proving
control: a code published on the site (file or meta tag), or a link mailed to an address on
the domain. Without proof nothing changes: nobody can silence a competitor."""

from __future__ import annotations

import sqlalchemy as sa
from flask import Flask

from discountmarket.extensions import db
from discountmarket.models import (
    Dispatch,
    DispatchStatus,
    Store,
    StoreStatus,
    Suppression,
    SuppressionKind,
)
from discountmarket.outreach.site_proof import META_NAME, PROOF_PATH
from discountmarket.services import domain_optout, stores, suppression
from tests.conftest import FormPoster
from tests.factories import DispatchFactory, StoreFactory
from tests.mailbox import link_in, messages_to
from tests.sites import Page, StoreSite, serve


def _site_app(make_app) -> Flask:  # type: ignore[no-untyped-def]
    return make_app(OUTREACH_ALLOW_HOSTS=["127.0.0.1"])


def _check(forms: FormPoster, site: str):  # type: ignore[no-untyped-def]
    return forms.post(
        "/store/optout-domain/check", {"site": site}, page=f"/store/optout-domain?site={site}"
    )


def _waiting_dispatch(store: Store) -> int:
    dispatch = DispatchFactory(store=store, request__product__store=store)
    db.session.commit()
    return dispatch.id


def test_the_public_page_leads_from_a_domain_to_its_proof(app: Flask, forms: FormPoster) -> None:
    assert "/store/optout" in forms.client.get("/").get_data(as_text=True)  # in the footer
    response = forms.post("/store/optout", {"site": "https://WWW.Shop.example/contact"})
    assert response.status_code == 302
    assert response.headers["Location"].endswith("/store/optout-domain?site=shop.example")
    page = forms.client.get(response.headers["Location"]).get_data(as_text=True)
    proof = domain_optout.proof_for("shop.example")
    assert proof.code in page and PROOF_PATH in page
    assert domain_optout.proof_for("other.example").code != proof.code  # one code per domain
    refused = forms.post("/store/optout", {"site": "not a domain"})
    assert refused.status_code == 200 and "shop.example" in refused.get_data(as_text=True)


def test_a_published_file_opts_the_domain_out(make_app) -> None:  # type: ignore[no-untyped-def]
    app = _site_app(make_app)
    site = StoreSite()
    with serve(site), app.app_context():
        key = f"127.0.0.1:{site.port}"
        store = StoreFactory(domain=key, homepage=site.url("/"))
        waiting = _waiting_dispatch(store)
        forms = FormPoster(app.test_client())

        refused = _check(forms, key)  # nothing published yet: nothing changes
        assert refused.status_code == 400
        db.session.refresh(store)
        assert store.status == StoreStatus.ACTIVE

        code = domain_optout.proof_for(key).code
        site.pages[PROOF_PATH] = Page(f"{code}\n", content_type="text/plain")
        done = _check(forms, key)
        assert done.status_code == 200 and "Done" in done.get_data(as_text=True)
        db.session.refresh(store)
        assert store.status == StoreStatus.OPTED_OUT
        assert db.session.get(Dispatch, waiting).status == DispatchStatus.SKIPPED
        assert suppression.domain_suppressed(key)
        assert all(r[2].get("User-Agent") for r in site.requests)  # our identified client


def test_a_meta_tag_on_the_home_page_counts_too(make_app) -> None:  # type: ignore[no-untyped-def]
    """Hosted shop platforms let an owner edit the page head, not add files."""
    app = _site_app(make_app)
    site = StoreSite()
    with serve(site), app.app_context():
        key = f"127.0.0.1:{site.port}"
        code = domain_optout.proof_for(key).code
        site.pages["/"] = Page(f'<html><head><meta name="{META_NAME}" content="{code}"></head>')
        assert _check(FormPoster(app.test_client()), key).status_code == 200
        assert suppression.domain_suppressed(key)


def test_a_wrong_code_or_a_code_on_another_site_proves_nothing(make_app) -> None:  # type: ignore[no-untyped-def]
    app = _site_app(make_app)
    victim, attacker = StoreSite(), StoreSite()
    with serve(victim), serve(attacker), app.app_context():
        key = f"127.0.0.1:{victim.port}"
        code = domain_optout.proof_for(key).code
        # The attacker's own site shows the victim's code; the victim's path redirects there
        # (an open redirect on the victim's site must not make the attacker's page count).
        attacker.pages[PROOF_PATH] = Page(code, content_type="text/plain")
        victim.pages[PROOF_PATH] = Page(
            "", status=302, headers={"Location": attacker.url(PROOF_PATH)}
        )
        victim.pages["/"] = Page(f'<meta name="{META_NAME}" content="{code}-not-quite">')
        forms = FormPoster(app.test_client())
        assert _check(forms, key).status_code == 400
        assert not suppression.domain_suppressed(key)


def test_a_mailed_link_to_an_address_on_the_domain_opts_it_out(
    app: Flask, forms: FormPoster
) -> None:
    store = StoreFactory(domain="shop.example")
    waiting = _waiting_dispatch(store)
    page = "/store/optout-domain?site=shop.example"
    off_domain = forms.post(
        "/store/optout-domain/mail",
        {"site": "shop.example", "address": "me@attacker.example"},
        page=page,
    )
    assert off_domain.status_code == 400 and not messages_to("me@attacker.example")

    sent = forms.post(
        "/store/optout-domain/mail",
        {"site": "shop.example", "address": "Owner@Mail.Shop.example"},
        page=page,
    )
    assert sent.status_code == 302
    (message,) = messages_to("owner@mail.shop.example")
    link = link_in(message, "/store/optout-domain/confirm/")
    # Opening the link (a mail scanner does) changes nothing; the button does.
    assert "Stop all requests" in forms.client.get(link).get_data(as_text=True)
    db.session.refresh(store)
    assert store.status == StoreStatus.ACTIVE
    assert forms.post(link, {}).status_code == 200
    db.session.refresh(store)
    assert store.status == StoreStatus.OPTED_OUT
    assert db.session.get(Dispatch, waiting).status == DispatchStatus.SKIPPED
    assert forms.client.get(link + "x").status_code == 400  # a tampered link


def test_the_mail_way_cannot_flood_a_mailbox(make_app) -> None:  # type: ignore[no-untyped-def]
    app = make_app(MESSAGES_PER_RECIPIENT_PER_DAY=2)
    with app.app_context():
        forms = FormPoster(app.test_client())
        answers = [
            forms.post(
                "/store/optout-domain/mail",
                {"site": "shop.example", "address": "info@shop.example"},
                page="/store/optout-domain?site=shop.example",
            ).status_code
            for _ in range(4)
        ]
        assert answers == [302, 302, 400, 400]
        assert len(messages_to("info@shop.example")) == 2


def test_a_domain_opt_out_covers_its_subdomains_and_stores_found_later(app: Flask) -> None:
    db.session.add(
        Suppression(kind=SuppressionKind.DOMAIN, value="shop.example", reason="domain opt-out")
    )
    db.session.commit()
    assert suppression.is_suppressed("sales@shop.example")
    assert suppression.is_suppressed("sales@mail.shop.example")
    assert not suppression.is_suppressed("sales@othershop.example")
    later = stores.store_for_url("https://deals.shop.example/p/1")
    db.session.commit()
    assert later.status == StoreStatus.OPTED_OUT and not later.contactable


def test_a_domain_opt_out_is_idempotent(app: Flask) -> None:
    store = StoreFactory(domain="shop.example", status=StoreStatus.DO_NOT_CONTACT)
    db.session.commit()
    token = _mailed_token("shop.example", "info@shop.example")
    assert domain_optout.opt_out_by_mail(token) == ("shop.example", 1)
    assert domain_optout.opt_out_by_mail(token) == ("shop.example", 1)
    assert db.session.scalar(sa.select(sa.func.count(Suppression.id))) == 1
    assert store.status == StoreStatus.DO_NOT_CONTACT  # the stronger state is kept


def _mailed_token(site: str, address: str) -> str:
    domain_optout.mail_confirmation(site, address)
    (message,) = messages_to(address)
    return link_in(message, "/store/optout-domain/confirm/").rsplit("/", 1)[1]
