"""WSGI entry point: ``gunicorn wsgi:app`` or ``flask --app wsgi ...``."""

import sys

from discountmarket import create_app
from discountmarket.config import ConfigError

# gunicorn's exit status for "the application could not be loaded": its master stops with
# it instead of starting workers again and again that fail the same way.
APP_LOAD_ERROR = 4

try:
    app = create_app()
except ConfigError as error:
    # One clear line naming the setting, instead of a traceback.
    print(f"Configuration error: {error}", file=sys.stderr)
    raise SystemExit(APP_LOAD_ERROR) from None
