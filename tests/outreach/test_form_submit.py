"""``forms.submit``: one call re-reads the contact page, honours robots.txt, fills the form,
posts it and judges the store's answer — against real HTTP servers on 127.0.0.1."""

from __future__ import annotations

from collections.abc import Iterator
from urllib.parse import parse_qs

import pytest

from discountmarket import weburl
from discountmarket.outreach import forms
from discountmarket.outreach.http import FetchError, GuardedClient
from tests.sites import Page, StoreSite, contact_page, contact_shop, serve

VALUES = {
    "name": "DiscountMarket",
    "email": "reply+abc@discountmarket.local",
    "subject": "A shopper's request",
    "message": "A shopper would buy the Grinder X at 150 EUR.",
}


@pytest.fixture
def site() -> Iterator[StoreSite]:
    with serve(contact_shop("fresh-token")) as shop:
        yield shop


@pytest.fixture
def client() -> Iterator[GuardedClient]:
    with GuardedClient(user_agent="TestBot/1.0", allow_hosts=["127.0.0.1"], min_interval=0) as c:
        yield c


def key(site: StoreSite) -> str:
    """The store key of a local test site (its address and port)."""
    return weburl.registrable_domain(site.base)


def known_plan(site: StoreSite, action: str = "/send") -> dict:
    """What the probe recorded earlier (its hidden token has gone stale since)."""
    (plan,) = forms.analyse_forms(contact_page("stale-token", action), site.url("/contact"))
    return plan.to_json()


def posted(site: StoreSite) -> dict[str, list[str]]:
    (body,) = [body for method, _, _, body in site.requests if method == "POST"]
    return parse_qs(body.decode())


def test_accepted_with_the_fresh_token_and_our_values(site: StoreSite, client) -> None:  # type: ignore[no-untyped-def]
    outcome = forms.submit(client, known_plan(site), VALUES, key(site))
    assert (outcome.outcome, outcome.status) == ("accepted", 200)
    body = posted(site)
    assert body["token"] == ["fresh-token"]  # read again, not the probe's stale one
    assert body["your-message"] == [VALUES["message"]]
    assert body["your-email"] == [VALUES["email"]]


def test_a_form_that_comes_back_with_errors_is_refused(site: StoreSite, client) -> None:  # type: ignore[no-untyped-def]
    site.pages["/send"] = Page(
        contact_page("t2", extra='<div class="error" role="alert">Please fill in all fields</div>')
    )
    outcome = forms.submit(client, known_plan(site), VALUES, key(site))
    assert outcome.outcome == "refused" and "errors" in outcome.detail


def test_an_http_error_is_raised_for_the_caller_to_weigh(site: StoreSite, client) -> None:  # type: ignore[no-untyped-def]
    site.pages["/send"] = Page("<h1>Server error</h1>", status=500)
    with pytest.raises(FetchError) as raised:
        forms.submit(client, known_plan(site), VALUES, key(site))
    assert (raised.value.code, raised.value.status) == ("http_error", 500)


def test_a_form_gone_from_its_page_is_reported_and_nothing_posted(site, client) -> None:  # type: ignore[no-untyped-def]
    site.pages["/contact"] = Page("<h1>Contact</h1><p>Call us on 555 0100.</p>")
    outcome = forms.submit(client, known_plan(site), VALUES, key(site))
    assert outcome.outcome == "gone"
    assert not [r for r in site.requests if r[0] == "POST"]


def test_a_new_captcha_stops_the_post(site: StoreSite, client) -> None:  # type: ignore[no-untyped-def]
    widget = '<div class="g-recaptcha" data-sitekey="6Lc_abc"></div>'
    site.pages["/contact"] = Page(contact_page("fresh", extra=widget))
    outcome = forms.submit(client, known_plan(site), VALUES, key(site))
    assert outcome.outcome == "captcha"
    assert not [r for r in site.requests if r[0] == "POST"]


def test_robots_txt_forbidding_the_action_stops_the_post(site: StoreSite, client) -> None:  # type: ignore[no-untyped-def]
    site.pages["/robots.txt"] = Page("User-agent: *\nDisallow: /send\n", content_type="text/plain")
    outcome = forms.submit(client, known_plan(site), VALUES, key(site))
    assert outcome.outcome == "robots"
    assert not [r for r in site.requests if r[0] == "POST"]


def test_a_get_form_is_sent_as_a_query(site: StoreSite, client) -> None:  # type: ignore[no-untyped-def]
    site.pages["/contact"] = Page(contact_page("fresh", method="get"))
    outcome = forms.submit(client, known_plan(site), VALUES, key(site))
    assert outcome.outcome == "accepted"
    (query,) = [path for method, path, _, _ in site.requests if path.startswith("/send?")]
    assert parse_qs(query.split("?", 1)[1])["your-message"] == [VALUES["message"]]


def test_a_form_posting_to_another_site_is_never_used(site: StoreSite, client) -> None:  # type: ignore[no-untyped-def]
    """A page can point its form anywhere (a rival, a victim, a form service): only the
    store's own site receives what we send."""
    with serve(contact_shop("theirs")) as elsewhere:
        site.pages["/contact"] = Page(contact_page("fresh", action=elsewhere.url("/send")))
        outcome = forms.submit(client, known_plan(site), VALUES, key(site))
        assert outcome.outcome == "third_party"
        assert not [r for r in elsewhere.requests if r[0] == "POST"]
    assert not [r for r in site.requests if r[0] == "POST"]


def test_an_answer_that_says_nothing_is_uncertain(site: StoreSite, client) -> None:  # type: ignore[no-untyped-def]
    """The store got our post, and nothing in its answer says what it did with it."""
    site.pages["/send"] = Page("<html><body><h1>Welcome to our shop</h1></body></html>")
    outcome = forms.submit(client, known_plan(site), VALUES, key(site))
    assert (outcome.outcome, outcome.status) == ("uncertain", 200)
    assert outcome.detail.startswith("contact form posted, outcome unknown: ")
    assert posted(site)["your-message"] == [VALUES["message"]]


def test_the_contact_page_again_with_its_own_words_is_uncertain(site: StoreSite, client) -> None:  # type: ignore[no-untyped-def]
    """'We will get back to you' on the contact page itself is no sign the post arrived."""
    promise = "<p>We will get back to you within a day.</p>"
    site.pages["/contact"] = Page(contact_page("fresh", extra=promise))
    site.pages["/send"] = Page(contact_page("fresh2", extra=promise))
    assert forms.submit(client, known_plan(site), VALUES, key(site)).outcome == "uncertain"


def test_a_redirect_to_a_thank_you_page_is_accepted(site: StoreSite, client) -> None:  # type: ignore[no-untyped-def]
    site.pages["/send"] = Page("", status=303, headers={"Location": "/thank-you"})
    site.pages["/thank-you"] = Page("<h1>Back to the shop</h1>")
    outcome = forms.submit(client, known_plan(site), VALUES, key(site))
    assert (outcome.outcome, outcome.status) == ("accepted", 200)
    assert "thank-you" in outcome.detail


@pytest.mark.parametrize(
    ("answer", "expected"),
    [
        ('{"status":"mail_sent","message":"Thank you."}', "accepted"),
        ('{"status":"validation_failed","invalid_fields":[]}', "refused"),
        ('{"queued":true}', "uncertain"),
    ],
)
def test_json_answers_are_read(site: StoreSite, client, answer: str, expected: str) -> None:  # type: ignore[no-untyped-def]
    site.pages["/send"] = Page(answer, content_type="application/json")
    assert forms.submit(client, known_plan(site), VALUES, key(site)).outcome == expected
