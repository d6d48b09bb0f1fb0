"""Letters for a reader in the United Kingdom or the United States (``fineprint letter RIGHT --country GB|US``).

The GDPR letters of rights.yaml are the default, and stay byte for byte what they were. ``law_for(country)`` gives
the ``compose.Law`` of the reader's region, from regions.yaml:

- ``uk``: the GDPR letter types under the UK GDPR: the same articles (rights.yaml), citations that read "Article 15
  UK GDPR", the ICO instead of the CNIL, the clock that stops while the controller asks what it needs to find the data
  (Art. 12A), in English. Its templates override the shared ones only where the text differs (``base.uk.en.j2``).
- ``us``: the CCPA's requests (to know, delete, correct, opt out of sale or sharing, limit the use of sensitive
  personal information), each with its own template (``access.us.en.j2`` ...), 45 calendar days to answer (15 business
  days for an opt-out), in English. A GDPR letter with no CCPA request behind it is a one-line usage error.

``None`` for the default region (France, the EU): the GDPR letter of rights.yaml.
"""
from __future__ import annotations

import copy
import dataclasses
import functools
import re
from datetime import date, timedelta

from ..errors import UsageError
from .compose import Law, letter_data, one_month_after, rights_table, ties_table

REGIONS = ("uk", "us")


@functools.lru_cache(maxsize=1)
def regions_table() -> dict:
    """regions.yaml: {"uk": {...}, "us": {...}}."""
    return letter_data("regions.yaml")


def region_of(country: str | None) -> str | None:
    """"uk" or "us" for a reader there; None where the GDPR letters apply (or no country was given)."""
    if not country:
        return None
    from ..law.regions import region_for

    region = region_for(country)
    return region if region in REGIONS else None


def after_business_days(day: date, n: int) -> date:
    """``n`` business days after ``day`` (Monday to Friday; public holidays are not taken out)."""
    while n:
        day += timedelta(days=1)
        if day.weekday() < 5:
            n -= 1
    return day


def _us_deadline(day: date, entry: dict) -> date | None:
    if entry.get("business_days"):
        return after_business_days(day, entry["business_days"])
    if entry.get("days"):
        return day + timedelta(days=entry["days"])
    return None


def _us_cite(reference: str, lang: str) -> str:
    # "1798.105" is a Civil Code section, "7021" a section of the regulations (title 11 of the Code of Regulations)
    if reference.startswith("1798."):
        return f"Cal. Civ. Code § {reference}"
    return f"Cal. Code Regs. tit. 11, § {reference}"


def _uk_words(text: str) -> str:
    return re.sub(r"(?<!UK )\bGDPR\b", "UK GDPR", text)


@functools.lru_cache(maxsize=2)
def _law(region: str) -> Law:
    data = regions_table()[region]
    if region == "us":
        rights = {right: dict(entry, articles=entry["sections"]) for right, entry in data["rights"].items()}
        table = {"common": data["common"], "rights": rights}
        return Law(region="us", table=table, cite=_us_cite, deadline=_us_deadline, ties=data["ties"], name="CCPA",
                   language_note="Letters for a reader in the United States are written in English.",
                   context={"authority": data["authority"]})
    gdpr = rights_table()
    rights = {}
    for right, entry in gdpr["rights"].items():
        if entry.get("recipient") == "cnil":
            continue  # the CNIL complaint: a UK reader complains to the ICO (complaint_note)
        entry = copy.deepcopy(entry)
        entry["articles"] = entry["articles"] + data["articles"].get(right, [])
        entry["subject"] = {"en": _uk_words(entry["subject"]["en"])}
        for ground in entry.get("grounds", {}).values():
            ground["en"] = _uk_words(ground["en"])
        rights[right] = entry
    ties = {fid: {"articles": tie["articles"], "en": _uk_words(tie["en"])} for fid, tie in ties_table().items()}
    ties.update(data["ties"])
    return Law(region="uk", table={"common": data["common"], "rights": rights}, deadline=_uk_deadline,
               cite=lambda article, lang: f"Article {article} UK GDPR", ties=ties, name="UK GDPR",
               language_note="Letters for a reader in the United Kingdom are written in English.",
               context={"authority": data["authority"], "law_url": data["law_url"]})


def _uk_deadline(day: date, entry: dict) -> date:
    return one_month_after(day)


def law_for(country: str | None, right: str | None = None) -> Law | None:
    """The law a letter for a reader in ``country`` is written under (None: the GDPR letters). With ``right``, a
    letter type that law has no request for is a UsageError naming those it has."""
    region = region_of(country)
    if region is None:
        if right in regions_table()["us"]["rights"] and right not in rights_table()["rights"]:
            raise UsageError(f"{right} is a request under California's CCPA: add --country US (or US-CA)")
        return None
    if right == "complaint":
        raise ComplaintElsewhere(" ".join(regions_table()[region]["complaint"].split()))
    law = _law(region)
    if region == "us":
        # the letter says "I am a California resident" only when the reader said so (US-CA)
        californian = country.strip().upper().replace("_", "-") == "US-CA"
        law = dataclasses.replace(law, context={**law.context, "californian": californian})
    if right is not None and right not in law.table["rights"]:
        requests = ", ".join(r if r in ("opt-out", "limit-sensitive") or region == "uk" else f"{r} ({e['name']['en']})"
                             for r, e in law.table["rights"].items() if e["kind"] == "request")
        french = (f"il n'existe pas de lettre « {right} » en application du {law.name} ; pour un lecteur "
                  f"{'aux États-Unis' if region == 'us' else 'au Royaume-Uni'}, fineprint écrit : {requests}")
        raise UsageError(f"there is no {right} letter under the {law.name}; for a reader in "
                         f"{'the United States' if region == 'us' else 'the United Kingdom'} fineprint writes: "
                         f"{requests}", translations={"fr": french})
    return law


class ComplaintElsewhere(Exception):
    """``complaint`` for a reader whose authority takes complaints through its own online form: the message says
    where (printed as it is; exit status 0)."""


def request_rights_for(country: str | None) -> tuple[str, ...]:
    """The letters that are requests for a reader in ``country``."""
    law = law_for(country)
    if law is None:
        from .compose import request_rights

        return request_rights()
    return tuple(r for r, e in law.table["rights"].items() if e["kind"] == "request")


def deadline_for(country: str | None, right: str, sent: date) -> date | None:
    """When the answer to a ``right`` request sent on ``sent`` is due, for a reader in ``country``; None where the
    law sets no day count fineprint could check (a CCPA request to limit)."""
    law = law_for(country, right)
    if law is None:
        return one_month_after(sent)
    return law.deadline(sent, law.table["rights"][right])


def extra_rights() -> tuple[str, ...]:
    """Letter types that exist only outside the GDPR (``opt-out``, ``limit-sensitive``): accepted by the command
    line, refused by ``law_for`` unless the reader's law has them."""
    gdpr = rights_table()["rights"]
    return tuple(r for r in regions_table()["us"]["rights"] if r not in gdpr)


__all__ = ["REGIONS", "ComplaintElsewhere", "after_business_days", "deadline_for", "extra_rights", "law_for",
           "region_of", "regions_table", "request_rights_for"]
