"""The operator's store directory pages: list, edit, contacts, probe, CSV export/import."""

from __future__ import annotations

import csv
import io

import pytest
import sqlalchemy as sa
from flask import Flask
from flask.testing import FlaskClient

from discountmarket.database import utcnow
from discountmarket.extensions import db
from discountmarket.models import (
    AuditEntry,
    Category,
    ContactKind,
    Role,
    Store,
    StoreContact,
    StoreStatus,
)
from discountmarket.services import directory_csv
from discountmarket.services.stores import find_by_domain, link_competitors
from tests.conftest import AuthActions, FormPoster
from tests.factories import DispatchFactory, StoreFactory, UserFactory
from tests.sites import Page, StoreSite

CONTACT_HOME = """<!doctype html><html lang="en"><body>
<h1>Lamps</h1>
<p>Write to <a href="mailto:sales@lamps.test">sales@lamps.test</a></p>
<form action="/contact/send" method="post">
  <label for="n">Your name</label><input id="n" name="your-name" required>
  <label for="e">Your e-mail</label><input id="e" type="email" name="your-email" required>
  <label for="m">Message</label><textarea id="m" name="your-message" required></textarea>
  <button type="submit">Send message</button>
</form></body></html>"""


def signed_in(app: Flask, role: Role = Role.OPERATOR) -> FormPoster:
    client = app.test_client()
    UserFactory(email=f"{role.value}@example.com", role=role)
    db.session.commit()
    forms = FormPoster(client)
    assert AuthActions(forms).login(f"{role.value}@example.com").status_code == 302
    return forms


@pytest.fixture
def ops(app: Flask) -> FormPoster:
    return signed_in(app)


def page(client: FlaskClient, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200, url
    return response.get_data(as_text=True)


def fresh(domain: str) -> Store:
    db.session.expire_all()
    found = find_by_domain(domain)
    assert found is not None, domain
    return found


def store_form(**overrides: object) -> dict[str, object]:
    return {
        "name": "Lamp shop",
        "homepage": "https://www.lamps.example/",
        "locale": "en",
        "status": "active",
        "competitors": "",
        **overrides,
    }


# --- list ------------------------------------------------------------------------------------


def test_empty_directory_says_what_to_do(ops: FormPoster) -> None:
    html = page(ops.client, "/ops/stores")
    assert "The directory is empty" in html and 'href="/ops/stores/import"' in html
    assert 'href="/ops/stores"' in page(ops.client, "/ops/")  # the nav link


def test_list_searches_and_filters(app: Flask, ops: FormPoster) -> None:
    toys = Category(name="Toys", slug="toys")
    StoreFactory(name="Toy land", domain="toyland.example", categories=[toys])
    StoreFactory(name="Lamp shop", domain="lamps.example", status=StoreStatus.UNVERIFIED)
    StoreFactory(name="<b>Bold</b>", domain="bold.example")
    db.session.commit()
    html = page(ops.client, "/ops/stores")
    assert "Toy land" in html and "Lamp shop" in html
    assert "&lt;b&gt;Bold&lt;/b&gt;" in html and "<b>Bold</b>" not in html
    html = page(ops.client, "/ops/stores?q=toyland")
    assert "Toy land" in html and "Lamp shop" not in html
    html = page(ops.client, "/ops/stores?status=unverified")
    assert "Lamp shop" in html and "Toy land" not in html
    html = page(ops.client, f"/ops/stores?category={toys.id}")
    assert "Toy land" in html and "Lamp shop" not in html
    html = page(ops.client, "/ops/stores?q=nothing-like-it")
    assert "No store matches these filters" in html
    assert "Toy land" in page(ops.client, "/ops/stores?status=bogus&category=x")


def test_list_pages_with_a_cursor(app: Flask, ops: FormPoster) -> None:
    for n in range(52):
        StoreFactory(name=f"Shop {n:02}", domain=f"shop{n}.example")
    db.session.commit()
    html = page(ops.client, "/ops/stores?q=shop")
    assert "Shop 49" in html and "Shop 50" not in html
    last = fresh("shop49.example")
    assert f"/ops/stores?after={last.id}&amp;q=shop" in html
    html = page(ops.client, f"/ops/stores?after={last.id}&q=shop")
    assert "Shop 50" in html and "Shop 51" in html and "Shop 49" not in html
    assert "Next page" not in html and "First page" in html


# --- create and edit ---------------------------------------------------------------------------


def test_create_a_store(app: Flask, ops: FormPoster) -> None:
    rival = StoreFactory(name="Rival", domain="rival.example")
    db.session.commit()
    response = ops.post(
        "/ops/stores/new",
        store_form(locale="ru", new_category="Lighting", competitors="rival.example"),
    )
    assert response.status_code == 302
    shop = fresh("lamps.example")
    assert response.location == f"/ops/stores/{shop.id}"
    assert (shop.name, shop.locale, shop.status) == ("Lamp shop", "ru", StoreStatus.ACTIVE)
    assert [c.name for c in shop.categories] == ["Lighting"]
    assert [s.domain for s in shop.competitors] == ["rival.example"]
    assert [s.domain for s in fresh("rival.example").competitors] == ["lamps.example"]
    html = page(ops.client, f"/ops/stores/{shop.id}")
    assert "Lamp shop" in html and "Lighting" in html and f"/ops/stores/{rival.id}" in html


def test_form_errors_sit_next_to_their_fields(app: Flask, ops: FormPoster) -> None:
    StoreFactory(domain="lamps.example")
    db.session.commit()
    response = ops.post("/ops/stores/new", store_form(competitors="ghost.example, x.example"))
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert 'id="homepage-error"' in html and "lamps.example already exists" in html
    assert 'id="competitors-error"' in html and "ghost.example, x.example" in html
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Store)) == 1
    response = ops.post("/ops/stores/new", store_form(homepage="javascript:alert(1)"))
    assert 'id="homepage-error"' in response.get_data(as_text=True)


def test_edit_links_and_unlinks_competitors_both_ways(app: Flask, ops: FormPoster) -> None:
    shop, b, _ = (StoreFactory(name=x, domain=f"{x}.example") for x in ("shop", "b", "c"))
    link_competitors(shop, b)
    db.session.commit()
    url = f"/ops/stores/{shop.id}/edit"
    html = page(ops.client, url)
    assert 'value="b.example"' in html and 'value="https://www.shop.example/"' in html
    data = store_form(name="shop", homepage=shop.homepage, competitors="c.example")
    assert ops.post(url, data).status_code == 302
    assert [s.domain for s in fresh("shop.example").competitors] == ["c.example"]
    assert fresh("b.example").competitors == []
    assert [s.domain for s in fresh("c.example").competitors] == ["shop.example"]


def test_edit_refuses_another_stores_domain(app: Flask, ops: FormPoster) -> None:
    shop = StoreFactory(domain="shop.example")
    StoreFactory(domain="other.example")
    db.session.commit()
    response = ops.post(
        f"/ops/stores/{shop.id}/edit", store_form(homepage="https://other.example/")
    )
    assert "other.example already exists" in response.get_data(as_text=True)
    assert fresh("shop.example").homepage == "https://www.shop.example/"


def test_contacts_are_added_and_removed(app: Flask, ops: FormPoster) -> None:
    shop = StoreFactory(domain="shop.example")
    db.session.commit()
    edit = f"/ops/stores/{shop.id}/edit"
    response = ops.post(
        f"/ops/stores/{shop.id}/contacts",
        {"kind": "email", "value": "Boss@Shop.Example", "level": "1", "label": "Owner"},
        page=edit,
    )
    assert response.status_code == 302 and response.location == f"{edit}#contacts"
    contact = fresh("shop.example").contacts[0]
    remove = f"/ops/stores/{shop.id}/contacts/{contact.id}/remove"
    assert (contact.kind, contact.value, contact.level) == (
        ContactKind.EMAIL,
        "boss@shop.example",
        1,
    )
    response = ops.post(
        f"/ops/stores/{shop.id}/contacts",
        {"kind": "phone", "value": "12", "level": "0"},
        page=edit,
    )
    assert response.status_code == 400
    assert 'id="value-error"' in response.get_data(as_text=True)
    response = ops.post(remove, {}, page=edit)
    assert response.status_code == 302
    assert fresh("shop.example").contacts == []
    response = ops.post(remove, {}, page=edit)
    assert response.status_code == 404


def test_store_page_shows_form_plan_probe_error_and_dispatches(app: Flask, ops: FormPoster) -> None:
    dispatch = DispatchFactory(skip_reason="no_contact")
    shop = dispatch.store
    shop.form_plan = {
        "page": "https://www.x.example/contact",
        "action": "https://www.x.example/send",
        "method": "post",
        "kind": "contact",
        "fields": {"message": "msg", "email": "<script>"},
        "captcha": "recaptcha",
        "submittable": False,
        "blocked_reason": "captcha",
    }
    shop.probe_error = "timeout: <slow>"
    shop.contacts = [StoreContact(kind=ContactKind.PHONE, value="603123456", label="Desk")]
    db.session.commit()
    html = page(ops.client, f"/ops/stores/{shop.id}")
    assert "https://www.x.example/send" in html and "reCAPTCHA" in html
    assert (
        "(the form has a CAPTCHA; our team will try)" in html
        and "e-mail → <code>&lt;script&gt;</code>" in html
        and "<script>" not in html.split("</head>")[1]
    )
    assert "timeout: &lt;slow&gt;" in html
    assert "no way to reach the store yet" in html and f"#{dispatch.request_id}" in html
    assert "603123456" in html and "Desk" in html


# --- probe -----------------------------------------------------------------------------------


def test_the_store_page_shows_the_contact_plan_and_an_operator_overrides_it(
    app: Flask, ops: FormPoster
) -> None:
    form = {"page": "https://shop.example/contact", "action": "https://shop.example/send"}
    form |= {"method": "post", "kind": "contact", "fields": {"message": "m"}, "captcha": None}
    store = StoreFactory(last_probed_at=utcnow(), form_plan={**form, "submittable": True})
    store.contacts.append(StoreContact(kind=ContactKind.EMAIL, value="sales@shop.example"))
    db.session.commit()
    url = f"/ops/stores/{store.id}"
    shown = page(ops.client, url)
    first, then = shown.index("First through its contact form"), shown.index("Then by e-mail")
    assert first < then and "24 business hours" in shown

    response = ops.post(f"{url}/contact-plan", {"channel": "email"}, page=url)
    assert response.status_code == 302 and response.location.endswith(f"{url}#contact-plan")
    shown = page(ops.client, url)
    assert "First through its e-mail" in shown and "Then by" not in shown
    ops.post(f"{url}/contact-plan", {"channel": "never"}, page=url)
    assert "Never: the store asked us not to write." in page(ops.client, url)
    db.session.expire_all()
    assert db.session.get(Store, store.id).contact_preference == "never"
    (entry,) = db.session.scalars(
        sa.select(AuditEntry).filter_by(action="contact_preference")
    ).all()[-1:]
    assert entry.actor_id is not None  # the operator, not the store
    # A value not on the list changes nothing.
    assert ops.post(f"{url}/contact-plan", {"channel": "fax"}, page=url).status_code == 302
    db.session.expire_all()
    assert db.session.get(Store, store.id).contact_preference == "never"


def test_reprobe_finds_the_email_and_the_form(local_app: Flask, site: StoreSite) -> None:
    site.pages["/"] = Page(CONTACT_HOME)
    site.pages["/contact/send"] = Page("<p>Thanks</p>")
    shop = StoreFactory(
        name="Lamps",
        domain=f"127.0.0.1:{site.port}",
        homepage=site.url("/"),
        status=StoreStatus.UNVERIFIED,
    )
    db.session.commit()
    forms = signed_in(local_app)
    response = forms.post(f"/ops/stores/{shop.id}/probe", {}, page=f"/ops/stores/{shop.id}")
    assert response.status_code == 302 and response.location == f"/ops/stores/{shop.id}"
    probed = fresh(shop.domain)
    assert "sales@lamps.test" in [c.value for c in probed.contacts]
    assert probed.form_plan is not None and probed.form_plan["kind"] == "contact"
    assert probed.last_probed_at is not None and probed.probe_error is None
    html = page(forms.client, f"/ops/stores/{shop.id}")
    assert "is being probed" in html and "/contact/send" in html


# --- CSV -------------------------------------------------------------------------------------


def test_export_csv(app: Flask, ops: FormPoster) -> None:
    shop = StoreFactory(name="=cmd|' /C calc'!A0", domain="shop.example")
    shop.contacts = [StoreContact(kind=ContactKind.PHONE, value="+420603123456")]
    db.session.commit()
    response = ops.client.get("/ops/stores/export.csv")
    assert response.status_code == 200
    assert response.mimetype == "text/csv"
    assert "attachment" in response.headers["Content-Disposition"]
    rows = list(csv.DictReader(io.StringIO(response.get_data(as_text=True))))
    assert rows == [
        {
            "domain": "shop.example",
            "name": "'=cmd|' /C calc'!A0",
            "homepage": "https://www.shop.example/",
            "status": "active",
            "locale": "en",
            "categories": "",
            "competitors": "",
            "emails": "",
            "phones": "'+420603123456",
        }
    ]


def upload(forms: FormPoster, text: str | bytes):  # type: ignore[no-untyped-def]
    data = text.encode() if isinstance(text, str) else text
    return forms.post(
        "/ops/stores/import",
        {"file": (io.BytesIO(data), "stores.csv")},
        content_type="multipart/form-data",
    )


def test_import_csv_reports_lines_and_reimport_updates(app: Flask, ops: FormPoster) -> None:
    text = (
        "domain;homepage;name;competitors\n"
        "a.example;https://a.example/;A;\n"
        "b.example;https://b.example/;B;a.example\n"
        "c.example;not a url;C;\n"
        "d.example;https://d.example/;D;ghost.example\n"
    )
    html = upload(ops, text).get_data(as_text=True)
    assert "Created: 2 · updated: 0 · errors: 2" in html
    assert "<td>4</td><td>c.example</td><td>Not a web address: not a url</td>" in html
    assert "<td>5</td><td>d.example</td>" in html and "ghost.example" in html
    assert [s.domain for s in fresh("a.example").competitors] == ["b.example"]
    html = upload(ops, text.replace(";A;", ";A2;")).get_data(as_text=True)
    assert "Created: 0 · updated: 2 · errors: 2" in html
    assert fresh("a.example").name == "A2"
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Store)) == 2


def test_import_refuses_files_that_are_not_utf8_or_too_big(
    app: Flask, ops: FormPoster, monkeypatch: pytest.MonkeyPatch
) -> None:
    html = upload(ops, "domain,homepage\n".encode("utf-16")).get_data(as_text=True)
    assert 'id="file-error"' in html and "not UTF-8" in html
    # A small limit for the test: the test client leaks big uploads' temporary files.
    monkeypatch.setattr(directory_csv, "MAX_IMPORT_BYTES", 100)
    html = upload(ops, b"domain,homepage\n" + b"x" * 100).get_data(as_text=True)
    assert "The file is larger than" in html
    response = ops.post("/ops/stores/import", {})
    assert 'id="file-error"' in response.get_data(as_text=True)


# --- who may -------------------------------------------------------------------------------------


def test_missing_stores_are_404_for_operators(ops: FormPoster) -> None:
    for path in ("/ops/stores/999/probe", "/ops/stores/999/contacts"):
        assert ops.post(path, {}, page="/ops/stores").status_code == 404


def test_business_hours_and_time_zone_per_store(app: Flask) -> None:
    from discountmarket.models import Role, Store
    from tests.conftest import AuthActions, FormPoster
    from tests.factories import StoreFactory, UserFactory

    store = StoreFactory(name="Lamps", homepage="https://lamps.example/", domain="lamps.example")
    UserFactory(email="op@example.com", role=Role.OPERATOR)
    db.session.commit()
    forms = FormPoster(app.test_client())
    AuthActions(forms).login("op@example.com")
    page = f"/ops/stores/{store.id}/edit"
    base = {
        "name": "Lamps",
        "homepage": "https://lamps.example/",
        "locale": "en",
        "status": "active",
    }
    bad = forms.post(page, {**base, "timezone": "Mars/Olympus", "business_hours": "mon-fri 09-18"})
    assert 'id="timezone-error"' in bad.get_data(as_text=True)
    bad = forms.post(page, {**base, "timezone": "Europe/Prague", "business_hours": "weekdays"})
    assert 'id="business_hours-error"' in bad.get_data(as_text=True)
    forms.post(page, {**base, "timezone": "Europe/Prague", "business_hours": "Mon-Sat 10-20"})
    db.session.expire_all()
    saved = db.session.get(Store, store.id)
    assert (saved.timezone, saved.business_hours) == ("Europe/Prague", "mon-sat 10-20")
