# ruff: noqa: RUF001 — contact words, addresses and phones in Cyrillic and Persian are the point.
"""Store discovery: contact pages, addresses, phones and forms, against realistic store
sites (tests/fixtures/sites) served on 127.0.0.1, plus the ``stores probe`` command."""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

import pytest
from flask import Flask

from discountmarket.config import DEFAULTS
from discountmarket.outreach import http as guarded
from discountmarket.outreach.discovery import (
    ProbeError,
    ProbeResult,
    extract_emails,
    extract_phones,
    find_contact_links,
    probe,
)
from discountmarket.outreach.http import FetchError, GuardedClient
from tests.sites import Page, StoreSite, load_site, serve, site_names

PLAN_KEYS = {
    "page",
    "action",
    "method",
    "kind",
    "fields",
    "captcha",
    "submittable",
    "blocked_reason",
}


@pytest.fixture(autouse=True)
def _fresh_state() -> Iterator[None]:
    guarded._reset_state_for_tests()
    yield
    guarded._reset_state_for_tests()


@pytest.fixture
def http_client() -> Iterator[GuardedClient]:
    with GuardedClient(user_agent="test", allow_hosts=("127.0.0.1",), min_interval=0) as client:
        yield client


@contextmanager
def running(name: str) -> Iterator[StoreSite]:
    """A fixture site from tests/fixtures/sites, served on 127.0.0.1."""
    with serve(load_site(name)) as site:
        yield site


def page_paths(site: StoreSite) -> list[str]:
    """The pages the site served, robots.txt left out."""
    return [path for path in site.paths_requested() if path != "/robots.txt"]


# --- every fixture site ----------------------------------------------------------------------


@dataclass
class Form:
    """The expected best contact form."""

    action: str
    fields: dict[str, str]
    captcha: str | None = None
    blocked_reason: str | None = None
    exact_fields: bool = True  # False: ``fields`` must be among the plan's fields


@dataclass
class Expect:
    contact_pages: list[str]
    emails: list[str]
    phones: list[str]
    form: Form | None
    errors: list[tuple[str, str]] = field(default_factory=list)  # (path, code)


EXPECTED = {
    # Sites for the field-analysis rules (never fill a trap, numbered fields, look-alikes).
    "fields_stylesheet_honeypot": Expect(
        ["/contact/"],
        ["hello@kettleandcrumb.co.uk"],
        [],
        Form(
            "/contact/send",
            {"name": "contact_name", "email": "contact_email", "message": "contact_body"},
        ),
    ),
    "fields_table_numbered": Expect(
        ["/kontakt.php"],
        ["service@modellbahn-brenner.de"],
        [],
        Form(
            "/kontakt.php",
            {
                "name": "form_text_1",
                "email": "form_text_2",
                "phone": "form_text_3",
                "subject": "form_text_4",
                "message": "form_textarea_7",
            },
        ),
    ),
    "fields_callback": Expect(
        ["/kontakty/"],
        ["info@teplodom-shop.ru"],
        [],
        Form("/kontakty/send/", {"name": "user_name", "email": "user_email", "message": "MESSAGE"}),
    ),
    "fields_newsletter_footer": Expect(
        ["/pages/contact"],
        ["support@ridgeline-outdoor.co.uk"],
        [],
        Form(
            "/pages/contact/send",
            {"name": "contact[name]", "email": "contact[email]", "message": "contact[body]"},
        ),
    ),
    "fields_gravity_forms": Expect(
        ["/contact-us/"],
        ["orders@harbourcandle.co.uk"],
        [],
        Form("/contact-us/", {"name": "input_1", "email": "input_2", "message": "input_3"}),
    ),
    "fields_wpforms": Expect(
        ["/contact/"],
        ["studio@fernhillceramics.co.uk"],
        [],
        Form(
            "/contact/",
            {
                "name": "wpforms[fields][0]",
                "email": "wpforms[fields][1]",
                "message": "wpforms[fields][2]",
            },
        ),
    ),
    "woocommerce_cf7": Expect(
        ["/contact/"],
        ["orders@brightmugs.co.uk", "hello@brightmugs.co.uk", "no-reply@brightmugs.co.uk"],
        ["+441142726093"],
        Form(
            "/contact/#wpcf7-f42-p17-o1",
            {
                "name": "your-name",
                "email": "your-email",
                "subject": "your-subject",
                "message": "your-message",
            },
        ),
        errors=[("/customer-service/", "http_error")],
    ),
    "shopify": Expect(
        ["/pages/contact"],
        ["support@northpeak-outfitters.com"],
        [],
        Form(
            "/contact#contact_form",
            {
                "name": "contact[name]",
                "email": "contact[email]",
                "phone": "contact[phone]",
                "message": "contact[body]",
            },
        ),
    ),
    "bitrix_ru": Expect(
        ["/kontakty/", "/feedback/"],
        [
            "info@tehnomir-shop.ru",
            "zakaz@tehnomir-shop.ru",
            "opt@tehnomir-shop.ru",
            "hr@tehnomir-shop.ru",
        ],
        ["+78005553535", "+74951234567"],
        Form("/feedback/", {"name": "user_name", "email": "user_email", "message": "MESSAGE"}),
    ),
    "opencart": Expect(
        ["/index.php?route=information/contact"],
        [],
        ["093792233"],
        Form(
            "/index.php?route=information/contact",
            {"name": "name", "email": "email", "message": "enquiry"},
            captcha="other",  # the basic image captcha
            blocked_reason="captcha",
        ),
    ),
    "prestashop": Expect(
        ["/kontakt", "/content/2-impressum"],
        ["info@gartenzwerg-versand.de", "datenschutz@gartenzwerg-versand.de"],
        ["+493412569880"],
        Form("/kontakt", {"email": "from", "message": "message"}, exact_fields=False),
    ),
    "magento2": Expect(
        ["/contact/"],
        ["trade@velo-parts.eu"],
        ["+31202440350"],
        Form(
            "/contact/index/post/",
            {"name": "name", "email": "email", "phone": "telephone", "message": "comment"},
        ),
    ),
    "tilda": Expect(
        ["/"],  # the form is on the home page; the menu only links to #anchors
        ["hello@linenandco.store"],
        ["+37052145588"],
        Form("/procces/", {"name": "Name", "email": "Email", "message": "Textarea"}),
    ),
    "shoptet_cz": Expect(
        ["/kontakty/"],
        ["info@obchod.cz"],
        ["+420603123456", "777888999"],
        Form(
            "/action/MailForm/sendMessage/",
            {"email": "email", "phone": "phone", "message": "message"},
            exact_fields=False,  # see test_shoptet_honeypot_is_not_a_name_field
        ),
    ),
    "finnish": Expect(
        ["/page/ota-yhteytta", "/page/asiakaspalvelu"],
        ["asiakaspalvelu@kodinkulma.fi", "laskutus@kodinkulma.fi"],
        ["0942576200"],
        Form(
            "/page/ota-yhteytta",
            {"name": "nimi", "email": "sahkoposti", "phone": "puhelin", "message": "viesti"},
        ),
    ),
    "danish": Expect(
        ["/kontakt-os/", "/kundeservice/"],
        ["kundeservice@nordiskbolig.dk", "retur@nordiskbolig.dk"],
        ["+4533123456"],
        Form(
            "/wp-admin/admin-post.php",  # robots.txt: Disallow: /wp-admin/
            {"name": "navn", "email": "email", "message": "besked"},
            blocked_reason="robots",
        ),
    ),
    "persian": Expect(
        ["/تماس-با-ما/"],
        ["info@kalashop.ir", "support@kalashop.ir"],
        ["02188776655", "09123456789"],
        Form(
            "/تماس-با-ما/",
            {"name": "name", "email": "email", "subject": "subject", "message": "message"},
        ),
    ),
    "recaptcha": Expect(
        ["/contact.php"],
        ["sales@quarrytea.co.uk"],
        ["01629580214"],
        Form(
            "/contact.php",
            {
                "first_name": "first_name",
                "last_name": "last_name",
                "email": "email",
                "phone": "telephone",
                "message": "comments",
            },
            captcha="recaptcha",
            blocked_reason="captcha",
        ),
    ),
    "hcaptcha": Expect(
        ["/nous-contacter", "/mentions-legales"],
        ["contact@savonnerie-vieuxport.fr", "direction@savonnerie-vieuxport.fr"],
        ["+33491901234"],
        Form(
            "/nous-contacter",
            {"name": "nom", "email": "email", "subject": "objet", "message": "message"},
            captcha="hcaptcha",
            blocked_reason="captcha",
        ),
    ),
    "turnstile": Expect(
        ["/contacto", "/aviso-legal"],
        ["contacto@sierramagina.es"],  # behind Cloudflare's e-mail protection
        ["+34953781234"],
        Form(
            "/contacto",
            {"name": "nombre", "email": "correo", "phone": "telefono", "message": "mensaje"},
            captcha="turnstile",
            blocked_reason="captcha",
        ),
    ),
    "robots_forbidden": Expect(
        ["/help/customer-service"],
        ["service@copperandclay.nl", "hello@copperandclay.nl"],
        ["+31302074411"],
        None,
        errors=[("/contact", "robots")],
    ),
    "mailto_only": Expect(
        ["/contact.html"],
        [
            "orders@fernsideseeds.co.uk",
            "margaret@fernsideseeds.co.uk",
            "noreply@fernsideseeds.co.uk",
        ],
        ["01531660412"],
        None,
    ),
    "multi_forms": Expect(
        ["/kontaktformular/", "/impressum/"],
        ["info@teehaus-am-see.de"],
        ["+49451708090"],
        Form(
            "/form/contact",
            {
                "first_name": "firstName",
                "last_name": "lastName",
                "email": "email",
                "phone": "phone",
                "subject": "subject",
                "message": "comment",
            },
        ),
    ),
    # Sites for judging what a store answers to a post (tests/services/test_form_delivery_sites).
    "outcome_thank_you_redirect": Expect(
        ["/kontakt/", "/impressum/"],
        ["info@holzwerk-kiel.de"],
        ["04315567890"],
        Form(
            "/kontakt/senden",
            {"name": "name", "email": "mail", "subject": "betreff", "message": "nachricht"},
        ),
    ),
    "outcome_cf7_rest_json": Expect(
        ["/contact-us/"],
        ["hello@tidewatercandles.co.uk"],
        [],
        Form(
            "/wp-json/contact-form-7/v1/contact-forms/42/feedback",
            {
                "name": "your-name",
                "email": "your-email",
                "subject": "your-subject",
                "message": "your-message",
            },
        ),
    ),
    "outcome_czech_errors": Expect(
        ["/kontakt/"],
        ["obchod@keramika-vltava.cz"],
        ["+420387654321"],
        Form(
            "/kontakt/",
            {"name": "jmeno", "email": "email", "phone": "telefon", "message": "zprava"},
        ),
    ),
    "outcome_silent": Expect(
        ["/contact.html"],
        [],
        ["01547528114"],
        Form("/send.php", {"name": "name", "email": "email", "message": "comments"}),
    ),
    "outcome_cf7_validation": Expect(
        ["/contacto/"],
        ["pedidos@aceitesdelsur.es"],
        ["953246810"],
        Form(
            "/wp-json/contact-form-7/v1/contact-forms/118/feedback",
            {
                "name": "tu-nombre",
                "email": "tu-email",
                "phone": "tu-telefono",
                "message": "tu-mensaje",
            },
        ),
    ),
    "outcome_third_party_form": Expect(
        ["/contact"],
        [],
        [],
        # Discovery reads it as it is; probing records it as a form we never use.
        Form(
            "https://formspree.io/f/xqkrjzab",
            {"name": "name", "email": "email", "message": "message"},
        ),
    ),
    # Contact pages found only by words of the menus (contact_links.py).
    "discovery_opencart_polish": Expect(
        ["/napisz-do-nas"],  # the SEO keyword of route=information/contact
        [],
        ["583412290"],
        Form("/napisz-do-nas", {"name": "name", "email": "email", "message": "enquiry"}),
    ),
    "discovery_tilda_ukrainian": Expect(
        ["/page35512345.html"],  # "Контакти" in the menu
        ["hello@vyshyvanka-dim.com.ua"],
        ["+380532612233"],
        Form("/procces/", {"name": "Name", "email": "Email", "message": "Textarea"}),
    ),
}


def test_every_fixture_site_has_expectations() -> None:
    assert sorted(EXPECTED) == site_names()


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_probe_fixture_site(name: str, http_client: GuardedClient) -> None:
    expect = EXPECTED[name]
    with running(name) as site:
        result = probe(http_client, site.url("/"))

    assert result.url == site.url("/")
    assert result.contact_pages == [site.url(path) for path in expect.contact_pages]
    assert result.emails == expect.emails
    assert result.phones == expect.phones
    assert [(e.url, e.code) for e in result.errors] == [
        (site.url(path), code) for path, code in expect.errors
    ]
    assert all(error.message for error in result.errors)

    contact = [plan for plan in result.forms if plan.kind == "contact"]
    kinds = [plan.kind for plan in result.forms]
    assert kinds == sorted(kinds, key=lambda kind: kind != "contact")  # contact forms first
    if expect.form is None:
        assert contact == [] and result.best_contact_form is None
        return
    plan = contact[0]
    wanted = expect.form
    assert plan.action == (site.url(wanted.action) if wanted.action[0] == "/" else wanted.action)
    assert plan.method == "post"
    if wanted.exact_fields:
        assert plan.fields == wanted.fields
    else:
        assert wanted.fields.items() <= plan.fields.items()
    assert plan.captcha == wanted.captcha
    assert plan.blocked_reason == wanted.blocked_reason
    assert plan.submittable is (wanted.blocked_reason is None)
    assert result.best_contact_form is (plan if plan.submittable else None)
    assert plan.page in result.contact_pages  # the form's own page is a contact page


def test_shoptet_honeypot_is_not_a_name_field(http_client: GuardedClient) -> None:
    with running("shoptet_cz") as site:
        plan = probe(http_client, site.url("/")).best_contact_form
    assert plan is not None and "surname" not in plan.fields.values()


def test_every_form_is_listed_once_contact_first(http_client: GuardedClient) -> None:
    with running("multi_forms") as site:
        result = probe(http_client, site.url("/"))
    kinds = [plan.kind for plan in result.forms]
    assert kinds[0] == "contact"
    # The search form sits on several pages, and is listed once.
    assert sorted(kinds[1:]) == ["login", "newsletter", "order", "search"]
    assert result.forms[0].page == site.url("/kontaktformular/")


def test_contact_page_forbidden_by_robots_is_not_fetched(http_client: GuardedClient) -> None:
    with running("robots_forbidden") as site:
        result = probe(http_client, site.url("/"))
    assert "/contact" not in site.paths_requested()
    assert page_paths(site) == ["/", "/help/customer-service"]
    [error] = result.errors
    assert error == ProbeError(site.url("/contact"), "robots", error.message)
    assert "robots.txt" in error.message
    assert "secret-contact@copperandclay.nl" not in result.emails


def test_contact_form_whose_action_robots_forbids_is_not_submittable(
    http_client: GuardedClient,
) -> None:
    with running("danish") as site:
        result = probe(http_client, site.url("/"))
    [plan] = [plan for plan in result.forms if plan.kind == "contact"]
    assert (plan.submittable, plan.blocked_reason) == (False, "robots")
    assert result.best_contact_form is None
    assert all(method == "GET" for method, *_ in site.requests)  # looked, never posted


# --- page budget, redirects, fatal errors -----------------------------------------------------


@pytest.mark.parametrize(
    ("max_pages", "pages"),
    [
        (1, ["/"]),
        (2, ["/", "/contact/"]),
        (6, ["/", "/contact/", "/customer-service/"]),
        (0, ["/"]),  # the start page is always read
    ],
)
def test_max_pages_counts_every_page_fetched(
    http_client: GuardedClient, max_pages: int, pages: list[str]
) -> None:
    with running("woocommerce_cf7") as site:
        result = probe(http_client, site.url("/"), max_pages=max_pages)
    assert page_paths(site) == pages
    assert result.contact_pages == ([site.url("/contact/")] if len(pages) > 1 else [])


def test_max_pages_with_many_contact_links(site: StoreSite, http_client: GuardedClient) -> None:
    words = ["contact", "kontakt", "kontakty", "yhteystiedot", "contacto", "impressum", "feedback"]
    links = "".join(f'<a href="/{word}/">{word.title()}</a>' for word in words)
    site.pages["/"] = Page(f"<html><body><nav>{links}</nav></body></html>")
    for word in words:
        # Each page links to more contact pages: the budget still holds.
        site.pages[f"/{word}/"] = Page(f'<p>x</p><a href="/{word}/more/">Contact us</a>')
    result = probe(http_client, site.url("/"), max_pages=4)
    assert page_paths(site) == ["/", "/contact/", "/kontakt/", "/kontakty/"]
    assert len(result.contact_pages) == 3


def test_start_redirect_and_duplicate_contact_links(
    site: StoreSite, http_client: GuardedClient
) -> None:
    site.pages["/"] = Page("", status=302, headers={"Location": "/home"})
    site.pages["/home"] = Page(
        '<header><a href="/contact">Contact</a></header>'
        '<footer><a href="/contact-us/">Contact us</a><a href="/contact#form">Write to us</a>'
        '<a href="http://127.0.0.1:1/kontakt">Kontakt (another site)</a></footer>'
    )
    site.pages["/contact"] = Page("", status=301, headers={"Location": "/contact-us/"})
    site.pages["/contact-us/"] = Page("<p>Mail: shop@corner-store.ie</p>")
    result = probe(http_client, site.url("/"))
    assert result.url == site.url("/home")
    assert result.contact_pages == [site.url("/contact-us/")]
    assert result.emails == ["shop@corner-store.ie"]
    assert page_paths(site) == ["/", "/home", "/contact", "/contact-us/"]


def test_contact_link_redirecting_to_another_site_is_not_read(
    site: StoreSite, http_client: GuardedClient
) -> None:
    with serve(StoreSite()) as other:
        other.pages["/help"] = Page("<p>Mail: desk@helpdesk-vendor.io</p><form></form>")
        site.pages["/"] = Page('<nav><a href="/contact">Contact</a></nav>')
        site.pages["/contact"] = Page("", 302, headers={"Location": other.url("/help")})
        result = probe(http_client, site.url("/"))
    assert other.paths_requested()[-1] == "/help"  # fetched (the redirect was followed)...
    assert result.contact_pages == [] and result.emails == [] and result.forms == []  # not read


def test_non_fatal_errors_of_further_pages(site: StoreSite, http_client: GuardedClient) -> None:
    site.pages["/"] = Page('<nav><a href="/kontakt">Kontakt</a><a href="/impressum">Impressum</a>')
    site.pages["/kontakt"] = Page(b"%PDF-1.4", content_type="application/pdf")
    result = probe(http_client, site.url("/"))
    assert [(e.url, e.code) for e in result.errors] == [
        (site.url("/kontakt"), "not_html"),
        (site.url("/impressum"), "http_error"),
    ]
    assert result.contact_pages == []


@pytest.mark.parametrize(
    ("path", "code"),
    [("/missing", "http_error"), ("/private/", "robots"), ("/file", "not_html")],
)
def test_start_page_errors_are_fatal(
    site: StoreSite, http_client: GuardedClient, path: str, code: str
) -> None:
    site.pages["/robots.txt"] = Page(
        "User-agent: *\nDisallow: /private/\n", content_type="text/plain"
    )
    site.pages["/file"] = Page(b"\x89PNG", content_type="image/png")
    with pytest.raises(FetchError) as caught:
        probe(http_client, site.url(path))
    assert caught.value.code == code
    assert "/private/" not in site.paths_requested()


def test_probe_result_to_json_shape() -> None:
    result = ProbeResult(
        url="https://shop.test/",
        contact_pages=["https://shop.test/contact"],
        emails=["info@shop.test"],
        phones=["+420603123456"],
        errors=[ProbeError("https://shop.test/kontakt", "robots", "forbidden")],
    )
    assert result.to_json() == {
        "url": "https://shop.test/",
        "contact_pages": ["https://shop.test/contact"],
        "emails": ["info@shop.test"],
        "phones": ["+420603123456"],
        "forms": [],
        "errors": [{"url": "https://shop.test/kontakt", "code": "robots", "message": "forbidden"}],
    }
    assert result.best_contact_form is None


# --- the CLI ---------------------------------------------------------------------------------


def probe_json(app: Flask, url: str) -> tuple[int, dict]:
    result = app.test_cli_runner().invoke(args=["stores", "probe", url, "--json"])
    return result.exit_code, json.loads(result.output)


@pytest.mark.parametrize("name", ["woocommerce_cf7", "persian"])
def test_cli_probe_json(local_app: Flask, name: str) -> None:
    expect = EXPECTED[name]
    assert expect.form is not None
    with running(name) as site:
        exit_code, data = probe_json(local_app, site.url("/"))
    assert exit_code == 0
    assert list(data) == ["url", "contact_pages", "emails", "phones", "forms", "errors"]
    assert data["url"] == site.url("/")
    assert data["contact_pages"] == [site.url(path) for path in expect.contact_pages]
    assert data["emails"] == expect.emails
    assert data["phones"] == expect.phones
    assert [set(error) for error in data["errors"]] == [{"url", "code", "message"}] * len(
        expect.errors
    )
    assert [(e["url"], e["code"]) for e in data["errors"]] == [
        (site.url(path), code) for path, code in expect.errors
    ]
    assert all(set(plan) == PLAN_KEYS for plan in data["forms"])
    contact = data["forms"][0]
    assert contact["kind"] == "contact" and contact["submittable"] is True
    assert contact["action"] == site.url(expect.form.action)
    assert contact["fields"] == expect.form.fields
    assert contact["blocked_reason"] is None and contact["captcha"] is None


def test_cli_probe_uses_max_pages_setting(make_app, site: StoreSite) -> None:  # type: ignore[no-untyped-def]
    app = make_app(OUTREACH_ALLOW_HOSTS=["127.0.0.1"], OUTREACH_MAX_PAGES="1")
    assert app.config["OUTREACH_MAX_PAGES"] == 1 and DEFAULTS["OUTREACH_MAX_PAGES"] == 6
    site.pages["/"] = Page('<a href="/contact">Contact</a> info@shop.ie')
    code, data = probe_json(app, site.url("/"))
    assert code == 0 and data["contact_pages"] == [] and data["emails"] == ["info@shop.ie"]
    assert page_paths(site) == ["/"]


def test_cli_probe_summary(local_app: Flask) -> None:
    with running("recaptcha") as site:
        result = local_app.test_cli_runner().invoke(args=["stores", "probe", site.url("/")])
    assert result.exit_code == 0, result.output
    assert f"Contact pages: {site.url('/contact.php')}" in result.output
    assert "E-mails: sales@quarrytea.co.uk" in result.output
    assert "Phones: 01629580214" in result.output
    assert "[blocked: captcha]" in result.output


@pytest.mark.parametrize(
    ("url", "code"),
    [
        ("http://127.0.0.1:9/", "blocked_address"),  # loopback without the allow-list
        ("http://169.254.169.254/", "blocked_address"),
        ("http://2130706433/", "blocked_address"),
        ("ftp://x", "bad_url"),
    ],
)
def test_cli_probe_fatal_errors(make_app, url: str, code: str) -> None:  # type: ignore[no-untyped-def]
    exit_code, data = probe_json(make_app(), url)
    assert exit_code == 1
    assert list(data) == ["error"] and set(data["error"]) == {"code", "message"}
    assert data["error"]["code"] == code and data["error"]["message"]


def test_cli_probe_refuses_a_redirect_to_a_private_address(
    local_app: Flask, site: StoreSite
) -> None:
    site.pages["/go"] = Page("", status=302, headers={"Location": "http://10.0.0.1/"})
    exit_code, data = probe_json(local_app, site.url("/go"))
    assert exit_code == 1
    assert data["error"]["code"] == "blocked_address"
    assert "10.0.0.1" in data["error"]["message"]
    assert page_paths(site) == ["/go"]


def test_cli_probe_error_without_json(make_app) -> None:  # type: ignore[no-untyped-def]
    result = make_app().test_cli_runner().invoke(args=["stores", "probe", "http://10.1.2.3/"])
    assert result.exit_code == 1 and "blocked_address" in result.output


# --- e-mail addresses --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("html", "emails"),
    [
        ('<a href="mailto:Info@Shop.CZ?subject=Dotaz">Napište nám</a>', ["info@shop.cz"]),
        ('<a href="mailto:a@shop.fi,b@shop.fi">mail</a>', ["a@shop.fi", "b@shop.fi"]),
        ('<a href="mailto:sales%40shop.dk">skriv</a>', ["sales@shop.dk"]),
        ("<p>E-mail: info [at] obchod [dot] cz</p>", ["info@obchod.cz"]),
        ("<p>info(at)shop.cz</p>", ["info@shop.cz"]),
        ("<p>Write to info at shop dot co dot uk.</p>", ["info@shop.co.uk"]),
        ("<p>info&#64;shop.cz</p>", ["info@shop.cz"]),
        ("<p>info{at}laden{dot}de</p>", ["info@laden.de"]),
        ("<p>prodej (zavináč) obchod (tečka) cz</p>", ["prodej@obchod.cz"]),
        ("<p>Почта: zakaz [собака] magazin [точка] ru</p>", ["zakaz@magazin.ru"]),
        ("<p>Почта: zakaz@magazin.ru</p>", ["zakaz@magazin.ru"]),
        ('<p dir="rtl">ایمیل: info@kalashop.ir</p>', ["info@kalashop.ir"]),
        ("<p>Sähköposti: myynti@kauppa.fi.</p>", ["myynti@kauppa.fi"]),
        ("<p>Info@Shop.cz, info@shop.cz</p>", ["info@shop.cz"]),
        # Not addresses: image names, placeholders, tracker keys, script code.
        ("<p>logo@2x.png image@3x.webp</p>", []),
        ("<p>example@example.com, your@email.com, jan@domain.com</p>", []),
        ("<p>3f1c2b4a5d6e7f8091a2b3c4d5e6f708@o123.ingest.sentry.io</p>", []),
        ('<script>var dev = "dev@tracker.io";</script><p>Hi</p>', []),
        ("<p>Call us (at) 9am</p>", []),
        # Other sources: JSON-LD, Cloudflare's protection, data-email.
        (
            '<script type="application/ld+json">{"@type":"Store","email":"obchod@kava.cz"}'
            "</script>",
            ["obchod@kava.cz"],
        ),
        (
            '<a href="/cdn-cgi/l/email-protection"><span class="__cf_email__" '
            'data-cfemail="1b7874756f7a786f745b68727e69697a767a7c72757a357e68">'
            "[email protected]</span></a>",
            ["contacto@sierramagina.es"],
        ),
        ('<span data-email="kundeservice@bolig.dk">skriv til os</span>', ["kundeservice@bolig.dk"]),
        ("Plain text: sales@shop.fi", ["sales@shop.fi"]),
        # Best first: sales-like, support-like, others, low-value, no-reply last.
        (
            "<p>noreply@shop.cz jobs@shop.cz eva@shop.cz support@shop.cz info@shop.cz"
            " obchod@shop.cz</p>",
            [
                "info@shop.cz",
                "obchod@shop.cz",
                "support@shop.cz",
                "eva@shop.cz",
                "jobs@shop.cz",
                "noreply@shop.cz",
            ],
        ),
        ("<p>do-not-reply@shop.de, shop@shop.de</p>", ["shop@shop.de", "do-not-reply@shop.de"]),
        ("", []),
    ],
)
def test_extract_emails(html: str, emails: list[str]) -> None:
    assert extract_emails(html) == emails


# --- phones ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("html", "phones"),
    [
        ('<a href="tel:+420 603 123 456">Zavolejte</a>', ["+420603123456"]),
        ('<a href="tel:%2B4533123456">Ring</a>', ["+4533123456"]),
        ("<p>Tel.: +420 603 123 456</p>", ["+420603123456"]),
        ("<p>Phone: +44 (0)20 7946 0958</p>", ["+442079460958"]),
        ("<p>Phone 0044 20 7946 0958</p>", ["+442079460958"]),
        ("<p>Телефон: 8 (495) 123-45-67</p>", ["84951234567"]),
        ("<p>Тел. +7 (800) 555-35-35</p>", ["+78005553535"]),
        ("<dl><dt>Puhelin</dt><dd>09 4257 6200</dd></dl>", ["0942576200"]),
        ("<p>Telefon: +45 33 12 34 56</p>", ["+4533123456"]),
        ("<p>Telefon: 030 1234567</p>", ["0301234567"]),
        ("<p>Teléfono: 953 78 12 34</p>", ["953781234"]),
        ("<p>Tél. : 04 91 90 12 34</p>", ["0491901234"]),
        ("<p>Zákaznická linka: 777 888 999</p>", ["777888999"]),
        ('<p dir="rtl">تلفن: ۰۲۱-۸۸۷۷۶۶۵۵</p>', ["02188776655"]),
        ('<p dir="rtl">همراه: ۰۹۱۲ ۳۴۵ ۶۷۸۹</p>', ["09123456789"]),
        ("<p>Call us: (212) 555-0142</p>", ["2125550142"]),
        ("<p>Nous joindre : +33 4 91 90 12 34</p>", ["+33491901234"]),  # international, no label
        # One number written two ways is listed once, in its international form.
        ('<p>Tel: 603 123 456</p><a href="tel:+420603123456">x</a>', ["+420603123456"]),
        ("<p>Puh. 09 4257 6200, +358 9 4257 6200</p>", ["+358942576200"]),
        # Not phones: faxes, prices, dates, opening hours, unlabelled local numbers.
        ("<p>Fax: +49 341 2569 889</p>", []),
        ("<p>Tel./Fax: +49 341 2569 889</p>", []),
        ("<p>Price: 1 299,00 €</p>", []),
        ("<p>Order 12345678 shipped on 12.05.2024</p>", []),
        ("<p>Tel: Mon–Fri 9–17</p>", []),
        ("<p>Tel: 12 34</p>", []),
        ("", []),
    ],
)
def test_extract_phones(html: str, phones: list[str]) -> None:
    assert extract_phones(html) == phones


# --- contact links -----------------------------------------------------------------------------

PAGE = "https://www.shop.test/"


@pytest.mark.parametrize(
    ("text", "href"),
    [
        ("Contact", "/c1"),
        ("Contact us", "/c1"),
        ("Customer service", "/c1"),
        ("Get in touch", "/c1"),
        ("Контакты", "/c1"),
        ("Обратная связь", "/c1"),
        ("Связаться с нами", "/c1"),
        ("Kontakty", "/c1"),
        ("Kontaktujte nás", "/c1"),
        ("Napište nám", "/c1"),
        ("Ota yhteyttä", "/c1"),
        ("Yhteystiedot", "/c1"),
        ("Asiakaspalvelu", "/c1"),
        ("Kontakt os", "/c1"),
        ("Kundeservice", "/c1"),
        ("Kontakt", "/c1"),
        ("Impressum", "/c1"),
        ("Kontaktformular", "/c1"),
        ("Kundenservice", "/c1"),
        ("Contacto", "/c1"),
        ("Contáctenos", "/c1"),
        ("Atención al cliente", "/c1"),
        ("Nous contacter", "/c1"),
        ("Service client", "/c1"),
        ("تماس با ما", "/c1"),
        ("ارتباط با ما", "/c1"),
        ("CONTACT&nbsp;US", "/c1"),
        ("Help &amp; Contact", "/c1"),
        # By the URL alone (an icon link).
        ('<img src="/i/mail.svg" alt="">', "/contact"),
        ('<i class="fa fa-phone"></i>', "/contact-us/"),
        ("<span></span>", "/kontakty/"),
        ("<span></span>", "/yhteystiedot"),
        ("<span></span>", "/impressum"),
        ("<span></span>", "/contacto"),
        ("<span></span>", "/feedback/"),
        ("<span></span>", "/tamas-ba-ma"),
        ("<span></span>", "/pages/contact"),
        ("<span></span>", "/contact.php"),
        ("<span></span>", "/index.php?route=information/contact"),
        ("<span></span>", "/index.php?controller=contact"),
        ("<span></span>", "/%D8%AA%D9%85%D8%A7%D8%B3-%D8%A8%D8%A7-%D9%85%D8%A7/"),
        ('<img src="/i/mail.svg" alt="Kontakt">', "/k"),
    ],
)
def test_find_contact_links_words(text: str, href: str) -> None:
    html = f'<body><p><a href="/about">About</a></p><p><a href="{href}">{text}</a></p></body>'
    assert find_contact_links(html, PAGE) == ["https://www.shop.test" + href]


@pytest.mark.parametrize(
    "link",
    [
        '<a href="https://other.test/contact">Contact</a>',  # another site
        '<a href="http://www.shop.test:8080/contact">Contact</a>',  # another port
        '<a href="mailto:info@shop.test">Contact</a>',
        '<a href="tel:+420603123456">Contact</a>',
        '<a href="javascript:openContact()">Contact</a>',
        '<a href="#contact">Contact</a>',  # this page
        '<a href="/">Contact</a>',  # this page again
        '<a href="/files/contact.pdf">Contact</a>',
        '<a href="/about-us">About us</a>',
        '<a href="/blog/why-we-love-tea">Contact lenses are not tea: a long story about leaves</a>',
        "<a>Contact</a>",
    ],
)
def test_find_contact_links_ignores(link: str) -> None:
    assert find_contact_links(f"<body>{link}</body>", PAGE) == []


def test_find_contact_links_order_and_same_site() -> None:
    html = """<body>
      <main><p>Questions? <a href="/faq">Read the FAQ</a> or see <a href="/impressum">Impressum</a>.
        <a href="/p/contact-lens-case">Contact lens case</a></p></main>
      <footer><a href="https://shop.test/customer-service">Customer service</a>
        <a href="/kontakt#form">Kontakt</a></footer>
      <header><nav><a href="/kontakt">Kontakt</a></nav></header>
    </body>"""
    assert find_contact_links(html, PAGE) == [
        "https://www.shop.test/kontakt",  # text, URL and footer/header position
        "https://shop.test/customer-service",  # www. or not, the same site
        "https://www.shop.test/impressum",
        "https://www.shop.test/p/contact-lens-case",
    ]


def test_find_contact_links_honours_base_href() -> None:
    html = (
        '<head><base href="/shop/"></head>'
        '<body><a href="index.php?route=information/contact">Contact Us</a></body>'
    )
    assert find_contact_links(html, PAGE) == [
        "https://www.shop.test/shop/index.php?route=information/contact"
    ]


def test_find_contact_links_on_broken_markup() -> None:
    assert find_contact_links("", PAGE) == []
    assert find_contact_links("no markup at all", PAGE) == []
    assert find_contact_links("<a href='/kontakt'>Kontakt<a href='/x'><<<", PAGE) == [
        "https://www.shop.test/kontakt"
    ]


@pytest.mark.parametrize(
    ("page", "href", "found"),
    [
        # One store: its www., other subdomains, http and https.
        ("https://www.shop.test/", "https://help.shop.test/contact", True),
        ("https://shop.co.uk/", "http://www.shop.co.uk/contact", True),
        # A public suffix splits stores: co.uk, and shared hosts' customers.
        ("https://shop.co.uk/", "https://other.co.uk/contact", False),
        ("https://mine.myshopify.com/", "https://theirs.myshopify.com/contact", False),
        ("https://mine.github.io/", "https://theirs.github.io/contact", False),
    ],
)
def test_same_store_is_the_registrable_domain(page: str, href: str, found: bool) -> None:
    html = f'<body><a href="{href}">Contact</a></body>'
    assert find_contact_links(html, page) == ([href] if found else [])
