"""Product-matching figures: the labelled pairs of the local catalogue shops, each product
page read in its shop and looked for in every other shop through that shop's own search
(tests/catalogue*.py: eleven shops, one search convention each), then the same on the
held-out catalogues, built apart from the rules (tests/catalogue_heldout*.py).

Precision: of the pairs matched, how many to the labelled page. Recall: of the pairs with
a labelled page, how many matched to it (a shop whose robots.txt forbids its search counts
as a miss). Unsure decisions (kept for operators) count as not matched.

    .venv/bin/python bench/product_matching.py [--show-errors] [--only 'held-out 6']
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tests.catalogue import CATALOGUE, PAIRS
from tests.catalogue_heldout import HELDOUT, HELDOUT_PAIRS
from tests.catalogue_heldout2 import HELDOUT2, HELDOUT2_PAIRS
from tests.catalogue_heldout3 import HELDOUT3, HELDOUT3_PAIRS
from tests.catalogue_heldout4 import HELDOUT4, HELDOUT4_PAIRS
from tests.catalogue_heldout5 import HELDOUT5, HELDOUT5_PAIRS
from tests.catalogue_heldout6 import HELDOUT6, HELDOUT6_PAIRS
from tests.catalogue_heldout7 import HELDOUT7, HELDOUT7_PAIRS
from tests.catalogue_sites import serve_catalogue
from tests.matching.pair_runner import PairOutcome, figures, run_pairs


def report(name: str, outcomes: list[PairOutcome], seconds: float, show_errors: bool) -> None:
    found = figures(outcomes)
    unsure = sum(o.report.unsure is not None and o.matched is None for o in outcomes)
    searches = sum(o.report.searches for o in outcomes)
    print(
        f"{name}: {found.pairs} pairs, {found.true_matches} with a page; matched "
        f"{found.matched}, right {found.right_matches}: precision {found.precision:.3f}, "
        f"recall {found.recall:.3f}; {unsure} left unsure; {searches} searches, "
        f"{seconds:.1f} s"
    )
    for outcome in outcomes if show_errors else []:
        if not outcome.right:
            pair = outcome.pair
            print(
                f"  {pair.product}: {pair.source_shop} -> {pair.target_shop}: expected "
                f"{pair.expected_path}, got {outcome.matched}"
            )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--show-errors", action="store_true")
    parser.add_argument("--only", help="one dataset by name, e.g. 'held-out 6'")
    args = parser.parse_args()
    datasets = (
        ("catalogue", CATALOGUE, PAIRS),
        ("held-out", HELDOUT, HELDOUT_PAIRS),
        ("held-out 2", HELDOUT2, HELDOUT2_PAIRS),
        ("held-out 3", HELDOUT3, HELDOUT3_PAIRS),
        ("held-out 4", HELDOUT4, HELDOUT4_PAIRS),
        ("held-out 5", HELDOUT5, HELDOUT5_PAIRS),
        ("held-out 6", HELDOUT6, HELDOUT6_PAIRS),
        ("held-out 7", HELDOUT7, HELDOUT7_PAIRS),
    )
    for name, dataset, pairs in datasets:
        if args.only and name != args.only:
            continue
        started = time.monotonic()
        with serve_catalogue(dataset=dataset) as shops:
            outcomes = run_pairs(shops, pairs)
        report(name, outcomes, time.monotonic() - started, args.show_errors)


if __name__ == "__main__":
    main()
