"""User preferences."""

from discountmarket import jobs
from discountmarket.models import User


def set_locale(user: User, locale: str) -> None:
    user.locale = locale
    jobs.commit()
