"""E-mail throughput to a local SMTP server (issue 18): one sending thread, as one worker
thread sends, through the app's own SMTP backend (discountmarket/outreach/mail.py), first
reusing its connection between messages as the worker does, then opening one connection
per message, in the same run against the same aiosmtpd server on 127.0.0.1 (in a process
of its own, so the two do not share one interpreter lock). Every message is counted as
received by the server.

    .venv/bin/python bench/smtp_throughput.py [--messages 3000] [--pipelining] [--tls]
        [--latency-ms 10] [--threads 4]
"""

# ruff: noqa: RUF001 — a Russian store message.

from __future__ import annotations

import argparse
import asyncio
import os
import socket
import ssl
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult

from discountmarket.outreach.mail import Mail, SMTPBackend
from tests.conftest import free_port
from tests.imap import make_certificate
from tests.smtp import MayOfferPipelining


class Counting(MayOfferPipelining):
    """Counts what it accepts; offers PIPELINING when asked (``--pipelining``)."""

    def __init__(self, pipelining: bool) -> None:
        self.received = 0
        self.pipelining = pipelining

    async def handle_DATA(self, _server: object, _session: object, _envelope: object) -> str:
        self.received += 1
        return "250 OK"


def serve(port: int, pipelining: bool, latency_ms: float, tls_dir: str | None) -> None:
    """The server process: accepts mail until its input closes, then prints the count.
    With a latency, the server listens on the next port and a proxy on ``port`` delays
    every write by half of it each way: a relay that far away. With a certificate, it
    requires STARTTLS and a login first, as relays do."""
    handler = Counting(pipelining)
    server_port = port + 1 if latency_ms else port
    tls: dict[str, object] = {}
    if tls_dir:
        context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        context.load_cert_chain(Path(tls_dir) / "cert.pem", Path(tls_dir) / "key.pem")
        tls = {
            "tls_context": context,
            "require_starttls": True,
            "auth_require_tls": True,
            "authenticator": accept_bench_login,
        }
    controller = Controller(handler, hostname="127.0.0.1", port=server_port, **tls)
    controller.start()
    if latency_ms:
        proxy = threading.Thread(
            target=asyncio.run, args=(delaying_proxy(port, server_port, latency_ms / 2000),)
        )
        proxy.daemon = True
        proxy.start()
        time.sleep(0.5)
    print("ready", flush=True)
    sys.stdin.read()
    controller.stop()
    print(handler.received, flush=True)


def accept_bench_login(
    _server: object, _session: object, _envelope: object, _mechanism: str, data: object
) -> AuthResult:
    """The relay's login (AUTH PLAIN or LOGIN, after STARTTLS): the bench's own account."""
    return AuthResult(success=getattr(data, "login", None) == b"bench")


async def delaying_proxy(port: int, upstream: int, delay: float) -> None:
    """Forward each connection to ``upstream``, every chunk ``delay`` seconds late, in
    order (a network path of that one-way latency)."""

    async def pump(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        queue: asyncio.Queue[tuple[float, bytes]] = asyncio.Queue()

        async def deliver() -> None:
            while True:
                due, chunk = await queue.get()
                await asyncio.sleep(max(0.0, due - time.monotonic()))
                if not chunk:
                    writer.close()
                    return
                writer.write(chunk)
                await writer.drain()

        delivering = asyncio.create_task(deliver())
        while chunk := await reader.read(65536):
            queue.put_nowait((time.monotonic() + delay, chunk))
        queue.put_nowait((time.monotonic() + delay, b""))
        await delivering

    async def connected(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        up_reader, up_writer = await asyncio.open_connection("127.0.0.1", upstream)
        await asyncio.gather(pump(reader, up_writer), pump(up_reader, writer))

    server = await asyncio.start_server(connected, "127.0.0.1", port)
    async with server:
        await server.serve_forever()


def port_is_free(port: int) -> bool:
    with socket.socket() as probe:
        return probe.connect_ex(("127.0.0.1", port)) != 0


_LETTERS = {  # what a store receives: (subject, text, HTML) in English and in Russian
    "en": (
        "A shopper would buy the Baratza Encore at €119 (request {n})",
        "Hello,\n\nA shopper asked for a discount on a product you sell.\n" * 12,
        "<p>Hello,</p>" + "<p>A shopper asked for a discount on a product you sell.</p>" * 12,
    ),
    "ru": (
        "Покупатель купит кофемолку Baratza Encore за 11 500 ₽ (запрос {n})",
        "Здравствуйте!\n\nПокупатель просит скидку на товар из вашего магазина.\n" * 12,
        "<p>Здравствуйте!</p>" + "<p>Покупатель просит скидку на товар.</p>" * 12,
    ),
}


def message(n: int) -> Mail:
    """A store's message as ``services.store_messages`` writes it, every other one in Russian."""
    subject, text, html = _LETTERS["ru" if n % 2 else "en"]
    return Mail(
        to=[f"Store {n % 50} <sales@store{n % 50}.example>"],
        subject=subject.format(n=n),
        text=text,
        html=html,
        sender="DiscountMarket <requests@bench.example>",
        headers={
            "Reply-To": f"reply+{n}.token@in.bench.example",
            "List-Unsubscribe": f"<https://bench.example/store/optout/{n}.token>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
            "X-DiscountMarket-Dispatch": str(n),
        },
        message_id=f"<dispatch-{n}.token@bench.example>",
        envelope_from=f"reply+{n}.token@in.bench.example",
    )


def run(url: str, count: int, reuse: bool, threads: int = 1) -> float:
    """Messages per second over ``count`` sends, by ``threads`` threads of one process (a
    worker's threads: each keeps its own connection)."""

    def send(first: int, last: int) -> None:
        backend = SMTPBackend(url, timeout=10)
        for n in range(first, last):
            backend.send(message(n))
            if not reuse:
                backend._drop()  # what a backend without a kept connection does
        backend._drop()

    share = count // threads
    senders = [
        threading.Thread(target=send, args=(k * share, (k + 1) * share)) for k in range(threads)
    ]
    started = time.perf_counter()
    for sender in senders:
        sender.start()
    for sender in senders:
        sender.join()
    return share * threads / (time.perf_counter() - started)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--messages", type=int, default=3000)
    parser.add_argument("--threads", type=int, default=1, help="sending threads (one process)")
    parser.add_argument("--serve", type=int, help=argparse.SUPPRESS)
    parser.add_argument(
        "--pipelining", action="store_true", help="the server offers PIPELINING (RFC 2920)"
    )
    parser.add_argument(
        "--latency-ms", type=float, default=0, help="round-trip time to the server (a proxy)"
    )
    parser.add_argument(
        "--tls", action="store_true", help="STARTTLS and AUTH required, as relays do"
    )
    parser.add_argument("--tls-dir", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.serve:
        serve(args.serve, args.pipelining, args.latency_ms, args.tls_dir)
        return
    port = free_port()
    while not port_is_free(port + 1):
        port = free_port()
    offer = ["--pipelining"] if args.pipelining else []
    offer += ["--latency-ms", str(args.latency_ms)]
    scheme, login = "smtp", ""
    if args.tls:
        certificates = Path(tempfile.mkdtemp())
        make_certificate(certificates)
        os.environ["SSL_CERT_FILE"] = str(certificates / "cert.pem")  # trust it, and only it
        offer += ["--tls-dir", str(certificates)]
        scheme = "smtp+starttls"
        login = "bench:bench-password@"
    server = subprocess.Popen(  # noqa: S603 - this script, no shell
        [sys.executable, __file__, "--serve", str(port), *offer],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert server.stdout.readline().strip() == "ready"
    url = f"{scheme}://{login}127.0.0.1:{port}"
    reused = run(url, args.messages, reuse=True, threads=args.threads)
    fresh = run(url, args.messages, reuse=False, threads=args.threads)
    received = int(server.communicate("", timeout=30)[0].strip())
    sent = args.messages // args.threads * args.threads
    assert received == 2 * sent, f"the server received {received} of {2 * sent} messages"
    offered = "offering PIPELINING" if args.pipelining else "without PIPELINING"
    offered += ", STARTTLS and AUTH" if args.tls else ""
    print(
        f"{sent} messages each way by {args.threads} thread(s), all received by the server "
        f"({offered}, {args.latency_ms:g} ms away)"
    )
    print(f"one connection kept:        {reused:,.0f} messages/s")
    print(f"one connection per message: {fresh:,.0f} messages/s")
    print(f"kept ÷ per message:         {reused / fresh:.1f} times")


if __name__ == "__main__":
    main()
