# ruff: noqa: RUF001, RUF002 — words and signs in Cyrillic and other scripts are the point.
"""Only the new text of a human reply: quoted history, forwarded blocks and signatures cut.

Plain text is cut at the first attribution line ("On … wrote:", "Am … schrieb …:",
"Le … a écrit :", "… пишет:", "… napsal(a):" …), Outlook's header block (From/Sent in
several languages), an "Original Message" separator, a "-- " signature, a mobile footer or a
valediction ("Best regards", "С уважением" …); lines quoted with ">" are dropped. HTML is
first rid of the quote containers of Gmail, Outlook, Apple Mail and Thunderbird.
"""

from __future__ import annotations

import re

from discountmarket.inbound import message as mime

_ATTRIBUTION = [
    r"^(on|am|le|el|il|op|em|dne|den|w dniu|в|dnia)\b.{0,250}"
    r"(wrote|schrieb|a écrit|escribió|ha scritto|schreef|escreveu|napsal|skrev|napisał|"
    r"писал|пишет|написал)",
    r".{0,250}\b(wrote|schrieb|escribió|ha scritto|schreef|escreveu|skrev)\s*:\s*$",
    r".{0,250}\ba écrit\s*:\s*$",
    r".{0,250}(пишет|писал|написал|написала|написал\(а\))\s*:\s*$",
    r".{0,250}napsal(a|\(a\))?\s*:\s*$",
    r".{0,250}napisał(a|\(a\))?\s*:\s*$",
    r"^w dniu .{0,250}\bpisze\s*:\s*$",
]
_ATTRIBUTION_RE = [re.compile(p, re.IGNORECASE) for p in _ATTRIBUTION]
_SEPARATOR = re.compile(
    r"^\s*(-{2,}|_{2,}|={2,})?\s*(original message|ursprüngliche nachricht|"
    r"message d'origine|message original|původní zpráva|исходное сообщение|"
    r"пересылаемое сообщение|mensaje original|messaggio originale|oorspronkelijk bericht|"
    r"opprinnelig melding|ursprungligt meddelande|oprindelig meddelelse|wiadomość oryginalna|"
    r"mensagem original|forwarded message|weitergeleitete nachricht|message transféré)"
    r"\s*(-{2,}|_{2,}|={2,})?\s*$",
    re.IGNORECASE,
)
_RULE = re.compile(r"^\s*_{8,}\s*$")
_FROM = re.compile(
    r"^\s*\*?(from|von|de|od|от|van|da|fra|från|från|lähettäjä|feladó|nadawca)\s*\*?\s*:\s*\S",
    re.IGNORECASE,
)
_SENT = re.compile(
    r"^\s*\*?(sent|date|gesendet|datum|envoyé|date d'envoi|odesláno|отправлено|дата|"
    r"verzonden|inviato|data|enviado|enviada|fecha|sendt|skickat|wysłano|lähetetty|"
    r"to|an|à|komu|кому|aan|a|para|til|till|do|subject|betreff|objet|předmět|тема)\s*\*?\s*:",
    re.IGNORECASE,
)
_SIGNATURE = re.compile(r"^(-- ?|--|—)$")
_MOBILE = re.compile(
    r"^(sent from my|sent from (outlook|mail) for|get outlook for|von meinem .{0,30}gesendet|"
    r"gesendet von meinem|envoyé de mon|отправлено с|отправлено из|odesláno z|"
    r"enviado desde mi|inviato da|verzonden met|verstuurd vanaf|wysłane z)",
    re.IGNORECASE,
)
_VALEDICTION = re.compile(
    r"^(best regards|kind regards|warm regards|best wishes|regards|best|cheers|thanks|"
    r"thank you|many thanks|sincerely|yours sincerely|yours faithfully|all the best|"
    r"mit freundlichen grüßen|mit freundlichen grüssen|freundliche grüße|viele grüße|"
    r"beste grüße|liebe grüße|gruß|grüße|mfg|cordialement|bien cordialement|"
    r"bien à vous|salutations|meilleures salutations|bonne journée|s pozdravem|"
    r"s přátelským pozdravem|děkuji|с уважением|с наилучшими пожеланиями|всего доброго|"
    r"спасибо|saludos|un saludo|saludos cordiales|atentamente|cordiali saluti|"
    r"distinti saluti|saluti|met vriendelijke groet(en)?|groeten|pozdrawiam|"
    r"z poważaniem|med vänlig hälsning|vänliga hälsningar|med venlig hilsen|"
    r"med vennlig hilsen|hilsen|atenciosamente|cumprimentos|abraços)[\s,.!]*$",
    re.IGNORECASE,
)
_QUOTE_SELECTORS = (
    "div.gmail_quote",
    "div.gmail_quote_container",
    "blockquote",
    "div.moz-cite-prefix",
    "div.yahoo_quoted",
    "div.gmail_signature",
    "div.moz-signature",
    "#Signature",
    "div.protonmail_quote",
)
_CUT_FROM_HERE = (
    "#divRplyFwdMsg",
    "#appendonsend",
    "div.OutlookMessageHeader",
    "#mail-editor-reference-message-container",
)


def from_html(html: str) -> str:
    document = mime.soup(html)
    for selector in _CUT_FROM_HERE:
        marker = document.select_one(selector)
        if marker is None:
            continue
        for following in list(marker.find_all_next()):
            following.decompose()
        marker.decompose()
    for selector in _QUOTE_SELECTORS:
        for tag in document.select(selector):
            # Inside a quote removed already (nested quotes): touching it again would cost
            # a search per tag, quadratic time for deep nesting.
            if not tag.decomposed:
                tag.decompose()
    return mime.soup_text(document)


def _is_attribution(lines: list[str], index: int) -> bool:
    line = lines[index].strip()
    if not line:
        return False
    candidates = [line]
    if index + 1 < len(lines):  # Gmail wraps a long attribution over two lines
        candidates.append(f"{line} {lines[index + 1].strip()}")
    return any(
        len(c) <= 300 and pattern.match(c) and c.rstrip().endswith(":")
        for c in candidates
        for pattern in _ATTRIBUTION_RE
    )


def _introduces_quote(lines: list[str], index: int) -> bool:
    """Any short line ending in ":" right before a ">" quote is an attribution
    (Yandex's "04.01.2027, 10:12, "Name" <a@b>:", Mail.ru's and many others)."""
    line = lines[index].strip()
    if not line.endswith(":") or len(line) > 300:
        return False
    following = [other.strip() for other in lines[index + 1 : index + 3] if other.strip()]
    return bool(following) and following[0].startswith(">") and bool(re.search(r"\d|@", line))


def _is_outlook_block(lines: list[str], index: int) -> bool:
    if not _FROM.match(lines[index]):
        return False
    following = [line for line in lines[index + 1 : index + 5] if line.strip()]
    return sum(1 for line in following if _SENT.match(line)) >= 1


_PHONE = re.compile(r"(\+?\d[\d \u00a0().\-/]{6,}\d)")
_CONTACT = re.compile(r"(https?://|www\.|\S+@\S+\.\w+|\b(tel|phone|mob|fax|тел)\b)", re.IGNORECASE)


_DATE_LIKE = re.compile(r"\d{1,4}[./-]\d{1,2}[./-]\d{1,4}")


def _has_phone(line: str) -> bool:
    """A phone number: eight digits or more in groups, not a date like 31.01.2027."""
    for match in _PHONE.finditer(line):
        number = match.group(0)
        if sum(c.isdigit() for c in number) >= 8 and not _DATE_LIKE.fullmatch(number.strip()):
            return True
    return False


def _trailing_signature(kept: list[str], sender_name: str) -> list[str]:
    """Drop a last paragraph that looks like a signature: a few short lines, no sentence,
    starting with the sender's name or holding a phone number, address or link."""
    text = "\n".join(kept).rstrip()
    head, sep, last = text.rpartition("\n\n")
    if not sep or not head.strip():
        return kept
    lines = [line.strip() for line in last.split("\n") if line.strip()]
    if not 1 <= len(lines) <= 6 or any(len(line) > 70 for line in lines):
        return kept
    if any(line.endswith((".", "!", "?", ":")) and not _has_phone(line) for line in lines[:1]):
        return kept
    first_name = sender_name.split()[0].lower() if sender_name.split() else ""
    named = bool(first_name) and lines[0].lower().startswith(first_name)
    contact = any(_has_phone(line) or _CONTACT.search(line) for line in lines)
    if (named and len(lines) <= 6) or (contact and len(lines) >= 2):
        return head.split("\n")
    return kept


def _ends_new_text(lines: list[str], index: int) -> bool:
    """Quoted history, a forwarded block or a marked signature starts at ``index``."""
    line = lines[index]
    stripped = line.strip()
    return bool(
        _SEPARATOR.match(stripped)
        or _RULE.match(stripped)
        or _is_attribution(lines, index)
        or _introduces_quote(lines, index)
        or _is_outlook_block(lines, index)
        or _SIGNATURE.match(line.rstrip())
        or _MOBILE.match(stripped)
    )


def _sentence(line: str) -> bool:
    return line.rstrip().endswith((".", "!", "?")) and len(line.split()) >= 4


def _valediction_at(body: list[str]) -> int | None:
    """The line of the closing ("Best regards,", "С уважением,") that only a signature
    follows: no sentence and no other closing after it ("Thanks!" opening a reply is none)."""
    filled = [index for index, line in enumerate(body) if line.strip()]
    first = filled[-7] if len(filled) >= 7 else 0  # six lines of signature at most
    for index in range(first, len(body)):
        line = body[index]
        if not filled or index <= filled[0]:
            continue
        if not _VALEDICTION.match(line.strip()):
            continue
        rest = [r.strip() for r in body[index + 1 :] if r.strip()]
        if len(rest) <= 6 and not any(
            _sentence(r) or _VALEDICTION.match(r) or len(r) > 80 for r in rest
        ):
            return index
    return None


def from_plain(text: str, sender_name: str = "", signature_guess: bool = True) -> str:
    lines = mime.tidy(text).split("\n")
    end = next(
        (
            index
            for index, line in enumerate(lines)
            if not line.strip().startswith(">") and _ends_new_text(lines, index)
        ),
        len(lines),
    )
    kept = [line for line in lines[:end] if not line.strip().startswith(">")]
    closing = _valediction_at(kept)
    if closing is not None:
        kept = kept[:closing]
    if signature_guess:
        kept = _trailing_signature(kept, sender_name)
    return mime.tidy("\n".join(kept))


def extract(
    plain: str | None, html: str | None, sender_name: str = "", signature_guess: bool = True
) -> str:
    """The new text of a reply whose bodies are ``plain`` and ``html`` (either may be None);
    ``sender_name`` (the From display name) helps to recognise a signature. Without
    ``signature_guess`` an unmarked last paragraph is kept (an absence note's "please write
    to Jonas\njonas@…" is no signature)."""
    if plain and plain.strip():
        return from_plain(plain, sender_name, signature_guess)
    if html and html.strip():
        return from_plain(from_html(html), sender_name, signature_guess)
    return ""
