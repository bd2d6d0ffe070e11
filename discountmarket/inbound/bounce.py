"""Delivery failures: RFC 3464 delivery-status reports and the plain-text shapes of Postfix,
Exim, qmail, Exchange/Office 365 and Gmail.

A report is permanent when a recipient's Action is ``failed`` or its status is 5.x.x; a
4.x.x status or an Action of ``delayed`` is a soft bounce (retried later).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from email.message import Message

from discountmarket.inbound import message as mime

STATUS = re.compile(r"(?<![\d.])([45])\.(\d{1,3})\.(\d{1,3})(?![\d.]*\d)")
SMTP_REPLY = re.compile(r"(?<![\d.])([45])\d\d(?=[\s\-])")
ADDRESS = mime.EMAIL_ADDRESS
BOUNCE_SENDERS = re.compile(
    r"^(mailer-daemon|postmaster|mail-daemon|mailerdaemon|bounce[s]?)@", re.I
)
BOUNCE_SUBJECT = re.compile(
    r"(undeliver|undelivered mail|mail delivery fail|delivery status notification|"
    r"failure notice|returned mail|delivery failure|delivery has failed|"
    r"delivery notification|non[- ]?delivery|could not be delivered|message not delivered|"
    r"unzustellbar|nicht zustellbar|non remis|non distribuable|échec de la remise|"
    r"nedoručitelné|nedoručeno|не доставлено|недоставленное|no se puede entregar|"
    r"non recapitabile|onbestelbaar|kan ikke leveres|kunde inte levereras|"
    r"warning: message .* delayed|delayed mail|delivery delayed|mail delivery delayed)",
    re.I,
)
FAILURE_TEXT = re.compile(
    r"(could not be delivered|couldn't be delivered|wasn't delivered|was not delivered|"
    r"delivery has failed|delivery to the following recipient|permanent error|"
    r"i wasn't able to deliver|i'm afraid i wasn't able|address not found|"
    r"user unknown|recipient address rejected|mailbox unavailable|no such user|"
    r"does not exist|mailbox is full|quota exceeded|could not deliver|"
    r"has not yet been delivered|delivery .{0,20}delayed|delivery incomplete|"
    r"will (?:retry|try again)|message is delayed|temporary failure|"
    r"the mail system|unable to deliver|undeliverable|failed permanently|"
    r"delivery to these recipients or groups)",
    re.I,
)
SOFT_TEXT = re.compile(
    r"(has not yet been delivered|delivery .{0,20}delayed|message is delayed|"
    r"will (?:retry|try again|continue trying|keep trying)|delivery incomplete|"
    r"temporary (?:failure|problem|error)|still trying|not yet been delivered|"
    r"this is only a warning|no action is required)",
    re.I,
)
ORIGINAL_MARKERS = re.compile(
    r"^[ \t]*(-{2,}.{0,40}(original message|undelivered message|returned message|"
    r"message headers follow|below this line is a copy|original message headers)"
    r".{0,20}|original message headers:?|------ this is a copy of the message.*|"
    r"--- below this line is a copy of the message.*|"
    r"-{3,} ?(original|returned|undelivered) message.*)[ \t]*$",
    re.I | re.M,
)
OURS = re.compile(r"^(reply|unsubscribe)\+", re.I)
NOT_RECIPIENTS = re.compile(
    r"^(postmaster|mailer-daemon|mail-daemon|abuse|root|noreply|no-reply)@", re.I
)


@dataclass(frozen=True)
class Bounce:
    permanent: bool
    status: str | None
    recipients: tuple[str, ...]

    def to_json(self) -> dict[str, object]:
        return {
            "permanent": self.permanent,
            "status": self.status,
            "recipients": list(self.recipients),
        }


def _field(block: Message, name: str) -> str:
    return mime.header(block, name).strip()


def _typed_address(value: str) -> str | None:
    """``rfc822; a@b`` → ``a@b``."""
    _, _, address = value.rpartition(";")
    match = ADDRESS.search(address.strip().strip("<>"))
    return match.group(0).lower().rstrip(".") if match else None


def _status_blocks(message: Message) -> list[Message]:
    blocks: list[Message] = []
    for part in mime.walk(message, into_messages=False):
        if mime.content_type(part) not in (
            "message/delivery-status",
            "message/global-delivery-status",
        ):
            continue
        payload = mime.payload(part)
        if isinstance(payload, list):
            blocks.extend(b for b in payload if isinstance(b, Message))
        elif isinstance(payload, str):
            for chunk in re.split(r"\n\s*\n", payload)[:100]:
                blocks.append(mime.parse_headers(chunk))
    return blocks


def from_report(message: Message) -> Bounce | None:
    """An RFC 3464 report's facts, or None when the message has no per-recipient fields."""
    blocks = _status_blocks(message)
    recipients: list[str] = []
    statuses: list[str] = []
    actions: list[str] = []
    for block in blocks[:100]:
        final = _field(block, "Final-Recipient") or _field(block, "Original-Recipient")
        action = _field(block, "Action").lower()
        status_match = STATUS.search(_field(block, "Status"))
        if not (final or action or status_match):
            continue
        address = _typed_address(final) if final else None
        if address and address not in recipients and not OURS.match(address):
            recipients.append(address)
        if action:
            actions.append(action.split()[0])
        if status_match:
            statuses.append(".".join(status_match.groups()))
    if not (recipients or statuses or actions):
        return None
    if actions and all(a in ("delivered", "relayed", "expanded") for a in actions):
        return None  # a success notice, no failure
    failed = any(a == "failed" for a in actions) or any(s.startswith("5") for s in statuses)
    if (
        not failed
        and not statuses
        and not any(a in ("delayed", "relayed", "delivered", "expanded") for a in actions)
    ):
        failed = True
    if not actions and not statuses:
        failed = True
    chosen = next((s for s in statuses if s.startswith("5")), None) or (
        statuses[0] if statuses else None
    )
    if chosen is None:
        chosen = _status_in_text(mime.body_text(message))
    return Bounce(permanent=failed, status=chosen, recipients=tuple(recipients))


def _status_in_text(text: str) -> str | None:
    for match in STATUS.finditer(text):
        # "5.1.1" after a space, "#", "(" or "'" — not a version or an IP address
        before = text[max(0, match.start() - 1) : match.start()]
        if before in ("", " ", "#", "(", "'", '"', "\n", "\t", "<", "[", ":", "="):
            return ".".join(match.groups())
    return None


# Three header fields in a row: the returned original's header, in any language of notice.
HEADER_BLOCK = re.compile(r"^(?:[> \t]*[A-Za-z][A-Za-z0-9\-]{1,40}:[ \t].*(?:\n|\Z)){3}", re.M)


def _notification_text(message: Message) -> str:
    """The human-readable notice, without the returned original (cut at a separator line
    or at the first block of header fields, whichever comes first)."""
    text = mime.body_text(message)
    cuts = [m.start() for m in (ORIGINAL_MARKERS.search(text), HEADER_BLOCK.search(text)) if m]
    return text[: min(cuts)] if cuts else text


def looks_like_bounce(message: Message) -> bool:
    kind = mime.content_type(message)
    report_type = mime.param(message, "report-type")
    if kind == "multipart/report" and report_type in ("delivery-status", "global-delivery-status"):
        return True
    senders = mime.addresses(message, "From") + mime.addresses(message, "Sender")
    by_sender = any(BOUNCE_SENDERS.match(a) for a in senders)
    by_subject = bool(BOUNCE_SUBJECT.search(mime.header(message, "Subject")))
    empty_return = mime.header(message, "Return-Path").replace(" ", "") == "<>"
    if not (by_sender or by_subject):
        return False
    if by_sender and (by_subject or empty_return):
        return True
    return bool(FAILURE_TEXT.search(_notification_text(message)[:20000]))


def _recipients_in_text(message: Message, text: str) -> list[str]:
    own = set(mime.addresses(message, "From", "To", "Cc", "Sender", "Reply-To", "Return-Path"))
    found: list[str] = []
    for match in ADDRESS.finditer(text[:50000]):
        address = match.group(0).lower().rstrip(".")
        if address in own or OURS.match(address) or NOT_RECIPIENTS.match(address):
            continue
        if address not in found:
            found.append(address)
    return found[:20]


def from_text(message: Message) -> Bounce:
    text = _notification_text(message)
    status = _status_in_text(text)
    if status:
        permanent = status.startswith("5")
    elif SOFT_TEXT.search(text):
        permanent = False
    else:
        code = SMTP_REPLY.search(text)
        permanent = not (code and code.group(1) == "4")
    if status and status.startswith("4") and not SOFT_TEXT.search(text):
        permanent = False
    return Bounce(
        permanent=permanent, status=status, recipients=tuple(_recipients_in_text(message, text))
    )


def detect(message: Message) -> Bounce | None:
    if not looks_like_bounce(message):
        return None
    report = from_report(message)
    if report is None:
        if _status_blocks(message) and not FAILURE_TEXT.search(_notification_text(message)):
            return None
        return from_text(message)
    if not report.recipients:
        fallback = from_text(message)
        return Bounce(report.permanent, report.status or fallback.status, fallback.recipients)
    return report
