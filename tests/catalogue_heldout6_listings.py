"""What each shop of the sixth held-out catalogue (tests/catalogue_heldout6.py) sells, written
the shop's way: the same eleven platforms as tests/catalogue_listings.py, other goods and
other habits. Rows are as in tests/catalogue_heldout_listings.py: "brand=", "mpn=" and
"gtin=" as the shop writes them ("_" for a space), "sizes=" for the variants a page offers
(the one whose codes it gives marked *), "-gtin -mpn -brand" for what the page leaves out.

The American shop writes Amazon-style titles (the brand, then every selling point, cut off
with an ellipsis) and Apple's American part numbers; the German one puts the brand in capitals
where the maker does and the maker's article or order number in brackets; the Russian one
starts with the category and leaves the codes to the page's fields.
"""

# ruff: noqa: RUF001 — titles in Cyrillic and with en dashes, as shops write them.

from __future__ import annotations

from tests.catalogue import EAN, sizes_offered
from tests.catalogue_heldout_listings import Row

# A harness's GTIN per size: its prefix and the size's place in the scale (Ruffwear gives
# every size its own UPC; a page offering all sizes shows the code of the one it has chosen).
HARNESS_PREFIXES = {
    "front-range-blue-moon": "821491301",
    "front-range-red-sumac": "821491302",
    "flagline-blue-moon": "821491303",
}
_HARNESS_SCALES = {  # the same five sizes, as shops in different countries write them
    "letters": "XXS,XS,S,M,L/XL",
    "in": "XXS_(13-17_in),XS_(17-22_in),S_(22-27_in),M_(27-32_in),L/XL_(32-42_in)",
    "cm": "XXS_(33-43_cm),XS_(43-56_cm),S_(56-69_cm),M_(69-81_cm),L/XL_(81-107_cm)",
}
HARNESS_SIZE = 3  # the size whose GTIN is the product's own (M)


def harness_sizes(product: str, scale: str, chosen: int) -> str:
    """A harness page's sizes, the chosen one marked, and the chosen size's GTIN."""
    body = HARNESS_PREFIXES[product] + f"{chosen:02d}"
    return sizes_offered(_HARNESS_SCALES[scale], chosen, body)


# fmt: off
HELDOUT6_ROWS: dict[str, tuple[Row, tuple[Row, ...]]] = {
    "shopify": (
        ("Pinecrest Mercantile", "en", "USD", "shopify_json", "title brand type sku"), (
        ("singer-hd4423", "PM-SG-4423", "219.99",
         "/products/singer-heavy-duty-4423-sewing-machine",
         "SINGER | Heavy Duty 4423 Sewing Machine with 23 Built-In Stitches, Metal Frame, "
         "Stainless Steel Bedplate & Automatic Needle Threader - Sewing Made Easy",
         "brand=SINGER"),
        ("singer-hd4432", "PM-SG-4432", "269.99",
         "/products/singer-heavy-duty-4432-sewing-machine",
         "SINGER | Heavy Duty 4432 Sewing Machine with Accessory Kit, 110 Stitch Applications, "
         "Metal Frame & Stainless Steel Bedplate", "brand=SINGER"),
        ("yeqin-presser-feet", "PM-YQ-PF32", "16.99",
         "/products/yeqin-32-pcs-presser-foot-kit",
         "YEQIN 32 Pcs Presser Foot Feet Kit Set for Singer Heavy Duty 4423, 4411, 4432, "
         "Brother, Janome Low Shank Sewing Machines"),
        ("wessper-freshair", "PM-WS-LFA2", "21.99",
         "/products/wessper-carbon-filter-liebherr-wine-cooler-2-pack",
         "Wessper Charcoal Filter Replacement for Liebherr Vinothek Wine Cabinets, FreshAir "
         "Compatible - 2 Pack"),
        ("aeron-b-graphite", "PM-HM-AERB-G1", "1805.00",
         "/products/herman-miller-aeron-chair-size-b-graphite",
         "Herman Miller Aeron Ergonomic Office Chair - Size B (Medium), Graphite, Fully "
         "Adjustable Arms, PostureFit SL, Tilt Limiter & Seat Angle…"),
        ("aeron-b-mineral", "PM-HM-AERB-MN", "1805.00",
         "/products/herman-miller-aeron-chair-size-b-mineral",
         "Herman Miller Aeron Ergonomic Office Chair - Size B (Medium), Mineral"),
        ("embody-graphite", "PM-HM-EMB-G1", "1995.00",
         "/products/herman-miller-embody-chair-graphite",
         "Herman Miller Embody Ergonomic Office Chair - Graphite Frame, Balance Fabric Black"),
        ("sport-band-45-midnight-ml", "PM-AP-SB45-MDN-ML", "49.00",
         "/products/apple-watch-sport-band-45mm-midnight-m-l",
         "Apple Watch Band - Sport Band (45mm) - Midnight - M/L", "mpn=MT3F3AM/A"),
        ("sport-band-45-starlight-ml", "PM-AP-SB45-STL-ML", "49.00",
         "/products/apple-watch-sport-band-45mm-starlight-m-l",
         "Apple Watch Band - Sport Band (45mm) - Starlight - M/L", "mpn=MT3K3AM/A"),
        ("fb-hague-sample", "PM-FB-S30", "8.50", "/products/farrow-ball-sample-pot-hague-blue",
         "Farrow & Ball Sample Pot - Hague Blue No. 30 - 100ml"),
        ("butterfly-black", "PM-BG-BFLY-BLK", "499.00",
         "/products/bugaboo-butterfly-travel-stroller-black",
         "Bugaboo Butterfly Ultra-Compact Travel Stroller, One-Second Fold, Fits in Overhead "
         "Bin, Lightweight 16 lbs - Black/Midnight Black"),
        ("butterfly-raincover", "PM-BG-BFLY-RC", "49.95",
         "/products/bugaboo-butterfly-rain-cover",
         "Bugaboo Butterfly High Performance Rain Cover"),
        ("switch-oled-white", "PM-NT-OLED-W", "349.99",
         "/products/nintendo-switch-oled-model-white",
         "Nintendo Switch – OLED Model w/ White Joy-Con"),
        ("switch-oled-mk8", "PM-NT-OLED-MK8", "349.99",
         "/products/nintendo-switch-oled-mario-kart-8-deluxe-bundle",
         "Nintendo Switch – OLED Model Mario Kart 8 Deluxe Bundle (Full Game Download + 3 Mo. "
         "Nintendo Switch Online Membership Included)"),
        ("hori-oled-pouch", "PM-HR-812U", "19.99",
         "/products/hori-nintendo-switch-tough-pouch-oled",
         "HORI Nintendo Switch Tough Pouch (OLED Model) - Officially Licensed by Nintendo",
         "brand=HORI"),
        ("krypt-black", "PM-RV-15260", "19.99",
         "/products/ravensburger-krypt-black-736-piece-puzzle",
         "Ravensburger Krypt Black 736 Piece Jigsaw Puzzle for Adults - 15260 - Every Piece is "
         "Unique, Softclick Technology Means Pieces Fit Together Perfectly"),
        ("front-range-blue-moon", "PM-RW-30502-407", "49.95",
         "/products/ruffwear-front-range-dog-harness-blue-moon",
         "Ruffwear, Front Range Dog Harness, Reflective and Padded Harness for Training and "
         "Everyday, Blue Moon", harness_sizes("front-range-blue-moon", "in", 1)),
        ("flagline-blue-moon", "PM-RW-30301-407", "79.95",
         "/products/ruffwear-flagline-dog-harness-blue-moon",
         "Ruffwear, Flagline Dog Harness with Handle, Lightweight, Padded for Hiking and Trail "
         "Running, Blue Moon", harness_sizes("flagline-blue-moon", "in", 3)),
    )),
    "woocommerce": (("Handelshaus Albrecht", "de", "EUR", "woo_json", "title sku"), (
        ("sileno-city-500", EAN, "749.00", "/produkt/gardena-maehroboter-sileno-city-500/",
         "GARDENA Mähroboter SILENO city 500 m² – Bluetooth-App, extrem leise (15002-20)",
         "brand=GARDENA"),
        ("sileno-minimo-500", EAN, "599.00", "/produkt/gardena-maehroboter-sileno-minimo-500/",
         "GARDENA Mähroboter SILENO minimo 500 m² (15202-20)", "brand=GARDENA"),
        ("sileno-garage", EAN, "129.99", "/produkt/gardena-garage-fuer-maehroboter/",
         "GARDENA Garage für Mähroboter SILENO (15020-20)", "brand=GARDENA"),
        ("singer-hd4423", EAN, "249.00", "/produkt/singer-heavy-duty-4423-naehmaschine/",
         "SINGER Heavy Duty 4423 Nähmaschine mit 23 Stichprogrammen, Metallrahmen",
         "brand=SINGER"),
        ("singer-hd4411", EAN, "199.00", "/produkt/singer-heavy-duty-4411-naehmaschine/",
         "SINGER Heavy Duty 4411 Nähmaschine, 11 Stichprogramme", "brand=SINGER"),
        ("liebherr-wkb1812", "HA-LH-WKB1812", "1149.00",
         "/produkt/liebherr-wkb-1812-vinothek-weintemperierschrank/",
         "Liebherr WKb 1812 Vinothek Weintemperierschrank, 66 Flaschen, Schwarz, EEK G"),
        ("liebherr-wkr1811", "HA-LH-WKR1811", "1199.00",
         "/produkt/liebherr-wkr-1811-vinothek-bordeaux/",
         "Liebherr WKr 1811 Vinothek Weinschrank für 66 Flaschen, Bordeaux"),
        ("powertube-625-v", EAN, "929.00", "/produkt/bosch-powertube-625-vertikal/",
         "Bosch PowerTube 625 Akku vertikal (BBP3761) – 0 275 007 546", "-mpn"),
        ("powertube-625-h", EAN, "929.00", "/produkt/bosch-powertube-625-horizontal/",
         "Bosch PowerTube 625 Akku horizontal (BBP3760) – 0 275 007 545", "-mpn"),
        ("sport-band-45-midnight-ml", "HA-AP-MT3F3", "49.00",
         "/produkt/apple-sportarmband-45mm-mitternacht-m-l/",
         "Apple Sportarmband 45 mm Mitternacht – M/L (MT3F3ZM/A)"),
        ("fb-hague-ee-2500", EAN, "129.00",
         "/produkt/farrow-ball-estate-emulsion-hague-blue-2-5-l/",
         "Farrow & Ball Estate Emulsion Hague Blue Nr. 30 – Wandfarbe matt, 2,5 Liter"),
        ("fb-hague-modern-2500", EAN, "139.00",
         "/produkt/farrow-ball-modern-emulsion-hague-blue-2-5-l/",
         "Farrow & Ball Modern Emulsion Hague Blue Nr. 30, 2,5 l"),
        ("aeron-c-graphite", "HA-HM-AERC", "1699.00", "/produkt/herman-miller-aeron-groesse-c/",
         "Herman Miller Aeron Bürostuhl Größe C, Graphite"),
        ("butterfly2-black", EAN, "479.00", "/produkt/bugaboo-butterfly-2-reisebuggy-schwarz/",
         "Bugaboo Butterfly 2 Reisebuggy Black/Midnight Black"),
        ("switch-oled-white", EAN, "329.99", "/produkt/nintendo-switch-oled-modell-weiss/",
         "Nintendo Switch (OLED-Modell) Weiß"),
        ("switch-v2-neon", EAN, "269.99", "/produkt/nintendo-switch-konsole-neon/",
         "Nintendo Switch Konsole Neon-Rot/Neon-Blau (2019)"),
        ("krypt-black", EAN, "17.99", "/produkt/ravensburger-puzzle-krypt-black-736-teile/",
         "Ravensburger Puzzle 15260 – Krypt Black – 736 Teile Puzzle für Erwachsene und Kinder "
         "ab 14 Jahren"),
        ("krypt-silver", EAN, "17.99", "/produkt/ravensburger-puzzle-krypt-silver-654-teile/",
         "Ravensburger Puzzle 15964 – Krypt Silver – 654 Teile"),
        ("puzzle-conserver", EAN, "7.99", "/produkt/ravensburger-puzzle-conserver/",
         "Ravensburger Puzzle Conserver 17954 – Puzzlekleber 200 ml"),
        ("front-range-blue-moon", "HA-RW-30502", "54.95",
         "/produkt/ruffwear-front-range-hundegeschirr-blue-moon/",
         "Ruffwear Front Range Hundegeschirr Blue Moon",
         harness_sizes("front-range-blue-moon", "cm", 3)),
        ("front-range-leash", "HA-RW-40352", "39.95",
         "/produkt/ruffwear-front-range-leine-blue-moon/",
         "Ruffwear Front Range Leine Blue Moon"),
    )),
    "search_action": (
        ("Маркет Северный", "ru", "RUB", "search_action", "title brand sku mpn gtin"), (
        ("sileno-city-500", "MS-GR-15002", "84990",
         "/catalog/gazonokosilki/gardena-sileno-city-500/",
         "Робот-газонокосилка GARDENA SILENO city 500 м²", "brand=GARDENA"),
        ("sileno-city-250", "MS-GR-15001", "69990",
         "/catalog/gazonokosilki/gardena-sileno-city-250/",
         "Робот-газонокосилка GARDENA SILENO city 250 м² (15001-20)", "brand=GARDENA"),
        ("singer-hd4432", "MS-SG-4432", "27990", "/catalog/shveynye-mashiny/singer-4432/",
         "Швейная машина Singer Heavy Duty 4432"),
        ("liebherr-wkb1812", "MS-LH-1812", "119990", "/catalog/vinnye-shkafy/liebherr-wkb-1812/",
         "Винный шкаф Liebherr WKb 1812 Vinothek, 66 бутылок", "mpn=WKB1812"),
        ("aeron-b-graphite", "MS-HM-AERB", "189990", "/catalog/kresla/herman-miller-aeron-b/",
         "Кресло офисное Herman Miller Aeron, размер B, графит"),
        ("powertube-625-h", "MS-BS-3760", "94990",
         "/catalog/akkumulyatory-velo/bosch-powertube-625-h/",
         "Аккумулятор для электровелосипеда Bosch PowerTube 625 горизонтальный BBP3760"),
        ("sport-band-45-midnight-sm", "MS-AP-MT3D3", "4990",
         "/catalog/remeshki/apple-sport-band-45-midnight-sm/",
         "Ремешок Apple Sport Band 45 мм, «тёмная ночь», S/M", "mpn=MT3D3"),
        ("fb-hague-ee-2500", "MS-FB-EE30", "15990", "/catalog/kraski/farrow-ball-hague-blue-30/",
         "Краска Farrow & Ball Estate Emulsion Hague Blue No.30, 2,5 л"),
        ("butterfly-black", "MS-BG-BFLY", "59990", "/catalog/kolyaski/bugaboo-butterfly-black/",
         "Коляска прогулочная Bugaboo Butterfly, черный"),
        ("switch-oled-white", "MS-NT-OLEDW", "36990",
         "/catalog/konsoli/nintendo-switch-oled-white/",
         "Игровая консоль Nintendo Switch OLED, белая (HEG-001)", "mpn=HEG-001"),
        ("switch-oled-neon", "MS-NT-OLEDN", "36990",
         "/catalog/konsoli/nintendo-switch-oled-neon/",
         "Игровая консоль Nintendo Switch OLED, неоновая (HEG-001)", "mpn=HEG-001"),
        ("switch-lite-grey", "MS-NT-LITEG", "19990",
         "/catalog/konsoli/nintendo-switch-lite-grey/",
         "Игровая консоль Nintendo Switch Lite, серая"),
        ("krypt-gold", "MS-RV-15152", "1990", "/catalog/pazly/ravensburger-krypt-gold-631/",
         "Пазл Ravensburger Krypt Gold, 631 деталь"),
        ("front-range-red-sumac", "MS-RW-30502R", "6990",
         "/catalog/shleyki/ruffwear-front-range-red-sumac/",
         "Шлейка для собак Ruffwear Front Range, красная (Red Sumac)"),
    )),
}
# fmt: on
