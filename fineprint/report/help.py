"""Who can help, as the document itself says: the consumer mediator or out-of-court dispute body it names.

French consumer contracts must name a consumer mediator (Code de la consommation L612-1, L616-1), and online platforms
an out-of-court dispute settlement body (Digital Services Act art. 21): the reader who disputes a term can go there
for free. The advice of a finding says "a mediator can help" in general; this says which one the document names and
where (GO Sport's reader found « un médiateur peut vous aider » beside conditions that name theirs, session 40).

    from fineprint.report.help import named_help
    named_help(report)  # (HelpRef(kind="mediator", start, end, excerpt), …): at most MAX_HELP, best first

Read from the document's clauses only; nothing is looked up. A clause that only cites the law on mediation, points to
the EU's former online dispute-resolution platform, or says the company will not take part in such a procedure is
not help.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from ..model import Report

MAX_HELP = 2
EXCERPT_CHARS = 200

_BODY = re.compile(
    r"\b(?:m[ée]diat(?:eur|rice|ion)s?|mediators?|mediation|ombuds(?:man|men|person)|"
    r"alternative\s+dispute\s+resolution|out\W{1,2}of\W{1,2}court\s+dispute|dispute\s+settlement\s+bod(?:y|ies)|"
    r"r[èe]glement\s+extrajudiciaire|conciliat(?:eur|ion))\b", re.IGNORECASE)
# an offer to the reader: they may turn to it, and how
_OFFER = re.compile(
    r"\b(?:may|can|could|entitled|right\s+to|free\s+of\s+charge|contact|refer|submit|turn\s+to|recourir|saisir|"
    r"s'adresser|peut|pouvez|pourra|gratuitement|droit\s+de|coordonn[ée]es|adresse|website|site)\b", re.IGNORECASE)
# who it is or where to find it: a name in capitals, a web address, an e-mail or a postal address
_WHO = re.compile(r"(?:https?://|www\.|@[\w-]+\.|\b[A-ZÉÈ][\w'’-]+(?:\s+[-–]?\s*[A-ZÉÈ][\w'’-]+)+|\b\d{4,5}\s+[A-Z])")
_NOT_HELP = re.compile(
    r"\b(?:not\s+(?:obliged|willing|required|prepared|participate|take\s+part)|do\s+not\s+(?:participate|take\s+part)|"
    r"(?:neither|nor)\b[^.]{0,40}\b(?:obliged|commit\w*|willing|participat\w*)|refuse\s+to\s+(?:cooperate|participate)|"
    r"n[e']\s*(?:sommes|est|participons|participe)\s+pas|ni\s+disposés?|pas\s+tenue?s?)\b|"
    # the mediation step of an arbitration procedure (a mass filing's "global mediation", "National Arbitration and
    # Mediation") is the company's forum, not help
    r"arbitra|global\s+mediation|mass\s+filing|test\s+cases|aucune\s+(?:conciliation|m[ée]diation|solution)|"
    # the arbitration provider's own mediator ("AAA will oversee a rank and strike process … AAA may administratively
    # appoint a mediator", Lyft's mass-arbitration section, session 41)
    r"\b(?:AAA|NAM)\s+(?:will|may|shall)\b|rank\s+and\s+strike",
    re.IGNORECASE)
# a heading above the clause that makes it part of an arbitration procedure
# (a mass-arbitration section only: a "Disputes and arbitration" section may still name a DSA dispute body)
_IN_ARBITRATION = re.compile(r"\bmass\s+(?:arbitration|filing|action|claim)s?\b|\bbatch\s+arbitration", re.IGNORECASE)
# the EU platform for online dispute resolution, closed in July 2025: no help to point to any more
_ODR = re.compile(r"ec\.europa\.eu/consumers/odr|\b(?:online\s+dispute\s+resolution|(?:r[ée]solution|r[èe]glement)\s+en"
                  r"\s+ligne\s+des\s+litiges|r[èe]glement\s+des\s+litiges\s+en\s+ligne|plate-?forme\s+(?:europ[ée]enne\s+)?(?:de\s+)?(?:rll|rel|odr))\b",
                  re.IGNORECASE)
# a title ("Global Mediation.", "Consumer Alternative Dispute Resolution."): the passage under it says what it offers
_TITLE = re.compile(r"^\W*(?:[\w'’-]+\s+){0,4}[\w'’-]+\W*$")
_LAW_ONLY = re.compile(r"^\W*(?:l['’]\s?ordonnance|le\s+d[ée]cret|la\s+directive|article\s+l\.?\s?6\d\d|"
                       r"(?:the\s+)?directive\s+2013/11)", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class HelpRef:
    kind: str  # "mediator"
    start: int
    end: int
    excerpt: str


def named_help(report: Report) -> tuple[HelpRef, ...]:
    """The mediators the document names, best first: a clause that names one and offers it to the reader, preferring
    one that says who it is or where (a name, a web or postal address)."""
    if report.app is not None or not report.text:
        return ()
    scored = []
    for c in report.clauses:
        text = c.text or ""
        body = _BODY.search(text)
        if not body or _NOT_HELP.search(text) or _LAW_ONLY.match(text):
            continue
        if any(_IN_ARBITRATION.search(h) for h in c.headings):
            continue  # a mediation step of the arbitration section ("Mass Arbitration", "Arbitration Agreement")
        if _TITLE.match(text) and text.rstrip().endswith((".", ":")):
            continue
        if _ODR.search(text) and not re.search(r"m[ée]diat|mediat|ombuds", text, re.IGNORECASE):
            continue
        offer, who = bool(_OFFER.search(text)), bool(_WHO.search(text))
        if not (offer or who):
            continue
        scored.append((-(2 * who + offer), c.start, c, body))
    out: list[HelpRef] = []
    for _, _, c, _body in sorted(scored, key=lambda x: (x[0], x[1])):
        excerpt = _window(c.text)
        if len(out) < MAX_HELP and all(h.excerpt != excerpt for h in out):  # a passage repeated in the document once
            out.append(HelpRef(kind="mediator", start=c.start, end=c.end, excerpt=excerpt))
    return tuple(sorted(out, key=lambda h: h.start))


def _window(text: str, around: re.Pattern = _BODY) -> str:
    """About EXCERPT_CHARS characters of ``text`` around its mention of a mediator, cut between words, with "…" where cut, without the
    Markdown markup a quote never shows (links, bold, escapes, bullets)."""
    from .common import Piece, _squash

    text = " ".join("".join(p.text for p in _squash([Piece(text)])).split()).lstrip("-–•* ")
    body = around.search(text)
    at = body.start() if body else 0
    if len(text) <= EXCERPT_CHARS:
        return text
    lo = max(0, min(at - EXCERPT_CHARS // 3, len(text) - EXCERPT_CHARS))
    hi = lo + EXCERPT_CHARS
    if lo:
        space = text.find(" ", lo)
        lo = space + 1 if 0 <= space < at else lo
    if hi < len(text):
        space = text.rfind(" ", lo, hi)
        hi = space if space > lo else hi
    return ("…" if lo else "") + text[lo:hi].strip() + ("…" if hi < len(text) else "")


# --- the document's own ways out of its arbitration clause ------------------------------------------------------------
# A US contract that forces arbitration often leaves the reader two exits, which its finding's advice can only name in
# general: a window to opt out of the arbitration agreement (often 30 days from accepting, by e-mail or letter), and
# small-claims court. These quote where the document offers them, so that the reader can act in time.

MAX_EXITS = 2  # of each kind
_OPT_OUT = re.compile(r"\bopt(?:ing)?[\s-]*outs?\b", re.IGNORECASE)
_ARBITRATION = re.compile(r"\b(?:arbitra\w*|class[\s-]+action)", re.IGNORECASE)
# offered to the reader: "you may / can / have the right to opt out", "to opt out, you must send …", "your opt-out
# notice", not "Windstream may opt out", "the parties may opt out" (after a mass-action ruling), "you cannot opt out"
_YOURS = re.compile(
    r"\byou\b[^.;]{0,60}?\b(?:may|can|have\s+the\s+right|will\s+have\s+the\s+right|are\s+entitled|have\s+\d+\s+days)\b"
    r"[^.;]{0,40}?\bopt(?:ing)?[\s-]*out|\bto\s+opt[\s-]*out\b[^.;]{0,80}?\b(?:you\s+must|send|e-?mail|mail|write|submit|"
    r"notify|notice)|\byour\s+(?:right|ability|election|decision)\s+to\s+opt[\s-]*out|\b(?:an?|your)\s+opt[\s-]*out\s+"
    r"(?:notice|request|form|letter)|\bright\s+to\s+opt[\s-]*out\s+of\s+(?:this\s+|the\s+)?(?:arbitra|agreement\s+to\s+arbitra)",
    re.IGNORECASE)
# an opt-out for the people who work through the service, not for its consumers ("As a Driver or Driver applicant, you
# may opt out of … Driver Claims", Lyft, session 41: a rider has none), in the sentence or the paragraph before it
_ROLE = (r"\bas\s+an?\s+(?:driver|seller|merchant|host|vendor|developer|courier|dasher|shopper|contractor|partner|creator)"
         r"\b|\b(?:driver|seller|merchant|host|vendor|courier|contractor)\s+claims?\b")
_NOT_YOURS = re.compile(
    r"\b(?:cannot|can\s*not|may\s+not|will\s+not\s+be\s+able\s+to)\s+opt[\s-]*out|\b(?:the\s+parties|either\s+party|we)\s+"
    r"(?:may|can|do\s+not)\s+opt[\s-]*out|\bmass\s+(?:action|arbitration|filing)|\bdo\s+not\s+opt[\s-]*out|"
    # "you hereby agree to opt out of any class proceeding": a waiver, not a way out
    r"\bagree\s+to\s+opt[\s-]*out|" + _ROLE, re.IGNORECASE)
_SOMEONE_ELSE = re.compile(_ROLE, re.IGNORECASE)
_DEADLINE = re.compile(r"\bwithin\s+(?:\w+\s+){0,2}?(?:\(\d+\)\s+)?(?:\d+\s+)?(?:calendar\s+)?days?\b|\b\d+\s+days\s+(?:of|after|from)\b",
                       re.IGNORECASE)
_HOW = re.compile(r"(?:@[\w-]+\.|https?://|www\.|\b(?:e-?mail|mail|send|write|letter|form|address)\b)", re.IGNORECASE)
_SMALL_CLAIMS = re.compile(r"\bsmall[\s-]+claims?\b", re.IGNORECASE)
# small claims offered: "you may bring … in small claims court", "does not restrict you from bringing … in small claims
# court", "either party may bring an individual action in small claims court"
_SMALL_OFFER = re.compile(
    r"\b(?:you|either\s+(?:party|of\s+us)|each\s+(?:party|of\s+us)|both\s+parties|claims?)\b[^.;]{0,80}?\b(?:may|can|"
    r"retain\s+the\s+right|reserve\s+the\s+right|have\s+the\s+right|(?:is|are)\s+(?:entitled|permitted|allowed))\b"
    r"|\bdoes\s+not\s+(?:restrict|prevent|preclude|prohibit)\b|\bnothing\b[^.;]{0,80}\b(?:prevent|preclude|restrict|prohibit)"
    r"|\bexcept(?:ion|ed)?\b|\bother\s+than\b|\bexclud\w+\b|\bnot\s+(?:apply|cover)\b|\balternative\b|\belect\b"
    # "This Arbitration Agreement shall not require arbitration of the following types of claims: (1) small claims
    # actions …" (Lyft, session 41)
    r"|\bnot\s+require\s+arbitration\b",
    re.IGNORECASE)
_SMALL_NOT = re.compile(r"\b(?:violation|mass\s+(?:action|arbitration)|transferred,?\s+removed)\b", re.IGNORECASE)


def named_exits(report: Report) -> tuple[HelpRef, ...]:
    """Where the document lets the reader out of its arbitration clause: opting out of it (``kind`` "opt-out"; a
    passage with a deadline and a way to send it first) and small-claims court ("small-claims"), at most MAX_EXITS of
    each, in document order."""
    if report.app is not None or not report.text:
        return ()
    opt, small = [], []
    for c in report.clauses:
        text = c.text or ""
        if len(text.split()) < 6:
            continue  # a title ("Opt-Out Procedure.", "Small Claims Court."): the passage under it says how
        context = text + " " + " ".join(c.headings[-2:])
        # the paragraph before the sentence may say whose opt-out it is ("As a Driver or Driver applicant, you may opt
        # out …. If you have previously agreed …, you may opt out of any revisions …": Lyft, session 41's re-read)
        before = report.text[max(0, c.start - 600):c.start]
        before = before[before.rfind("\n\n") + 1:] if "\n\n" in before else before
        if _OPT_OUT.search(text) and _ARBITRATION.search(context) and _YOURS.search(text) \
                and not _NOT_YOURS.search(text) and not _SOMEONE_ELSE.search(before):
            opt.append((-(2 * bool(_DEADLINE.search(text)) + bool(_HOW.search(text))), c.start, c))
        elif _SMALL_CLAIMS.search(text) and _SMALL_OFFER.search(text) and not _SMALL_NOT.search(text):
            small.append((-bool(re.search(r"\byou\b", text, re.IGNORECASE)), c.start, c))
    out: list[HelpRef] = []
    for kind, found in (("opt-out", opt), ("small-claims", small)):
        kept: list[HelpRef] = []
        for _, _, c in sorted(found, key=lambda x: (x[0], x[1])):
            excerpt = _window(c.text, _OPT_OUT if kind == "opt-out" else _SMALL_CLAIMS)
            if len(kept) < MAX_EXITS and all(h.excerpt != excerpt for h in kept):
                kept.append(HelpRef(kind=kind, start=c.start, end=c.end, excerpt=excerpt))
        out += kept
    return tuple(sorted(out, key=lambda h: h.start))


__all__ = ("HelpRef", "named_help", "named_exits", "MAX_HELP", "MAX_EXITS")
