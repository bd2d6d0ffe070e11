"""What each shop of the third held-out catalogue (tests/catalogue_heldout3.py) sells, written
the shop's way: the same eleven platforms as tests/catalogue_listings.py, other goods and
other habits. Rows are as in tests/catalogue_heldout_listings.py: "brand=", "mpn=" and
"gtin=" as the shop writes them ("_" for a space), "sizes=" for the variants a page offers
(the one whose codes it gives marked *), "-gtin -mpn -brand" for what the page leaves out.
"""

# ruff: noqa: RUF001 — titles in Cyrillic, with en dashes and typographic quotes, as shops
# write them.

from __future__ import annotations

from tests.catalogue import EAN, sizes_offered
from tests.catalogue_heldout_listings import Row

# A helmet's GTIN per size: its prefix and the size's place in the scale (Giro gives every
# size its own UPC; a page offering all sizes shows the code of the one it has chosen).
HELMET_PREFIXES = {
    "syntax-mips-black": "7686863451",
    "syntax-mips-white": "7686863452",
}
_HELMET_SCALES = {  # the same three sizes, as shops in different countries write them
    "letters": "S,M,L",
    "us": "Small,Medium,Large",
    "cm": "S_(51-55_cm),M_(55-59_cm),L_(59-63_cm)",
    "range": "51-55,55-59,59-63",
}
HELMET_SIZE = 1  # the size whose GTIN is the product's own (M, 55-59 cm)


def helmet_sizes(product: str, scale: str, chosen: int) -> str:
    """A helmet page's sizes, the chosen one marked, and the chosen size's GTIN."""
    return sizes_offered(_HELMET_SCALES[scale], chosen, HELMET_PREFIXES[product] + str(chosen))


# fmt: off
HELDOUT3_ROWS: dict[str, tuple[Row, tuple[Row, ...]]] = {
    "shopify": (("Copper Creek Goods", "en", "USD", "shopify_json", "title brand type sku"), (
        ("bl1850b", "CC-MK-1850B", "119.00", "/products/makita-bl1850b-18v-lxt-5-0ah-battery",
         "Makita BL1850B 18V LXT Lithium-Ion 5.0Ah Battery"),
        ("u2723qe", "CC-DL-U2723QE", "579.99", "/products/dell-ultrasharp-27-4k-usb-c-hub-monitor",
         "Dell UltraSharp 27 4K USB-C Hub Monitor - U2723QE"),
        ("io-heads-8", "CC-OB-IOUC8", "64.99", "/products/oral-b-io-ultimate-clean-heads-8-count",
         "Oral-B iO Ultimate Clean Replacement Brush Heads, Black, 8 Count"),
        ("pw12-black", "CC-AMZ-PW16-B", "159.99", "/products/kindle-paperwhite-16gb-black",
         'Amazon Kindle Paperwhite (16 GB) – Our fastest Kindle ever, with new 7" glare-free '
         "display and weeks of battery life – Black – With Ads"),
        ("pw12-sig", "CC-AMZ-PWSE-32", "199.99", "/products/kindle-paperwhite-signature-edition",
         "Amazon Kindle Paperwhite Signature Edition (32 GB) – Metallic Black, Wireless "
         "Charging, Auto-Adjusting Front Light"),
        ("xbox-carbon", "CC-XB-QAT2", "59.99", "/products/xbox-wireless-controller-carbon-black",
         "Xbox Core Wireless Gaming Controller – Carbon Black – Xbox Series X|S, Xbox One, "
         "Windows PC, Android, and iOS"),
        ("xbox-elite2", "CC-XB-FST3", "179.99", "/products/xbox-elite-series-2-controller",
         "Xbox Elite Series 2 Wireless Controller - Black"),
        ("quencher-40-charcoal", "CC-ST-Q40-CH", "45.00",
         "/products/stanley-quencher-h2-0-40-oz-charcoal",
         "Stanley Quencher H2.0 FlowState Stainless Steel Vacuum Insulated Tumbler with Lid "
         "and Straw, 40 oz, Charcoal"),
        ("iceflow-30", "CC-ST-IF30-CH", "35.00", "/products/stanley-iceflow-flip-straw-30-oz",
         "STANLEY IceFlow Flip Straw Tumbler 30 oz, Charcoal"),
        ("catan-en", "CC-CS-3071", "55.00", "/products/catan-board-game-base-game",
         "CATAN Board Game (Base Game) | Family Board Game for Adults & Kids | Strategy Game "
         "Ages 10+ | 3-4 Players"),
        ("catan-ext56", "CC-CS-3072", "24.99", "/products/catan-5-6-player-extension",
         "CATAN 5-6 Player Extension - Add Two More Players!"),
        ("syntax-mips-black", "CC-GI-SYN-MB", "119.95", "/products/giro-syntax-mips-matte-black",
         "Giro Syntax MIPS Adult Road Cycling Helmet - Matte Black",
         helmet_sizes("syntax-mips-black", "us", 1)),
        ("fibrox-chef-20", "CC-VX-40520", "54.00",
         "/products/victorinox-fibrox-pro-8-inch-chefs-knife",
         "Victorinox Fibrox Pro 8-Inch Chef's Knife", "mpn=40520"),
        ("npw235", "CC-FJ-W235", "79.95", "/products/fujifilm-np-w235-battery",
         "FUJIFILM NP-W235 Rechargeable Battery"),
    )),
    "woocommerce": (("Heim & Technik Bauer", "de", "EUR", "woo_json", "title sku"), (
        ("marella-white", EAN, "24.99", "/produkt/brita-wasserfilter-marella-weiss/",
         "BRITA Wasserfilter-Kanne Marella weiß (2,4 l) inkl. 1 MAXTRA PRO All-in-1 Kartusche",
         "brand=BRITA"),
        ("maxtra-pro-3", EAN, "19.99", "/produkt/brita-maxtra-pro-all-in-1-3er-pack/",
         "BRITA MAXTRA PRO All-in-1 Filterkartuschen 3er Pack", "brand=BRITA"),
        ("dga504z", "HT-MK-504Z", "149.00", "/produkt/makita-dga504z-akku-winkelschleifer/",
         "Makita DGA504Z Akku-Winkelschleifer 18 V, 125 mm (ohne Akku, ohne Ladegerät)"),
        ("u2723qe", "HT-DL-2723", "499.00", "/produkt/dell-ultrasharp-u2723qe/",
         "DELL UltraSharp U2723QE 68,6 cm (27 Zoll) 4K UHD Monitor, IPS Black, USB-C Hub",
         "brand=DELL"),
        ("io9-black", EAN, "229.99", "/produkt/oral-b-io-series-9-black-onyx/",
         "Oral-B iO Series 9 Elektrische Zahnbürste, Black Onyx, mit Lade-Reiseetui"),
        ("pw12-black", EAN, "169.99", "/produkt/kindle-paperwhite-16-gb-schwarz-werbung/",
         "Kindle Paperwhite (16 GB) – Schwarz, mit Werbung", "-brand"),
        ("xbox-carbon", "QAT-00002", "54.99", "/produkt/xbox-wireless-controller-carbon-black/",
         "Xbox Wireless Controller Carbon Black"),
        ("quencher-30-charcoal", "HT-ST-Q30", "39.99", "/produkt/stanley-quencher-887-ml-charcoal/",
         "Stanley Quencher H2.0 FlowState Trinkbecher 887 ml, Charcoal"),
        ("catan-en", "CN3071", "44.99", "/produkt/catan-englische-ausgabe/",
         "CATAN Brettspiel Basisspiel – englische Ausgabe"),
        ("catan-de", EAN, "34.99", "/produkt/kosmos-catan-das-spiel/",
         "KOSMOS Catan – Das Spiel, Neue Edition 2022, Familienspiel ab 10 Jahren"),
        ("syntax-mips-black", "HT-GI-SYNM", "99.95", "/produkt/giro-syntax-mips-rennradhelm/",
         "Giro Syntax MIPS Rennradhelm matt schwarz", helmet_sizes("syntax-mips-black", "cm", 1)),
        ("fibrox-chef-20", "HT-VX-52063", "34.90", "/produkt/victorinox-fibrox-kochmesser-20-cm/",
         "Victorinox Fibrox Kochmesser 20 cm, schwarz (5.2063.20)"),
        ("patona-w235", "HT-PT-1418", "29.95", "/produkt/patona-akku-fuer-fujifilm-np-w235/",
         "Patona Akku kompatibel zu Fujifilm NP-W235 (2250 mAh)"),
    )),
    "search_action": (
        ("Универмаг Онлайн", "ru", "RUB", "search_action", "title brand sku mpn gtin"), (
        ("marella-white", "UO-410240", "2490", "/catalog/filtry/brita-marella-2-4-white/",
         "Фильтр-кувшин Brita Marella 2,4 л, белый"),
        ("maxtra-pro-6", "UO-410506", "4290", "/catalog/filtry/brita-maxtra-pro-6/",
         "Картридж Brita Maxtra Pro All-in-1, 6 шт."),
        ("aqualogis-3", "UO-410903", "1190", "/catalog/filtry/aqualogis-al-pro-3/",
         "Картриджи Aqualogis AL-Pro для кувшинов Brita Maxtra, 3 шт."),
        ("dga504z", "UO-520504", "15990", "/catalog/instrument/makita-dga504z/",
         "УШМ аккумуляторная Makita DGA504Z, 125 мм, 18 В (без АКБ и ЗУ)"),
        ("u3223qe", "UO-630032", "79990", "/catalog/monitory/dell-u3223qe/",
         'Монитор Dell UltraSharp U3223QE 31.5" 4K IPS'),
        ("io9-black", "UO-740009", "27990", "/catalog/zubnye-shchetki/oral-b-io-9-black-onyx/",
         "Электрическая зубная щетка Oral-B iO 9, черный оникс"),
        ("pw12-sig", "UO-850032", "24990", "/catalog/elektronnye-knigi/kindle-paperwhite-se-32/",
         "Электронная книга Amazon Kindle Paperwhite Signature Edition 32 ГБ (2024), "
         "черный металлик"),
        ("xbox-carbon", "UO-960002", "5990", "/catalog/geympady/xbox-wireless-controller-black/",
         "Геймпад Microsoft Xbox Wireless Controller, черный (Carbon Black)", "mpn=QAT-00009"),
        ("syntax-black", "UO-170901", "8990", "/catalog/veloshlemy/giro-syntax-black/",
         "Велошлем Giro Syntax, матовый черный"),
        ("fibrox-chef-25", "UO-280025", "4490", "/catalog/nozhi/victorinox-fibrox-25/",
         "Нож шеф-повара Victorinox Fibrox 25 см (5.2063.25)"),
        ("npw235", "UO-390235", "7490", "/catalog/akkumulyatory/fujifilm-np-w235/",
         "Аккумулятор Fujifilm NP-W235"),
    )),
}
# fmt: on
