"""Whether a site's owner has published a code we gave them: the way site-verification
schemes let an owner prove control of a domain.

Two places, as the common schemes accept them: a text file at a well-known URL (RFC 8615),
for sites that can serve a file; or a ``<meta>`` tag on the home page, for hosted shop
platforms that let an owner edit the page head but not add files. Network only; the
owner asked us to look, so robots.txt (a crawler's rule) is not consulted. The answer must
come from the site itself: a redirect to another site proves nothing.
"""

from __future__ import annotations

import time

from bs4 import BeautifulSoup

from discountmarket import weburl
from discountmarket.outreach.errors import FetchError
from discountmarket.outreach.http import GuardedClient
from discountmarket.outreach.responses import FetchResult

PROOF_PATH = "/.well-known/discountmarket-opt-out.txt"
META_NAME = "discountmarket-opt-out"
_UNREACHED = frozenset({"unreachable", "timeout", "blocked_address", "bad_url"})


def published(client: GuardedClient, site: str, code: str, budget: float) -> bool:
    """Whether ``site`` (a store key: registrable domain, or host:port) shows ``code`` in
    its proof file or home page meta tag. HTTPS first; plain HTTP only when HTTPS cannot be
    reached at all. Stops once ``budget`` seconds have gone."""
    ends = time.monotonic() + budget
    for scheme in ("https", "http"):
        origin = f"{scheme}://{site}"
        reached = False
        for url, shows_code in ((origin + PROOF_PATH, _in_file), (origin + "/", _in_meta)):
            if time.monotonic() >= ends:
                return False
            try:
                result = client.get(url, accept=None, check_robots=False)
            except FetchError as error:
                reached = reached or error.code not in _UNREACHED
                continue
            reached = True
            if weburl.same_site(result.url, site) and shows_code(result, code):
                return True
        if reached:
            return False  # the site answers over HTTPS: its HTTP side proves nothing more
    return False


def _in_file(result: FetchResult, code: str) -> bool:
    return result.content_type.startswith("text/") and code in result.text.split()


def _in_meta(result: FetchResult, code: str) -> bool:
    if "html" not in result.content_type:
        return False
    soup = BeautifulSoup(result.text, "html.parser")
    return any(
        str(tag.get("content", "")).strip() == code
        for tag in soup.find_all("meta", attrs={"name": META_NAME}, limit=5)
    )
