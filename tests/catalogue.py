"""The products and local test shops behind the product-matching tests and benchmark.

The same goods are sold by eleven shops under their own titles, languages, codes, prices and
URLs, next to near-misses (another capacity, colour, model line, an accessory, a bundle),
and each shop is searched by a different real-world convention. ``PAIRS`` labels, for a
product page in one shop, the page of exactly that product in every other shop (or None).
What each shop sells is in tests/catalogue_listings.py; pages and servers are in
tests/catalogue_pages.py, tests/catalogue_product_pages.py and tests/catalogue_sites.py.
Brands and models are real, and so are the Samsung, Sony and Hario part numbers; the other
MPNs are plausible stand-ins, and every GTIN is made up (its GS1 check digit computed here,
so none is mistyped).
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from decimal import Decimal

from tests.catalogue_listings import SHOP_ROWS

__all__ = [
    "CATALOGUE",
    "CATEGORIES",
    "EAN",
    "PAIRS",
    "PRODUCTS",
    "SHOPS",
    "SOURCES",
    "Dataset",
    "Listing",
    "Pair",
    "Product",
    "Shop",
    "ShopProduct",
    "active",
    "gs1_check_digit",
    "listing",
    "make_categories",
    "make_products",
    "make_shops",
    "shop_products",
    "sizes_offered",
    "using",
    "valid_gtin",
]


def gs1_check_digit(body: str) -> str:
    """The GS1 mod-10 check digit of a GTIN's other digits (weights 3,1,3… from the right)."""
    total = sum(int(digit) * (3 - 2 * (i % 2)) for i, digit in enumerate(reversed(body)))
    return str(-total % 10)


def sizes_offered(offered: str, chosen: int, gtin_body: str) -> str:
    """A listing row's part for a page sold in sizes: the sizes as the shop writes them
    (comma-separated), the one the page has chosen marked, and that size's GTIN
    (``gtin_body`` and its check digit)."""
    marked = ",".join("*" * (n == chosen) + size for n, size in enumerate(offered.split(",")))
    return f"sizes={marked} gtin={gtin_body + gs1_check_digit(gtin_body)}"


def valid_gtin(code: str) -> bool:
    """Whether ``code`` is 8, 12, 13 or 14 digits ending in the right check digit."""
    return (
        code.isdigit() and len(code) in (8, 12, 13, 14) and gs1_check_digit(code[:-1]) == code[-1]
    )


@dataclass(frozen=True)
class Product:
    """A product as its maker knows it: one GTIN (a UPC-12 or an EAN-13), maybe an MPN."""

    key: str
    family: str
    role: str  # main, variant, near_miss, accessory, bundle; "other" for the tea shop's goods
    brand: str
    name: str
    gtin: str
    mpn: str | None = None


def make_products(*rows: tuple[str, str, str, str, str, str, str | None]) -> dict[str, Product]:
    """Products from rows whose GTIN is given without its check digit, so none is mistyped."""
    return {
        key: Product(key, family, role, brand, name, body + gs1_check_digit(body), mpn)
        for key, family, role, brand, name, body, mpn in rows
    }


# fmt: off
PRODUCTS: dict[str, Product] = make_products(
    ("encore-esp", "grinder", "main", "Baratza",
     "Baratza Encore ESP coffee grinder", "85653300410", "ZCG495BLK"),
    ("encore", "grinder", "near_miss", "Baratza",
     "Baratza Encore coffee grinder", "85653300108", "ZCG485BLK"),
    ("moka-6", "moka", "main", "Bialetti",
     "Bialetti Moka Express 6 cups", "800636301165", "0001165"),
    ("moka-3", "moka", "near_miss", "Bialetti",
     "Bialetti Moka Express 3 cups", "800636301162", "0001162"),
    ("moka-induction-6", "moka", "near_miss", "Bialetti",
     "Bialetti Moka Induction 6 cups", "800636300493", "0004933"),
    ("moka-gasket-6", "moka", "accessory", "Bialetti",
     "Replacement gasket for Moka Express 6 cups", "800636300800", None),
    ("moka-6-coffee-set", "moka", "bundle", "Bialetti",
     "Moka Express 6 cups + 250 g coffee set", "800636309600", None),
    ("xm5-black", "headphones", "main", "Sony",
     "Sony WH-1000XM5 headphones, black", "454873613259", "WH1000XM5/B"),
    ("xm5-silver", "headphones", "variant", "Sony",
     "Sony WH-1000XM5 headphones, silver", "454873613266", "WH1000XM5/S"),
    ("xm4-black", "headphones", "near_miss", "Sony",
     "Sony WH-1000XM4 headphones, black", "454873610215", "WH1000XM4/B"),
    ("xm5-case", "headphones", "accessory", "Sony",
     "Carrying case for WH-1000XM5", "454873613310", None),
    ("pocketrocket-2", "stove", "main", "MSR",
     "MSR PocketRocket 2 stove", "04081809883", "09883"),
    ("pocketrocket-deluxe", "stove", "near_miss", "MSR",
     "MSR PocketRocket Deluxe stove", "04081811939", "11939"),
    ("pocketrocket-2-kit", "stove", "bundle", "MSR",
     "MSR PocketRocket 2 Stove Kit with pot", "04081813055", "13055"),
    ("990pro-2tb", "ssd", "main", "Samsung",
     "Samsung 990 PRO 2TB NVMe SSD", "880609287232", "MZ-V9P2T0BW"),
    ("990pro-1tb", "ssd", "variant", "Samsung",
     "Samsung 990 PRO 1TB NVMe SSD", "880609287225", "MZ-V9P1T0BW"),
    ("990evo-2tb", "ssd", "near_miss", "Samsung",
     "Samsung 990 EVO 2TB NVMe SSD", "880609295841", "MZ-V9E2T0BW"),
    ("v60-02-white", "dripper", "main", "Hario",
     "Hario V60 ceramic dripper 02, white", "497764201203", "VDC-02W"),
    ("v60-01-white", "dripper", "near_miss", "Hario",
     "Hario V60 ceramic dripper 01, white", "497764201104", "VDC-01W"),
    ("v60-02-plastic", "dripper", "near_miss", "Hario",
     "Hario V60 plastic dripper 02, clear", "497764202156", "VD-02T"),
    ("ekg-black", "kettle", "main", "Fellow",
     "Fellow Stagg EKG kettle 0.9 l, matte black", "85073800614", "1150MB"),
    ("ekg-white", "kettle", "variant", "Fellow",
     "Fellow Stagg EKG kettle 0.9 l, matte white", "85073800621", "1150MW"),
    ("ekg-pro", "kettle", "near_miss", "Fellow",
     "Fellow Stagg EKG Pro kettle", "85073800830", "1170MB"),
    ("aeropress", "aeropress", "main", "AeroPress",
     "AeroPress Original coffee maker", "08527600018", "82R08"),
    ("aeropress-go", "aeropress", "variant", "AeroPress",
     "AeroPress Go travel coffee maker", "08527600030", None),
    ("aeropress-filters", "aeropress", "accessory", "AeroPress",
     "AeroPress replacement filters 350 pcs", "08527600015", None),
    ("sencha", "tea", "other", "Leafline",
     "Sencha Fukamushi loose leaf tea 100 g", "506023470001", None),
    ("earl-grey", "tea", "other", "Leafline",
     "Earl Grey Supreme loose leaf tea 250 g", "506023470018", None),
    ("tetsubin", "teaware", "other", "Iwachu",
     "Iwachu cast iron Tetsubin teapot 0.8 l", "490132801234", None),
    ("glass-teapot", "teaware", "other", "Leafline",
     "Glass teapot with infuser 1 l", "506023470025", None),
    ("tea-kettle", "teaware", "other", "Leafline",
     "Gooseneck electric tea kettle 0.8 l, matte black", "506023470032", None),
)

# A family's name per language, for menus and breadcrumbs (and Shopify's product type).
_LANGUAGES = ("en", "de", "ru", "cs", "fr", "es", "pl", "it")


def make_categories(names: dict[str, str]) -> dict[str, dict[str, str]]:
    """Each family's "en|de|ru|cs|fr|es|pl|it" names as a dict by language."""
    return {
        family: dict(zip(_LANGUAGES, said.split("|"), strict=False))
        for family, said in names.items()
    }


CATEGORIES: dict[str, dict[str, str]] = make_categories({
    "grinder": "Coffee Grinders|Kaffeemühlen|Кофемолки|Mlýnky na kávu|Moulins à café|"
               "Molinillos|Młynki do kawy|Macinacaffè",
    "moka": "Stovetop Espresso Makers|Espressokocher|Гейзерные кофеварки|Moka konvičky|"
            "Cafetières italiennes|Cafeteras italianas|Kawiarki|Caffettiere",
    "headphones": "Headphones|Kopfhörer|Наушники|Sluchátka|Casques audio|Auriculares|"
                  "Słuchawki|Cuffie",
    "stove": "Camping Stoves|Campingkocher|Туристические горелки|Vařiče|Réchauds de camping|"
             "Hornillos de camping|Kuchenki turystyczne|Fornelli da campeggio",
    "ssd": "SSDs|SSD-Festplatten|SSD накопители|SSD disky|Disques SSD|Discos SSD|Dyski SSD|"
           "Unità SSD",
    "dripper": "Pour-over Drippers|Handfilter|Пуроверы|Drippery|Drippers|Goteros|Dripy|Dripper",
    "kettle": "Kettles|Wasserkocher|Чайники|Konvice|Bouilloires|Hervidores|Czajniki|Bollitori",
    "aeropress": "Coffee Makers|Kaffeebereiter|Кофеварки|Kávovary|Cafetières|Cafeteras|"
                 "Zaparzacze|Caffettiere manuali",
    "tea": "Loose Leaf Tea",
    "teaware": "Teapots & Kettles",
})
# fmt: on


@dataclass(frozen=True)
class ShopProduct:
    """One shop's listing joined with the product it is, ready for pages and tests."""

    shop: str
    product: str
    family: str
    role: str
    title: str
    brand: str
    gtin: str
    barcode: str  # the GTIN as the shop writes it (Russian shops write UPCs as 13 digits)
    mpn: str | None
    sku: str
    path: str
    price: Decimal
    currency: str
    language: str
    shows_gtin: bool
    shows_mpn: bool
    shows_brand: bool
    variants: tuple[str, ...] = ()  # the sizes its page offers, "*" before the one it shows


EAN = "<ean>"  # as a listing's SKU: the shop uses the product's GTIN as its own code


@dataclass(frozen=True)
class Listing:
    """A product as one shop lists it, and what its page leaves out of its identity."""

    product: str
    sku: str
    price: str
    path: str
    title: str
    shows_gtin: bool = True
    shows_mpn: bool = True
    shows_brand: bool = True
    brand: str | None = None  # the brand as the shop spells it, if not as the maker does
    mpn: str | None = None  # the part number as the shop writes it, if not as the maker does
    barcode: str | None = None  # the GTIN the page shows, if not the product's (another size's)
    variants: tuple[str, ...] = ()


@dataclass(frozen=True)
class Shop:
    """A shop: its language and currency, how it is searched (``search``: the convention
    its home page advertises) and which fields its search looks in."""

    key: str
    name: str
    language: str
    currency: str
    search: str  # shopify_json, woo_json, search_action, opensearch, search_form, platform_path
    fields: frozenset[str]  # of title, brand, type, sku, mpn, gtin
    listings: tuple[Listing, ...]


def _listing(row: tuple[str, ...], never: tuple[str, ...]) -> Listing:
    """A listing from its row: "-gtin -mpn -brand" leave a field out, "brand=", "mpn=" and
    "gtin=" give the shop's own spelling ("_" for a space), "sizes=" the sizes offered."""
    product, sku, price, path, title, *notes = row
    said = " ".join([*notes, *never]).split()
    given = dict(token.split("=", 1) for token in said if "=" in token)
    shown = ("-gtin" not in said, "-mpn" not in said, "-brand" not in said)
    sizes = tuple(given["sizes"].replace("_", " ").split(",")) if "sizes" in given else ()
    brand = given["brand"].replace("_", " ") if "brand" in given else None
    extra = (brand, given.get("mpn"), given.get("gtin"), sizes)
    return Listing(product, sku, price, path, title, *shown, *extra)


def make_shops(
    rows: Mapping[str, tuple[tuple[str, ...], tuple[tuple[str, ...], ...]]],
) -> dict[str, Shop]:
    """The shops of raw rows as in tests/catalogue_listings.py."""
    shops = {}
    for key, ((name, language, currency, search, fields, *never), found) in rows.items():
        listings = tuple(_listing(row, tuple(never)) for row in found)
        fields_set = frozenset(fields.split())
        shops[key] = Shop(key, name, language, currency, search, fields_set, listings)
    return shops


SHOPS: dict[str, Shop] = make_shops(SHOP_ROWS)


@dataclass(frozen=True)
class Pair:
    """A product page in one shop and the page of the same product in another (None: the
    other shop does not sell exactly that product, though it may sell a near-miss)."""

    source_shop: str
    source_path: str
    target_shop: str
    expected_path: str | None
    product: str = ""


@dataclass(frozen=True)
class Dataset:
    """Products, the names of their families and the shops that sell them. The pages and
    servers (tests/catalogue_pages.py…) draw on the active one (``using``), by default this
    module's ``CATALOGUE``."""

    name: str
    products: dict[str, Product]
    categories: dict[str, dict[str, str]]
    shops: dict[str, Shop]

    def shop_products(self, shop_key: str) -> list[ShopProduct]:
        """What a shop sells, in its catalogue order."""
        shop = self.shops[shop_key]
        found = []
        for row in shop.listings:
            made = self.products[row.product]
            barcode = row.barcode or made.gtin
            mpn = row.mpn or made.mpn
            found.append(
                ShopProduct(
                    shop=shop.key,
                    product=made.key,
                    family=made.family,
                    role=made.role,
                    title=row.title,
                    brand=row.brand or made.brand,
                    gtin=made.gtin,
                    barcode=barcode.zfill(13) if shop.language == "ru" else barcode,
                    mpn=mpn,
                    sku=made.gtin if row.sku == EAN else row.sku,
                    path=row.path,
                    price=Decimal(row.price),
                    currency=shop.currency,
                    language=shop.language,
                    shows_gtin=row.shows_gtin,
                    shows_mpn=row.shows_mpn and bool(mpn),
                    shows_brand=row.shows_brand,
                    variants=row.variants,
                )
            )
        return found

    def listing(self, shop_key: str, product_key: str) -> ShopProduct | None:
        """The shop's listing of exactly this product, if it sells it."""
        return next((p for p in self.shop_products(shop_key) if p.product == product_key), None)

    def pairs(self, sources: Mapping[str, str]) -> list[Pair]:
        """For each product (from the page of its source shop), a pair with every other shop."""
        pairs = []
        for product, source in sources.items():
            found = self.listing(source, product)
            assert found is not None, (product, source)
            for target in self.shops:
                if target != source:
                    same = self.listing(target, product)
                    expected = same.path if same else None
                    pairs.append(Pair(source, found.path, target, expected, product))
        return pairs


CATALOGUE = Dataset("catalogue", PRODUCTS, CATEGORIES, SHOPS)
_ACTIVE: ContextVar[Dataset] = ContextVar("catalogue_dataset", default=CATALOGUE)


def active() -> Dataset:
    """The dataset pages and servers are drawn from (in this thread)."""
    return _ACTIVE.get()


@contextmanager
def using(dataset: Dataset) -> Iterator[Dataset]:
    """Draw pages and searches from ``dataset`` until the block ends (in this thread)."""
    token = _ACTIVE.set(dataset)
    try:
        yield dataset
    finally:
        _ACTIVE.reset(token)


def shop_products(shop_key: str) -> list[ShopProduct]:
    """What a shop of the active dataset sells, in its catalogue order."""
    return active().shop_products(shop_key)


def listing(shop_key: str, product_key: str) -> ShopProduct | None:
    """The active dataset's shop's listing of exactly this product, if it sells it."""
    return active().listing(shop_key, product_key)


# The products the pairs start from, each from the page of one shop that sells it.
SOURCES: dict[str, str] = {
    "moka-6": "opensearch",
    "xm5-black": "shopify",
    "encore-esp": "search_action",
    "pocketrocket-2": "woocommerce",
    "990pro-2tb": "opencart",
    "v60-02-white": "magento",
    "ekg-black": "search_form",
    "aeropress": "prestashop",
    "xm5-silver": "bitrix",
    "990pro-1tb": "shopify",
    "ekg-white": "magento",
    "aeropress-go": "opencart",
}

PAIRS: list[Pair] = CATALOGUE.pairs(SOURCES)
