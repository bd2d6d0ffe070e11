"""More words forms use, beside ``form_words``: forms that look like contact forms but are
for something else (call-back requests, back-in-stock alerts, reviews, shipping quotes), the
topics a subject dropdown offers, and the names form builders give numbered fields.

Patterns are written and folded the way ``form_words.words`` does.
"""

# ruff: noqa: RUF001 — words in Cyrillic and Persian are the point of this module.
from __future__ import annotations

import re

from discountmarket.outreach.form_words import words

__all__ = [
    "CALLBACK",
    "NUMBERED_NAME",
    "RATING",
    "REVIEW",
    "SHIPPING_QUOTE",
    "STOCK_ALERT",
    "TOPIC",
]

# "Call me back": the store phones the shopper; nobody reads a message.
CALLBACK = words(
    r"call ?back|callback|call me|request a call|(order|book|schedule) a call|phone me",
    r"перезвон|обратн\w* звон|заказ\w* (обратн\w* )?звон|ruckruf|zuruckrufen",
    r"rappel|rappelez|me rappeler|te llamamos|solicitar (una )?llamada|richiamata|ti richiamiamo",
    r"terugbel|zavolejte mi|zpetne volani|soita minulle|ring mig|ring meg|oddzwon",
    r"تماس بگیرید|درخواست تماس",
)
# "Notify me when it is back in stock": an alert, not a message.
STOCK_ALERT = words(
    r"back in stock|notify me|notify when|in stock alert|stock (alert|notification)",
    r"when (it is |it's )?(available|back)|price (drop|alert)",
    r"сообщить о (поступлении|наличии)|уведомить|сообщить когда",
    r"benachrichtig|wieder verfugbar|m'avertir|me prevenir|alerte (stock|prix)",
    r"de nouveau disponible|avisame|avisarme|avvisami",
    r"hlidat dostupnost|upozornit|ilmoita kun|giv besked|bevakning|powiadom",
    r"laat (het )?me weten|وقتی موجود شد|اطلاع از موجودی",
)
# A star rating beside the text box makes a product review, not a message to the store.
RATING = words(
    r"rating|\brate\b|\bstars?\b|\bscore\b|оценк|рейтинг|bewertung|sterne|\bnote\b",
    r"valoracion|puntuacion|valutazione|hodnoceni|arvosana|arvio|bedommelse|betyg",
    r"beoordeling|ocena|ertekeles|امتیاز",
)
# What a review form calls itself ("Write a review", "Bewertung schreiben", "Оставить отзыв").
REVIEW = words(
    r"review|rezension|bewertung|(оставить|написать|ваш) отзыв|отзыв о товаре|\bavis\b",
    r"recension|resena|valoracion|opinion|recenz|arvostelu|arvio|anmeldelse|omdomme",
    r"beoordeling|opinia|ertekeles|نظر خود|دیدگاه",
)
# Shipping-cost and delivery-time estimators ask for a place, not a message.
SHIPPING_QUOTE = words(
    r"(estimate|calculate|get|check) (the )?(shipping|delivery|postage|freight)",
    r"(shipping|delivery|postage|freight) (cost|rate|quote|estimate|calculator|price)",
    r"рассчитать (стоимость )?доставк|стоимость доставки|расчет доставки",
    r"versandkosten|lieferkosten|frais de (port|livraison)|costes? de envio|spese di spedizione",
    r"doprava (zdarma|cena)|cena dopravy|toimituskulu|fragtpris|fraktkostnad|verzendkosten",
    r"koszt(y)? dostawy|هزینه ارسال",
)
# Options of a dropdown that asks what a message is about.
TOPIC = words(
    r"general|question|enquir|inquir|\border|return|refund|exchange|complain|delivery",
    r"shipping|payment|invoice|billing|warranty|repair|support|feedback|technical",
    r"partner|wholesale|press|media|\bother\b|sonstig|allgemein|bestellung|rucksend",
    r"reklamation|lieferung|zahlung|rechnung|вопрос|заказ|возврат|доставк|оплат|жалоб",
    r"общ|друг|сотрудничеств|commande|retour|livraison|paiement|autre|facture|pedido",
    r"devolucion|envio|pago|otro|consulta|ordine|reso|spedizione|altro|objednavk",
    r"reklamac|dotaz|tilaus|palautus|toimitus|muu\b|bestilling|retur|levering|andet",
    r"zamowien|zwrot|dostaw|inne|سفارش|مرجوعی|ارسال|پرداخت|سایر",
)
# Names that only number a field ("form_text_1", "input_4", "field[3]", "wpforms[fields][2]",
# "item_meta[12]", "entry.123", "ninja_forms_field_5"): they tell nothing about the field.
NUMBERED_NAME = re.compile(
    r"^((form|forms|input|inputs|field|fields|fld|item|items|meta|element|el|elem|control"
    r"|text|textarea|txt|data|entry|wpforms|ninja|nf|frm|cf|ff|custom|question|q|f|t|id)\s+)*"
    r"\d+(\s+\d+)*$"
)
