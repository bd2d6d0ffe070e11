"""Public pages kept rendered for anonymous visitors (discountmarket/public_cache.py): served
without the database while nothing they show has changed, retired by the commit that
changes it (in this process or another), never holding one visitor's data for another."""

from __future__ import annotations

import contextlib
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa
from flask import Flask

from discountmarket import public_changes
from discountmarket.extensions import db
from discountmarket.models import DiscountRequest, DispatchStatus
from discountmarket.services import requesting
from tests.conftest import AuthActions, FormPoster, csrf_token_from, redis_answers
from tests.factories import (
    DiscountRequestFactory,
    DispatchFactory,
    StoreFactory,
    UserFactory,
    answer_token,
    reach_a_store,
)
from tests.test_statement_counts import Counter


def statements_of(app: Flask, ask: Callable[[], Any]) -> tuple[int, str]:
    """The statements a request runs, and its page."""
    counter = Counter()
    sa.event.listen(db.engine, "before_cursor_execute", counter)
    try:
        response = ask()
    finally:
        sa.event.remove(db.engine, "before_cursor_execute", counter)
    return len(counter.statements), response.get_data(as_text=True)


def answer_as_store(app: Flask, request: DiscountRequest, store_name: str, price: str) -> None:
    """A competitor answers with an offer through its signed link (the web's own commit)."""
    store = StoreFactory(name=store_name)
    DispatchFactory(request=request, store=store, status=DispatchStatus.SENT)
    db.session.commit()
    url = "/store/answer/" + answer_token(request, store)
    valid_until = (datetime.now(UTC) + timedelta(days=5)).date().isoformat()
    data = {"kind": "offer", "price": price, "terms": "Call us.", "valid_until": valid_until}
    assert FormPoster(app.test_client()).post(url, data).status_code == 302


@pytest.fixture
def listed(app: Flask) -> DiscountRequest:
    request = DiscountRequestFactory(product__title="Kettle Alpha")
    reach_a_store(request)
    db.session.commit()
    return request


def test_a_kept_board_costs_no_statement_and_each_visitor_gets_a_token_of_their_own(
    app: Flask, listed: DiscountRequest
) -> None:
    first, second = app.test_client(), app.test_client()
    count, page = statements_of(app, lambda: first.get("/board"))
    assert count > 0 and "Kettle Alpha" in page
    count, again = statements_of(app, lambda: second.get("/board"))
    assert count == 0 and "Kettle Alpha" in again
    # Each page carries its reader's own token: both switch the language with it.
    tokens = [csrf_token_from(html) for html in (page, again)]
    assert tokens[0] != tokens[1] and "csrf-placeholder" not in again
    for client, token in zip((first, second), tokens, strict=True):
        answer = client.post("/language", data={"language": "ru", "csrf_token": token})
        assert answer.status_code == 302
    # A token is not another visitor's: the first one's fails in a third client.
    third = app.test_client()
    third.get("/board")
    refused = third.post("/language", data={"language": "ru", "csrf_token": tokens[0]})
    assert refused.status_code == 400


def test_an_offer_retires_the_kept_pages(app: Flask, listed: DiscountRequest) -> None:
    visitor = app.test_client()
    slug = listed.public_slug
    before = {url: visitor.get(url).get_data(as_text=True) for url in ("/board", f"/r/{slug}")}
    assert all("Rival Goods" not in html for html in before.values())

    answer_as_store(app, listed, store_name="Rival Goods", price="81.00")

    board = visitor.get("/board").get_data(as_text=True)
    public = visitor.get(f"/r/{slug}").get_data(as_text=True)
    assert "€81.00" in board and "Rival Goods" in public and "€81.00" in public


def test_a_live_part_kept_answers_304_without_the_database(
    app: Flask, listed: DiscountRequest
) -> None:
    visitor = app.test_client()
    url = f"/r/{listed.public_slug}/live"
    etag = visitor.get(url).headers["ETag"]
    count, _ = statements_of(app, lambda: visitor.get(url, headers={"If-None-Match": etag}))
    assert count == 0
    assert visitor.get(url, headers={"If-None-Match": etag}).status_code == 304

    answer_as_store(app, listed, store_name="Rival Goods", price="82.00")
    changed = visitor.get(url, headers={"If-None-Match": etag})
    assert changed.status_code == 200 and "Rival Goods" in changed.get_data(as_text=True)
    # A poller always sends its ETag: after a change, its next poll is kept for the others.
    new_etag = changed.headers["ETag"]
    DiscountRequestFactory()  # another request: every kept page retired, this one unchanged
    db.session.commit()
    first = visitor.get(url, headers={"If-None-Match": new_etag})
    count, _ = statements_of(app, lambda: visitor.get(url, headers={"If-None-Match": new_etag}))
    assert first.status_code == 304 and count == 0


def test_a_bulk_update_retires_them_too(app: Flask, listed: DiscountRequest) -> None:
    visitor = app.test_client()
    assert "Kettle Alpha" in visitor.get("/board").get_data(as_text=True)
    listed.expires_at = datetime.now(UTC) - timedelta(minutes=1)
    db.session.commit()
    visitor.get("/board")  # kept again after that commit, still listing it (it is open)
    requesting.expire_overdue(datetime.now(UTC))  # one UPDATE statement, no flush
    db.session.commit()
    assert "Kettle Alpha" not in visitor.get("/board").get_data(as_text=True)


def test_signed_in_readers_and_waiting_messages_get_their_own_page(
    app: Flask, listed: DiscountRequest
) -> None:
    anonymous = app.test_client()
    anonymous.get("/board")  # kept
    shopper = UserFactory()
    db.session.commit()
    reader = app.test_client()
    AuthActions(FormPoster(reader)).login(shopper.email)
    count, page = statements_of(app, lambda: reader.get("/board"))
    assert count > 0 and "My requests" in page and "Sign in" not in page
    # Nor is the signed-in reader's page kept for anyone.
    assert "My requests" not in anonymous.get("/board").get_data(as_text=True)

    with anonymous.session_transaction() as session:
        session["_flashes"] = [("info", "Your request is on its way.")]
    assert "Your request is on its way." in anonymous.get("/board").get_data(as_text=True)
    assert "Your request is on its way." not in anonymous.get("/board").get_data(as_text=True)


def test_pages_are_kept_per_language(app: Flask, listed: DiscountRequest) -> None:
    visitor = app.test_client()
    english = visitor.get("/board").get_data(as_text=True)
    russian = visitor.get("/board", headers={"Accept-Language": "ru"}).get_data(as_text=True)
    assert "Bid board" in english and "Bid board" not in russian


def test_kept_pages_age_out(make_app: Any) -> None:
    app = make_app(PUBLIC_PAGE_SECONDS=1)
    with app.app_context():
        visitor = app.test_client()
        visitor.get("/board")
        assert statements_of(app, lambda: visitor.get("/board"))[0] == 0
        time.sleep(1.1)
        assert statements_of(app, lambda: visitor.get("/board"))[0] > 0


def test_a_change_committed_in_another_process_retires_them(
    app: Flask, listed: DiscountRequest
) -> None:
    """The worker commits offers from e-mail: its bump reaches the web processes."""
    visitor = app.test_client()
    visitor.get("/board")
    assert statements_of(app, lambda: visitor.get("/board"))[0] == 0
    another_process(app, "from discountmarket import public_changes; public_changes.bump()")
    assert statements_of(app, lambda: visitor.get("/board"))[0] > 0


def another_process(app: Flask, code: str) -> None:
    script = (
        "import sys; from discountmarket import create_app; "
        "app = create_app({'DATABASE_URL': sys.argv[1], 'INSTANCE_PATH': sys.argv[2], "
        "'REDIS_URL': sys.argv[3] or None, 'SECRET_KEY': 'x' * 40}); "
        f"app.app_context().push(); {code}"
    )
    url = app.config["SQLALCHEMY_DATABASE_URI"]
    subprocess.run(
        [sys.executable, "-c", script, url, app.instance_path, app.config["REDIS_URL"] or ""],
        check=True,
        timeout=60,
    )


REDIS_URL = "redis://127.0.0.1:6379/0"


@pytest.mark.skipif(not redis_answers(REDIS_URL), reason="no Redis on 127.0.0.1:6379")
def test_with_redis_every_machine_shares_the_generation(make_app: Any) -> None:
    app = make_app(REDIS_URL=REDIS_URL, RATELIMIT_STORAGE_URI="memory://")
    with app.app_context():
        visitor = app.test_client()
        visitor.get("/board")
        assert statements_of(app, lambda: visitor.get("/board"))[0] == 0
        another_process(app, "from discountmarket import public_changes; public_changes.bump()")
        assert statements_of(app, lambda: visitor.get("/board"))[0] > 0
        before = public_changes.generation()
        DiscountRequestFactory()
        db.session.commit()
        assert public_changes.generation() != before


def test_a_commit_that_changes_nothing_shown_keeps_them(
    app: Flask, listed: DiscountRequest
) -> None:
    before = public_changes.generation()
    UserFactory()
    db.session.commit()
    db.session.execute(sa.select(DiscountRequest)).all()
    db.session.commit()
    assert public_changes.generation() == before
    DiscountRequestFactory()
    db.session.rollback()  # not committed: nothing changed
    db.session.commit()
    assert public_changes.generation() == before


def test_savepoints_neither_lose_a_change_nor_announce_it_early(
    app: Flask, listed: DiscountRequest
) -> None:
    """A savepoint's RELEASE or ROLLBACK is not the commit: the change is announced once,
    when the others can see it (get_or_create losing a race rolls a savepoint back)."""
    store = listed.product.store
    store.name = "Renamed Shop"
    db.session.flush()
    before = public_changes.generation()
    with db.session.begin_nested():
        DiscountRequestFactory()
    with pytest.raises(sa.exc.IntegrityError), db.session.begin_nested():
        db.session.add(StoreFactory.build(domain=store.domain))  # the same domain: refused
    assert public_changes.generation() == before  # nothing committed yet
    db.session.commit()
    assert public_changes.generation() != before
    assert "Renamed Shop" in app.test_client().get("/board").get_data(as_text=True)


def test_a_generation_file_that_cannot_be_made_keeps_no_page(app: Flask) -> None:
    """No page is kept when the instance folder cannot hold the file (a read-only disk):
    pages are rendered, not failed. /proc refuses new folders even to root."""
    unwritable = public_changes.FileGeneration(Path("/proc/self/no-such-folder/generation"))
    assert unwritable.read() is None
    kept, app.extensions["public_changes"] = app.extensions["public_changes"], unwritable
    try:
        visitor = app.test_client()
        assert visitor.get("/board").status_code == 200
        assert statements_of(app, lambda: visitor.get("/board"))[0] > 0
    finally:
        app.extensions["public_changes"] = kept


def test_a_redis_that_does_not_answer_is_left_alone_for_a_while() -> None:
    """An outage must not add Redis's timeout to every anonymous page: after one failed
    read, the next reads render without asking (pages are not kept meanwhile)."""
    listener = socket.create_server(("127.0.0.1", 0))  # accepts, never answers
    accepted: list[socket.socket] = []
    stop = threading.Event()

    def accept() -> None:
        listener.settimeout(0.1)
        while not stop.is_set():
            with contextlib.suppress(TimeoutError):
                accepted.append(listener.accept()[0])

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    try:
        port = listener.getsockname()[1]
        silent = public_changes.RedisGeneration(f"redis://127.0.0.1:{port}/0")
        assert silent.read() is None
        tried = len(accepted)
        assert tried >= 1
        assert [silent.read() for _ in range(5)] == [None] * 5
        silent.bump()
        assert len(accepted) == tried  # not asked again while it rests
    finally:
        stop.set()
        thread.join()
        listener.close()
        for connection in accepted:
            connection.close()
