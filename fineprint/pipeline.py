"""The one-way pipeline of DESIGN.md: ingest -> segment -> detect -> assess -> Report.

``audit`` and ``classify`` are the public Python API (re-exported by ``fineprint``).
"""
from __future__ import annotations

import re
from dataclasses import replace
from typing import Iterable, Sequence

from .model import Clause, Document, DocumentInfo, Finding, Prediction, Report
from .settings import DEFAULT, Settings

# Document kinds on which the practice.* map ("what they collect / share / keep / let you do") is reported.
DESCRIBED_BY_PRACTICES = frozenset({"privacy-policy", "unknown"})


def audit(source: str | bytes, settings: Settings = DEFAULT, *, name: str | None = None) -> Report:
    """Audit a path, a URL, ``"-"`` (stdin) or raw bytes (with ``name`` giving the file name / format hint)."""
    from .ingest import load

    loaded = load(source, settings, name=name)
    if isinstance(loaded, Document):
        return audit_document(loaded, settings)
    return audit_app(loaded, settings)


def audit_document(doc: Document, settings: Settings = DEFAULT) -> Report:
    from .assess import assess
    from .segment import segment_clauses

    doc = _readable(doc, settings)
    clauses = segment_clauses(doc)
    findings = detect_versions(clauses, doc, settings)
    if doc.kind not in DESCRIBED_BY_PRACTICES:
        # practice.* describe what a privacy policy says (info level); on terms or offer rules they would only add
        # noise next to the findings that matter. `fineprint classify` still reports them for any text.
        findings = [f for f in findings if not f.id.startswith("practice.")]
    if doc.kind == "privacy-policy":
        findings = _consent_not_contract(findings)
    elif doc.kind == "terms":
        findings = _contract_not_consent(findings)
    # a table's header row names its columns ("Category of Personal Information | Source(s) | Categories of third
    # parties to whom we may have sold/shared …", Instacart, round 40b: false for both readers); the rows under it say
    # what is done and keep their findings
    headers = {c.id for c in clauses if c.kind == "table-header"}
    if headers:
        findings = [f for f in findings
                    if not (f.clause_id in headers and f.id.startswith(("rights.", "unfair.", "money.")))]
    warnings = list(doc.warnings)
    from .validity import expired_warning

    # Bolt's terms « en vigueur jusqu'au 19 octobre 2022 » were read as if in force (session 39)
    if expired := expired_warning(doc.text, settings.lang if settings.lang in ("en", "fr") else doc.language):
        warnings.append(expired)
    stub = doc.kind in DESCRIBED_BY_PRACTICES and is_stub(clauses)
    if stub:
        # a title, a logo or a link alone (a page that builds its text with JavaScript, a PDF link): a name alone
        # ("Lydia") describes no practice, and a policy that is not there has no missing disclosure
        findings = [f for f in findings if not (f.id.startswith("practice.")
                                                and len(_WORD.findall(f.text)) < STUB_SENTENCE_WORDS)]
    if stub and doc.kind == "privacy-policy":
        warnings.append(_stub_warning(len(_WORD.findall(doc.text)),
                                      settings.lang if settings.lang in ("en", "fr") else doc.language))
        findings = [f for f in findings if not f.id.startswith("transparency.")]
    else:
        findings = _transparency(findings, clauses, doc, settings)
    info = DocumentInfo(source=doc.source, kind=doc.kind, language=doc.language, sha256=doc.sha256,
                        chars=len(doc.text), title=doc.title)
    from .detectors.registry import labels

    report = assess(info, findings, settings=settings, text=doc.text, clauses=clauses, warnings=warnings,
                    detectors=labels(settings.detectors))
    return _with_suggested_reader(report, doc, settings)


def _with_suggested_reader(report: Report, doc: Document, settings: Settings) -> Report:
    """Without --country, the readers the document says it is written for, beside the default reader (a suggestion
    the report shows; the reader and the explanations stay those of the default)."""
    if settings.country or report.reader is None:
        return report
    from .law.audience import suggest

    suggested = suggest(doc.text, report.language, doc.language)
    return replace(report, suggested_reader=suggested) if suggested else report


# A document with fewer sentences of text than this is a stub, not a document: Open Terms Archive's "Microsoft
# Privacy Statement" read without its JavaScript is a title; Hygraph's policy page says "This page contains Hygraph
# privacy policies." twice; Lydia's terms are a logo. Three sentences ("We collect your email address to send you our
# newsletter. We keep it safe. Contact us at …") are a thin policy, whose silences are findings.
STUB_SENTENCES = 2
STUB_SENTENCE_WORDS = 4  # a sentence has at least this many words (a link's "Download Community Guidelines" has 3)
_WORD = re.compile(r"[^\W_]+")


def is_stub(clauses: Sequence[Clause]) -> bool:
    """Whether the document holds fewer than STUB_SENTENCES different sentences that are not titles."""
    from .ingest.structure import reads_as_title

    seen: set[str] = set()
    for c in clauses:
        words = _WORD.findall(c.text.lower())
        if len(words) >= STUB_SENTENCE_WORDS and not reads_as_title(c.text):
            seen.add(" ".join(words))
            if len(seen) >= STUB_SENTENCES:
                return False
    return True


def _stub_warning(words: int, lang: str) -> str:
    if lang == "fr":
        return (f"ce document tient en moins de deux phrases ({words} mot{'s' if words > 1 else ''}) : les informations "
                "qu'une politique doit donner ne sont pas signalées comme manquantes sur si peu de texte ; si c'est un "
                "titre ou une page dont le texte se charge ailleurs (JavaScript, lien vers un PDF), auditez le texte "
                "complet, par exemple la page enregistrée depuis votre navigateur")
    return (f"this document holds less than two sentences ({words} word{'s' if words != 1 else ''}): what a policy must "
            "tell is not reported missing on so little text; if it is a title or a page whose text loads elsewhere "
            "(JavaScript, a link to a PDF), audit the full text, for instance the page saved from your browser")


READ_LANGUAGES = ("en", "fr")
_LANGUAGE_NAMES = {"de": "German", "es": "Spanish", "it": "Italian", "nl": "Dutch", "pt": "Portuguese", "pl": "Polish",
                   "ro": "Romanian", "sv": "Swedish", "da": "Danish", "no": "Norwegian", "fi": "Finnish", "cs": "Czech",
                   "hu": "Hungarian", "el": "Greek", "tr": "Turkish", "ru": "Russian", "uk": "Ukrainian", "ja": "Japanese",
                   "zh": "Chinese", "ko": "Korean", "ar": "Arabic", "he": "Hebrew", "ca": "Catalan", "et": "Estonian",
                   "lt": "Lithuanian", "lv": "Latvian", "sk": "Slovak", "sl": "Slovenian", "bg": "Bulgarian",
                   "hr": "Croatian", "id": "Indonesian", "vi": "Vietnamese", "th": "Thai", "hi": "Hindi"}


def _readable(doc: Document, settings: Settings) -> Document:
    """The document as it will be read. A document identified surely as another language than English or French
    (German terms, a Spanish policy) is refused: English and French rules and models read into German words only
    noise (a German policy had six "serious" findings whose decisive words were « von », « und », « unseres »).
    ``--lang en`` or ``--lang fr`` reads it as that language anyway (the identification can be wrong), with a warning.
    A text too short to identify ("unknown") and a document holding an English or French version are read as before."""
    if doc.language in READ_LANGUAGES or doc.language == "unknown" or doc.versions_read:
        return doc
    name = _LANGUAGE_NAMES.get(doc.language, f"language {doc.language!r}")
    if settings.lang in READ_LANGUAGES:
        forced = {"en": "English", "fr": "French"}[settings.lang]
        note = (f"the text was identified as {name} ({doc.language}) and read as {forced} because --lang "
                f"{settings.lang} says so; if it is not {forced}, the findings are noise")
        kept = tuple(w for w in doc.warnings if "is not supported" not in w)
        return replace(doc, language=settings.lang, warnings=kept + (note,))
    from .errors import UnsupportedLanguageError

    raise UnsupportedLanguageError(
        f"this document is in {name} ({doc.language}); fineprint reads English and French only, so nothing was "
        "audited (if the text is in fact English or French, say so with --lang en or --lang fr)", source=doc.source)


def _consent_not_contract(findings: list[Finding]) -> list[Finding]:
    """In a privacy policy, "by using the site you accept this policy" is consent inferred from conduct
    (rights.consent-by-conduct), not the contract-by-using term of a terms of service: where both are found on one
    clause, only the consent stands (annotation guide; on the development services' privacy policies, 7 false
    contract-by-using findings fewer in English for 1 true one lost)."""
    consent = {(f.span.start, f.span.end) for f in findings if f.id == "rights.consent-by-conduct"}
    kept = [f for f in findings if not (f.id == "unfair.contract-by-using" and (f.span.start, f.span.end) in consent)]
    # "If you do not agree with any part of it, discontinue use": in a privacy policy "it" is the policy, unless the
    # clause names the terms
    return _policy_consent(kept, policy_document=True)


CONTRACT_BY_USING = "unfair.contract-by-using"
CONSENT_BY_CONDUCT = "rights.consent-by-conduct"
# A clause that names a privacy or cookie policy ("our Privacy Policy", « la politique de confidentialité ») and no
# terms, conditions or agreement: accepting it by using the service is consent inferred from conduct, not a contract
# made by using (annotation guide, sixth round). On the annotated sentences of train services, 15 of the 16 sentences
# of a policy found as contract-by-using were labelled consent by conduct, 5 contract-by-using. A bare "this Policy"
# counts only inside a privacy policy (``_policy_consent``): in an acceptable-use policy it is the terms.
_POLICY = re.compile(r"\b(?:privacy|cookies?|data\s+protection)\s+(?:policy|notice|statement|charter)\b|"
                     r"\bpolitiques?\s+(?:de\s+)?(?:confidentialit[ée]|protection\s+des\s+donn[ée]es|cookies?|"
                     r"vie\s+priv[ée]e)|\bchartes?\s+(?:de\s+|d['’]\s?)?(?:confidentialit[ée]|cookies?|vie\s+priv[ée]e|"
                     r"donn[ée]es)", re.IGNORECASE)
_TERMS = re.compile(r"\b(?:terms|conditions|eula|contract|cgu|cgv|contrat)\b|"
                    r"\b(?:this|the|our|user|licen[cs]e|service|subscription)\s+agreement\b", re.IGNORECASE)


def policy_not_terms(text: str) -> bool:
    """Whether a clause accepts a privacy or cookie policy rather than the terms (see ``_POLICY``)."""
    return bool(_POLICY.search(text)) and not _TERMS.search(text)


def _policy_consent(findings: list[Finding], policy_document: bool = False) -> list[Finding]:
    """A contract-by-using finding on a clause that only accepts a privacy or cookie policy (in a privacy policy:
    any clause that does not name the terms) is read as consent by conduct (once per clause)."""
    return _read_as(findings, CONTRACT_BY_USING, CONSENT_BY_CONDUCT,
                    lambda text: not _TERMS.search(text) if policy_document else policy_not_terms(text))


def _read_as(findings: list[Finding], source: str, target: str, applies) -> list[Finding]:
    """Each ``source`` finding whose clause ``applies`` to is read as ``target`` (dropped where the clause already
    has a ``target`` finding: one per clause)."""
    have = {(f.span.start, f.span.end) for f in findings if f.id == target}
    out: list[Finding] = []
    for f in findings:
        if f.id == source and applies(f.text):
            if (f.span.start, f.span.end) in have:
                continue
            have.add((f.span.start, f.span.end))
            f = replace(f, id=target)
        out.append(f)
    return out


# What a consent inferred from conduct is given *to*: data, tracking, messages, the use of one's name or likeness.
# In terms of service a "by using the service you agree" clause that names none of these accepts the contract.
_CONSENT_OBJECT = re.compile(
    r"\b(?:data|information|privacy|cookies?|track\w*|likeness|names?|images?|photo\w*|voice|marketing|"
    r"communications?|e-?mails?|messages?|personal|process\w*|collect\w*|newsletters?|notifications?|record\w*|"
    r"monitor\w*|donn[ée]es|informations?|nom|voix|prospection|publicit\w*|traitement|collect\w*|enregistr\w*)\b",
    re.IGNORECASE)


def _contract_not_consent(findings: list[Finding]) -> list[Finding]:
    """In terms of service, "by using the Platform you agree to be bound by this Agreement" and "your continued use
    after the changes constitutes your acceptance" accept the contract: ``unfair.contract-by-using``, not consent to
    data processing (annotation guide). A consent-by-conduct finding on a clause that names nothing a consent is
    given to (``_CONSENT_OBJECT``) is read as contract-by-using, once per clause. On the annotated sentences of the
    train services' terms, 137 of the 139 sentences labelled with either id that name no such object were labelled
    contract-by-using; round 8's whole reports had 4 such consent findings, all judged false."""
    return _read_as(findings, CONSENT_BY_CONDUCT, CONTRACT_BY_USING, lambda text: not _CONSENT_OBJECT.search(text))


def _transparency(findings: list[Finding], clauses: Sequence[Clause], doc: Document, settings: Settings
                  ) -> list[Finding]:
    """transparency.* only on privacy policies: the passages that disclose each item, plus a ``missing`` finding
    for each item none discloses (fineprint/detectors/ml/transparency.py)."""
    from .detectors.ml.transparency import POLICY_KINDS, missing_items

    ran = settings.detectors is None or "transparency" in settings.detectors
    if doc.kind not in POLICY_KINDS or not ran:
        return [f for f in findings if not f.id.startswith("transparency.")]
    from .detectors.registry import text_detectors

    return findings + missing_items(text_detectors(["transparency"])[0], clauses, doc.language)


def audit_app(app_model, settings: Settings = DEFAULT) -> Report:
    from .assess import assess
    from .detectors.apk import detect_app

    findings, app_info, info = detect_app(app_model, settings)
    return assess(info, findings, settings=settings, app=app_info)


def detect_versions(clauses: Sequence[Clause], doc: Document, settings: Settings = DEFAULT) -> list[Finding]:
    """``detect`` on a document's clauses; a document holding versions in several languages (``doc.languages``) has
    each English or French version read in its own language (only the one ``--lang`` names, where it names one of
    them) and the versions in other languages left unread (the document's warnings say so)."""
    if not doc.languages:
        return detect(clauses, doc.language, settings, kind=doc.kind)
    findings: list[Finding] = []
    for lang in doc.versions_read or ("en", "fr"):
        group = [c for c in clauses if c.language == lang]
        if group:
            findings.extend(detect(group, lang, settings, kind=doc.kind))
    return findings


def detect(clauses: Sequence[Clause], language: str, settings: Settings = DEFAULT, *, kind: str | None = None
           ) -> list[Finding]:
    """Every text detector's findings on ``clauses``. With a document ``kind``, the detectors whose findings that kind
    does not report are not run: the practice map on terms, the transparency check on anything but a privacy policy
    (their findings were computed, then dropped by ``audit_document``: a fifth of a 96 KB terms audit)."""
    from .detectors.ml.transparency import POLICY_KINDS
    from .detectors.registry import text_detectors
    from .ingest.structure import reads_as_address

    dets = text_detectors(settings.detectors)
    if kind is not None:
        dets = [d for d in dets if not (d.name == "transparency" and kind not in POLICY_KINDS
                                        or d.name == "practice" and kind not in DESCRIBED_BY_PRACTICES)]
    confirm = _rule_confirmation(dets, clauses, language)
    # a postal address grants and takes nothing: its country is where a company sits, not where data goes
    address = [reads_as_address(c.text) for c in clauses]
    out: list[Finding] = []
    for det in dets:
        for i, per_clause in enumerate(det.detect(clauses, language)):
            out.extend(f for f in per_clause if (det.name != "rules" or confirm(i, f.id))
                       and not (address[i] and f.id.startswith(("rights.", "unfair.", "money."))))
    return _policy_consent(out)


def _rule_confirmation(dets, clauses: Sequence[Clause], language: str):
    """``confirm(clause index, id)``: whether a YAML rule's finding stands. None stands on a clause that reads as a
    title. A rights.* rule finding needs the rights model to give it at least the gate chosen at training time for
    the language (``rule_gate`` in the model's meta; on real French text most unconfirmed rule findings were
    wrong), unless the rule that found it ``stands_alone``; other ids stand."""
    from .ingest.structure import reads_as_title

    # a title ("Cross-Border Data Transfers", "Transferts hors UE") names a topic and grants nothing: the annotation
    # guide gives it no label, and on the train services the rules' findings there were mostly false (10 of 16)
    title = [reads_as_title(c.text) for c in clauses]
    model = next((d for d in dets if d.name == "rights-model"), None)
    gate = model.rule_gate(language) if model is not None else None
    if not gate:
        return lambda i, fid: not title[i]
    scores = model.scores(clauses, language)

    def alone(i: int, fid: str) -> bool:
        # a rule marked ``stands_alone`` (right on nearly every annotated sentence it matched) needs no confirmation;
        # its hits are looked up again only for the few findings the gate would drop
        from .detectors.registry import text_detectors

        rules = text_detectors(["rules"])[0]
        lang = clauses[i].language if clauses[i].language in ("en", "fr") else language
        return any(h.rule.id == fid and h.rule.stands_alone for h in rules.hits(clauses[i].text, lang))

    return lambda i, fid: not title[i] and (not fid.startswith("rights.") or scores[i].get(fid, 0.0) >= gate
                                            or alone(i, fid))


# With ``Settings.jobs`` > 1 (``classify --jobs N``), a batch at least this large runs the detectors that allow it
# (``runs_apart``: the pure-Python rules, the practice and transparency models) in a second process from the standard
# library's executor while the rights and unfair models score it here: about half of the work on each side (the
# second process reads the batch's words again, 0.04 s for 1,600 sentences).
PARALLEL_MIN_CLAUSES = 200


def default_jobs() -> int:
    """``classify``'s processes when ``--jobs`` is not given: 2 when about two cores are free for them, else 1.

    The second process pays only when each process gets a core: where the other cores are busy, the two share one
    core and the split costs more than it saves (the second process loads its own detectors and reads the batch's
    words again). Measured for 1,600 sentences on the shared 2-core machine at a load average of 3.5: 1.44 s in one
    process, 1.88 s in two; on the quiet machine 1.05 s in one, 0.77 s in two.

    "Busy" is what runs *now* (Linux: the runnable tasks of ``/proc/loadavg``, this process left out), not the
    1-minute load average: that average still counts the user's previous commands for a minute after they ended
    (a quiet 2-core machine reads about 1.0 right after a few runs), so it kept a second process away exactly where
    it helps. Elsewhere the 1-minute average stands in."""
    import os

    try:
        cores = len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        cores = os.cpu_count() or 1
    if cores < 2:
        return 1
    # a single reading is a snapshot: a benchmark's or a shell's own short-lived task may be caught running, so one
    # task elsewhere still leaves the two processes most of the machine; two or more and they would share a core
    busy = _running_elsewhere()
    return 2 if cores - busy >= 1 else 1


def _running_elsewhere() -> float:
    """Tasks running or waiting for a CPU right now besides this process (the 1-minute load average where the
    kernel does not say; 0 where neither is known)."""
    import os

    try:
        with open("/proc/loadavg", encoding="ascii") as fh:
            return max(0, int(fh.read().split()[3].split("/")[0]) - 1)
    except (OSError, ValueError, IndexError):
        pass
    try:
        return os.getloadavg()[0]
    except (AttributeError, OSError):
        return 0.0


# A text with a sentence end inside it ("…. Then …", "…; …"): only such texts can hold more than one clause.
_MORE_THAN_ONE = re.compile(r"[.!?;:…]\s+\S|\n\s*\S")


def classify(texts: Iterable[str], lang: str | None = None, settings: Settings = DEFAULT) -> list[Prediction]:
    """Label each text with every text detector: ``Prediction(labels, scores)``.

    ``lang`` ("en" or "fr") applies to every text; ``None`` detects the language of each text on its own. A text
    gets the same labels alone or in any batch, in any order. A text of several sentences (a paragraph) is read
    whole and sentence by sentence, as ``audit`` cuts a document: its labels are those of the whole or of any of
    its sentences, each id's score the highest of these readings' (the models learnt from sentences, and a clause
    read inside a long paragraph is diluted by its neighbours' words; some clauses need their neighbour)."""
    from .ingest.textnorm import repair_c1

    texts = [repair_c1(t) for t in texts]  # "don\x92t": Windows-1252 read as Latin-1, as documents are repaired
    parts, owner = _sentences(texts)
    langs = None
    if lang is None:
        from .ingest.language import clause_language

        per_text = [clause_language(t) for t in texts]  # a paragraph is in one language: detected on the whole of it
        langs = [per_text[n] for n in owner]
    preds = _classify_lines(parts, lang, settings, langs)
    if len(parts) == len(texts):
        return preds
    labels: list[set[str]] = [set() for _ in texts]
    scores: list[dict[str, float]] = [{} for _ in texts]
    for n, p in zip(owner, preds):
        labels[n].update(p.labels)
        for k, v in p.scores.items():
            scores[n][k] = max(scores[n].get(k, 0.0), v)
    return [Prediction(labels=tuple(sorted(lab)), scores=dict(sorted(sc.items()))) for lab, sc in zip(labels, scores)]


def _sentences(texts: Sequence[str]) -> tuple[list[str], list[int]]:
    """Each text's clauses as fineprint's segmenter cuts a document, then the whole text (a text of one clause
    stays whole, once), and the index of the text each comes from."""
    from .segment import segment_clauses

    parts: list[str] = []
    owner: list[int] = []
    for n, text in enumerate(texts):
        pieces = [text]
        if _MORE_THAN_ONE.search(text):
            pieces = [c.text for c in segment_clauses(Document(text=text, source="classify"))] or [text]
            if len(pieces) > 1:
                pieces.append(text)  # and the whole: a clause may need its neighbour ("Instead, … an arbitrator")
        parts.extend(pieces)
        owner.extend([n] * len(pieces))
    return parts, owner


def _classify_lines(texts: list[str], lang: str | None, settings: Settings,
                    langs: list[str] | None = None) -> list[Prediction]:
    """``classify`` for texts of one clause each: in ``lang``, or (``lang`` None) in the language ``langs`` gives
    each."""
    if lang is None:
        assert langs is not None and len(langs) == len(texts)
        out: list[Prediction | None] = [None] * len(texts)
        for one in sorted(set(langs)):
            idx = [i for i, x in enumerate(langs) if x == one]
            for i, p in zip(idx, _classify_lines([texts[i] for i in idx], one, settings)):
                out[i] = p
        return out  # type: ignore[return-value]
    import gc

    # A batch allocates hundreds of thousands of small containers (tokens, n-grams, vocabularies) and no reference
    # cycles: the cyclic collector would only rescan them, a tenth of classify's time. Reference counting still
    # frees everything; the collector is back on when the batch is done.
    collecting = gc.isenabled()
    gc.disable()
    try:
        return _classify(texts, lang, settings)
    finally:
        if collecting:
            gc.enable()


def _classify(texts: Iterable[str], lang: str, settings: Settings) -> list[Prediction]:
    from .detectors.registry import DEFAULT_TEXT, TEXT_DETECTORS, text_detectors

    clauses = [Clause(id=f"t{i}", start=0, end=len(t), text=t, language=lang) for i, t in enumerate(texts)]
    names = list(DEFAULT_TEXT) if settings.detectors is None else list(settings.detectors)
    unknown = [n for n in names if n not in TEXT_DETECTORS]
    if unknown:
        text_detectors(unknown)  # the registry's UsageError, before any work starts
    apart_names = [n for n in names if _runs_apart(n)] if settings.jobs > 1 and len(clauses) >= PARALLEL_MIN_CLAUSES \
        and len(names) > 1 else []
    if not apart_names:
        dets = text_detectors(names)
        outcomes = [(det.name, _decide(det, clauses, lang)) for det in dets]
    else:
        import multiprocessing
        import threading
        from concurrent.futures import ProcessPoolExecutor

        # The worker starts first and loads its detectors itself: it reads the rules and compiles their patterns
        # while this process loads the models, so both cores work from the start.
        forked = "fork" in multiprocessing.get_all_start_methods() and threading.active_count() == 1
        context = multiprocessing.get_context("fork") if forked else None
        with ProcessPoolExecutor(max_workers=min(len(apart_names), settings.jobs - 1), mp_context=context) as pool:
            futures = [(n, pool.submit(_decide_named, n, clauses, lang)) for n in apart_names]
            dets = text_detectors([n for n in names if n not in apart_names])
            outcomes = [(det.name, _decide(det, clauses, lang)) for det in dets]
            outcomes += [(n, f.result()) for n, f in futures]
    confirm = _rule_confirmation(dets, clauses, lang)
    labels: list[set[str]] = [set() for _ in clauses]
    scores: list[dict[str, float]] = [{} for _ in clauses]
    # Scores are rounded to 4 places as they come in: rounding is monotone, so the largest rounded score of an id
    # is the rounded largest score.
    for name, outcome in outcomes:
        if outcome is None:
            continue
        found_per_clause, scored = outcome
        for i, found in enumerate(found_per_clause):
            for fid, confidence in found.items():
                if name == "rules" and not confirm(i, fid):
                    continue
                labels[i].add(fid)
                scores[i][fid] = max(scores[i].get(fid, 0.0), round(confidence, 4))
        for sc, rounded in zip(scores, _rounded(scored or ())):
            for k, v in rounded.items():
                sc[k] = max(sc.get(k, 0.0), v)
    for lab, sc, clause in zip(labels, scores, clauses):
        if CONTRACT_BY_USING in lab and policy_not_terms(clause.text):  # as ``_policy_consent`` in an audit
            lab.discard(CONTRACT_BY_USING)
            lab.add(CONSENT_BY_CONDUCT)
            sc[CONSENT_BY_CONDUCT] = max(sc.get(CONSENT_BY_CONDUCT, 0.0), sc.get(CONTRACT_BY_USING, 0.0))
    return [Prediction(labels=tuple(sorted(lab)), scores=dict(sorted(sc.items()))) for lab, sc in zip(labels, scores)]


def _rounded(scored: Sequence[dict]) -> list[dict[str, float]]:
    """Every score of a batch (one dict per clause) rounded to 4 places as Python's ``round`` does.

    A model's probabilities are float32 values: numpy rounds those exactly as ``round`` (x * 10**4 is exact in
    float64, then rounded half to even, then divided), for about a twentieth of the time of 80,000 calls to
    ``round`` (the largest part of merging a classify batch). Anything else is rounded by ``round``."""
    import numpy as np

    flat = np.fromiter((v for sc in scored for v in sc.values()), dtype=np.float64)
    if not len(flat) or not np.array_equal(flat.astype(np.float32), flat):
        return [{k: round(float(v), 4) for k, v in sc.items()} for sc in scored]
    values = iter(np.round(flat, 4).tolist())
    return [dict(zip(sc, values)) for sc in scored]


def _runs_apart(name: str) -> bool:
    """Whether a registered detector may run in a second process (its class says so; nothing is loaded)."""
    import importlib

    from .detectors.registry import TEXT_DETECTORS

    module, _, attr = TEXT_DETECTORS[name].partition(":")
    try:
        return bool(getattr(importlib.import_module(module), attr).runs_apart)
    except (ImportError, AttributeError):
        return False


def _decide_named(name: str, clauses: Sequence[Clause], lang: str):
    """``_decide`` for a detector named in the registry (None when it is unavailable: the registry warned)."""
    from .detectors.registry import text_detectors

    found = text_detectors([name])
    return _decide(found[0], clauses, lang) if found else None


def _decide(det, clauses: Sequence[Clause], lang: str) -> tuple[list[dict[str, float]], list[dict] | None]:
    """One detector on a batch: ({id: confidence} of what fires, per clause; every id's score where it has them)."""
    # decisions(): what detect() finds without building the evidence of findings (classify shows none)
    found = det.decisions(clauses, lang)
    # A detector's scores() adds something only when it scores every id (trained models); rule detectors score
    # what fired, which detect() just gave, and re-running them would double classify's time.
    return found, det.scores(clauses, lang) if det.scores_every_id else None
