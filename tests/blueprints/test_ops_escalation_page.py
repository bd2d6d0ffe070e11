"""The escalation page reads as a story: sentences, one per event, oldest first, times in the
store's own time zone (a follow-up is typed in it too); the "Close" forms say what each
reason is for."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
import sqlalchemy as sa
from bs4 import BeautifulSoup
from flask import Flask

from discountmarket.extensions import db
from discountmarket.models import Escalation, Role, User
from discountmarket.services import escalation
from tests.blueprints.test_ops_queue import signed_in
from tests.conftest import AuthActions, FormPoster
from tests.factories import UserFactory
from tests.services.test_escalation import MONDAY_NOON, silent_dispatch


@pytest.fixture
def case(app: Flask) -> Escalation:
    silent_dispatch(MONDAY_NOON - timedelta(days=10), name="Quiet Lamps", timezone="Europe/Moscow")
    escalation.sla_sweep(MONDAY_NOON)
    return db.session.scalar(sa.select(Escalation))


def history_items(html: str) -> list[tuple[str, str]]:
    """(ISO moment, sentence) for every entry of the History section."""
    soup = BeautifulSoup(html, "html.parser")
    heading = soup.find("h2", string="History")
    assert heading is not None
    return [
        (item.time["datetime"], " ".join(item.get_text(" ").split()))
        for item in heading.find_parent("section").find_all("li")
    ]


def test_the_history_tells_each_event_once_in_words_and_in_order(
    app: Flask, case: Escalation
) -> None:
    UserFactory(email="olga@example.com", role=Role.OPERATOR, display_name="Olga")
    db.session.commit()
    forms = FormPoster(app.test_client())
    AuthActions(forms).login("olga@example.com")
    page = f"/ops/escalations/{case.id}"
    forms.post(f"{page}/claim", {}, page=page)
    # Typed as the store's wall-clock time: 10:00 in Moscow is 07:00 UTC.
    forms.post(
        f"{page}/call",
        {
            "outcome": "no_answer",
            "note": "Rang twice; voicemail.",
            "follow_up_at": "2030-01-07T10:00",
        },
        page=page,
    )
    db.session.refresh(case)
    assert case.paused_until == datetime(2030, 1, 7, 7, 0, tzinfo=UTC)
    forms.post(f"{page}/resend", {"channel": "email"}, page=page)
    forms.post(f"{page}/resolve", {"reason": "Spoke to the owner"}, page=page)

    html = forms.client.get(page).get_data(as_text=True)
    items = history_items(html)
    sentences = [sentence for _, sentence in items]
    text = " ".join(sentences)
    assert "{" not in text and "assignee_id" not in text and "no_answer" not in text
    assert "Assigned to Olga (olga@example.com)." in sentences[1]
    calls = [s for s in sentences if "called the store" in s]
    assert len(calls) == 1, sentences  # not again as "logged a call"
    assert "No answer" in calls[0] and "Rang twice; voicemail." in calls[0]
    assert "Jan 7, 2030, 10:00 AM Europe/Moscow" in calls[0]  # the follow-up, in the store's zone
    assert not any("paused the escalation" in s for s in sentences)  # told by the call
    assert "resent 1 waiting request by e-mail" in text
    assert "closed the escalation: Spoke to the owner." in sentences[-1]
    assert "The escalation was opened: the store did not answer in time." in sentences[0]
    moments = [datetime.fromisoformat(at) for at, _ in items]
    assert moments == sorted(moments)
    assert all(item[0] for item in items)
    # Every time on the page is in one format with its zone.
    assert "Times in Europe/Moscow." in " ".join(
        BeautifulSoup(html, "html.parser").get_text().split()
    )
    assert "UTC" not in " ".join(sentences)


def test_the_close_forms_label_their_reasons_apart(app: Flask, case: Escalation) -> None:
    forms = signed_in(app, Role.OPERATOR, "op@example.com")
    page = f"/ops/escalations/{case.id}"
    forms.post(f"{page}/claim", {}, page=page)
    soup = BeautifulSoup(forms.client.get(page).get_data(as_text=True), "html.parser")
    labels = {}
    for action in ("resolve", "do-not-contact"):
        form = soup.find("form", action=f"{page}/{action}")
        field = form.find("input", attrs={"name": "reason"})
        label = soup.find("label", attrs={"for": field["id"]})
        assert label is not None and label.find_parent("form") is form, action
        labels[action] = label.get_text(strip=True)
    assert labels["resolve"] != labels["do-not-contact"]
    assert "Reason" not in labels.values()
    ids = [tag["id"] for tag in soup.find_all(id=True) if tag["id"] != "csrf_token"]
    assert len(ids) == len(set(ids))  # no two controls share an id
    follow_up = soup.find("input", attrs={"name": "follow_up_at"})
    hint = soup.find(id=follow_up["aria-describedby"])
    assert "Europe/Moscow" in hint.get_text()


def test_a_do_not_contact_decision_reads_as_one_sentence(app: Flask, case: Escalation) -> None:
    forms = signed_in(app, Role.OPERATOR, "op@example.com")
    page = f"/ops/escalations/{case.id}"
    forms.post(f"{page}/claim", {}, page=page)
    forms.post(f"{page}/do-not-contact", {"reason": "Owner asked us to stop"}, page=page)
    html = forms.client.get(page).get_data(as_text=True)
    sentences = [sentence for _, sentence in history_items(html)]
    assert len(sentences) == 3  # opened, assigned, and the decision (not again as "resolved")
    assert (
        "marked the store do-not-contact and closed the escalation: Owner asked us to stop."
        in (sentences[-1])
    )
    text = " ".join(BeautifulSoup(html, "html.parser").get_text().split())
    assert "Resolution: the store must not be contacted (Owner asked us to stop)" in text


def test_an_operator_reads_and_types_times_in_their_own_time_zone(
    app: Flask, case: Escalation
) -> None:
    """A per-user setting beats the store's zone: the page and the typed follow-up follow it."""
    UserFactory(email="kenji@example.com", role=Role.OPERATOR, display_name="Kenji")
    db.session.commit()
    forms = FormPoster(app.test_client())
    AuthActions(forms).login("kenji@example.com")
    refused = forms.post("/ops/time-zone", {"time_zone": "Mars/Olympus_Mons"}, page="/ops/")
    assert refused.status_code == 302
    assert db.session.scalar(sa.select(User.time_zone).filter_by(email="kenji@example.com")) is None
    forms.post("/ops/time-zone", {"time_zone": "Asia/Tokyo"}, page="/ops/")
    page = f"/ops/escalations/{case.id}"
    forms.post(f"{page}/claim", {}, page=page)
    forms.post(
        f"{page}/call",
        {"outcome": "no_answer", "note": "", "follow_up_at": "2030-01-07T10:00"},
        page=page,
    )
    db.session.refresh(case)
    assert case.paused_until == datetime(2030, 1, 7, 1, 0, tzinfo=UTC)  # 10:00 in Tokyo
    html = forms.client.get(page).get_data(as_text=True).replace("\u202f", " ")
    assert "Jan 7, 2030, 10:00 AM Asia/Tokyo" in html and "Europe/Moscow" not in html
    # Back to each store's own zone.
    forms.post("/ops/time-zone", {"time_zone": ""}, page="/ops/")
    assert "Europe/Moscow" in forms.client.get(page).get_data(as_text=True)
