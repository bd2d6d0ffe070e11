"""Discovery and form-delivery figures on the local store sites of tests/fixtures/sites.

Each site is served on 127.0.0.1 and probed as the worker probes a store; every labelled
fact (contact pages, e-mail addresses, phone numbers, the contact form's action, each field
role, its CAPTCHA and why it cannot be used) is counted right or wrong, extra findings as
wrong. Then the request goes through the site's form by the real delivery path (a
throwaway SQLite database), and what the dispatch records is set against what the site's
label says the store received: a post the store got (thanked, or accepted but silent),
refused, or none (a person must act). The labels are the tests' (EXPECTED in
tests/outreach/test_discovery.py and tests/services/test_form_delivery_sites.py), written
by hand per site.

    .venv/bin/python bench/contact_sites.py
"""

from __future__ import annotations

import sys
import tempfile
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import sqlalchemy as sa

from discountmarket import create_app
from discountmarket.extensions import db
from discountmarket.models import Dispatch, DispatchStatus
from discountmarket.outreach.discovery import probe
from discountmarket.outreach.http import GuardedClient
from tests.conftest import base_config
from tests.outreach.test_discovery import EXPECTED as FACTS
from tests.outreach.test_discovery import Expect
from tests.services.test_form_delivery_sites import EXPECTED as OUTCOMES
from tests.services.test_form_delivery_sites import deliver_through_form
from tests.sites import load_site, serve

# What the store got from a post, by the label's outcome.
RECEIVED = {DispatchStatus.SENT: "received", DispatchStatus.UNCERTAIN: "received, silent"}


def facts_of(name: str, expect: Expect) -> tuple[int, int]:
    """(right, counted) for one site: every labelled fact, and every extra finding."""
    with (
        serve(load_site(name)) as site,
        GuardedClient(user_agent="bench", allow_hosts=("127.0.0.1",), min_interval=0) as client,
    ):
        found = probe(client, site.url("/"))
        right = counted = 0
        for wanted, got in (
            ([site.url(p) for p in expect.contact_pages], found.contact_pages),
            (expect.emails, found.emails),
            (expect.phones, found.phones),
        ):
            right += len(set(wanted) & set(got))
            counted += len(set(wanted) | set(got))
        plan = next((plan for plan in found.forms if plan.kind == "contact"), None)
        form = expect.form
        if form is None:
            counted += 1
            right += plan is None
            return right, counted
        action = site.url(form.action) if form.action.startswith("/") else form.action
        checks = [
            plan is not None and plan.action == action,
            plan is not None and plan.captcha == form.captcha,
            plan is not None and plan.blocked_reason == form.blocked_reason,
        ]
        for role, field in form.fields.items():
            checks.append(plan is not None and plan.fields.get(role) == field)
        if plan is not None and form.exact_fields:
            checks += [False for role in plan.fields if role not in form.fields]
        return right + sum(checks), counted + len(checks)


def delivered(name: str, app) -> DispatchStatus:  # type: ignore[no-untyped-def]
    """The status the real delivery path records for a request through the site's form."""
    with serve(load_site(name)) as site, app.app_context():
        dispatch = deliver_through_form(site, name)
        db.session.expire_all()
        return db.session.scalar(sa.select(Dispatch.status).where(Dispatch.id == dispatch.id))


def main() -> None:
    right = counted = 0
    print("| site | facts right | delivery recorded | the store |")
    print("|---|---|---|---|")
    with tempfile.TemporaryDirectory() as folder:
        settings = base_config(f"sqlite:///{folder}/bench.db", Path(folder))
        app = create_app({**settings, "OUTREACH_ALLOW_HOSTS": ["127.0.0.1"]})
        with app.app_context():
            db.create_all()
        outcomes: Counter[str] = Counter()
        for name in sorted(FACTS):
            good, total = facts_of(name, FACTS[name])
            right, counted = right + good, counted + total
            row = f"| {name} | {good}/{total} |"
            if name in OUTCOMES:
                label = OUTCOMES[name][0]
                got = delivered(name, app)
                refused = label == DispatchStatus.FAILED
                truth = RECEIVED.get(label, "refused" if refused else "no post")
                outcomes["false sent" if got == DispatchStatus.SENT and label != got else "ok"] += 1
                outcomes["matches" if got == label else "differs"] += 1
                row += f" {got.value} | {truth} |"
            else:
                row += " — | — |"
            print(row)
    print()
    print(f"Contact facts right: {right}/{counted} = {100 * right / counted:.1f}%")
    print(
        f"Deliveries: {outcomes['matches']} recorded as labelled, {outcomes['differs']} not;"
        f" recorded as sent but not received: {outcomes['false sent']}"
    )


if __name__ == "__main__":
    main()
