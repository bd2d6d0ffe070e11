"""The operator metrics page, the dispatch list and the dispatch inspector."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from bs4 import BeautifulSoup
from flask import Flask
from flask.testing import FlaskClient

from discountmarket.extensions import db
from discountmarket.models import (
    AttemptOutcome,
    Channel,
    DispatchAttempt,
    DispatchStatus,
    Role,
)
from tests.conftest import AuthActions, FormPoster
from tests.factories import (
    DiscountRequestFactory,
    DispatchFactory,
    OfferFactory,
    StoreFactory,
    UserFactory,
)


def operator(app: Flask) -> FlaskClient:
    UserFactory(email="op@example.com", role=Role.OPERATOR)
    db.session.commit()
    client = app.test_client()
    assert AuthActions(FormPoster(client)).login("op@example.com").status_code == 302
    return client


def some_activity():  # type: ignore[no-untyped-def]
    now = datetime.now(UTC)
    request = DiscountRequestFactory(created_at=now - timedelta(hours=3))
    silent = StoreFactory(name="Quiet <b>Shop</b>")
    answered = DispatchFactory(
        request=request, status=DispatchStatus.SENT, created_at=now - timedelta(hours=3)
    )
    OfferFactory(request=request, created_at=now - timedelta(hours=1))
    failed = DispatchFactory(
        request=request,
        store=silent,
        channel=Channel.FORM,
        status=DispatchStatus.FAILED,
        attempts=2,
        last_error="HTTP 500 from the form",
        response_status=500,
        outcome="the store's server failed",
        created_at=now - timedelta(hours=3),
    )
    for outcome, detail, code in (
        (AttemptOutcome.RETRY, "timed out <after 10 s>", None),
        (AttemptOutcome.FAILED, "server error", 500),
    ):
        db.session.add(
            DispatchAttempt(
                dispatch=failed,
                channel=Channel.FORM,
                outcome=outcome,
                detail=detail,
                status_code=code,
            )
        )
    DispatchFactory(
        request=request,
        store=silent,
        status=DispatchStatus.SENT,
        created_at=now - timedelta(hours=3),
    )
    db.session.commit()
    return request, answered, failed


def test_metrics_page_with_data(app: Flask) -> None:
    some_activity()
    client = operator(app)

    for days in (7, 30):
        response = client.get(f"/ops/metrics?days={days}")
        assert response.status_code == 200
        html = response.get_data(as_text=True)
        assert f"Last {days} days" in html
        assert html.count("<svg") == 3
        assert "Quiet &lt;b&gt;Shop&lt;/b&gt;" in html and "<b>Shop" not in html
        assert "/ops/dispatches?channel=form&amp;status=failed" in html
        assert "style=" not in html  # the CSP refuses inline styles
        assert "No requests were posted" not in html


def test_metrics_page_falls_back_to_seven_days(app: Flask) -> None:
    html = operator(app).get("/ops/metrics?days=1000").get_data(as_text=True)
    assert 'aria-current="page">Last 7 days' in html


def test_metrics_page_empty(app: Flask) -> None:
    response = operator(app).get("/ops/metrics")
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "<svg" not in html
    assert "No requests were posted in this period." in html
    assert "No dispatches in this period." in html
    assert "No dispatches were delivered in this period." in html
    assert "Every store that was reached has answered." in html


def test_dispatch_list_filters_and_links_to_the_inspector(app: Flask) -> None:
    _, answered, failed = some_activity()
    client = operator(app)

    html = client.get("/ops/dispatches").get_data(as_text=True)
    assert f'href="/ops/dispatches/{failed.id}"' in html
    assert f'href="/ops/dispatches/{answered.id}"' in html

    html = client.get("/ops/dispatches?status=failed&channel=form").get_data(as_text=True)
    assert f'href="/ops/dispatches/{failed.id}"' in html
    assert f'href="/ops/dispatches/{answered.id}"' not in html
    assert '<option value="failed" selected>' in html
    assert '<option value="form" selected>' in html  # the channel filter stays chosen too

    html = client.get("/ops/dispatches?status=answered").get_data(as_text=True)
    assert "No dispatches match." in html
    # An unknown filter value is no filter at all.
    html = client.get("/ops/dispatches?status=bogus").get_data(as_text=True)
    assert f'href="/ops/dispatches/{answered.id}"' in html


def test_dispatch_list_pages(app: Flask) -> None:
    request = DiscountRequestFactory()
    made = [DispatchFactory(request=request, store=StoreFactory()) for _ in range(51)]
    db.session.commit()
    client = operator(app)

    html = client.get("/ops/dispatches?channel=email").get_data(as_text=True)
    assert f'href="/ops/dispatches/{made[-1].id}"' in html
    assert f'href="/ops/dispatches/{made[0].id}"' not in html
    older = f"/ops/dispatches?before={made[1].id}&amp;channel=email"
    assert older in html
    html = client.get(older.replace("&amp;", "&")).get_data(as_text=True)
    assert f'href="/ops/dispatches/{made[0].id}"' in html
    assert "Older" not in html and "Newest" in html


def test_the_inspector_shows_the_dispatch_and_its_attempts(app: Flask) -> None:
    request, _, failed = some_activity()
    response = operator(app).get(f"/ops/dispatches/{failed.id}")
    html = response.get_data(as_text=True)

    assert response.status_code == 200
    assert f'href="/r/{request.public_slug}"' in html
    assert "HTTP 500 from the form" in html
    assert "the store&#39;s server failed" in html
    assert "timed out &lt;after 10 s&gt;" in html and "server error" in html
    assert html.count('class="badge badge-retry"') == 1
    assert html.count('class="badge badge-failed"') == 2  # the dispatch and its last attempt
    assert "Quiet &lt;b&gt;Shop&lt;/b&gt;" in html


def test_the_inspector_without_attempts_and_missing_dispatches(app: Flask) -> None:
    _, answered, _ = some_activity()
    client = operator(app)
    assert "No delivery attempt yet." in client.get(f"/ops/dispatches/{answered.id}").get_data(
        as_text=True
    )
    assert client.get("/ops/dispatches/999999").status_code == 404


def test_navigation_links(app: Flask) -> None:
    client = operator(app)
    html = client.get("/ops/").get_data(as_text=True)
    assert 'href="/ops/metrics"' in html
    assert 'href="/ops/dispatches"' in html


def test_chart_labels_are_words_not_codes(app: Flask) -> None:
    """The charts name channels and statuses as the tables do ("contact form: failed"),
    never the stored codes ("form · failed")."""
    some_activity()
    html = operator(app).get("/ops/metrics").get_data(as_text=True)
    soup = BeautifulSoup(html, "html.parser")
    dispatches, rates = soup.select("svg.chart-hbars")[:2]
    rows = {text.get_text() for text in dispatches.select("text.chart-label")}
    assert rows == {"e-mail: sent", "contact form: failed"}
    assert {text.get_text() for text in rates.select("text.chart-label")} <= {
        "e-mail",
        "contact form",
    }
    assert "·" not in html.split('class="chart chart-hbars"', 1)[1].split("</svg>")[0]
