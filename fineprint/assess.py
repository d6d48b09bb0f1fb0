"""Assessment: detectors' raw findings -> the findings a person reads.

``assess`` merges what several detectors say about the same clause, settles the severity, fills the title,
explanation, law and advice in the report language from ``fineprint.law`` (the same source as ``fineprint explain``),
orders the findings (most severe first, then by position) and writes the one-sentence headline of the summary.

Severity rules:
- the taxonomy default (law data), unless a detector lowered it with a reason (a detector never raises it);
- rights.third-country-transfer: high when the evidence says no safeguard is named (``"safeguard": False``);
- transparency.*: the default when the disclosure is missing, info when a detector merely found it present.
- unfair.choice-of-law / unfair.jurisdiction: low when the law it chooses, or every court it names, is the
  reader's own (``law.governing.own_law``, ``own_courts``).
"""
from __future__ import annotations

import functools
import json
from collections import Counter
from dataclasses import replace
from typing import Any, Iterable, Sequence

from . import __version__
from . import law
from .errors import UsageError
from .law import regions
from .law.governing import OWN_COURTS_REASON, OWN_LAW_REASON, OWN_TEXT, own_courts, own_law
from .transfers import no_safeguard, transfer_reason
from .model import SEVERITIES, SEVERITY_RANK, AppInfo, Clause, DocumentInfo, Finding, Report, Span, Summary
from .settings import DEFAULT, Settings

# Headline building blocks, per report language. The phrases themselves live in the law data ("headline").
_SUBJECTS = {
    "en": {"offer": "this offer", "terms": "this contract", "privacy-policy": "this privacy policy",
           "app": "this app", "unknown": "this document"},
    "fr": {"offer": "cette offre", "terms": "ce contrat", "privacy-policy": "cette politique de confidentialité",
           "app": "cette application", "unknown": "ce document"},
}
_AND = {"en": "and", "fr": "et"}
# "…; it also lets …" after the serious points; French needs the subject's gender (ce contrat → il, cette offre → elle)
_ALSO = {"en": "; {it} also {what}", "fr": " ; en outre, {it} {what}"}
_PRONOUNS = {
    "en": {"unknown": "it"},
    "fr": {"offer": "elle", "terms": "il", "privacy-policy": "elle", "app": "elle", "unknown": "il"},
}
MAX_HEADLINE_PHRASES = 3


def report_language(settings: Settings, info: DocumentInfo) -> str:
    """``--lang`` if given, else the document's language when it is en or fr, else English."""
    if settings.lang in law.LANGUAGES:
        return settings.lang
    return law.report_language(info.language)


def assess(info: DocumentInfo, findings: Iterable[Finding], *, settings: Settings = DEFAULT, text: str = "",
           clauses: Sequence[Clause] = (), warnings: Sequence[str] = (), app: AppInfo | None = None,
           detectors: Sequence[str] = ()) -> Report:
    """Merge, grade and explain ``findings`` about one document (or app) and return the Report."""
    lang = report_language(settings, info)
    reader = regions.reader(settings.country, lang)  # whose law explains the findings (a UsageError if unknown)
    region = reader.region
    notes = list(warnings)
    reader_info = reader.as_dict()
    if text and app is None:
        from .law.governing import chosen_law, note

        # the document's own law beside the reader's, in the report's header (session 41: a warning at the end of
        # Deliveroo Ireland's report was read last by its UK reader)
        if chosen := note(text, reader, lang):
            reader_info["document_law"] = {"country": chosen_law(text).country, "note": chosen}
    explained = []
    merged = merge_findings(findings, text)
    # practice.* only describe a policy (info, their own section): the floor is for findings that accuse
    kept = [f for f in merged if f.confidence >= settings.min_confidence or f.missing or f.id.startswith("practice.")]
    shown = {id(f) for f in kept}
    kind = info.kind if not app else "app"
    less_certain = _less_certain([f for f in merged if id(f) not in shown], settings, lang, notes, kind, region,
                                 reader.country)
    for finding in merge_repeats(kept):
        try:
            explained.append(explain(finding, lang, kind, region, reader.country))
        except UsageError:
            # A detector emitted an id the taxonomy does not know: keep it visible rather than drop it silently.
            notes.append(f"unknown finding id {finding.id!r} from detector {finding.detector or '?'}")
            severity = finding.severity if finding.severity in SEVERITY_RANK else "info"
            explained.append(replace(finding, severity=severity, title=finding.title or finding.id))
    ordered = tuple(sorted(merge_similar(explained), key=_order_key))
    ordered, dropped = _bounded(ordered, settings)
    if dropped:
        notes.append({"en": f"{dropped} more finding{_s(dropped)} not shown: a report keeps at most "
                            f"{settings.max_findings_per_id} findings of one kind and {settings.max_findings} in all "
                            "(Settings.max_findings_per_id, Settings.max_findings)",
                      "fr": f"{dropped} autre{_s(dropped)} constat{_s(dropped)} non affiché{_s(dropped)} : un "
                            f"rapport garde au plus {settings.max_findings_per_id} constats d’un même type et "
                            f"{settings.max_findings} en tout (Settings.max_findings_per_id, Settings.max_findings)"}[lang])
    summary = Summary(by_severity=count_by_severity(ordered),
                      headline=headline(ordered, info.kind if not app else "app", lang))
    return Report(document=info, findings=ordered, summary=summary, language=lang, text=text,
                  clauses=tuple(clauses), app=app, warnings=tuple(notes), tool_version=__version__,
                  detectors=tuple(detectors), less_certain=less_certain, reader=reader_info)


def _less_certain(below: list[Finding], settings: Settings, lang: str, notes: list[str],
                  kind: str = "", region: str = law.DEFAULT_REGION, country: str | None = None) -> tuple[Finding, ...]:
    """The findings under the reporting floor, explained, most confident first, at most
    ``settings.max_less_certain`` of them; a note says how many there were and how many are listed."""
    if not below:
        return ()
    explained = []
    for finding in merge_repeats(below):
        try:
            explained.append(explain(finding, lang, kind, region, country))
        except UsageError:
            continue  # an unknown id below the floor: nothing a reader could check it against
    ranked = sorted(explained, key=lambda f: (-f.confidence, f.span.start, f.id))
    listed = tuple(ranked[:max(settings.max_less_certain, 0)])
    n, floor = len(ranked), settings.min_confidence
    fr_floor = format(floor, 'g').replace('.', ',')
    if listed and len(listed) == n:
        notes.append({"en": f"{n} finding{_s(n)} below confidence {floor:g} listed apart under \"Worth checking\" "
                            f"(--min-confidence 0 lists {'it' if n == 1 else 'them'} with the others)",
                      "fr": f"{n} constat{_s(n)} de confiance inférieure à {fr_floor} "
                            f"{'est listé' if n == 1 else 'sont listés'} à part, sous « À vérifier » "
                            f"(--min-confidence 0 {'le' if n == 1 else 'les'} montre avec les autres)"}[lang])
    elif listed:
        notes.append({"en": f"{n} findings below confidence {floor:g}: the {len(listed)} most likely listed apart "
                            f"under \"Worth checking\" (--min-confidence 0 shows them all with the others)",
                      "fr": f"{n} constats de confiance inférieure à {fr_floor} : les {len(listed)} plus probables "
                            f"sont listés à part, sous « À vérifier » (--min-confidence 0 les montre tous avec les autres)"}[lang])
    else:
        notes.append({"en": f"{n} finding{_s(n)} below confidence {floor:g} not shown "
                            f"(--min-confidence 0 shows every guess)",
                      "fr": f"{n} constat{_s(n)} de confiance inférieure à {format(floor, 'g').replace('.', ',')} "
                            f"non affiché{_s(n)} (--min-confidence 0 les montre tous)"}[lang])
    return listed


def _bounded(findings: tuple[Finding, ...], settings: Settings) -> tuple[tuple[Finding, ...], int]:
    """The most important findings within the per-id and total caps (the report grows with what it can justify, not
    with how often a hostile or degenerate document repeats itself), and how many were left out."""
    per_id: dict[str, int] = {}
    kept: list[Finding] = []
    for f in findings:
        if len(kept) >= settings.max_findings or per_id.get(f.id, 0) >= settings.max_findings_per_id:
            continue
        per_id[f.id] = per_id.get(f.id, 0) + 1
        kept.append(f)
    return tuple(kept), len(findings) - len(kept)


# A finding repeated this many times lists only the first positions in evidence["repeated_at"]; "repeated" counts all.
MAX_REPEATED_AT = 100


# --- merging ----------------------------------------------------------------------------------------------------

def _merge_key(f: Finding) -> tuple:
    if f.id.startswith("app."):
        # App findings all sit at Span(0, 0): only exact duplicates are the same finding (two trackers are two).
        return (f.id, f.text, json.dumps(f.evidence, sort_keys=True, default=str))
    return (f.id, f.clause_id or (f.span.start, f.span.end), f.missing)


def merge_findings(findings: Iterable[Finding], text: str = "") -> list[Finding]:
    """One finding per (id, clause): highest confidence kept, highlights united, every detector listed in
    ``evidence["detectors"]``, a lowered severity kept with its reason."""
    groups: dict[tuple, list[Finding]] = {}
    for f in findings:
        groups.setdefault(_merge_key(f), []).append(f)
    return [_merge_group(group, text) for group in groups.values()]


def _same_words(text: str) -> str:
    return " ".join("".join(c if c.isalnum() else " " for c in text.lower()).split())


def merge_repeats(findings: Sequence[Finding]) -> list[Finding]:
    """An identical clause repeated in a document (a disclaimer in every section, a table row per product) is one
    finding: the first occurrence, with the others' positions in ``evidence["repeated_at"]``."""
    first: dict[tuple, int] = {}
    out: list[Finding] = []
    repeats: dict[int, list[list[int]]] = {}
    for f in sorted(findings, key=lambda f: (f.span.start, f.span.end)):
        key = (f.id, _same_words(f.text), f.missing) if not f.id.startswith("app.") and f.text else None
        if key is not None and key in first:
            repeats.setdefault(first[key], []).append([f.span.start, f.span.end])
            continue
        if key is not None:
            first[key] = len(out)
        out.append(f)
    for i, spans in repeats.items():
        extra = {"repeated": len(spans)} if len(spans) > MAX_REPEATED_AT else {}
        out[i] = replace(out[i], evidence={**out[i].evidence, "repeated_at": spans[:MAX_REPEATED_AT], **extra})
    return out


# Same-template clauses: word sequences this alike (difflib's ratio) are one finding; a looser likeness needs the
# clauses to open alike. A finding lists at most MAX_SIMILAR of them in evidence["similar"] ("similar" counts all).
SIMILAR_RATIO = 0.8
SIMILAR_RATIO_SAME_OPENING = 0.65
SIMILAR_OPENING_WORDS = 3
SIMILAR_MIN_WORDS = 4
SIMILAR_MIN_SHARED = 5  # words in common: "We keep it forever" and "We keep it in perpetuity" are two clauses
MAX_SIMILAR = 100
SIMILAR_WINDOW = 50  # a clause is compared with the next 50 of its id
SIMILAR_BUDGET = 5000  # full comparisons per document, at most (a hostile document stays fast)


def same_template(a: Sequence[str], b: Sequence[str]) -> bool:
    """Two clauses (as lower-case word lists) are rows of one template: a country schedule's "Law governing the
    Agreement shall be: Japanese law" and "…: Korean law", or one clause restated for each region with a few words
    changed. Short clauses (fewer than SIMILAR_MIN_WORDS words, or SIMILAR_MIN_SHARED in common) are never grouped:
    too little to call a template."""
    if min(len(a), len(b)) < SIMILAR_MIN_WORDS or a == b:
        return a == b and bool(a)
    import difflib

    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    if sum(block.size for block in matcher.get_matching_blocks()) < SIMILAR_MIN_SHARED:
        return False
    ratio = matcher.ratio()
    if ratio >= SIMILAR_RATIO:
        return True
    return ratio >= SIMILAR_RATIO_SAME_OPENING and a[:SIMILAR_OPENING_WORDS] == b[:SIMILAR_OPENING_WORDS]


def merge_similar(findings: Sequence[Finding]) -> list[Finding]:
    """Findings of one id and severity on same-template clauses are one finding: the first in the document, with the
    others in ``evidence["similar"]`` (each ``{"span": [start, end], "text": …}``, in document order), so that a
    schedule of seventeen countries' courts is one jurisdiction finding that lists the seventeen rows, not seventeen
    findings. Likeness is transitive (a row like one row of the schedule is in the schedule). The highest confidence
    of the group is the finding's. App findings, missing disclosures and practice.* (which have their own section)
    are left as they are."""
    ordered = sorted(findings, key=lambda f: (f.span.start, f.span.end))
    by_kind: dict[tuple, list[int]] = {}
    for i, f in enumerate(ordered):
        if not (f.missing or not f.text or f.id.startswith(("app.", "practice."))):
            by_kind.setdefault((f.id, f.severity), []).append(i)
    parent = list(range(len(ordered)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    budget = SIMILAR_BUDGET
    for members in by_kind.values():
        words = [_same_words(ordered[i].text).split() for i in members]
        bags = [Counter(w) for w in words]
        for x in range(len(members)):
            # a degenerate document with hundreds of one id: compare each clause with its neighbours only
            for y in range(x + 1, min(len(members), x + 1 + SIMILAR_WINDOW)):
                if root(members[x]) == root(members[y]):
                    continue
                n = len(words[x]) + len(words[y])
                # cheap upper bounds of difflib's ratio first (lengths, then the words in common in any order)
                if 2 * min(len(words[x]), len(words[y])) < SIMILAR_RATIO_SAME_OPENING * n or \
                        2 * sum((bags[x] & bags[y]).values()) < SIMILAR_RATIO_SAME_OPENING * n:
                    continue
                if budget <= 0:
                    break
                budget -= 1
                if same_template(words[x], words[y]):
                    parent[max(root(members[x]), root(members[y]))] = min(root(members[x]), root(members[y]))
    others: dict[int, list[Finding]] = {}
    for i, f in enumerate(ordered):
        if root(i) != i:
            others.setdefault(root(i), []).append(f)
    merged: list[Finding] = []
    for i, lead in enumerate(ordered):
        if root(i) != i:
            continue
        group = others.get(i)
        if not group:
            merged.append(lead)
            continue
        similar = [{"span": [o.span.start, o.span.end], "text": o.text} for o in group]
        extra = {"similar_count": len(similar)} if len(similar) > MAX_SIMILAR else {}
        # a member's word-for-word repeats (merge_repeats) stay listed: they are rows of the template too
        repeats = sorted(list(lead.evidence.get("repeated_at") or []) +
                         [span for o in group for span in o.evidence.get("repeated_at") or []])
        if repeats:
            extra["repeated_at"] = repeats[:MAX_REPEATED_AT]
            if len(repeats) > MAX_REPEATED_AT:
                extra["repeated"] = len(repeats)
        merged.append(replace(lead, confidence=max([lead.confidence] + [o.confidence for o in group]),
                              evidence={**lead.evidence, "similar": similar[:MAX_SIMILAR], **extra}))
    return merged


def with_similar(findings: Iterable[Finding], text: str | None = None) -> list[Finding]:
    """Every clause a reader sees reported: each finding, then one finding per same-template clause it stands for
    (its span and text; the rest as the finding's). For measures that count reported clauses one by one. With the
    document's ``text``, the word-for-word repeats (``evidence["repeated_at"]``) are given back too."""
    out: list[Finding] = []
    drop = ("similar", "similar_count", "repeated_at", "repeated")
    for f in findings:
        out.append(f)
        rest = {k: v for k, v in f.evidence.items() if k not in drop}
        rows = [(int(r["span"][0]), int(r["span"][1]), str(r["text"])) for r in f.evidence.get("similar") or ()]
        if text is not None:
            rows += [(int(a), int(b), text[int(a):int(b)]) for a, b in f.evidence.get("repeated_at") or ()
                     if 0 <= int(a) < int(b) <= len(text)]
        for start, end, words in sorted(rows):
            out.append(replace(f, span=Span(start, end), text=words, clause_id=None, evidence=rest))
    return out


def clause_spans(f: Finding) -> list[tuple[int, int]]:
    """The clauses a finding stands for: its own, its same-template ones and its word-for-word repeats."""
    spans = [] if f.missing else [(f.span.start, f.span.end)]
    spans += [(int(r["span"][0]), int(r["span"][1])) for r in f.evidence.get("similar") or ()]
    spans += [(int(a), int(b)) for a, b in f.evidence.get("repeated_at") or ()]
    return spans


def _merge_group(group: list[Finding], text: str) -> Finding:
    if len(group) == 1:
        return group[0]
    best = max(group, key=lambda f: f.confidence)
    start, end = min(f.span.start for f in group), max(f.span.end for f in group)
    if text and end <= len(text) and (start, end) != (best.span.start, best.span.end):
        clause_text = text[start:end]
    else:
        clause_text = max((f.text for f in group), key=len)
    highlights = tuple(sorted({(h.start, h.end) for f in group for h in f.highlights}))
    evidence: dict[str, Any] = {}
    for f in sorted(group, key=lambda f: f.confidence):  # the most confident detector's values win
        evidence.update(f.evidence)
    detectors = list(dict.fromkeys(f.detector for f in group if f.detector))
    if len(detectors) > 1:
        evidence["detectors"] = detectors
    lowered = [f for f in group if f.severity is not None and f.severity_reason]
    # A detector that looked at the context and lowered the severity with a reason wins over one that did not;
    # among several such detectors, the most severe of their verdicts is kept (the cautious choice).
    chosen = min(lowered, key=lambda f: SEVERITY_RANK.get(f.severity, 99)) if lowered else None
    return replace(best, span=Span(start, end), text=clause_text, highlights=tuple(Span(s, e) for s, e in highlights),
                   evidence=evidence, severity=chosen.severity if chosen else best.severity,
                   severity_reason=chosen.severity_reason if chosen else best.severity_reason,
                   missing=any(f.missing for f in group))


# --- severity and explanations ----------------------------------------------------------------------------------

def severity_of(finding: Finding, region: str = law.DEFAULT_REGION, country: str | None = None) -> str:
    """The severity a reader (of ``region``, in ``country``) sees, following the rules in this module's docstring."""
    default = law.entry(finding.id, region, country).severity
    if finding.id == "rights.third-country-transfer" and region in ("fr", "eu", "uk"):  # EU / UK GDPR chapter V
        default = "high" if no_safeguard(finding) else "medium"
    if finding.id.startswith("transparency.") and not finding.missing:
        return "info"
    lowered = finding.severity
    if lowered in SEVERITY_RANK and SEVERITY_RANK[lowered] > SEVERITY_RANK[default]:
        return lowered
    return default


def explain(finding: Finding, lang: str, kind: str = "", region: str = law.DEFAULT_REGION,
            country: str | None = None) -> Finding:
    """The finding with severity, title, explanation, law and advice filled in ``lang``, for a reader of ``region``
    (fineprint/law/regions.py) in ``country`` (its national layer, fineprint/law/countries.py, where it has one)."""
    doc = law.entry(finding.id, region, country)
    severity = severity_of(finding, region, country)
    reason = finding.severity_reason if severity == finding.severity and severity != doc.severity else None
    if region != "us":  # adequacy and safeguards are EU / UK GDPR notions
        reason = reason or transfer_reason(finding, severity, law.report_language(lang))
    own = None  # the reader's own law or courts (« soumises au droit français », « tribunaux de Paris »)
    if finding.id == "unfair.choice-of-law" and own_law(finding.text, country):
        own, severity, reason = "law", "low", OWN_LAW_REASON[law.report_language(lang)]
    if finding.id == "unfair.jurisdiction" and own_courts(finding.text, country):
        own, severity, reason = "courts", "low", OWN_COURTS_REASON[law.report_language(lang)]
    # the sentences (and law) that hold only for some clauses ("why_when") follow this finding's own clauses
    why, refs = doc.for_clauses(lang, [finding.text, *(r["text"] for r in finding.evidence.get("similar") or ())],
                                kind)
    advice = " ".join(_advice(doc, finding, kind)[lang].split())
    if own:
        rlang = law.report_language(lang)
        why, advice = OWN_TEXT[own]["why"][rlang], OWN_TEXT[own].get("advice", {}).get(rlang, advice)
    return replace(finding, severity=severity, severity_reason=reason, title=doc.title[lang],
                   explanation=why, law=refs, advice=advice)


def _advice(doc, finding: Finding, kind: str = "") -> dict[str, str]:
    """What the reader can do: a disclosure the policy makes gets advice on using it, not the advice for a missing one
    ("Ask for it" beside a policy that gives a legal basis for every purpose, Salto, session 39); a privacy policy
    gets the advice written for one where there is such advice (a policy is not a contract one can end)."""
    if doc.advice_found and not finding.missing:
        return doc.advice_found
    if kind == "privacy-policy" and doc.advice_policy:
        return doc.advice_policy
    return doc.advice


def _order_key(f: Finding) -> tuple:
    ids = _taxonomy_index()
    return (SEVERITY_RANK.get(f.severity, len(SEVERITIES)), f.span.start, ids.get(f.id, len(ids)), f.span.end)


@functools.lru_cache(maxsize=1)
def _taxonomy_index() -> dict[str, int]:
    return {id_: i for i, id_ in enumerate(law.all_ids())}


def count_by_severity(findings: Sequence[Finding]) -> dict[str, int]:
    """{"high": 4, "medium": 2}: non-zero counts, most severe first."""
    counts = {s: sum(1 for f in findings if f.severity == s) for s in SEVERITIES}
    return {s: n for s, n in counts.items() if n}


# --- headline ---------------------------------------------------------------------------------------------------

def headline(findings: Sequence[Finding], kind: str, lang: str) -> str:
    """One sentence in ``lang`` that says how many problems were found and what the worst ones let the company do,
    e.g. "6 potential problems in 1 clause, 4 of them serious: this offer lets the company use
    your photo, name and voice in its advertising, makes what you grant last forever and treats simply taking part
    as your consent." ``findings`` must already be ordered (most severe first)."""
    lang = law.report_language(lang)
    problems = [f for f in findings if f.severity != "info"]
    clauses = [f for f in problems if not f.missing]
    missing = [f for f in problems if f.missing]
    # problems are ids, as the verdict, the counts line and the severity headings count them: "47 points …, 9 of them
    # serious" beside "1 serious problem" read as a contradiction to three readers (session 40)
    serious = len({f.id for f in clauses if f.severity == "high"})
    if not problems:
        return _nothing_found(findings, kind, lang)
    parts = []
    if clauses:
        # every clause the findings stand for: their own, their same-template rows and their word-for-word repeats
        n_clauses = len({span for f in clauses for span in clause_spans(f)})
        parts.append(_count_phrase(len({f.id for f in clauses}), serious, n_clauses, kind, lang))
    if missing:
        parts.append(_missing_phrase(len(missing), lang))
    # "…, 2 of them serious, and 1 missing disclosure": the comma keeps the missing one out of "of them" (« dont 2
    # graves et 1 information manquante » read as 10 points, session 39)
    joint = "," if serious and clauses else ""
    counted = parts[0] if len(parts) == 1 else f"{parts[0]}{joint} {_AND[lang]} {parts[1]}"
    # "…, 9 of them serious: this contract <the serious ones>; it also <the others>." A phrase after "of them
    # serious:" reads as one of the serious ones (Bluesky's "binds you merely because you use the service", a Medium
    # id, stood there beside arbitration, session 40), so the others come after "it also".
    worse, lesser = [], []
    texts: dict[str, list[str]] = {}
    for f in problems:
        texts.setdefault(f.id, []).append(f.text)
    for f in problems:
        try:
            doc = law.entry(f.id)
        except UsageError:
            continue
        phrase = doc.headline_for(lang, kind, texts[f.id])
        if phrase in worse or phrase in lesser:
            continue
        if len(worse) + len(lesser) == MAX_HEADLINE_PHRASES:
            break
        (worse if serious and f.severity == "high" else lesser).append(phrase)
    subject = _SUBJECTS[lang].get(kind, _SUBJECTS[lang]["unknown"])
    if not worse:
        return f"{counted}{law.colon(lang)}{subject} {_join(lesser, lang)}."
    sentence = f"{counted}{law.colon(lang)}{subject} {_join(worse, lang)}"
    if lesser:
        sentence += _ALSO[lang].format(it=_PRONOUNS[lang].get(kind, _PRONOUNS[lang]["unknown"]),
                                       what=_join(lesser, lang))
    return sentence + "."


def _join(phrases: list[str], lang: str) -> str:
    if len(phrases) <= 1:
        return "".join(phrases)
    return f"{', '.join(phrases[:-1])} {_AND[lang]} {phrases[-1]}"


def _count_phrase(n: int, serious: int, n_clauses: int, kind: str, lang: str) -> str:
    # A problem is an id; several often fall on one clause (the Temu clause carries six), and one id on many clauses
    # (Bluesky's arbitration section): count problems, and say in how many clauses.
    if kind == "app":
        base = {"en": f"{n} potential privacy risk{_s(n)}",
                "fr": f"{n} risque{_s(n)} potentiel{_s(n)} pour votre vie privée"}[lang]
    else:
        base = {"en": f"{n} potential problem{_s(n)} in {n_clauses} clause{_s(n_clauses)}",
                "fr": f"{n} problème{_s(n)} potentiel{_s(n)} dans {n_clauses} clause{_s(n_clauses)}"}[lang]
    if not serious:
        return base
    if lang == "fr":
        return f"{base}, grave" if n == 1 else f"{base}, dont {serious} grave{_s(serious)}"
    return f"{base}, a serious one" if n == 1 else f"{base}, {serious} of them serious"


def _s(n: int) -> str:
    return "s" if n > 1 else ""


def _missing_phrase(n: int, lang: str) -> str:
    if lang == "fr":
        return f"{n} information obligatoire manquante" if n == 1 else f"{n} informations obligatoires manquantes"
    return f"{n} missing disclosure" if n == 1 else f"{n} missing disclosures"


# practice.* passages that say something about your data (introductory and "other" ones are not counted)
_PRACTICE_CONTEXT = ("practice.introductory", "practice.not-covered")


def _nothing_found(findings: Sequence[Finding], kind: str, lang: str) -> str:
    about_data = sum(1 for f in findings if f.id.startswith("practice.") and f.id not in _PRACTICE_CONTEXT)
    described = sum(1 for f in findings if not f.id.startswith("practice."))
    if kind == "app":
        text = {"en": "fineprint found no risky capability in this app",
                "fr": "fineprint n'a trouvé aucune capacité à risque dans cette application"}[lang]
    else:
        text = {"en": "fineprint found no potentially unfair or unlawful clause",
                "fr": "fineprint n'a trouvé aucune clause potentiellement abusive ou illicite"}[lang]
    if described:
        text += {"en": f" ({described} passage{_s(described)} described for information)",
                 "fr": f" ({described} passage{_s(described)} décrit{_s(described)} pour information)"}[lang]
    if about_data:
        # the reports group these under "what this policy says about your data"
        text += {"en": f"; {about_data} passage{_s(about_data)} say{'' if about_data > 1 else 's'} what happens "
                       "to your data",
                 "fr": f" ; {about_data} passage{_s(about_data)} di{'sent' if about_data > 1 else 't'} ce que "
                       "deviennent vos données"}[lang]
    return text + "."
