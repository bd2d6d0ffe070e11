"""What each shop of the second held-out catalogue (tests/catalogue_heldout2.py) sells, written
the shop's way: the same eleven platforms as tests/catalogue_listings.py, other goods and
other habits. Rows are as in tests/catalogue_heldout_listings.py: "brand=", "mpn=" and
"gtin=" as the shop writes them ("_" for a space), "sizes=" for the variants a page offers
(the one whose codes it gives marked *), "-gtin -mpn -brand" for what the page leaves out.
"""

# ruff: noqa: RUF001 — titles in Cyrillic, with en dashes and typographic quotes, as shops
# write them.

from __future__ import annotations

from tests.catalogue import EAN, gs1_check_digit
from tests.catalogue_heldout_listings import Row


def with_check(body: str) -> str:
    """A GTIN from its other digits."""
    return body + gs1_check_digit(body)


# The code of the watch with the other band size (Apple gives each band size its own part
# number and UPC; a page offering both shows the one it has chosen).
WATCH_SM_BAND = with_check("19494930295")

# fmt: off
HELDOUT2_ROWS: dict[str, tuple[Row, tuple[Row, ...]]] = {
    "shopify": (("Trailhead Home & Garage", "en", "USD", "shopify_json", "title brand type sku"), (
        ("s8-black", "TH-RR-S8B", "599.99", "/products/roborock-s8-robot-vacuum-black",
         "Roborock S8 Robot Vacuum and Mop Cleaner, DuoRoller Brush, 6000Pa Suction, Sonic "
         "Mopping, Auto Carpet Boost, Obstacle Avoidance, Black"),
        ("m5100-1142", "TH-SH-5100-42", "69.99", "/products/shimano-deore-cs-m5100-11-42t",
         "Shimano Deore CS-M5100 Cassette - 11 Speed, 11-42T"),
        ("m5100-1151", "TH-SH-5100-51", "79.99", "/products/shimano-deore-cs-m5100-11-51t",
         "Shimano Deore CS-M5100 Cassette - 11 Speed, 11-51T"),
        ("oled65c3", "TH-LG-C3-65", "1799.99", "/products/lg-65-inch-oled-evo-c3",
         "LG 65-Inch Class OLED evo C3 Series 4K Smart TV, Alexa Built-in"),
        ("oled55b3", "TH-LG-B3-55", "1099.99", "/products/lg-55-inch-oled-b3",
         "LG 55-Inch Class OLED B3 Series 4K Smart TV"),
        ("hp305xl-black", "TH-HP-305XLB", "34.99", "/products/hp-305xl-black-ink",
         "HP 305XL Black High-yield Original Ink Cartridge", "mpn=3YM62AE#BGX"),
        ("hp305xl-color", "TH-HP-305XLC", "39.99", "/products/hp-305xl-tri-color-ink",
         "HP 305XL Tri-color High-yield Original Ink Cartridge (3YM63AE)"),
        ("cloud-t-grey", "TH-CY-CTG", "399.95", "/products/cybex-cloud-t-i-size-mirage-grey",
         "CYBEX Cloud T i-Size Rotating Infant Car Seat - Mirage Grey"),
        ("rf50-18", "TH-CN-RF50", "199.00", "/products/canon-rf50mm-f1-8-stm",
         "Canon RF50mm F1.8 STM Lens for Canon EOS R Mirrorless Cameras"),
        ("k400-cream", "TH-KA-K400-AC", "249.99", "/products/kitchenaid-k400-blender-almond-cream",
         "KitchenAid K400 Variable Speed Countertop Blender, 48 oz, Almond Cream"),
        ("k150-red", "TH-KA-K150-ER", "129.99", "/products/kitchenaid-k150-blender-empire-red",
         "KitchenAid K150 3 Speed Ice Crushing Blender, 48 oz, Empire Red"),
        ("sauvage-edt-100", "TH-DI-SAUV-34", "128.00", "/products/dior-sauvage-edt-3-4-oz",
         "Sauvage Eau de Toilette Spray for Men, 3.4 oz", "brand=Dior"),
        ("p4plus-94v-xl", "TH-MI-P4P-20555", "164.99", "/products/michelin-primacy-4-plus-94v-xl",
         "Michelin Primacy 4+ 205/55R16 94V XL Tire"),
        ("aw9-45", "TH-AP-W9-45M", "429.00", "/products/apple-watch-series-9-gps-45mm-midnight",
         "Apple Watch Series 9 GPS 45mm Midnight Aluminum Case with Midnight Sport Band",
         "sizes=S/M,*M/L"),
        ("rc-maxi-15", "TH-RC-MAXI", "94.99", "/products/royal-canin-maxi-adult-dry-dog-food",
         "Royal Canin Size Health Nutrition Maxi Adult Dry Dog Food", "sizes=8.8_lb,*33_lb"),
    )),
    "woocommerce": (("Haus & Werkstatt Schmidt", "de", "EUR", "woo_json", "title sku"), (
        ("s8-black", "HW-30811", "549.00", "/produkt/saugroboter-s8-schwarz/",
         "Saugroboter S8 mit Wischfunktion, 6000 Pa, schwarz", "-gtin"),
        ("s8-pro-ultra", "HW-30815", "1199.00", "/produkt/roborock-s8-pro-ultra/",
         "Roborock S8 Pro Ultra Saug- und Wischroboter mit RockDock Ultra Station, schwarz"),
        ("m5100-1142", EAN, "54.90", "/produkt/shimano-deore-kassette-cs-m5100-11-42/",
         "Shimano Deore Kassette CS-M5100 11-fach 11-42 Zähne"),
        ("m6100-1051", EAN, "64.90", "/produkt/shimano-deore-kassette-cs-m6100-10-51/",
         "Shimano Deore Kassette CS-M6100 12-fach 10-51 Zähne"),
        ("oled55c3", "HW-41553", "1299.00", "/produkt/lg-oled55c34la/",
         "LG OLED55C34LA 139 cm (55 Zoll) OLED evo TV, 4K UHD, 120 Hz, Smart TV "
         "[Modelljahr 2023]"),
        ("oled65c3", "HW-41653", "1899.00", "/produkt/lg-oled65c34la/",
         "LG OLED65C34LA 164 cm (65 Zoll) OLED evo TV, 4K UHD, 120 Hz [Modelljahr 2023]"),
        ("hp305xl-black", EAN, "29.99", "/produkt/hp-305xl-druckerpatrone-schwarz/",
         "HP 305XL Original Druckerpatrone Schwarz, hohe Reichweite", "-mpn"),
        ("hp305xl-color", EAN, "34.99", "/produkt/hp-305xl-druckerpatrone-dreifarbig/",
         "HP 305XL Original Druckerpatrone Dreifarbig (3YM63AE)"),
        ("cloud-t-black", "HW-52201", "379.00", "/produkt/cybex-cloud-t-i-size-sepia-black/",
         "Cybex Platinum Cloud T i-Size Babyschale, Sepia Black"),
        ("cloud-t-base", "HW-52209", "549.00", "/produkt/cybex-cloud-t-i-size-set-base-t/",
         "Cybex Cloud T i-Size Babyschale Sepia Black inkl. Isofix-Basis Base T – Set"),
        ("ef50-18", "HW-60150", "139.00", "/produkt/canon-ef-50mm-1-8-stm/",
         "Canon EF 50mm 1:1,8 STM Objektiv"),
        ("nikon-z50-18", "HW-60250", "599.00", "/produkt/nikon-nikkor-z-50mm-1-8-s/",
         "Nikon NIKKOR Z 50 mm 1:1,8 S Objektiv"),
        ("k400-red", "HW-70400", "229.00", "/produkt/kitchenaid-standmixer-k400-empire-rot/",
         "KitchenAid Standmixer K400 1,4 l Empire Rot 5KSB4026EER"),
        ("sauvage-edt-100", EAN, "109.00", "/produkt/dior-sauvage-edt-100ml/",
         "NEU: Dior Sauvage Eau de Toilette Spray 100 ml"),
        ("aw9-41", "HW-80941", "399.00", "/produkt/apple-watch-series-9-41mm-mitternacht/",
         "Apple Watch Series 9 GPS 41 mm Aluminiumgehäuse Mitternacht, Sportarmband"),
        ("aw9-45-cell", "HW-80946", "549.00", "/produkt/apple-watch-series-9-cellular-45mm/",
         "Apple Watch Series 9 GPS + Cellular 45 mm Aluminium Mitternacht, Sportarmband M/L"),
        ("p4plus-91v", EAN, "89.90", "/produkt/michelin-primacy-4-plus-205-55-r16-91v/",
         "Michelin Primacy 4+ 205/55 R16 91V Sommerreifen"),
        ("rc-maxi-4", EAN, "24.99", "/produkt/royal-canin-maxi-adult-4kg/",
         "Royal Canin Maxi Adult Trockenfutter für große Hunde 4 kg"),
        ("rc-maxi-5plus-15", EAN, "79.99", "/produkt/royal-canin-maxi-adult-5-plus-15kg/",
         "Royal Canin Maxi Adult 5+ Hundefutter 15 kg"),
    )),
    "search_action": (
        ("Мегамаркет Дом", "ru", "RUB", "search_action", "title brand sku mpn gtin"), (
        ("s8-black", "MD-220811", "54990", "/catalog/pylesosy/roborock-s8-black/",
         "Робот-пылесос Roborock S8, черный"),
        ("s8-pro-ultra", "MD-220815", "119990", "/catalog/pylesosy/roborock-s8-pro-ultra/",
         "Робот-пылесос Roborock S8 Pro Ultra с док-станцией RockDock Ultra, черный"),
        ("m6100-1051", "MD-330610", "6490", "/catalog/velo/shimano-cs-m6100-12-10-51/",
         "Кассета SHIMANO Deore CS-M6100-12, 12 скоростей, 10-51T"),
        ("chain-hg601", "MD-330601", "2990", "/catalog/velo/shimano-cn-hg601-11/",
         "Цепь Shimano CN-HG601 11 скоростей, 116 звеньев"),
        ("oled55c3", "MD-440553", "139990", "/catalog/televizory/lg-oled55c3/",
         "Телевизор OLED LG OLED55C3 55\" (139 см) 4K UHD Smart TV, черный"),
        ("hp305-black", "MD-550305", "1690", "/catalog/kartridzhi/hp-305-black/",
         "Картридж HP 305 черный (3YM61AE)"),
        ("hp305-combo", "MD-550306", "3490", "/catalog/kartridzhi/hp-305-combo/",
         "Набор картриджей HP 305 (черный + трехцветный) 6ZD17AE"),
        ("cloud-t-base", "MD-660211", "52990", "/catalog/avtokresla/cybex-cloud-t-base-t/",
         "Автокресло Cybex Cloud T i-Size Sepia Black с базой Base T, группа 0+ (0-13 кг)"),
        ("base-t", "MD-660230", "19990", "/catalog/avtokresla/cybex-base-t/",
         "База ISOFIX Cybex Base T"),
        ("rf50-18", "MD-770050", "24990", "/catalog/obektivy/canon-rf-50-1-8-stm/",
         "Объектив Canon RF 50mm f/1.8 STM"),
        ("rf50-12", "MD-770051", "249990", "/catalog/obektivy/canon-rf-50-1-2l-usm/",
         "Объектив Canon RF 50mm f/1.2L USM"),
        ("k400-black", "MD-880402", "34990", "/catalog/blendery/kitchenaid-k400-black/",
         "Блендер KitchenAid K400 5KSB4026EOB, черный матовый"),
        ("sauvage-edt-100", "MD-990100", "12990", "/catalog/parfyumeriya/dior-sauvage-edt-100/",
         "Туалетная вода Dior Sauvage, 100 мл"),
        ("sauvage-parfum-100", "MD-990130", "17990",
         "/catalog/parfyumeriya/dior-sauvage-parfum-100/", "Духи Dior Sauvage Parfum, 100 мл"),
        ("p4plus-91v", "MD-110091", "12490", "/catalog/shiny/michelin-primacy-4-plus-205-55-16/",
         "Шина летняя MICHELIN Primacy 4+ 205/55 R16 91V"),
        ("aw9-45", "MD-120945", "42990", "/catalog/chasy/apple-watch-s9-45-midnight/",
         "Умные часы Apple Watch Series 9 GPS 45mm Midnight Aluminium Case, Sport Band M/L "
         "(MR9A3)"),
        ("rc-maxi-4", "MD-130004", "3990", "/catalog/korm/royal-canin-maxi-adult-4/",
         "Сухой корм для собак Royal Canin Maxi Adult для крупных пород, 4 кг"),
        ("rc-medium-15", "MD-130115", "11990", "/catalog/korm/royal-canin-medium-adult-15/",
         "Сухой корм Royal Canin Medium Adult для собак средних пород, 15 кг"),
    )),
}
# fmt: on
