"""Not a relay: a shopper cannot make us write to somebody who is not the store.

The outside review's attack: a shopper posts a request for a page they control that names a
victim's address (another domain) and holds a form posting to another host with the
attacker's hidden fields. Neither the victim nor the other host may hear from us.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
import sqlalchemy as sa
from flask import Flask

from discountmarket.extensions import db
from discountmarket.models import Channel, Dispatch, DispatchStatus, User
from discountmarket.services import requesting
from tests.factories import UserFactory
from tests.sites import Page, StoreSite, contact_page, contact_shop, product_page, serve
from tests.smtp import RecordingHandler

VICTIM = "victim@elsewhere.example"


@pytest.fixture
def elsewhere() -> Iterator[StoreSite]:
    """The other host the attacker's form points at."""
    with serve(contact_shop("theirs")) as site:
        yield site


@pytest.fixture
def attacker(elsewhere: StoreSite) -> Iterator[StoreSite]:
    product = product_page("Grinder X", "49.00")
    body = str(product.body).replace(
        "</body>",
        f'<section class="comments"><p>Great grinder! Write me: {VICTIM}</p></section>'
        + contact_page(
            "x",
            action=elsewhere.url("/send"),
            extra='<input type="hidden" name="to" value="' + VICTIM + '">',
        ).split("<body>", 1)[1],
    )
    with serve(StoreSite(pages={"/p/1": Page(body), "/": Page(body)})) as site:
        yield site


def test_the_victim_and_the_other_host_hear_nothing(
    make_app, attacker: StoreSite, elsewhere: StoreSite, smtp: RecordingHandler
) -> None:  # type: ignore[no-untyped-def]
    app: Flask = make_app(OUTREACH_ALLOW_HOSTS=["127.0.0.1"], SMTP_URL=smtp.url)
    with app.app_context():
        shopper = UserFactory()
        db.session.commit()
        request = requesting.post_request(
            db.session.get(User, shopper.id),
            requesting.NewRequest(url=attacker.url("/p/1"), note="please", ask_competitors=False),
        )
        db.session.expire_all()
        dispatches = db.session.scalars(
            sa.select(Dispatch).where(Dispatch.request_id == request.id)
        ).all()
        outcome = {d.channel: (d.status, d.skip_reason) for d in dispatches}
        db.session.remove()
    assert [(m["To"], m["Subject"]) for m in smtp.messages] == []
    assert not [r for r in elsewhere.requests if r[0] == "POST"]
    # The form posts elsewhere and the page's address is not the store's: no way in at all.
    assert outcome == {Channel.FORM: (DispatchStatus.SKIPPED, "third_party_form")}
