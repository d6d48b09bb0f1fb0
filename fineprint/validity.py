"""A version that says it was in force only until a date now past ("Conditions générales d'utilisation (en vigueur
jusqu'au 19 octobre 2022)", "These Terms were effective until March 1, 2023"): the reader is told the version may no
longer apply, and to check the current one. Read near the top of the document only, where a version states its
period, never from a clause inside it ("this offer is valid until 31 December" is a term, not the version's date).
"""
from __future__ import annotations

import re
from datetime import date

HEAD_CHARS = 600  # the title and the first lines
_MONTHS = {
    **{m: i for i, m in enumerate(("january", "february", "march", "april", "may", "june", "july", "august",
                                   "september", "october", "november", "december"), 1)},
    **{m: i for i, m in enumerate(("janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août",
                                   "septembre", "octobre", "novembre", "décembre"), 1)},
}
_MONTH = "|".join(sorted(_MONTHS, key=len, reverse=True))
_DAY_MONTH_YEAR = rf"(?P<d1>\d{{1,2}})(?:er|st|nd|rd|th)?\s+(?P<m1>{_MONTH})\s+(?P<y1>(?:19|20)\d\d)"
_MONTH_DAY_YEAR = rf"(?P<m2>{_MONTH})\s+(?P<d2>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<y2>(?:19|20)\d\d)"
_NUMERIC = r"(?P<d3>\d{1,2})[/.](?P<m3>\d{1,2})[/.](?P<y3>(?:19|20)\d\d)"
_UNTIL = re.compile(
    r"(?:en\s+vigueur|applicables?|valables?|valides?|version)\s+jusqu['’]\s?(?:au|à)\s+(?:la\s+date\s+du\s+)?"
    r"|(?:effective|valid|in\s+effect|in\s+force|applicable|applied|apply)\s+(?:until|through|till)\s+",
    re.IGNORECASE)
_DATE = re.compile(rf"(?:{_DAY_MONTH_YEAR}|{_MONTH_DAY_YEAR}|{_NUMERIC})", re.IGNORECASE)


def in_force_until(text: str) -> date | None:
    """The last day the version says it applies, when its first lines say so; else None."""
    head = text[:HEAD_CHARS]
    for m in _UNTIL.finditer(head):
        d = _DATE.match(head, m.end())
        if not d:
            continue
        g = d.groupdict()
        try:
            if g["d1"]:
                return date(int(g["y1"]), _MONTHS[g["m1"].lower()], int(g["d1"]))
            if g["d2"]:
                return date(int(g["y2"]), _MONTHS[g["m2"].lower()], int(g["d2"]))
            return date(int(g["y3"]), int(g["m3"]), int(g["d3"]))
        except (ValueError, KeyError):
            continue
    return None


def expired_warning(text: str, lang: str, today: date | None = None) -> str | None:
    """A warning when the version says it applied only until a day before ``today``."""
    until = in_force_until(text)
    if until is None or until >= (today or date.today()):
        return None
    if lang == "fr":
        day = "1er" if until.day == 1 else str(until.day)
        return (f"cette version dit s'appliquer jusqu'au {day} {list(_MONTHS)[12 + until.month - 1]} "
                f"{until.year} : elle n'est peut-être plus en vigueur ; vérifiez la version actuelle")
    return (f"this version says it applied until {list(_MONTHS)[until.month - 1].capitalize()} {until.day}, "
            f"{until.year}: it may no longer be in force; check the current version")
