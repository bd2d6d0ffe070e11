"""The IMAP poller against a real Dovecot (tests/imap.py): every kind of store mail put in
the mailbox reaches its state and is moved out of INBOX, once; nothing is lost when the
database fails; TLS is verified; the long-running command idles (or polls) and stops on
SIGTERM."""

from __future__ import annotations

import signal
import subprocess
import threading
import time
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime
from pathlib import Path

import pytest
import sqlalchemy as sa
from click.testing import Result
from flask import Flask
from imapclient import IMAPClient

from discountmarket import inbound_imap
from discountmarket.config import ConfigError
from discountmarket.extensions import db
from discountmarket.models import (
    Channel,
    ContactKind,
    Dispatch,
    DispatchStatus,
    InboundMail,
    StoreContact,
)
from discountmarket.outreach.tokens import reply_token
from discountmarket.services import inbound_mail
from tests.factories import DiscountRequestFactory, DispatchFactory, StoreFactory, UserFactory
from tests.imap import Dovecot, dovecot_server
from tests.mailbox import messages_to
from tests.processes import ROOT, flask_command, worker_env

DOMAIN = "in.discountmarket.example"
PROCESSED, FAILED = "DiscountMarket.Processed", "DiscountMarket.Failed"  # Dovecot's "." names
FIXTURES = Path(__file__).parent / "fixtures" / "inbound"


@pytest.fixture(scope="module")
def server() -> Iterator[Dovecot]:
    with dovecot_server() as running:
        yield running


@pytest.fixture
def mailbox(server: Dovecot) -> Iterator[Dovecot]:
    """The module's server with an empty INBOX and none of our folders."""
    with server.client() as client:
        for flags, _delimiter, name in sorted(client.list_folders(), reverse=True):
            if name != "INBOX" and b"\\Noselect" not in flags:  # parents go with their last child
                client.delete_folder(name)
        client.select_folder("INBOX")
        if left := client.search("ALL"):
            client.delete_messages(left)
            client.expunge()
    return server


@pytest.fixture
def imap_app(make_app, mailbox: Dovecot) -> Iterator[Flask]:  # type: ignore[no-untyped-def]
    app = make_app(INBOUND_DOMAIN=DOMAIN, INBOUND_IMAP_URL=mailbox.url())
    with app.app_context():
        yield app
        db.session.remove()


def sent_dispatch(domain: str) -> Dispatch:
    """A sent e-mail dispatch to a store that also has a contact form."""
    address = f"sales@{domain}"
    store = StoreFactory(name=f"Shop {domain}", domain=domain)
    store.form_plan = {"submittable": True, "action": f"https://{domain}/contact"}
    store.contacts.append(StoreContact(kind=ContactKind.EMAIL, value=address))
    shopper = UserFactory(email=f"shopper@{domain}")
    request = DiscountRequestFactory(shopper=shopper, product__store=store)
    return DispatchFactory(
        request=request,
        store=store,
        channel=Channel.EMAIL,
        address=address,
        status=DispatchStatus.SENT,
        sent_at=datetime.now(UTC),
    )


def _headers(dispatch: Dispatch, subject: str, message_id: str, sender: str = "") -> str:
    return (
        f"From: {sender or dispatch.address}\r\n"
        f"To: reply+{reply_token(dispatch.id)}@{DOMAIN}\r\nSubject: {subject}\r\n"
        f"Message-ID: <{message_id}>\r\nDate: {format_datetime(datetime.now(UTC))}\r\n"
    )


def reply_to(dispatch: Dispatch, body: str) -> bytes:
    return (
        _headers(dispatch, "Re: A shopper asks for a discount", f"r{dispatch.id}@shop.example")
        + "Content-Type: text/plain; charset=utf-8\r\n\r\n"
        + f"{body}\r\n\r\nOn Thu, 3 Dec 2026, DiscountMarket wrote:\r\n> A shopper would...\r\n"
    ).encode()


def out_of_office(dispatch: Dispatch, until: datetime) -> bytes:
    return (
        _headers(dispatch, "Automatic reply: A shopper asks", f"ooo{dispatch.id}@shop.example")
        + "Auto-Submitted: auto-replied\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n"
        + f"I am out of the office until {until.strftime('%d %B %Y')}.\r\n"
    ).encode()


def hard_bounce(dispatch: Dispatch) -> bytes:
    daemon = "Mail Delivery System <MAILER-DAEMON@mx.shop.example>"
    return (
        _headers(dispatch, "Undelivered Mail Returned to Sender", "b1@mx.example", daemon)
        + "Auto-Submitted: auto-replied\r\n"
        'Content-Type: multipart/report; report-type=delivery-status; boundary="B"\r\n\r\n'
        "--B\r\nContent-Type: text/plain\r\n\r\nYour message could not be delivered.\r\n"
        "--B\r\nContent-Type: message/delivery-status\r\n\r\n"
        "Reporting-MTA: dns; mx.shop.example\r\n\r\n"
        f"Final-Recipient: rfc822; {dispatch.address}\r\nAction: failed\r\nStatus: 5.1.1\r\n"
        "--B--\r\n"
    ).encode()


GARBAGE = b"\xff\xfe garbage without any header\r\n"


def run_once(app: Flask) -> Result:
    return app.test_cli_runner().invoke(args=["inbound", "imap", "--once"])


def folder(client: IMAPClient, name: str) -> dict[int, dict[bytes, object]]:
    """UID -> (FLAGS, BODY[]) of every message in the folder (read without marking it seen)."""
    client.select_folder(name, readonly=True)
    return client.fetch(client.search("ALL"), ["FLAGS", "BODY.PEEK[]"])


def bodies(client: IMAPClient, name: str) -> list[bytes]:
    return sorted(data[b"BODY[]"] for data in folder(client, name).values())  # type: ignore[misc]


def test_one_pass_handles_every_kind_and_a_second_changes_nothing(
    imap_app: Flask, mailbox: Dovecot
) -> None:
    replied, away, bounced = (sent_dispatch(f"{n}.example") for n in ("kettles", "away", "gone"))
    db.session.commit()
    until = datetime.now(UTC) + timedelta(days=10)
    unknown = (FIXTURES / "other" / "mailman_list_post.eml").read_bytes()
    good = [
        reply_to(replied, "We can do EUR 80.00 this week."),
        out_of_office(away, until),
        hard_bounce(bounced),
        unknown,
    ]
    with mailbox.client() as client:
        for raw in [*good, GARBAGE]:
            client.append("INBOX", raw)

    result = run_once(imap_app)
    assert result.exit_code == 0, result.output
    assert result.output == "Processed 5 message(s).\n"

    db.session.expire_all()
    assert replied.status == DispatchStatus.ANSWERED
    assert away.store.away_until is not None
    assert away.store.away_until.date() in (until.date(), until.date() + timedelta(days=1))
    assert bounced.status == DispatchStatus.FAILED
    assert all(contact.bounced for contact in bounced.store.contacts)
    form = db.session.scalar(
        sa.select(Dispatch).filter_by(request_id=bounced.request_id, channel=Channel.FORM)
    )
    assert form is not None  # the store's other channel is planned
    stored = db.session.execute(
        sa.select(InboundMail.kind, InboundMail.source, InboundMail.dispatch_id).order_by(
            InboundMail.id
        )
    ).all()
    assert stored == [
        ("reply", "imap", replied.id),
        ("auto_reply", "imap", away.id),
        ("bounce", "imap", bounced.id),
        ("other", "imap", None),
        ("unreadable", "imap", None),
    ]
    with mailbox.client() as client:
        assert folder(client, "INBOX") == {}
        assert bodies(client, PROCESSED) == sorted(good)
        assert bodies(client, FAILED) == [GARBAGE]
        unseen = [*folder(client, PROCESSED).values(), *folder(client, FAILED).values()]
        assert not any(b"\\Seen" in data[b"FLAGS"] for data in unseen)  # type: ignore[operator]

    again = run_once(imap_app)
    assert again.output == "Processed 0 message(s).\n"
    assert db.session.scalar(sa.select(sa.func.count(InboundMail.id))) == 5
    assert len(messages_to("shopper@kettles.example")) == 1  # told of the reply once


def test_a_message_accepted_before_a_crash_is_moved_without_a_second_effect(
    imap_app: Flask, mailbox: Dovecot
) -> None:
    """The poller died after the accept's commit and before the move: the next pass finds
    the message again, accepts it as seen before, and only moves it."""
    dispatch = sent_dispatch("kettles.example")
    db.session.commit()
    raw = reply_to(dispatch, "Yes: 10% off with CODE10.")
    inbound_mail.accept(raw, "imap")
    assert len(messages_to("shopper@kettles.example")) == 1
    with mailbox.client() as client:
        client.append("INBOX", raw)

    assert run_once(imap_app).output == "Processed 1 message(s).\n"
    db.session.expire_all()
    assert db.session.scalar(sa.select(sa.func.count(InboundMail.id))) == 1
    assert len(messages_to("shopper@kettles.example")) == 1
    with mailbox.client() as client:
        assert folder(client, "INBOX") == {}
        assert bodies(client, PROCESSED) == [raw]


def test_a_database_failure_leaves_the_message_in_the_inbox(
    imap_app: Flask, mailbox: Dovecot, make_app, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    """The database cannot be opened for one pass: the pass stops, the message stays (and
    stays unseen); the next pass, with the database back, takes it."""
    dispatch = sent_dispatch("kettles.example")
    db.session.commit()
    raw = reply_to(dispatch, "We can do EUR 85.00.")
    with mailbox.client() as client:
        client.append("INBOX", raw)
    down = f"sqlite:///{tmp_path}/no-such-directory/down.db"
    broken = make_app(INBOUND_DOMAIN=DOMAIN, INBOUND_IMAP_URL=mailbox.url(), DATABASE_URL=down)
    with broken.app_context():  # the command runs in the current app context
        result = run_once(broken)
    assert result.exit_code == 1
    assert "processed 0 message(s), then stopped" in result.output
    assert "retried next pass" in result.output
    with mailbox.client() as client:
        (kept,) = folder(client, "INBOX").values()
        assert kept[b"BODY[]"] == raw and b"\\Seen" not in kept[b"FLAGS"]  # type: ignore[operator]
    assert db.session.scalar(sa.select(sa.func.count(InboundMail.id))) == 0

    back = make_app(INBOUND_DOMAIN=DOMAIN, INBOUND_IMAP_URL=mailbox.url())  # and the queue
    with back.app_context():
        assert run_once(back).output == "Processed 1 message(s).\n"
    db.session.expire_all()
    assert dispatch.status == DispatchStatus.ANSWERED


def test_a_message_too_large_goes_to_the_failed_folder_unread(
    imap_app: Flask, mailbox: Dovecot
) -> None:
    huge = b"Subject: a catalogue\r\n\r\n" + b"x" * (inbound_mail.MAX_BYTES + 1)
    small = reply_to(sent_dispatch("kettles.example"), "Yes.")
    db.session.commit()
    with mailbox.client() as client:
        client.append("INBOX", huge)
        client.append("INBOX", small)
    assert run_once(imap_app).output == "Processed 2 message(s).\n"
    assert db.session.scalar(sa.select(sa.func.count(InboundMail.id))) == 1  # the small one
    with mailbox.client() as client:
        assert folder(client, "INBOX") == {}
        assert len(bodies(client, FAILED)) == 1 and bodies(client, PROCESSED) == [small]


@pytest.mark.parametrize(
    "capabilities",
    ["IMAP4rev1 LITERAL+ UIDPLUS", "IMAP4rev1 LITERAL+"],
    ids=["copy-uid-expunge", "copy-expunge"],
)
def test_servers_without_move_get_copy_delete_expunge(make_app, capabilities: str) -> None:  # type: ignore[no-untyped-def]
    with dovecot_server(capabilities=capabilities) as server:
        app = make_app(INBOUND_DOMAIN=DOMAIN, INBOUND_IMAP_URL=server.url())
        with app.app_context():
            raws = [reply_to(sent_dispatch(f"s{n}.example"), "Yes.") for n in range(3)]
            db.session.commit()
            with server.client() as client:
                for raw in raws:
                    client.append("INBOX", raw)
            assert run_once(app).output == "Processed 3 message(s).\n"
            with server.client() as client:
                assert folder(client, "INBOX") == {}
                assert bodies(client, PROCESSED) == sorted(raws)
            db.session.remove()


def test_imaps_and_starttls_verify_the_certificate(make_app) -> None:  # type: ignore[no-untyped-def]
    """TLS is checked against INBOUND_IMAP_CA_FILE (here the server's self-signed
    certificate); without it, the same server is refused."""
    with dovecot_server(tls=True) as server:
        for url in (server.url("imaps"), server.url("imap+starttls")):
            app = make_app(INBOUND_IMAP_URL=url, INBOUND_IMAP_CA_FILE=server.ca_file)
            with app.app_context():
                assert run_once(app).output == "Processed 0 message(s).\n", url
            untrusted = make_app(INBOUND_IMAP_URL=url)
            with untrusted.app_context():
                result = run_once(untrusted)
            assert result.exit_code == 1 and "CERTIFICATE_VERIFY_FAILED" in result.output, url


def test_clear_errors_for_a_missing_url_a_bad_url_and_a_wrong_password(
    make_app, mailbox: Dovecot
) -> None:  # type: ignore[no-untyped-def]
    result = run_once(make_app())
    assert result.exit_code == 1 and "DISCOUNTMARKET_INBOUND_IMAP_URL is not set" in result.output
    wrong = mailbox.url().replace("s3cret", "wrong")
    result = run_once(make_app(INBOUND_IMAP_URL=wrong))
    assert result.exit_code == 1 and "the server refused the login" in result.output
    assert "s3cret" not in result.output and "wrong" not in result.output  # no password shown
    for bad, problem in [
        ("pop3://u:p@127.0.0.1/INBOX", "must start with imaps://"),
        ("imap://u:p@mail.example.com/INBOX", "only for localhost"),
        ("imaps://mail.example.com/INBOX", "must name the user"),
        ("imaps://u:p@mail.example.com:99999/INBOX", "invalid port"),
    ]:
        with pytest.raises(ConfigError, match=problem):
            make_app(INBOUND_IMAP_URL=bad)


def test_the_url_is_percent_decoded_with_inbox_by_default() -> None:
    parsed = inbound_imap.parse_url("imaps://shop%40example.com:p%40ss%2Fw%25rd@mail.example.com")
    assert (parsed.user, parsed.password) == ("shop@example.com", "p@ss/w%rd")
    assert (parsed.host, parsed.port, parsed.folder) == ("mail.example.com", 993, "INBOX")
    assert "p@ss" not in parsed.shown
    assert inbound_imap.parse_url("imap://u:p@localhost/Shop%20mail").folder == "Shop mail"


def test_the_command_idles_for_new_mail_and_stops_on_sigterm(make_app, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """`flask inbound imap` takes new mail at once through IDLE (the poll interval is ten
    minutes), and SIGTERM ends it cleanly."""
    with dovecot_server() as server:
        app = make_app(HUEY_SQLITE_PATH=str(tmp_path / "queue.db"))
        env = worker_env(
            app, DISCOUNTMARKET_INBOUND_DOMAIN=DOMAIN, DISCOUNTMARKET_INBOUND_IMAP_URL=server.url()
        )
        with app.app_context():
            dispatch = sent_dispatch("kettles.example")
            db.session.commit()
            raw = reply_to(dispatch, "Yes, 10% off.")
            log = tmp_path / "poller.log"
            with log.open("wb") as output:
                process = subprocess.Popen(
                    flask_command("inbound", "imap", "--interval", "600"),
                    cwd=ROOT,
                    env=env,
                    stdout=output,
                    stderr=subprocess.STDOUT,
                )
            try:
                _wait(lambda: b"Reading" in log.read_bytes(), process, log, "did not start")
                time.sleep(0.5)  # into IDLE, the INBOX empty
                with server.client() as client:
                    client.append("INBOX", raw)
                    _wait(lambda: _moved(client), process, log, "the message was not moved")
                db.session.expire_all()
                assert dispatch.status == DispatchStatus.ANSWERED
            finally:
                process.send_signal(signal.SIGTERM)
                code = process.wait(timeout=10)
            assert code == 0, log.read_text()
            db.session.remove()


def test_without_idle_the_poller_looks_every_interval(make_app) -> None:  # type: ignore[no-untyped-def]
    with dovecot_server(capabilities="IMAP4rev1 LITERAL+ UIDPLUS MOVE") as server:
        app = make_app(INBOUND_DOMAIN=DOMAIN, INBOUND_IMAP_URL=server.url())
        poller = inbound_imap.Poller(app)
        poller.connect()
        running = threading.Thread(target=poller.run_forever, args=(0.3,))
        running.start()
        try:
            with server.client() as client:
                client.append("INBOX", GARBAGE)
                deadline = time.monotonic() + 10
                while not _moved(client, FAILED):
                    assert running.is_alive() and time.monotonic() < deadline
                    time.sleep(0.1)
        finally:
            poller.stop.set()
            running.join(timeout=10)
        assert not running.is_alive() and poller.client is None  # stopped, logged out


def test_a_lost_connection_is_reopened(make_app, caplog: pytest.LogCaptureFixture) -> None:  # type: ignore[no-untyped-def]
    """The server drops the poller while it idles: it reconnects (after a backoff) and
    takes the mail that arrived meanwhile."""
    with dovecot_server() as server:
        app = make_app(INBOUND_DOMAIN=DOMAIN, INBOUND_IMAP_URL=server.url())
        poller = inbound_imap.Poller(app)
        poller.connect()
        running = threading.Thread(target=poller.run_forever, args=(600,))
        running.start()
        try:
            time.sleep(0.5)  # idling
            server.kick()
            with server.client() as client:
                client.append("INBOX", GARBAGE)
                deadline = time.monotonic() + 10
                while not _moved(client, FAILED):
                    assert running.is_alive() and time.monotonic() < deadline
                    time.sleep(0.1)
        finally:
            poller.stop.set()
            running.join(timeout=10)
        assert not running.is_alive()
        assert "closed the connection; retrying in 1 s" in caplog.text


def _moved(client: IMAPClient, to: str = PROCESSED) -> bool:
    client.select_folder("INBOX", readonly=True)
    return not client.search("ALL") and client.folder_exists(to) and bool(folder(client, to))


def _wait(condition, process: subprocess.Popen[bytes], log: Path, problem: str) -> None:  # type: ignore[no-untyped-def]
    deadline = time.monotonic() + 15
    while not condition():
        assert process.poll() is None, f"the poller exited: {log.read_text()}"
        assert time.monotonic() < deadline, f"{problem}: {log.read_text()}"
        time.sleep(0.1)
