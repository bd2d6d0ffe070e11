"""A fourth held-out catalogue: the eleven shops of tests/catalogue.py (same platforms,
languages, currencies and search conventions) selling goods none of the other datasets has,
built without looking at the matcher, to estimate how product matching does on families it
was not tuned on.

Eleven families, each with the real product beside the near-misses real shops confuse: a 3D
printer filament on its spool beside the same filament as a refill without one, its other
colour, its Matte and PETG HF siblings and the empty spool; wireless earbuds (USB-C) beside
the same earbuds with a Lightning case, their predecessor, a cheaper sibling and a case "for"
them; a stand mixer's colours (each with its own code), its 185 sibling, its predecessor and
a pasta attachment; a down jacket sold in sizes (XS-XXL, each with its own UPC) beside its
colour, its hoody, vest and women's cut and another line; a graphics card beside its non-OC,
white, Ti, 16 GB and previous-generation cousins; a power bank beside another "737" power
bank, the "737" charger, a smaller sibling and its successor; a Wi-Fi router beside its Pro,
cheaper and faster siblings and a mesh 2-pack; nappies by count (52 vs a 174 monthly box),
by size, as pants and as another line; a yoga mat's long size, its colour, its lighter and
travel siblings and its towel; a pressure washer beside its Home bundle, its smaller,
premium and compact siblings and a surface cleaner "for" it; a smart bulb single beside its
2-pack, its starter kit, its white-only sibling, its GU10 cousin and the bridge.

Shops write titles with the category first, ALL CAPS brands, marketing words ("NEU:",
"¡Oferta!"), truncation, no brand at all (only in structured data), units their way (1 kg or
1kg, 4,8 L or 4.8L, 71" or 180 cm, 24,000mAh or 24 000 mAh); the maker's codes in titles
("5KSM175PSEER", "DUAL-RTX4060-O8G", "1.324-550.0"), as a regional or part number
("MTJV3AM/A", "90YV0JC0-M0NA00", "KSMPRA"); some pages show no GTIN or MPN, or the code of
the size they have chosen. Brands and models are real and the codes real-shaped; the GTINs
are stand-ins with computed check digits. ``HELDOUT4_PAIRS`` labels, for 12 products, the
page of exactly that product in each other shop (or None).

    with serve_catalogue(dataset=HELDOUT4) as shops:
        outcomes = run_pairs(shops, HELDOUT4_PAIRS)
"""

from __future__ import annotations

from tests.catalogue import Dataset, Pair, Product, make_categories, make_products, make_shops
from tests.catalogue_heldout4_listings import HELDOUT4_ROWS, JACKET_PREFIXES, JACKET_SIZE
from tests.catalogue_heldout4_more_listings import HELDOUT4_MORE_ROWS
from tests.catalogue_heldout4_rest_listings import HELDOUT4_REST_ROWS

__all__ = [
    "HELDOUT4",
    "HELDOUT4_CATEGORIES",
    "HELDOUT4_PAIRS",
    "HELDOUT4_PRODUCTS",
    "HELDOUT4_SHOPS",
    "HELDOUT4_SIZED",
    "HELDOUT4_SOURCES",
]

# The product sold in sizes: pages offering them show the code of the one they have chosen.
HELDOUT4_SIZED = "down-sweater-m-black"


def _jacket(product: str) -> str:
    """A jacket's GTIN without its check digit: the one of its size M."""
    return JACKET_PREFIXES[product] + str(JACKET_SIZE)


# fmt: off
HELDOUT4_PRODUCTS: dict[str, Product] = make_products(
    ("pla-basic-black", "filament", "main", "Bambu Lab",
     "Bambu Lab PLA Basic filament 1.75 mm, 1 kg with spool, black", "697533703101",
     "A00-K0-1.75-1000-SPL"),
    ("pla-basic-black-refill", "filament", "near_miss", "Bambu Lab",
     "Bambu Lab PLA Basic filament 1.75 mm, 1 kg refill without spool, black", "697533703118",
     "A00-K0-1.75-1000-RFL"),
    ("pla-basic-white", "filament", "variant", "Bambu Lab",
     "Bambu Lab PLA Basic filament 1.75 mm, 1 kg with spool, jade white", "697533703125",
     "A00-W1-1.75-1000-SPL"),
    ("pla-matte-charcoal", "filament", "near_miss", "Bambu Lab",
     "Bambu Lab PLA Matte filament 1.75 mm, 1 kg with spool, charcoal", "697533703200",
     "A01-K1-1.75-1000-SPL"),
    ("petg-hf-black", "filament", "near_miss", "Bambu Lab",
     "Bambu Lab PETG HF filament 1.75 mm, 1 kg with spool, black", "697533703309",
     "G02-K0-1.75-1000-SPL"),
    ("bambu-spool", "filament", "accessory", "Bambu Lab",
     "Bambu Lab reusable spool for filament refills", "697533703408", None),
    ("airpods-pro2-usbc", "earbuds", "main", "Apple",
     "Apple AirPods Pro 2 with MagSafe charging case (USB-C)", "19525390433", "MTJV3ZM/A"),
    ("airpods-pro2-lightning", "earbuds", "near_miss", "Apple",
     "Apple AirPods Pro 2 with MagSafe charging case (Lightning)", "19425325188",
     "MQD83ZM/A"),
    ("airpods4-anc", "earbuds", "near_miss", "Apple",
     "Apple AirPods 4 with Active Noise Cancellation", "19525372281", "MXP93ZM/A"),
    ("airpods-pro1", "earbuds", "near_miss", "Apple",
     "Apple AirPods Pro (1st generation) with MagSafe charging case", "19025243083",
     "MLWK3ZM/A"),
    ("spigen-pro2-case", "earbuds", "accessory", "Spigen",
     "Spigen Silicone Fit case for AirPods Pro 2, black", "880662211007", "ACS05482"),
    ("artisan-175-red", "standmixer", "main", "KitchenAid",
     "KitchenAid Artisan 5KSM175PS stand mixer 4.8 l, Empire Red", "541318443101",
     "5KSM175PSEER"),
    ("artisan-175-cream", "standmixer", "variant", "KitchenAid",
     "KitchenAid Artisan 5KSM175PS stand mixer 4.8 l, Almond Cream", "541318443118",
     "5KSM175PSEAC"),
    ("artisan-185-red", "standmixer", "near_miss", "KitchenAid",
     "KitchenAid Artisan 5KSM185PS stand mixer 4.8 l, Empire Red", "541318445204",
     "5KSM185PSEER"),
    ("artisan-125-red", "standmixer", "near_miss", "KitchenAid",
     "KitchenAid Artisan 5KSM125 stand mixer 4.8 l, Empire Red", "541318440803",
     "5KSM125EER"),
    ("pasta-roller-3", "standmixer", "accessory", "KitchenAid",
     "KitchenAid pasta roller and cutter set 5KSMPRA, 3 pieces", "541318446003", "5KSMPRA"),
    ("down-sweater-m-black", "jacket", "main", "Patagonia",
     "Patagonia Men's Down Sweater jacket, Black", _jacket("down-sweater-m-black"),
     "84675-BLK"),
    ("down-sweater-m-navy", "jacket", "variant", "Patagonia",
     "Patagonia Men's Down Sweater jacket, New Navy", _jacket("down-sweater-m-navy"),
     "84675-NENA"),
    ("down-sweater-hoody-m-black", "jacket", "near_miss", "Patagonia",
     "Patagonia Men's Down Sweater Hoody, Black", "19564335305", "84702-BLK"),
    ("down-sweater-vest-m-black", "jacket", "near_miss", "Patagonia",
     "Patagonia Men's Down Sweater Vest, Black", "19564335602", "84623-BLK"),
    ("down-sweater-w-black", "jacket", "near_miss", "Patagonia",
     "Patagonia Women's Down Sweater jacket, Black", "19564335404", "84684-BLK"),
    ("nano-puff-m-black", "jacket", "near_miss", "Patagonia",
     "Patagonia Men's Nano Puff jacket, Black", "19564335503", "84212-BLK"),
    ("dual-4060-o8g", "gpu", "main", "ASUS",
     "ASUS Dual GeForce RTX 4060 OC Edition 8GB GDDR6 graphics card", "471138719301",
     "DUAL-RTX4060-O8G"),
    ("dual-4060-8g", "gpu", "near_miss", "ASUS",
     "ASUS Dual GeForce RTX 4060 8GB GDDR6 graphics card", "471138719318", "DUAL-RTX4060-8G"),
    ("dual-4060-o8g-white", "gpu", "variant", "ASUS",
     "ASUS Dual GeForce RTX 4060 White OC Edition 8GB GDDR6 graphics card", "471138723001",
     "DUAL-RTX4060-O8G-WHITE"),
    ("dual-4060ti-o8g", "gpu", "near_miss", "ASUS",
     "ASUS Dual GeForce RTX 4060 Ti OC Edition 8GB GDDR6 graphics card", "471138716102",
     "DUAL-RTX4060TI-O8G"),
    ("dual-4060ti-o16g", "gpu", "near_miss", "ASUS",
     "ASUS Dual GeForce RTX 4060 Ti OC Edition 16GB GDDR6 graphics card", "471138721007",
     "DUAL-RTX4060TI-O16G"),
    ("dual-3060-o12g", "gpu", "near_miss", "ASUS",
     "ASUS Dual GeForce RTX 3060 V2 OC Edition 12GB GDDR6 graphics card", "471138715709",
     "DUAL-RTX3060-O12G-V2"),
    ("anker-737", "powerbank", "main", "Anker",
     "Anker 737 Power Bank (PowerCore 24K), 24000 mAh, 140 W", "19464412890", "A1289"),
    ("anker-737-26k", "powerbank", "near_miss", "Anker",
     "Anker 737 Power Bank (PowerCore 26K), 25600 mAh", "19464412777", "A1277"),
    ("anker-733", "powerbank", "near_miss", "Anker",
     "Anker 733 Power Bank (GaNPrime PowerCore 65W), 10000 mAh", "19464416515", "A1651"),
    ("anker-prime-27650", "powerbank", "near_miss", "Anker",
     "Anker Prime Power Bank 27650 mAh, 250 W", "19464413405", "A1340"),
    ("anker-737-charger", "powerbank", "near_miss", "Anker",
     "Anker 737 Charger (GaNPrime 120W), 3-port USB-C wall charger", "19464421484", "A2148"),
    ("archer-ax55", "router", "main", "TP-Link",
     "TP-Link Archer AX55 AX3000 dual-band Wi-Fi 6 router", "489709868301", "Archer AX55"),
    ("archer-ax55-pro", "router", "near_miss", "TP-Link",
     "TP-Link Archer AX55 Pro AX3000 multi-gigabit Wi-Fi 6 router", "489709868608",
     "Archer AX55 Pro"),
    ("archer-ax53", "router", "near_miss", "TP-Link",
     "TP-Link Archer AX53 AX3000 dual-band Wi-Fi 6 router", "489709868202", "Archer AX53"),
    ("archer-ax73", "router", "near_miss", "TP-Link",
     "TP-Link Archer AX73 AX5400 dual-band Wi-Fi 6 router", "489709868509", "Archer AX73"),
    ("deco-x50-2", "router", "bundle", "TP-Link",
     "TP-Link Deco X50 AX3000 mesh Wi-Fi 6 system, 2-pack", "489709869100",
     "Deco X50(2-pack)"),
    ("pampers-pp-4-52", "nappies", "main", "Pampers",
     "Pampers Premium Protection nappies size 4 (9-14 kg), 52 pieces", "800654086801", None),
    ("pampers-pp-4-174", "nappies", "bundle", "Pampers",
     "Pampers Premium Protection nappies size 4 (9-14 kg), monthly box 174 pieces",
     "800654086818", None),
    ("pampers-pp-3-60", "nappies", "near_miss", "Pampers",
     "Pampers Premium Protection nappies size 3 (6-10 kg), 60 pieces", "800654086702", None),
    ("pampers-pants-4-38", "nappies", "near_miss", "Pampers",
     "Pampers Premium Protection Pants size 4 (9-15 kg), 38 pieces", "800654087006", None),
    ("pampers-bd-4-46", "nappies", "near_miss", "Pampers",
     "Pampers Baby-Dry nappies size 4 (9-14 kg), 46 pieces", "800654088003", None),
    ("manduka-pro-black", "yogamat", "main", "Manduka",
     "Manduka PRO yoga mat 6 mm, 71 in (180 cm), black", "85003411101", "111011010"),
    ("manduka-pro-long-black", "yogamat", "near_miss", "Manduka",
     "Manduka PRO yoga mat 6 mm, long 85 in (215 cm), black", "85003411118", "111012010"),
    ("manduka-pro-midnight", "yogamat", "variant", "Manduka",
     "Manduka PRO yoga mat 6 mm, 71 in (180 cm), midnight", "85003411125", "111011040"),
    ("manduka-prolite-black", "yogamat", "near_miss", "Manduka",
     "Manduka PROlite yoga mat 4.7 mm, 71 in (180 cm), black", "85003412108", "121011010"),
    ("manduka-pro-travel", "yogamat", "near_miss", "Manduka",
     "Manduka PRO Travel yoga mat 2.5 mm, 71 in (180 cm), black", "85003413105", "131011010"),
    ("manduka-equa-towel", "yogamat", "accessory", "Manduka",
     "Manduka eQua yoga mat towel 72 in (183 cm), black", "85003414102", "151011010"),
    ("k5-pc", "pressurewasher", "main", "Kärcher",
     "Kärcher K 5 Power Control pressure washer", "405427860831", "1.324-550.0"),
    ("k5-pc-home", "pressurewasher", "bundle", "Kärcher",
     "Kärcher K 5 Power Control Home pressure washer with T 5 surface cleaner",
     "405427860848", "1.324-553.0"),
    ("k4-pc", "pressurewasher", "near_miss", "Kärcher",
     "Kärcher K 4 Power Control pressure washer", "405427860602", "1.324-030.0"),
    ("k5-premium-sc", "pressurewasher", "near_miss", "Kärcher",
     "Kärcher K 5 Premium Smart Control pressure washer", "405427872209", "1.324-670.0"),
    ("k5-compact", "pressurewasher", "near_miss", "Kärcher",
     "Kärcher K 5 Compact pressure washer", "405427841502", "1.630-750.0"),
    ("t5-surface", "pressurewasher", "accessory", "Kärcher",
     "Kärcher T 5 surface cleaner for K 2 to K 7 pressure washers", "405427810706",
     "2.644-084.0"),
    ("hue-wca-e27-1", "smartbulb", "main", "Philips Hue",
     "Philips Hue White and Color Ambiance E27 smart bulb 1100 lm, 1 pack", "871951428801",
     "929002468401"),
    ("hue-wca-e27-2", "smartbulb", "bundle", "Philips Hue",
     "Philips Hue White and Color Ambiance E27 smart bulb 1100 lm, 2 pack", "871951428818",
     "929002468402"),
    ("hue-wca-starter", "smartbulb", "bundle", "Philips Hue",
     "Philips Hue White and Color Ambiance E27 starter kit, 3 bulbs and Bridge",
     "871951428702", "929002468403"),
    ("hue-wa-e27-1", "smartbulb", "near_miss", "Philips Hue",
     "Philips Hue White Ambiance E27 smart bulb 1100 lm, 1 pack", "871951429006",
     "929002468601"),
    ("hue-wca-gu10-1", "smartbulb", "near_miss", "Philips Hue",
     "Philips Hue White and Color Ambiance GU10 smart spot 350 lm, 1 pack", "871951434000",
     "929001953111"),
    ("hue-bridge", "smartbulb", "accessory", "Philips Hue",
     "Philips Hue Bridge", "871951435502", "929001180642"),
    ("hojicha", "tea", "other", "Kettle & Crane",
     "Hojicha roasted green tea 100 g", "506023478001", None),
    ("masala-chai", "tea", "other", "Kettle & Crane",
     "Masala chai black tea blend 250 g", "506023478018", None),
    ("kyusu", "teaware", "other", "Kettle & Crane",
     "Tokoname kyusu teapot 300 ml", "506023478025", None),
    ("tea-scoop", "teaware", "other", "Kettle & Crane",
     "Bamboo tea scoop", "506023478032", None),
)

HELDOUT4_CATEGORIES: dict[str, dict[str, str]] = make_categories({
    "filament": "3D Printer Filament|3D-Filamente|Пластик для 3D-печати|Filamenty|Filaments 3D|"
                "Filamentos 3D|Filamenty do drukarek 3D|Filamenti 3D",
    "earbuds": "Wireless Earbuds|True-Wireless-Kopfhörer|Беспроводные наушники|"
               "Bezdrátová sluchátka|Écouteurs sans fil|Auriculares inalámbricos|"
               "Słuchawki bezprzewodowe|Auricolari wireless",
    "standmixer": "Stand Mixers|Küchenmaschinen|Планетарные миксеры|Kuchyňské roboty|"
                  "Robots pâtissiers|Batidoras amasadoras|Roboty planetarne|"
                  "Impastatrici planetarie",
    "jacket": "Down Jackets|Daunenjacken|Пуховики|Péřové bundy|Doudounes|Chaquetas de plumas|"
              "Kurtki puchowe|Piumini",
    "gpu": "Graphics Cards|Grafikkarten|Видеокарты|Grafické karty|Cartes graphiques|"
           "Tarjetas gráficas|Karty graficzne|Schede video",
    "powerbank": "Power Banks|Powerbanks|Внешние аккумуляторы|Powerbanky|Batteries externes|"
                 "Baterías externas|Powerbanki|Power bank",
    "router": "Wi-Fi Routers|WLAN-Router|Wi-Fi роутеры|Wi-Fi routery|Routeurs Wi-Fi|"
              "Routers Wi-Fi|Routery Wi-Fi|Router Wi-Fi",
    "nappies": "Nappies|Windeln|Подгузники|Plenky|Couches|Pañales|Pieluszki|Pannolini",
    "yogamat": "Yoga Mats|Yogamatten|Коврики для йоги|Podložky na jógu|Tapis de yoga|"
               "Esterillas de yoga|Maty do jogi|Tappetini yoga",
    "pressurewasher": "Pressure Washers|Hochdruckreiniger|Мойки высокого давления|"
                      "Vysokotlaké čističe|Nettoyeurs haute pression|Hidrolimpiadoras|"
                      "Myjki ciśnieniowe|Idropulitrici",
    "smartbulb": "Smart Lighting|Smarte Beleuchtung|Умное освещение|Chytré osvětlení|"
                 "Éclairage connecté|Iluminación inteligente|Inteligentne oświetlenie|"
                 "Illuminazione smart",
    "tea": "Loose Leaf Tea",
    "teaware": "Teaware",
})
# fmt: on

HELDOUT4_SHOPS = make_shops(HELDOUT4_ROWS | HELDOUT4_MORE_ROWS | HELDOUT4_REST_ROWS)
HELDOUT4 = Dataset("heldout4", HELDOUT4_PRODUCTS, HELDOUT4_CATEGORIES, HELDOUT4_SHOPS)

# The products the pairs start from, each from the page of one shop that sells it.
HELDOUT4_SOURCES: dict[str, str] = {
    "pla-basic-black": "shopify",
    "airpods-pro2-usbc": "search_form",
    "artisan-175-red": "woocommerce",
    "down-sweater-m-black": "prestashop",
    "dual-4060-o8g": "opencart",
    "anker-737": "magento",
    "archer-ax55": "bitrix",
    "pampers-pp-4-52": "opensearch",
    "manduka-pro-black": "search_action",
    "k5-pc": "robots_blocked",
    "hue-wca-e27-1": "woocommerce",
    "hue-wca-e27-2": "magento",
}

HELDOUT4_PAIRS: list[Pair] = HELDOUT4.pairs(HELDOUT4_SOURCES)
