"""WSGI entry point: ``gunicorn wsgi:app`` or ``flask --app wsgi ...``."""

from discountmarket import create_app
from discountmarket.config import ConfigError

try:
    app = create_app()
except ConfigError as error:
    # One clear line naming the setting, instead of a traceback.
    raise SystemExit(f"Configuration error: {error}") from None
