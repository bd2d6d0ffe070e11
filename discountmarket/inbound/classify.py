"""One message, classified: a reply, an auto-reply, a bounce or something else.

``classify(raw)`` is the single entry point shared by every way a message comes in (SMTP,
IMAP, HTTP) and by ``flask inbound classify``. Bounces win over auto-replies (a delivery
report often carries ``Auto-Submitted`` too); mass mailings that are no answer to us are
``other``.
"""

from __future__ import annotations

from dataclasses import dataclass
from email.message import Message
from typing import Literal

from discountmarket.inbound import autoreply, bounce, offer_terms, reply_text, tokens
from discountmarket.inbound import message as mime
from discountmarket.inbound.message import UnreadableMessage

Kind = Literal["reply", "auto_reply", "bounce", "other"]

__all__ = ["Classification", "Reply", "UnreadableMessage", "classify"]


@dataclass(frozen=True)
class Reply:
    text: str
    offer: offer_terms.Offer | None

    def to_json(self) -> dict[str, object]:
        return {"text": self.text, "offer": self.offer.to_json() if self.offer else None}


@dataclass(frozen=True)
class Classification:
    kind: Kind
    token: str | None
    auto_reply: autoreply.AutoReply | None = None
    bounce: bounce.Bounce | None = None
    reply: Reply | None = None

    def to_json(self) -> dict[str, object]:
        return {
            "kind": self.kind,
            "token": self.token,
            "auto_reply": self.auto_reply.to_json() if self.auto_reply else None,
            "bounce": self.bounce.to_json() if self.bounce else None,
            "reply": self.reply.to_json() if self.reply else None,
        }


def _is_answer_to_us(message: Message, token: str | None) -> bool:
    subject = mime.header(message, "Subject").lower().lstrip()
    answered = subject.startswith(
        ("re:", "aw:", "sv:", "vs:", "odp:", "ответ:", "réf", "wg:", "tr:")
    )
    return bool(token) or answered or bool(mime.header(message, "In-Reply-To"))


def _sender_name(message: Message) -> str:
    name, _, _ = mime.header(message, "From").rpartition("<")
    return name.strip().strip('"')


def classify(raw: bytes) -> Classification:
    """The classification of the raw RFC 5322 message ``raw``; raises ``UnreadableMessage``."""
    message = mime.parse(raw)
    failure = bounce.detect(message)
    if failure is not None:
        return Classification(
            kind="bounce",
            token=tokens.find_in_bounce(message, mime.body_text(message)),
            bounce=failure,
        )
    plain, html = mime.bodies(message)
    full_text = (
        mime.tidy(plain) if plain and plain.strip() else (mime.html_text(html) if html else "")
    )
    new_text = reply_text.extract(plain, html, _sender_name(message))
    token = tokens.find(message, full_text)
    found = autoreply.signals(message)
    ooo_text = bool(autoreply.OOO_TEXT.search(new_text[:3000]))
    acknowledgement = autoreply.is_acknowledgement(new_text)
    automatic = (
        found.explicit
        or (found.generated and not found.mass and _is_answer_to_us(message, token))
        or (found.generated and acknowledgement)
        or (found.weak and (ooo_text or acknowledgement) and _is_answer_to_us(message, token))
    )
    if automatic:
        text = reply_text.extract(plain, html, signature_guess=False)
        return Classification(
            kind="auto_reply", token=token, auto_reply=autoreply.describe(message, text)
        )
    if found.generated or found.mass:
        return Classification(kind="other", token=token)
    return Classification(
        kind="reply", token=token, reply=Reply(text=new_text, offer=offer_terms.find(new_text))
    )
