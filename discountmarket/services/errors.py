"""Exceptions services raise for views and the CLI to turn into messages."""


class ServiceError(Exception):
    """A business rule refused the action; the message is safe to show the user."""


class NotAllowed(ServiceError):
    """The actor may not do this."""
