"""A third held-out catalogue: the eleven shops of tests/catalogue.py (same platforms,
languages, currencies and search conventions) selling goods none of the other datasets has,
to estimate how product matching does on families it was not tuned on.

Eleven families, each with the real product beside the near-misses real shops confuse: a
water filter jug, its other colour, its XL sibling, its cartridges in packs of 3 and 6 and a
third-party "for Brita" cartridge; a cordless angle grinder bare, bare in a case, in a kit
with batteries, its 115 mm sibling and the battery alone; a 27" monitor, its 32" sibling,
its QHD sibling, its predecessor and a monitor arm; an electric toothbrush, its colour, its
cheaper sibling, a duo pack and brush heads in packs of 4 and 8; an e-reader with ads
beside the same without ads, its colour, its Signature Edition, its predecessor and its
cover; a game controller's colours, its bundle with a cable, its Elite sibling and a charge
kit; a tumbler's other size, colour and sibling line and straws "for" it; a board game, its
extension and expansion and its German, Spanish and Polish editions; a bike helmet sold in
sizes (S/M/L, each with its own UPC), its colour, its non-MIPS twin, its sibling and its pad
kit; a chef's knife's other length, its sibling lines and a set; a camera battery beside
another model, a compatible battery and the charger.

Shops write titles with the category first, ALL CAPS brands, marketing words, truncation, no
brand at all (only in structured data), sizes in inches or centimetres, oz or litres; the
maker's codes in titles ("DGA504Z", "U2723QE", "5.2063.20", "QAT-00002"), as a regional or
part number ("QAT-00009", "210-BCXK", "40520"); some pages show no GTIN or MPN, or the code of
the size they have chosen. Brands and models are real and the codes real-shaped; the GTINs
are stand-ins with computed check digits. ``HELDOUT3_PAIRS`` labels, for 12 products, the
page of exactly that product in each other shop (or None).

    with serve_catalogue(dataset=HELDOUT3) as shops:
        outcomes = run_pairs(shops, HELDOUT3_PAIRS)
"""

# ruff: noqa: RUF001 — family names in Cyrillic are the point here.

from __future__ import annotations

from tests.catalogue import Dataset, Pair, Product, make_categories, make_products, make_shops
from tests.catalogue_heldout3_listings import HELDOUT3_ROWS, HELMET_PREFIXES, HELMET_SIZE
from tests.catalogue_heldout3_more_listings import HELDOUT3_MORE_ROWS
from tests.catalogue_heldout3_rest_listings import HELDOUT3_REST_ROWS

__all__ = [
    "HELDOUT3",
    "HELDOUT3_CATEGORIES",
    "HELDOUT3_PAIRS",
    "HELDOUT3_PRODUCTS",
    "HELDOUT3_SHOPS",
    "HELDOUT3_SOURCES",
]


def _helmet(product: str) -> str:
    """A helmet's GTIN without its check digit: the one of its size M."""
    return HELMET_PREFIXES[product] + str(HELMET_SIZE)


# fmt: off
HELDOUT3_PRODUCTS: dict[str, Product] = make_products(
    ("marella-white", "waterfilter", "main", "Brita",
     "Brita Marella water filter jug 2.4 l, white", "400638712401", "1052795"),
    ("marella-graphite", "waterfilter", "variant", "Brita",
     "Brita Marella water filter jug 2.4 l, graphite", "400638712418", "1052796"),
    ("marella-xl-white", "waterfilter", "near_miss", "Brita",
     "Brita Marella XL water filter jug 3.5 l, white", "400638712456", "1052800"),
    ("maxtra-pro-3", "waterfilter", "accessory", "Brita",
     "Brita Maxtra Pro All-in-1 filter cartridges, 3 pack", "400638712708", "1050415"),
    ("maxtra-pro-6", "waterfilter", "bundle", "Brita",
     "Brita Maxtra Pro All-in-1 filter cartridges, 6 pack", "400638712722", "1050417"),
    ("aqualogis-3", "waterfilter", "near_miss", "Aqualogis",
     "Aqualogis AL-Pro replacement filter cartridges for Brita Maxtra, 3 pack", "590749310031",
     None),
    ("dga504z", "anglegrinder", "main", "Makita",
     "Makita DGA504Z 18V LXT brushless angle grinder 125 mm, bare tool", "008838167960",
     "DGA504Z"),
    ("dga504zj", "anglegrinder", "near_miss", "Makita",
     "Makita DGA504ZJ 18V LXT brushless angle grinder 125 mm, bare tool in MAKPAC case",
     "008838167977", "DGA504ZJ"),
    ("dga504rtj", "anglegrinder", "bundle", "Makita",
     "Makita DGA504RTJ 18V LXT angle grinder 125 mm with 2 x 5.0 Ah batteries, charger and "
     "MAKPAC", "008838167984", "DGA504RTJ"),
    ("dga454z", "anglegrinder", "near_miss", "Makita",
     "Makita DGA454Z 18V LXT brushless angle grinder 115 mm, bare tool", "008838167915",
     "DGA454Z"),
    ("bl1850b", "anglegrinder", "accessory", "Makita",
     "Makita BL1850B 18V LXT 5.0 Ah Li-ion battery", "008838165720", "197280-8"),
    ("u2723qe", "monitor", "main", "Dell",
     "Dell UltraSharp U2723QE 27 inch 4K USB-C hub monitor", "539718445621", "DELL-U2723QE"),
    ("u3223qe", "monitor", "near_miss", "Dell",
     "Dell UltraSharp U3223QE 31.5 inch 4K USB-C hub monitor", "539718445638", "DELL-U3223QE"),
    ("u2724de", "monitor", "near_miss", "Dell",
     "Dell UltraSharp U2724DE 27 inch QHD Thunderbolt hub monitor", "539718480219",
     "DELL-U2724DE"),
    ("u2720q", "monitor", "near_miss", "Dell",
     "Dell UltraSharp U2720Q 27 inch 4K USB-C monitor", "539718435012", "DELL-U2720Q"),
    ("msa20", "monitor", "accessory", "Dell",
     "Dell single monitor arm MSA20", "539718441005", "482-BBDJ"),
    ("io9-black", "toothbrush", "main", "Oral-B",
     "Oral-B iO Series 9 electric toothbrush, Black Onyx", "421020143004", None),
    ("io9-rose", "toothbrush", "variant", "Oral-B",
     "Oral-B iO Series 9 electric toothbrush, Rose Quartz", "421020143011", None),
    ("io7-black", "toothbrush", "near_miss", "Oral-B",
     "Oral-B iO Series 7 electric toothbrush, Black Onyx", "421020143103", None),
    ("io9-duo", "toothbrush", "bundle", "Oral-B",
     "Oral-B iO Series 9 electric toothbrush duo pack, Black Onyx and Rose Quartz",
     "421020143059", None),
    ("io-heads-4", "toothbrush", "accessory", "Oral-B",
     "Oral-B iO Ultimate Clean brush heads, 4 pack", "421020143608", None),
    ("io-heads-8", "toothbrush", "accessory", "Oral-B",
     "Oral-B iO Ultimate Clean brush heads, 8 pack", "421020143622", None),
    ("pw12-black", "ereader", "main", "Amazon",
     "Amazon Kindle Paperwhite 16 GB (2024), black, with ads", "84026897101", None),
    ("pw12-black-noads", "ereader", "near_miss", "Amazon",
     "Amazon Kindle Paperwhite 16 GB (2024), black, without ads", "84026897118", None),
    ("pw12-jade", "ereader", "variant", "Amazon",
     "Amazon Kindle Paperwhite 16 GB (2024), jade, with ads", "84026897125", None),
    ("pw12-sig", "ereader", "near_miss", "Amazon",
     "Amazon Kindle Paperwhite Signature Edition 32 GB (2024), metallic black", "84026897200",
     None),
    ("pw11-black", "ereader", "near_miss", "Amazon",
     "Amazon Kindle Paperwhite 16 GB (2021), black, with ads", "84026891003", None),
    ("pw12-cover", "ereader", "accessory", "Amazon",
     "Amazon Kindle Paperwhite fabric cover (2024), black", "84026897309", None),
    ("xbox-carbon", "gamepad", "main", "Microsoft",
     "Microsoft Xbox Wireless Controller, Carbon Black", "88984265471", "QAT-00002"),
    ("xbox-white", "gamepad", "variant", "Microsoft",
     "Microsoft Xbox Wireless Controller, Robot White", "88984265488", "QAS-00002"),
    ("xbox-blue", "gamepad", "variant", "Microsoft",
     "Microsoft Xbox Wireless Controller, Shock Blue", "88984265495", "QAU-00002"),
    ("xbox-usbc", "gamepad", "bundle", "Microsoft",
     "Microsoft Xbox Wireless Controller + USB-C cable, Carbon Black", "88984265518",
     "1V8-00002"),
    ("xbox-elite2", "gamepad", "near_miss", "Microsoft",
     "Microsoft Xbox Elite Wireless Controller Series 2, black", "88984262110", "FST-00003"),
    ("play-charge", "gamepad", "accessory", "Microsoft",
     "Microsoft Xbox Play & Charge Kit", "88984265609", "SXW-00002"),
    ("quencher-40-charcoal", "tumbler", "main", "Stanley",
     "Stanley Quencher H2.0 FlowState tumbler 40 oz (1.18 l), Charcoal", "04160439851",
     "10-10824-062"),
    ("quencher-40-fog", "tumbler", "variant", "Stanley",
     "Stanley Quencher H2.0 FlowState tumbler 40 oz (1.18 l), Fog", "04160439868",
     "10-10824-064"),
    ("quencher-30-charcoal", "tumbler", "near_miss", "Stanley",
     "Stanley Quencher H2.0 FlowState tumbler 30 oz (887 ml), Charcoal", "04160439905",
     "10-10826-062"),
    ("iceflow-30", "tumbler", "near_miss", "Stanley",
     "Stanley IceFlow Flip Straw tumbler 30 oz (887 ml), Charcoal", "04160439202",
     "10-09993-022"),
    ("straws-40", "tumbler", "accessory", "Hydroloop",
     "Hydroloop replacement straws for Stanley Quencher 40 oz, 4 pack", "506071230041", None),
    ("catan-en", "boardgame", "main", "Catan Studio",
     "CATAN board game, base game (English edition)", "02987703071", "CN3071"),
    ("catan-ext56", "boardgame", "accessory", "Catan Studio",
     "CATAN 5-6 Player Extension (English edition)", "02987703072", "CN3072"),
    ("catan-seafarers", "boardgame", "near_miss", "Catan Studio",
     "CATAN Seafarers expansion (English edition)", "02987703073", "CN3073"),
    ("catan-de", "boardgame", "near_miss", "Kosmos",
     "Catan – Das Spiel, base game (German edition)", "400205168268", "682682"),
    ("catan-es", "boardgame", "near_miss", "Devir",
     "Catan, base game (Spanish edition)", "843616736001", "BGCATAN"),
    ("catan-pl", "boardgame", "near_miss", "Galakta",
     "Catan: Osadnicy z Catanu, base game (Polish edition)", "590121070110", None),
    ("syntax-mips-black", "helmet", "main", "Giro",
     "Giro Syntax MIPS road bike helmet, Matte Black", _helmet("syntax-mips-black"), None),
    ("syntax-mips-white", "helmet", "variant", "Giro",
     "Giro Syntax MIPS road bike helmet, Matte White", _helmet("syntax-mips-white"), None),
    ("syntax-black", "helmet", "near_miss", "Giro",
     "Giro Syntax road bike helmet (without MIPS), Matte Black", "76868629011", None),
    ("agilis-mips-black", "helmet", "near_miss", "Giro",
     "Giro Agilis MIPS road bike helmet, Matte Black", "76868637611", None),
    ("syntax-pads", "helmet", "accessory", "Giro",
     "Giro Syntax replacement pad kit", "76868634590", None),
    ("fibrox-chef-20", "knife", "main", "Victorinox",
     "Victorinox Fibrox chef's knife 20 cm", "761116000223", "5.2063.20"),
    ("fibrox-chef-25", "knife", "near_miss", "Victorinox",
     "Victorinox Fibrox chef's knife 25 cm", "761116000230", "5.2063.25"),
    ("swiss-classic-chef-19", "knife", "near_miss", "Victorinox",
     "Victorinox Swiss Classic chef's knife 19 cm", "761116018006", "6.8063.19"),
    ("grand-maitre-chef-20", "knife", "near_miss", "Victorinox",
     "Victorinox Grand Maître chef's knife 20 cm", "761116024007", "7.7403.20"),
    ("fibrox-set-3", "knife", "bundle", "Victorinox",
     "Victorinox Fibrox 3-piece knife set with chef's knife 20 cm", "761116030008",
     "5.1023.3"),
    ("npw235", "camerabattery", "main", "Fujifilm",
     "Fujifilm NP-W235 rechargeable Li-ion battery", "454741046101", "16651445"),
    ("npw126s", "camerabattery", "near_miss", "Fujifilm",
     "Fujifilm NP-W126S rechargeable Li-ion battery", "454741027308", "16528540"),
    ("patona-w235", "camerabattery", "near_miss", "Patona",
     "Patona battery compatible with Fujifilm NP-W235", "404901114182", "1418"),
    ("bcw235", "camerabattery", "accessory", "Fujifilm",
     "Fujifilm BC-W235 battery charger for NP-W235", "454741046118", "16651497"),
    ("genmaicha", "tea", "other", "Steep & Story",
     "Genmaicha green tea with toasted rice 100 g", "506023473001", None),
    ("rooibos", "tea", "other", "Steep & Story",
     "Red rooibos vanilla 100 g", "506023473018", None),
    ("tea-caddy", "teaware", "other", "Steep & Story",
     "Tin tea caddy 200 g, green", "506023473025", None),
    ("tea-strainer", "teaware", "other", "Steep & Story",
     "Stainless steel tea strainer", "506023473032", None),
)

HELDOUT3_CATEGORIES: dict[str, dict[str, str]] = make_categories({
    "waterfilter": "Water Filter Jugs|Wasserfilter|Фильтры для воды|Filtrační konvice|"
                   "Carafes filtrantes|Jarras filtrantes|Dzbanki filtrujące|Caraffe filtranti",
    "anglegrinder": "Angle Grinders|Winkelschleifer|Угловые шлифмашины|Úhlové brusky|"
                    "Meuleuses d'angle|Amoladoras angulares|Szlifierki kątowe|"
                    "Smerigliatrici angolari",
    "monitor": "Monitors|Monitore|Мониторы|Monitory|Écrans PC|Monitores|Monitory|Monitor",
    "toothbrush": "Electric Toothbrushes|Elektrische Zahnbürsten|Электрические зубные щетки|"
                  "Elektrické zubní kartáčky|Brosses à dents électriques|Cepillos eléctricos|"
                  "Szczoteczki elektryczne|Spazzolini elettrici",
    "ereader": "E-readers|E-Book-Reader|Электронные книги|Čtečky e-knih|Liseuses|"
               "Lectores de libros electrónicos|Czytniki e-booków|eReader",
    "gamepad": "Game Controllers|Gamecontroller|Геймпады|Herní ovladače|Manettes|Mandos|"
               "Kontrolery|Controller",
    "tumbler": "Tumblers & Bottles|Trinkbecher|Термокружки|Termohrnky|Gobelets isothermes|"
               "Vasos térmicos|Kubki termiczne|Bicchieri termici",
    "boardgame": "Board Games|Brettspiele|Настольные игры|Deskové hry|Jeux de société|"
                 "Juegos de mesa|Gry planszowe|Giochi da tavolo",
    "helmet": "Bike Helmets|Fahrradhelme|Велошлемы|Cyklistické přilby|Casques vélo|"
              "Cascos de bicicleta|Kaski rowerowe|Caschi bici",
    "knife": "Kitchen Knives|Küchenmesser|Кухонные ножи|Kuchyňské nože|Couteaux de cuisine|"
             "Cuchillos de cocina|Noże kuchenne|Coltelli da cucina",
    "camerabattery": "Camera Batteries|Kamera-Akkus|Аккумуляторы для фотоаппаратов|"
                     "Baterie pro fotoaparáty|Batteries photo|Baterías para cámaras|"
                     "Akumulatory foto|Batterie per fotocamere",
    "tea": "Loose Leaf Tea",
    "teaware": "Teaware",
})
# fmt: on

HELDOUT3_SHOPS = make_shops(HELDOUT3_ROWS | HELDOUT3_MORE_ROWS | HELDOUT3_REST_ROWS)
HELDOUT3 = Dataset("heldout3", HELDOUT3_PRODUCTS, HELDOUT3_CATEGORIES, HELDOUT3_SHOPS)

# The products the pairs start from, each from the page of one shop that sells it.
HELDOUT3_SOURCES: dict[str, str] = {
    "marella-white": "woocommerce",
    "dga504z": "opencart",
    "u2723qe": "magento",
    "io9-black": "search_action",
    "pw12-black": "shopify",
    "xbox-carbon": "prestashop",
    "quencher-40-charcoal": "opensearch",
    "catan-en": "shopify",
    "syntax-mips-black": "search_form",
    "fibrox-chef-20": "bitrix",
    "npw235": "robots_blocked",
    "maxtra-pro-3": "search_form",
}

HELDOUT3_PAIRS: list[Pair] = HELDOUT3.pairs(HELDOUT3_SOURCES)
