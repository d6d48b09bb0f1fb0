"""Consumer-contract letters: ``fineprint letter withdrawal`` (the 14-day right of withdrawal from a distance or
off-premises contract) and ``fineprint letter cancel`` (the end of a subscription or a tacitly renewed contract), and
the reminder that chases a withdrawal's refund (``reminder --about withdrawal``).

They are not GDPR letters: no GDPR article, no CNIL. consumer.yaml is their registry (kind ``consumer``) and their
law table. ``law_for(country, request)`` gives the ``compose.Law`` a letter is written under, for the reader's
jurisdiction: ``fr`` (no country, or France: the Code de la consommation), ``eu`` (another EU/EEA country: Directive
2011/83/EU), ``uk`` (the Consumer Contracts Regulations 2013), ``us`` (no general right of withdrawal: a one-line
usage error; a cancellation is a plain notice). Templates cite through ``cite("refund")``, which refuses a point the
letter does not list or the jurisdiction does not have.

    period_end(date(2026, 3, 6))  -> date(2026, 3, 20)   # 14 days after, moved off a weekend (fr, eu)
"""
from __future__ import annotations

import calendar
import copy
import dataclasses
import functools
from datetime import date, timedelta

from ..errors import ResourceError, UsageError
from .compose import Law, letter_data

JURISDICTIONS = ("fr", "eu", "uk", "us")
WITHDRAWAL_DAYS = 14
# the years a letter's dates may fall in: anything else is a typing error (and 9999-12-31 + 14 days overflows)
FIRST_YEAR, LAST_YEAR = 1900, 2100
# the options that only one consumer letter reads (LetterRequest field -> (option, letter))
_OWN_OPTIONS = {"contract_date": ("--contract-date", "withdrawal"), "received": ("--received", "withdrawal"),
                "order": ("--order", "withdrawal"), "items": ("--item", "withdrawal"),
                "not_informed": ("--not-informed", "withdrawal"),
                "subscription": ("--subscription", "cancel"), "effective": ("--effective", "cancel"),
                "renewed_on": ("--renewed-on", "cancel")}


@functools.lru_cache(maxsize=1)
def consumer_table() -> dict:
    """consumer.yaml: {"letter_help": ..., "rights": {...}, "jurisdictions": {...}, "ties": {...}}."""
    return letter_data("consumer.yaml")


def consumer_rights() -> tuple[str, ...]:
    """The consumer letters ``fineprint letter`` writes (kind ``consumer``): withdrawal, cancel."""
    return tuple(r for r, e in consumer_table()["rights"].items() if e["kind"] == "consumer")


def is_consumer(right: str | None, about: str | None = None) -> bool:
    """Whether ``fineprint letter right [--about about]`` is a consumer letter (or a follow-up of one)."""
    letters = consumer_rights()
    return right in letters or (right in ("reminder", "complaint") and about in letters)


def jurisdiction_of(country: str | None) -> str:
    """fr (no country, France), eu (another EU/EEA country), uk or us."""
    if not country:
        return "fr"
    from ..law.regions import region_for

    return region_for(country)


def add_days(day: date, days: int) -> date:
    return day + timedelta(days=days)


def add_months(day: date, months: int) -> date:
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def period_end(start: date, jurisdiction: str = "fr") -> date:
    """The last day of the 14-day withdrawal period that starts the day after ``start`` (the contract, or the day the
    goods were received). In France and the EU (Regulation 1182/71, Code conso L221-19) a period ending on a Saturday
    or Sunday runs to the next Monday; public holidays are not taken out (fineprint does not know them)."""
    end = add_days(start, WITHDRAWAL_DAYS)
    if jurisdiction in ("fr", "eu"):
        while end.weekday() >= 5:
            end += timedelta(days=1)
    return end


def deadline_for(country: str | None, right: str, sent: date, *, returned: date | None = None) -> date | None:
    """The deadline the journal records for a consumer letter sent on ``sent`` (None: the letter has none): for a
    withdrawal, 14 days after ``sent``, the earliest day the refund can be due (14 days after the trader is informed,
    which is at the earliest the day it is sent). For goods sent back on ``returned`` (with proof of sending): in the
    UK, 14 days after that day (reg. 34(5)-(6), for goods the trader does not collect); in France and the EU, the
    trader may hold the refund back until then (L221-24, art. 13(3)), so the later of the two days."""
    days = consumer_table()["rights"][right].get("days")
    if not days:
        return None
    if returned is not None and right == "withdrawal":
        if jurisdiction_of(country) == "uk":
            return add_days(returned, days)
        return max(add_days(sent, days), returned)
    return add_days(sent, days)


def goods_note(country: str | None, returned: date | None = None) -> str:
    """The journal's note on a withdrawal from a sale of goods: when the refund is really due."""
    if jurisdiction_of(country) == "uk":
        if returned:
            return (f"goods sent back on {returned.isoformat()}: refund due 14 days after the trader gets them back or "
                    "your proof of sending, whichever is earlier (reg. 34), unless it offered to collect them")
        return ("refund due 14 days after the trader gets the goods back or your proof of sending (reg. 34): the "
                "deadline shown is the earliest")
    if returned:
        return (f"goods sent back on {returned.isoformat()}: the trader may hold the refund back until it gets them or "
                "your proof of sending (L221-24, Directive 2011/83/EU art. 13(3))")
    return ("goods: the trader may hold the refund back until it gets them back or your proof of sending (L221-24, "
            "Directive 2011/83/EU art. 13(3)): send them with a proof of sending, and chase the refund from the later "
            "of that day and the deadline shown")


def stored_right(country: str | None, right: str) -> str:
    """How the journal stores it: "withdrawal" (France), "eu:withdrawal", "uk:withdrawal"."""
    jurisdiction = jurisdiction_of(country)
    return right if jurisdiction == "fr" else f"{jurisdiction}:{right}"


def follow_up_hint(jurisdiction: str) -> str:
    """What `requests list` says to do about an overdue refund, besides the reminder."""
    return consumer_table()["jurisdictions"][jurisdiction or "fr"]["follow_up"]


class ConsumerComplaint(Exception):
    """``complaint --about withdrawal|cancel``: where to complain instead (printed as it is; exit status 0)."""


def check_year(day: date | None, option: str) -> None:
    """A one-line usage error for a date outside 1900-2100 (a typing error, and 9999-12-31 would overflow)."""
    if day is not None and not FIRST_YEAR <= day.year <= LAST_YEAR:
        raise UsageError(f"{option} {day.isoformat()} is not a plausible date (give a year from {FIRST_YEAR} to "
                         f"{LAST_YEAR})")


def _blank(value) -> bool:
    """Given, but only spaces ("" is "not given": the letter then has a placeholder or leaves it out)."""
    return bool(value) and not str(value).strip()


def check_request(request) -> None:
    """One-line usage errors for options that do not fit the letter, or dates that cannot be right."""
    about = request.about if request.right in ("reminder", "complaint") else None
    letter = about or request.right
    for field_name, (option, owner) in _OWN_OPTIONS.items():
        value = getattr(request, field_name)
        if value and owner != request.right:
            raise UsageError(f"{option} applies to the {owner} letter only, not to {request.right}")
    for field_name, option in (("date", "--date"), ("sent", "--sent"), ("contract_date", "--contract-date"),
                               ("received", "--received"), ("effective", "--effective"),
                               ("renewed_on", "--renewed-on")):
        check_year(getattr(request, field_name), option)
    if letter in consumer_rights():
        if _blank(request.recipient.company):
            raise UsageError("--company is empty: give the trader's name (or leave the option out for a "
                             "[trader's name] placeholder)")
        if _blank(request.order):
            raise UsageError("--order is empty: give the order number, or leave the option out")
        if any(_blank(item) for item in request.items):
            raise UsageError("--item is empty: say what you ordered, one --item each")
    today = date.today()
    for field_name, option in (("contract_date", "--contract-date"), ("received", "--received"),
                               ("renewed_on", "--renewed-on")):
        value = getattr(request, field_name)
        if value and (value > today or value > request.date):
            raise UsageError(f"{option} {value.isoformat()} is in the future (after the letter's date "
                             f"{request.date.isoformat()}); give the day it happened")
    if request.contract_date and request.received and request.received < request.contract_date:
        raise UsageError(f"--received {request.received.isoformat()} is before --contract-date "
                         f"{request.contract_date.isoformat()}: goods are received after the contract")
    if request.effective and request.effective < request.date:
        raise UsageError(f"--effective {request.effective.isoformat()} is before the letter's date; a cancellation "
                         "takes effect in the future")
    if request.right == "reminder" and letter in consumer_rights() and letter != "withdrawal":
        raise UsageError("a reminder chases a withdrawal's refund (--about withdrawal); a cancellation sets no "
                         "answer deadline fineprint can count")
    if request.right == "reminder" and letter == "withdrawal" and request.sent:
        if request.sent > request.date:
            raise UsageError(f"--sent {request.sent.isoformat()} is after the letter's date "
                             f"{request.date.isoformat()}: the withdrawal must have been sent before its reminder")
        due = add_days(request.sent, WITHDRAWAL_DAYS)
        if request.date <= due:
            raise UsageError(f"the refund of a withdrawal sent on {request.sent.isoformat()} is not late yet: it is "
                             f"due 14 days after the trader received it, {due.isoformat()} at the earliest; send "
                             "the reminder after that day")


def too_late_error(request, jurisdiction: str, lang: str = "en") -> str:
    """The one-line error for a withdrawal after even the 12-month extension (L221-20, art. 10, reg. 31), in English
    or in French (``lang``: the web letter form shows it in the page's language)."""
    from .compose import format_date

    start = request.received if _is_goods(request) else request.contract_date
    end = period_end(start, jurisdiction)
    extended = add_months(end, 12)
    if lang == "fr":
        law = {"fr": "Code de la consommation, art. L221-20", "eu": "directive 2011/83/UE, art. 10",
               "uk": "Consumer Contracts Regulations 2013 du Royaume-Uni, reg. 31"}[jurisdiction]
        return (f"le droit de rétractation est perdu : le délai de 14 jours a pris fin le {format_date(end, 'fr')}, "
                f"et même la prolongation de 12 mois, quand le professionnel ne vous a pas informé de ce droit, a pris "
                f"fin le {format_date(extended, 'fr')} ({law}) ; fineprint n'écrit pas de lettre de rétractation "
                "après cette date (demandez au professionnel un geste commercial, avec vos propres mots)")
    law = {"fr": "Code de la consommation L221-20", "eu": "Directive 2011/83/EU art. 10",
           "uk": "Consumer Contracts Regulations 2013 reg. 31"}[jurisdiction]
    return (f"the right of withdrawal is lost: the 14-day period ended on {end.isoformat()}, and even the 12-month "
            f"extension for a trader that did not inform you of the right ended on {extended.isoformat()} ({law}); "
            "fineprint writes no withdrawal letter after that (ask the trader for a goodwill refund in your own words)")


def _cite_words(jurisdiction: str):
    cites = consumer_table()["jurisdictions"][jurisdiction]["cites"]

    def cite(point: str, lang: str) -> str:
        if point not in cites:
            raise ResourceError(f"a consumer letter template cites {point!r}, which the law of {jurisdiction!r} "
                                "does not have (consumer.yaml): guard it with has()")
        return cites[point][lang]

    return cite


def _ties(jurisdiction: str) -> dict:
    """finding id -> {"articles": points, "en": sentence, "fr": sentence} for this jurisdiction, points written out
    (in French, a point alone in parentheses loses its article: "(article L. 242-3 du Code de la consommation)")."""
    import re

    cites = consumer_table()["jurisdictions"][jurisdiction]["cites"]
    out = {}
    for fid, by_jurisdiction in consumer_table()["ties"].items():
        tie = by_jurisdiction.get(jurisdiction)
        if not tie:
            continue
        out[fid] = {"articles": list(tie["cites"])}
        for lang in ("en", "fr"):
            if lang in tie:
                text = tie[lang]
                if lang == "fr":
                    text = re.sub(r"\(\{([a-z-]+)\}\)", lambda m: "(" + _bare(cites[m[1]][lang]) + ")", text)
                out[fid][lang] = re.sub(r"\{([a-z-]+)\}", lambda m: cites[m[1]][lang], text)
    return out


def _bare(words: str) -> str:
    """ "l'article L. 221-24 ..." -> "article L. 221-24 ..." (French, inside parentheses)."""
    for article in ("l'", "les ", "le "):
        if words.startswith(article):
            return words[len(article):]
    return words


def _subject_field(value: str, lang: str, key: str) -> str:
    if not value:
        return ""
    if key == "order":
        return f" (order {value})" if lang == "en" else f" (commande n° {value})"
    return f" ({value})"


def law_for(country: str | None, request, medium: str = "cli") -> Law:
    """The Law a consumer letter (``request``: a LetterRequest) is written under for a reader in ``country``, with the
    dates its template states. Raises UsageError (a one-line error) or ConsumerComplaint (where to complain).
    ``medium``: "cli" (the note names fineprint's options) or "web" (it names the form's fields, never an option)."""
    data = consumer_table()
    jurisdiction = jurisdiction_of(country)
    place = data["jurisdictions"][jurisdiction]
    letter = request.about if request.right in ("reminder", "complaint") else request.right
    if request.right == "complaint":
        raise ConsumerComplaint(" ".join(place["complaint"]["en"].split()))
    if letter == "withdrawal" and jurisdiction == "us":
        raise UsageError(" ".join(place["withdrawal_error"]["en"].split()),
                         translations={"fr": " ".join(place["withdrawal_error"]["fr"].split())})
    check_request(request)
    dates = _dates(request, jurisdiction)
    if request.right == "withdrawal" and dates["too_late"]:
        raise UsageError(too_late_error(request, jurisdiction),
                         translations={"fr": too_late_error(request, jurisdiction, "fr")})
    rights = {}
    for right, entry in data["rights"].items():
        entry = copy.deepcopy(entry)
        if jurisdiction == "uk" and "subject_uk" in entry:  # the 2013 Regulations speak of cancellation
            entry["subject"] = dict(entry["subject"], en=entry["subject_uk"], fr=entry["subject_uk"])
        for lang in entry["subject"]:
            entry["subject"][lang] = (entry["subject"][lang]
                                      .replace("{order}", _subject_field(request.order, lang, "order"))
                                      .replace("{subscription}", _subject_field(request.subscription, lang, "")))
        rights[right] = entry
    ties = _ties(jurisdiction)
    if dates["free_cancel"]:
        ties.pop("money.auto-renewal", None)  # the body already says it, with the renewal's date
    english_only = jurisdiction in ("uk", "us")
    where = "the United Kingdom" if jurisdiction == "uk" else "the United States"
    law = Law(region="consumer", table={"common": [], "rights": rights}, cite=_cite_words(jurisdiction),
              deadline=lambda day, entry: add_days(day, entry["days"]) if entry.get("days") else None,
              ties=ties, language="en" if english_only else "",
              language_note=f"Letters for a reader in {where} are written in English." if english_only else "",
              name=place["name"]["en"])
    return dataclasses.replace(law, context={"j": jurisdiction, "has": lambda point: point in place["cites"],
                                             "law_url": place.get("law_url", ""), "web": medium == "web",
                                             "follow_up": place["follow_up"], "bare": _bare, **dates})


def _is_goods(request) -> bool:
    return bool(request.received or request.items)


def _dates(request, jurisdiction: str) -> dict:
    """The dates a consumer letter states: when the withdrawal period ends (and whether the letter is late), when a
    refund is due. For goods the period runs from their receipt: without it, no period is counted (never from the
    contract) and the letter is not declared late."""
    goods = _is_goods(request)
    start = request.received if goods else request.contract_date
    end = period_end(start, jurisdiction) if start else None
    extended = add_months(end, 12) if end else None
    late = bool(end and request.date > end)
    return {
        "contract_date": request.contract_date, "received": request.received, "order": request.order,
        "items": list(request.items), "subscription": request.subscription, "effective": request.effective,
        "renewed_on": request.renewed_on, "goods": goods, "uk_goods": goods and jurisdiction == "uk",
        "not_informed": request.not_informed,
        "period_start": start, "first_day": add_days(start, 1) if start else None,
        "period_end": end, "extended_end": extended, "late": late,
        "too_late": bool(extended and request.date > extended),
        # the refund is due 14 days after the trader is informed: the letter's date + 14 if it arrives the same day
        "refund_by": add_days(request.date, WITHDRAWAL_DAYS),
        "refund_30": add_days(request.date, 30),
        # L215-1: free termination at any time from the renewal, when the trader sent no notice before it
        "free_cancel": bool(request.renewed_on and jurisdiction == "fr"),
    }


__all__ = ["ConsumerComplaint", "FIRST_YEAR", "JURISDICTIONS", "LAST_YEAR", "WITHDRAWAL_DAYS", "add_months",
           "check_request", "check_year", "consumer_rights", "goods_note",
           "consumer_table", "deadline_for", "follow_up_hint", "is_consumer", "jurisdiction_of", "law_for",
           "period_end", "stored_right"]
