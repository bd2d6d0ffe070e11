# ruff: noqa: RUF001, RUF003 — words in Cyrillic and other scripts, and their signs, are the point.
"""What a product title says that decides whether two listings are the same product: its
model numbers, its quantities (capacity, weight, volume, pieces, screen size…) in one unit
per dimension, the variant words that make a different product (Pro, Max, Mini, Mk II…),
colours, and whether it is an accessory for something or a bundle of several things.

Pure text in, values out. Words are listed for the languages the shops we serve write in;
a title in another language simply yields fewer of them, which makes a match less sure,
never more.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from discountmarket.outreach.form_words import fold

__all__ = ["TitleFacts", "fold", "name_query", "read_title", "same_quantity"]

_MAX_TITLE = 300


# unit -> (dimension, factor to the dimension's base unit)
_UNITS: dict[str, tuple[str, Decimal]] = {}
for _dimension, _table in {
    "data": {
        "kb": "0.001",
        "mb": "1",
        "gb": "1000",
        "tb": "1000000",
        "gib": "1074",
        "tib": "1099512",
        "гб": "1000",
        "тб": "1000000",
        "мб": "1",
        "go": "1000",  # French: gigaoctet
        "mo": "1",
    },
    "volume": {
        "ml": "1",
        "cl": "10",
        "dl": "100",
        "l": "1000",
        "ltr": "1000",
        "litre": "1000",
        "liter": "1000",
        "litres": "1000",
        "liters": "1000",
        "мл": "1",
        "л": "1000",
        "fl oz": "29.57",
        "floz": "29.57",
    },
    "mass": {
        "mg": "0.001",
        "g": "1",
        "gr": "1",
        "kg": "1000",
        "г": "1",
        "гр": "1",
        "кг": "1000",
        "lb": "453.6",
        "lbs": "453.6",
        "oz": "28.35",
    },
    "length": {
        "mm": "1",
        "cm": "10",
        "m": "1000",
        "мм": "1",
        "см": "10",
        "inch": "25.4",
        "in": "25.4",
        "zoll": "25.4",
        '"': "25.4",
        "\u2033": "25.4",
        "дюйм": "25.4",
        "дюйма": "25.4",
        "дюймов": "25.4",
        "palců": "25.4",
        "cali": "25.4",
    },
    "power": {"w": "1", "kw": "1000", "вт": "1", "квт": "1000"},
    "charge": {"mah": "1", "ah": "1000", "мач": "1"},
    "voltage": {"v": "1", "в": "1"},
    "pieces": {
        "pcs": "1",
        "pc": "1",
        "pieces": "1",
        "piece": "1",
        "pack": "1",
        "pk": "1",
        "count": "1",
        "ct": "1",
        "stk": "1",
        "stück": "1",
        "шт": "1",
        "ks": "1",
        "szt": "1",
        "pz": "1",
        "pièces": "1",
        "uds": "1",
        "er-pack": "1",
    },
    "cups": {
        "cup": "1",
        "cups": "1",
        "tasse": "1",
        "tassen": "1",
        "tazze": "1",
        "tasses": "1",
        "чашек": "1",
        "чашки": "1",
        "чашка": "1",
        "šálků": "1",
        "šálky": "1",
        "filiżanek": "1",
        "koppen": "1",
        "kopper": "1",
        "koppar": "1",
    },
}.items():
    for _unit, _factor in _table.items():
        _UNITS[fold(_unit)] = (_dimension, Decimal(_factor))  # titles are read folded

_UNIT_WORDS = "|".join(sorted(map(re.escape, _UNITS), key=len, reverse=True))
_QUANTITY = re.compile(
    rf"(?<![\w.,])(\d+(?:[.,]\d+)?)\s*[-\u2011]?\s*({_UNIT_WORDS})(?!\w)", re.IGNORECASE
)


def _spelled_out(text: str) -> str:
    """Shorthands written the long way, so both spellings compare: "8/128 GB" (a phone's
    memory and storage) is "8 GB 128 GB"; "Primacy 4+" is "Primacy 4 plus" (a successor);
    "eau de parfum" is "edp" (perfume strengths are different products)."""
    text = _SLASHED.sub(r"\1 \3 \2 \3", text)
    text = _GLUED_PLUS.sub(r"\1 plus", text)
    for long, short in _STRENGTHS:
        text = text.replace(long, short)
    return text


_GLUED_PLUS = re.compile(r"([^\W_])\+(?![\w+])")
_STRENGTHS = (("eau de toilette", "edt"), ("eau de parfum", "edp"), ("eau de cologne", "edc"))
# "8/128 GB" (a phone's memory and storage) is "8 GB 128 GB".
_SLASHED = re.compile(rf"(?<![\w.])(\d+)\s*/\s*(\d+)\s*({_UNIT_WORDS})(?!\w)", re.IGNORECASE)
# "2x 250 g", "2 × Filter", "x2": a multipack, not part of a model code such as "1000XM5".
_MULTIPACK = re.compile(
    r"(?<![\w\-/.])(\d{1,3})\s*[x×](?=\s|\d)|(?<![\w\-/.])[x×]\s*(\d{1,3})(?!\w)", re.I
)
_LEAD_WORDS = 4
# Technical and market abbreviations that describe a product rather than name it.
_TECHNICAL = frozenset(
    "ssd hdd usb led lcd oled hd uhd fhd hdr nfc gps wifi dab anc tws rgb pc tv dslr "  # noqa: SIM905
    "slr ac dc eu uk us uv bpa pvc ptfe ips va tn cpu gpu ram nvme sata pcie ddr ce "
    "iso diy new neu sale set kit".split()
)
_ACRONYM = re.compile(r"(?<![\w\-/.])[A-Z]{2,4}(?![\w\-/.])")  # not part of a code
_TOKEN = re.compile(r"[^\W_]+(?:[-./][^\W_]+)*")

# A different product of the same line, when one title says it and the other does not.
_VARIANT_WORDS = frozenset(
    "pro max plus mini micro nano lite ultra air se xl xxl xs neo slim deluxe premium "  # noqa: SIM905
    "sport compact junior jr kids edge fe ii iii iv vi vii viii ix mk mkii mkiii "
    "ti super xt xtx oc "  # graphics cards: an RTX 4060 Ti or OC is another card
    "edt edp edc parfum extrait про "
    "макс мини лайт ультра".split()
)
_COLOURS = {
    fold(word): colour
    for colour, words in {
        "black": "black schwarz noir negro nero черный чёрный černá czarny zwart svart musta",
        "white": "white weiß weiss blanc blanco bianco белый bílá biały wit vit valkoinen",
        "silver": "silver silber argent plata argento серебристый stříbrná srebrny zilver",
        "grey": "grey gray grau gris grigio серый šedá szary grijs grå harmaa graphite",
        "red": "red rot rouge rojo rosso красный červená czerwony rood röd punainen",
        "blue": "blue blau bleu azul blu синий голубой modrá niebieski blauw blå sininen navy",
        "green": "green grün vert verde зеленый зелёный zelená zielony groen grön vihreä",
        "yellow": "yellow gelb jaune amarillo giallo желтый žlutá żółty geel gul keltainen",
        "pink": "pink rosa rose розовый růžová różowy roze",
        "gold": "gold or oro золотой zlatá złoty goud guld kulta",
        "brown": "brown braun marron marrón коричневый hnědá brązowy bruin brun ruskea",
        "beige": "beige бежевый béžová beżowy",
        "orange": "orange naranja arancione оранжевый oranžová pomarańczowy oranje",
        "purple": "purple lila violet morado viola фиолетовый fialová fioletowy paars",
    }.items()
    for word in words.split()
}
# An accessory says so ("replacement…", "compatible with…"), or names what it is for:
# "case for WH-1000XM5" (the words after "for" are another product's); "für Erwachsene" or
# "para hombre" are no such thing. Written folded (accents dropped), as titles are read.
_ACCESSORY = re.compile(
    r"(?<!\w)(?:compatible with|kompatibel mit|compatible avec|совместим\w*|replacement|"
    r"ersatz\w*|spare|сменн\w*|запасн\w*|nahradni|zamiennik|refill|recharge|ricarica|"
    r"nachfull\w*|napln|wklad|repuesto|recambio)(?!\w)",
    re.IGNORECASE,
)
_FOR = re.compile(
    r"(?<!\w)(?:for|fits|fur|pour|para|per|для|voor|til|varten|do)\s+((?:[^\W_]+[\s,]*){1,3})",
    re.IGNORECASE,
)
_BUNDLE = re.compile(
    r"(?<!\w)(?:bundle|combo|kit|set|sets|pack|multipack|комплект|набор|sada|zestaw|lot de|"
    r"coffret|paket|bundel)(?!\w)|\s\+\s|(?<!\w)(?:with|mit|avec|con|с|se|z|met|med)\s+\d",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class TitleFacts:
    """The deciding facts of one title."""

    words: tuple[str, ...]  # folded tokens, in order
    models: frozenset[str]  # tokens with digits that are not quantities ("wh1000xm5", "2")
    lead_models: frozenset[str]  # ... among the words after the brand, where names are
    name: tuple[str, ...]  # the words after the brand, up to a quantity: "moka express"
    quantities: tuple[tuple[str, Decimal], ...]  # (dimension, value in the base unit)
    variants: frozenset[str]
    colours: frozenset[str]
    accessory: bool  # says it is one ("replacement", "compatible with")
    made_for: frozenset[str]  # the words after "for": an accessory when they name the other
    bundle: bool

    @property
    def squashed(self) -> str:
        """Letters and digits only, to find a model token however it was split."""
        return "".join(self.words)


def read_title(title: str, brand: str | None = None) -> TitleFacts:
    """The deciding facts of a title; ``brand`` (as the page states it) places the product's
    name, which follows the brand however many category words come first ("Cafetière
    italienne Bialetti Moka Express 6 tasses")."""
    text = _spelled_out(fold(title[:_MAX_TITLE]))
    quantities: list[tuple[str, Decimal]] = []
    spans: list[tuple[int, int]] = []
    for match in _QUANTITY.finditer(text):
        dimension, factor = _UNITS[fold(match.group(2)).lower()]
        try:
            value = Decimal(match.group(1).replace(",", ".")) * factor
        except InvalidOperation:
            continue
        quantities.append((dimension, value))
        spans.append(match.span())
    for match in _MULTIPACK.finditer(text):
        quantities.append(("pieces", Decimal(match.group(1) or match.group(2))))
        spans.append(match.span())
    raw = tuple(_TOKEN.findall(text))
    words = tuple(_squash(word) for word in raw)
    in_quantity = {_squash(word) for word in _words_inside(text, spans)}
    start = _after_brand(words, brand)
    window = list(words[start : start + _LEAD_WORDS])
    original = _TOKEN.findall(title[:_MAX_TITLE])
    named = original[start : start + _LEAD_WORDS] if len(original) == len(words) else window
    # A name is written with capitals or digits ("Moka Express", "Go", "990 PRO"); the
    # lower-case words after it describe ("konvička na 6 šálků", "cafetière de voyage").
    name = tuple(
        word
        for word, _ in itertools.takewhile(
            lambda pair: pair[0] not in in_quantity and not pair[1][:1].islower(),
            zip(window, named, strict=False),
        )
    )
    models = frozenset(
        word for word in words if any(c.isdigit() for c in word) and word not in in_quantity
    ) | _acronyms(title[:_MAX_TITLE], set(window))
    return TitleFacts(
        words=words,
        models=models,
        lead_models=models & set(window),
        name=name,
        quantities=tuple(quantities),
        variants=frozenset(word for word in words if word in _VARIANT_WORDS),
        colours=frozenset(_COLOURS[word] for word in words if word in _COLOURS),
        accessory=bool(_ACCESSORY.search(text)),
        made_for=frozenset(_made_for(text)),
        bundle=bool(_BUNDLE.search(text)),
    )


def _made_for(text: str) -> list[str]:
    """The word right after each "for" ("case for Sony…": sony), past a short article
    ("for the iPhone"); "Młynek do kawy Baratza" is made for coffee, not for Baratza."""
    found = []
    for match in _FOR.finditer(text):
        words = [_squash(word) for word in _TOKEN.findall(match.group(1))][:2]
        short = words and len(words[0]) <= 3 and not any(c.isdigit() for c in words[0])
        found.extend(words[1:2] if short else words[:1])
    return found


def _squash(word: str) -> str:
    return re.sub(r"[-./]", "", word)


def _after_brand(words: tuple[str, ...], brand: str | None) -> int:
    """Where the name starts: after the brand's words when the title has them, else at
    the start."""
    brand_words = [_squash(word) for word in _TOKEN.findall(fold(brand or ""))]
    size = len(brand_words)
    if size:
        for index in range(len(words) - size + 1):
            if list(words[index : index + size]) == brand_words:
                return index + size
    return 0


def name_query(title: str, brand: str | None) -> str:
    """Brand and model as a person would search for them: the brand, then the title's
    words after it up to its last model number or variant word ("Samsung 990 PRO"), or
    up to its first quantity ("Bialetti Moka Express")."""
    facts = read_title(title, brand)
    original = _TOKEN.findall(title[:_MAX_TITLE])
    raw = original if len(original) == len(facts.words) else list(facts.words)
    start = _after_brand(facts.words, brand)
    if start == 0 and len(raw) == len(facts.words):
        # No brand in the title ("Mando inalámbrico Xbox Carbon Black"): its names are the
        # words written with a capital or a digit after the first, which any title starts
        # with; the lower-case words around them are the shop's language.
        named = [word for word in raw[1 : 2 * _LEAD_WORDS] if _is_name(word)][:_LEAD_WORDS]
        if named:
            return " ".join(named)
    window = list(range(start, min(start + _LEAD_WORDS, len(raw))))
    marked = [i for i in window if facts.words[i] in facts.models | facts.variants]
    chosen = window[: marked[-1] - start + 1] if marked else window[: len(facts.name)]
    words = [brand] if brand and start else []
    return " ".join([*words, *(raw[i] for i in chosen)]) or title[:80]


def _is_name(word: str) -> bool:
    return word[:1].isupper() or any(c.isdigit() for c in word)


def _acronyms(title: str, lead: set[str]) -> frozenset[str]:
    """Short all-capital words among the first words name a model as surely as digits do
    ("Encore ESP", "Stagg EKG"), unless they are a unit ("GB"), a variant word (compared on
    their own) or a technical term any title may add ("SSD", "USB")."""
    found = set()
    for word in _ACRONYM.findall(title):
        folded = fold(word)
        if folded in lead and folded not in _UNITS and folded not in _VARIANT_WORDS | _TECHNICAL:
            found.add(folded)
    return frozenset(found)


def _words_inside(text: str, spans: list[tuple[int, int]]) -> set[str]:
    inside: set[str] = set()
    for start, end in spans:
        inside.update(_TOKEN.findall(text[start:end]))
    return inside


def same_quantity(first: Decimal, second: Decimal) -> bool:
    """Equal within 3%: "13.3 inch" and "33.8 cm", "1 l" and "1000 ml" agree; 250 g and
    500 g do not."""
    larger = max(first, second)
    return larger == 0 or abs(first - second) / larger <= Decimal("0.03")
