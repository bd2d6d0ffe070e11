"""The store directory: which store a URL belongs to, managers, competitor links."""

from __future__ import annotations

import sqlalchemy as sa
from flask import Flask

from discountmarket.extensions import db
from discountmarket.models import Role, Store, StoreMembership, StoreStatus, store_competitors
from discountmarket.services import stores
from tests.factories import StoreFactory, UserFactory


def test_an_unknown_store_is_created_unverified_once(app: Flask) -> None:
    first = stores.store_for_url("https://www.Kettles.com/p/1")
    second = stores.store_for_url("https://shop.kettles.com/p/2")
    db.session.commit()
    assert second.id == first.id
    assert (first.domain, first.name, first.homepage, first.status) == (
        "kettles.com",
        "kettles.com",
        "https://kettles.com/",
        StoreStatus.UNVERIFIED,
    )
    assert stores.find_by_domain("kettles.com") == first
    assert stores.find_by_domain("teapots.com") is None


def test_a_new_stores_homepage_is_its_domains_site_not_the_page_posted(app: Flask) -> None:
    """Whichever page a shopper posts first (a subdomain a shopper controls on shared
    hosting, an odd port), the store's home is its registrable domain's site."""
    store = stores.store_for_url("HTTPS://Deals.Shop.Kettles.com.:8443/p/1?utm_source=x#top")
    assert (store.domain, store.homepage) == ("kettles.com", "https://kettles.com/")
    hosted = stores.store_for_url("https://mine.myshopify.com/products/x")
    assert (hosted.domain, hosted.homepage) == ("mine.myshopify.com", "https://mine.myshopify.com/")
    local = stores.store_for_url("http://127.0.0.1:5101/products/x")
    assert (local.domain, local.homepage) == ("127.0.0.1:5101", "http://127.0.0.1:5101/")


def test_a_known_store_is_found_not_changed(app: Flask) -> None:
    known = StoreFactory(
        name="Kettles Ltd", domain="kettles.com", homepage="https://kettles.com/shop/"
    )
    db.session.commit()
    found = stores.store_for_url("https://m.kettles.com/p/1")
    assert found.id == known.id
    assert (found.name, found.homepage, found.status) == (
        "Kettles Ltd",
        "https://kettles.com/shop/",
        StoreStatus.ACTIVE,
    )
    assert db.session.scalar(sa.select(sa.func.count(Store.id))) == 1


def test_managers_and_their_stores(app: Flask) -> None:
    manager, other = UserFactory(role=Role.STORE_MANAGER), UserFactory(role=Role.STORE_MANAGER)
    zeta, alpha, foreign = StoreFactory(name="Zeta"), StoreFactory(name="Alpha"), StoreFactory()
    db.session.add_all(StoreMembership(user=manager, store=s) for s in (zeta, alpha))
    db.session.add(StoreMembership(user=other, store=foreign))
    db.session.commit()
    assert [s.name for s in stores.managed_by(manager.id)] == ["Alpha", "Zeta"]
    assert stores.manages(manager.id, alpha.id) and not stores.manages(manager.id, foreign.id)
    assert stores.managed_by(UserFactory().id) == []


def test_competitor_links_go_both_ways_once_and_never_to_oneself(app: Flask) -> None:
    own, rival, peer = (
        StoreFactory(name="Own"),
        StoreFactory(name="Rival"),
        StoreFactory(name="Peer"),
    )
    stores.link_competitors(own, rival, own, peer)
    stores.link_competitors(rival, own)  # again, the other way round
    db.session.commit()
    db.session.expire_all()
    assert [s.name for s in own.competitors] == ["Peer", "Rival"]
    assert rival.competitors == [own] and peer.competitors == [own]
    pairs = db.session.execute(sa.select(store_competitors)).all()
    assert len(pairs) == 4
