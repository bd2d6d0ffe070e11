"""The words forms use, in the languages our stores write in, and how we compare them.

This module owns text normalisation for form analysis (``fold``, ``split_identifier``) and
every multilingual vocabulary the form modules share: field roles, form kinds, consent boxes,
captchas and the messages pages show after a submission. Patterns are written in plain
lower-case words and folded the same way as the text they are matched against, so "Prénom",
"PRENOM" and "prenom" are one word, as are "й"/"и" and Arabic/Persian "ي"/"ی".

Letters without a decomposition (ø, æ, ł, đ) are spelled plainly as well.

Languages: English, Russian, Czech/Slovak, Finnish, Danish/Norwegian/Swedish, German, Spanish,
French, Persian, and the cheap extras Polish, Italian, Portuguese, Dutch, Hungarian.
"""

# ruff: noqa: RUF001 — words in Cyrillic and Persian are the point of this module.
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

# Persian pages mix Arabic code points for the same letters; ZWNJ joins compound words.
# Letters that NFKD does not split into a base letter and an accent get their plain
# spelling too ("spørgsmål" -> "sporgsmal", "hasło" -> "haslo", "bekræft" -> "bekraeft").
_SAME_LETTERS = str.maketrans(
    {"ي": "ی", "ك": "ک", "\u200c": " ", "ـ": "", "ø": "o", "æ": "ae", "ł": "l", "đ": "d"}
)
_CAMEL = re.compile(r"(?<=[a-z])(?=[A-Z])|(?<=[A-Za-z])(?=\d)|(?<=\d)(?=[A-Za-z])")
_NON_WORD = re.compile(r"[\W_]+")
_SPACES = re.compile(r"\s+")
_UPPER_ESCAPE = re.compile(r"\\[A-Z]")


@lru_cache(maxsize=8192)
def fold(text: str) -> str:
    """Lower-case, accent-free, single-spaced text for matching (not for display)."""
    text = unicodedata.normalize("NFKD", text.casefold().translate(_SAME_LETTERS))
    text = "".join(char for char in text if not unicodedata.combining(char))
    return _SPACES.sub(" ", text).strip()


@lru_cache(maxsize=8192)
def split_identifier(value: str) -> str:
    """'ctl00$txtFirstName' -> 'ctl00 txt first name': identifiers as folded words."""
    return fold(_NON_WORD.sub(" ", _CAMEL.sub(" ", value)))


def words(*alternatives: str) -> re.Pattern[str]:
    """One regex from alternatives written in natural spelling; folded like the text."""
    pattern = "|".join(alternatives)
    # fold() lower-cases, which would silently turn \S into \s: keep patterns free of them.
    if _UPPER_ESCAPE.search(pattern):
        raise ValueError(f"upper-case regex escape in vocabulary: {pattern[:60]}")
    return re.compile(fold(pattern))


# --------------------------------------------------------------------------- field roles
# Text about a field is read by ``ROLE_WORDS`` in this order: the first vocabulary that
# matches decides. Specific ideas come before the generic ones they contain ("user name",
# "company name" and "last name" before "name"; "e-mail address" before "address"), and
# "full name" phrases before first/last names because they contain both.
# ``OTHER`` marks a known field that is none of our roles: it votes against every role.
OTHER = "other"
_CONFIRM_WORDS = (
    r"confirm|repeat|again|retype|re ?enter|повтор|подтвер|bestatig|wiederhol",
    r"repet|ripet|conferm|gentag|bekraeft|bekraft|toista|vahvist|zopak|potvrd",
    r"ismetel|powtorz|bevestig|upprepa|bekreft|تکرار|تایید",
)
CONFIRM = words(*_CONFIRM_WORDS)
_USERNAME_WORDS = (
    r"user ?name|login|\bnick|screen ?name|member ?name",
    r"benutzer|пользовател|логин|uzivatel|prihlasovac|kayttaja|brugernavn|usuario|utilisateur",
    r"identifiant|pseudo|utente|gebruiker|anvandar|brukernavn|felhasznalo|نام کاربری",
)
USERNAME = words(*_USERNAME_WORDS)
_COMPANY_WORDS = (
    r"compan|organi[sz]|\bfirm|business|employer|empresa|entreprise|societe|unternehmen",
    r"\bfirma|organizace|yritys|virksomhed|azienda|bedrijf|foretag|\bceg\b|компан",
    r"организац|شرکت",
)
COMPANY = words(*_COMPANY_WORDS)
# "Title" is a comment's subject, unless it sits beside a company: then it is a job title.
_TITLE_WORDS = (r"\btitle\b|titulo|titre|titel|заголов|nadpis|otsikko|overskrift|عنوان",)
TITLE = words(*_TITLE_WORDS)
ROLES = ("name", "first_name", "last_name", "email", "phone", "subject", "message")

ROLE_WORDS: tuple[tuple[str, re.Pattern[str]], ...] = (
    (
        "name",
        words(
            r"full ?name",
            r"first (and|&) last ?name",
            r"name (and|&) (sur|last ?)name",
            r"имя и фамилия|фамилия(,)? имя|\bфио\b|ф\.и\.о",
            r"jmeno a prijmeni|meno a priezvisko|cele jmeno",
            r"etu- ja sukunimi|koko nimi",
            r"for- og efternavn|fulde navn|fullt navn|for- og etternavn|fullstandigt namn",
            r"vor- (und|&) nachname|vollstandiger name",
            r"nombre y apellidos?|nombre completo",
            r"nom et prenom|prenom et nom|nom complet",
            r"nome e cognome|nome completo",
            r"imie i nazwisko",
            r"voor- en achternaam|volledige naam",
            r"teljes nev|vezetek- es keresztnev",
            r"نام و نام خانوادگی",
        ),
    ),
    (
        OTHER,
        words(
            r"passw|\bpass\b|\bpwd\b|парол|heslo|salasana|adgangskode|kennwort|contrasen",
            r"mot de passe|\bsenha|wachtwoord|losenord|passord|jelszo|haslo|رمز",
            r"captcha|капч|antispam|anti spam|\bsecurity|verification|human|robot|защит",
            r"введите (слово|код|символ)|\bbot\b",
            *_USERNAME_WORDS,
            r"friend|recipient",
            *_CONFIRM_WORDS,
            r"\burl\b|website|web ?site|homepage|home page|\bweb\b|\bsite\b|сайт|\bwww",
            r"\bfax\b|факс|skype|icq|\bmsn\b|\baim\b|twitter|facebook",
            r"upload|attach|\bfile\b|datei|файл|soubor|tiedosto|fichier|archivo|allegat",
            r"birth|geburt|рожден|naissance|nacimiento|nascita|\bdate\b|datum|\bfecha",
            r"quantity|\bqty\b|количеств|menge|cantidad|quantite|quantita|mnozstvi",
            r"\bzip\b|postal|post ?code|\bplz\b|postleitzahl|индекс|\bpsc\b|\bcap\b",
            r"\bsearch|поиск|suche|recherche|buscar|hledat",
            r"\bcoupon|promo|voucher|gutschein|referr|invit",
            r"\bage\b|gender|\bsex\b|\bпол\b|anrede|salutation|civilit",
            r"middle ?name|second ?name|\bmiddle\b|отчество|\bzusatz",
        ),
    ),
    (
        "email",
        words(
            r"e[ -]?mail|\bmail\b|^mail|mail$|email|почт|мейл|емейл|sahkoposti|\bsposti",
            r"e[ -]?post|correo|courriel|adresse electronique|\bposta elettronica",
            r"ایمیل|پست الکترونیک|رایانامه|メール|邮箱|이메일",
        ),
    ),
    (
        "phone",
        words(
            r"phone|\btel\b|^tel|telef|\bmobil|\bcell|handy|\bgsm\b|телеф|мобил|puhelin",
            r"\bpuh\b|telefoon|numero de contact|contact number|\btlf\b",
            r"تلفن|موبایل|همراه|شماره تماس|電話|电话|전화",
        ),
    ),
    (
        "first_name",
        words(
            r"first ?name|given ?name|fore ?name|\bfname\b|\bfirst\b|vorname|prenom",
            r"primer nombre|krestni|\bkrstne|etunimi|fornavn|fornamn|voornaam",
            r"keresztnev|utonev|نام کوچک",
        ),
    ),
    (
        "last_name",
        words(
            r"last ?name|sur ?name|family ?name|\blname\b|\blast\b|nachname|familienname",
            r"nom de famille|apellido|фамил|prijmeni|priezvisko|sukunimi|efternavn",
            r"etternavn|efternamn|achternaam|cognome|sobrenome|vezeteknev|nazwisko",
            r"نام خانوادگی|نام فامیل",
        ),
    ),
    (
        OTHER,
        words(
            *_COMPANY_WORDS,
            r"\bjob\b|position|должност",
            r"address|adres|direcci|indirizzo|endereco|osoite|strasse|street|\bulic|улиц",
            r"адрес|\bcity\b|\btown\b|ciudad|\bville\b|\bstadt\b|\bort\b|citta|cidade",
            r"\bmesto|kaupunki|город|country|\bpais\b|\bpays\b|\bland\b|paese|страна",
            r"\bstate\b|province|provinc|region|область|\bcounty\b",
            r"\bproduct|товар|artikel|\bsku\b|\border\b|номер заказа|bestell|commande",
        ),
    ),
    (
        "subject",
        words(
            r"subject|\btopic|\bregarding|\btema\b|тема|predmet|\baihe|\bemne\b",
            r"betreff|asunto|objet|oggetto|assunto|onderwerp|\bamne\b|targy|\btemat|sujet",
            r"reason|\bmotiv|\bmotif|\bgrund|причин|\bduvod|request type|type of (enq|inq)",
            r"(question|inquiry|enquiry|message|request) is about|concerning|betrifft|касает",
            r"موضوع",
            *_TITLE_WORDS,
            r"件名|主题|제목",
        ),
    ),
    (
        "message",
        words(
            r"messag|\bmsg\b|mensaj|mensag|messaggi|nachricht|mitteilung|anliegen",
            r"comment|kommentar|коммент|сообщ|\bтекст|вопрос|отзыв|обращени|zprav|testo|texto",
            r"\btexte\b|\btekst|\bteksti|szoveg",
            r"\bdotaz|vzkaz|poznam|viesti|kommentti|palaute|besked|bemaerk|bemerk",
            r"consulta|pregunta|comentari|commentaire|question|enquir|inquir|remark",
            r"\bnotes?\b|\bbody\b|\btext\b|content|details|descri|feedback|review",
            r"opinion|bericht|\bvraag|opmerking|meddelande|\bfraga|melding|sporsmal",
            r"uzenet|megjegyzes|kerdes|wiadomosc|tresc|pytanie|uwagi|\bpost\b",
            r"پیام|متن|نظر|توضیح|پرسش|سوال|お問い合わせ内容|内容|留言|내용",
        ),
    ),
    (
        "name",
        words(
            r"name|\bnom\b|nombre|\bnome\b|\bимя\b|\bимени\b|\bjmeno|\bmeno\b|\bnimi\b",
            r"\bnavn\b|\bnamn\b|\bnaam\b|\bnev\b|\bimie\b|\bautor|\bauthor",
            r"نام|お名前|名前|姓名|이름",
        ),
    ),
)


def role_of(text: str) -> str | None:
    """The role (or ``OTHER``) that folded text about a field names, else None."""
    for role, pattern in ROLE_WORDS:
        if pattern.search(text):
            return role
    return None


# Values of the autocomplete attribute that settle a role outright (WHATWG autofill names).
AUTOCOMPLETE_ROLES = {
    "name": "name",
    "given-name": "first_name",
    "family-name": "last_name",
    "email": "email",
    "tel": "phone",
    "tel-national": "phone",
}

# ---------------------------------------------------------------------------- form kinds
# Matched against folded form text: attributes, buttons, headings and labels.

SEARCH = words(
    r"search|recherch|\bsuche|\bsuchen|buscar|\bbusca|\bcerca|pesquis|\bzoek|\bsok\b",
    r"\bsog\b|\bsoeg|hledat|hledani|vyhled|\bhaku\b|\bhae\b|\betsi|поиск|найти|искать",
    r"szukaj|wyszuk|keres|جستجو|検索|搜索|검색|\bfind\b",
)
LOGIN = words(
    r"log ?in\b|log ?on\b|sign ?in|signin|вход|войти|авториз|\banmeld|einlogg|connexion",
    r"se connecter|iniciar ses|\bentrar\b|\baccedi|prihlas|kirjaudu|log ind|logga in",
    r"logg inn|inloggen|zaloguj|logowanie|belep|bejelentkez|ورود|ログイン|登录|로그인",
)
REGISTRATION = words(
    r"regist|sign ?up|signup|join (us|now|free)|create (an |your )?account|new account",
    r"регистр|создать (аккаунт|учетн)|konto erstellen|inscri|crear (una )?cuenta|\balta\b",
    r"creer (un )?compte|iscriviti|iscrizione|criar conta|cadastr|zaregistr|rekister",
    r"luo tili|opret (en )?(konto|bruger)|skapa konto|bli medlem|rejestr|zarejestruj",
    r"regisztr|ثبت ?نام|عضویت|会員登録|회원가입|\bdaftar",
)
NEWSLETTER = words(
    r"newsletter|subscri|abonn|рассылк|подпис|novinky|odber|uutiskirje|\btilaa",
    r"nyhedsbrev|suscrib|boletin|\bassine|nieuwsbrief|nyhetsbrev|prenumerera",
    r"hirlevel|feliratkoz|\bzapisz|خبرنامه|mailing ?list|e-?mail updates|\bnews ?letter",
    r"stay (informed|updated|in touch)|get (the latest|updates|our offers|exclusive)",
    r"join our (list|community|mailing)|sign up for (our|the|email)|keep me (posted|informed)",
    r"newsbrief|e-?mail alert|email list",
)
ORDER = words(
    r"add to (cart|bag|basket|trolley)|add-to-cart|addtocart|add ?to ?cart|\bbuy\b",
    r"purchase|checkout|\bcart\b|basket|shopping ?bag|warenkorb|kaufen|\bbestell",
    r"корзин|купить|заказ|\bpanier|acheter|\bcommander|carrito|comprar|carrello|acquista",
    r"carrinho|kosik|koupit|objedn|ostoskori|\bosta\b|\bkurv\b|\bkob\b|winkelwagen",
    r"varukorg|\bkop\b|handlekurv|kosar|koszyk|\bkup\b|سبد خرید|خرید|カート|购物车|장바구니",
    r"sepete ekle|keranjang|pre-?order|\bordin(e|a|are)\b|pedido|encomend|\bcommande\b",
    r"(place|submit|complete|confirm) (your |the |my )?order|order now",
)
PASSWORD_RECOVERY = words(
    r"forgot|forgotten|lost ?(your )?pass|reset|recover|restore|remind|забыл|восстанов",
    r"напомн|сброс|vergessen|zurucksetzen|oublie|reinitialis|olvid|recuperar|restablec",
    r"dimentica|recupera|esquec|zapomn|obnov|unohtu|\bglemt|nulstil|vergeten|glomt",
    r"elfelejt|zapomnia|فراموش|بازیابی",
)
CONTACT = words(
    r"contact|kontakt|контакт|обратн\w* связ|feedback|enquir|inquir|get in touch",
    r"write to us|send (us )?(a |your )?(message|enquiry|inquiry|question)|ask (us|a question)",
    r"napiste|napisat|ota yhteytta|yhteyden|palaute|skriv til|nachricht senden",
    r"contacto|contactenos|escribenos|contactez|nous ecrire|contatt|scrivici|fale conosco",
    r"contato|neem contact|kapcsolat|napisz do nas|تماس|ارتباط با ما",
    r"comment|reply|review|\bopinion|guestbook|guest book|kommentar|komentar|kommentti",
    r"комментар|отзыв",
    r"velemeny|\bavis\b|commentaire|comentari|recension|beoordel|recenz|arvostelu",
    r"send ?to ?(a ?)?friend|tell ?a ?friend|share by e-?mail|e-?mail (this|(to )?a friend)",
    r"support request",  # call-back forms are not contact forms: see form_kind_words
)
# Help-desk and enquiry forms: asking a question or opening a request or ticket. Help desks
# often build the message box with scripts (or leave it unnamed), so these words count
# together with the fields a request needs (see ``form_kinds``).
ENQUIRY = words(
    r"\bask (us|a question|an expert|our|the (team|expert)|your question)|have a question",
    r"(submit|send|post|open|create|new) (a |an |your |new )?(question|request|ticket|enquiry)",
    r"(support|help|service|contact|information|info) (request|ticket|form)|request form",
    r"(your|a|my) (question|request|enquiry|inquiry)",
    r"задать вопрос|задайте (свой |ваш )?вопрос|ваш вопрос|(оставить|отправить) (заявку|запрос)",
    r"обращени|\bdotaz|zeptejte se|opytajte sa|\botazk|kysymys|\bkysy\b|tukipyynt",
    r"spørgsmål|spørsmål|henvendelse|\bfraga\b|stall en fraga|(?<!such)anfrage",
    r"frage stellen|ihre frage|\bconsulta|haga (una|su) pregunta|\bpregunta",
    r"solicitud de (informacion|contacto)",
    r"\bdemande|poser (une|votre) question|posez (une|votre) question|votre question",
    r"richiesta|(fai|fare|fate|invia) una domanda|\bpergunta|\bduvida|solicitacao",
    r"zapytanie|zadaj pytanie|stel (een|uw|je) vraag|\baanvraag|\bkerdes|ajanlatker",
    r"پرسش|سوال|درخواست",
)
# Forms that add content (a listing, a question, a coupon) rather than write to someone.
# Buttons of forms with a text box that is no message to anyone: adding content (a listing,
# an ad, a question to a Q&A site), uploading, and online tools (translate, convert...).
NOT_A_MESSAGE = words(
    r"\badd\b|legg til|\bdodaj|hinzufug|ajouter|anadir|aggiungi|\blisaa|tilfoj|добав",
    r"\bpridat|submit your (rental|listing|property|site|link|event|ad|coupon|deal)",
    r"(post|place) (a |an |your )?(ad|listing|job)|new (listing|ad|rental)|anzeige aufgeben",
    r"разместить|объявлени|inzerat|annonce|anuncio|annuncio|ogloszeni|hirdetes|annonse",
    r"upload|hochladen|загрузить|nahrat|\blataa|telecharger|\bsubir\b|carica",
    r"translat|convert|calculat|analy[sz]|validat|\bformat\b|encode|decode|generat|beautif",
    r"minif|compress|shorten|ubersetz|перевес|перевод|traduc|tradui|prelozit|\bkaanna",
    r"oversaet|konvert|berechn|рассчит|вычисл|spocitat|\blaske|calcul",
)
JOB_OR_POLL = words(
    r"\bapply\b|application|\bcv\b|resume|curriculum|bewerb|candidat|vacanc|вакан|резюме",
    r"zivotopis|hakemus|ansog|postuler|\bpoll\b|survey|kysely|umfrage|опрос|anket|encuesta",
    r"sondage|sondaggio|ankieta|szavazas|نظرسنجی|\bvote\b|\bvoter\b|abstimm|голосова",
)
# Words of a search form's query field names; the commonest are single letters.
SEARCH_FIELD = re.compile(
    r"^(q|s|k|w|wd|p|kw|qs|qt|term|terms|query|keys?|keywords?|search.*|.*search|"
    r"searchword|text|txt|find|suche|buscar|recherche|poisk|hledat|szukaj|zoek)$"
)
QUANTITY_FIELD = re.compile(
    r"(^|[^a-z])(qty|quantity|quant|amount|menge|anzahl|cantidad|quantite|quantita|"
    r"quantidade|aantal|antal|antall|ilosc|mennyiseg|kolichestvo|pocet|maara)([^a-z]|$)"
)
PRODUCT_FIELD = re.compile(
    r"(^|[^a-z])(product|prod|add[-_ ]?to[-_ ]?cart|addtocart|sku|variant|item|"
    r"pid|article|artikel|cart|basket|offer)([^a-z]|_?id|$)"
)

# ------------------------------------------------------------------------ filling a form
CONSENT = words(
    r"agree|accept|consent|gdpr|privacy|terms|conditions|policy|\bdsgvo|datenschutz",
    r"einverstanden|akzeptier|zustimm|соглас|персональн|конфиденц|souhlas|podmin",
    r"hyvaksy|tietosuoj|accepter|acepto|acept|condiciones|privacidad|accetto|consenso",
    r"aceito|concordo|akkoord|ga akkoord|godkann|godkjenn|accepterer|samtykke|elfogad",
    r"adatved|zgod|akceptuj|موافق|قوانین|حریم",
)
MARKETING = words(
    r"newsletter|marketing|offers|promotion|subscri|news|updates|рассылк|новост|акци",
    r"werbung|angebote|novinky|uutiskirje|nyhedsbrev|boletin|ofertas|offres",
    r"promozion|nieuwsbrief|nyhetsbrev|hirlevel|خبرنامه|partner|third part",
)
HARMLESS = words(
    *_COMPANY_WORDS,
    r"\bwebsite|\bweb ?site|\burl\b|\bfax\b|\bjob|position|\btitle\b|\bdept|department",
    r"\bcity\b|\bort\b|\bstadt\b|ville|ciudad|город|\bmesto|kaupunki",
)
HONEYPOT = words(
    r"honey|\bhp\b|^hp|hp$|leave (this|it)? ?(field )?(blank|empty)|do not fill",
    r"don'?t fill|nicht ausfullen|не заполняйте|ne pas remplir|no rellen|bot ?trap",
    r"spam ?trap|anti ?spam|website_url|\bfax_only",
    r"nevyplnujte|nevyplnajte|ala tayta|udfyld ikke|nie wypelniaj|lasciare vuoto",
)

# --------------------------------------------------------------------------- submissions
SUCCESS = words(
    r"thank you|thanks (for|a lot)|message (has been|was|is) (sent|received|delivered)",
    r"(successfully|been) (sent|submitted|received)|we will (get back|reply|respond|contact)",
    r"спасибо|благодар|(сообщение|письмо|заявка|запрос|обращение) (успешно )?(отправлен|принят)",
    r"дякуємо|dekujeme|dekuji|(zprava|dotaz) (byla? )?odeslan|kiitos|viesti (on )?lahetetty",
    r"tak for|tack for|takk for|beskeden er sendt|meddelandet har skickats|vielen dank",
    r"danke fur|nachricht wurde (erfolgreich )?(gesendet|versendet|verschickt)|gracias",
    r"mensaje (ha sido )?enviado|merci|message a (bien )?ete envoye|grazie|messaggio inviato",
    r"obrigad|mensagem (foi )?enviada|bedankt|bericht is verzonden|koszonjuk|dziekujemy",
    r"wiadomosc (zostala )?wyslana|با تشکر|متشکریم|سپاس|ارسال شد|پیام شما ارسال",
)
FIELD_ERROR = words(
    r"required field|field is required|is required|are required|please (fill|enter|complete)",
    r"invalid|not valid|must be|обязательн\w* пол|заполните|неверн|некоррект|ошибк|povinn",
    r"vyplnte|neplatn|chyba|pakollinen|taytyy|virhe|skal udfyldes|paakraevet|pakraevet",
    r"ugyldig|fejl|pflichtfeld|bitte (geben|fullen)|ungultig|fehler|obligatori|requerido",
    r"no es valid|incorrect|veuillez (saisir|remplir|renseigner)|erreur|obbligatori|obligatoire",
    r"erforderlich|wymagane|ma fylles ut",
    r"non valid|errore|obrigatori|invalido|verplicht|ongeldig|obowiazkow|nieprawidlow",
    r"kotelezo|ervenytelen|obligatoriskt|ogiltig|obligatorisk|الزامی|ضروری|نامعتبر|خطا",
)
