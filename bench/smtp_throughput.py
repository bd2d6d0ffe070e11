"""E-mail throughput to a local SMTP server (issue 18): one sending thread, as one worker
thread sends, through the app's own SMTP backend (discountmarket/outreach/mail.py), first
reusing its connection between messages as the worker does, then opening one connection
per message, in the same run against the same aiosmtpd server on 127.0.0.1 (in a process
of its own, so the two do not share one interpreter lock). Every message is counted as
received by the server.

    .venv/bin/python bench/smtp_throughput.py [--messages 3000]
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from aiosmtpd.controller import Controller

from discountmarket.outreach.mail import Mail, SMTPBackend
from tests.conftest import free_port


class Counting:
    def __init__(self) -> None:
        self.received = 0

    async def handle_DATA(self, _server: object, _session: object, _envelope: object) -> str:
        self.received += 1
        return "250 OK"


def serve(port: int) -> None:
    """The server process: accepts mail until its input closes, then prints the count."""
    handler = Counting()
    controller = Controller(handler, hostname="127.0.0.1", port=port)
    controller.start()
    print("ready", flush=True)
    sys.stdin.read()
    controller.stop()
    print(handler.received, flush=True)


def message(n: int) -> Mail:
    return Mail(
        to=[f"sales@store{n % 50}.example"],
        subject=f"A shopper would buy the Baratza Encore at €119 (request {n})",
        text="Hello,\n\nA shopper asked for a discount on a product you sell.\n" * 12,
        sender="DiscountMarket <requests@bench.example>",
        message_id=f"<bench-{n}@bench.example>",
    )


def run(url: str, count: int, reuse: bool) -> float:
    """Messages per second over ``count`` sends."""
    backend = SMTPBackend(url, timeout=10)
    started = time.perf_counter()
    for n in range(count):
        backend.send(message(n))
        if not reuse:
            backend._drop()  # what a backend without a kept connection does
    elapsed = time.perf_counter() - started
    backend._drop()
    return count / elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--messages", type=int, default=3000)
    parser.add_argument("--serve", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.serve:
        serve(args.serve)
        return
    port = free_port()
    server = subprocess.Popen(  # noqa: S603 - this script, no shell
        [sys.executable, __file__, "--serve", str(port)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert server.stdout.readline().strip() == "ready"
    url = f"smtp://127.0.0.1:{port}"
    reused = run(url, args.messages, reuse=True)
    fresh = run(url, args.messages, reuse=False)
    received = int(server.communicate("", timeout=30)[0].strip())
    assert received == 2 * args.messages, f"the server received {received} messages"
    print(f"{args.messages} messages each way, all received by the server")
    print(f"one connection kept:        {reused:,.0f} messages/s")
    print(f"one connection per message: {fresh:,.0f} messages/s")
    print(f"kept ÷ per message:         {reused / fresh:.1f} times")


if __name__ == "__main__":
    main()
