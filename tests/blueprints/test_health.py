"""/healthz says the process answers whatever its dependencies do; /readyz checks the
database, the queue and Redis for real, and says 503, naming what failed, when one does."""

from __future__ import annotations

from pathlib import Path

from flask import Flask
from prometheus_client.parser import text_string_to_metric_families

from discountmarket.extensions import db
from discountmarket.models import Channel, DispatchStatus
from tests.conftest import free_port, new_app
from tests.factories import DispatchFactory


def test_both_answer_ok_when_all_is_well(app: Flask) -> None:
    client = app.test_client()
    assert client.get("/healthz").get_json() == {"status": "ok"}
    ready = client.get("/readyz")
    body = ready.get_json()
    assert ready.status_code == 200 and body["ready"] is True
    assert body["checks"] == {"database": "ok", "queue": "ok"}
    assert isinstance(body["queue_depth"], int)


def test_a_database_that_does_not_answer_makes_the_process_unready_not_unhealthy(
    tmp_path: Path,
) -> None:
    down = f"postgresql://postgres@127.0.0.1:{free_port()}/nothing"
    app = new_app(down, tmp_path)
    client = app.test_client()
    assert client.get("/healthz").status_code == 200
    ready = client.get("/readyz")
    body = ready.get_json()
    assert ready.status_code == 503 and body["ready"] is False
    assert body["checks"]["database"].startswith("failed: ")
    assert "127.0.0.1" not in ready.get_data(as_text=True)  # no address or secret shown


def test_redis_that_does_not_answer_is_named(make_app) -> None:  # type: ignore[no-untyped-def]
    app = make_app(REDIS_URL=f"redis://127.0.0.1:{free_port()}/0", HUEY_IMMEDIATE=False)
    ready = app.test_client().get("/readyz")
    body = ready.get_json()
    assert ready.status_code == 503
    assert body["checks"]["database"] == "ok"
    assert body["checks"]["redis"].startswith("failed: ")
    assert body["checks"]["queue"].startswith("failed: ")  # the queue lives in that Redis


def test_metrics_need_the_token_and_count_what_is_there(make_app) -> None:  # type: ignore[no-untyped-def]
    token = "scraper-token-0123456789abcdef"
    assert make_app().test_client().get("/metrics").status_code == 404  # none configured
    app = make_app(METRICS_TOKEN=token)
    with app.app_context():
        DispatchFactory(channel=Channel.FORM, status=DispatchStatus.SENT)
        DispatchFactory(channel=Channel.FORM, status=DispatchStatus.UNCERTAIN)
        DispatchFactory(channel=Channel.EMAIL, status=DispatchStatus.SENT)
        db.session.commit()
    client = app.test_client()
    assert client.get("/metrics").status_code == 401
    assert client.get("/metrics", headers={"Authorization": "Bearer wrong"}).status_code == 401
    scraped = client.get("/metrics", headers={"Authorization": f"Bearer {token}"})
    assert scraped.status_code == 200 and scraped.mimetype == "text/plain"
    families = {f.name: f for f in text_string_to_metric_families(scraped.get_data(as_text=True))}
    deliveries = {
        (s.labels["channel"], s.labels["status"]): s.value
        for s in families["discountmarket_dispatches"].samples
    }
    assert deliveries == {("email", "sent"): 1, ("form", "sent"): 1, ("form", "uncertain"): 1}
    assert families["discountmarket_queue_depth"].samples[0].value >= 0
