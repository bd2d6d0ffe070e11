"""One hostile site cannot hold a worker: a probe asks robots.txt only about forms it could
post, reads a bounded number of forms, and stops fetching when its time is up."""

from __future__ import annotations

import time
from contextlib import ExitStack
from http.server import BaseHTTPRequestHandler

from discountmarket.outreach.discovery import MAX_FORMS_PER_PAGE, probe
from discountmarket.outreach.http import GuardedClient
from tests.hostile import LocalServer, hang, page, running

FORM = '<form action="{action}" method="post"><label>Message <textarea name="m"></textarea>'
FORM += '</label><label>E-mail <input type="email" name="e"></label><button>Send</button></form>'


def client(deadline: float = 3) -> GuardedClient:
    return GuardedClient(
        user_agent="test", allow_hosts=("127.0.0.1",), min_interval=0, deadline=deadline
    )


def test_fifty_forms_pointing_at_silent_hosts_cost_no_fetch() -> None:
    """The review: 50 forms whose actions point at ports that never answer made a probe
    take 505 s and held both worker threads."""
    with ExitStack() as stack:
        silent: list[LocalServer] = [
            stack.enter_context(running({"/robots.txt": hang, "/send": hang})) for _ in range(5)
        ]
        forms = "".join(FORM.format(action=silent[n % 5].url(f"/send?f={n}")) for n in range(50))
        html = f"<html><body><h1>Contact us</h1>{forms}</body></html>".encode()
        shop = stack.enter_context(running({"/": page(html)}))
        started = time.monotonic()
        with client() as guarded:
            result = probe(guarded, shop.url("/"))
        took = time.monotonic() - started
        assert all(server.hits == [] for server in silent)
    assert took < 2, f"the probe took {took:.1f} s"
    assert len(result.forms) == MAX_FORMS_PER_PAGE


def slow_contact_page(handler: BaseHTTPRequestHandler, _body: bytes) -> None:
    time.sleep(0.4)
    page(b'<html><body><a href="/contact-2">Contact</a></body></html>')(handler, _body)


def test_a_probe_stops_fetching_when_its_time_is_up() -> None:
    html = b'<html><body><footer><a href="/contact">Contact</a></footer></body></html>'
    routes = {"/": page(html), "/contact": slow_contact_page, "/contact-2": slow_contact_page}
    with running(routes) as shop, client() as guarded:
        result = probe(guarded, shop.url("/"), max_pages=10, budget=0.3)
        assert "/contact-2" not in shop.paths()
    assert [error.code for error in result.errors] == ["budget"]
