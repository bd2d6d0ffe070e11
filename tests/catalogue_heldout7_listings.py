"""What each shop of the seventh held-out catalogue (tests/catalogue_heldout7.py) sells,
written the shop's way: the same eleven platforms as tests/catalogue_listings.py, other goods
and other habits. Rows are as in tests/catalogue_heldout_listings.py: "brand=", "mpn=" and
"gtin=" as the shop writes them ("_" for a space), "sizes=" for the variants a page offers
(the one whose codes it gives marked *), "-gtin -mpn -brand" for what the page leaves out.

The American shop writes Amazon-style titles (the brand, then every selling point, sometimes
cut off with an ellipsis), inches and ounces where others write centimetres and millilitres,
and American part numbers (Sonos' "US" models, LAMY's "L17F"); the German one writes the
brand in capitals where the maker does and the maker's article or order number in brackets;
the Russian one starts with the category and leaves most codes to the page's fields.
"""

# ruff: noqa: RUF001 — titles in Cyrillic and with en dashes, as shops write them.

from __future__ import annotations

from tests.catalogue import EAN, sizes_offered
from tests.catalogue_heldout_listings import Row

# A pair of jeans' GTIN per size: its prefix and the size's place in the scale (Levi's gives
# every waist and length its own EAN; a page offering all sizes shows the chosen one's code).
JEANS_PREFIXES = {
    "levis-501-onewash": "5400970126",
    "levis-501-black": "5400970127",
    "levis-501-stf-rigid": "5400970128",
    "levis-505-onewash": "5400970129",
}
_JEANS_SCALES = {  # the same six sizes, as shops in different countries write them
    "us": "30x32,31x32,32x32,33x32,34x32,36x32",
    "wl": "W30_L32,W31_L32,W32_L32,W33_L32,W34_L32,W36_L32",
    "slash": "W30/L32,W31/L32,W32/L32,W33/L32,W34/L32,W36/L32",
    "ru": "30/32,31/32,32/32,33/32,34/32,36/32",
}
JEANS_SIZE = 2  # the size whose GTIN is the product's own (W32 L32)


def jeans_sizes(product: str, scale: str, chosen: int) -> str:
    """A jeans page's sizes, the chosen one marked, and the chosen size's GTIN."""
    body = JEANS_PREFIXES[product] + f"{chosen:02d}"
    return sizes_offered(_JEANS_SCALES[scale], chosen, body)


# fmt: off
HELDOUT7_ROWS: dict[str, tuple[Row, tuple[Row, ...]]] = {
    "shopify": (
        ("Tallgrass Outfitters", "en", "USD", "shopify_json", "title brand type sku"), (
        ("sm7b", "TG-SHU-SM7B", "399.00", "/products/shure-sm7b-vocal-dynamic-microphone",
         "Shure SM7B Vocal Dynamic Microphone for Broadcast, Podcast & Recording, XLR Studio Mic "
         "for Music & Speech, Wide-Range Frequency, Warm & Smooth…"),
        ("sm7db", "TG-SHU-SM7DB", "499.00",
         "/products/shure-sm7db-active-dynamic-microphone-built-in-preamp",
         "Shure SM7dB Active Dynamic Microphone with Built-In Preamp for Streaming, Podcast & "
         "Recording, Wide-Range Frequency, Warm & Smooth Sound"),
        ("mv7plus-black", "TG-SHU-MV7P-K", "279.00",
         "/products/shure-mv7-plus-podcast-microphone-black",
         "Shure MV7+ Podcast Dynamic Microphone, USB-C & XLR Outputs, Real-Time Denoiser, Auto "
         "Level Mode - Black"),
        ("sm7b-cloudlifter", "TG-BND-SM7B-CL1", "549.00",
         "/products/shure-sm7b-cloudlifter-cl-1-bundle",
         "Shure SM7B Vocal Microphone Bundle with Cloudlifter CL-1 Mic Activator and 20ft XLR "
         "Cable"),
        ("actik-core-black", "TG-PTZ-E065AA00", "69.95",
         "/products/petzl-actik-core-headlamp-black",
         "Petzl ACTIK CORE Headlamp - 600 Lumen Rechargeable Headlamp with Red Lighting, CORE "
         "Battery Included - Black"),
        ("actik-core-red", "TG-PTZ-E065AA03", "69.95", "/products/petzl-actik-core-headlamp-red",
         "Petzl ACTIK CORE Headlamp - 600 Lumen Rechargeable Headlamp with Red Lighting, CORE "
         "Battery Included - Red"),
        ("rb2140-901-50", "TG-RB-2140-901-50", "171.00",
         "/products/ray-ban-rb2140-original-wayfarer-black-g15-50mm",
         "Ray-Ban RB2140 Original Wayfarer Square Sunglasses, Black/G-15 Green, 50 mm"),
        ("rb2140-901-54", "TG-RB-2140-901-54", "171.00",
         "/products/ray-ban-rb2140-original-wayfarer-black-g15-54mm",
         "Ray-Ban RB2140 Original Wayfarer Square Sunglasses, Black/G-15 Green, 54 mm"),
        ("revant-rb2140-50", "TG-RVT-W50-BLK", "49.99",
         "/products/revant-replacement-lenses-ray-ban-wayfarer-rb2140-50mm",
         "Revant Replacement Lenses for Ray-Ban Wayfarer RB2140 (50mm) - Polarized Elite "
         "Black"),
        ("levis-501-onewash", "TG-LV-501-0101", "79.50",
         "/products/levis-mens-501-original-fit-jeans-onewash",
         "Levi's Men's 501 Original Fit Jeans, Onewash", jeans_sizes("levis-501-onewash", "us", 1)),
        ("levis-501-black", "TG-LV-501-0165", "79.50",
         "/products/levis-mens-501-original-fit-jeans-black",
         "Levi's Men's 501 Original Fit Jeans, Black", jeans_sizes("levis-501-black", "us", 3)),
        ("mastertouch-57-smoke", "TG-WB-14710", "349.00",
         "/products/weber-master-touch-charcoal-grill-22-inch-smoke-grey",
         "Weber Master-Touch Charcoal Grill, 22-Inch, Smoke Grey - Gourmet BBQ System Cooking "
         "Grate, Char-Basket Fuel Holders"),
        ("original-kettle-57", "TG-WB-14201", "219.00",
         "/products/weber-original-kettle-charcoal-grill-22-inch-black",
         "Weber Original Kettle 22-Inch Charcoal Grill, Black"),
        ("weber-cover-57", "TG-WB-7143", "59.99",
         "/products/weber-premium-grill-cover-22-inch-charcoal",
         "Weber Premium Grill Cover, Fits 22-Inch Charcoal Grills"),
        ("befree-adv-twist", "TG-MF-BFRTA4", "229.99",
         "/products/manfrotto-befree-advanced-twist-travel-tripod",
         "Manfrotto Befree Advanced Travel Aluminum Tripod with Twist Lock, Ball Head - "
         "MKBFRTA4BK-BH"),
        ("befree-adv-lever", "TG-MF-BFRLA4", "229.99",
         "/products/manfrotto-befree-advanced-lever-travel-tripod",
         "Manfrotto Befree Advanced Travel Aluminum Tripod with Lever Lock, Ball Head - "
         "MKBFRLA4BK-BH"),
        ("granit-540-300", "TG-AB-33668", "139.99",
         "/products/abus-granit-x-plus-540-u-lock-12-inch-eazy-kf",
         "ABUS Granit X-Plus 540 U-Lock, 12\" Shackle with EaZy KF Bracket - Sold Secure Gold",
         "brand=ABUS"),
        ("bordo-6500", "TG-AB-55172", "159.99",
         "/products/abus-bordo-granit-x-plus-6500-folding-lock",
         "ABUS Bordo Granit X-Plus 6500 Folding Bike Lock, 33.5\", with Bracket", "brand=ABUS"),
        ("avent-nr-260-2", "TG-PHA-SCY903-02", "21.99",
         "/products/philips-avent-natural-response-baby-bottle-9oz-2pk",
         "Philips AVENT Natural Baby Bottle with Natural Response Nipple, Clear, 9oz, 2pk, "
         "SCY903/02"),
        ("avent-anticolic-260", "TG-PHA-SCY103-01", "11.99",
         "/products/philips-avent-anti-colic-baby-bottle-9oz",
         "Philips AVENT Anti-colic Baby Bottle, Clear, 9oz, 1pk, SCY103/01"),
        ("era100-black", "TG-SON-E10-BLK", "249.00", "/products/sonos-era-100-black",
         "Sonos Era 100 - Wireless, Alexa Enabled Smart Speaker with Bluetooth, Wi-Fi and "
         "Trueplay - Black", "mpn=E10G1US1BLK"),
        ("era100-white", "TG-SON-E10-WHT", "249.00", "/products/sonos-era-100-white",
         "Sonos Era 100 - Wireless, Alexa Enabled Smart Speaker with Bluetooth - White",
         "mpn=E10G1US1"),
        ("safari-umbra-f", "TG-LMY-L17F", "29.60",
         "/products/lamy-safari-fountain-pen-umbra-fine",
         "LAMY safari Fountain Pen - Umbra - Fine Nib (L17F)", "mpn=L17F", "brand=LAMY"),
        ("alstar-graphite-m", "TG-LMY-L26M", "42.40",
         "/products/lamy-al-star-fountain-pen-graphite-medium",
         "LAMY AL-star Fountain Pen - Graphite - Medium Nib (L26M)", "mpn=L26M", "brand=LAMY"),
    )),
    "woocommerce": (("Kaufhaus Wendt", "de", "EUR", "woo_json", "title sku"), (
        ("sm7b", EAN, "429.00", "/produkt/shure-sm7b-dynamisches-gesangsmikrofon/",
         "Shure SM7B Dynamisches Gesangsmikrofon – Studio- und Broadcast-Mikrofon"),
        ("sm58-lce", EAN, "109.00", "/produkt/shure-sm58-lce-gesangsmikrofon/",
         "Shure SM58-LCE Dynamisches Gesangsmikrofon ohne Schalter"),
        ("a7ws", EAN, "29.90", "/produkt/shure-a7ws-windschutz-sm7b/",
         "Shure A7WS Windschutz für SM7B"),
        ("actik-core-black", "KW-PZ-E065AA00", "64.95",
         "/produkt/petzl-stirnlampe-actik-core-schwarz/",
         "PETZL Stirnlampe ACTIK CORE 600 Lumen, schwarz (E065AA00)", "brand=PETZL"),
        ("actik-black", "KW-PZ-E063AA00", "44.95", "/produkt/petzl-stirnlampe-actik-schwarz/",
         "PETZL Stirnlampe ACTIK 450 Lumen, schwarz (E063AA00)", "brand=PETZL"),
        ("rb2140-901-50", EAN, "154.00", "/produkt/ray-ban-original-wayfarer-rb2140-901-50/",
         "Ray-Ban Sonnenbrille Original Wayfarer RB2140 901 50-22 Schwarz / Grün G-15",
         "-mpn"),
        ("rb2140-901-58", EAN, "199.00",
         "/produkt/ray-ban-original-wayfarer-rb2140-901-58-polarisiert/",
         "Ray-Ban Sonnenbrille Original Wayfarer RB2140 901/58 50-22 polarisiert"),
        ("levis-501-onewash", "KW-LV-005010101", "99.95",
         "/produkt/levis-501-original-fit-jeans-herren-onewash/",
         "Levi's® 501® Original Fit Jeans Herren – Onewash",
         jeans_sizes("levis-501-onewash", "slash", 2)),
        ("levis-501-black", "KW-LV-005010165", "99.95",
         "/produkt/levis-501-original-fit-jeans-herren-black/",
         "Levi's® 501® Original Fit Jeans Herren – Black",
         jeans_sizes("levis-501-black", "slash", 2)),
        ("mastertouch-57-black", EAN, "329.00",
         "/produkt/weber-master-touch-gbs-c-5750-57-cm-black/",
         "Weber Master-Touch GBS C-5750 Holzkohlegrill Ø 57 cm, Black (14701004)"),
        ("mastertouch-57-smoke", EAN, "339.00",
         "/produkt/weber-master-touch-gbs-c-5750-57-cm-smoke-grey/",
         "Weber Master-Touch GBS C-5750 Holzkohlegrill Ø 57 cm, Smoke Grey (14710004)"),
        ("befree-adv-twist", EAN, "219.00", "/produkt/manfrotto-befree-advanced-twist-reisestativ/",
         "Manfrotto Befree Advanced Reisestativ Alu mit Drehverschluss und Kugelkopf "
         "(MKBFRTA4BK-BH)"),
        ("befree-adv-carbon", EAN, "349.00",
         "/produkt/manfrotto-befree-advanced-carbon-reisestativ/",
         "Manfrotto Befree Advanced Carbon Reisestativ, Drehverschluss (MKBFRTC4-BH)"),
        ("granit-540-230", EAN, "119.95", "/produkt/abus-granit-x-plus-540-230-eazy-kf/",
         "ABUS Bügelschloss Granit X-Plus 540/160HB230 + Halter EaZy KF (33651)"),
        ("granit-540-300", EAN, "129.95", "/produkt/abus-granit-x-plus-540-300-eazy-kf/",
         "ABUS Bügelschloss Granit X-Plus 540/160HB300 + Halter EaZy KF (33668)"),
        ("avent-nr-125-1", EAN, "8.49", "/produkt/philips-avent-natural-response-flasche-125-ml/",
         "Philips Avent Natural Response Babyflasche 125 ml, 0 M+ (SCY900/01)"),
        ("avent-nr-teats-3", EAN, "7.99", "/produkt/philips-avent-natural-response-sauger-3/",
         "Philips Avent Natural Response Sauger Durchfluss 3, 2 Stück (SCY963/02)"),
        ("era100-black", EAN, "239.00", "/produkt/sonos-era-100-schwarz/",
         "Sonos Era 100 Smart Speaker, Schwarz"),
        ("era300-black", EAN, "499.00", "/produkt/sonos-era-300-schwarz/",
         "Sonos Era 300 Smart Speaker mit Spatial Audio, Schwarz"),
        ("safari-umbra-m", EAN, "22.50", "/produkt/lamy-safari-fuellhalter-umbra-m/",
         "LAMY safari Füllhalter umbra, Feder M (017)", "brand=LAMY"),
        ("safari-umbra-f", EAN, "22.50", "/produkt/lamy-safari-fuellhalter-umbra-f/",
         "LAMY safari Füllhalter umbra, Feder F (017)", "brand=LAMY"),
        ("lamy-t10-blue", EAN, "2.20", "/produkt/lamy-tintenpatronen-t10-blau/",
         "LAMY Tintenpatronen T10 blau, 5 Stück", "brand=LAMY"),
        ("aerotwin-a863s", EAN, "32.99", "/produkt/bosch-aerotwin-a863s-scheibenwischer-600-475/",
         "Bosch Aerotwin A863S Scheibenwischer Satz 600/475 mm – 3 397 007 863"),
        ("aerotwin-a282h", EAN, "14.99", "/produkt/bosch-aerotwin-rear-a282h-heckwischer/",
         "Bosch Aerotwin Rear A282H Heckwischer 280 mm – 3 397 008 006"),
    )),
    "search_action": (
        ("Маркет Восток", "ru", "RUB", "search_action", "title brand sku mpn gtin"), (
        ("sm7db", "MV-SH-SM7DB", "54990", "/catalog/mikrofony/shure-sm7db/",
         "Микрофон Shure SM7dB динамический, со встроенным предусилителем"),
        ("actik-core-red", "MV-PZ-E065AA03", "7490", "/catalog/fonari/petzl-actik-core-red/",
         "Налобный фонарь Petzl Actik Core, красный, 600 лм"),
        ("rb2140-901-50", "MV-RB-2140-901", "16990", "/catalog/ochki/ray-ban-rb2140-901-50/",
         "Солнцезащитные очки Ray-Ban Original Wayfarer RB2140 901, 50 мм",
         "mpn=RB2140-901-50"),
        ("rb2140-902-50", "MV-RB-2140-902", "16990", "/catalog/ochki/ray-ban-rb2140-902-50/",
         "Солнцезащитные очки Ray-Ban Original Wayfarer RB2140 902, черепаховые"),
        ("levis-501-black", "MV-LV-501-BLK", "8990", "/catalog/dzhinsy/levis-501-original-black/",
         "Джинсы мужские Levi's 501 Original Fit, черные",
         jeans_sizes("levis-501-black", "ru", 4)),
        ("mastertouch-premium-57", "MV-WB-17301", "52990",
         "/catalog/grili/weber-master-touch-premium-e-5770/",
         "Гриль угольный Weber Master-Touch GBS Premium E-5770, 57 см"),
        ("befree-adv-lever", "MV-MF-BFRLA4", "21990",
         "/catalog/shtativy/manfrotto-befree-advanced-lever/",
         "Штатив Manfrotto Befree Advanced Lever, алюминий"),
        ("granit-540-230", "MV-AB-33651", "11990",
         "/catalog/velozamki/abus-granit-x-plus-540-230-eazy-kf/",
         "Замок велосипедный ABUS Granit X-Plus 540/160HB230 с креплением EaZy KF",
         "brand=ABUS"),
        ("avent-nr-260-1", "MV-PA-SCY903", "1190",
         "/catalog/butylochki/philips-avent-natural-response-260/",
         "Бутылочка Philips Avent Natural Response, 260 мл, 1 мес+"),
        ("avent-nr-125-1", "MV-PA-SCY900", "990",
         "/catalog/butylochki/philips-avent-natural-response-125/",
         "Бутылочка Philips Avent Natural Response, 125 мл, 0 мес+"),
        ("era100-black", "MV-SN-ERA100B", "29990", "/catalog/kolonki/sonos-era-100-black/",
         "Умная колонка Sonos Era 100, черная"),
        ("one-gen2-black", "MV-SN-ONEG2B", "21990", "/catalog/kolonki/sonos-one-gen2-black/",
         "Умная колонка Sonos One (Gen 2), черная"),
        ("safari-red-m", "MV-LM-016M", "2890", "/catalog/ruchki/lamy-safari-red-m/",
         "Перьевая ручка Lamy Safari, красная, перо M", "brand=Lamy"),
        ("aerotwin-a863s", "MV-BS-A863S", "3490", "/catalog/dvorniki/bosch-aerotwin-a863s/",
         "Щетки стеклоочистителя Bosch Aerotwin A863S 600/475 мм"),
        ("aerotwin-a864s", "MV-BS-A864S", "3490", "/catalog/dvorniki/bosch-aerotwin-a864s/",
         "Щетки стеклоочистителя Bosch Aerotwin A864S 600/450 мм", "mpn=3397007864"),
    )),
}
# fmt: on
