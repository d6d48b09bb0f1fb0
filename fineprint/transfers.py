"""How serious a transfer outside the EU is, and why (``assess.severity_of`` and ``assess.explain`` use it).

- **High** when nothing in sight protects the data: its sentence names no safeguard (``evidence["safeguard"]`` is
  False), the document names none elsewhere (``safeguard_elsewhere``), and it does not go only to places the European
  Commission found adequate (``adequate_place`` without ``other_place``): the rules detector fills these flags.
- **Medium** otherwise, with the reason shown when the sentence itself names none: the adequate destination, the
  safeguard named in another passage, or, for a transfer the law requires to public authorities (passenger data to
  border agencies), that it rests on that law, not on the company's safeguard (session 41's Belgian reader).
"""
from __future__ import annotations

import re

from .model import Finding


def no_safeguard(finding: Finding) -> bool:
    """A transfer with no safeguard anywhere in sight: its sentence names none, the document names none elsewhere, and
    it does not go only to places the European Commission found adequate (the rules' evidence flags)."""
    ev = finding.evidence
    adequate_only = bool(ev.get("adequate_place")) and not ev.get("other_place")
    return ev.get("safeguard") is False and ev.get("safeguard_elsewhere") is None and not adequate_only


_SAFEGUARD_REASONS = {
    "elsewhere": {"en": "the document names a safeguard for its transfers in another passage",
                  "fr": "le document mentionne dans un autre passage une garantie pour ses transferts"},
    # a transfer to public authorities that the law requires (passenger data to border agencies): the safeguard named
    # elsewhere for the company's own transfers does not cover it (session 41's Belgian reader)
    "authorities": {"en": "a transfer the law requires, to public authorities: it rests on that law or an international "
                          "agreement, not on the safeguard the document names for its other transfers",
                    "fr": "un transfert que la loi impose, vers des autorités publiques : il repose sur cette loi ou sur "
                          "un accord international, pas sur la garantie que le document mentionne pour ses autres "
                          "transferts"},
    "adequate": {"en": "the data goes only to a country the European Commission found to protect it adequately",
                 "fr": "les données ne vont que vers un pays dont la Commission européenne a reconnu la protection "
                       "adéquate"},
}


def transfer_reason(finding: Finding, severity: str, lang: str) -> str | None:
    """Why a transfer whose own sentence names no safeguard is Medium, not High."""
    ev = finding.evidence
    if finding.id != "rights.third-country-transfer" or ev.get("safeguard") is not False or severity != "medium":
        return None
    if ev.get("adequate_place") and not ev.get("other_place"):
        return _SAFEGUARD_REASONS["adequate"][lang]
    if ev.get("safeguard_elsewhere") is not None:
        required = _TO_AUTHORITIES.search(finding.text) and _LEGAL_DUTY.search(finding.text)
        key = "authorities" if required else "elsewhere"
        return _SAFEGUARD_REASONS[key][lang]
    return None


_LEGAL_DUTY = re.compile(
    r"\b(?:obligat\w*|required|requires?|must|legal(?:ly)?|law|oblig\w*|l[ée]gale?s?|impos\w*|PNR|APIS?)\b",
    re.IGNORECASE)
_TO_AUTHORITIES = re.compile(
    r"\b(?:authorities|government\s+agenc\w*|border\s+(?:control|agenc\w*)|customs|law\s+enforcement|TSA|CBP|"
    r"autorit[ée]s|agences?\s+gouvernementales?|douanes?|police|PNR|APIS?)\b", re.IGNORECASE)


__all__ = ["no_safeguard", "transfer_reason"]
