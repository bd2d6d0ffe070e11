"""Runs the labelled pairs of tests/catalogue.py through the real finder: read the product
page in its source shop, search the target shop, and compare what was found with the label.
Shared by the matching tests and bench/product_matching.py."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from urllib.parse import parse_qsl, urlsplit

from discountmarket.outreach.http import GuardedClient
from discountmarket.outreach.listing_finder import FindReport, ListingFinder
from discountmarket.outreach.products import read_product
from tests.catalogue import Pair
from tests.catalogue_sites import CatalogueShops


@dataclass(frozen=True)
class PairOutcome:
    pair: Pair
    report: FindReport

    @property
    def matched(self) -> str | None:
        return self.report.match.url if self.report.match else None

    @property
    def right(self) -> bool:
        expected = self.pair.expected_path
        if self.matched is None:
            return expected is None
        return expected is not None and same_page(self.matched, expected)


def same_page(url: str, expected_path: str) -> bool:
    """The same path, and every query parameter of the label with its value (shops add
    their own, such as OpenCart's ``&search=``)."""
    found, wanted = urlsplit(url), urlsplit(expected_path)
    params = dict(parse_qsl(found.query))
    same_query = all(params.get(key) == value for key, value in parse_qsl(wanted.query))
    return found.path.rstrip("/") == wanted.path.rstrip("/") and same_query


def client_for(shops: CatalogueShops) -> GuardedClient:
    hosts = [urlsplit(base).netloc for base in shops.bases.values()]
    return GuardedClient(user_agent="DiscountMarketBot/1.0", allow_hosts=hosts, min_interval=0)


def run_pairs(shops: CatalogueShops, pairs: Iterable[Pair]) -> list[PairOutcome]:
    outcomes = []
    with client_for(shops) as client:
        for pair in pairs:
            source = client.get(shops.url(pair.source_shop, pair.source_path))
            snapshot, identity = read_product(source.content, source.url, encoding=source.encoding)
            assert snapshot.title, f"no title on {pair.source_shop}{pair.source_path}"
            finder = ListingFinder(client, max_searches=4)
            report = finder.find(snapshot.title, identity, shops.url(pair.target_shop, "/"))
            outcomes.append(PairOutcome(pair, report))
    return outcomes


@dataclass(frozen=True)
class Figures:
    pairs: int
    true_matches: int  # pairs labelled with a page
    matched: int  # pairs we matched (to any page)
    right_matches: int  # ... to the labelled page

    @property
    def precision(self) -> float:
        return self.right_matches / self.matched if self.matched else 1.0

    @property
    def recall(self) -> float:
        return self.right_matches / self.true_matches if self.true_matches else 1.0


def figures(outcomes: list[PairOutcome]) -> Figures:
    return Figures(
        pairs=len(outcomes),
        true_matches=sum(o.pair.expected_path is not None for o in outcomes),
        matched=sum(o.matched is not None for o in outcomes),
        right_matches=sum(o.matched is not None and o.right for o in outcomes),
    )
