"""A fifth held-out catalogue: the eleven shops of tests/catalogue.py (same platforms,
languages, currencies and search conventions) selling goods none of the other datasets has,
built without looking at the matcher, to estimate how product matching does on families it
was not tuned on.

Eleven families, each with the real product beside the near-misses real shops confuse: a
cordless vacuum beside its other colour (its own code), its Total Clean sibling, the V12
Slim, its Gen5 successor, its battery and a filter "compatible with" it; a drone with its
basic remote beside the same drone with the screen remote, its Fly More Combo, its
predecessor, the cheaper Mini 4K and its battery; a mechanical keyboard's switch variants
(each with its own code), its predecessor, its 75% sibling and a palm rest "for" it; sandals
sold in sizes (EU 36-46, each with its own EAN) beside their narrow fit, their colour, their
EVA sibling and another model; an air fryer beside its MAX, single-drawer and FlexDrawer
siblings and liners "for" it; a two-person tent beside its one- and three-person sizes, its
Bikepack version, another line and its footprint; a dash cam beside its cheaper, wider and
smaller siblings and a power cable; protein powder by weight (2.27 kg vs 908 g and 4.54 kg),
by flavour and as casein; a car battery beside its bigger, smaller, Silver and charger
cousins; guitar strings beside other gauges, a 3-pack, and the Cobalt and Paradigm lines; a
kick scooter beside its colour, its smaller, LED and foldable siblings and a bag.

Shops write titles with the category first, ALL CAPS brands, marketing words ("NEU:",
"¡Oferta!"), truncation, no brand at all (only in structured data), units their way (2.27 kg,
2,27 kg, 2270 g or 5 Pound; 7.6 l or 7,6 litri; 10-46, .010-.046 or 010-046); the maker's
codes in titles ("AF300EU", "010-02505-11", "574 012 068", "P02221"), as a regional or
model number ("Type 096", "MT4MFVD"); some pages show no GTIN or MPN, or the code of the size
they have chosen. Brands and models are real and the codes real-shaped; the GTINs are
stand-ins with computed check digits. ``HELDOUT5_PAIRS`` labels, for 12 products, the page of
exactly that product in each other shop (or None).

    with serve_catalogue(dataset=HELDOUT5) as shops:
        outcomes = run_pairs(shops, HELDOUT5_PAIRS)
"""

from __future__ import annotations

from tests.catalogue import Dataset, Pair, Product, make_categories, make_products, make_shops
from tests.catalogue_heldout5_listings import HELDOUT5_ROWS, SANDAL_PREFIXES, SANDAL_SIZE
from tests.catalogue_heldout5_more_listings import HELDOUT5_MORE_ROWS
from tests.catalogue_heldout5_rest_listings import HELDOUT5_REST_ROWS

__all__ = [
    "HELDOUT5",
    "HELDOUT5_CATEGORIES",
    "HELDOUT5_PAIRS",
    "HELDOUT5_PRODUCTS",
    "HELDOUT5_SHOPS",
    "HELDOUT5_SIZED",
    "HELDOUT5_SOURCES",
]

# The product sold in sizes: pages offering them show the code of the one they have chosen.
HELDOUT5_SIZED = "arizona-bf-black"


def _sandal(product: str) -> str:
    """A sandal's GTIN without its check digit: the one of its size EU 42."""
    return SANDAL_PREFIXES[product] + f"{SANDAL_SIZE:02d}"


# fmt: off
HELDOUT5_PRODUCTS: dict[str, Product] = make_products(
    ("v15-detect-absolute", "vacuum", "main", "Dyson",
     "Dyson V15 Detect Absolute cordless vacuum cleaner, yellow/nickel", "502515538401",
     "394451-01"),
    ("v15-detect-absolute-gold", "vacuum", "variant", "Dyson",
     "Dyson V15 Detect Absolute cordless vacuum cleaner, Prussian blue/gold", "502515538418",
     "446986-01"),
    ("v15-detect-total-clean", "vacuum", "near_miss", "Dyson",
     "Dyson V15 Detect Total Clean cordless vacuum cleaner", "502515538425", "419634-01"),
    ("v12-detect-slim", "vacuum", "near_miss", "Dyson",
     "Dyson V12 Detect Slim Absolute cordless vacuum cleaner", "502515537800", "394167-01"),
    ("gen5detect-absolute", "vacuum", "near_miss", "Dyson",
     "Dyson Gen5detect Absolute cordless vacuum cleaner", "502515539100", "446989-01"),
    ("v15-click-battery", "vacuum", "accessory", "Dyson",
     "Dyson click-in battery for V15 Detect", "502515538906", "971517-01"),
    ("v15-filter-compatible", "vacuum", "accessory", "Vacfit",
     "Vacfit replacement filter compatible with Dyson V15 Detect, 2 pack", "426075911002",
     "VF-V15-2"),
    ("mini4pro-rcn2", "drone", "main", "DJI",
     "DJI Mini 4 Pro drone with DJI RC-N2 remote controller", "694156573101",
     "CP.MA.00000731.01"),
    ("mini4pro-rc2", "drone", "near_miss", "DJI",
     "DJI Mini 4 Pro drone with DJI RC 2 screen remote controller", "694156573200",
     "CP.MA.00000732.01"),
    ("mini4pro-fmc-rc2", "drone", "bundle", "DJI",
     "DJI Mini 4 Pro Fly More Combo with DJI RC 2", "694156573507", "CP.MA.00000735.01"),
    ("mini3pro-rcn1", "drone", "near_miss", "DJI",
     "DJI Mini 3 Pro drone with DJI RC-N1 remote controller", "694156548801",
     "CP.MA.00000488.01"),
    ("mini4k", "drone", "near_miss", "DJI",
     "DJI Mini 4K drone with DJI RC-N1C remote controller", "694156579500",
     "CP.MA.00000795.01"),
    ("mini4pro-battery", "drone", "accessory", "DJI",
     "DJI Mini 4 Pro Intelligent Flight Battery 2590 mAh", "694156574805",
     "CP.MA.00000748.01"),
    ("k8pro-brown", "keyboard", "main", "Keychron",
     "Keychron K8 Pro wireless mechanical keyboard, RGB, hot-swappable, Gateron G Pro Brown",
     "697415480301", "K8P-J3"),
    ("k8pro-red", "keyboard", "variant", "Keychron",
     "Keychron K8 Pro wireless mechanical keyboard, RGB, hot-swappable, Gateron G Pro Red",
     "697415480103", "K8P-J1"),
    ("k8-brown", "keyboard", "near_miss", "Keychron",
     "Keychron K8 wireless mechanical keyboard, RGB, hot-swappable, Gateron Brown",
     "697415470300", "K8-J3"),
    ("k2pro-brown", "keyboard", "near_miss", "Keychron",
     "Keychron K2 Pro wireless mechanical keyboard, RGB, hot-swappable, Gateron G Pro Brown",
     "697415420304", "K2P-J3"),
    ("k8-palm-rest", "keyboard", "accessory", "Keychron",
     "Keychron wooden palm rest for K8 and K8 Pro", "697415490003", "PR3"),
    ("arizona-bf-black", "sandals", "main", "Birkenstock",
     "Birkenstock Arizona Birko-Flor sandals, black, regular fit", _sandal("arizona-bf-black"),
     "0051791"),
    ("arizona-bf-black-narrow", "sandals", "near_miss", "Birkenstock",
     "Birkenstock Arizona Birko-Flor sandals, black, narrow fit",
     _sandal("arizona-bf-black-narrow"), "0051793"),
    ("arizona-bf-white", "sandals", "variant", "Birkenstock",
     "Birkenstock Arizona Birko-Flor sandals, white, regular fit", _sandal("arizona-bf-white"),
     "0051731"),
    ("arizona-eva-black", "sandals", "near_miss", "Birkenstock",
     "Birkenstock Arizona EVA sandals, black, regular fit", "404477840006", "0129421"),
    ("madrid-bf-black", "sandals", "near_miss", "Birkenstock",
     "Birkenstock Madrid Birko-Flor sandals, black, regular fit", "404477850006", "0040791"),
    ("ninja-af300", "airfryer", "main", "Ninja",
     "Ninja Foodi Dual Zone air fryer AF300EU, 7.6 l", "504221730001", "AF300EU"),
    ("ninja-af400", "airfryer", "near_miss", "Ninja",
     "Ninja Foodi MAX Dual Zone air fryer AF400EU, 9.5 l", "504221740000", "AF400EU"),
    ("ninja-af100", "airfryer", "near_miss", "Ninja",
     "Ninja air fryer AF100EU, 3.8 l", "504221710003", "AF100EU"),
    ("ninja-af500", "airfryer", "near_miss", "Ninja",
     "Ninja Foodi FlexDrawer air fryer AF500EU, 10.4 l", "504221750009", "AF500EU"),
    ("dualzone-liners", "airfryer", "accessory", "Cookfit",
     "Cookfit silicone liners compatible with Ninja Dual Zone AF300 and AF400, 2 pack",
     "426075912009", None),
    ("copper-spur-hv-ul2", "tent", "main", "Big Agnes",
     "Big Agnes Copper Spur HV UL2 backpacking tent, 2 person", "84176310222", "THVCS222"),
    ("copper-spur-hv-ul1", "tent", "near_miss", "Big Agnes",
     "Big Agnes Copper Spur HV UL1 backpacking tent, 1 person", "84176310122", "THVCS122"),
    ("copper-spur-hv-ul3", "tent", "near_miss", "Big Agnes",
     "Big Agnes Copper Spur HV UL3 backpacking tent, 3 person", "84176310322", "THVCS322"),
    ("copper-spur-hv-ul2-bikepack", "tent", "near_miss", "Big Agnes",
     "Big Agnes Copper Spur HV UL2 Bikepack tent, 2 person", "84176310422", "THVCSBP222"),
    ("copper-spur-hv-ul2-footprint", "tent", "accessory", "Big Agnes",
     "Big Agnes footprint for Copper Spur HV UL2 tent", "84176310522", "TFCSHV222"),
    ("tiger-wall-ul2", "tent", "near_miss", "Big Agnes",
     "Big Agnes Tiger Wall UL2 backpacking tent, 2 person", "84176310622", "TTW222"),
    ("garmin-dashcam-57", "dashcam", "main", "Garmin",
     "Garmin Dash Cam 57, 1440p, 140-degree field of view", "75375929511", "010-02505-11"),
    ("garmin-dashcam-47", "dashcam", "near_miss", "Garmin",
     "Garmin Dash Cam 47, 1080p, 140-degree field of view", "75375929501", "010-02505-01"),
    ("garmin-dashcam-67w", "dashcam", "near_miss", "Garmin",
     "Garmin Dash Cam 67W, 1440p, 180-degree field of view", "75375929515", "010-02505-15"),
    ("garmin-dashcam-mini2", "dashcam", "near_miss", "Garmin",
     "Garmin Dash Cam Mini 2, 1080p, 140-degree field of view", "75375929410", "010-02504-10"),
    ("garmin-constant-power-cable", "dashcam", "accessory", "Garmin",
     "Garmin constant power cable for dash cams", "75375912530", "010-12530-03"),
    ("on-gsw-choc-2270", "protein", "main", "Optimum Nutrition",
     "Optimum Nutrition Gold Standard 100% Whey protein powder, Double Rich Chocolate, "
     "2.27 kg (5 lb)", "506046998227", None),
    ("on-gsw-choc-908", "protein", "near_miss", "Optimum Nutrition",
     "Optimum Nutrition Gold Standard 100% Whey protein powder, Double Rich Chocolate, "
     "908 g (2 lb)", "506046998098", None),
    ("on-gsw-choc-4540", "protein", "near_miss", "Optimum Nutrition",
     "Optimum Nutrition Gold Standard 100% Whey protein powder, Double Rich Chocolate, "
     "4.54 kg (10 lb)", "506046998454", None),
    ("on-gsw-vanilla-2270", "protein", "variant", "Optimum Nutrition",
     "Optimum Nutrition Gold Standard 100% Whey protein powder, Vanilla Ice Cream, "
     "2.27 kg (5 lb)", "506046998234", None),
    ("on-casein-choc-1820", "protein", "near_miss", "Optimum Nutrition",
     "Optimum Nutrition Gold Standard 100% Casein protein powder, Chocolate Supreme, "
     "1.82 kg (4 lb)", "506046998418", None),
    ("varta-e11", "carbattery", "main", "Varta",
     "Varta Blue Dynamic E11 car battery 12 V 74 Ah 680 A", "401698712068", "574012068"),
    ("varta-e44", "carbattery", "near_miss", "Varta",
     "Varta Blue Dynamic E44 car battery 12 V 77 Ah 780 A", "401698712075", "577400078"),
    ("varta-d59", "carbattery", "near_miss", "Varta",
     "Varta Blue Dynamic D59 car battery 12 V 60 Ah 540 A", "401698712051", "560409054"),
    ("varta-e38", "carbattery", "near_miss", "Varta",
     "Varta Silver Dynamic E38 car battery 12 V 74 Ah 750 A", "401698712099", "574402075"),
    ("varta-smart-charger", "carbattery", "accessory", "Varta",
     "Varta LCD Smart Charger 12 V 5 A for car batteries", "401698712105", "57064"),
    ("eb-regular-slinky", "strings", "main", "Ernie Ball",
     "Ernie Ball Regular Slinky nickel wound electric guitar strings 10-46", "74969912221",
     "P02221"),
    ("eb-super-slinky", "strings", "near_miss", "Ernie Ball",
     "Ernie Ball Super Slinky nickel wound electric guitar strings 9-42", "74969912223",
     "P02223"),
    ("eb-power-slinky", "strings", "near_miss", "Ernie Ball",
     "Ernie Ball Power Slinky nickel wound electric guitar strings 11-48", "74969912220",
     "P02220"),
    ("eb-regular-slinky-3pack", "strings", "bundle", "Ernie Ball",
     "Ernie Ball Regular Slinky nickel wound electric guitar strings 10-46, 3 pack",
     "74969913221", "P03221"),
    ("eb-regular-cobalt", "strings", "near_miss", "Ernie Ball",
     "Ernie Ball Regular Slinky Cobalt electric guitar strings 10-46", "74969912721",
     "P02721"),
    ("eb-paradigm-regular", "strings", "near_miss", "Ernie Ball",
     "Ernie Ball Paradigm Regular Slinky electric guitar strings 10-46", "74969912021",
     "P02021"),
    ("maxi-deluxe-blue", "scooter", "main", "Micro",
     "Micro Maxi Micro Deluxe kick scooter, blue", "764010850005", "MMD005"),
    ("maxi-deluxe-pink", "scooter", "variant", "Micro",
     "Micro Maxi Micro Deluxe kick scooter, pink", "764010850067", "MMD006"),
    ("mini-deluxe-blue", "scooter", "near_miss", "Micro",
     "Micro Mini Micro Deluxe kick scooter, blue", "764010830007", "MMD003"),
    ("maxi-deluxe-led-blue", "scooter", "near_miss", "Micro",
     "Micro Maxi Micro Deluxe LED kick scooter, blue", "764010877002", "MMD077"),
    ("maxi-deluxe-foldable-blue", "scooter", "near_miss", "Micro",
     "Micro Maxi Micro Deluxe Foldable kick scooter, blue", "764010891008", "MMD091"),
    ("micro-scooter-bag", "scooter", "accessory", "Micro",
     "Micro scooter bag for Maxi Micro", "764010845001", "AC4518"),
    ("lapsang-souchong", "tea", "other", "Wren & Willow",
     "Lapsang Souchong smoked black tea 100 g", "506023479001", None),
    ("white-peony", "tea", "other", "Wren & Willow",
     "White Peony white tea 50 g", "506023479018", None),
    ("yixing-teapot", "teaware", "other", "Wren & Willow",
     "Yixing clay teapot 200 ml", "506023479025", None),
    ("tea-cosy", "teaware", "other", "Wren & Willow",
     "Knitted wool tea cosy", "506023479032", None),
)

HELDOUT5_CATEGORIES: dict[str, dict[str, str]] = make_categories({
    "vacuum": "Cordless Vacuums|Akku-Staubsauger|Беспроводные пылесосы|Akumulátorové vysavače|"
              "Aspirateurs balais sans fil|Aspiradoras sin cable|Odkurzacze bezprzewodowe|"
              "Scope elettriche senza filo",
    "drone": "Drones|Drohnen|Квадрокоптеры|Drony|Drones|Drones|Drony|Droni",
    "keyboard": "Mechanical Keyboards|Mechanische Tastaturen|Механические клавиатуры|"
                "Mechanické klávesnice|Claviers mécaniques|Teclados mecánicos|"
                "Klawiatury mechaniczne|Tastiere meccaniche",
    "sandals": "Sandals|Sandalen|Сандалии|Sandály|Sandales|Sandalias|Sandały|Sandali",
    "airfryer": "Air Fryers|Heißluftfritteusen|Аэрогрили|Horkovzdušné fritézy|"
                "Friteuses sans huile|Freidoras de aire|Frytkownice beztłuszczowe|"
                "Friggitrici ad aria",
    "tent": "Tents|Zelte|Палатки|Stany|Tentes|Tiendas de campaña|Namioty|Tende",
    "dashcam": "Dash Cams|Dashcams|Видеорегистраторы|Autokamery|Caméras embarquées|"
               "Cámaras para coche|Wideorejestratory|Dash cam",
    "protein": "Protein Powder|Proteinpulver|Протеин|Proteiny|Protéines en poudre|"
               "Proteína en polvo|Odżywki białkowe|Proteine in polvere",
    "carbattery": "Car Batteries|Autobatterien|Автомобильные аккумуляторы|Autobaterie|"
                  "Batteries auto|Baterías de coche|Akumulatory samochodowe|Batterie auto",
    "strings": "Guitar Strings|Gitarrensaiten|Струны для гитары|Struny na kytaru|"
               "Cordes de guitare|Cuerdas de guitarra|Struny gitarowe|Corde per chitarra",
    "scooter": "Kick Scooters|Tretroller|Самокаты|Koloběžky|Trottinettes|Patinetes|Hulajnogi|"
               "Monopattini",
    "tea": "Loose Leaf Tea",
    "teaware": "Teaware",
})
# fmt: on

HELDOUT5_SHOPS = make_shops(HELDOUT5_ROWS | HELDOUT5_MORE_ROWS | HELDOUT5_REST_ROWS)
HELDOUT5 = Dataset("heldout5", HELDOUT5_PRODUCTS, HELDOUT5_CATEGORIES, HELDOUT5_SHOPS)

# The products the pairs start from, each from the page of one shop that sells it.
HELDOUT5_SOURCES: dict[str, str] = {
    "v15-detect-absolute": "shopify",
    "mini4pro-rcn2": "magento",
    "k8pro-brown": "search_form",
    "arizona-bf-black": "prestashop",
    "ninja-af300": "woocommerce",
    "copper-spur-hv-ul2": "opencart",
    "garmin-dashcam-57": "bitrix",
    "on-gsw-choc-2270": "opensearch",
    "on-gsw-choc-908": "search_action",
    "varta-e11": "robots_blocked",
    "eb-regular-slinky": "shopify",
    "maxi-deluxe-blue": "woocommerce",
}

HELDOUT5_PAIRS: list[Pair] = HELDOUT5.pairs(HELDOUT5_SOURCES)
