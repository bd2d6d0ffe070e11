"""Outreach: everything that talks to the outside world (stores' sites, mail servers), and the
only package that does; services and tasks call into it.

* Fetching: the guarded HTTP client (``http.py``) over pinned connections
  (``connections.py``), with its address policy (``addresses.py``), limits (``deadlines.py``,
  ``responses.py``), manners (``robots.py``, ``politeness.py``) and errors (``errors.py``).
* Reading what was fetched, without the network: product pages (``products.py``, built on
  ``product_page.py``, ``product_prices.py``, ``prices.py`` and ``currencies.py``), store
  discovery (``discovery.py``, ``contacts.py``), contact forms (``forms.py`` and the
  ``form_*.py`` modules) and HTML in general (``markup.py``, ``jsonld.py``, ``decoding.py``).
* Mail composed and sent over SMTP (``mail.py``) and signed, expiring links (``tokens.py``).

Outreach writes nothing to the database: it returns what it found or did, and the services
that called it record that.
"""
