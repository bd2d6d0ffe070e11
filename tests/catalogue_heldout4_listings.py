"""What each shop of the fourth held-out catalogue (tests/catalogue_heldout4.py) sells, written
the shop's way: the same eleven platforms as tests/catalogue_listings.py, other goods and
other habits. Rows are as in tests/catalogue_heldout_listings.py: "brand=", "mpn=" and
"gtin=" as the shop writes them ("_" for a space), "sizes=" for the variants a page offers
(the one whose codes it gives marked *), "-gtin -mpn -brand" for what the page leaves out.
"""

# ruff: noqa: RUF001 — titles in Cyrillic, with en dashes and non-breaking hyphens, as shops
# write them.

from __future__ import annotations

from tests.catalogue import EAN, sizes_offered
from tests.catalogue_heldout_listings import Row

# A jacket's GTIN per size: its prefix and the size's place in the scale (Patagonia gives
# every size its own UPC; a page offering all sizes shows the code of the one it has chosen).
JACKET_PREFIXES = {
    "down-sweater-m-black": "1956433510",
    "down-sweater-m-navy": "1956433520",
}
_JACKET_SCALES = {  # the same six sizes, as shops in different countries write them
    "letters": "XS,S,M,L,XL,XXL",
    "eu": "XS_(44),S_(46),M_(48),L_(50),XL_(52),XXL_(54)",
    "fr": "XS,S,M,L,XL,2XL",
}
JACKET_SIZE = 2  # the size whose GTIN is the product's own (M, EU 48)


def jacket_sizes(product: str, scale: str, chosen: int) -> str:
    """A jacket page's sizes, the chosen one marked, and the chosen size's GTIN."""
    return sizes_offered(_JACKET_SCALES[scale], chosen, JACKET_PREFIXES[product] + str(chosen))


# fmt: off
HELDOUT4_ROWS: dict[str, tuple[Row, tuple[Row, ...]]] = {
    "shopify": (
        ("Harbor Lane Outfitters", "en", "USD", "shopify_json", "title brand type sku"), (
        ("pla-basic-black", "HL-BL-PLA-K0", "19.99",
         "/products/bambu-lab-pla-basic-filament-black-1kg",
         "Bambu Lab PLA Basic Filament 1.75mm, 1kg Spool - Black"),
        ("pla-basic-black-refill", "HL-BL-PLA-K0-R", "15.99",
         "/products/bambu-lab-pla-basic-refill-black",
         "Bambu Lab PLA Basic Filament Refill 1.75mm 1kg (No Spool) - Black"),
        ("airpods-pro2-usbc", "HL-AP-PRO2C", "249.00",
         "/products/apple-airpods-pro-2nd-generation-usb-c",
         "Apple AirPods Pro (2nd Generation) Wireless Ear Buds with USB-C Charging, Up to 2X "
         "More Active Noise Cancelling Bluetooth Headphones, Transparency Mode, Adaptive…",
         "mpn=MTJV3AM/A"),
        ("airpods4-anc", "HL-AP-4ANC", "179.00",
         "/products/apple-airpods-4-active-noise-cancellation",
         "Apple AirPods 4 Wireless Earbuds with Active Noise Cancellation, Bluetooth "
         "Headphones, USB-C Charging Case"),
        ("pasta-roller-3", "HL-KA-KSMPRA", "199.99",
         "/products/kitchenaid-3-piece-pasta-roller-cutter-set",
         "KitchenAid 3-Piece Pasta Roller & Cutter Attachment Set KSMPRA", "mpn=KSMPRA"),
        ("down-sweater-m-black", "HL-PA-84675-BLK", "279.00",
         "/products/patagonia-mens-down-sweater-black", "Patagonia Men's Down Sweater - Black",
         jacket_sizes("down-sweater-m-black", "letters", 3)),
        ("down-sweater-vest-m-black", "HL-PA-84623-BLK", "199.00",
         "/products/patagonia-mens-down-sweater-vest-black",
         "Patagonia Men's Down Sweater Vest - Black"),
        ("dual-4060-o8g", "HL-AS-4060-O8G", "299.99",
         "/products/asus-dual-geforce-rtx-4060-oc-8gb",
         "ASUS Dual NVIDIA GeForce RTX 4060 OC Edition Gaming Graphics Card (PCIe 4.0, 8GB "
         "GDDR6 Memory, DLSS 3, HDMI 2.1a, DisplayPort 1.4a, 2.5-Slot Design, Axial-tech Fan…"),
        ("anker-737", "HL-AK-A1289", "109.99", "/products/anker-737-power-bank-powercore-24k",
         "Anker 737 Power Bank (PowerCore 24K), 24,000mAh 3-Port Portable Charger with 140W "
         "Output, Smart Digital Display"),
        ("archer-ax55-pro", "HL-TP-AX55PRO", "139.99", "/products/tp-link-archer-ax55-pro",
         "TP-Link AX3000 Multi-Gigabit WiFi 6 Router (Archer AX55 Pro) - 2.5G WAN/LAN Port"),
        ("manduka-pro-black", "HL-MD-PRO71-BK", "129.00",
         "/products/manduka-pro-yoga-mat-6mm-black", 'Manduka PRO Yoga Mat 6mm - Black, 71"'),
        ("hue-bridge", "HL-PH-BRIDGE", "59.99", "/products/philips-hue-bridge",
         "Philips Hue Smart Hub (Bridge) - Works with Alexa, Google Assistant and Apple Home"),
    )),
    "woocommerce": (("Kaufhaus Lindner", "de", "EUR", "woo_json", "title sku"), (
        ("pla-basic-black", EAN, "24.99", "/produkt/bambu-lab-pla-basic-schwarz-1kg-spule/",
         "BAMBU LAB PLA Basic Filament 1,75 mm 1 kg mit Spule, Schwarz (10101)",
         "brand=BAMBU_LAB"),
        ("pla-basic-black-refill", EAN, "19.99", "/produkt/bambu-lab-pla-basic-refill-schwarz/",
         "BAMBU LAB PLA Basic Filament 1,75 mm 1 kg Refill ohne Spule, Schwarz (10101)",
         "brand=BAMBU_LAB"),
        ("airpods-pro2-usbc", "KL-APP-MTJV3", "229.00", "/produkt/apple-airpods-pro-2-usb-c/",
         "Apple AirPods Pro (2.\u00a0Generation) mit MagSafe Ladecase (USB\u2011C)"),
        ("artisan-175-red", "KL-KA-175-ER", "549.00",
         "/produkt/kitchenaid-artisan-5ksm175pseer-empire-rot/",
         "NEU: KitchenAid Artisan Küchenmaschine 5KSM175PSEER 4,8 L Empire Rot – inkl. Zubehör"),
        ("artisan-175-cream", "KL-KA-175-AC", "549.00",
         "/produkt/kitchenaid-artisan-5ksm175pseac-creme/",
         "KitchenAid Artisan Küchenmaschine 5KSM175PSEAC 4,8 L Creme"),
        ("down-sweater-m-black", "KL-PAT-84675", "229.95",
         "/produkt/patagonia-down-sweater-herren-schwarz/",
         "PATAGONIA M's Down Sweater Daunenjacke Herren Black",
         jacket_sizes("down-sweater-m-black", "eu", 2)),
        ("dual-4060-o8g", "KL-ASUS-4060O8G", "319.00", "/produkt/asus-dual-rtx4060-o8g/",
         "ASUS Dual GeForce RTX 4060 OC 8GB GDDR6 Grafikkarte, DUAL-RTX4060-O8G"),
        ("anker-737-charger", "KL-ANK-A2148", "79.99",
         "/produkt/anker-737-ladegeraet-ganprime-120w/",
         "Anker 737 Ladegerät (GaNPrime 120W), 3-Port USB-C Schnellladegerät"),
        ("archer-ax55", EAN, "79.90", "/produkt/tp-link-archer-ax55-wifi-6-router/",
         "TP-Link Archer AX55 AX3000 Dualband Gigabit WLAN Router (Wi-Fi 6, OneMesh, "
         "HomeShield)"),
        ("pampers-pp-4-52", EAN, "16.99", "/produkt/pampers-premium-protection-gr-4-52-stueck/",
         "Pampers Premium Protection Windeln Größe 4 (9–14 kg), 52 Stück"),
        ("manduka-pro-black", "KL-MAN-PRO-BK", "119.00",
         "/produkt/manduka-pro-yogamatte-6mm-schwarz/",
         "Manduka PRO Yogamatte 6 mm, 180 x 66 cm, Black"),
        ("k5-pc", EAN, "349.00", "/produkt/kaercher-k-5-power-control/",
         "KÄRCHER K 5 Power Control Hochdruckreiniger, 145 bar, 500 l/h (1.324-550.0)",
         "brand=KÄRCHER"),
        ("hue-wca-e27-1", EAN, "54.99", "/produkt/philips-hue-white-color-ambiance-e27-einzelpack/",
         "Philips Hue White & Color Ambiance E27 Lampe, 1100 lm, Einzelpack"),
        ("hue-wca-e27-2", EAN, "99.99", "/produkt/philips-hue-white-color-ambiance-e27-doppelpack/",
         "Philips Hue White & Color Ambiance E27 Lampe, 1100 lm, Doppelpack"),
    )),
    "search_action": (
        ("МегаМаркет Плюс", "ru", "RUB", "search_action", "title brand sku mpn gtin"), (
        ("pla-basic-black-refill", "MM-3D-10101R", "1990",
         "/catalog/3d-pechat/bambu-lab-pla-basic-refill-black/",
         "Пластик для 3D-принтера Bambu Lab PLA Basic 1,75 мм, 1 кг, черный, рефил (без катушки)"),
        ("airpods-pro2-usbc", "MM-AP-PRO2-C", "22990",
         "/catalog/naushniki/apple-airpods-pro-2-usb-c/",
         "Наушники Apple AirPods Pro 2 (USB-C), белые"),
        ("artisan-175-red", "MM-KA-175ER", "64990",
         "/catalog/kukhonnye-mashiny/kitchenaid-5ksm175pseer/",
         "Миксер планетарный KitchenAid Artisan 5KSM175PSEER, красный"),
        ("down-sweater-hoody-m-black", "MM-PT-84702", "32990",
         "/catalog/kurtki/patagonia-down-sweater-hoody-black/",
         "Куртка пуховая Patagonia Down Sweater Hoody мужская, черная"),
        ("dual-4060-o8g", "MM-AS-4060", "36990", "/catalog/videokarty/asus-dual-rtx4060-o8g/",
         "Видеокарта ASUS GeForce RTX 4060 Dual OC 8 ГБ (DUAL-RTX4060-O8G)",
         "mpn=90YV0JC0-M0NA00"),
        ("anker-737-26k", "MM-AN-737-26", "10990", "/catalog/powerbanki/anker-737-powercore-26k/",
         "Внешний аккумулятор Anker 737 PowerCore 26K, 25600 мАч, черный"),
        ("archer-ax55", "MM-TP-AX55", "7490", "/catalog/routery/tp-link-archer-ax55/",
         "Wi-Fi роутер TP-LINK Archer AX55 AX3000", "brand=TP-LINK"),
        ("pampers-pp-4-174", "MM-PM-PP4-174", "6490",
         "/catalog/podguzniki/pampers-premium-protection-4-174/",
         "Подгузники Pampers Premium Protection 4 размер (9–14 кг), 174 шт."),
        ("manduka-pro-black", "MM-MD-PRO-BK", "14990",
         "/catalog/kovriki-dlya-jogi/manduka-pro-black/",
         "Коврик для йоги Manduka PRO 6 мм 180 см, черный"),
        ("k5-pc-home", "MM-KR-K5PCH", "46990", "/catalog/moyki/karcher-k-5-power-control-home/",
         "Мойка высокого давления Karcher K 5 Power Control Home (1.324-553.0)",
         "brand=Karcher"),
        ("hue-wa-e27-1", "MM-PH-WA-E27", "3990",
         "/catalog/umnyj-svet/philips-hue-white-ambiance-e27/",
         "Умная лампа Philips Hue White Ambiance E27, 1100 лм"),
    )),
}
# fmt: on
