"""A second held-out catalogue: the eleven shops of tests/catalogue.py (same platforms,
languages, currencies and search conventions) selling goods neither other dataset has, to
estimate how product matching does on families it was not tuned on.

Ten families, each with the real product beside the near-misses real shops confuse: a robot
vacuum, its colour, its "+" bundle with a self-empty dock, its Pro Ultra sibling, its
predecessor and the dock alone; a bike cassette's other range (11-42T vs 11-51T), its 12-speed
sibling, another 11-speed cassette and a chain; an OLED TV's other screen size, its successor
and its cheaper line; an ink cartridge's standard and XL yields, its colour twin, a multipack
and a third-party "compatible" cartridge; an infant car seat's colour, its bundle with an
isofix base, its predecessor and the base alone; a lens beside its other-mount, brighter,
wider and other-brand 50 mm cousins; a blender's colours (each with its own GTIN), its
cheaper model and its jars; a fragrance's Eau de Toilette beside its Eau de Parfum and
Parfum, a smaller bottle and a refill; a tyre's other load and speed index (91V, 94V XL,
91H) and its predecessor; a smartwatch's case size, its cellular model and its successor,
sold with band sizes on one page; dog food by weight, age and breed size.

Shops write titles with the category first, ALL CAPS brands, marketing words, truncation, no
brand at all (only in structured data), sizes in inches or centimetres, fl oz or ml, lb or
kg; the maker's order codes in titles ("3YM62AE", "ICSM510011142", "5KSB4026EER"), with a
regional suffix ("3YM62AE#BGX") or as a series code ("OLED55C3"); some pages show no GTIN or
MPN, or the code of the variant they have chosen. Brands and models are real and the order
codes real-shaped; the GTINs are stand-ins with computed check digits. ``HELDOUT2_PAIRS``
labels, for 12 products, the page of exactly that product in each other shop (or None).

    with serve_catalogue(dataset=HELDOUT2) as shops:
        outcomes = run_pairs(shops, HELDOUT2_PAIRS)
"""

from __future__ import annotations

from tests.catalogue import Dataset, Pair, Product, make_categories, make_products, make_shops
from tests.catalogue_heldout2_listings import HELDOUT2_ROWS
from tests.catalogue_heldout2_more_listings import HELDOUT2_MORE_ROWS
from tests.catalogue_heldout2_rest_listings import HELDOUT2_REST_ROWS

__all__ = [
    "HELDOUT2",
    "HELDOUT2_CATEGORIES",
    "HELDOUT2_PAIRS",
    "HELDOUT2_PRODUCTS",
    "HELDOUT2_SHOPS",
    "HELDOUT2_SOURCES",
]

# fmt: off
HELDOUT2_PRODUCTS: dict[str, Product] = make_products(
    ("s8-black", "robotvac", "main", "Roborock",
     "Roborock S8 robot vacuum and mop, black", "694165240112", "S8R52-00"),
    ("s8-white", "robotvac", "variant", "Roborock",
     "Roborock S8 robot vacuum and mop, white", "694165240129", "S8R52-02"),
    ("s8plus-black", "robotvac", "bundle", "Roborock",
     "Roborock S8+ robot vacuum with Auto-Empty Dock, black", "694165240136", "S8P52-00"),
    ("s8-pro-ultra", "robotvac", "near_miss", "Roborock",
     "Roborock S8 Pro Ultra robot vacuum with RockDock Ultra, black", "694165240143",
     "S8PU52-00"),
    ("s7-black", "robotvac", "near_miss", "Roborock",
     "Roborock S7 robot vacuum and mop, black", "694165238010", "S7E52-00"),
    ("dock-s8", "robotvac", "accessory", "Roborock",
     "Roborock Auto-Empty Dock for S8", "694165240150", "ADK02-00"),
    ("m5100-1142", "cassette", "main", "Shimano",
     "Shimano Deore CS-M5100 11-speed cassette 11-42T", "455017014281", "ICSM510011142"),
    ("m5100-1151", "cassette", "variant", "Shimano",
     "Shimano Deore CS-M5100 11-speed cassette 11-51T", "455017014282", "ICSM510011151"),
    ("m6100-1051", "cassette", "near_miss", "Shimano",
     "Shimano Deore CS-M6100-12 12-speed cassette 10-51T", "455017013390", "ICSM610012051"),
    ("hg700-1134", "cassette", "near_miss", "Shimano",
     "Shimano CS-HG700-11 11-speed cassette 11-34T", "455017010764", "ICSHG70011134"),
    ("chain-hg601", "cassette", "accessory", "Shimano",
     "Shimano CN-HG601 11-speed chain, 116 links", "455017008401", "ICNHG60111116"),
    ("oled55c3", "tv", "main", "LG",
     "LG OLED55C3 55 inch (139 cm) 4K OLED evo TV", "880608798331", "OLED55C34LA"),
    ("oled65c3", "tv", "variant", "LG",
     "LG OLED65C3 65 inch (164 cm) 4K OLED evo TV", "880608798348", "OLED65C34LA"),
    ("oled55c4", "tv", "near_miss", "LG",
     "LG OLED55C4 55 inch (139 cm) 4K OLED evo TV", "880608799550", "OLED55C44LA"),
    ("oled55b3", "tv", "near_miss", "LG",
     "LG OLED55B3 55 inch (139 cm) 4K OLED TV", "880608798126", "OLED55B36LA"),
    ("hp305xl-black", "ink", "main", "HP",
     "HP 305XL high-yield black original ink cartridge", "19420348672", "3YM62AE"),
    ("hp305-black", "ink", "near_miss", "HP",
     "HP 305 black original ink cartridge", "19420348665", "3YM61AE"),
    ("hp305xl-color", "ink", "near_miss", "HP",
     "HP 305XL high-yield tri-colour original ink cartridge", "19420348689", "3YM63AE"),
    ("hp305-combo", "ink", "bundle", "HP",
     "HP 305 black and tri-colour ink cartridges, 2-pack", "19420358721", "6ZD17AE"),
    ("compat-305xl", "ink", "near_miss", "Inkline",
     "Inkline compatible ink cartridge for HP 305XL, black", "590211003051", None),
    ("cloud-t-black", "carseat", "main", "Cybex",
     "Cybex Cloud T i-Size infant car seat, Sepia Black", "405851153221", "523000103"),
    ("cloud-t-grey", "carseat", "variant", "Cybex",
     "Cybex Cloud T i-Size infant car seat, Mirage Grey", "405851153238", "523000105"),
    ("cloud-t-base", "carseat", "bundle", "Cybex",
     "Cybex Cloud T i-Size infant car seat, Sepia Black, with Base T", "405851153290",
     "523000111"),
    ("cloud-z2", "carseat", "near_miss", "Cybex",
     "Cybex Cloud Z2 i-Size infant car seat, Deep Black", "405851130017", "521002173"),
    ("base-t", "carseat", "accessory", "Cybex",
     "Cybex Base T isofix base", "405851153306", "522001925"),
    ("rf50-18", "lens", "main", "Canon",
     "Canon RF 50mm f/1.8 STM lens", "454929222651", "4515C005"),
    ("ef50-18", "lens", "near_miss", "Canon",
     "Canon EF 50mm f/1.8 STM lens", "454929210003", "0570C005"),
    ("rf50-12", "lens", "near_miss", "Canon",
     "Canon RF 50mm f/1.2L USM lens", "454929220001", "2959C005"),
    ("rf35-18", "lens", "near_miss", "Canon",
     "Canon RF 35mm f/1.8 Macro IS STM lens", "454929221001", "2973C005"),
    ("nikon-z50-18", "lens", "near_miss", "Nikon",
     "Nikon NIKKOR Z 50mm f/1.8 S lens", "496075914679", "JMA001DA"),
    ("k400-red", "blender", "main", "KitchenAid",
     "KitchenAid K400 blender 1.4 l, Empire Red", "541318412801", "5KSB4026EER"),
    ("k400-cream", "blender", "variant", "KitchenAid",
     "KitchenAid K400 blender 1.4 l, Almond Cream", "541318412818", "5KSB4026EAC"),
    ("k400-black", "blender", "variant", "KitchenAid",
     "KitchenAid K400 blender 1.4 l, Matte Black", "541318412825", "5KSB4026EOB"),
    ("k150-red", "blender", "near_miss", "KitchenAid",
     "KitchenAid K150 blender 1.4 l, Empire Red", "541318413006", "5KSB1325EER"),
    ("k400-jars", "blender", "accessory", "KitchenAid",
     "KitchenAid personal jars for K400 blender, 2 x 0.5 l", "541318413105", "5KSB2048JBA"),
    ("sauvage-edt-100", "perfume", "main", "Dior",
     "Dior Sauvage Eau de Toilette 100 ml", "334890125014", None),
    ("sauvage-edt-60", "perfume", "variant", "Dior",
     "Dior Sauvage Eau de Toilette 60 ml", "334890124990", None),
    ("sauvage-edp-100", "perfume", "near_miss", "Dior",
     "Dior Sauvage Eau de Parfum 100 ml", "334890147733", None),
    ("sauvage-parfum-100", "perfume", "near_miss", "Dior",
     "Dior Sauvage Parfum 100 ml", "334890152613", None),
    ("sauvage-refill-300", "perfume", "near_miss", "Dior",
     "Dior Sauvage Eau de Toilette refill 300 ml", "334890137581", None),
    ("p4plus-91v", "tyre", "main", "Michelin",
     "Michelin Primacy 4+ 205/55 R16 91V summer tyre", "352870448737", None),
    ("p4plus-94v-xl", "tyre", "near_miss", "Michelin",
     "Michelin Primacy 4+ 205/55 R16 94V XL summer tyre", "352870448744", None),
    ("p4plus-91h", "tyre", "near_miss", "Michelin",
     "Michelin Primacy 4+ 205/55 R16 91H summer tyre", "352870448751", None),
    ("p4-91v", "tyre", "near_miss", "Michelin",
     "Michelin Primacy 4 205/55 R16 91V summer tyre", "352870216040", None),
    ("aw9-45", "watch", "main", "Apple",
     "Apple Watch Series 9 GPS 45mm Midnight Aluminium Case with Midnight Sport Band M/L",
     "19494930301", "MR9A3QL/A"),
    ("aw9-41", "watch", "near_miss", "Apple",
     "Apple Watch Series 9 GPS 41mm Midnight Aluminium Case with Midnight Sport Band",
     "19494930202", "MR8X3QL/A"),
    ("aw9-45-cell", "watch", "near_miss", "Apple",
     "Apple Watch Series 9 GPS + Cellular 45mm Midnight Aluminium Case with Sport Band",
     "19494930844", "MRMD3QL/A"),
    ("aw10-46", "watch", "near_miss", "Apple",
     "Apple Watch Series 10 GPS 46mm Jet Black Aluminium Case with Sport Band",
     "19525315003", "MWWQ3QL/A"),
    ("rc-maxi-15", "dogfood", "main", "Royal Canin",
     "Royal Canin Maxi Adult dry dog food 15 kg", "318218603150", None),
    ("rc-maxi-4", "dogfood", "variant", "Royal Canin",
     "Royal Canin Maxi Adult dry dog food 4 kg", "318218603040", None),
    ("rc-maxi-puppy-15", "dogfood", "near_miss", "Royal Canin",
     "Royal Canin Maxi Puppy dry dog food 15 kg", "318218602150", None),
    ("rc-medium-15", "dogfood", "near_miss", "Royal Canin",
     "Royal Canin Medium Adult dry dog food 15 kg", "318218604150", None),
    ("rc-maxi-5plus-15", "dogfood", "near_miss", "Royal Canin",
     "Royal Canin Maxi Adult 5+ dry dog food 15 kg", "318218605150", None),
    ("darjeeling", "tea", "other", "The Tea Chest",
     "Darjeeling First Flush tea 100 g", "506023472001", None),
    ("oolong", "tea", "other", "The Tea Chest", "Milk Oolong tea 50 g", "506023472018", None),
    ("gaiwan", "teaware", "other", "The Tea Chest",
     "Porcelain gaiwan 150 ml, white", "506023472025", None),
    ("tea-tray", "teaware", "other", "The Tea Chest",
     "Bamboo tea tray 35 cm", "506023472032", None),
)

HELDOUT2_CATEGORIES: dict[str, dict[str, str]] = make_categories({
    "robotvac": "Robot Vacuums|Saugroboter|Роботы-пылесосы|Robotické vysavače|"
                "Aspirateurs robots|Robots aspiradores|Roboty sprzątające|Robot aspirapolvere",
    "cassette": "Bike Cassettes|Fahrradkassetten|Кассеты|Kazety|Cassettes vélo|Cassettes|"
                "Kasety rowerowe|Cassette bici",
    "tv": "Televisions|Fernseher|Телевизоры|Televize|Téléviseurs|Televisores|Telewizory|"
          "Televisori",
    "ink": "Ink Cartridges|Druckerpatronen|Картриджи|Inkousty|Cartouches d'encre|"
           "Cartuchos de tinta|Tusze|Cartucce",
    "carseat": "Car Seats|Autositze|Автокресла|Autosedačky|Sièges auto|Sillas de coche|"
               "Foteliki samochodowe|Seggiolini auto",
    "lens": "Camera Lenses|Objektive|Объективы|Objektivy|Objectifs|Objetivos|Obiektywy|"
            "Obiettivi",
    "blender": "Blenders|Standmixer|Блендеры|Mixéry|Blenders|Batidoras|Blendery|Frullatori",
    "perfume": "Fragrances|Düfte|Парфюмерия|Parfémy|Parfums|Perfumes|Perfumy|Profumi",
    "tyre": "Tyres|Reifen|Шины|Pneumatiky|Pneus|Neumáticos|Opony|Pneumatici",
    "watch": "Smartwatches|Smartwatches|Умные часы|Chytré hodinky|Montres connectées|"
             "Relojes inteligentes|Smartwatche|Smartwatch",
    "dogfood": "Dog Food|Hundefutter|Корм для собак|Krmivo pro psy|Croquettes chien|"
               "Pienso para perros|Karma dla psów|Cibo per cani",
    "tea": "Loose Leaf Tea",
    "teaware": "Teaware",
})
# fmt: on

HELDOUT2_SHOPS = make_shops(HELDOUT2_ROWS | HELDOUT2_MORE_ROWS | HELDOUT2_REST_ROWS)
HELDOUT2 = Dataset("heldout2", HELDOUT2_PRODUCTS, HELDOUT2_CATEGORIES, HELDOUT2_SHOPS)

# The products the pairs start from, each from the page of one shop that sells it.
HELDOUT2_SOURCES: dict[str, str] = {
    "s8-black": "shopify",
    "m5100-1142": "opencart",
    "oled55c3": "woocommerce",
    "hp305xl-black": "magento",
    "cloud-t-black": "prestashop",
    "rf50-18": "search_form",
    "k400-red": "opensearch",
    "sauvage-edt-100": "robots_blocked",
    "p4plus-91v": "search_action",
    "aw9-45": "bitrix",
    "rc-maxi-15": "search_form",
    "k400-cream": "bitrix",
}

HELDOUT2_PAIRS: list[Pair] = HELDOUT2.pairs(HELDOUT2_SOURCES)
