# ruff: noqa: RUF001 — Russian words on purpose
"""A Russian operator reads every stored status, kind and outcome as a Russian word: the
escalation page, the dashboard, the dispatch inspector and the store page show no raw code."""

from __future__ import annotations

import re

import pytest
from bs4 import BeautifulSoup
from flask import Flask
from flask.testing import FlaskClient

from discountmarket.extensions import db
from discountmarket.labels import ENUM_TABLES, LABELS, label
from discountmarket.models import (
    AttemptOutcome,
    CallOutcome,
    Channel,
    ContactKind,
    ContactSource,
    DispatchAttempt,
    DispatchStatus,
    Escalation,
    Role,
    StoreContact,
    StoreStatus,
)
from discountmarket.outreach.form_captcha import CAPTCHA_KINDS
from discountmarket.outreach.form_kinds import FORM_KINDS
from discountmarket.outreach.form_words import ROLES
from discountmarket.services import escalation_actions
from tests.factories import DispatchFactory, UserFactory
from tests.security.test_stored_xss import signed_in
from tests.test_translations import CATALOGUE

pytestmark = pytest.mark.skipif(
    not CATALOGUE.with_suffix(".mo").exists(), reason="compiled by `make` (pybabel compile)"
)

# Every code an operator page could print raw ("pending", "no_answer", "log_call", ...).
CODES = {member.value for kind in ENUM_TABLES for member in kind} | {
    code
    for table in ("audit_action", "skip_reason", "form_kind", "form_role", "captcha")
    for code in LABELS[table]
}


def visible_words(client: FlaskClient, url: str) -> tuple[str, set[str]]:
    response = client.get(url)
    assert response.status_code == 200, url
    soup = BeautifulSoup(response.get_data(as_text=True), "html.parser")
    # <code> holds raw data on purpose (the audit record's JSON, field names of a form).
    for hidden in soup(["script", "style", "head", "code"]):
        hidden.decompose()
    text = " ".join(soup.get_text(" ").split())
    return text, set(re.findall(r"[A-Za-z_]+", text))


@pytest.fixture
def russian_operator_world(app: Flask) -> dict[str, int]:
    operator = UserFactory(email="ops@example.com", role=Role.OPERATOR, locale="ru")
    dispatch = DispatchFactory(status=DispatchStatus.PENDING, attempts=2)
    store = dispatch.store
    store.name, store.status = "Магазин", StoreStatus.UNVERIFIED
    store.contacts = [
        StoreContact(kind=ContactKind.EMAIL, value="shop@example.com"),
        StoreContact(kind=ContactKind.PHONE, value="+74950000000", source=ContactSource.OPERATOR),
    ]
    store.form_plan = {  # as discovery stores it: a contact form behind a CAPTCHA
        "page": "https://magazin.example/kontakty",
        "action": "https://magazin.example/kontakty/send",
        "method": "post",
        "kind": "contact",
        "fields": {"name": "fio", "email": "pochta", "message": "tekst"},
        "captcha": "recaptcha",
        "submittable": False,
        "blocked_reason": "captcha",
    }
    db.session.add_all(
        DispatchAttempt(dispatch=dispatch, channel=Channel.EMAIL, outcome=outcome, detail="—")
        for outcome in (AttemptOutcome.RETRY, AttemptOutcome.HELD)
    )
    case = Escalation(store=store, reason="—")
    db.session.add(case)
    db.session.commit()
    escalation_actions.claim(case, operator)
    escalation_actions.log_call(case, operator, CallOutcome.NO_ANSWER, None)
    return {"escalation": case.id, "dispatch": dispatch.id, "store": store.id}


@pytest.mark.parametrize(
    ("page", "words"),
    [
        (
            "/ops/escalations/{escalation}",
            ["не решена", "Не проверен", "эл. почта", "телефон", "в очереди", "Не ответили"],
        ),
        ("/ops/", ["открыт", "Не проверен", "в очереди", "не решена"]),
        (
            "/ops/dispatches/{dispatch}",
            ["в очереди", "открыт", "повторим позже", "отложено до ежедневной сводки"],
        ),
        (
            "/ops/stores/{store}",
            [
                "Не проверен",
                "найден на сайте",
                "добавлен оператором",
                "форма обратной связи",
                "имя",
                "сообщение",
                "reCAPTCHA",
                "в форме есть CAPTCHA",
            ],
        ),
    ],
)
def test_a_russian_operator_reads_words_not_codes(
    app: Flask, russian_operator_world: dict[str, int], page: str, words: list[str]
) -> None:
    client = signed_in(app, "ops@example.com")
    text, latin = visible_words(client, page.format(**russian_operator_world))
    for word in words:
        assert word in text, word
    assert latin.isdisjoint(CODES), sorted(latin & CODES)


def test_the_escalation_history_names_actions_in_words(
    app: Flask, russian_operator_world: dict[str, int]
) -> None:
    client = signed_in(app, "ops@example.com")
    text, _ = visible_words(client, f"/ops/escalations/{russian_operator_world['escalation']}")
    history = text.split("История", 1)[1]  # the section's heading
    # One sentence per event (the call once, not again as "logged a call"), with the
    # call's outcome in words and the operator named, never the audit record's JSON.
    assert history.count("Не ответили") == 1 and "ops@example.com" in history
    assert "{" not in history and "assignee_id" not in history


def test_an_unknown_code_is_shown_as_it_is(app: Flask) -> None:
    """A value a newer release wrote must not break an older page."""
    with app.test_request_context():
        assert label("brand_new_reason", "skip_reason") == "brand_new_reason"
        assert str(label(DispatchStatus.PENDING)) == "queued"
        assert label(None) == ""


def test_every_stored_value_has_words() -> None:
    for kind, table in ENUM_TABLES.items():
        assert set(kind) == set(LABELS[table]), kind.__name__
    # Plain strings the contact-form plan stores.
    assert set(LABELS["form_kind"]) == set(FORM_KINDS)
    assert set(LABELS["form_role"]) == set(ROLES)
    assert set(LABELS["captcha"]) == set(CAPTCHA_KINDS)
