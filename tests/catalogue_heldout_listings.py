"""What each held-out shop sells (tests/catalogue_heldout.py), written the shop's way: the
same eleven platforms as tests/catalogue_listings.py, other goods and other habits. Rows are
as there; a row may also give "brand=", "mpn=" or "gtin=" as that shop writes them ("_" for
a space) and "sizes=" for goods sold in sizes (the size whose codes the page gives marked *).
"""

# ruff: noqa: RUF001 — titles in Cyrillic, with en dashes and multiplication signs, as shops
# write them.

from __future__ import annotations

from tests.catalogue import EAN, sizes_offered

Row = tuple[str, ...]

# A running shoe's GTIN per size: its prefix and the size's place in the scale (Nike gives
# every size its own UPC; a page shows the code of the size it has chosen).
SHOE_PREFIXES = {
    "peg41-m-black": "196975421",
    "peg40-m-black": "196153284",
    "peg41-w-black": "196975512",
    "peg41-gtx-black": "197593105",
}
_SCALES = {  # the same ten sizes, as shops in different countries write them
    "eu": "EU_40,EU_40.5,EU_41,EU_42,EU_42.5,EU_43,EU_44,EU_44.5,EU_45,EU_46",
    "us": "US_7,US_7.5,US_8,US_8.5,US_9,US_9.5,US_10,US_10.5,US_11,US_12",
    "uk": "UK_6,UK_6.5,UK_7,UK_7.5,UK_8,UK_8.5,UK_9,UK_9.5,UK_10,UK_11",
    "ru": "39,39.5,40,41,41.5,42,43,43.5,44,45",
    "w": "EU_36,EU_36.5,EU_37.5,EU_38,EU_38.5,EU_39,EU_40,EU_40.5,EU_41,EU_42",
}
SHOE_SIZE = 3  # the size whose GTIN is the product's own (EU 42, US 8.5)


def sizes(product: str, scale: str, chosen: int) -> str:
    """A shoe page's sizes, the chosen one marked, and the chosen size's GTIN."""
    return sizes_offered(_SCALES[scale], chosen, SHOE_PREFIXES[product] + f"{chosen:02d}")


# fmt: off
HELDOUT_ROWS: dict[str, tuple[Row, tuple[Row, ...]]] = {
    "shopify": (("Northfield Supply Co.", "en", "USD", "shopify_json", "title brand type sku"), (
        ("sd-ext-128-action", "NF-SD-4471", "17.99", "/products/sandisk-128gb-extreme-action",
         "SanDisk 128GB Extreme microSDXC UHS-I Card for Action Cams and Drones - C10, U3, V30, "
         "4K UHD, A2"),
        ("sd-ext-256", "NF-SD-4480", "25.99", "/products/sandisk-256gb-extreme-microsdxc",
         "SanDisk 256GB Extreme microSDXC UHS-I Memory Card with Adapter - Up to 190MB/s, C10, "
         "U3, V30, 4K, A2 - SDSQXAV-256G-GN6MA", "-mpn"),
        ("absolue-soft-60", "NF-LC-0216", "280.00", "/products/absolue-soft-cream-2-oz",
         "Absolue Soft Cream Regenerating & Brightening Moisturizer 2 oz", "brand=Lancôme"),
        ("absolue-soft-30", "NF-LC-0217", "175.00", "/products/absolue-soft-cream-1-oz",
         "Absolue Soft Cream Regenerating & Brightening Moisturizer 1 oz", "brand=Lancôme"),
        ("phm-pb-us", EAN, "12.99", "/products/project-hail-mary-paperback",
         "Project Hail Mary: A Novel (Paperback)"),
        ("phm-hc-us", EAN, "25.20", "/products/project-hail-mary-hardcover",
         "Project Hail Mary: A Novel (Hardcover)"),
        ("lego-42115-light", "NF-BMX-42115", "59.99", "/products/led-kit-lego-lamborghini-sian",
         "LED Light Kit for LEGO Technic Lamborghini Sián FKP 37 (42115) - Lego Set Not Included"),
        ("lego-42141", "NF-LG-42141", "179.99", "/products/lego-technic-mclaren-f1-42141",
         "LEGO Technic McLaren Formula 1 Race Car 42141 Model Building Kit"),
        ("peg41-m-black", "NF-NK-2722", "139.99", "/products/nike-pegasus-41-mens-black",
         "Nike Pegasus 41 Men's Road Running Shoes - Black/White-Anthracite",
         sizes("peg41-m-black", "us", 4)),
        ("peg40-m-black", "NF-NK-3853", "99.97", "/products/nike-pegasus-40-mens-black",
         "Nike Pegasus 40 Men's Road Running Shoes - Black/White-Iron Grey",
         sizes("peg40-m-black", "us", 4)),
        ("oro-beans-1kg", "NF-LV-2058", "21.49", "/products/lavazza-qualita-oro-whole-bean-2-2-lb",
         "Lavazza Qualita Oro Whole Bean Coffee Blend, Medium Roast, 2.2 lb Bag"),
        ("oro-beans-250", "NF-LV-2032", "8.99", "/products/lavazza-qualita-oro-whole-bean-8-8-oz",
         "Lavazza Qualita Oro Whole Bean Coffee, Medium Roast, 8.8 oz Bag"),
        ("crema-aroma-1kg", "NF-LV-2104", "19.99", "/products/lavazza-crema-e-aroma-2-2-lb",
         "Lavazza Crema E Aroma Whole Bean Coffee Blend, Medium Roast, 2.2 lb Bag"),
        ("lodge-10", "NF-LD-L8SK3", "24.90", "/products/lodge-10-25-inch-cast-iron-skillet",
         "Lodge 10.25 Inch Cast Iron Pre-Seasoned Skillet"),
        ("lodge-10-handle", "NF-LD-L8SK3H", "29.90", "/products/lodge-10-25-skillet-red-handle",
         "Lodge 10.25 Inch Cast Iron Skillet with Red Silicone Hot Handle Holder"),
        ("lodge-12", "NF-LD-L10SK3", "34.90", "/products/lodge-12-inch-cast-iron-skillet",
         "Lodge 12 Inch Cast Iron Pre-Seasoned Skillet"),
    )),
    "woocommerce": (("Werkbank & Küche", "de", "EUR", "woo_json", "title sku"), (
        ("gsr55-solo", EAN, "79.90", "/produkt/bosch-gsr-18v-55-solo-karton/",
         "Bosch Professional Akku-Bohrschrauber GSR 18V-55 (ohne Akku und Ladegerät, im Karton)"),
        ("gsr55-kit", "WK-BO-10221", "219.00", "/produkt/bosch-gsr-18v-55-set-2x2ah/",
         "Bosch Professional GSR 18V-55 Akku-Bohrschrauber inkl. 2× 2,0 Ah Akku + Ladegerät "
         "in L-Case"),
        ("gsb55-solo", "WK-BO-10230", "89.90", "/produkt/bosch-gsb-18v-55-solo/",
         "Bosch Professional Akku-Schlagbohrschrauber GSB 18V-55 – Solo"),
        ("sd-ext-128", "WK-SD-128X", "19.99", "/produkt/sandisk-extreme-microsdxc-128gb/",
         "SanDisk Extreme microSDXC UHS-I Speicherkarte 128 GB + Adapter (A2, V30, U3, 190 MB/s)",
         "-mpn"),
        ("sd-pro-128", "WK-SD-128P", "27.99", "/produkt/sandisk-extreme-pro-microsdxc-128gb/",
         "SanDisk Extreme PRO microSDXC 128 GB (200 MB/s, A2, V30) + SD-Adapter"),
        ("phm-pb-us", EAN, "13.50", "/produkt/project-hail-mary-englisch-taschenbuch/",
         "Project Hail Mary (Englisch) – Taschenbuch", "brand=Andy_Weir"),
        ("phm-de", EAN, "18.00", "/produkt/der-astronaut-andy-weir/",
         "Der Astronaut: Roman – Andy Weir", "brand=Andy_Weir"),
        ("lego-42115", "WK-LG-42115", "349.99", "/produkt/lego-42115-lamborghini-sian/",
         "LEGO 42115 Technic Lamborghini Sián FKP 37, Bausatz für Erwachsene, Modellauto"),
        ("oro-beans-500", "WK-LV-0500", "8.99", "/produkt/lavazza-qualita-oro-bohnen-500g/",
         "LAVAZZA Qualità Oro Kaffeebohnen 500g"),
        ("oro-ground-250", "WK-LV-0250M", "4.79", "/produkt/lavazza-qualita-oro-gemahlen-250g/",
         "Lavazza Qualità Oro gemahlener Kaffee 250 g"),
        ("ecam22-110-b", "WK-DL-22110B", "329.00", "/produkt/delonghi-magnifica-s-ecam-22-110-b/",
         "NEU: De'Longhi Magnifica S ECAM 22.110.B Kaffeevollautomat mit Milchaufschäumdüse, "
         "Schwarz", "brand=DeLonghi"),
        ("ecam-tank", "WK-DL-TANK", "24.90", "/produkt/wassertank-delonghi-ecam-22-110/",
         "Wassertank für DeLonghi Magnifica S ECAM 22.110 / ECAM 22.360", "brand=DeLonghi"),
        ("lodge-12", "WK-LD-30", "44.90", "/produkt/lodge-gusseisen-pfanne-30-cm/",
         "Lodge Gusseisen-Pfanne 30 cm, vorgeseasoned (L10SK3)"),
    )),
    "search_action": (("ТехноДом", "ru", "RUB", "search_action", "title brand sku mpn gtin"), (
        ("gsr55-kit", "TD-118204", "21990", "/catalog/instrument/bosch-gsr-18v-55-06019h5204/",
         "Дрель-шуруповерт аккумуляторная BOSCH GSR 18V-55 Professional 06019H5204 "
         "(2 АКБ 2.0 Ач, ЗУ, кейс)"),
        ("s24-128-black", "TD-301145", "74990",
         "/catalog/smartfony/samsung-galaxy-s24-8-128-black/",
         "Смартфон Samsung Galaxy S24 8/128 ГБ, черный"),
        ("s24-256-black", "TD-301146", "84990",
         "/catalog/smartfony/samsung-galaxy-s24-8-256-black/",
         "Смартфон Samsung Galaxy S24 8/256 ГБ, черный"),
        ("s24plus-256-black", "TD-301150", "99990",
         "/catalog/smartfony/samsung-galaxy-s24-plus-12-256-black/",
         "Смартфон Samsung Galaxy S24+ 12/256 ГБ, черный"),
        ("s24-case", "TD-301201", "2990", "/catalog/aksessuary/samsung-silicone-case-s24-black/",
         "Чехол Samsung Silicone Case для Galaxy S24, черный"),
        ("phm-ru", EAN, "899", "/catalog/knigi/uir-proekt-ave-mariya/",
         "Уир Э. Проект «Аве Мария»", "brand=АСТ"),
        ("lego-42115", "TD-500115", "39990", "/catalog/konstruktory/lego-technic-42115/",
         "Конструктор LEGO Technic Lamborghini Sian FKP 37, 42115"),
        ("peg41-gtx-black", "TD-611356", "17990", "/catalog/obuv/nike-pegasus-41-gore-tex-black/",
         "Кроссовки Nike Pegasus 41 GORE-TEX мужские, черный", sizes("peg41-gtx-black", "ru", 3)),
        ("ecam220-21-b", "TD-402021", "42990", "/catalog/kofemashiny/delonghi-ecam220-21-b/",
         "Кофемашина автоматическая DeLonghi Magnifica Start ECAM220.21.B, черный",
         "brand=DeLonghi"),
    )),
    "opensearch": (("Dílna a kuchyně", "cs", "CZK", "opensearch", "title brand sku mpn gtin"), (
        ("gsr55-solo", "88120", "2190", "/aku-vrtacka-bosch-gsr-18v-55-professional-solo/",
         "Aku vrtačka Bosch GSR 18V-55 Professional, bez baterie a nabíječky"),
        ("gsr60c-solo", "88131", "3490", "/bosch-gsr-18v-60-c-professional-solo/",
         "Bosch GSR 18V-60 C Professional aku vrtací šroubovák (solo)"),
        ("sd-ext-128", "45017", "499", "/pametova-karta-sandisk-extreme-micro-sdxc-128gb/",
         "Paměťová karta SanDisk Extreme micro SDXC 128GB 190MB/s A2 V30 + SD adaptér"),
        ("sd-ext-256", "45018", "849", "/pametova-karta-sandisk-extreme-micro-sdxc-256gb/",
         "Paměťová karta SanDisk Extreme micro SDXC 256GB 190MB/s A2 V30 + SD adaptér"),
        ("absolue-soft-60-refill", "30902", "6290", "/lancome-absolue-soft-cream-napln-60-ml/",
         "Lancôme Absolue Soft Cream – náhradní náplň 60 ml"),
        ("absolue-rich-60", "30905", "7990", "/lancome-absolue-rich-cream-60-ml/",
         "Lancôme Absolue Rich Cream regenerační krém 60 ml"),
        ("phm-pb-us", "71544", "329", "/project-hail-mary-andy-weir-anglicky/",
         "Project Hail Mary - Andy Weir (anglicky)", "-gtin -brand"),
        ("oro-beans-1kg", "60010", "459", "/zrnkova-kava-lavazza-qualita-oro-1000-g/",
         "Zrnková káva Lavazza Qualità Oro 1000 g"),
        ("crema-aroma-1kg", "60014", "429", "/zrnkova-kava-lavazza-crema-e-aroma-1-kg/",
         "Zrnková káva Lavazza Crema e Aroma 1 kg"),
        ("lodge-10", "52026", "1190", "/litinova-panev-lodge-26-cm/",
         "Litinová pánev Lodge 26 cm"),
        ("lodge-12", "52030", "1490", "/litinova-panev-lodge-30-cm/",
         "Litinová pánev Lodge 30 cm"),
        ("s24-128-violet", "90241", "18990", "/samsung-galaxy-s24-8gb-128gb-fialova/",
         "Samsung Galaxy S24 8GB/128GB fialová"),
        ("s23-128-black", "90230", "14990", "/samsung-galaxy-s23-5g-8gb-128gb-cerna/",
         "Samsung Galaxy S23 5G 8GB/128GB černá"),
    )),
    "search_form": (("Maison & Atelier", "fr", "EUR", "search_form", "title brand sku mpn"), (
        ("absolue-soft-60", "MA-LAN-ASC60", "260.00", "/produit/lancome-absolue-soft-cream-60ml",
         "Lancôme Absolue Soft Cream Crème Régénérante Illuminatrice 60 ml"),
        ("absolue-soft-60-refill", "MA-LAN-ASC60R", "230.00",
         "/produit/lancome-absolue-soft-cream-recharge-60ml",
         "Lancôme Absolue Soft Cream Recharge 60 ml"),
        ("absolue-rich-60", "MA-LAN-ARC60", "260.00", "/produit/lancome-absolue-rich-cream-60ml",
         "Lancôme Absolue Rich Cream Crème Régénérante Illuminatrice 60 ml"),
        ("phm-fr", EAN, "25.90", "/produit/projet-derniere-chance-andy-weir",
         "Projet Dernière Chance - Andy Weir - Broché", "brand=Bragelonne"),
        ("peg41-m-black", "MA-NK-2722", "139.99", "/produit/nike-pegasus-41-homme-noir-blanc",
         "Chaussures de running sur route Nike Pegasus 41 pour homme – Noir/Blanc",
         "-gtin -mpn", sizes("peg41-m-black", "eu", 5)),
        ("oro-ground-250", "MA-LAV-OR250M", "4.49", "/produit/cafe-moulu-lavazza-qualita-oro-250g",
         "Café moulu Lavazza Qualità Oro - paquet 250 g"),
        ("oro-beans-250", "MA-LAV-OR250G", "4.99", "/produit/cafe-grains-lavazza-qualita-oro-250g",
         "Café en grains Lavazza Qualità Oro 250 g"),
        ("ecam22-110-sb", "MA-DL-22110SB", "349.00", "/produit/delonghi-magnifica-s-ecam22-110-sb",
         "Expresso broyeur De'Longhi Magnifica S ECAM22.110.SB Silver/Noir"),
        ("sd-ext-128", "MA-SD-EXT128", "21.90", "/produit/carte-microsdxc-sandisk-extreme-128go",
         "Carte mémoire microSDXC SanDisk Extreme 128 Go + adaptateur SD (A2, U3, V30, "
         "jusqu'à 190 Mo/s)"),
        ("sd-pro-128", "MA-SD-PRO128", "29.90",
         "/produit/carte-microsdxc-sandisk-extreme-pro-128go",
         "Carte microSDXC SanDisk Extreme PRO 128 Go + adaptateur SD"),
    )),
    "magento": (("Hartley & Finch", "en", "GBP", "platform_path", "title sku", "-gtin"), (
        ("sd-ext-128", "SDSQXAA128GGN6MA", "16.99", "/sandisk-extreme-128gb-microsdxc-card.html",
         "SanDisk Extreme 128GB microSDXC Memory Card + SD Adapter, A2, U3, V30, up to 190MB/s"),
        ("sd-pro-128", "SDSQXCD128GGN6MA", "22.99", "/sandisk-extreme-pro-128gb-microsdxc.html",
         "SanDisk Extreme PRO 128GB microSDXC Memory Card + SD Adapter, up to 200MB/s"),
        ("sd-ext-256", "SDSQXAV256GGN6MA", "24.99", "/sandisk-extreme-256gb-microsdxc-card.html",
         "SanDisk Extreme 256GB microSDXC Memory Card + SD Adapter"),
        ("phm-pb-uk", "BK-9781529157", "9.99", "/project-hail-mary-paperback.html",
         "Project Hail Mary: From the internationally bestselling author of The Martian "
         "(Paperback)"),
        ("lego-42143", "LEGO-42143", "349.99", "/lego-42143-technic-ferrari-daytona-sp3.html",
         "LEGO 42143 Technic Ferrari Daytona SP3 Ultimate Car Model Kit"),
        ("s24-256-black", "SAM-S24-256-BLK", "859.00", "/samsung-galaxy-s24-256gb-onyx-black.html",
         "Samsung Galaxy S24 5G 256GB Onyx Black (Unlocked)", "mpn=SM-S921B/DS"),
        ("s24-128-black", "SAM-S24-128-BLK", "799.00", "/samsung-galaxy-s24-128gb-onyx-black.html",
         "Samsung Galaxy S24 5G 128GB Onyx Black (Unlocked) – Android Smartphone, 50MP Camera, "
         "Galaxy AI, Long Battery Li…", "mpn=SM-S921B/DS"),
        ("s24-case", "SAM-EF-PS921-BLK", "29.00", "/samsung-galaxy-s24-silicone-case-black.html",
         "Samsung Galaxy S24 Silicone Case – Black"),
        ("peg40-m-black", "NIKE-DV3853-001", "89.95", "/nike-air-zoom-pegasus-40-black-white.html",
         "Nike Air Zoom Pegasus 40 Men's Running Shoes Black/White",
         sizes("peg40-m-black", "uk", 4)),
        ("peg41-w-black", "NIKE-FD2723-002", "124.95", "/nike-pegasus-41-womens-black-white.html",
         "Nike Pegasus 41 Women's Road Running Shoes Black/White", sizes("peg41-w-black", "w", 3)),
        ("ecam22-110-b", "DL-ECAM22110B", "299.99", "/delonghi-magnifica-s-ecam22-110-b.html",
         "De'Longhi Magnifica S ECAM22.110.B Bean to Cup Coffee Machine – Black"),
        ("lodge-10", "LODGE-L8SK3", "29.95", "/lodge-cast-iron-skillet-10-25-inch.html",
         'Lodge Pre-Seasoned Cast Iron Skillet 10.25" / 26cm'),
        ("gsr55-solo-lboxx", "BOS-GSR1855-LB", "89.99", "/bosch-gsr-18v-55-body-only-l-boxx.html",
         "Bosch Professional GSR 18V-55 Cordless Drill Driver (Body Only) in L-BOXX 102"),
        ("gsr55-kit", "BOS-GSR1855-K2", "199.99", "/bosch-gsr18v-55-drill-driver-kit.html",
         "Bosch GSR18V-55 Professional Drill Driver Kit, 2 x 2.0Ah Batteries, Charger, L-Case"),
    )),
}
# fmt: on
