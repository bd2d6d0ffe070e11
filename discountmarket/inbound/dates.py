# ruff: noqa: RUF001 — words and signs in Cyrillic and other scripts are the point.
"""The end of an absence as an out-of-office text writes it, in any of our languages.

"until 12 January", "back on 14.01.", "bis zum 14.01.2027", "jusqu'au 3 février",
"до 15 января", "return on Monday, January 12th", "do 14. ledna", "hasta el 12 de enero",
"2027-01-12" … A date without a year takes the year of the message's Date and rolls over to
the next year when it would fall before that Date. The date after an "until"/"back" word is
preferred; otherwise the latest date named.
"""

from __future__ import annotations

import re
from datetime import date

from discountmarket.inbound.date_words import MONTHS, WEEKDAYS

MONTH_OF = {name: number for number, names in MONTHS.items() for name in names}
_MONTH = "(?P<month>" + "|".join(sorted(map(re.escape, MONTH_OF), key=len, reverse=True)) + r")\.?"
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th|er|e|º|ª|-?го|-?е)?\.?"
_YEAR = r"(?P<year>(?:19|20)\d\d)"
_PATTERNS = [
    re.compile(r"\b(?P<year>(?:19|20)\d\d)-(?P<month>[01]?\d)-(?P<day>[0-3]?\d)\b"),
    re.compile(
        rf"(?<![\d.])(?P<day>[0-3]?\d)\.\s?(?P<month>[01]?\d)\.(?:\s?{_YEAR}|(?P<yy>\d\d)(?!\d))?"
    ),
    re.compile(rf"(?<![\d/])(?P<a>[0-3]?\d)/(?P<b>[01]?\d)(?:/(?:{_YEAR}|(?P<yy>\d\d)))?(?![\d/])"),
    re.compile(
        rf"(?<!\w){_DAY}\s*(?:of\s+|de\s+|del\s+)?{_MONTH}(?:\s*(?:de\s+|,\s*)?{_YEAR})?(?!\w)",
        re.I,
    ),
    re.compile(rf"(?<!\w){_MONTH}\s+{_DAY}(?:\s*,?\s*{_YEAR})?(?!\w)", re.I),
]
_UNTIL = re.compile(
    r"(?:(?<!\w)(?:until|till|til|through|thru|up to|back on|back in the office on|"
    r"return(?:ing)? on|"
    r"return(?:ing)?|back|bis|zurück|wieder|jusqu'au|jusqu’au|jusqu'à|jusqu’à|retour|"
    r"de retour|hasta|regreso|volveré|fino al|fino a|torno|rientro|tot en met|tot|terug|"
    r"do|zpět|zpátky|до|по|вернусь|till och med|tom|tilbake|tilbage|til og med|"
    r"t\.o\.m\.|até|regresso|volto|powrót|wracam|to|au|al|à|a)|[-–—])\W*$",
    re.I,
)
_FROM_WORD = re.compile(r"(?<!\w)(from|vom|von|du|desde|dal|dall'|van|od|с|från|fra|de)\W*$", re.I)


_FILLER = re.compile(
    r"(\b(monday|tuesday|wednesday|thursday|friday|saturday|sunday|mon|tue|wed|thu|fri|"
    r"montag|dienstag|mittwoch|donnerstag|freitag|samstag|sonntag|mo|di|mi|do|fr|"
    r"lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche|"
    r"lunes|martes|miércoles|jueves|viernes|sábado|domingo|"
    r"понедельник\w*|вторник\w*|сред\w|четверг\w*|пятниц\w|суббот\w|воскресень\w|"
    r"pondělí|úterý|středa|středu|čtvrtek|pátek|sobota|sobotu|neděle|neděli|"
    r"the|le|el|den|dem|der|zum|am|on|au|al|del|de|dne|inclusive|inclusief|"
    r"einschließlich|einschliesslich|включительно|včetně)|[\s,(])+$",
    re.I,
)


def _strip_filler(before: str) -> str:
    return _FILLER.sub("", before)


def _year(found: re.Match[str]) -> int | None:
    groups = found.groupdict()
    if groups.get("year"):
        return int(groups["year"])
    if groups.get("yy"):
        return 2000 + int(groups["yy"])
    return None


def _month_day(found: re.Match[str], slash_day_first: bool) -> tuple[int, int] | None:
    groups = found.groupdict()
    if "a" in groups and groups.get("a"):
        a, b = int(groups["a"]), int(groups["b"])
        if a > 12:
            return b, a
        if b > 12:
            return a, b
        return (b, a) if slash_day_first else (a, b)
    month_text = groups["month"].lower().rstrip(".")
    month = int(month_text) if month_text.isdigit() else MONTH_OF.get(month_text)
    if not month:
        return None
    return month, int(groups["day"])


def _complete(month: int, day: int, year: int | None, sent: date) -> date | None:
    if year is None:
        try:
            candidate = date(sent.year, month, day)
        except ValueError:
            return None
        if candidate < sent:
            try:
                candidate = date(sent.year + 1, month, day)
            except ValueError:
                return None
        return candidate
    try:
        return date(year, month, day)
    except ValueError:
        return None


def candidates(text: str, sent: date, slash_day_first: bool = True) -> list[tuple[int, date, str]]:
    """(position, date, the words just before it) for every date named in ``text``."""
    found: list[tuple[int, date, str]] = []
    taken: list[tuple[int, int]] = []
    for pattern in _PATTERNS:
        for match in pattern.finditer(text[:20000]):
            if any(s < match.end() and match.start() < e for s, e in taken):
                continue
            month_day = _month_day(match, slash_day_first)
            if not month_day:
                continue
            when = _complete(month_day[0], month_day[1], _year(match), sent)
            if when is None or not (-370 <= (when - sent).days <= 800):
                continue
            taken.append((match.start(), match.end()))
            before = text[max(0, match.start() - 40) : match.start()]
            before = _strip_filler(text[max(0, match.start() - 50) : match.start()])
            found.append((match.start(), when, before))
    return sorted(found)


_WEEKDAY_OF = {name: day for day, names in WEEKDAYS.items() for name in names}
_WEEKDAY = re.compile(
    r"(?<!\w)(" + "|".join(sorted(map(re.escape, _WEEKDAY_OF), key=len, reverse=True)) + r")(?!\w)",
    re.I,
)


def _weekday_named(text: str, sent: date) -> date | None:
    """ "Back on Monday", "bis Freitag", "до пятницы": the next such day after the message."""
    for match in _WEEKDAY.finditer(text[:20000]):
        before = text[max(0, match.start() - 50) : match.start()]
        before = re.sub(
            r"(?<!\w)(the|le|el|den|dem|der|zum|am|on|au|al|next|nächsten)\W*$",
            "",
            before.rstrip(),
            flags=re.I,
        )
        if _UNTIL.search(before.rstrip()) and not _FROM_WORD.search(before.rstrip()):
            ahead = (_WEEKDAY_OF[match.group(1).lower()] - sent.weekday() - 1) % 7 + 1
            return date.fromordinal(sent.toordinal() + ahead)
    return None


def end_of_absence(text: str, sent: date, slash_day_first: bool = True) -> date | None:
    """The last day away or the day back, as the text writes it; None when none is named.
    A weekday alone ("back on Monday") counts only when no date is named."""
    found = candidates(text, sent, slash_day_first)
    if not found:
        return _weekday_named(text, sent)
    for _, when, before in found:
        if _UNTIL.search(before) and not _FROM_WORD.search(before):
            return when
    return max(when for _, when, _ in found)
