"""The IMAP poller (``flask --app wsgi inbound imap``): store mail from an ordinary mailbox.

For shops of ours whose replies land in a mailbox we do not run (no MX of our own, no
provider forwarding): each message in ``INBOUND_IMAP_URL``'s folder is handed to
``services/inbound_mail.accept`` and then moved out of the way, to
``INBOUND_IMAP_PROCESSED_FOLDER``, or to ``INBOUND_IMAP_FAILED_FOLDER`` when it is too
large or unreadable. Nothing is lost or marked seen before it is handled: bodies are read
with BODY.PEEK[], a message is moved only after its accept committed, and an unexpected
error (the database down) leaves it where it is for the next pass. A crash between the
accept and the move only means the message is accepted again (idempotent by Message-ID)
and moved next time.
"""

from __future__ import annotations

import contextlib
import logging
import ssl
import threading
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from urllib.parse import unquote, urlsplit

from flask import Flask
from imapclient import IMAPClient
from imapclient.exceptions import IMAPClientAbortError, IMAPClientError, LoginError

from discountmarket.services import inbound_mail
from discountmarket.services.errors import ServiceError

logger = logging.getLogger(__name__)

SCHEMES = {"imap": 143, "imap+starttls": 143, "imaps": 993}
LOCAL_HOSTS = ("localhost", "127.0.0.1", "::1")
SIZE_BATCH = 200  # UIDs per FETCH of sizes: metadata only, cheap
BODY_BATCH = 20  # messages per FETCH of bodies...
BODY_BATCH_BYTES = 16 * 1024 * 1024  # ...and at most this much of them in memory at once
IDLE_SECONDS = 120.0  # IDLE is re-issued this often (RFC 2177: within 29 minutes)
IDLE_SLICE = 1.0  # how soon a stop request is noticed while idling
SOCKET_TIMEOUT = 60.0  # a silent server is a lost connection, not a hang
BACKOFF_FIRST, BACKOFF_MAX = 1.0, 300.0  # seconds between reconnection attempts
SEEN_IN_IDLE = (b"EXISTS", b"RECENT")  # untagged responses that mean new mail


class MailboxError(RuntimeError):
    """The mailbox cannot be used (unreachable, refused a command); the message says why."""


class MailboxSettingError(MailboxError):
    """INBOUND_IMAP_URL is unset or malformed."""


class LoginFailed(MailboxError):
    """The server refused the user and password: retrying will not help."""


class PassStopped(RuntimeError):
    """A pass stopped at a message it could not hand over (it stays in the mailbox)."""

    def __init__(self, processed: int, uid: int, cause: BaseException) -> None:
        first_line = (str(cause) or type(cause).__name__).splitlines()[0]  # not its SQL
        super().__init__(f"message UID {uid} left in the mailbox: {first_line}")
        self.processed = processed


@dataclass(frozen=True)
class MailboxURL:
    scheme: str
    host: str
    port: int
    user: str
    password: str
    folder: str

    @property
    def shown(self) -> str:
        """For messages and logs: never the password."""
        return f"{self.scheme}://{self.user}@{self.host}:{self.port}/{self.folder}"


def parse_url(url: str | None) -> MailboxURL:
    """``imaps://user:password@host:993/INBOX``; ``imap+starttls://`` upgrades a plain
    connection; plain ``imap://`` only to this machine (the password would travel in clear)."""
    if not url:
        raise MailboxSettingError("DISCOUNTMARKET_INBOUND_IMAP_URL is not set")
    parts = urlsplit(url)
    if parts.scheme not in SCHEMES:
        raise MailboxSettingError("must start with imaps://, imap+starttls:// or imap://")
    if not parts.hostname or not parts.username or parts.password is None:
        raise MailboxSettingError("must name the user, the password and the host")
    if parts.scheme == "imap" and parts.hostname not in LOCAL_HOSTS:
        raise MailboxSettingError("imap:// (no TLS) is only for localhost; use imaps://")
    try:
        port = parts.port or SCHEMES[parts.scheme]
    except ValueError as error:
        raise MailboxSettingError("has an invalid port") from error
    return MailboxURL(
        scheme=parts.scheme,
        host=parts.hostname,
        port=port,
        user=unquote(parts.username),
        password=unquote(parts.password),
        folder=unquote(parts.path.strip("/")) or "INBOX",
    )


def tls_context(ca_file: str | None) -> ssl.SSLContext:
    """Certificates and host names are always checked; ``ca_file`` (INBOUND_IMAP_CA_FILE)
    only replaces whom we trust (a private CA, the tests' self-signed server)."""
    return ssl.create_default_context(cafile=ca_file or None)


def login(address: MailboxURL, ca_file: str | None) -> IMAPClient:
    """A logged-in connection (raises LoginError, OSError, IMAPClientError)."""
    context = tls_context(ca_file)
    client = IMAPClient(
        address.host,
        port=address.port,
        ssl=address.scheme == "imaps",
        ssl_context=context,
        timeout=SOCKET_TIMEOUT,
    )
    try:
        if address.scheme == "imap+starttls":
            client.starttls(context)
        client.login(address.user, address.password)
    except BaseException:
        _close(client)
        raise
    return client


def _close(client: IMAPClient) -> None:
    try:
        client.logout()
    except Exception:  # the connection is being dropped anyway: just close the socket
        with contextlib.suppress(OSError):
            client.shutdown()


def server_folder(client: IMAPClient, path: str) -> str:
    """Our "A/B" folder path in the server's own terms: its hierarchy delimiter (Dovecot's
    maildir uses ".") and its personal namespace prefix (Courier's "INBOX.")."""
    listed = client.list_folders("", "")
    raw = listed[0][1] if listed and listed[0][1] else b"/"
    delimiter = raw.decode() if isinstance(raw, bytes) else str(raw)
    name = delimiter.join(part for part in path.split("/") if part)
    if client.has_capability("NAMESPACE"):
        personal = client.namespace().personal or ()
        prefix = personal[0][0] if personal else ""
        if prefix and not name.upper().startswith(prefix.upper()):
            name = prefix + name
    return name


def batches(sizes: dict[int, int]) -> Iterator[list[int]]:
    """UIDs in order, grouped by count and by bytes (one oversized message goes alone)."""
    group: list[int] = []
    total = 0
    for uid in sorted(sizes):
        if group and (len(group) >= BODY_BATCH or total + sizes[uid] > BODY_BATCH_BYTES):
            yield group
            group, total = [], 0
        group.append(uid)
        total += sizes[uid]
    if group:
        yield group


def _chunks(uids: list[int], size: int) -> Iterator[list[int]]:
    for start in range(0, len(uids), size):
        yield uids[start : start + size]


class Poller:
    """One mailbox: passes over its folder, and waiting for mail between them."""

    def __init__(self, app: Flask, stop: threading.Event | None = None) -> None:
        self.app = app
        self.stop = stop or threading.Event()
        self.client: IMAPClient | None = None
        self.address: MailboxURL | None = None
        self.processed_folder = ""
        self.failed_folder = ""
        self.moved = 0  # in the current pass

    # -- the connection -------------------------------------------------------------

    def connect(self) -> None:
        """Log in, make sure our two folders exist, and select the mailbox's folder."""
        config = self.app.config
        self.address = address = parse_url(config.get("INBOUND_IMAP_URL"))
        try:
            self.client = login(address, config.get("INBOUND_IMAP_CA_FILE"))
            self.processed_folder = self._folder(config["INBOUND_IMAP_PROCESSED_FOLDER"])
            self.failed_folder = self._folder(config["INBOUND_IMAP_FAILED_FOLDER"])
            self.client.select_folder(address.folder)
        except LoginError as error:
            raise LoginFailed(f"{address.shown}: the server refused the login ({error})") from None
        except (OSError, IMAPClientError) as error:
            self.close()
            raise MailboxError(f"{address.shown}: {error or type(error).__name__}") from error

    def _folder(self, path: str) -> str:
        assert self.client is not None
        name = server_folder(self.client, path)
        if not self.client.folder_exists(name):
            self.client.create_folder(name)  # parents too (RFC 3501 CREATE)
            self.client.subscribe_folder(name)  # so that mail clients show it
        return name

    def close(self) -> None:
        if self.client is not None:
            _close(self.client)
        self.client = None

    # -- one pass ---------------------------------------------------------------------

    def once(self) -> int:
        """Connect, one pass, disconnect (``--once``): how many messages were moved."""
        self.connect()
        try:
            return self.run_pass()
        except (OSError, IMAPClientError) as error:
            raise MailboxError(f"connection to the mailbox lost: {error}") from error
        finally:
            self.close()

    def run_pass(self) -> int:
        """Hand every message in the folder over, oldest UID first; returns how many were
        moved. Raises PassStopped when one could not be (it stays for the next pass)."""
        assert self.client is not None
        self.moved = 0
        uids = sorted(self.client.search("ALL"))
        for chunk in _chunks(uids, SIZE_BATCH):
            sizes = self._sizes(chunk)
            for group in batches(sizes):
                self._handle_group(group, sizes)
                if self.stop.is_set():
                    return self.moved
        return self.moved

    def _sizes(self, uids: list[int]) -> dict[int, int]:
        assert self.client is not None
        fetched = self.client.fetch(uids, ["RFC822.SIZE"])
        # A UID gone meanwhile (another client moved it) is simply not there.
        return {uid: int(data.get(b"RFC822.SIZE", 0)) for uid, data in fetched.items()}

    def _handle_group(self, group: list[int], sizes: dict[int, int]) -> None:
        wanted = [uid for uid in group if sizes[uid] <= inbound_mail.MAX_BYTES]
        bodies = self._bodies(wanted) if wanted else {}
        for uid in group:
            if self.stop.is_set():  # stop between messages, never inside one
                return
            if uid in wanted and uid not in bodies:
                continue  # gone meanwhile (another client moved it)
            try:
                folder = self._target(uid, bodies.get(uid), sizes[uid])
                self._move(uid, folder)
            except (OSError, IMAPClientAbortError):
                raise  # the connection itself: the caller reconnects
            except Exception as error:
                raise PassStopped(self.moved, uid, error) from error
            self.moved += 1

    def _bodies(self, uids: list[int]) -> dict[int, bytes | None]:
        """Raw messages, unseen flags untouched (BODY.PEEK[]); a batch the server refuses
        is read one by one, so that one bad message cannot block the others."""
        assert self.client is not None
        try:
            fetched = self.client.fetch(uids, ["BODY.PEEK[]"])
        except IMAPClientAbortError:
            raise
        except IMAPClientError:
            if len(uids) == 1:
                logger.warning("IMAP server cannot read message UID %s", uids[0])
                return {uids[0]: None}
            return {uid: body for one in uids for uid, body in self._bodies([one]).items()}
        return {uid: data.get(b"BODY[]") for uid, data in fetched.items()}

    def _target(self, uid: int, raw: bytes | None, size: int) -> str:
        """Where the message goes once handled: the failed folder for what we cannot use."""
        if raw is None:  # over the size limit (never downloaded), or the server cannot read it
            logger.warning("IMAP message UID %s (%s bytes) not read: failed folder", uid, size)
            return self.failed_folder
        with self.app.app_context():  # its own session, released (rolled back) on error
            try:
                received, new = inbound_mail.accept(raw, "imap")
            except ServiceError as error:  # too large: refused whatever we retry
                logger.warning("IMAP message UID %s refused: %s", uid, error)
                return self.failed_folder
            kind = received.kind
        logger.info("IMAP message UID %s: %s%s", uid, kind, "" if new else " (seen before)")
        return self.failed_folder if kind == "unreadable" else self.processed_folder

    def _move(self, uid: int, folder: str) -> None:
        """MOVE when the server can; else COPY, \\Deleted and an expunge of that UID only
        (UIDPLUS), or of all \\Deleted messages as the last resort."""
        client = self.client
        assert client is not None
        if client.has_capability("MOVE"):
            client.move([uid], folder)
            return
        client.copy([uid], folder)
        client.add_flags([uid], [b"\\Deleted"], silent=True)
        if client.has_capability("UIDPLUS"):
            client.uid_expunge([uid])
        else:
            client.expunge()

    # -- between passes ---------------------------------------------------------------

    def wait_for_mail(self, interval: float) -> None:
        """Until new mail may be there: IDLE when the server has it, else ``interval``."""
        assert self.client is not None
        if not self.client.has_capability("IDLE"):
            self.stop.wait(interval)
            return
        self.client.idle()
        deadline = time.monotonic() + IDLE_SECONDS
        while not self.stop.is_set() and time.monotonic() < deadline:
            started = time.monotonic()
            responses = self.client.idle_check(timeout=IDLE_SLICE)
            # imapclient swallows the end of the stream: nothing, sooner than asked for, is
            # a closed socket (as is a BYE), not a quiet mailbox. No DONE then: it is gone.
            if any(item[:1] == (b"BYE",) for item in responses) or (
                not responses and time.monotonic() - started < IDLE_SLICE / 2
            ):
                raise ConnectionError("the IMAP server closed the connection")
            if _new_mail(responses):
                break
        self.client.idle_done()

    def run_forever(self, interval: float) -> None:
        """Passes until stopped; a lost connection or an error is retried with backoff
        (a wrong password or URL is not: LoginFailed, MailboxSettingError)."""
        delay = BACKOFF_FIRST
        while not self.stop.is_set():
            try:
                if self.client is None:
                    self.connect()
                if self.run_pass() == 0:  # nothing left: wait; else look again at once
                    self.wait_for_mail(interval)
                delay = BACKOFF_FIRST
            except (LoginFailed, MailboxSettingError):
                self.close()
                raise
            except Exception as error:  # logged and retried: the mail stays in the mailbox
                logger.warning("IMAP poller: %s; retrying in %.0f s", error, delay)
                self.close()
                self.stop.wait(delay)
                delay = min(delay * 2, BACKOFF_MAX)
        self.close()


def _new_mail(responses: Iterable[tuple[object, ...]]) -> bool:
    return any(len(item) > 1 and item[1] in SEEN_IN_IDLE for item in responses)
