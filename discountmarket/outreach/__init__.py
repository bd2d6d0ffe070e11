"""Everything that talks to the outside world: mail, signed links, and (later) the guarded
HTTP client, product pages and store discovery."""
