"""A site owner stops us for a whole domain, after proving control of it.

The one-click opt-out in a message stops one store. An owner who never got a message (or
runs several shops under one domain) uses the public opt-out page instead, and proves the
domain is theirs in one of two ways, as domain-verification schemes do:

* a code we show them, published on the site (a file at a well-known URL, or a meta tag
  on the home page: ``outreach.site_proof``);
* a link we mail to an address on the domain, opened by whoever reads that mailbox.

Proof matters: without it, anyone could silence a competitor. The code is derived from the
domain with the app's secret, so it needs no storage and the same domain always gets the
same code. A domain opt-out suppresses the domain (and its subdomains' addresses), opts
out every store under it, skips what was waiting, and keeps stores found later opted out.
"""

from __future__ import annotations

import hashlib
import hmac
from dataclasses import dataclass
from datetime import UTC, datetime

import sqlalchemy as sa
from flask import current_app
from flask_babel import lazy_gettext as _l

from discountmarket import jobs, weburl
from discountmarket.extensions import db
from discountmarket.models import Store, Suppression, SuppressionKind
from discountmarket.outreach import site_proof
from discountmarket.outreach.http import client_from_config
from discountmarket.outreach.tokens import TokenError, make_token, read_token
from discountmarket.services import mailing, optout, recipient_caps, store_input
from discountmarket.services.errors import ServiceError
from discountmarket.services.persistence import get_or_create
from discountmarket.urls import external_url

_PURPOSE = "domain-opt-out"
MAIL_MAX_AGE = 3 * 24 * 3600
CHECK_BUDGET = 10.0  # seconds a proof check may take (the owner waits for the page)
CHECK_DEADLINE = 4.0  # per fetch


@dataclass(frozen=True)
class Proof:
    """What the owner publishes: the code, and where it may go."""

    site: str
    code: str

    @property
    def file_url(self) -> str:
        return f"https://{self.site}{site_proof.PROOF_PATH}"

    @property
    def meta_tag(self) -> str:
        return f'<meta name="{site_proof.META_NAME}" content="{self.code}">'


def site_for(typed: str) -> str:
    """The domain (store key) an owner means by what they typed."""
    site = store_input.domain_of(typed or "")
    if not site:
        raise ServiceError(_l("Type your shop's domain, for example shop.example."))
    return site


def proof_for(site: str) -> Proof:
    key = current_app.config["SECRET_KEY"].encode()
    digest = hmac.new(key, f"{_PURPOSE}:{site}".encode(), hashlib.sha256).hexdigest()
    return Proof(site=site, code=f"discountmarket-opt-out-{digest[:32]}")


def opt_out_by_published_code(site: str) -> int:
    """Look for the site's code on the site (network first, no transaction open), and opt
    the domain out when it is there; returns how many known stores that stopped."""
    proof = proof_for(site)
    db.session.rollback()  # nothing stays open while the site answers
    config = current_app.config
    with client_from_config(config) as client:
        client.deadline = min(client.deadline, CHECK_DEADLINE)
        found = site_proof.published(client, site, proof.code, CHECK_BUDGET)
    if not found:
        raise ServiceError(
            _l(
                "We did not find the code on %(site)s yet. Check that the file or the tag "
                "is published, then try again.",
                site=site,
            )
        )
    stopped = _opt_out(site, "code published on the site")
    jobs.commit()
    return stopped


def mail_confirmation(site: str, address: str, locale: str | None = None) -> None:
    """Mail a confirmation link to an address on the domain. The address's daily cap
    applies, like any message of ours: the page cannot be used to flood a mailbox."""
    address = (address or "").strip().lower()
    if "@" not in address or not weburl.address_on_site(address, site):
        raise ServiceError(_l("Use an address on %(site)s, for example info@%(site)s.", site=site))
    if not recipient_caps.reserve(recipient_caps.email_recipient(address)):
        raise ServiceError(_l("We have written to this address enough for today; try tomorrow."))
    token = make_token(_PURPOSE, {"d": site, "e": address})
    mailing.queue_template(
        "domain_opt_out",
        address,
        _l("Stop requests to %(site)s", site=site),
        locale=locale,
        site=site,
        confirm_url=external_url("store.confirm_domain_opt_out", token=token),
        max_age_days=MAIL_MAX_AGE // 86400,
    )
    jobs.commit()


def site_for_token(token: str) -> str:
    try:
        payload = read_token(_PURPOSE, token, MAIL_MAX_AGE)
    except TokenError as error:
        raise ServiceError(_l("This link has expired or is not valid.")) from error
    site, address = str(payload.get("d", "")), str(payload.get("e", ""))
    if not site or not weburl.address_on_site(address, site):
        raise ServiceError(_l("This link has expired or is not valid."))
    return site


def opt_out_by_mail(token: str) -> tuple[str, int]:
    """The mailed link was opened: the domain is opted out. Idempotent."""
    site = site_for_token(token)
    stopped = _opt_out(site, "confirmed from an address on the domain")
    jobs.commit()
    return site, stopped


def _opt_out(site: str, how: str) -> int:
    now = datetime.now(UTC)
    get_or_create(
        Suppression,
        {"kind": SuppressionKind.DOMAIN, "value": site[:254]},
        reason=f"domain opt-out: {how}"[:200],
    )
    stores = list(db.session.scalars(sa.select(Store).where(Store.domain == site)))
    optout.stop_stores(stores, now)
    current_app.logger.info("domain %s opted out (%s)", site, how)
    return len(stores)
