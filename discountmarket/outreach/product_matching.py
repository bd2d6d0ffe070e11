# ruff: noqa: RUF001 — words in Cyrillic and other scripts, and their signs, are the point.
"""Are two listings the same product? The rules, strongest evidence first:

1. Equal GTIN-14: the same product. Two different valid GTINs: not (a colour or size
   variant has its own).
2. Equal maker's part number with the same brand: the same; different part numbers of the
   same brand: not. A shop's SKU is its own and never compared.
3. Otherwise by title: the brands must agree; every model number, every quantity (in one
   unit per dimension), every variant word (Pro, Mini, Mk II…) and every colour named on
   both sides must agree; an accessory ("case for…") or a bundle never matches the thing
   itself. What is left is scored by title similarity (rapidfuzz).

Each decision says how it was made and how sure it is. Only ``SURE`` and above may be used
without a person looking; between ``UNSURE`` and ``SURE`` it goes to the operators.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from decimal import Decimal

from rapidfuzz import fuzz

from discountmarket.outreach.product_codes import normal_part_number
from discountmarket.outreach.product_identity import ProductIdentity
from discountmarket.outreach.product_titles import TitleFacts, fold, read_title, same_quantity

__all__ = ["SURE", "UNSURE", "Decision", "Listing", "decide"]

SURE = 0.85  # used without a person confirming
UNSURE = 0.6  # below this, not the same product
_CORPORATE = re.compile(
    r"(?<!\w)(?:inc|ltd|llc|gmbh|ag|co|corp|corporation|company|s\.?p\.?a|s\.?r\.?l|sa|bv|"
    r"ab|as|oy|kg|ооо|ао|s\.?r\.?o|sp\.? z o\.?o)\.?(?!\w)"
)


@dataclass(frozen=True)
class Listing:
    """One shop's page for a product, as read."""

    title: str
    identity: ProductIdentity


@dataclass(frozen=True)
class Decision:
    same: bool  # used as a match (confidence >= SURE)
    confidence: float  # 0..1
    by: str  # "gtin", "mpn", "title", or "none"
    reason: str  # in plain words, for operators

    @property
    def unsure(self) -> bool:
        return not self.same and self.confidence >= UNSURE


def _no(by: str, reason: str) -> Decision:
    return Decision(False, 0.0, by, reason)


def decide(wanted: Listing, candidate: Listing) -> Decision:
    """Is ``candidate`` the product ``wanted`` is?"""
    one, other = wanted.identity, candidate.identity
    if one.gtin and other.gtin:
        if one.gtin == other.gtin:
            return Decision(True, 0.99, "gtin", "same GTIN")
        # A page sold in sizes shows the GTIN of the size it has chosen (each has its own):
        # two such pages may still be the same product, for the maker's style code or the
        # title to settle. A maker's part number names the model in all its sizes.
        if not (one.variants or other.variants):
            return _no("gtin", "different GTINs")
    brands = _brands_agree(wanted, candidate)
    first_part, second_part = normal_part_number(one.mpn), normal_part_number(other.mpn)
    if first_part and second_part and brands:
        if first_part == second_part:
            return Decision(True, 0.95, "mpn", "same brand and part number")
        if _other_systems(first_part, second_part):
            return _for_operators(_by_title(wanted, candidate, brand_known=True))
        if _same_code_system(wanted, candidate, first_part, second_part):
            return _no("mpn", "same brand, different part numbers")
    if brands is False:
        return _no("title", "different brands")
    return _by_title(wanted, candidate, brand_known=brands is True)


def _for_operators(by_title: Decision) -> Decision:
    """Titles that agree beside part numbers of two code systems: likely the same product,
    but a colour, kit or region may live in the codes alone, so a person confirms."""
    if not by_title.same:
        return by_title
    reason = f"{by_title.reason}; part numbers of two code systems"
    return Decision(False, min(by_title.confidence, SURE - 0.05), "title", reason)


_OTHER_SYSTEM_DIGITS = 4  # "0000073101" beside "4": a catalogue number and a model code


def _other_systems(first: str, second: str) -> bool:
    """A catalogue number (a long run of digits) beside a model code (short ones), DJI's
    "CP.MA.00000731.01" beside "MT4MFVD": neither contradicts nor confirms the other."""
    return abs(_digit_run(first) - _digit_run(second)) >= _OTHER_SYSTEM_DIGITS


def _same_code_system(wanted: Listing, candidate: Listing, first: str, second: str) -> bool:
    """Whether two different part numbers contradict each other. Not when one extends the
    other (a family code and its order code with colour and region, "SM-S921B" and
    "SM-S921BZKDEUE"; "3YM62AE#BGX"), nor when one is the model number both titles name and
    the other is not (a maker's order code beside its model code: Dell's "210-BCXK" for
    the U2723QE, or a shop's "DELL-U2723QE")."""
    if first in second or second in first:
        return False
    shared = _long_codes(wanted) & _long_codes(candidate)
    return not any((code in first) != (code in second) for code in shared)


def _digit_run(code: str) -> int:
    """The longest run of digits in a (normalised) part number."""
    return max((len(run) for run in re.findall(r"\d+", code)), default=0)


def _long_codes(listing: Listing) -> set[str]:
    models = read_title(listing.title, listing.identity.brand).models
    return {model for model in models if _long_code(model)}


def _long_code(model: str) -> bool:
    """A model number that names one product by itself: letters and digits, five or more."""
    return len(model) >= 5 and not model.isdigit() and not model.isalpha()


def _by_title(wanted: Listing, candidate: Listing, *, brand_known: bool) -> Decision:
    brand_words = {word for listing in (wanted, candidate) for word in _brand_words(listing)}
    brand = wanted.identity.brand or candidate.identity.brand
    first, second = (
        _without_models(
            read_title(_described(listing), listing.identity.brand or brand), brand_words
        )
        for listing in (wanted, candidate)
    )
    codes = {
        code
        for listing in (wanted, candidate)
        for code in (
            normal_part_number(listing.identity.mpn),
            normal_part_number(listing.identity.sku),
        )
        if code
    }
    conflict = _conflict(first, second, brand_words, codes)
    if conflict:
        return _no("title", conflict)
    similarity = fuzz.token_set_ratio(" ".join(first.words), " ".join(second.words)) / 100
    if brand_known and _same_model(first, second):
        # The same brand and the same model numbers: the rest is wording (and language).
        confidence = 0.86 + 0.11 * similarity
    elif brand_known and first.name and first.name == second.name:
        # The same name after the brand ("Moka Express"), whatever category words each
        # shop's language puts around it.
        confidence = 0.88 + 0.09 * similarity
    else:
        confidence = 0.25 + 0.7 * similarity
    if not brand_known:
        # Nothing but words in common: too weak to tell a product from its neighbour.
        confidence = min(confidence, 0.75) - 0.1
    if _missing_quantity(first, second):
        confidence -= 0.1  # one side names a size the other does not: maybe another size
    confidence = round(max(confidence, 0.0), 2)
    return Decision(confidence >= SURE, confidence, "title", f"titles {similarity:.0%} alike")


def _same_model(first: TitleFacts, second: TitleFacts) -> bool:
    """Both titles name the same model (their model numbers agree, checked before): both
    have numbers with digits, or shared capitals ("EKG") with the same name up to them
    ("Stagg EKG" in both). Capitals alone name a technology as often as a model: "Syntax
    MIPS" and "Agilis MIPS" are two helmets."""
    if _numbered(first.models) and _numbered(second.models):
        return True
    for model in first.models & second.models:
        if model in first.name and model in second.name:
            before = first.name[: first.name.index(model)]
            if before == second.name[: second.name.index(model)]:
                return True
    return False


def _numbered(models: frozenset[str]) -> bool:
    return any(any(c.isdigit() for c in model) for model in models)


def _brand_words(listing: Listing) -> list[str]:
    brand = _brand(listing.identity.brand)
    return brand.split() if brand else []


def _without_models(facts: TitleFacts, words: set[str]) -> TitleFacts:
    """The brand's own letters ("MSR", "AEG") are no model number."""
    return replace(facts, models=facts.models - words) if words & facts.models else facts


def _described(listing: Listing) -> str:
    """The title plus the model and size the page states apart from it."""
    extra = [
        part
        for part in (listing.identity.model, listing.identity.size)
        if part and fold(part) not in fold(listing.title)
    ]
    return " ".join([listing.title, *extra])


def _conflict(
    first: TitleFacts, second: TitleFacts, brand_words: set[str], codes: set[str]
) -> str | None:
    if _accessory(first, second, brand_words) != _accessory(second, first, brand_words):
        return "one is an accessory for the other"
    if first.bundle != second.bundle:
        return "one is a bundle or set"
    variants = {v for v in first.variants ^ second.variants if not _glued_in(v, first, second)}
    if variants:
        return "different variants (" + ", ".join(sorted(variants)) + ")"
    if first.colours and second.colours and first.colours != second.colours:
        return "different colours"
    # A model number in the name (after the brand) that the other title lacks makes another
    # model; numbers further on are specs a shop chose to print ("PCIe 4.0", "2280"), and a
    # page's own part number or order code in its title is compared as such, not here.
    unexplained = (_unexplained(first, second) - codes) & first.lead_models | (
        (_unexplained(second, first) - codes) & second.lead_models
    )
    if _shared_long_code(first, second):
        # The same full model code ("DGA504Z"): letters-only words beside it name a platform
        # or technology ("LXT", "IPS"), not another model.
        unexplained = {model for model in unexplained if not model.isalpha()}
    if unexplained:
        return "different model numbers"
    return _quantity_conflict(first, second)


def _shared_long_code(first: TitleFacts, second: TitleFacts) -> bool:
    return any(_long_code(model) for model in first.models & second.models)


def _accessory(one: TitleFacts, other: TitleFacts, brand_words: set[str]) -> bool:
    """It says it is one, or it is "for" what the other title names."""
    named = set(other.name) | other.models | brand_words
    return one.accessory or bool(one.made_for & named)


def _glued_in(variant: str, first: TitleFacts, second: TitleFacts) -> bool:
    """ "micro SDXC" and "microSDXC" say the same: a variant word written glued to the next."""
    return variant in first.squashed and variant in second.squashed


def _quantity_conflict(first: TitleFacts, second: TitleFacts) -> str | None:
    """The largest amount per dimension must agree ("8/128 GB" is the 128 GB phone); a
    multipack ("4 x 250 g") is not the single item."""
    for dimension in {d for d, _ in first.quantities} & {d for d, _ in second.quantities}:
        one = max(v for d, v in first.quantities if d == dimension)
        other = max(v for d, v in second.quantities if d == dimension)
        if not same_quantity(one, other):
            return f"different {dimension}"
    packs = [
        max((v for d, v in facts.quantities if d == "pieces"), default=Decimal(1))
        for facts in (first, second)
    ]
    if packs[0] != packs[1] and max(packs) > 1 and min(packs) == 1:
        return "a multipack"
    return None


def _unexplained(first: TitleFacts, second: TitleFacts) -> set[str]:
    """The model numbers of one title the other does not have: as a token, or (long mixed
    codes only) somewhere in its letters and digits, however the shop split it."""
    words = set(second.words)
    squashed = second.squashed
    return {
        model
        for model in first.models
        if model not in words
        and not (len(model) >= 4 and not model.isdigit() and model in squashed)
        and not any(_suffixed(model, theirs) for theirs in second.models)
    }


def _suffixed(model: str, base: str) -> bool:
    """ "wh1000xm5b" is "wh1000xm5" with a maker's one- or two-letter colour or region
    suffix ("WH-1000XM5/B"): the same model, its colour told apart elsewhere."""
    rest = model[len(base) :]
    return len(base) >= 4 and model.startswith(base) and rest.isalpha() and len(rest) <= 2


def _missing_quantity(first: TitleFacts, second: TitleFacts) -> bool:
    one = {dimension for dimension, _ in first.quantities}
    other = {dimension for dimension, _ in second.quantities}
    return one != other


def _brands_agree(wanted: Listing, candidate: Listing) -> bool | None:
    """False only when both pages state different brands; True when both state the same
    one, or one states it and the other's title names it; else None (unknown)."""
    first, second = _brand(wanted.identity.brand), _brand(candidate.identity.brand)
    if first and second:
        return first == second or first in second.split() or second in first.split()
    if first or second:
        known, other_title = (first, candidate.title) if first else (second, wanted.title)
        return True if _brand_in_title(known, other_title) else None
    return None


def _brand_in_title(brand: str, title: str) -> bool:
    words = " ".join(re.findall(r"\w+", fold(title)))
    return f" {brand} " in f" {words} "


def _brand(value: str | None) -> str | None:
    if not value:
        return None
    words = " ".join(re.findall(r"\w+", _CORPORATE.sub(" ", fold(value))))
    return words or None
