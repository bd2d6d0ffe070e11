"""Probing a store's site (a real one on 127.0.0.1): what is remembered, and what is not."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from flask import Flask

from discountmarket import weburl
from discountmarket.extensions import db
from discountmarket.models import ContactKind, ContactSource, Store, StoreStatus
from discountmarket.services import probing
from tests.conftest import free_port
from tests.factories import StoreFactory
from tests.services.conftest import KETTLE_CONTACT, SHOP_ADDRESS
from tests.sites import Page, StoreSite, contact_page, serve


def store_at(site: StoreSite | str, **fields) -> Store:  # type: ignore[no-untyped-def]
    homepage = site.url("/") if isinstance(site, StoreSite) else site
    fields.setdefault("domain", weburl.registrable_domain(homepage))
    store = StoreFactory(homepage=homepage, status=StoreStatus.UNVERIFIED, **fields)
    db.session.commit()
    return store


def contacts(store: Store) -> dict[ContactKind, list[str]]:
    db.session.refresh(store)
    found: dict[ContactKind, list[str]] = {}
    for contact in store.contacts:
        found.setdefault(contact.kind, []).append(contact.value)
    return found


SiteWith = Callable[[str], StoreSite]


@pytest.fixture
def site_with(shop_site: StoreSite) -> SiteWith:
    """The kettle shop with its contact page replaced."""

    def replace(contact_page: str) -> StoreSite:
        shop_site.pages["/contact-us"] = Page(contact_page)
        return shop_site

    return replace


def test_probing_remembers_addresses_phones_and_the_contact_form(
    local_app: Flask, shop_site: StoreSite
) -> None:
    store = store_at(shop_site)
    result = probing.probe_store(store)
    assert result is not None and SHOP_ADDRESS in result.emails

    found = contacts(store)
    assert found[ContactKind.EMAIL] == [SHOP_ADDRESS]
    assert found[ContactKind.FORM] == [shop_site.url("/contact-us/send")]
    assert len(found[ContactKind.PHONE]) == 1 and "7946" in found[ContactKind.PHONE][0]
    assert {c.source for c in store.contacts} == {ContactSource.SCRAPED}
    assert store.form_plan["action"] == shop_site.url("/contact-us/send")
    assert store.form_plan["submittable"] is True and store.captcha_kind is None
    assert store.contact_page == shop_site.url("/contact-us")
    assert store.status == StoreStatus.ACTIVE  # we can write to it: no longer unverified
    assert store.last_probed_at is not None and store.probe_error is None


def test_probing_again_adds_nothing_twice(local_app: Flask, shop_site: StoreSite) -> None:
    store = store_at(shop_site)
    probing.probe_store(store)
    first = contacts(store)
    probing.probe_store(store)
    assert contacts(store) == first


def test_only_the_best_few_addresses_are_kept(local_app: Flask, site_with: SiteWith) -> None:
    addresses = [f"team{n}@kettles.example" for n in range(probing.MAX_CONTACTS + 3)]
    links = " ".join(f'<a href="mailto:{a}">{a}</a>' for a in addresses)
    site = site_with(f"<html><body><h1>Contact us</h1><p>{links}</p></body></html>")
    store = store_at(site)
    result = probing.probe_store(store)
    kept = contacts(store)[ContactKind.EMAIL]
    assert len(result.emails) > probing.MAX_CONTACTS
    assert kept == result.emails[: probing.MAX_CONTACTS]


def test_a_site_without_contacts_stays_unverified(local_app: Flask, site_with: SiteWith) -> None:
    store = store_at(site_with("<html><body><h1>Contact</h1><p>Visit us.</p></body></html>"))
    assert probing.probe_store(store) is not None
    assert ContactKind.EMAIL not in contacts(store)
    assert store.status == StoreStatus.UNVERIFIED and store.form_plan is None
    assert store.last_probed_at is not None


def test_a_captcha_form_is_recorded_but_not_submittable(
    local_app: Flask, site_with: SiteWith
) -> None:
    captcha = '<div class="g-recaptcha" data-sitekey="k"></div></form>'
    store = store_at(site_with(KETTLE_CONTACT.replace("</form>", captcha)))
    probing.probe_store(store)
    db.session.refresh(store)
    assert store.captcha_kind is not None
    assert store.form_plan["captcha"] == store.captcha_kind
    assert store.form_plan["submittable"] is False
    assert store.status == StoreStatus.ACTIVE  # its e-mail address still reaches it


@pytest.mark.parametrize("status", [StoreStatus.OPTED_OUT, StoreStatus.DO_NOT_CONTACT])
def test_probing_never_lifts_an_opt_out(
    local_app: Flask, shop_site: StoreSite, status: StoreStatus
) -> None:
    store = store_at(shop_site)
    store.status = status
    db.session.commit()
    probing.probe_store(store)
    db.session.refresh(store)
    assert store.status == status


def test_an_unreachable_site_is_noted_and_an_answer_clears_the_note(
    local_app: Flask, shop_site: StoreSite
) -> None:
    store = store_at(f"http://127.0.0.1:{free_port()}/")
    assert probing.probe_store(store) is None
    db.session.refresh(store)
    assert store.probe_error and store.last_probed_at is not None and store.contacts == []
    assert store.status == StoreStatus.UNVERIFIED

    store.homepage = shop_site.url("/")
    db.session.commit()
    assert probing.probe_store(store) is not None
    db.session.refresh(store)
    assert store.probe_error is None and SHOP_ADDRESS in contacts(store)[ContactKind.EMAIL]


def test_a_private_address_is_not_probed(app: Flask, shop_site: StoreSite) -> None:
    store = store_at(shop_site)
    assert probing.probe_store(store) is None
    db.session.refresh(store)
    assert store.probe_error.startswith("blocked_address")
    assert shop_site.requests == []


def test_probing_by_id(local_app: Flask, shop_site: StoreSite) -> None:
    store = store_at(shop_site)
    assert probing.probe_store_by_id(store.id + 100) is None
    assert shop_site.requests == []
    assert probing.probe_store_by_id(store.id) is not None
    assert contacts(store)[ContactKind.EMAIL] == [SHOP_ADDRESS]


def test_recording_a_probe_leaves_the_commit_to_the_caller(
    local_app: Flask, shop_site: StoreSite
) -> None:
    store = store_at(shop_site)
    probing.record(store, probing.read_site(store.homepage))
    assert store.status == StoreStatus.ACTIVE and store.contacts
    db.session.rollback()
    db.session.refresh(store)
    assert store.contacts == [] and store.last_probed_at is None
    assert store.status == StoreStatus.UNVERIFIED


def test_a_form_posting_to_another_site_is_recorded_as_unusable(local_app: Flask) -> None:
    page = contact_page("t", action="https://forms.example/f/abc")
    with serve(StoreSite(pages={"/": Page(page), "/contact": Page(page)})) as site:
        store = store_at(site)
        probing.probe_store(store)
    db.session.refresh(store)
    assert store.form_plan["action"] == "https://forms.example/f/abc"
    assert store.form_plan["submittable"] is False
    assert store.form_plan["blocked_reason"] == "third_party_form"
    assert ContactKind.FORM not in contacts(store)
