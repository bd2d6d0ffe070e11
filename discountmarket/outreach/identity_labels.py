# ruff: noqa: RUF001 — words in Cyrillic and other scripts, and their signs, are the point.
"""Product codes and brands written as labelled text on a page ("EAN: 4006381333931",
"Art.-Nr. 10432", "Артикул: 1X-22", "Kód: 5521", "Marke: Bialetti"), in a specification
table (``<th>EAN</th><td>…</td>``, ``<dt>``/``<dd>``) or in running text.

The labels are the words shops of many languages print beside a code; what a label means
follows how shops use it: "Art.-Nr.", "Артикул" or "Kód" is the shop's own article number
(a SKU, never comparable across shops), "Hersteller-Nr." or "MPN" the maker's part number.
No network; nothing here raises on what a page contains.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from bs4 import Tag

from discountmarket.outreach.markup import Page, visible_text

__all__ = ["LabelledCodes", "labelled_codes"]

_TEXT_LIMIT = 60_000  # a product page's specification is near the top; enough of it
_VALUE_LIMIT = 80
_LINE_LIMIT = 4_000

# Longer labels first inside each alternation, so "EAN code" is not read as "EAN" + "code".
_GTIN = (
    r"gtin(?:[- ]?(?:14|13|12|8))?|ean(?:[- ]?(?:13|8))?(?:[- ]?(?:code|kód|kod|код|nummer))?"
    r"|upc(?:[- ]?a)?(?:[- ]?code)?|isbn(?:[- ]?1[03])?|jan(?:[- ]?code)?|bar[- ]?code"
    r"|штрих[- ]?код|штрихкод|čárový kód|kod kreskowy|código de barras|code[- ]barres"
    r"|strekkode|streckkod|stregkode|viivakoodi"
)
_MPN = (
    r"mpn|manufacturer(?:'s)? part(?: number| no\.?| #)?|mfr\.? part(?: number| no\.?| #)?"
    r"|mfg\.? part(?: number| no\.?)?|part(?: number| no\.?| #)|model(?: number| no\.?| #)"
    r"|hersteller[- ]?(?:artikel)?(?:nummer|nr\.?)|herstellernummer|modellnummer"
    r"|r[ée]f[ée]rence fabricant|r[ée]f\.? fabricant|référence constructeur"
    r"|referencia del fabricante|código del fabricante|numero di parte|codice produttore"
    r"|код производителя|артикул производителя|партномер|kód výrobce|kod producenta"
    r"|part number|onderdeelnummer|tillverkarens artikelnummer|valmistajan koodi"
)
_SKU = (
    r"sku|art\.?[- ]?nr\.?|artikel[- ]?(?:nummer|nr\.?)|artikelnummer|item(?: no\.?| number| #)"
    r"|product code|product id|артикул|код товара|kód(?: produktu| zboží)?|kod(?: produktu)?"
    r"|katalogové číslo|código|référence|réf\.?|codice articolo|varenummer|tuotenumero"
)
_MODEL = r"model|modell|modèle|modelo|modello|модель|malli|modelis"
_BRAND = (
    r"brand|marke|hersteller|manufacturer|бренд|производитель|торговая марка|značka|výrobce"
    r"|marque|marca|producent|merk|varumärke|mærke|valmistaja|merkki|produttore|fabricante"
)
_KINDS = (("gtin", _GTIN), ("mpn", _MPN), ("model", _MODEL), ("sku", _SKU), ("brand", _BRAND))
_LABEL = re.compile(
    r"^[\s•·*\-]*(?:" + "|".join(f"(?P<{kind}>{words})" for kind, words in _KINDS) + r")"
    r"\s*(?:(?P<colon>[:：#=\-–—]|\.(?=\s))|\s(?=\S))\s*(?P<value>.*)$",
    re.IGNORECASE,
)
_LABEL_ALONE = re.compile(
    r"^[\s•·*\-]*(?:" + "|".join(f"(?P<{kind}>{words})" for kind, words in _KINDS) + r")"
    r"\s*[:：#]?\s*$",
    re.IGNORECASE,
)
_DIGIT_RUN = re.compile(r"\d[\d\s\-]{6,22}\d")
_CODE = re.compile(r"[0-9A-Za-z][0-9A-Za-z\-./_]{1,38}[0-9A-Za-z]|[0-9A-Za-z]{3}")


@dataclass
class LabelledCodes:
    """First value found for each label kind; ``gtins`` keeps every digit run that followed
    a GTIN label, for the caller to validate."""

    gtins: list[str] = field(default_factory=list)
    mpn: str | None = None
    model: str | None = None
    sku: str | None = None
    brand: str | None = None


def labelled_codes(page: Page) -> LabelledCodes:
    """Codes and a brand from the page's visible "label: value" text."""
    root = page.soup.body if isinstance(page.soup.body, Tag) else page.soup
    lines = [line.strip() for line in visible_text(root, _TEXT_LIMIT).split("\n")]
    lines = [line[:_LINE_LIMIT] for line in lines if line]
    found = LabelledCodes()
    for index, line in enumerate(lines):
        match = _LABEL.match(line)
        value = match.group("value") if match else None
        if match is None:
            match = _LABEL_ALONE.match(line)
            if match is None or index + 1 >= len(lines):
                continue
            value = lines[index + 1]  # a specification table: the value is the next cell
        kind = next(kind for kind, _ in _KINDS if match.group(kind))
        # Without a colon or a table cell, "Brand new" or "Model railway" is prose.
        spelled_out = "colon" not in match.groupdict() or match.group("colon") is not None
        if spelled_out or (kind != "brand" and any(c.isdigit() for c in value or "")):
            _keep(found, kind, (value or "")[:_VALUE_LIMIT])
    return found


def _keep(found: LabelledCodes, kind: str, value: str) -> None:
    if kind == "gtin":
        found.gtins.extend(run.group() for run in _DIGIT_RUN.finditer(value))
        return
    if kind == "brand":
        brand = value.strip(" .,;:|")
        if brand and found.brand is None and len(brand) <= 60 and not _DIGIT_RUN.search(brand):
            found.brand = brand
        return
    code = _CODE.match(value.strip())
    if code and getattr(found, kind) is None:
        setattr(found, kind, code.group())
