"""Form pieces shared by blueprints."""

from flask_wtf import FlaskForm


class ActionForm(FlaskForm):
    """A button that changes state: a POST carrying only the CSRF token."""


def strip_text(value: str | None) -> str | None:
    """Trim surrounding whitespace (phones and password managers add it)."""
    return value.strip() if isinstance(value, str) else value
