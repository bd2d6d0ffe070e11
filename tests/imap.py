"""A real IMAP server for tests: a private Dovecot instance from a temporary directory.

It has its own dovecot.conf (base_dir, state_dir, log, a passwd-file user with a plain
password, maildir in the temporary directory), listens on 127.0.0.1 only, and never reads
or touches the system's /etc/dovecot. With ``tls`` it also has an IMAPS listener and offers
STARTTLS, with a self-signed certificate made by ``openssl req`` (its own CA file, which
the poller trusts through INBOUND_IMAP_CA_FILE: verification stays on). ``capabilities``
replaces what the server announces (e.g. without MOVE or IDLE, for the fallbacks).

``make install`` installs Dovecot (`make dovecot`); without it the tests skip.
"""

from __future__ import annotations

import os
import pwd
import shutil
import socket
import subprocess
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

import pytest
from imapclient import IMAPClient

DOVECOT = "/usr/sbin/dovecot"
USER = "shop"
PASSWORD = "s3cret p@ss/%"  # characters that must be percent-encoded in the URL


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@dataclass
class Dovecot:
    root: Path
    port: int
    tls_port: int | None = None

    @property
    def ca_file(self) -> str:
        return str(self.root / "cert.pem")

    def url(self, scheme: str = "imap", folder: str = "INBOX") -> str:
        port = self.tls_port if scheme == "imaps" else self.port
        return f"{scheme}://{USER}:{quote(PASSWORD, safe='')}@127.0.0.1:{port}/{folder}"

    @contextmanager
    def client(self) -> Iterator[IMAPClient]:
        """A logged-in plain connection, as a test's own mail client."""
        client = IMAPClient("127.0.0.1", port=self.port, ssl=False, timeout=10)
        try:
            client.login(USER, PASSWORD)
            yield client
        finally:
            client.logout()

    def kick(self) -> None:
        """Drop every connection of the user, as a server restart or a network cut would."""
        conf = str(self.root / "dovecot.conf")
        subprocess.run(["doveadm", "-c", conf, "kick", USER], check=True, capture_output=True)

    def log(self) -> str:
        path = self.root / "dovecot.log"
        return path.read_text(errors="replace") if path.exists() else ""


def _mail_user() -> tuple[str, int, int]:
    """(login/internal user, uid, gid) of the mail processes: the package's own ``dovecot``
    user when we are root (Dovecot refuses uid 0 for mail), else ourselves."""
    entry = pwd.getpwnam("dovecot") if os.getuid() == 0 else pwd.getpwuid(os.getuid())
    return entry.pw_name, entry.pw_uid, entry.pw_gid


def make_certificate(root: Path) -> None:
    """A self-signed certificate for localhost and 127.0.0.1 (cert.pem, key.pem)."""
    subprocess.run(
        [
            "openssl", "req", "-x509", "-nodes", "-days", "2",
            "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1",
            "-keyout", str(root / "key.pem"), "-out", str(root / "cert.pem"),
            "-subj", "/CN=localhost",
            "-addext", "subjectAltName=DNS:localhost,IP:127.0.0.1",
        ],
        check=True,
        capture_output=True,
        timeout=30,
    )  # fmt: skip


def _config(root: Path, server: Dovecot, tls: bool, capabilities: str | None) -> str:
    name, uid, gid = _mail_user()
    lines = [
        f"base_dir = {root}/run",
        f"state_dir = {root}/state",
        f"instance_name = dm-test-{server.port}",
        f"log_path = {root}/dovecot.log",
        f"info_log_path = {root}/dovecot.log",
        "protocols = imap",
        "listen = 127.0.0.1",
        "disable_plaintext_auth = no",
        "auth_mechanisms = plain login",
        f"passdb {{\n  driver = passwd-file\n  args = scheme=PLAIN {root}/passwd\n}}",
        f"userdb {{\n  driver = passwd-file\n  args = {root}/passwd\n}}",
        f"mail_location = maildir:{root}/mail/%u",
        "first_valid_uid = 1",
        "first_valid_gid = 1",
        "auth_failure_delay = 0",  # a wrong password is answered at once
        "ssl = yes" if tls else "ssl = no",
        "service imap-login {",
        f"  inet_listener imap {{\n    address = 127.0.0.1\n    port = {server.port}\n  }}",
        f"  inet_listener imaps {{\n    address = 127.0.0.1\n    port = {server.tls_port or 0}\n"
        f"    ssl = yes\n  }}",
    ]
    if os.getuid() != 0:  # Dovecot as an ordinary user: no chroot, its own user throughout
        lines += ["  chroot = ", "}", "service anvil {\n  chroot = \n}"]
        lines += [f"default_login_user = {name}", f"default_internal_user = {name}"]
    else:
        lines.append("}")
    if tls:
        lines += [f"ssl_cert = <{root}/cert.pem", f"ssl_key = <{root}/key.pem"]
    if capabilities is not None:
        lines.append(f"imap_capability = {capabilities}")
    (root / "passwd").write_text(f"{USER}:{{PLAIN}}{PASSWORD}:{uid}:{gid}::{root}/home::\n")
    return "\n".join(lines) + "\n"


def _wait_for_greeting(process: subprocess.Popen[bytes], server: Dovecot) -> None:
    deadline = time.monotonic() + 15
    while True:
        try:
            with socket.create_connection(("127.0.0.1", server.port), timeout=2) as sock:
                if sock.recv(100).startswith(b"* OK"):
                    return
        except OSError:
            pass
        if process.poll() is not None or time.monotonic() > deadline:
            process.kill()
            stderr = (server.root / "stderr.log").read_text(errors="replace")
            pytest.fail(f"Dovecot did not start:\n{stderr}{server.log()}")
        time.sleep(0.05)


@contextmanager
def dovecot_server(tls: bool = False, capabilities: str | None = None) -> Iterator[Dovecot]:
    """A running private Dovecot; stopped and its directory removed afterwards."""
    if not os.access(DOVECOT, os.X_OK):
        pytest.skip("Dovecot is not installed (`make dovecot`)")
    # Not pytest's tmp_path: its parents are private to us, and the mail processes run as
    # the dovecot user when we are root.
    root = Path(tempfile.mkdtemp(prefix="dm-dovecot-"))
    root.chmod(0o755)
    server = Dovecot(root, _free_port(), _free_port() if tls else None)
    try:
        _, uid, gid = _mail_user()
        for sub in ("mail", "home"):
            (root / sub).mkdir()
            os.chown(root / sub, uid, gid)
        if tls:
            make_certificate(root)
        conf = root / "dovecot.conf"
        conf.write_text(_config(root, server, tls, capabilities))
        with (root / "stderr.log").open("wb") as stderr:
            process = subprocess.Popen(
                [DOVECOT, "-F", "-c", str(conf)], stdout=subprocess.DEVNULL, stderr=stderr
            )
        try:
            _wait_for_greeting(process, server)
            yield server
        finally:
            process.terminate()
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
    finally:
        shutil.rmtree(root, ignore_errors=True)
