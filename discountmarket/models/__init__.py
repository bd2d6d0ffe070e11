"""The data model, one module per aggregate; importing this package registers every table."""

from discountmarket.models.dispatch import (
    WAITING,
    AttemptOutcome,
    Channel,
    Dispatch,
    DispatchAttempt,
    DispatchStatus,
    RecipientQuota,
    SiteTurn,
    Suppression,
    SuppressionKind,
)
from discountmarket.models.escalations import (
    AuditEntry,
    CallOutcome,
    ContactChannel,
    ContactLog,
    Escalation,
    EscalationStatus,
    HonourReport,
    HonourStatus,
)
from discountmarket.models.mail import CapturedMail, InboundMail, MailMessage, MailStatus
from discountmarket.models.matches import MatchStatus, ProductMatch, StoreSearch
from discountmarket.models.offers import AnswerLink, Offer, OfferKind, OfferRevision, OfferStatus
from discountmarket.models.owed_jobs import OwedJob
from discountmarket.models.products import FetchStatus, Product
from discountmarket.models.reputations import StoreReputation
from discountmarket.models.requests import DiscountRequest, RequestStatus
from discountmarket.models.stores import (
    Category,
    ContactKind,
    ContactSource,
    Store,
    StoreContact,
    StoreMembership,
    StoreStatus,
    store_categories,
    store_competitors,
)
from discountmarket.models.users import Role, User

__all__ = [
    "WAITING",
    "AnswerLink",
    "AttemptOutcome",
    "AuditEntry",
    "CallOutcome",
    "CapturedMail",
    "Category",
    "Channel",
    "ContactChannel",
    "ContactKind",
    "ContactLog",
    "ContactSource",
    "DiscountRequest",
    "Dispatch",
    "DispatchAttempt",
    "DispatchStatus",
    "Escalation",
    "EscalationStatus",
    "FetchStatus",
    "HonourReport",
    "HonourStatus",
    "InboundMail",
    "MailMessage",
    "MailStatus",
    "MatchStatus",
    "Offer",
    "OfferKind",
    "OfferRevision",
    "OfferStatus",
    "OwedJob",
    "Product",
    "ProductMatch",
    "RecipientQuota",
    "RequestStatus",
    "Role",
    "SiteTurn",
    "Store",
    "StoreContact",
    "StoreMembership",
    "StoreReputation",
    "StoreSearch",
    "StoreStatus",
    "Suppression",
    "SuppressionKind",
    "User",
    "store_categories",
    "store_competitors",
]
