"""Reading an answer: whether its content type is one the caller accepts, its body under a
size cap (counted after decompression), and the ``FetchResult`` it becomes.

The response arrives on a connection the client in ``http.py`` opened; this module only
reads from it.
"""

from __future__ import annotations

from dataclasses import dataclass

import requests
from requests.structures import CaseInsensitiveDict

from discountmarket.outreach.deadlines import Watchdog
from discountmarket.outreach.errors import FetchError, timeout_error

__all__ = ["FetchResult", "Want", "accepted", "media_type", "not_html", "read_body"]

_CHUNK = 64 * 1024


@dataclass
class FetchResult:
    url: str  # final URL, after redirects
    status: int
    headers: CaseInsensitiveDict[str]
    content: bytes
    content_type: str  # media type only, lower-case
    encoding: str | None  # charset from the Content-Type header

    @property
    def text(self) -> str:
        if self.encoding:
            try:
                return self.content.decode(self.encoding, errors="replace")
            except LookupError:  # a charset Python does not know
                pass
        return self.content.decode("utf-8", errors="replace")


@dataclass(frozen=True)
class Want:
    """What a caller accepts from a response."""

    accept: tuple[str, ...] | None
    max_bytes: int
    truncate: bool = False  # robots.txt: keep the first max_bytes instead of failing
    raise_for_status: bool = True


def media_type(value: str | None) -> tuple[str, str | None]:
    if not value:
        return "", None
    media, *params = value.split(";")
    charset = None
    for param in params:
        name, _, arg = param.partition("=")
        if name.strip().lower() == "charset":
            charset = arg.strip().strip("\"'").lower() or None
    return media.strip().lower(), charset


def accepted(media: str, accept: tuple[str, ...] | None) -> bool:
    if accept is None:
        return True
    wanted = {item.lower() for item in accept}
    return bool({media, media.split("/")[0] + "/*", "*/*"} & wanted)


def read_body(response: requests.Response, want: Want, watchdog: Watchdog) -> bytes:
    """Stream the body, decompressed, never keeping more than ``want.max_bytes``."""
    too_large = FetchError(
        "too_large", f"The page is larger than the {want.max_bytes:,} bytes we accept."
    )
    length = response.headers.get("Content-Length", "")
    if length.strip().isdigit() and int(length) > want.max_bytes and not want.truncate:
        raise too_large  # refuse without reading
    body = bytearray()
    while True:
        chunk = response.raw.read(_CHUNK, decode_content=True)
        if watchdog.expired:
            raise timeout_error()
        if not chunk:
            return bytes(body)
        body += chunk
        if len(body) > want.max_bytes:
            if want.truncate:
                return bytes(body[: want.max_bytes])
            raise too_large


def not_html(content_type: str) -> FetchError:
    return FetchError("not_html", f"The address does not lead to a web page ({content_type}).")
