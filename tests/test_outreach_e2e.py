"""End to end: a shopper posts a request over HTTP; a real Huey consumer (`flask worker`,
another process) delivers it to the store and two competitors, each through one channel:
the store's contact form (a real local site), and e-mail (a real SMTP server) to the two
that asked to be written to by e-mail."""

from __future__ import annotations

from contextlib import ExitStack

import sqlalchemy as sa
from flask import Flask

from discountmarket.extensions import db
from discountmarket.models import Channel, Dispatch, Store, StoreStatus
from discountmarket.services.stores import link_competitors
from tests.conftest import AuthActions, FormPoster
from tests.factories import UserFactory
from tests.processes import WorkerProcess, wait_until_sent
from tests.services.test_delivery import lamp_shop
from tests.sites import serve
from tests.smtp import RecordingHandler


def test_posted_request_reaches_three_stores_each_one_way(
    make_app, smtp: RecordingHandler, tmp_path
) -> None:  # type: ignore[no-untyped-def]
    app: Flask = make_app(
        HUEY_IMMEDIATE=False,
        HUEY_SQLITE_PATH=str(tmp_path / "queue.db"),
        OUTREACH_ALLOW_HOSTS=["127.0.0.1"],
        SMTP_URL=smtp.url,
    )
    with ExitStack() as stack, app.app_context():
        sites = [stack.enter_context(serve(lamp_shop())) for _ in range(3)]
        stores = [
            Store(
                name=f"Lamp shop {n}",
                domain=f"127.0.0.1:{site.port}",
                homepage=site.url("/"),
                status=StoreStatus.UNVERIFIED,
                contact_preference=None if n == 0 else "email",
            )
            for n, site in enumerate(sites)
        ]
        db.session.add_all(stores)
        link_competitors(stores[0], stores[1], stores[2])
        UserFactory(email="s@example.com")
        db.session.commit()

        forms = FormPoster(app.test_client())
        AuthActions(forms).login("s@example.com")
        response = forms.post(
            "/my/requests/new",
            {
                "url": sites[0].url("/p/1"),
                "target_price": "99",
                "quantity": "1",
                "valid_days": "7",
                "ask_competitors": "y",
            },
        )
        assert response.status_code == 302

        settings = {"OUTREACH_ALLOW_HOSTS": ["127.0.0.1"]}
        with WorkerProcess(app, tmp_path / "worker.log", **settings) as worker:
            wait_until_sent(worker, expected=3, timeout=90)

        rows = db.session.execute(sa.select(Dispatch.store_id, Dispatch.channel)).all()
        assert sorted(rows) == sorted(
            [(stores[0].id, Channel.FORM)] + [(s.id, Channel.EMAIL) for s in stores[1:]]
        )
        assert sorted(m["To"] for m in smtp.messages) == ["sales@lamps.example"] * 2
        posts = [[r for r in site.requests if r[0] == "POST"] for site in sites]
        assert len(posts[0]) == 1 and b"Brass+desk+lamp" in posts[0][0][3]
        assert posts[1:] == [[], []]
        # The live request page shows the deliveries.
        html = forms.client.get(response.location).get_data(as_text=True)
        assert "contact form" in html and html.count("e-mail") >= 2 and "Lamp shop 2" in html
