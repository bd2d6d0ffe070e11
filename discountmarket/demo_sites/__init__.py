"""Sample store sites for the offline demo (``flask demo-sites``, ``make run``).

A handful of small shops served on 127.0.0.1: home, product and contact pages written the
way real shops write them (JSON-LD or OpenGraph prices, a contact form, an address in the
page), so the whole loop — product fetch, probing, e-mail and contact-form delivery — runs
without the internet. Each shop keeps the contact-form messages it receives and lists them
on its ``/inbox`` page. Nothing here is imported by the application proper; only the demo
seeding reads the catalogue.
"""

from discountmarket.demo_sites.catalogue import SHOPS, Shop, ports, site_urls
from discountmarket.demo_sites.server import RunningShop, serving

__all__ = ["SHOPS", "RunningShop", "Shop", "ports", "serving", "site_urls"]
