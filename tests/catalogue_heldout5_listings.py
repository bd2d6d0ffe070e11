"""What each shop of the fifth held-out catalogue (tests/catalogue_heldout5.py) sells, written
the shop's way: the same eleven platforms as tests/catalogue_listings.py, other goods and
other habits. Rows are as in tests/catalogue_heldout_listings.py: "brand=", "mpn=" and
"gtin=" as the shop writes them ("_" for a space), "sizes=" for the variants a page offers
(the one whose codes it gives marked *), "-gtin -mpn -brand" for what the page leaves out.
"""

# ruff: noqa: RUF001 — titles in Cyrillic and with en dashes, as shops write them.

from __future__ import annotations

from tests.catalogue import EAN, sizes_offered
from tests.catalogue_heldout_listings import Row

# A sandal's GTIN per size: its prefix and the size's place in the scale (Birkenstock gives
# every size its own EAN; a page offering all sizes shows the code of the one it has chosen).
SANDAL_PREFIXES = {
    "arizona-bf-black": "4044778100",
    "arizona-bf-black-narrow": "4044778200",
    "arizona-bf-white": "4044778300",
}
_SANDAL_SCALES = {  # the same eleven sizes, as shops in different countries write them
    "eu": "36,37,38,39,40,41,42,43,44,45,46",
    "eu_label": "EU_36,EU_37,EU_38,EU_39,EU_40,EU_41,EU_42,EU_43,EU_44,EU_45,EU_46",
    "us": "L5/M3,L6/M4,L7/M5,L8/M6,L9/M7,L10/M8,L11/M9,L12/M10,L13/M11,L14/M12,L15/M13",
}
SANDAL_SIZE = 6  # the size whose GTIN is the product's own (EU 42)


def sandal_sizes(product: str, scale: str, chosen: int) -> str:
    """A sandal page's sizes, the chosen one marked, and the chosen size's GTIN."""
    body = SANDAL_PREFIXES[product] + f"{chosen:02d}"
    return sizes_offered(_SANDAL_SCALES[scale], chosen, body)


# fmt: off
HELDOUT5_ROWS: dict[str, tuple[Row, tuple[Row, ...]]] = {
    "shopify": (
        ("Bluestone Trading Co.", "en", "USD", "shopify_json", "title brand type sku"), (
        ("v15-detect-absolute", "BT-DY-V15ABS", "749.99",
         "/products/dyson-v15-detect-absolute-cordless-vacuum",
         "Dyson V15 Detect Absolute Cordless Vacuum Cleaner, Yellow/Nickel - Laser Dust "
         "Detection, Piezo Sensor, LCD Screen, Up to 60 Min Run Time…"),
        ("v12-detect-slim", "BT-DY-V12SLM", "649.99",
         "/products/dyson-v12-detect-slim-absolute",
         "Dyson V12 Detect Slim Absolute Cordless Vacuum - Yellow/Nickel"),
        ("mini4pro-rcn2", "BT-DJI-M4P", "759.00", "/products/dji-mini-4-pro-rc-n2",
         "DJI Mini 4 Pro (DJI RC-N2), Folding Mini Drone with 4K HDR Video Camera for Adults, "
         "Under 249 g, 34 Min Flight Time, Omnidirectional Obstacle…"),
        ("k8pro-brown", "BT-KC-K8P-J3", "109.00", "/products/keychron-k8-pro-qmk-via-brown",
         "Keychron K8 Pro QMK/VIA Wireless Mechanical Keyboard, Hot-Swappable, RGB Backlight, "
         "Gateron G Pro Brown Switch (K8P-J3)"),
        ("k8-palm-rest", "BT-KC-PR3", "29.00", "/products/keychron-wooden-palm-rest-k8",
         "Keychron Wooden Palm Rest for K8 / K8 Pro (TKL)"),
        ("arizona-bf-black", "BT-BK-0051791", "109.95",
         "/products/birkenstock-arizona-birko-flor-black",
         "Arizona Birko-Flor Sandal - Black (Regular/Wide)",
         sandal_sizes("arizona-bf-black", "us", 7)),
        ("arizona-eva-black", "BT-BK-0129421", "49.95", "/products/birkenstock-arizona-eva-black",
         "Arizona Essentials EVA Sandal - Black"),
        ("dualzone-liners", "BT-CF-LNR2", "15.99", "/products/silicone-liners-for-ninja-dual-zone",
         "Silicone Air Fryer Liners for Ninja Foodi Dual Zone AF300 / AF400, Reusable, 2 Pack"),
        ("copper-spur-hv-ul2", "BT-BA-THVCS222", "549.95",
         "/products/big-agnes-copper-spur-hv-ul2",
         "Big Agnes Copper Spur HV UL2 Backpacking Tent - 2 Person, 3 lb 2 oz"),
        ("copper-spur-hv-ul2-footprint", "BT-BA-TFCSHV222", "79.95",
         "/products/big-agnes-footprint-copper-spur-hv-ul2",
         "Big Agnes Footprint for Copper Spur HV UL2"),
        ("garmin-dashcam-67w", "BT-GR-67W", "249.99", "/products/garmin-dash-cam-67w",
         "Garmin Dash Cam 67W, 1440p and Extra-Wide 180-Degree FOV, Monitor Your Vehicle While "
         "Away w/ New Connected Features, Voice Control…"),
        ("on-gsw-choc-2270", "BT-ON-GSW5-DRC", "74.99",
         "/products/optimum-nutrition-gold-standard-whey-double-rich-chocolate-5-lb",
         "Optimum Nutrition Gold Standard 100% Whey Protein Powder, Double Rich Chocolate, "
         "5 Pound (Packaging May Vary)"),
        ("on-gsw-choc-908", "BT-ON-GSW2-DRC", "36.99",
         "/products/optimum-nutrition-gold-standard-whey-double-rich-chocolate-2-lb",
         "Optimum Nutrition Gold Standard 100% Whey Protein Powder, Double Rich Chocolate, "
         "2 Pound"),
        ("eb-regular-slinky", "BT-EB-2221", "7.99", "/products/ernie-ball-regular-slinky-10-46",
         "Ernie Ball Regular Slinky Nickel Wound Electric Guitar Strings, 10-46 Gauge (P02221)"),
        ("eb-super-slinky", "BT-EB-2223", "7.99", "/products/ernie-ball-super-slinky-9-42",
         "Ernie Ball Super Slinky Nickel Wound Electric Guitar Strings, 9-42 Gauge (P02223)"),
        ("maxi-deluxe-blue", "BT-MC-MMD005", "169.99",
         "/products/micro-maxi-deluxe-kick-scooter-blue",
         "Micro Kickboard - Maxi Deluxe 3-Wheeled, Lean-to-Steer, Swiss-Designed Micro Scooter "
         "for Kids, Ages 5-12 - Blue"),
    )),
    "woocommerce": (("Warenhaus Brandt", "de", "EUR", "woo_json", "title sku"), (
        ("v15-detect-absolute", EAN, "599.00", "/produkt/dyson-v15-detect-absolute-gelb-nickel/",
         "DYSON V15 Detect Absolute Akku-Staubsauger (Gelb/Nickel) 394451-01", "brand=DYSON"),
        ("mini4pro-fmc-rc2", "WB-DJI-M4P-FMC", "1099.00",
         "/produkt/dji-mini-4-pro-fly-more-combo-rc-2/",
         "DJI Mini 4 Pro Fly More Combo (DJI RC 2) – Drohne mit 4K/60fps HDR, 3 Akkus"),
        ("k8pro-red", "WB-KC-K8PJ1", "119.90", "/produkt/keychron-k8-pro-rgb-red/",
         "Keychron K8 Pro kabellose mechanische Tastatur, RGB, Hot-Swap, Gateron G Pro Red "
         "(K8P-J1)"),
        ("arizona-bf-black", "WB-BK-51791", "79.95",
         "/produkt/birkenstock-arizona-birko-flor-schwarz/",
         "Birkenstock Arizona Birko-Flor Sandale Schwarz, normale Weite",
         sandal_sizes("arizona-bf-black", "eu_label", 6)),
        ("ninja-af300", EAN, "199.99", "/produkt/ninja-foodi-dual-zone-heissluftfritteuse-af300eu/",
         "NEU: Ninja Foodi Heißluftfritteuse Dual Zone AF300EU, 7,6 L, 2 Kammern, 6 Funktionen"),
        ("ninja-af400", EAN, "249.99", "/produkt/ninja-foodi-max-dual-zone-af400eu/",
         "Ninja Foodi MAX Dual Zone Heißluftfritteuse AF400EU, 9,5 L"),
        ("copper-spur-hv-ul3", "WB-BA-UL3", "649.95", "/produkt/big-agnes-copper-spur-hv-ul3-zelt/",
         "Big Agnes Copper Spur HV UL3 Zelt, 3 Personen, ultraleicht"),
        ("garmin-dashcam-57", "WB-GAR-DC57", "229.99", "/produkt/garmin-dash-cam-57/",
         "Garmin Dash Cam 57 – Dashcam mit 1440p, 140° Blickwinkel, Sprachsteuerung "
         "(010-02505-11)"),
        ("on-gsw-choc-2270", EAN, "69.90",
         "/produkt/optimum-nutrition-gold-standard-whey-double-rich-chocolate-2270g/",
         "Optimum Nutrition Gold Standard 100% Whey Proteinpulver, Double Rich Chocolate, "
         "2,27 kg"),
        ("varta-e11", EAN, "109.90", "/produkt/varta-blue-dynamic-e11-74ah-680a/",
         "VARTA E11 Blue Dynamic 12V 74Ah 680A Autobatterie 574 012 068", "brand=VARTA"),
        ("eb-regular-slinky-3pack", "WB-EB-3221", "19.90",
         "/produkt/ernie-ball-regular-slinky-3er-pack/",
         "Ernie Ball 3221 Regular Slinky E-Gitarrensaiten 10-46, 3er-Pack"),
        ("maxi-deluxe-blue", EAN, "139.90", "/produkt/micro-maxi-micro-deluxe-blau/",
         "Micro Maxi Micro Deluxe Scooter Blau (MMD005) – Kinderroller ab 5 Jahren"),
        ("maxi-deluxe-pink", EAN, "139.90", "/produkt/micro-maxi-micro-deluxe-pink/",
         "Micro Maxi Micro Deluxe Scooter Pink (MMD006)"),
    )),
    "search_action": (
        ("Гранд Маркет", "ru", "RUB", "search_action", "title brand sku mpn gtin"), (
        ("gen5detect-absolute", "GM-DY-GEN5", "79990",
         "/catalog/pylesosy/dyson-gen5detect-absolute/",
         "Пылесос беспроводной Dyson Gen5detect Absolute"),
        ("mini4pro-rcn2", "GM-DJI-M4P", "89990", "/catalog/kvadrokoptery/dji-mini-4-pro-rc-n2/",
         "Квадрокоптер DJI Mini 4 Pro (DJI RC-N2), серый", "mpn=MT4MFVD"),
        ("k8pro-brown", "GM-KC-K8P-J3", "12990", "/catalog/klaviatury/keychron-k8-pro-brown/",
         "Клавиатура механическая Keychron K8 Pro, Gateron G Pro Brown, RGB, беспроводная "
         "(K8P-J3)"),
        ("arizona-bf-black-narrow", "GM-BK-51793", "8990",
         "/catalog/sandalii/birkenstock-arizona-bf-black-narrow/",
         "Сандалии Birkenstock Arizona Birko-Flor, черные, узкая колодка"),
        ("ninja-af300", "GM-NJ-AF300", "21990", "/catalog/aerogrili/ninja-foodi-dual-zone-af300eu/",
         "Аэрогриль Ninja Foodi Dual Zone AF300EU, 7,6 л, черный"),
        ("copper-spur-hv-ul2", "GM-BA-UL2", "64990",
         "/catalog/palatki/big-agnes-copper-spur-hv-ul2/",
         "Палатка Big Agnes Copper Spur HV UL2, двухместная"),
        ("garmin-dashcam-47", "GM-GR-DC47", "19990",
         "/catalog/videoregistratory/garmin-dash-cam-47/",
         "Видеорегистратор Garmin Dash Cam 47 (010-02505-01)"),
        ("on-gsw-choc-908", "GM-ON-GSW-908", "4490",
         "/catalog/protein/optimum-nutrition-gold-standard-whey-908g-chocolate/",
         "Протеин Optimum Nutrition 100% Whey Gold Standard, 908 г, двойной шоколад"),
        ("on-gsw-vanilla-2270", "GM-ON-GSW-2270V", "8990",
         "/catalog/protein/optimum-nutrition-gold-standard-whey-2270g-vanilla/",
         "Протеин Optimum Nutrition 100% Whey Gold Standard, 2270 г, ванильное мороженое"),
        ("varta-e44", "GM-VR-E44", "13990", "/catalog/akkumulyatory/varta-blue-dynamic-e44/",
         "Аккумулятор автомобильный VARTA Blue Dynamic E44 77 Ач 780 А обратная полярность",
         "brand=VARTA"),
        ("eb-regular-slinky", "GM-EB-2221", "990",
         "/catalog/struny/ernie-ball-2221-regular-slinky/",
         "Струны для электрогитары Ernie Ball 2221 Regular Slinky 10-46", "mpn=2221"),
        ("maxi-deluxe-led-blue", "GM-MC-MMD077", "17990",
         "/catalog/samokaty/micro-maxi-deluxe-led-blue/",
         "Самокат Micro Maxi Deluxe LED, синий (MMD077)"),
    )),
}
# fmt: on
