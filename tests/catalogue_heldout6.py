"""A sixth held-out catalogue: the eleven shops of tests/catalogue.py (same platforms,
languages, currencies and search conventions) selling goods none of the other datasets has,
built without looking at the matcher, to estimate how product matching does on families it
was not tuned on.

Eleven families, each with the real product beside the near-misses real shops confuse: a
robotic lawnmower for 500 m² beside its 250 m² size, its minimo sibling, its smart set with a
gateway, its garage and its blades; a sewing machine beside its 4432, 4411 and computerised
siblings, a bundle with an extension table and presser feet "for" it; a wine fridge beside
its Bordeaux twin (its own model code), its predecessor, its 164-bottle sibling, its shelf and
a carbon filter "compatible with" it; an office chair in size B beside size C, its other
colour, the Classic it replaced, the Embody and castors "for" it; an e-bike battery mounted
vertically beside the same battery horizontal, the 500 Wh and 750 Wh ones, a frame battery
and the charger; a watch band in M/L beside its S/M, its 41 mm, its other colour, the Sport
Loop and a band "for" the same watches; wall paint by volume (2.5 l vs 5 l and a 100 ml
sample), as Modern Emulsion and Eggshell and in the next colour; a travel pushchair beside
its colour, its successor, its city sibling and its rain cover; a game console beside its
colour, the model before, the Lite, a bundle and a pouch "for" it; a jigsaw puzzle beside its
Silver and Gold siblings, glue and a mat; a dog harness sold in sizes (XXS-L/XL, each with
its own UPC) beside its colour, the Flagline, the Web Master and its leash.

Shops write titles with the category first, ALL CAPS brands, marketing words ("¡Oferta!",
"Sewing Made Easy", "Every Piece is Unique"), truncation, no brand at all (only in structured
data), units their way (2.5L, 2,5 l, 2500 мл or 2,5 litri; 500 m², 500m² or 500 м²; 625Wh or
625 Wh; 45mm or 45 мм; sizes in inches or centimetres); the maker's codes in titles
("15002-20", "BBP3761", "15260", "AER1B23DW"), as a regional or other number ("MT3F3AM/A"
beside "MT3F3ZM/A", "HEG-001", the order number "0 275 007 546"); some pages show no GTIN or
MPN, or the code of the size they have chosen. Brands and models are real and the codes
real-shaped; the GTINs are stand-ins with computed check digits. ``HELDOUT6_PAIRS`` labels,
for 12 products, the page of exactly that product in each other shop (or None).

    with serve_catalogue(dataset=HELDOUT6) as shops:
        outcomes = run_pairs(shops, HELDOUT6_PAIRS)
"""

from __future__ import annotations

from tests.catalogue import Dataset, Pair, Product, make_categories, make_products, make_shops
from tests.catalogue_heldout6_listings import HARNESS_PREFIXES, HARNESS_SIZE, HELDOUT6_ROWS
from tests.catalogue_heldout6_more_listings import HELDOUT6_MORE_ROWS
from tests.catalogue_heldout6_rest_listings import HELDOUT6_REST_ROWS

__all__ = [
    "HELDOUT6",
    "HELDOUT6_CATEGORIES",
    "HELDOUT6_PAIRS",
    "HELDOUT6_PRODUCTS",
    "HELDOUT6_SHOPS",
    "HELDOUT6_SIZED",
    "HELDOUT6_SOURCES",
]

# The product sold in sizes: pages offering them show the code of the one they have chosen.
HELDOUT6_SIZED = "front-range-blue-moon"


def _harness(product: str) -> str:
    """A harness's GTIN without its check digit: the one of its size M."""
    return HARNESS_PREFIXES[product] + f"{HARNESS_SIZE:02d}"


# fmt: off
HELDOUT6_PRODUCTS: dict[str, Product] = make_products(
    ("sileno-city-500", "mower", "main", "Gardena",
     "Gardena SILENO city robotic lawnmower, 500 m²", "407850015002", "15002-20"),
    ("sileno-city-250", "mower", "near_miss", "Gardena",
     "Gardena SILENO city robotic lawnmower, 250 m²", "407850015001", "15001-20"),
    ("sileno-minimo-500", "mower", "near_miss", "Gardena",
     "Gardena SILENO minimo robotic lawnmower, 500 m²", "407850015202", "15202-20"),
    ("smart-sileno-city-500-set", "mower", "bundle", "Gardena",
     "Gardena smart SILENO city robotic lawnmower 500 m² set with smart Gateway",
     "407850019066", "19066-20"),
    ("sileno-garage", "mower", "accessory", "Gardena",
     "Gardena garage for SILENO robotic lawnmowers", "407850015020", "15020-20"),
    ("sileno-blades", "mower", "accessory", "Gardena",
     "Gardena replacement blades for SILENO robotic lawnmowers, 9 pieces", "407850004087",
     "04087-20"),
    ("singer-hd4423", "sewing", "main", "Singer",
     "Singer Heavy Duty 4423 sewing machine", "07472844230", "4423"),
    ("singer-hd4432", "sewing", "near_miss", "Singer",
     "Singer Heavy Duty 4432 sewing machine", "07472844320", "4432"),
    ("singer-hd4411", "sewing", "near_miss", "Singer",
     "Singer Heavy Duty 4411 sewing machine", "07472844110", "4411"),
    ("singer-hd6800c", "sewing", "near_miss", "Singer",
     "Singer Heavy Duty 6800C computerised sewing machine", "07472868000", "HD6800C"),
    ("singer-hd4423-bundle", "sewing", "bundle", "Singer",
     "Singer Heavy Duty 4423 sewing machine with extension table and accessory kit",
     "07472844239", None),
    ("yeqin-presser-feet", "sewing", "accessory", "YEQIN",
     "YEQIN 32-piece presser foot set compatible with Singer Heavy Duty sewing machines",
     "693277811320", "YQ-PF32"),
    ("liebherr-wkb1812", "winefridge", "main", "Liebherr",
     "Liebherr WKb 1812 Vinothek wine fridge, 66 bottles, black", "900538218120",
     "WKb 1812-21"),
    ("liebherr-wkr1811", "winefridge", "variant", "Liebherr",
     "Liebherr WKr 1811 Vinothek wine fridge, 66 bottles, Bordeaux red", "900538218113",
     "WKr 1811-21"),
    ("liebherr-wkb1802", "winefridge", "near_miss", "Liebherr",
     "Liebherr WKb 1802 Vinothek wine fridge, 66 bottles, black (previous model)",
     "900538218021", "WKb 1802-20"),
    ("liebherr-wkb3212", "winefridge", "near_miss", "Liebherr",
     "Liebherr WKb 3212 Vinothek wine fridge, 164 bottles, black", "900538232127",
     "WKb 3212-21"),
    ("liebherr-wkb-shelf", "winefridge", "accessory", "Liebherr",
     "Liebherr wooden shelf for Vinothek WKb 1812 and WKr 1811", "900538271124", "7112394"),
    ("wessper-freshair", "winefridge", "accessory", "Wessper",
     "Wessper activated carbon filter compatible with Liebherr FreshAir wine fridges, 2 pack",
     "590762135640", None),
    ("aeron-b-graphite", "officechair", "main", "Herman Miller",
     "Herman Miller Aeron office chair, size B, graphite", "88956512301", "AER1B23DWALPG1"),
    ("aeron-c-graphite", "officechair", "near_miss", "Herman Miller",
     "Herman Miller Aeron office chair, size C, graphite", "88956512318", "AER1C23DWALPG1"),
    ("aeron-b-mineral", "officechair", "variant", "Herman Miller",
     "Herman Miller Aeron office chair, size B, mineral", "88956512325", "AER1B23DWALPMN"),
    ("aeron-classic-b", "officechair", "near_miss", "Herman Miller",
     "Herman Miller Aeron Classic office chair, size B, graphite (previous generation)",
     "88956500100", "AE113AWB"),
    ("embody-graphite", "officechair", "near_miss", "Herman Miller",
     "Herman Miller Embody office chair, graphite", "88956520009", "CN122AWAAG1"),
    ("stealtho-casters", "officechair", "accessory", "Stealtho",
     "Stealtho rollerblade casters compatible with Herman Miller Aeron, set of 5",
     "86000451231", None),
    ("powertube-625-v", "ebikebattery", "main", "Bosch",
     "Bosch PowerTube 625 e-bike battery, vertical", "405428900761", "BBP3761"),
    ("powertube-625-h", "ebikebattery", "near_miss", "Bosch",
     "Bosch PowerTube 625 e-bike battery, horizontal", "405428900760", "BBP3760"),
    ("powertube-500-v", "ebikebattery", "near_miss", "Bosch",
     "Bosch PowerTube 500 e-bike battery, vertical", "405428900751", "BBP3751"),
    ("powertube-750", "ebikebattery", "near_miss", "Bosch",
     "Bosch PowerTube 750 e-bike battery (smart system)", "405428900770", "BBP3770"),
    ("powerpack-500-frame", "ebikebattery", "near_miss", "Bosch",
     "Bosch PowerPack 500 frame e-bike battery", "405428900275", "BBS275"),
    ("bosch-4a-charger", "ebikebattery", "accessory", "Bosch",
     "Bosch 4A Charger for e-bike batteries", "405428900340", "BPC3400"),
    ("sport-band-45-midnight-ml", "watchband", "main", "Apple",
     "Apple Sport Band 45 mm, Midnight, M/L", "19425333081", "MT3F3ZM/A"),
    ("sport-band-45-midnight-sm", "watchband", "near_miss", "Apple",
     "Apple Sport Band 45 mm, Midnight, S/M", "19425333074", "MT3D3ZM/A"),
    ("sport-band-41-midnight-ml", "watchband", "near_miss", "Apple",
     "Apple Sport Band 41 mm, Midnight, M/L", "19425332732", "MT2T3ZM/A"),
    ("sport-band-45-starlight-ml", "watchband", "variant", "Apple",
     "Apple Sport Band 45 mm, Starlight, M/L", "19425333159", "MT3K3ZM/A"),
    ("sport-loop-45-midnight", "watchband", "near_miss", "Apple",
     "Apple Sport Loop 45 mm, Midnight", "19425334179", "MT5A3ZM/A"),
    ("techprotect-iconband-45", "watchband", "accessory", "Tech-Protect",
     "Tech-Protect IconBand silicone band for Apple Watch 44/45/49 mm, black", "590673541474",
     None),
    ("fb-hague-ee-2500", "paint", "main", "Farrow & Ball",
     "Farrow & Ball Estate Emulsion Hague Blue No. 30, 2.5 l", "501154703025", None),
    ("fb-hague-ee-5000", "paint", "near_miss", "Farrow & Ball",
     "Farrow & Ball Estate Emulsion Hague Blue No. 30, 5 l", "501154703050", None),
    ("fb-hague-sample", "paint", "near_miss", "Farrow & Ball",
     "Farrow & Ball sample pot Hague Blue No. 30, 100 ml", "501154703001", None),
    ("fb-hague-modern-2500", "paint", "near_miss", "Farrow & Ball",
     "Farrow & Ball Modern Emulsion Hague Blue No. 30, 2.5 l", "501154713025", None),
    ("fb-railings-ee-2500", "paint", "variant", "Farrow & Ball",
     "Farrow & Ball Estate Emulsion Railings No. 31, 2.5 l", "501154703125", None),
    ("fb-hague-eggshell-750", "paint", "near_miss", "Farrow & Ball",
     "Farrow & Ball Estate Eggshell Hague Blue No. 30, 750 ml", "501154723075", None),
    ("butterfly-black", "pushchair", "main", "Bugaboo",
     "Bugaboo Butterfly travel pushchair, black/midnight black", "871744710001", "100023001"),
    ("butterfly-stormy-blue", "pushchair", "variant", "Bugaboo",
     "Bugaboo Butterfly travel pushchair, black/stormy blue", "871744710003", "100023003"),
    ("butterfly2-black", "pushchair", "near_miss", "Bugaboo",
     "Bugaboo Butterfly 2 travel pushchair, black/midnight black", "871744720801",
     "100208001"),
    ("dragonfly-black", "pushchair", "near_miss", "Bugaboo",
     "Bugaboo Dragonfly city pushchair, black/midnight black", "871744716001", "100160001"),
    ("butterfly-raincover", "pushchair", "accessory", "Bugaboo",
     "Bugaboo Butterfly high performance rain cover", "871744710019", "100023019"),
    ("switch-oled-white", "console", "main", "Nintendo",
     "Nintendo Switch OLED model console, white", "004549645352", "HEG-S-KAAAA"),
    ("switch-oled-neon", "console", "variant", "Nintendo",
     "Nintendo Switch OLED model console, neon red/neon blue", "004549645369", "HEG-S-KABAA"),
    ("switch-v2-neon", "console", "near_miss", "Nintendo",
     "Nintendo Switch console (2019 model), neon red/neon blue", "004549639652",
     "HAD-S-KABAA"),
    ("switch-lite-grey", "console", "near_miss", "Nintendo",
     "Nintendo Switch Lite console, grey", "004549639638", "HDH-S-GAZAA"),
    ("switch-oled-mk8", "console", "bundle", "Nintendo",
     "Nintendo Switch OLED model console, white, with Mario Kart 8 Deluxe", "004549647081",
     "10011772"),
    ("hori-oled-pouch", "console", "accessory", "HORI",
     "HORI tough pouch for Nintendo Switch OLED model", "087312400812", "NSW-812U"),
    ("krypt-black", "puzzle", "main", "Ravensburger",
     "Ravensburger Krypt Black jigsaw puzzle, 736 pieces", "400555615260", "15260"),
    ("krypt-silver", "puzzle", "near_miss", "Ravensburger",
     "Ravensburger Krypt Silver jigsaw puzzle, 654 pieces", "400555615964", "15964"),
    ("krypt-gold", "puzzle", "near_miss", "Ravensburger",
     "Ravensburger Krypt Gold jigsaw puzzle, 631 pieces", "400555615152", "15152"),
    ("puzzle-conserver", "puzzle", "accessory", "Ravensburger",
     "Ravensburger Puzzle Conserver glue, 200 ml", "400555617954", "17954"),
    ("puzzle-mat", "puzzle", "accessory", "Ravensburger",
     "Ravensburger roll-up puzzle mat for 300 to 1500 pieces", "400555617956", "17956"),
    ("front-range-blue-moon", "dogharness", "main", "Ruffwear",
     "Ruffwear Front Range dog harness, Blue Moon", _harness("front-range-blue-moon"),
     "30502-407"),
    ("front-range-red-sumac", "dogharness", "variant", "Ruffwear",
     "Ruffwear Front Range dog harness, Red Sumac", _harness("front-range-red-sumac"),
     "30502-615"),
    ("flagline-blue-moon", "dogharness", "near_miss", "Ruffwear",
     "Ruffwear Flagline dog harness, Blue Moon", _harness("flagline-blue-moon"), "30301-407"),
    ("web-master-twilight-m", "dogharness", "near_miss", "Ruffwear",
     "Ruffwear Web Master dog harness, Twilight Gray, size M", "82149130403", "30103-035M"),
    ("front-range-leash", "dogharness", "accessory", "Ruffwear",
     "Ruffwear Front Range dog leash, Blue Moon", "82149130501", "40352-407"),
    ("gyokuro", "tea", "other", "Hollyhock",
     "Gyokuro shade-grown green tea 50 g", "506023481001", None),
    ("rooibos-vanilla", "tea", "other", "Hollyhock",
     "Rooibos vanilla herbal tea 100 g", "506023481018", None),
    ("bamboo-tea-tray", "teaware", "other", "Hollyhock",
     "Bamboo gongfu tea tray", "506023481025", None),
    ("glass-tea-cups", "teaware", "other", "Hollyhock",
     "Double-walled glass tea cups, set of 2", "506023481032", None),
)

HELDOUT6_CATEGORIES: dict[str, dict[str, str]] = make_categories({
    "mower": "Robotic Lawnmowers|Mähroboter|Роботы-газонокосилки|Robotické sekačky|"
             "Robots tondeuses|Robots cortacésped|Roboty koszące|Robot tagliaerba",
    "sewing": "Sewing Machines|Nähmaschinen|Швейные машины|Šicí stroje|Machines à coudre|"
              "Máquinas de coser|Maszyny do szycia|Macchine per cucire",
    "winefridge": "Wine Fridges|Weinkühlschränke|Винные шкафы|Vinotéky|Caves à vin|Vinotecas|"
                  "Chłodziarki do wina|Cantinette vino",
    "officechair": "Office Chairs|Bürostühle|Офисные кресла|Kancelářské židle|"
                   "Fauteuils de bureau|Sillas de oficina|Fotele biurowe|Sedie da ufficio",
    "ebikebattery": "E-Bike Batteries|E-Bike-Akkus|Аккумуляторы для электровелосипедов|"
                    "Baterie pro elektrokola|Batteries de vélo électrique|"
                    "Baterías para bicicleta eléctrica|Akumulatory do rowerów elektrycznych|"
                    "Batterie per e-bike",
    "watchband": "Watch Bands|Uhrenarmbänder|Ремешки для часов|Řemínky k hodinkám|"
                 "Bracelets de montre|Correas de reloj|Paski do zegarków|Cinturini",
    "paint": "Wall Paint|Wandfarben|Краски для стен|Barvy na zeď|Peintures murales|"
             "Pinturas de pared|Farby ścienne|Pitture murali",
    "pushchair": "Pushchairs|Kinderwagen & Buggys|Детские коляски|Kočárky|Poussettes|"
                 "Sillas de paseo|Wózki dziecięce|Passeggini",
    "console": "Game Consoles|Spielkonsolen|Игровые консоли|Herní konzole|Consoles de jeux|"
               "Consolas|Konsole do gier|Console",
    "puzzle": "Jigsaw Puzzles|Puzzles|Пазлы|Puzzle|Puzzles|Puzles|Puzzle|Puzzle",
    "dogharness": "Dog Harnesses|Hundegeschirre|Шлейки для собак|Postroje pro psy|"
                  "Harnais pour chien|Arneses para perro|Szelki dla psa|Pettorine per cani",
    "tea": "Loose Leaf Tea",
    "teaware": "Teaware",
})
# fmt: on

HELDOUT6_SHOPS = make_shops(HELDOUT6_ROWS | HELDOUT6_MORE_ROWS | HELDOUT6_REST_ROWS)
HELDOUT6 = Dataset("heldout6", HELDOUT6_PRODUCTS, HELDOUT6_CATEGORIES, HELDOUT6_SHOPS)

# The products the pairs start from, each from the page of one shop that sells it.
HELDOUT6_SOURCES: dict[str, str] = {
    "sileno-city-500": "woocommerce",
    "singer-hd4423": "shopify",
    "liebherr-wkb1812": "robots_blocked",
    "aeron-b-graphite": "magento",
    "powertube-625-v": "opencart",
    "sport-band-45-midnight-ml": "bitrix",
    "fb-hague-ee-2500": "search_form",
    "butterfly-black": "opensearch",
    "switch-oled-white": "search_action",
    "krypt-black": "woocommerce",
    "front-range-blue-moon": "prestashop",
    "sport-band-45-midnight-sm": "magento",
}

HELDOUT6_PAIRS: list[Pair] = HELDOUT6.pairs(HELDOUT6_SOURCES)
