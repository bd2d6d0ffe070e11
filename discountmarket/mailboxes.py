"""The mailbox an e-mail address reaches: one account per mailbox.

Providers deliver ``name+anything@domain`` to ``name@domain`` (Gmail, Outlook/Hotmail,
Fastmail, Proton, iCloud, Yandex and most others), and Gmail ignores dots in the name and
answers to ``googlemail.com`` as well. The key folds those spellings together: lower-case,
a ``+tag`` dropped from the local part everywhere, dots dropped too on Gmail's domains,
which share the key domain ``gmail.com``. Other dots stay: elsewhere they name another box.
"""

from __future__ import annotations

GMAIL_DOMAINS = frozenset({"gmail.com", "googlemail.com"})


def mailbox_key(email: str) -> str:
    """The key under which ``email`` has at most one account."""
    local, at, domain = email.strip().lower().rpartition("@")
    if not at:
        return domain
    name, plus, _tag = local.partition("+")
    if plus and not name:  # "+tag@x": no name before the tag, nothing to fold
        name = local
    if domain in GMAIL_DOMAINS:
        name, domain = name.replace(".", ""), "gmail.com"
    return f"{name}@{domain}"
