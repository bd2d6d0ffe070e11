"""Exit 0 when the PostgreSQL database at the URL given as the only argument answers."""

import sys

import psycopg

url = sys.argv[1].replace("postgresql+psycopg://", "postgresql://", 1)
try:
    psycopg.connect(url, connect_timeout=3).close()
except psycopg.Error as error:
    print(f"database not available: {error.__class__.__name__}", file=sys.stderr)
    sys.exit(1)
