"""A seventh held-out catalogue: the eleven shops of tests/catalogue.py (same platforms,
languages, currencies and search conventions) selling goods none of the other datasets has,
built without looking at the matcher, to estimate how product matching does on families it
was not tuned on.

Eleven families, each with the real product beside the near-misses real shops confuse: a
broadcast microphone beside its successor with a preamp, its SM58 and MV7+ siblings, its
windscreen and a retailer's bundle with a mic activator; a headlamp beside its other colour
(its own code), the cheaper ACTIK, the TIKKA CORE and SWIFT RL and its battery; sunglasses in
50 mm beside the same frame in 54 mm, with polarised lenses, in tortoise, the New Wayfarer and
replacement lenses "for" them; jeans sold in sizes (W30-W36, each with its own EAN) beside
their colour, the shrink-to-fit and 505 lines and the women's 501; a charcoal grill beside
its colour, its Premium sibling, the Original Kettle, its cover and a kit; a travel tripod
with twist locks beside its lever-lock, carbon and GT siblings and a quick-release plate; a
U-lock with one bracket beside the same lock in 300 mm, with another bracket, with a cable,
the folding Bordo and the bracket alone; a baby bottle by volume (260 ml vs 125 and 330 ml),
as a 2-pack, the Anti-colic line and teats "for" it; a smart speaker beside its colour, the
Era 300, the One it replaced, a pair and a wall mount; a fountain pen by nib (M vs F), in red,
as AL-star and ballpoint and its cartridges; a wiper blade set beside the next size, its
Retrofit version, the rear blade for the same cars and another maker's set of the same size.

Shops write titles with the category first, ALL CAPS brands ("PETZL", "SHURE", "WEBER"),
marketing words ("¡Oferta!", "¡Novedad!", "Sold Secure Gold"), truncation, no brand at all
(only in structured data), units their way (22-Inch, Ø 57 cm or 57cm; 9oz, 260ml or 260 мл;
12" or 300 mm; 600 lm or 600 lumens); the maker's codes in titles ("MKBFRTA4BK-BH",
"14701004", "SCY903/02", "540/160HB230", "3 397 007 863", "(017)"), as regional or other
numbers (Sonos' "E10G1US1BLK" and "E10G1UK1" beside "E10G1EU1BLK", LAMY's "L17F", Shure's
"SM58-LCE"); some pages show no GTIN or MPN, or the code of the size they have chosen.
Brands and models are real and the codes real-shaped; the GTINs are stand-ins with computed
check digits. ``HELDOUT7_PAIRS`` labels, for 12 products, the page of exactly that product
in each other shop (or None).

    with serve_catalogue(dataset=HELDOUT7) as shops:
        outcomes = run_pairs(shops, HELDOUT7_PAIRS)
"""

from __future__ import annotations

from tests.catalogue import Dataset, Pair, Product, make_categories, make_products, make_shops
from tests.catalogue_heldout7_listings import HELDOUT7_ROWS, JEANS_PREFIXES, JEANS_SIZE
from tests.catalogue_heldout7_more_listings import HELDOUT7_MORE_ROWS
from tests.catalogue_heldout7_rest_listings import HELDOUT7_REST_ROWS

__all__ = [
    "HELDOUT7",
    "HELDOUT7_CATEGORIES",
    "HELDOUT7_PAIRS",
    "HELDOUT7_PRODUCTS",
    "HELDOUT7_SHOPS",
    "HELDOUT7_SIZED",
    "HELDOUT7_SOURCES",
]

# The product sold in sizes: pages offering them show the code of the one they have chosen.
HELDOUT7_SIZED = "levis-501-onewash"


def _jeans(product: str) -> str:
    """A pair of jeans' GTIN without its check digit: the one of its size W32 L32."""
    return JEANS_PREFIXES[product] + f"{JEANS_SIZE:02d}"


# fmt: off
HELDOUT7_PRODUCTS: dict[str, Product] = make_products(
    ("sm7b", "microphone", "main", "Shure",
     "Shure SM7B dynamic vocal microphone", "04240605012", "SM7B"),
    ("sm7db", "microphone", "near_miss", "Shure",
     "Shure SM7dB dynamic vocal microphone with built-in preamp", "04240672301", "SM7DB"),
    ("sm58-lce", "microphone", "near_miss", "Shure",
     "Shure SM58 dynamic vocal microphone", "04240600541", "SM58-LCE"),
    ("mv7plus-black", "microphone", "near_miss", "Shure",
     "Shure MV7+ podcast microphone, black", "04240675118", "MV7+-K"),
    ("a7ws", "microphone", "accessory", "Shure",
     "Shure A7WS windscreen for SM7B", "04240603917", "A7WS"),
    ("sm7b-cloudlifter", "microphone", "bundle", "Shure",
     "Shure SM7B with Cloudlifter CL-1 mic activator bundle", "04240699071", None),
    ("actik-core-black", "headlamp", "main", "Petzl",
     "Petzl ACTIK CORE headlamp, 600 lumens, black", "334254082641", "E065AA00"),
    ("actik-core-red", "headlamp", "variant", "Petzl",
     "Petzl ACTIK CORE headlamp, 600 lumens, red", "334254082665", "E065AA03"),
    ("actik-black", "headlamp", "near_miss", "Petzl",
     "Petzl ACTIK headlamp, 450 lumens, black", "334254082580", "E063AA00"),
    ("tikka-core-grey", "headlamp", "near_miss", "Petzl",
     "Petzl TIKKA CORE headlamp, 450 lumens, grey", "334254082740", "E067AA00"),
    ("swift-rl-black", "headlamp", "near_miss", "Petzl",
     "Petzl SWIFT RL headlamp, 1100 lumens, black", "334254083031", "E095BB00"),
    ("core-battery", "headlamp", "accessory", "Petzl",
     "Petzl CORE rechargeable battery for Petzl headlamps", "334254081012", "E99ACA"),
    ("rb2140-901-50", "sunglasses", "main", "Ray-Ban",
     "Ray-Ban Original Wayfarer RB2140 sunglasses, black, G-15 green lenses, 50 mm",
     "805289126577", "0RB2140 901 50"),
    ("rb2140-901-54", "sunglasses", "near_miss", "Ray-Ban",
     "Ray-Ban Original Wayfarer RB2140 sunglasses, black, G-15 green lenses, 54 mm",
     "805289126591", "0RB2140 901 54"),
    ("rb2140-901-58", "sunglasses", "near_miss", "Ray-Ban",
     "Ray-Ban Original Wayfarer RB2140 sunglasses, black, polarized green lenses, 50 mm",
     "805289602484", "0RB2140 901/58 50"),
    ("rb2140-902-50", "sunglasses", "variant", "Ray-Ban",
     "Ray-Ban Original Wayfarer RB2140 sunglasses, tortoise, G-15 green lenses, 50 mm",
     "805289126614", "0RB2140 902 50"),
    ("rb2132-901-55", "sunglasses", "near_miss", "Ray-Ban",
     "Ray-Ban New Wayfarer RB2132 sunglasses, black, G-15 green lenses, 55 mm",
     "805289051442", "0RB2132 901 55"),
    ("revant-rb2140-50", "sunglasses", "accessory", "Revant",
     "Revant replacement lenses for Ray-Ban Wayfarer RB2140 50 mm, polarized black",
     "85024416231", None),
    ("levis-501-onewash", "jeans", "main", "Levi's",
     "Levi's 501 Original Fit jeans, Onewash", _jeans("levis-501-onewash"), "00501-0101"),
    ("levis-501-black", "jeans", "variant", "Levi's",
     "Levi's 501 Original Fit jeans, Black", _jeans("levis-501-black"), "00501-0165"),
    ("levis-501-stf-rigid", "jeans", "near_miss", "Levi's",
     "Levi's 501 Original Shrink-to-Fit jeans, Rigid", _jeans("levis-501-stf-rigid"),
     "00501-0000"),
    ("levis-505-onewash", "jeans", "near_miss", "Levi's",
     "Levi's 505 Regular Fit jeans, Onewash", _jeans("levis-505-onewash"), "00505-0216"),
    ("levis-501-w-onewash", "jeans", "near_miss", "Levi's",
     "Levi's 501 Original jeans for women, Onewash, W28 L30", "540097013105", "12501-0314"),
    ("mastertouch-57-black", "bbq", "main", "Weber",
     "Weber Master-Touch GBS C-5750 charcoal grill, 57 cm, black", "007792414701",
     "14701004"),
    ("mastertouch-57-smoke", "bbq", "variant", "Weber",
     "Weber Master-Touch GBS C-5750 charcoal grill, 57 cm, smoke grey", "007792414710",
     "14710004"),
    ("mastertouch-premium-57", "bbq", "near_miss", "Weber",
     "Weber Master-Touch GBS Premium E-5770 charcoal grill, 57 cm, black", "007792417301",
     "17301004"),
    ("original-kettle-57", "bbq", "near_miss", "Weber",
     "Weber Original Kettle E-5730 charcoal grill, 57 cm, black", "007792414201", "14201004"),
    ("weber-cover-57", "bbq", "accessory", "Weber",
     "Weber Premium grill cover for 57 cm charcoal grills", "007792407143", "7143"),
    ("mastertouch-57-bundle", "bbq", "bundle", "Weber",
     "Weber Master-Touch GBS C-5750 57 cm kit with chimney starter and cover", "007792499147",
     None),
    ("befree-adv-twist", "tripod", "main", "Manfrotto",
     "Manfrotto Befree Advanced aluminium travel tripod, twist lock, ball head",
     "802422168754", "MKBFRTA4BK-BH"),
    ("befree-adv-lever", "tripod", "near_miss", "Manfrotto",
     "Manfrotto Befree Advanced aluminium travel tripod, lever lock, ball head",
     "802422168747", "MKBFRLA4BK-BH"),
    ("befree-adv-carbon", "tripod", "near_miss", "Manfrotto",
     "Manfrotto Befree Advanced carbon fibre travel tripod, twist lock, ball head",
     "802422168778", "MKBFRTC4-BH"),
    ("befree-gt", "tripod", "near_miss", "Manfrotto",
     "Manfrotto Befree GT aluminium travel tripod, ball head", "802422167887", "MKBFRA4GT-BH"),
    ("msq6-plate", "tripod", "accessory", "Manfrotto",
     "Manfrotto MSQ6PL quick release plate for Befree tripods", "802422167405", "MSQ6PL"),
    ("granit-540-230", "bikelock", "main", "ABUS",
     "ABUS Granit X-Plus 540 U-lock, 230 mm, with EaZy KF bracket", "400331833651", "33651"),
    ("granit-540-300", "bikelock", "near_miss", "ABUS",
     "ABUS Granit X-Plus 540 U-lock, 300 mm, with EaZy KF bracket", "400331833668", "33668"),
    ("granit-540-230-ush", "bikelock", "near_miss", "ABUS",
     "ABUS Granit X-Plus 540 U-lock, 230 mm, with USH 540 bracket", "400331833644", "33644"),
    ("granit-540-cobra", "bikelock", "bundle", "ABUS",
     "ABUS Granit X-Plus 540 U-lock, 230 mm, with Cobra 10/120 cable", "400331872028",
     "72028"),
    ("bordo-6500", "bikelock", "near_miss", "ABUS",
     "ABUS Bordo Granit X-Plus 6500 folding lock, 85 cm", "400331855172", "55172"),
    ("ush-540", "bikelock", "accessory", "ABUS",
     "ABUS USH 540 bracket for Granit X-Plus 540 U-locks", "400331832814", "32814"),
    ("avent-nr-260-1", "babybottle", "main", "Philips Avent",
     "Philips Avent Natural Response baby bottle, 260 ml, 1 month+, 1 pack", "871010398945",
     "SCY903/01"),
    ("avent-nr-260-2", "babybottle", "bundle", "Philips Avent",
     "Philips Avent Natural Response baby bottle, 260 ml, 1 month+, 2 pack", "871010398952",
     "SCY903/02"),
    ("avent-nr-125-1", "babybottle", "near_miss", "Philips Avent",
     "Philips Avent Natural Response baby bottle, 125 ml, 0 months+, 1 pack", "871010398921",
     "SCY900/01"),
    ("avent-nr-330-1", "babybottle", "near_miss", "Philips Avent",
     "Philips Avent Natural Response baby bottle, 330 ml, 3 months+, 1 pack", "871010398969",
     "SCY906/01"),
    ("avent-anticolic-260", "babybottle", "near_miss", "Philips Avent",
     "Philips Avent Anti-colic baby bottle, 260 ml, 1 pack", "871010394937", "SCY103/01"),
    ("avent-nr-teats-3", "babybottle", "accessory", "Philips Avent",
     "Philips Avent Natural Response teats, flow 3, 2 pack", "871010399003", "SCY963/02"),
    ("era100-black", "speaker", "main", "Sonos",
     "Sonos Era 100 smart speaker, black", "87826903518", "E10G1EU1BLK"),
    ("era100-white", "speaker", "variant", "Sonos",
     "Sonos Era 100 smart speaker, white", "87826903525", "E10G1EU1"),
    ("era300-black", "speaker", "near_miss", "Sonos",
     "Sonos Era 300 smart speaker, black", "87826903617", "E30G1EU1BLK"),
    ("one-gen2-black", "speaker", "near_miss", "Sonos",
     "Sonos One (Gen 2) smart speaker, black", "87826902146", "ONEG2EU1BLK"),
    ("era100-pair", "speaker", "bundle", "Sonos",
     "Sonos Era 100 pair, black", "87826903990", None),
    ("era100-mount", "speaker", "accessory", "Sonos",
     "Sonos wall mount for Era 100, black", "87826903761", "E1WMMWW1BLK"),
    ("safari-umbra-m", "pen", "main", "LAMY",
     "LAMY safari fountain pen, umbra, nib M", "401451927230", "4000229"),
    ("safari-umbra-f", "pen", "near_miss", "LAMY",
     "LAMY safari fountain pen, umbra, nib F", "401451927223", "4000228"),
    ("safari-red-m", "pen", "variant", "LAMY",
     "LAMY safari fountain pen, red, nib M", "401451927254", "4000236"),
    ("alstar-graphite-m", "pen", "near_miss", "LAMY",
     "LAMY AL-star fountain pen, graphite, nib M", "401451927407", "4000301"),
    ("safari-umbra-bp", "pen", "near_miss", "LAMY",
     "LAMY safari ballpoint pen, umbra", "401451927520", "4001063"),
    ("lamy-t10-blue", "pen", "accessory", "LAMY",
     "LAMY T10 ink cartridges, blue, 5 pack", "401451901902", "1602075"),
    ("aerotwin-a863s", "wiperblade", "main", "Bosch",
     "Bosch Aerotwin A863S wiper blade set, 600/475 mm", "316514348467", "3 397 007 863"),
    ("aerotwin-a864s", "wiperblade", "near_miss", "Bosch",
     "Bosch Aerotwin A864S wiper blade set, 600/450 mm", "316514348474", "3 397 007 864"),
    ("aerotwin-ar605s", "wiperblade", "near_miss", "Bosch",
     "Bosch Aerotwin Retrofit AR605S wiper blade set, 600/475 mm", "316514329701",
     "3 397 118 912"),
    ("aerotwin-a282h", "wiperblade", "near_miss", "Bosch",
     "Bosch Aerotwin Rear A282H rear wiper blade, 280 mm", "316514366409", "3 397 008 006"),
    ("valeo-vm466", "wiperblade", "near_miss", "Valeo",
     "Valeo Silencio X.TRM VM466 wiper blade set, 600/475 mm", "327642574653", "574653"),
    ("jasmine-pearls", "tea", "other", "Foxglove",
     "Jasmine Dragon Pearls green tea 50 g", "506023492001", None),
    ("keemun-black", "tea", "other", "Foxglove",
     "Keemun black tea 100 g", "506023492018", None),
    ("teapot-warmer", "teaware", "other", "Foxglove",
     "Cast iron teapot warmer with tealight", "506023492025", None),
    ("matcha-chawan", "teaware", "other", "Foxglove",
     "Handmade matcha chawan bowl", "506023492032", None),
)

HELDOUT7_CATEGORIES: dict[str, dict[str, str]] = make_categories({
    "microphone": "Microphones|Mikrofone|Микрофоны|Mikrofony|Microphones|Micrófonos|Mikrofony|"
                  "Microfoni",
    "headlamp": "Headlamps|Stirnlampen|Налобные фонари|Čelovky|Lampes frontales|"
                "Linternas frontales|Latarki czołowe|Lampade frontali",
    "sunglasses": "Sunglasses|Sonnenbrillen|Солнцезащитные очки|Sluneční brýle|"
                  "Lunettes de soleil|Gafas de sol|Okulary przeciwsłoneczne|Occhiali da sole",
    "jeans": "Jeans|Jeans|Джинсы|Džíny|Jeans|Vaqueros|Jeansy|Jeans",
    "bbq": "Charcoal Grills|Holzkohlegrills|Угольные грили|Grily na dřevěné uhlí|"
           "Barbecues à charbon|Barbacoas de carbón|Grille węglowe|Barbecue a carbone",
    "tripod": "Tripods|Stative|Штативы|Stativy|Trépieds|Trípodes|Statywy|Treppiedi",
    "bikelock": "Bike Locks|Fahrradschlösser|Велозамки|Zámky na kolo|Antivols vélo|"
                "Candados de bicicleta|Zapięcia rowerowe|Lucchetti per bici",
    "babybottle": "Baby Bottles|Babyflaschen|Бутылочки для кормления|Kojenecké láhve|"
                  "Biberons|Biberones|Butelki dla niemowląt|Biberon",
    "speaker": "Smart Speakers|Smart Speaker|Умные колонки|Chytré reproduktory|"
               "Enceintes connectées|Altavoces inteligentes|Głośniki inteligentne|"
               "Diffusori smart",
    "pen": "Pens|Schreibgeräte|Ручки|Psací potřeby|Stylos|Escritura|Pióra i długopisy|"
           "Penne",
    "wiperblade": "Wiper Blades|Scheibenwischer|Щетки стеклоочистителя|Stěrače|"
                  "Balais d'essuie-glace|Escobillas limpiaparabrisas|Wycieraczki|"
                  "Spazzole tergicristallo",
    "tea": "Loose Leaf Tea",
    "teaware": "Teaware",
})
# fmt: on

HELDOUT7_SHOPS = make_shops(HELDOUT7_ROWS | HELDOUT7_MORE_ROWS | HELDOUT7_REST_ROWS)
HELDOUT7 = Dataset("heldout7", HELDOUT7_PRODUCTS, HELDOUT7_CATEGORIES, HELDOUT7_SHOPS)

# The products the pairs start from, each from the page of one shop that sells it.
HELDOUT7_SOURCES: dict[str, str] = {
    "sm7b": "woocommerce",
    "actik-core-black": "shopify",
    "rb2140-901-50": "robots_blocked",
    "levis-501-onewash": "prestashop",
    "mastertouch-57-black": "opencart",
    "befree-adv-twist": "magento",
    "granit-540-230": "search_action",
    "avent-nr-260-1": "opensearch",
    "era100-black": "bitrix",
    "safari-umbra-m": "search_form",
    "aerotwin-a863s": "woocommerce",
    "era100-white": "opencart",
}

HELDOUT7_PAIRS: list[Pair] = HELDOUT7.pairs(HELDOUT7_SOURCES)
