"""SMTP pipelining (RFC 2920, outreach/smtp_pipelining.py) against a real aiosmtpd server
that offers it (its EHLO hook adds the keyword; aiosmtpd reads commands in order from its
stream, so pipelined commands are served as they come): the message arrives whole, in two
writes instead of four, refusals are reported as smtplib reports them, and the kept
connection stays usable after each of them."""

from __future__ import annotations

import email
import email.policy
import smtplib
from collections.abc import Iterator

import pytest
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import SMTP as Server
from aiosmtpd.smtp import Envelope, Session

from discountmarket.outreach import smtp_pipelining
from discountmarket.outreach.mail import Mail, SMTPBackend
from tests.conftest import free_port
from tests.smtp import MayOfferPipelining

BODY = b"Subject: Hi\r\n\r\nA line.\r\n.starts with a dot\r\n..two dots\r\nEnd.\r\n"


class Handler(MayOfferPipelining):
    def __init__(self, pipelining: bool) -> None:
        self.pipelining = pipelining
        self.refuse_sender = False
        self.refused: set[str] = set()
        self.received: list[tuple[str, list[str], bytes]] = []

    async def handle_MAIL(
        self, server: Server, session: Session, envelope: Envelope, address: str, options: list
    ) -> str:
        if self.refuse_sender:
            return "550 5.7.1 Sender refused"
        envelope.mail_from = address
        return "250 OK"

    async def handle_RCPT(
        self, server: Server, session: Session, envelope: Envelope, address: str, options: list
    ) -> str:
        if address in self.refused:
            return "550 5.1.1 No such user"
        if address == "busy@x.example":
            return "421 4.3.2 Shutting down"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server: Server, session: Session, envelope: Envelope) -> str:
        self.received.append((envelope.mail_from, list(envelope.rcpt_tos), envelope.content))
        return "250 OK"


class CountingSMTP(smtp_pipelining.SMTP):
    """Counts the client's writes: one per command without pipelining."""

    writes = 0

    def send(self, s: bytes | str) -> None:
        self.writes += 1
        super().send(s)


@pytest.fixture(params=[True, False], ids=["offered", "not offered"])
def server(request: pytest.FixtureRequest) -> Iterator[tuple[Handler, int]]:
    handler, port = Handler(pipelining=request.param), free_port()
    controller = Controller(handler, hostname="127.0.0.1", port=port)
    controller.start()
    try:
        yield handler, port
    finally:
        controller.stop()


def connect(port: int) -> CountingSMTP:
    client = CountingSMTP("127.0.0.1", port, timeout=5)
    client.ehlo()
    return client


def test_the_message_arrives_whole_in_two_writes_when_offered(server) -> None:  # type: ignore[no-untyped-def]
    handler, port = server
    client = connect(port)
    before = client.writes
    assert client.sendmail("a@shop.example", ["b@x.example", "c@x.example"], BODY) == {}
    writes = client.writes - before
    client.quit()
    assert handler.received == [("a@shop.example", ["b@x.example", "c@x.example"], BODY)]
    # MAIL, two RCPT and DATA in one write, then the text; without the offer, one per line.
    assert writes == (2 if handler.pipelining else 5)


def test_a_refused_recipient_is_reported_and_the_rest_receive_it(server) -> None:  # type: ignore[no-untyped-def]
    handler, port = server
    handler.refused = {"gone@x.example"}
    client = connect(port)
    refused = client.sendmail("a@shop.example", ["gone@x.example", "b@x.example"], BODY)
    assert list(refused) == ["gone@x.example"] and refused["gone@x.example"][0] == 550
    assert handler.received == [("a@shop.example", ["b@x.example"], BODY)]
    client.quit()


def test_refusals_raise_as_smtplib_does_and_the_connection_goes_on(server) -> None:  # type: ignore[no-untyped-def]
    handler, port = server
    client = connect(port)
    handler.refused = {"gone@x.example"}
    with pytest.raises(smtplib.SMTPRecipientsRefused) as refused:
        client.sendmail("a@shop.example", ["gone@x.example"], BODY)
    assert refused.value.recipients["gone@x.example"][0] == 550
    handler.refuse_sender = True
    with pytest.raises(smtplib.SMTPSenderRefused) as sender:
        client.sendmail("a@shop.example", ["b@x.example"], BODY)
    assert sender.value.smtp_code == 550
    handler.refuse_sender = False
    assert client.sendmail("a@shop.example", ["b@x.example"], BODY) == {}
    client.quit()
    assert handler.received == [("a@shop.example", ["b@x.example"], BODY)]


def test_the_apps_backend_sends_through_it(server) -> None:  # type: ignore[no-untyped-def]
    handler, port = server
    backend = SMTPBackend(f"smtp://127.0.0.1:{port}", timeout=5)
    for n in range(3):  # one kept connection
        backend.send(
            Mail(
                to=["sales@shop.example"],
                subject=f"Покупатель просит скидку {n}",
                text=".a line with a dot first\nand more",
                sender="DiscountMarket <requests@dm.example>",
                message_id=f"<{n}@dm.example>",
            )
        )
    SMTPBackend.close_all()
    assert len(handler.received) == 3
    parsed = email.message_from_bytes(handler.received[2][2], policy=email.policy.default)
    assert str(parsed["Subject"]) == "Покупатель просит скидку 2"
    assert parsed.get_content().startswith(".a line with a dot first")


def test_a_server_going_away_mid_transaction_closes_the_connection(server) -> None:  # type: ignore[no-untyped-def]
    """421 to one recipient while the others were taken: nothing is sent, as smtplib does."""
    handler, port = server
    client = connect(port)
    with pytest.raises(smtplib.SMTPRecipientsRefused) as refused:
        client.sendmail("a@shop.example", ["b@x.example", "busy@x.example"], BODY)
    assert refused.value.recipients["busy@x.example"][0] == 421
    assert client.sock is None and handler.received == []
