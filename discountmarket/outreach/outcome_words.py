"""What stores answer to a contact-form post, as data: the markup classes platforms use for
"sent" and "not sent", the words of thank-you addresses and JSON statuses, and strict
validation messages. ``form_verdict`` reads answers with them; ``form_words`` keeps the
shared vocabularies (``SUCCESS``, ``FIELD_ERROR``) this module adds to.
"""

# ruff: noqa: RUF001 — words in Cyrillic are the point of this module.
from __future__ import annotations

import re

from discountmarket.outreach.form_words import SUCCESS as _SHARED_SUCCESS
from discountmarket.outreach.form_words import words

# Classes of elements that only show after the platform accepted a post (checked when
# visible and new since the contact page was read: many pages carry hidden templates).
SUCCESS_CLASSES = frozenset(
    {
        "wpcf7-mail-sent-ok",  # Contact Form 7 before 5.2
        "gform_confirmation_message",  # Gravity Forms
        "gform_confirmation_wrapper",
        "wpforms-confirmation-container",  # WPForms
        "wpforms-confirmation-container-full",
        "nf-response-msg",  # Ninja Forms
        "w-form-done",  # Webflow
        "submitted-message",  # HubSpot
        "t-form-success-popup",  # Tilda
        "js-successbox",
        "mf-ok-text",  # 1C-Bitrix main.feedback
        "form-status--success",  # Shopify themes
        "form-success",
        "form__message--success",
        "alert-success",  # Bootstrap themes: PrestaShop, OpenCart…
        "message-success",  # Magento
        "msg-success",  # Shoptet
        "elementor-message-success",  # Elementor Pro
        "fusion-alert-success",
        "woocommerce-message",
    }
)
# Classes that show a post was turned down (validation, spam filter, mail failure).
FAILURE_CLASSES = frozenset(
    {
        "wpcf7-validation-errors",  # Contact Form 7 before 5.2
        "wpcf7-mail-sent-ng",
        "wpcf7-spam-blocked",
        "wpcf7-acceptance-missing",
        "gform_validation_errors",  # Gravity Forms
        "validation_error",
        "wpforms-error-container",  # WPForms
        "nf-error-msg",  # Ninja Forms
        "w-form-fail",  # Webflow
        "hs-error-msgs",  # HubSpot
        "t-form__errorbox-wrapper",  # Tilda
        "errortext",  # 1C-Bitrix ShowError()
        "mf-err-text",
        "alert-danger",  # Bootstrap themes
        "message-error",  # Magento
        "msg-error",  # Shoptet
        "elementor-message-danger",  # Elementor Pro
        "form-status--error",
    }
)
# Bootstrap keeps these in every form and shows them with CSS only after a failed check.
ERROR_TEMPLATES = frozenset({"invalid-feedback", "invalid-tooltip"})
# Contact Form 7 (5.2+) states the form itself: <form class="wpcf7-form sent"
# data-status="sent">; the other states are refusals.
CF7_SENT = "sent"
CF7_REFUSED = frozenset({"invalid", "failed", "spam", "aborted", "unaccepted"})

# A thank-you address: words of a path, query or fragment (split on non-letters).
URL_SUCCESS_WORDS = frozenset(
    {
        "thanks",
        "thankyou",
        "success",
        "successful",
        "sent",
        "submitted",
        "danke",
        "dankeschon",
        "gesendet",
        "spasibo",
        "dekujeme",
        "dekuji",
        "odeslano",
        "kiitos",
        "merci",
        "gracias",
        "enviado",
        "grazie",
        "obrigado",
        "bedankt",
        "verzonden",
        "dziekujemy",
        "wyslano",
        "tak",
        "takk",
        "tack",
        "confirmation",
        "posted",
    }
)
URL_SUCCESS_PHRASES = ("thank you", "thank-you", "thank_you", "contact/success")
# Query keys whose value says how the post went: "?contact_posted=true", "?success=Y".
QUERY_SUCCESS_KEYS = ("posted", "success", "sent", "submitted", "odeslano", "status", "result")
FALSE_VALUES = frozenset({"0", "false", "n", "no", "error", "fail", "failed", "invalid"})
QUERY_FAILURE_KEYS = frozenset({"error", "errors", "fail", "failed"})

# JSON answers of form endpoints.
JSON_SENT = frozenset({"mail_sent", "sent", "success", "ok", "true"})
JSON_REFUSED = frozenset(
    {
        "validation_failed",  # Contact Form 7 REST API
        "mail_failed",
        "spam",
        "acceptance_missing",
        "aborted",
        "payment_required",
        "error",
        "fail",
        "failed",
        "invalid",
    }
)
JSON_SENT_KEYS = ("inlineMessage", "redirectUri", "confirmation_message")  # HubSpot, Gravity

# Validation messages strict enough to count even where our form is not shown again.
VALIDATION = words(
    r"this field is required|required field|please fill (in|out)|please complete",
    r"toto pole je povinne|povinne pole|vyplnte|musite vyplnit|pole je povinne",
    r"pflichtfeld|bitte fullen sie|bitte geben sie|darf nicht leer sein",
    r"заполните поле|обязательно для заполнения|обязательное поле|поле обязательно",
    r"заповніть поле|обов.язкове поле",
    r"ce champ est (obligatoire|requis)|veuillez remplir|este campo es (obligatorio|requerido)",
    r"campo obbligatorio|questo campo e obbligatorio|campo obrigatorio|dit veld is verplicht",
    r"to pole jest wymagane|pole wymagane|tama kentta on pakollinen|feltet er pakrevd",
    r"feltet skal udfyldes|detta falt ar obligatoriskt",
)

# Success messages ``form_words.SUCCESS`` does not know: "Thanks, we got your message."
_MORE_SUCCESS = words(
    r"thanks\b|many thanks|we('ve| have)? (got|received) your|received your (message|enquiry)",
    r"received your (inquiry|request|question)|(message|enquiry|inquiry|request) received",
    r"your (enquiry|inquiry|request|submission) (has been|was) (sent|received|submitted)",
    r"danke\b|wir haben ihre (nachricht|anfrage) erhalten",
    r"ihre (nachricht|anfrage) wurde (erfolgreich )?(gesendet|versendet|ubermittelt)",
    r"nous avons (bien )?recu votre|votre (message|demande) a (bien )?ete (envoye|transmis)",
    r"hemos recibido (tu|su)|(tu|su) (mensaje|consulta) (ha sido|fue) enviad",
    r"abbiamo ricevuto|messaggio e stato inviato|recebemos (a sua|sua|tua) mensagem",
    r"(сообщение|письмо|обращение|заявка) (успешно )?получен|мы получили",
    r"(повідомлення|заявк[уа]) (успішно )?(надіслан|відправлен|отриман)",
    r"(zprava|dotaz|sprava) (byla? )?(uspesne )?(odeslan|prijat)|dakujeme",
    r"(wiadomosc|zapytanie) (zostal[ao] )?(pomyslnie )?(wyslan|przekazan)",
    r"bedankt|we hebben (je|uw) bericht ontvangen|tack\b|takk\b",
)
SUCCESS = re.compile(f"{_SHARED_SUCCESS.pattern}|{_MORE_SUCCESS.pattern}")
