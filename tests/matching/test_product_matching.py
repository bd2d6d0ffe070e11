"""Same product or not: identifiers first, then brand, model numbers, quantities, variants,
colours, accessories and bundles, then title similarity."""

from __future__ import annotations

import pytest
from stdnum import ean

from discountmarket.outreach.product_identity import ProductIdentity
from discountmarket.outreach.product_matching import SURE, UNSURE, Listing, decide
from discountmarket.outreach.product_titles import name_query


def gtin(body: str) -> str:
    return ("0" + body + ean.calc_check_digit(body)).zfill(14)


def listing(title: str, **identity: str) -> Listing:
    return Listing(title, ProductIdentity(**identity))


def test_equal_gtins_match_whatever_the_titles_say() -> None:
    verdict = decide(
        listing("Bialetti Moka Express 6", gtin=gtin("800000006654")),
        listing("Кофеварка гейзерная на 6 чашек", gtin=gtin("800000006654")),
    )
    assert (verdict.same, verdict.by) == (True, "gtin")
    assert verdict.confidence >= SURE


def test_a_colour_variant_with_its_own_gtin_is_not_the_product() -> None:
    verdict = decide(
        listing("Sony WH-1000XM5 Black", gtin=gtin("454854800123"), brand="Sony"),
        listing("Sony WH-1000XM5 Black", gtin=gtin("454854800124"), brand="Sony"),
    )
    assert not verdict.same and not verdict.unsure


def test_part_numbers_count_only_with_the_same_brand() -> None:
    same = decide(
        listing("990 PRO 2TB", mpn="MZ-V9P2T0BW", brand="Samsung"),
        listing("SSD interne NVMe", mpn="MZV9P2T0BW", brand="SAMSUNG"),
    )
    other = decide(
        listing("990 PRO 2TB", mpn="MZ-V9P2T0BW", brand="Samsung"),
        listing("990 PRO 1TB", mpn="MZ-V9P1T0BW", brand="Samsung"),
    )
    brandless = decide(
        listing("Drive X", mpn="ABC-1234", brand="Acme"),
        listing("Drive X", mpn="ABC-1234", brand="Other"),
    )
    assert (same.same, same.by) == (True, "mpn")
    assert not other.same and other.by == "mpn"
    assert not brandless.same


def test_a_shops_own_sku_is_never_evidence() -> None:
    verdict = decide(
        listing("Moka Express 6 cups", sku="10432", brand="Bialetti"),
        listing("Moka Induction 6 cups", sku="10432", brand="Bialetti"),
    )
    assert not verdict.same


@pytest.mark.parametrize(
    ("wanted", "candidate"),
    [
        ("Baratza Encore ESP Coffee Grinder", "Baratza Encore ESP Kaffeemühle, schwarz"),
        ("Bialetti Moka Express 6 cups", "Кофеварка гейзерная Bialetti Moka Express на 6 чашек"),
        ("Samsung 990 PRO 2TB NVMe SSD", "Samsung 990 PRO 2000 GB PCIe 4.0 NVMe M.2"),
        ("Sony WH-1000XM5 Wireless Headphones", "Sony WH1000XM5/B noise cancelling"),
        ("Hario V60 Ceramic Dripper 02 White", "HARIO V60 dripper 02, ceramic, white"),
        ("Fellow Stagg EKG Electric Kettle 0.9 l", "Fellow Stagg EKG 900 ml Wasserkocher"),
    ],
)
def test_the_same_product_written_another_way_matches(wanted: str, candidate: str) -> None:
    brand = wanted.split()[0]
    verdict = decide(listing(wanted, brand=brand), listing(candidate, brand=brand.upper()))
    assert verdict.same, verdict


@pytest.mark.parametrize(
    ("wanted", "candidate", "reason"),
    [
        ("Bialetti Moka Express 6 cups", "Bialetti Moka Express 3 cups", "different cups"),
        ("Samsung 990 PRO 2TB", "Samsung 990 PRO 1TB", "different data"),
        ("Baratza Encore ESP", "Baratza Encore Coffee Grinder", "different model numbers"),
        ("Sony WH-1000XM5", "Sony WH-1000XM4", "different model numbers"),
        ("MSR PocketRocket 2 Stove", "MSR PocketRocket Deluxe Stove", "different variants"),
        ("Apple iPhone 15 128GB", "Apple iPhone 15 Pro 128GB", "different variants"),
        ("Sony WH-1000XM5", "Carrying case for Sony WH-1000XM5", "accessory"),
        ("Bialetti Moka Express 6 cups", "Bialetti Moka Express 6 cups + 250 g coffee", "bundle"),
        ("MSR PocketRocket 2", "MSR PocketRocket 2 Stove Kit", "bundle"),
        ("Fellow Stagg EKG Black", "Fellow Stagg EKG White", "different colours"),
        # Graphics cards: the tier word beside the same number is another card.
        ("ASUS Dual GeForce RTX 4060 OC 8GB", "ASUS Dual GeForce RTX 4060 Ti OC 8GB", "ti"),
        ("MSI GeForce RTX 4070 Ventus 2X 12G", "MSI GeForce RTX 4070 SUPER Ventus 2X 12G", "super"),
        ("Sapphire Pulse Radeon RX 7900 XT 20GB", "Sapphire Pulse Radeon RX 7900 XTX 24GB", "xtx"),
        ("ASUS Dual GeForce RTX 4060 8GB", "ASUS Dual GeForce RTX 4060 OC 8GB", "oc"),
    ],
)
def test_near_misses_do_not_match(wanted: str, candidate: str, reason: str) -> None:
    brand = wanted.split()[0]
    verdict = decide(listing(wanted, brand=brand), listing(candidate, brand=brand))
    assert not verdict.same and not verdict.unsure, verdict
    assert reason in verdict.reason


def test_different_brands_never_match() -> None:
    verdict = decide(
        listing("Moka pot 6 cups", brand="Bialetti"), listing("Moka pot 6 cups", brand="Grosche")
    )
    assert not verdict.same and "brands" in verdict.reason


def test_words_alone_are_kept_for_an_operator_not_used() -> None:
    verdict = decide(
        listing("Bialetti Moka Express 6 cups", brand="Bialetti"),
        listing("Bialetti Moka Induction 6 cups", brand="Bialetti"),
    )
    assert not verdict.same
    unbranded = decide(listing("Moka Express 6 cups"), listing("Moka Express 6 cups stovetop"))
    assert not unbranded.same and unbranded.confidence >= UNSURE


@pytest.mark.parametrize(
    ("wanted", "candidate"),
    [
        (
            "LEGO Technic 42115 Lamborghini",
            "LEGO Technic 42115 Lamborghini - Bausatz für Erwachsene",
        ),
        ("Nike Pegasus 41 Black", "Zapatillas Nike Pegasus 41 para hombre, negro"),
        ("Baratza Encore ESP", "Młynek do kawy Baratza Encore ESP"),
        ("SanDisk Extreme microSDXC 128GB", "SanDisk Extreme micro SDXC 128 Go"),
        ("Samsung Galaxy S24 128GB", "Samsung Galaxy S24 8/128 GB"),
    ],
)
def test_words_that_only_look_like_a_difference(wanted: str, candidate: str) -> None:
    """ "für Erwachsene", "para hombre", "do kawy" name no product it is for; "micro SDXC",
    "128 Go" and "8/128 GB" say what the other title says."""
    brand = wanted.split()[0]
    verdict = decide(listing(wanted, brand=brand), listing(candidate, brand=brand))
    assert verdict.same, verdict


@pytest.mark.parametrize(
    ("wanted", "candidate", "reason"),
    [
        ("Lavazza Qualità Oro 250 g", "Lavazza Qualità Oro 4 x 250 g", "multipack"),
        ("Samsung Galaxy S24 128GB", "Samsung Galaxy S24 8/256 GB", "different data"),
        ("Lodge Cast Iron Skillet 10.25 inch", "Lodge Cast Iron Skillet 30 cm", "different length"),
        ("Canon EOS R50", "Charger for Canon EOS R50", "accessory"),
    ],
)
def test_more_near_misses(wanted: str, candidate: str, reason: str) -> None:
    brand = wanted.split()[0]
    verdict = decide(listing(wanted, brand=brand), listing(candidate, brand=brand))
    assert not verdict.same and reason in verdict.reason, verdict


def test_a_page_sold_in_sizes_shows_one_sizes_gtin() -> None:
    """Each size has its own GTIN and a page gives the one it has chosen: between pages sold
    in sizes, different GTINs leave it to the maker's style code and the title."""
    helmet = "Giro Syntax MIPS road helmet, matte black"
    sized = decide(
        listing(helmet, gtin=gtin("76868634511"), brand="Giro", variants=True),
        listing("Kask szosowy Giro Syntax MIPS czarny mat", gtin=gtin("76868634512"), brand="Giro"),
    )
    single = decide(
        listing(helmet, gtin=gtin("76868634511"), brand="Giro"),
        listing("Kask szosowy Giro Syntax MIPS czarny mat", gtin=gtin("76868634512"), brand="Giro"),
    )
    other_style = decide(
        listing(
            "Nike Pegasus 41 Black",
            gtin=gtin("19697542103"),
            mpn="FD2722-002",
            brand="Nike",
            variants=True,
        ),
        listing(
            "Nike Pegasus 41 GORE-TEX", gtin=gtin("19759310503"), mpn="FQ1356-001", brand="Nike"
        ),
    )
    assert sized.same and sized.by == "title"
    assert (single.same, single.by) == (False, "gtin")
    assert (other_style.same, other_style.by) == (False, "mpn")


@pytest.mark.parametrize(
    ("first", "second"),
    [
        ("SM-S921B", "SM-S921BZKDEUE"),  # the family code and its order code (colour, region)
        ("3YM62AE", "3YM62AE#BGX"),  # a regional suffix
        ("DELL-U2723QE", "210-BCXK"),  # the model code (as a shop writes it), an order code
    ],
)
def test_part_numbers_of_two_code_systems_leave_it_to_the_title(first: str, second: str) -> None:
    title = {
        "SM": "Samsung Galaxy S24 SM-S921B 128GB Onyx Black",
        "3Y": "HP 305XL black",
    }
    name = title.get(first[:2], "Dell UltraSharp U2723QE 27 4K monitor")
    verdict = decide(
        listing(name, mpn=first, brand=name.split()[0]),
        listing(name + " (EU)", mpn=second, brand=name.split()[0]),
    )
    assert verdict.by == "title" and verdict.same


@pytest.mark.parametrize(
    ("name", "first", "second"),
    [
        ("DJI Mini 4 Pro (DJI RC-N2)", "CP.MA.00000731.01", "MT4MFVD"),
        ("Kärcher K 4 Power Control", "1.324-030.0", "K4-POWERCTRL-HOME"),  # another kit
        ("Logitech MX Master 3S mouse", "910-006559", "MXMASTER3S-PALEGREY"),  # colour
    ],
)
def test_a_catalogue_number_beside_a_model_code_goes_to_the_operators(
    name: str, first: str, second: str
) -> None:
    """Neither contradicts the other, but a colour, kit or region may live in the codes
    alone: agreeing titles make it likely, a person confirms."""
    brand = name.split()[0]
    verdict = decide(listing(name, mpn=first, brand=brand), listing(name, mpn=second, brand=brand))
    assert not verdict.same and verdict.unsure


@pytest.mark.parametrize(
    ("first", "second"),
    [
        ("MT3F3", "MT3D3ZM/A"),  # one code without its region beside another: other sizes
        ("CP.MA.00000731.01", "CP.MA.00000732.01"),  # two catalogue numbers: other remotes
        ("010-02505-11", "010-02505-01"),  # Garmin's: another model
    ],
)
def test_two_codes_of_one_system_are_two_products(first: str, second: str) -> None:
    name = "Apple Sport Band 45 mm Midnight"
    verdict = decide(
        listing(name, mpn=first, brand="Apple"), listing(name, mpn=second, brand="Apple")
    )
    assert (verdict.same, verdict.by) == (False, "mpn")


def test_a_technology_named_beside_the_same_model_code_is_no_other_model() -> None:
    verdict = decide(
        listing("Makita DGA504Z 18V 125 mm angle grinder, body only", brand="Makita"),
        listing("Makita DGA504Z 18v LXT Brushless 125mm Angle Grinder - Body Only", brand="Makita"),
    )
    assert verdict.same


def test_shared_capitals_alone_do_not_make_the_same_model() -> None:
    """MIPS is a helmet technology, not a model: two helmet lines that have it differ."""
    verdict = decide(
        listing("Casque vélo route Giro Syntax MIPS Noir mat", brand="Giro"),
        listing("Giro Agilis MIPS Road Helmet - Matte Black", brand="Giro"),
    )
    assert not verdict.same


@pytest.mark.parametrize(
    ("title", "brand", "query"),
    [
        ("Mando inalámbrico Xbox Carbon Black", "Microsoft", "Xbox Carbon Black"),
        ("Kask szosowy Giro Syntax MIPS czarny mat", "Giro", "Giro Syntax MIPS"),
        ("Samsung 990 PRO 2TB NVMe", "Samsung", "Samsung 990 PRO"),
    ],
)
def test_a_name_search_uses_the_names_a_title_gives(title: str, brand: str, query: str) -> None:
    """Without the brand in the title, the words with capitals after the first (the
    shop's own language writes the rest in lower case)."""
    assert name_query(title, brand) == query
