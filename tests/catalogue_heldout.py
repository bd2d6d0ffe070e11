"""A held-out catalogue: the eleven shops of tests/catalogue.py (same platforms, languages,
currencies and search conventions) selling other goods under other title-writing habits, to
estimate how product matching does on shops and goods it was not tuned on.

Ten families, each with the real product beside the near-misses real shops confuse: a drill
bare or in a kit or in an L-BOXX, its hammer-drill twin and its bigger brother; a memory
card's capacities, its PRO line and its action-camera pack; a face cream's jar, refill and
smaller jar; a novel's paperback, hardcover, UK edition and its translations (one titled as
the original); a LEGO set, a sibling set and a light kit "for" it; a phone's storage and
colour variants, its "+" model, its predecessor and its case; running shoes by model
version and gender, sold in sizes whose own GTINs the pages show; coffee beans by weight,
ground coffee, a multipack and another blend; an espresso machine's colour variant,
successor and spare water tank; a skillet in inches and centimetres.

Shops write titles with the category first, ALL CAPS brands, marketing words, truncation,
no brand at all (only in structured data or a spec table), RAM/storage as "8/128", sizes as
US/UK/EU/RU, weights in lb and oz. Some pages give no GTIN or MPN, some the generic model
code ("SM-S921B/DS") or a dotted order number ("0.601.9H5.202"), some the author or the
publisher as the brand. Brands, models and Samsung, SanDisk, Lodge, De'Longhi and Nike codes
are real or real-shaped; the GTINs and ISBNs are stand-ins with computed check digits.
``HELDOUT_PAIRS`` labels, for 13 products, the page of exactly that product in each other
shop (or None).

    with serve_catalogue(dataset=HELDOUT) as shops:
        outcomes = run_pairs(shops, HELDOUT_PAIRS)
"""

# ruff: noqa: RUF001 — family names in Cyrillic are the point here.

from __future__ import annotations

from tests.catalogue import Dataset, Pair, Product, make_categories, make_products, make_shops
from tests.catalogue_heldout_listings import HELDOUT_ROWS, SHOE_PREFIXES, SHOE_SIZE
from tests.catalogue_heldout_more_listings import MORE_ROWS

__all__ = [
    "HELDOUT",
    "HELDOUT_CATEGORIES",
    "HELDOUT_PAIRS",
    "HELDOUT_PRODUCTS",
    "HELDOUT_SHOPS",
    "HELDOUT_SOURCES",
]


def _shoe(product: str) -> str:
    """A shoe's GTIN without its check digit: the one of its EU 42 / US 8.5."""
    return SHOE_PREFIXES[product] + f"{SHOE_SIZE:02d}"


# fmt: off
HELDOUT_PRODUCTS: dict[str, Product] = make_products(
    ("gsr55-solo", "drill", "main", "Bosch",
     "Bosch GSR 18V-55 Professional drill driver, bare tool", "405995259681", "06019H5202"),
    ("gsr55-solo-lboxx", "drill", "near_miss", "Bosch",
     "Bosch GSR 18V-55 Professional drill driver, bare tool in L-BOXX", "405995259698",
     "06019H5203"),
    ("gsr55-kit", "drill", "bundle", "Bosch",
     "Bosch GSR 18V-55 Professional with 2 x 2.0 Ah batteries and charger", "405995259704",
     "06019H5204"),
    ("gsb55-solo", "drill", "near_miss", "Bosch",
     "Bosch GSB 18V-55 Professional combi drill, bare tool", "405995259742", "06019H5302"),
    ("gsr60c-solo", "drill", "near_miss", "Bosch",
     "Bosch GSR 18V-60 C Professional drill driver, bare tool", "405995254233", "06019G1102"),
    ("sd-ext-128", "microsd", "main", "SanDisk",
     "SanDisk Extreme microSDXC 128 GB with SD adapter", "61965918483", "SDSQXAA-128G-GN6MA"),
    ("sd-ext-256", "microsd", "variant", "SanDisk",
     "SanDisk Extreme microSDXC 256 GB with SD adapter", "61965918485", "SDSQXAV-256G-GN6MA"),
    ("sd-pro-128", "microsd", "near_miss", "SanDisk",
     "SanDisk Extreme PRO microSDXC 128 GB with SD adapter", "61965918818",
     "SDSQXCD-128G-GN6MA"),
    ("sd-ext-128-action", "microsd", "near_miss", "SanDisk",
     "SanDisk Extreme microSDXC 128 GB for action cameras", "61965918480",
     "SDSQXAA-128G-GN6AA"),
    ("absolue-soft-60", "cream", "main", "Lancôme",
     "Lancôme Absolue Soft Cream 60 ml", "361427360162", None),
    ("absolue-soft-60-refill", "cream", "near_miss", "Lancôme",
     "Lancôme Absolue Soft Cream refill 60 ml", "361427360179", None),
    ("absolue-soft-30", "cream", "variant", "Lancôme",
     "Lancôme Absolue Soft Cream 30 ml", "361427360186", None),
    ("absolue-rich-60", "cream", "near_miss", "Lancôme",
     "Lancôme Absolue Rich Cream 60 ml", "361427360193", None),
    ("phm-pb-us", "book", "main", "Ballantine Books",
     "Project Hail Mary by Andy Weir, paperback", "978059313522", None),
    ("phm-hc-us", "book", "variant", "Ballantine Books",
     "Project Hail Mary by Andy Weir, hardcover", "978059313520", None),
    ("phm-pb-uk", "book", "near_miss", "Del Rey",
     "Project Hail Mary by Andy Weir, UK paperback", "978152915761", None),
    ("phm-de", "book", "near_miss", "Heyne",
     "Der Astronaut by Andy Weir (German translation)", "978345332156", None),
    ("phm-es", "book", "near_miss", "Nova",
     "Proyecto Hail Mary by Andy Weir (Spanish translation)", "978841814335", None),
    ("phm-fr", "book", "near_miss", "Bragelonne",
     "Projet Dernière Chance by Andy Weir (French translation)", "979103281246", None),
    ("phm-ru", "book", "near_miss", "АСТ",
     "Проект «Аве Мария» by Andy Weir (Russian translation)", "978517137447", None),
    ("phm-pl", "book", "near_miss", "Akurat",
     "Projekt Hail Mary by Andy Weir (Polish translation)", "978836630612", None),
    ("lego-42115", "lego", "main", "LEGO",
     "LEGO Technic 42115 Lamborghini Sián FKP 37", "570201661276", "42115"),
    ("lego-42143", "lego", "near_miss", "LEGO",
     "LEGO Technic 42143 Ferrari Daytona SP3", "570201711743", "42143"),
    ("lego-42141", "lego", "near_miss", "LEGO",
     "LEGO Technic 42141 McLaren Formula 1 race car", "570201711696", "42141"),
    ("lego-42115-light", "lego", "accessory", "Briksmax",
     "LED light kit for LEGO Technic 42115 Lamborghini Sián", "694250211503", None),
    ("s24-128-black", "phone", "main", "Samsung",
     "Samsung Galaxy S24 128 GB Onyx Black", "880609532601", "SM-S921BZKDEUE"),
    ("s24-256-black", "phone", "variant", "Samsung",
     "Samsung Galaxy S24 256 GB Onyx Black", "880609532649", "SM-S921BZKGEUE"),
    ("s24-128-violet", "phone", "variant", "Samsung",
     "Samsung Galaxy S24 128 GB Cobalt Violet", "880609532625", "SM-S921BZVDEUE"),
    ("s24plus-256-black", "phone", "near_miss", "Samsung",
     "Samsung Galaxy S24+ 256 GB Onyx Black", "880609533165", "SM-S926BZKDEUE"),
    ("s23-128-black", "phone", "near_miss", "Samsung",
     "Samsung Galaxy S23 128 GB Phantom Black", "880609469451", "SM-S911BZKDEUE"),
    ("s24-case", "phone", "accessory", "Samsung",
     "Samsung Silicone Case for Galaxy S24, black", "880609538012", "EF-PS921TBEGWW"),
    ("peg41-m-black", "shoes", "main", "Nike",
     "Nike Pegasus 41 men's road running shoes, black/white", _shoe("peg41-m-black"),
     "FD2722-002"),
    ("peg40-m-black", "shoes", "near_miss", "Nike",
     "Nike Pegasus 40 men's road running shoes, black/white", _shoe("peg40-m-black"),
     "DV3853-001"),
    ("peg41-w-black", "shoes", "near_miss", "Nike",
     "Nike Pegasus 41 women's road running shoes, black/white", _shoe("peg41-w-black"),
     "FD2723-002"),
    ("peg41-gtx-black", "shoes", "near_miss", "Nike",
     "Nike Pegasus 41 GORE-TEX men's running shoes, black", _shoe("peg41-gtx-black"),
     "FQ1356-001"),
    ("oro-beans-1kg", "coffee", "main", "Lavazza",
     "Lavazza Qualità Oro coffee beans 1 kg", "800007002058", None),
    ("oro-beans-250", "coffee", "variant", "Lavazza",
     "Lavazza Qualità Oro coffee beans 250 g", "800007002032", None),
    ("oro-beans-500", "coffee", "variant", "Lavazza",
     "Lavazza Qualità Oro coffee beans 500 g", "800007002049", None),
    ("oro-ground-250", "coffee", "near_miss", "Lavazza",
     "Lavazza Qualità Oro ground coffee 250 g", "800007001011", None),
    ("oro-ground-4x250", "coffee", "bundle", "Lavazza",
     "Lavazza Qualità Oro ground coffee 4 x 250 g", "800007001028", None),
    ("crema-aroma-1kg", "coffee", "near_miss", "Lavazza",
     "Lavazza Crema e Aroma coffee beans 1 kg", "800007002104", None),
    ("ecam22-110-b", "espresso", "main", "De'Longhi",
     "De'Longhi Magnifica S ECAM 22.110.B, black", "800439932412", "ECAM22.110.B"),
    ("ecam22-110-sb", "espresso", "variant", "De'Longhi",
     "De'Longhi Magnifica S ECAM 22.110.SB, silver/black", "800439932429", "ECAM22.110.SB"),
    ("ecam220-21-b", "espresso", "near_miss", "De'Longhi",
     "De'Longhi Magnifica Start ECAM 220.21.B, black", "800439933450", "ECAM220.21.B"),
    ("ecam-tank", "espresso", "accessory", "De'Longhi",
     "Water tank for De'Longhi Magnifica S ECAM 22.110", "800439914200", "7313254411"),
    ("lodge-10", "skillet", "main", "Lodge",
     "Lodge cast iron skillet 10.25 inch (26 cm)", "07553600030", "L8SK3"),
    ("lodge-12", "skillet", "near_miss", "Lodge",
     "Lodge cast iron skillet 12 inch (30 cm)", "07553600041", "L10SK3"),
    ("lodge-10-handle", "skillet", "bundle", "Lodge",
     "Lodge cast iron skillet 10.25 inch with silicone handle holder", "07553649201",
     "L8SK3ASHH41B"),
    ("assam-1kg", "tea", "other", "The Tea Cabinet",
     "Golden Assam breakfast tea 1 kg", "506023471001", None),
    ("matcha-30", "tea", "other", "The Tea Cabinet",
     "Ceremonial matcha 30 g", "506023471018", None),
    ("cast-iron-teapot", "teaware", "other", "The Tea Cabinet",
     "Cast iron teapot 0.8 l, black", "506023471025", None),
    ("infuser-mug", "teaware", "other", "The Tea Cabinet",
     "Glass tea infuser mug 350 ml", "506023471032", None),
)

HELDOUT_CATEGORIES: dict[str, dict[str, str]] = make_categories({
    "drill": "Cordless Drills|Akku-Bohrschrauber|Дрели-шуруповерты|Aku vrtačky|"
             "Perceuses-visseuses|Taladros atornilladores|Wiertarko-wkrętarki|Trapani avvitatori",
    "microsd": "Memory Cards|Speicherkarten|Карты памяти|Paměťové karty|Cartes mémoire|"
               "Tarjetas de memoria|Karty pamięci|Schede di memoria",
    "cream": "Face Moisturizers|Gesichtscremes|Кремы для лица|Pleťové krémy|Crèmes visage|"
             "Cremas faciales|Kremy do twarzy|Creme viso",
    "book": "Books|Bücher|Книги|Knihy|Livres|Libros|Książki|Libri",
    "lego": "LEGO|LEGO Technic|Конструкторы LEGO|Stavebnice LEGO|LEGO|LEGO|Klocki LEGO|LEGO",
    "phone": "Smartphones|Smartphones|Смартфоны|Mobilní telefony|Smartphones|Smartphones|"
             "Smartfony|Smartphone",
    "shoes": "Running Shoes|Laufschuhe|Беговые кроссовки|Běžecké boty|Chaussures de running|"
             "Zapatillas de running|Buty do biegania|Scarpe da running",
    "coffee": "Coffee|Kaffee|Кофе|Káva|Cafés|Café|Kawa|Caffè",
    "espresso": "Espresso Machines|Kaffeevollautomaten|Кофемашины|Automatické kávovary|"
                "Machines expresso|Cafeteras superautomáticas|Ekspresy do kawy|Macchine da caffè",
    "skillet": "Cookware|Pfannen|Сковороды|Pánve|Poêles|Sartenes|Patelnie|Padelle",
    "tea": "Loose Leaf Tea",
    "teaware": "Teaware",
})
# fmt: on

HELDOUT_SHOPS = make_shops(HELDOUT_ROWS | MORE_ROWS)
HELDOUT = Dataset("heldout", HELDOUT_PRODUCTS, HELDOUT_CATEGORIES, HELDOUT_SHOPS)

# The products the pairs start from, each from the page of one shop that sells it.
HELDOUT_SOURCES: dict[str, str] = {
    "gsr55-solo": "woocommerce",
    "sd-ext-128": "magento",
    "absolue-soft-60": "search_form",
    "phm-pb-us": "shopify",
    "lego-42115": "opencart",
    "s24-128-black": "search_action",
    "peg41-m-black": "prestashop",
    "oro-beans-1kg": "robots_blocked",
    "ecam22-110-b": "bitrix",
    "lodge-10": "opensearch",
    "s24-256-black": "magento",
    "oro-beans-250": "search_form",
    "absolue-soft-60-refill": "opensearch",
}

HELDOUT_PAIRS: list[Pair] = HELDOUT.pairs(HELDOUT_SOURCES)
