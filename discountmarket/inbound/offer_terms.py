# ruff: noqa: RUF001, RUF003 — words and signs in Cyrillic and other scripts are the point.
"""What a reply offers: a price with its currency, a percent, a coupon code.

Read from the reply's new text only (quotes and signatures are already cut). A number is a
price only next to a currency, so phone, order and model numbers, dates and addresses are
never prices. Sentences that decline ("unfortunately we cannot …", "к сожалению, не можем")
are set aside; a reply with nothing else offers nothing (``None``). Numbers go through
``discountmarket.numbers``: plain decimal notation only, finite and bounded.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from discountmarket import numbers

_SYMBOLS = {
    "€": "EUR",
    "eur": "EUR",
    "euro": "EUR",
    "euros": "EUR",
    "евро": "EUR",
    "$": "USD",
    "us$": "USD",
    "usd": "USD",
    "dollars": "USD",
    "dollar": "USD",
    "£": "GBP",
    "gbp": "GBP",
    "pounds": "GBP",
    "₽": "RUB",
    "руб": "RUB",
    "руб.": "RUB",
    "рублей": "RUB",
    "рубля": "RUB",
    "рубль": "RUB",
    "rub": "RUB",
    "р.": "RUB",
    "kč": "CZK",
    "kc": "CZK",
    "czk": "CZK",
    ",-": None,
    "zł": "PLN",
    "zl": "PLN",
    "pln": "PLN",
    "chf": "CHF",
    "fr.": "CHF",
    "sek": "SEK",
    "nok": "NOK",
    "dkk": "DKK",
    "kr": None,
    "kr.": None,
    "uah": "UAH",
    "₴": "UAH",
    "грн": "UAH",
    "huf": "HUF",
    "ft": "HUF",
    "ron": "RON",
    "lei": "RON",
    "cad": "CAD",
    "aud": "AUD",
    "¥": "JPY",
    "jpy": "JPY",
    "₹": "INR",
    "inr": "INR",
}
_CURRENCY = "|".join(
    re.escape(c) for c in sorted((k for k in _SYMBOLS if k != ",-"), key=len, reverse=True)
)
_NUMBER = r"\d{1,3}(?:[ \u00a0\u202f.,'’]\d{3}){1,4}(?:[.,]\d{1,2})?|\d{1,10}(?:[.,]\d{1,2})?"
_AFTER_END = r"(?![\w%])"
PRICE_BEFORE = re.compile(
    rf"(?<![\w.,])(?P<cur>{_CURRENCY})\s?(?P<num>{_NUMBER})(?:[.,]-)?{_AFTER_END}", re.I
)
PRICE_AFTER = re.compile(
    rf"(?<![\w.,\-/#])(?P<num>{_NUMBER})(?:[.,]-{{1,2}})?\s?(?P<cur>{_CURRENCY})(?!\w)", re.I
)
PERCENT = re.compile(
    r"(?<![\w.,])(?P<num>\d{1,2}(?:[.,]\d{1,2})?|100)\s?(?:%|percent|per cent|prozent|pour ?cent|"
    r"por ciento|per cento|procent\w*|проц\w*|відсот\w*)(?!\w)",
    re.I,
)
_PERCENT_WORDS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "twelve": 12, "fifteen": 15, "twenty": 20, "twenty-five": 25,
    "thirty": 30, "forty": 40, "fifty": 50,
    "ein": 1, "zwei": 2, "drei": 3, "vier": 4, "fünf": 5, "sechs": 6, "sieben": 7, "acht": 8,
    "neun": 9, "zehn": 10, "zwölf": 12, "fünfzehn": 15, "zwanzig": 20, "fünfundzwanzig": 25,
    "dreißig": 30, "fünfzig": 50,
    "cinq": 5, "dix": 10, "quinze": 15, "vingt": 20, "trente": 30,
    "cinco": 5, "diez": 10, "quince": 15, "veinte": 20, "treinta": 30,
    "cinque": 5, "dieci": 10, "quindici": 15, "venti": 20, "trenta": 30,
    "vijf": 5, "tien": 10, "vijftien": 15, "twintig": 20, "dertig": 30,
    "pět": 5, "deset": 10, "patnáct": 15, "dvacet": 20, "třicet": 30,
    "pięć": 5, "dziesięć": 10, "piętnaście": 15, "dwadzieścia": 20, "trzydzieści": 30,
    "пять": 5, "пяти": 5, "семь": 7, "семи": 7, "десять": 10, "десяти": 10,
    "пятнадцать": 15, "пятнадцати": 15, "двадцать": 20, "двадцати": 20, "тридцать": 30,
    "тридцати": 30, "пятьдесят": 50, "пятидесяти": 50,
}  # fmt: skip
PERCENT_IN_WORDS = re.compile(
    r"(?<!\w)(?P<word>" + "|".join(sorted(_PERCENT_WORDS, key=len, reverse=True)) + r")"
    r"[\s\-]+(?:percent|per cent|prozent|pour ?cent|por ciento|per cento|procent\w*|проц\w*)"
    r"(?!\w)",
    re.I,
)
COUPON = re.compile(
    r"(?i:promo[- ]?code|discount code|coupon code|voucher code|coupon|voucher|code|"
    r"gutscheincode|gutschein|rabattcode|rabatt-code|code promo|code de réduction|"
    r"codice sconto|codice|código de descuento|código|cupón|kortingscode|rabatkode|"
    r"rabattkod|kod rabatowy|"
    # Czech, Polish and Russian decline the noun: "kódem", "kuponu", "промокоду", "купоном"
    r"(?:slevový kód|slevový kupon|kód|kupon|kod|промокод|промо-код|купон|код купона|код)"
    r"[a-zа-яёěščřžýáíéůú]{0,3})"
    r"(?:\s+(?i:is|ist|est|es|je|to|—|-|:|use|verwenden|nutzen))*\s*[:\-–]?\s*[\"'«„“‚]?"
    r"(?P<code>[A-Z0-9][A-Z0-9_\-]{2,30}[A-Z0-9])(?![\w\-])"
)
DECLINE = re.compile(
    r"(unfortunately|regret|we (can ?not|can't|cannot|are unable|are not able|won't|will not|"
    r"do not|don't) (offer|give|provide|grant|do|lower|reduce|make|match)|not able to offer|"
    r"unable to offer|no (further |additional )?discount|not possible|"
    r"leider|können wir (ihnen )?(keinen|keine|nicht)|ist nicht möglich|kein rabatt|"
    r"malheureusement|nous ne pouvons pas|pas possible|aucune remise|"
    r"к сожалению|не можем|не имеем возможности|невозможно|скидок нет|скидку не|"
    r"bohužel|nemůžeme|není možné|žádnou slevu|"
    r"lamentablemente|no podemos|purtroppo|non possiamo|helaas|kunnen wij geen|niestety|"
    r"nie możemy|tyvärr|desværre|dessverre|infelizmente|não podemos)",
    re.I,
)
NOT_THE_OFFER = re.compile(
    r"(shipping|delivery|postage|versand|porto|livraison|доставк|doprav|poštovné|envío|"
    r"spedizione|verzend|wysyłk|instead of|rather than|regular|usual|normally|normal price|"
    r"list price|was |statt|anstatt|regulär|normalpreis|statt bisher|au lieu de|prix normal|"
    r"вместо|обычн|старая цена|místo|běžná cena|en lugar de|invece di|in plaats van|zamiast|"
    r"msrp|rrp|uvp)\W*(?:\w+\W+){0,3}$",
    re.I,
)
SENTENCE_END = re.compile(r"(?<=[.!?…])\s+(?=[A-ZА-ЯЁÀ-ÖØ-Þ0-9„“\"«])|\n")
COUPON_STOPWORDS = {
    "HTML",
    "UTF",
    "SMS",
    "PDF",
    "EUR",
    "USD",
    "GBP",
    "RUB",
    "CZK",
    "PLN",
    "VAT",
    "DPH",
    "MWST",
    "NDS",
    "НДС",
}


@dataclass(frozen=True)
class Offer:
    price: Decimal | None
    currency: str | None
    percent: Decimal | None
    coupon: str | None

    def to_json(self) -> dict[str, object]:
        return {
            "price": f"{self.price:.2f}" if self.price is not None else None,
            "currency": self.currency,
            "percent": _plain(self.percent) if self.percent is not None else None,
            "coupon": self.coupon,
        }


def _plain(value: Decimal) -> str:
    text = f"{value:f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


CONTRAST = re.compile(
    r"[,;]?\s+(?:but|however|though we|aber|jedoch|dafür|mais|cependant|en revanche|но|однако|"
    r"зато|ale|avšak|však|pero|sin embargo|ma|però|tuttavia|maar|wel|men|mas|porém)\s+",
    re.I,
)


def sentences(text: str) -> list[str]:
    """Sentences, and within one the clauses a "but" sets apart ("we cannot …, but …")."""
    parts: list[str] = []
    for sentence in SENTENCE_END.split(text[:20000]):
        parts.extend(clause.strip() for clause in CONTRAST.split(sentence or "") if clause.strip())
    return parts


def parse_amount(text: str) -> Decimal | None:
    """A price as people write it; "1.150" and "1,150" next to a currency are a thousand
    one hundred and fifty (prices do not have three decimal places)."""
    text = text.strip().replace("'", " ").replace("’", " ")
    if re.fullmatch(r"\d{1,3}[.,]\d{3}", text):
        text = text.replace(".", "").replace(",", "")
    try:
        return numbers.PRICE.parse(text)
    except numbers.NumberRefused:
        return None


# "from €189 to €169", "von 189 € auf 169 €", "с 12 990 до 11 990 руб.": the first is the old
# price when another follows.
FROM_PRICE = re.compile(r"(?<!\w)(from|von|de|od|с|от|da|desde|van|från|fra)\W*$", re.I)


def _prices(sentence: str) -> list[tuple[int, Decimal, str | None]]:
    found: list[tuple[int, Decimal, str | None, bool]] = []
    spans: list[tuple[int, int]] = []
    for pattern in (PRICE_BEFORE, PRICE_AFTER):
        for match in pattern.finditer(sentence):
            if any(s < match.end() and match.start() < e for s, e in spans):
                continue
            spans.append((match.start(), match.end()))
            before = sentence[: match.start()]
            if NOT_THE_OFFER.search(before[-60:]):
                continue
            amount = parse_amount(match.group("num"))
            if amount is None:
                continue
            currency = _SYMBOLS.get(match.group("cur").lower())
            found.append((match.start(), amount, currency, bool(FROM_PRICE.search(before[-20:]))))
    found.sort(key=lambda item: item[0])
    kept = [item for index, item in enumerate(found) if not (item[3] and index + 1 < len(found))]
    return [(start, amount, currency) for start, amount, currency, _ in kept]


def _percent(sentence: str) -> Decimal | None:
    for match in PERCENT.finditer(sentence):
        try:
            return numbers.PERCENT.parse(match.group("num"))
        except numbers.NumberRefused:
            continue
    spelled = PERCENT_IN_WORDS.search(sentence)
    return Decimal(_PERCENT_WORDS[spelled.group("word").lower()]) if spelled else None


def _coupon(sentence: str) -> str | None:
    for match in COUPON.finditer(sentence):
        code = match.group("code")
        if code in COUPON_STOPWORDS or (code.isdigit() and len(code) > 8):
            continue
        if re.fullmatch(r"[A-Z]+", code) and len(code) < 4:
            continue
        return code
    return None


def find(text: str) -> Offer | None:
    """The offer a reply's new text makes, or None."""
    price = currency = percent = coupon = None
    for sentence in sentences(text):
        if DECLINE.search(sentence):
            continue
        if price is None:
            prices = _prices(sentence)
            if prices:
                _, price, currency = prices[0]
        if percent is None:
            percent = _percent(sentence)
        if coupon is None:
            coupon = _coupon(sentence)
    if price is None and percent is None and coupon is None:
        return None
    return Offer(price=price, currency=currency, percent=percent, coupon=coupon)
