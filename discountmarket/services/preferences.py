"""User preferences."""

from discountmarket.extensions import db
from discountmarket.models import User


def set_locale(user: User, locale: str) -> None:
    user.locale = locale
    db.session.commit()
