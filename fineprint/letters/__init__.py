"""Rights letters (access, rectification, erasure, objection, withdrawal of consent, portability, restriction),
reminders and the complaint to the CNIL, in English and French, built from the GDPR article table and, optionally,
from the clauses an audit found.

    from datetime import date
    from fineprint.letters import LetterRequest, Person, Recipient, compose_letter
    letter = compose_letter(LetterRequest("access", date(2026, 1, 31), Person("Ana Diaz"), Recipient("Temu"), lang="fr"))
    letter.deadline          -> date(2026, 2, 28)
    letter.render("html")    -> the letter as a standalone HTML page
"""
from .compose import (
    FORMATS,
    LANGUAGES,
    Letter,
    LetterRequest,
    Person,
    Quote,
    Recipient,
    compose_letter,
    format_date,
    letter_types,
    one_month_after,
    request_rights,
    rights,
    rights_table,
)

__all__ = ["FORMATS", "LANGUAGES", "REQUEST_RIGHTS", "RIGHTS", "Letter", "LetterRequest", "Person", "Quote",
           "Recipient", "compose_letter", "format_date", "letter_types", "one_month_after", "request_rights", "rights",
           "rights_table"]


def __getattr__(name: str):
    # RIGHTS and REQUEST_RIGHTS come from the registry of letter types (rights.yaml), read when first used
    if name in ("RIGHTS", "REQUEST_RIGHTS"):
        from . import compose

        return getattr(compose, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
