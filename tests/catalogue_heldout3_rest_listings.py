"""What the other shops of the third held-out catalogue (tests/catalogue_heldout3.py) sell:
PrestaShop, OpenCart and Bitrix shops, a tea shop selling none of the families, and a shop
whose robots.txt forbids its search. Rows as in tests/catalogue_heldout3_listings.py."""

# ruff: noqa: RUF001 — titles in Cyrillic, with en dashes and typographic quotes, as shops
# write them.

from __future__ import annotations

from tests.catalogue import EAN
from tests.catalogue_heldout3_listings import helmet_sizes
from tests.catalogue_heldout_listings import Row

_OC = "/index.php?route=product/product&product_id="

# fmt: off
HELDOUT3_REST_ROWS: dict[str, tuple[Row, tuple[Row, ...]]] = {
    "prestashop": (("Casa y Ocio", "es", "EUR", "platform_path", "title brand sku mpn gtin"), (
        ("marella-white", EAN, "22.90",
         "/jarras-filtrantes/112-jarra-filtrante-brita-marella-blanca.html",
         "Jarra filtrante BRITA Marella blanca 2,4 l"),
        ("u2723qe", "DL-U2723QE", "489.00", "/monitores/215-monitor-dell-ultrasharp-u2723qe.html",
         'Monitor Dell UltraSharp U2723QE 27" 4K IPS USB-C', "mpn=210-BCXK"),
        ("io9-black", EAN, "219.99", "/cepillos-electricos/318-oral-b-io-9-negro-onix.html",
         "Cepillo eléctrico Oral-B iO 9 Negro Ónix"),
        ("pw12-black", "AMZ-PW16-NEG", "169.99",
         "/lectores/421-amazon-kindle-paperwhite-16-gb-negro-con-publicidad.html",
         "Amazon Kindle Paperwhite 16 GB (2024) negro, con publicidad"),
        ("xbox-carbon", "MS-QAT-00002", "54.99",
         "/mandos/524-mando-inalambrico-xbox-carbon-black.html",
         "Mando inalámbrico Xbox Carbon Black"),
        ("iceflow-30", "ST-IF30-CH", "34.99",
         "/vasos-termicos/627-vaso-stanley-iceflow-887-ml.html",
         "Vaso térmico Stanley IceFlow Flip Straw 887 ml Charcoal"),
        ("catan-es", EAN, "39.95", "/juegos-de-mesa/730-catan-devir-juego-basico.html",
         "Catan - Juego de mesa básico (Devir), nueva edición"),
        ("syntax-mips-black", "GI-SYN-MIPS-NM", "104.90",
         "/cascos/833-casco-carretera-giro-syntax-mips-negro-mate.html",
         "Casco de carretera Giro Syntax MIPS negro mate",
         helmet_sizes("syntax-mips-black", "letters", 0)),
        ("fibrox-set-3", "VX-51023", "59.90", "/cuchillos/936-set-victorinox-fibrox-3-piezas.html",
         "Set de 3 cuchillos Victorinox Fibrox con cuchillo de chef 20 cm"),
        ("npw235", EAN, "74.90", "/baterias/1039-bateria-fujifilm-np-w235-original.html",
         "Batería Fujifilm NP-W235 original"),
    )),
    "opencart": (
        ("Dom i Hobby", "pl", "PLN", "platform_path", "title brand sku mpn gtin", "-mpn"), (
        ("marella-graphite", EAN, "109.00", _OC + "121",
         "Dzbanek filtrujący Brita Marella 2,4 l grafitowy"),
        ("maxtra-pro-3", "1050415", "89.00", _OC + "125",
         "Wkład filtrujący Brita Maxtra Pro All-in-1 – 3 sztuki"),
        ("dga504z", "DGA504Z", "649.00", _OC + "231",
         "Szlifierka kątowa akumulatorowa Makita DGA504Z 18V 125 mm (bez akumulatora i "
         "ładowarki)"),
        ("u2723qe", "U2723QE", "2299.00", _OC + "341", 'Monitor DELL U2723QE 27" 4K IPS USB-C',
         "brand=DELL"),
        ("io9-rose", EAN, "999.00", _OC + "451",
         "Szczoteczka elektryczna Oral-B iO 9 Rose Quartz różowa"),
        ("pw11-black", EAN, "599.00", _OC + "561",
         "Czytnik Kindle Paperwhite 5 16 GB czarny (2021)"),
        ("xbox-carbon", "QAT-00002", "249.00", _OC + "671",
         "Pad Microsoft Xbox Series Wireless Controller czarny (QAT-00002)"),
        ("quencher-40-fog", EAN, "219.00", _OC + "781",
         "Kubek termiczny Stanley Quencher H2.0 1,18 l Fog"),
        ("catan-pl", EAN, "169.00", _OC + "891",
         "Gra planszowa Catan (Osadnicy z Catanu) – edycja polska"),
        ("syntax-mips-black", "GIRO-SYN-MIPS-MB", "459.00", _OC + "901",
         "Kask szosowy Giro Syntax MIPS czarny mat", helmet_sizes("syntax-mips-black", "range", 2)),
        ("swiss-classic-chef-19", EAN, "129.00", _OC + "911",
         "Nóż szefa kuchni Victorinox Swiss Classic 19 cm"),
        ("npw126s", EAN, "249.00", _OC + "921", "Akumulator Fujifilm NP-W126S"),
    )),
    "bitrix": (("Домашний Универмаг", "ru", "RUB", "platform_path", "title sku"), (
        ("maxtra-pro-3", "DU-30415", "2390", "/catalog/filtry/brita_maxtra_pro_3/",
         "Картриджи BRITA MAXTRA PRO All-in-1, комплект 3 шт."),
        ("dga504rtj", "DU-41504", "49990", "/catalog/instrument/makita_dga504rtj/",
         "Угловая шлифмашина Makita DGA504RTJ (2 АКБ 5 Ач, ЗУ, кейс MAKPAC)"),
        ("u2720q", "DU-52720", "49990", "/catalog/monitory/dell_u2720q/",
         'Монитор Dell U2720Q 27" 4K'),
        ("io-heads-4", "DU-63604", "3490", "/catalog/zubnye_shchetki/oral_b_io_ultimate_clean_4/",
         "Насадки Oral-B iO Ultimate Clean, 4 шт., черные"),
        ("pw12-jade", "DU-74125", "18990", "/catalog/knigi/kindle_paperwhite_2024_jade/",
         "Электронная книга Kindle Paperwhite 2024 16 ГБ, нефритовый (Jade)"),
        ("xbox-carbon", "DU-85002", "5790", "/catalog/geympady/xbox_wireless_controller_carbon/",
         "Геймпад Xbox Wireless Controller Carbon Black", "-gtin"),
        ("quencher-40-charcoal", "DU-96062", "4990", "/catalog/termokruzhki/stanley_quencher_40/",
         "Термокружка Stanley Quencher H2.0 FlowState 1,18 л, графитовая (Charcoal)"),
        ("fibrox-chef-20", "DU-17320", "3990", "/catalog/nozhi/victorinox_fibrox_20/",
         "Нож поварской Victorinox Fibrox 20 см, черный"),
        ("patona-w235", "DU-28418", "2490", "/catalog/foto/patona_np_w235/",
         "Аккумулятор Patona для Fujifilm NP-W235", "-brand"),
    )),
    "teashop": (("Steep & Story Tea Co.", "en", "GBP", "search_action", "title brand sku"), (
        ("genmaicha", "SS-T-301", "9.50", "/shop/genmaicha-100g", "Genmaicha, 100 g Pouch"),
        ("rooibos", "SS-T-318", "8.00", "/shop/red-rooibos-vanilla-100g",
         "Red Rooibos Vanilla, 100 g Pouch"),
        ("tea-caddy", "SS-W-402", "12.00", "/shop/tin-tea-caddy-green",
         "Tin Tea Caddy, 200 g, Green"),
        ("tea-strainer", "SS-W-410", "7.50", "/shop/stainless-tea-strainer",
         "Stainless Steel Tea Strainer"),
    )),
    "robots_blocked": (("Casa Serena", "it", "EUR", "search_form", "title brand sku mpn gtin"), (
        ("marella-white", "CS-1124", "23.90", "/prodotto/caraffa-filtrante-brita-marella-bianca",
         "Caraffa filtrante Brita Marella 2,4 l bianca"),
        ("dga504z", "CS-2504", "139.00", "/prodotto/smerigliatrice-makita-dga504z",
         "Smerigliatrice angolare a batteria Makita DGA504Z 18V 125 mm – solo corpo"),
        ("u3223qe", "CS-3322", "799.00", "/prodotto/monitor-dell-ultrasharp-u3223qe",
         'Monitor Dell UltraSharp U3223QE 31,5" 4K'),
        ("io9-black", "CS-4409", "239.00", "/prodotto/spazzolino-elettrico-oral-b-io-9-nero",
         "Spazzolino elettrico Oral-B iO 9 Nero"),
        ("pw12-cover", "CS-5530", "29.99", "/prodotto/custodia-tessuto-kindle-paperwhite-2024",
         "Custodia in tessuto per Kindle Paperwhite (2024) nera"),
        ("xbox-blue", "CS-6602", "59.99", "/prodotto/controller-wireless-xbox-shock-blue",
         "Controller wireless Xbox Shock Blue"),
        ("straws-40", "CS-7740", "9.90", "/prodotto/cannucce-ricambio-stanley-quencher-40-oz",
         "Cannucce di ricambio per Stanley Quencher 40 oz, 4 pezzi"),
        ("syntax-pads", "CS-8459", "19.90", "/prodotto/kit-imbottiture-giro-syntax",
         "Kit imbottiture di ricambio Giro Syntax"),
        ("fibrox-chef-25", "CS-9025", "39.90", "/prodotto/coltello-chef-victorinox-fibrox-25-cm",
         "Coltello da chef Victorinox Fibrox 25 cm"),
        ("npw235", "CS-1235", "72.00", "/prodotto/fujifilm-np-w235-batteria-originale",
         "FUJIFILM NP-W235 batteria ricaricabile originale"),
    )),
}
# fmt: on
