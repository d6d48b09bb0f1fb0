"""Real sentences of current terms and policies (Open Terms Archive corpora in ../shared) for annotation.

    python -m training.annotation sample --out DIR      # draw the sentences to read, in batches, into DIR
    python -m training.annotation check ANSWERS.jsonl   # validate an answer file (ids, keys)
    python -m training.annotation candidates --out DIR  # a further round, from train services only
    python -m training.annotation merge DIR...          # every round's answers -> training/annotations/*.jsonl
    python -m training.annotation append DIR            # a new round's answers added to the stored labels
    python -m training.annotation agreement             # Cohen's kappa per id on the double-annotated sample

The stored labels point into ``../shared`` (corpus, path, character offsets, sha256 of the sentence); the text is
read back from there (``load_sentences``), never copied into the repository (ODC-By data, and its size).

The **first-sight split** is drawn by service before anything is tuned: a service whose stable hash falls in the
held-out fifth is never trained or tuned on; ``tests/eval/firstsight`` gates on it.

Sentences are segmented straight from the Markdown file (so offsets are offsets into the file) and shown with the
Markdown markup removed (``display_text``), the form training and evaluation also use.

Over 500 lines because the reading workflow (drawing, checking, merging, appending, agreement, the stats table) shares
one sentence model and one key format, and splitting it would scatter them.
"""
from __future__ import annotations

import argparse
import hashlib
import json
import random
import re
import sys
from collections import Counter, defaultdict
from dataclasses import dataclass
from pathlib import Path

ANNOTATIONS_DIR = Path(__file__).resolve().parent / "annotations"
CORPORA = {"en": "ota-en", "fr": "ota-fr"}
FIRST_SIGHT_FIFTH = 0  # services whose hash % 5 == 0 are the first-sight split
PRIVACY_DOC = re.compile(r"privacy|cookie|tracker|data|confidentialit|donn[ée]es|vie priv", re.IGNORECASE)

RIGHTS = ("rights.likeness-use", "rights.perpetual", "rights.unbounded-scope", "rights.no-notice-no-compensation",
          "rights.consent-by-conduct", "rights.consent-for-reward", "rights.rights-waiver",
          "rights.moral-rights-waiver", "rights.data-sale", "rights.third-country-transfer",
          "rights.indefinite-retention", "rights.sensitive-data", "rights.device-access")
UNFAIR = ("unfair.limitation-of-liability", "unfair.unilateral-termination", "unfair.unilateral-change",
          "unfair.content-removal", "unfair.contract-by-using", "unfair.choice-of-law", "unfair.jurisdiction",
          "unfair.arbitration")
PRACTICE = ("practice.first-party-collection", "practice.third-party-sharing", "practice.user-choice",
            "practice.user-access", "practice.data-retention", "practice.data-security", "practice.policy-change",
            "practice.do-not-track", "practice.specific-audiences", "practice.introductory",
            "practice.contact-information", "practice.not-covered")
ALL_IDS = frozenset(RIGHTS + UNFAIR + PRACTICE)


def shared_root() -> Path:
    """../shared beside the checkout, or $FINEPRINT_SHARED."""
    from .data import default_datasets

    return default_datasets().parent


def is_first_sight(service: str) -> bool:
    """Stable by service name, spelt as letters and digits only ("GitHub" in OTA = "github" in ToS;DR): the same
    services are held out in every source, on every machine and in every run."""
    key = re.sub(r"[^0-9a-z]+", "", service.lower())
    return int(hashlib.sha256(key.encode("utf-8")).hexdigest(), 16) % 5 == FIRST_SIGHT_FIFTH


def is_dev(service: str) -> bool:
    """A fifth of the *train* services, left out of training while variants of a model are compared on them
    (``FINEPRINT_DEV=1``); the shipped models train on every train service. First-sight services are never used."""
    key = re.sub(r"[^0-9a-z]+", "", service.lower())
    return int(hashlib.sha256(key.encode("utf-8")).hexdigest(), 16) % 5 == (FIRST_SIGHT_FIFTH + 1) % 5


def is_privacy_doc(doc_name: str) -> bool:
    return bool(PRIVACY_DOC.search(doc_name))


_MD_LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")
_MD_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!|>~])")
_MD_EMPHASIS = re.compile(r"(\*\*|__|\*|_)(?=\S)(.+?)(?<=\S)\1")
_MD_LEAD = re.compile(r"^\s*(?:#{1,6}\s+|>\s*)")


def display_text(raw: str) -> str:
    """A Markdown sentence as a reader sees it: links become their text, escapes and emphasis marks go."""
    text = _MD_LINK.sub(r"\1", raw)
    text = _MD_ESCAPE.sub(r"\1", text)
    text = _MD_EMPHASIS.sub(r"\2", text)
    text = _MD_LEAD.sub("", text)
    return re.sub(r"\s+", " ", text).strip()


def sentence_hash(raw: str) -> str:
    return hashlib.sha256(raw.encode("utf-8")).hexdigest()[:16]


@dataclass(frozen=True)
class Sentence:
    corpus: str
    path: str  # relative to the corpus folder: "<service>/<document>.md"
    start: int
    end: int
    sha: str
    text: str  # display text
    heading: str

    @property
    def service(self) -> str:
        return self.path.split("/", 1)[0]

    @property
    def doc(self) -> str:
        return self.path.split("/", 1)[1].removesuffix(".md")

    @property
    def key(self) -> str:
        return f"{self.corpus}:{self.path}:{self.start}"


def document_sentences(corpus: str, rel: str, root: Path | None = None) -> list[Sentence]:
    """Every clause of one corpus document, segmented by fineprint's own segmenter on the file's text."""
    from fineprint.model import Document
    from fineprint.segment import segment_clauses

    root = root or shared_root() / "corpora"
    raw = (root / corpus / rel).read_text(encoding="utf-8")
    out = []
    for c in segment_clauses(Document(text=raw, source=rel)):
        text = display_text(c.text)
        if len(text) < 12 or not re.search(r"[^\W\d_]{3}", text):
            continue
        heading = display_text(c.headings[-1]) if c.headings else ""
        out.append(Sentence(corpus, rel, c.start, c.end, sentence_hash(c.text), text, heading))
    return out


def corpus_documents(corpus: str, root: Path | None = None) -> list[str]:
    root = root or shared_root() / "corpora"
    return sorted(str(p.relative_to(root / corpus)) for p in (root / corpus).glob("*/*.md"))


# Keyword pools: wide nets (recall, not precision) that make sure every id has candidates to read. They only choose
# what is read; the labels come from reading.
POOLS = {
    "en": {
        "rights.likeness-use": r"\b(?:likeness|your name|profile (?:picture|photo)|testimonial|publicity|voice|image)",
        "rights.perpetual": r"\b(?:perpetual|irrevocabl|in perpetuity|survive|without (?:limitation of )?time)",
        "rights.unbounded-scope": r"\b(?:worldwide|world-wide|sublicens|now known|any media|any purpose|transferable)",
        "rights.no-notice-no-compensation": r"\b(?:royalty|without (?:compensation|payment|notice|notification)|"
                                            r"free of charge|no compensation)",
        "rights.consent-by-conduct": r"\b(?:by (?:using|visiting|accessing|continuing|clicking)|you consent|"
                                     r"deemed|constitutes? (?:your )?(?:consent|acceptance))",
        "rights.consent-for-reward": r"\b(?:reward|points|voucher|discount|incentive|in exchange|sweepstake|loyalty)",
        "rights.rights-waiver": r"\b(?:fee|refuse|decline|unable to (?:delete|comply)|cannot delete|verify your "
                                r"identity|not (?:be )?able to|exercise (?:your|these|any) rights?|waive)",
        "rights.moral-rights-waiver": r"\bmoral rights?\b",
        "rights.data-sale": r"\b(?:sell|sale|rent|merger|acquisition|bankruptcy|advertis|cross-context|"
                            r"share.{0,40}(?:partners|third part))",
        "rights.third-country-transfer": r"\b(?:united states|outside (?:the|your)|transfer|countr|abroad|"
                                         r"standard contractual|adequacy|worldwide)",
        "rights.indefinite-retention": r"\b(?:retain|retention|as long as|indefinite|keep|stor(?:e|ed|age)|deleted?)",
        "rights.sensitive-data": r"\b(?:health|biometric|medical|religio|political|sexual|ethnic|racial|genetic|"
                                 r"union|disabilit|fingerprint|face|special categor|sensitive)",
        "rights.device-access": r"\b(?:contacts|address book|camera|microphone|photos?|media library|clipboard|"
                                r"storage|sms|messages|installed app|permission|location)",
        "unfair.limitation-of-liability": r"\b(?:liab|as is|as available|warrant|responsib|damages|indemn)",
        "unfair.unilateral-termination": r"\b(?:terminat|suspend|suspension|disable|close your account)",
        "unfair.unilateral-change": r"\b(?:modify|amend|change|update|revise)",
        "unfair.content-removal": r"\b(?:remove|delete|refuse|take down).{0,60}\bcontent|\bcontent.{0,60}\b(?:remov|delet)",
        "unfair.contract-by-using": r"\b(?:by (?:using|accessing|visiting|downloading)|continued use|you agree)",
        "unfair.choice-of-law": r"\b(?:governed by|laws? of|governing law)",
        "unfair.jurisdiction": r"\b(?:courts?|jurisdiction|venue)",
        "unfair.arbitration": r"\b(?:arbitrat|class action|jury|mediation|dispute)",
    },
    "fr": {
        "rights.likeness-use": r"\b(?:image|nom|photo|voix|témoignage|ressemblance|portrait|pseudonyme)",
        "rights.perpetual": r"\b(?:perpétu|irrévocab|durée légale|sans limitation de durée|toute la durée)",
        "rights.unbounded-scope": r"\b(?:monde entier|mondial|sous-licen|tout support|tous supports|toutes fins|"
                                  r"connu ou inconnu|cessible)",
        "rights.no-notice-no-compensation": r"\b(?:gratuit|sans contrepartie|sans rémunération|sans préavis|"
                                            r"sans (?:notification|information|compensation)|aucune rémunération)",
        "rights.consent-by-conduct": r"\b(?:en (?:utilisant|naviguant|poursuivant|accédant|cliquant)|vaut|"
                                     r"réputé|consentez|acceptez)",
        "rights.consent-for-reward": r"\b(?:récompense|points?|bon d'achat|réduction|avantage|fidélité|en échange|"
                                     r"jeu-concours|parrain)",
        "rights.rights-waiver": r"\b(?:frais|refuser|justificatif|pièce d'identité|exercer|renonc|pas en mesure)",
        "rights.moral-rights-waiver": r"\bdroits? mora",
        "rights.data-sale": r"\b(?:vend|vente|lou|fusion|acquisition|cession|publicit|partenaires|commerciaux)",
        "rights.third-country-transfer": r"\b(?:états-unis|hors de l'union|en dehors|transf[ée]r|pays tiers|"
                                         r"clauses contractuelles|adéquation)",
        "rights.indefinite-retention": r"\b(?:conserv|durée|aussi longtemps|archiv|supprim)",
        "rights.sensitive-data": r"\b(?:santé|biométr|médical|religi|politique|sexuel|ethni|racial|génétique|"
                                 r"syndica|handicap|empreinte|sensible|catégories particulières)",
        "rights.device-access": r"\b(?:contacts|répertoire|caméra|appareil photo|micro|photos?|galerie|"
                                r"presse-papier|stockage|sms|autorisation|permission|localisation)",
        "unfair.limitation-of-liability": r"\b(?:responsab|en l'état|garanti|dommages|indemn|préjudice)",
        "unfair.unilateral-termination": r"\b(?:résili|suspend|suspension|clôtur|désactiv|supprimer (?:le|votre) compte)",
        "unfair.unilateral-change": r"\b(?:modifi|amend|mise à jour|faire évoluer|changement)",
        "unfair.content-removal": r"\b(?:retirer|supprimer|refuser|modérer|retrait).{0,60}\bcontenu|\bcontenus?.{0,60}\b(?:retir|supprim)",
        "unfair.contract-by-using": r"\b(?:utilisation|accès|navigation).{0,60}(?:vaut|emporte|implique).{0,30}accept|"
                                    r"\ben (?:utilisant|accédant|naviguant)|acceptation (?:sans réserve|pleine)",
        "unfair.choice-of-law": r"\b(?:droit (?:français|applicable|irlandais|luxembourgeois|anglais)|loi applicable|"
                                r"régies? par|soumises? (?:à la loi|au droit))",
        "unfair.jurisdiction": r"\b(?:tribunaux?|juridiction|compétence|cour)",
        "unfair.arbitration": r"\b(?:arbitr|action collective|action de groupe|médiat|litige)",
    },
}


def _compiled_pools(lang: str) -> dict[str, re.Pattern]:
    return {k: re.compile(v, re.IGNORECASE) for k, v in POOLS[lang].items()}


def _pools_then_random(n: int, by_pool: dict[str, list[int]], labels: list[str], total: int, per_pass: int,
                       rng: random.Random) -> dict[int, str]:
    """Round 1's draw: 70% of ``total`` from the ids' keyword pools (each shuffled; ``per_pass`` sentences per id in
    turn, so every id gets an equal share and the rarer ones all they have), the rest at random among the ``n``
    sentences; index -> why it was drawn."""
    for label in labels:
        rng.shuffle(by_pool[label])
    chosen: dict[int, str] = {}
    pool_budget = int(total * 0.7)
    cursor = {label: 0 for label in labels}
    while len(chosen) < pool_budget:
        progressed = False
        for label in labels:
            taken = 0
            while cursor[label] < len(by_pool[label]) and taken < per_pass:
                i = by_pool[label][cursor[label]]
                cursor[label] += 1
                if i not in chosen:
                    chosen[i] = f"pool:{label}"
                    taken += 1
                    progressed = True
            if len(chosen) >= pool_budget:
                break
        if not progressed:
            break
    rest = [i for i in range(n) if i not in chosen]
    rng.shuffle(rest)
    for i in rest[: total - len(chosen)]:
        chosen[i] = "random"
    return chosen


def sample(out: Path, per_language: int, double: int, helpers: int, seed: int = 2026) -> None:
    """Draw ``per_language`` sentences per language (first-sight services included, in proportion), stratified so
    every id's keyword pool is read, plus random sentences; write ``helpers`` work files per language, with
    ``double`` sentences given to two helpers each for the agreement study."""
    rng = random.Random(seed)
    out.mkdir(parents=True, exist_ok=True)
    manifest = {}
    for lang, corpus in CORPORA.items():
        pools = _compiled_pools(lang)
        seen: set[str] = set()
        sentences: list[Sentence] = []
        for rel in corpus_documents(corpus):
            for s in document_sentences(corpus, rel):
                norm = re.sub(r"\W+", " ", s.text.lower()).strip()
                if norm in seen or len(s.text) > 1500:
                    continue
                seen.add(norm)
                sentences.append(s)
        by_pool: dict[str, list[int]] = defaultdict(list)
        for i, s in enumerate(sentences):
            for label, rx in pools.items():
                if rx.search(s.text):
                    by_pool[label].append(i)
        # 70% from the pools, an equal share per id (the rarer ones take all they have), 30% at random
        share = int(per_language * 0.7) // len(pools)
        chosen = _pools_then_random(len(sentences), by_pool, sorted(pools), per_language, max(1, share // 10), rng)
        items = [(sentences[i], why) for i, why in chosen.items()]
        rng.shuffle(items)
        twice, once = items[:double], items[double:]
        files = [[] for _ in range(helpers)]
        for n, item in enumerate(once):
            files[n % helpers].append(item)
        # each double-annotated sentence goes to two different helpers
        for n, item in enumerate(twice):
            a = n % helpers
            files[a].append(item)
            files[(a + 1 + (n // helpers) % (helpers - 1)) % helpers].append(item)
        for h, rows in enumerate(files):
            rng.shuffle(rows)
            path = out / f"{lang}-{h + 1}.jsonl"
            with path.open("w", encoding="utf-8") as fh:
                for s, why in rows:
                    fh.write(json.dumps({"key": s.key, "service": s.service, "doc": s.doc,
                                         "kind": "privacy" if is_privacy_doc(s.doc) else "terms",
                                         "heading": s.heading, "text": s.text}, ensure_ascii=False) + "\n")
        manifest[lang] = {
            "sentences_in_corpus": len(sentences), "drawn": len(items), "double": len(twice),
            "why": Counter(why.split(":")[0] for _, why in items),
            "first_sight": sum(is_first_sight(s.service) for s, _ in items),
            "key_why": {s.key: why for s, why in items},
        }
        print(f"{lang}: {len(sentences)} distinct sentences, drew {len(items)} ({len(twice)} twice), "
              f"{manifest[lang]['first_sight']} from first-sight services", file=sys.stderr)
    (out / "manifest.json").write_text(json.dumps(manifest, ensure_ascii=False, indent=1), encoding="utf-8")


def sample_first_sight(out: Path, lang: str, total: int, helpers: int, seed: int = 3102, tag: str = "fs2",
                       services: str = "first-sight") -> None:
    """More sentences of the first-sight services, drawn as round 1 drew them (70% from the keyword pools, an equal
    share per id, 30% at random; sentences already stored left out), every one for two readers: a larger held-out
    set, labelled as the independent evaluation labels (an id the two readers disagree on is not scored). Nothing
    is trained or tuned on these services; reading them blind (readers never see a detector's answer) keeps them so.
    ``services="dev"`` draws the same way from the development services instead: a clean development set, read twice
    and blind like first sight, for choosing between variants (the older development rows were reviewed against a
    model's errors, which flatters models like it)."""
    rng = random.Random(seed)
    wanted = is_first_sight if services == "first-sight" else is_dev
    corpus = CORPORA[lang]
    stored = {(r["path"].split("/", 2)[2], r["start"]) for r in stored_rows(lang)}
    stored_norm = {re.sub(r"\W+", " ", r["text"].lower()).strip() for r in load_annotations(lang)}
    pools = _compiled_pools(lang)
    seen: set[str] = set(stored_norm)
    sentences: list[Sentence] = []
    for rel in corpus_documents(corpus):
        if not wanted(rel.split("/", 1)[0]):
            continue
        for s in document_sentences(corpus, rel):
            norm = re.sub(r"\W+", " ", s.text.lower()).strip()
            if (rel, s.start) in stored or norm in seen or len(s.text) > 1500 or len(norm.split()) < 3:
                continue
            seen.add(norm)
            sentences.append(s)
    labels = sorted(pools)
    by_pool = {label: [i for i, s in enumerate(sentences) if pools[label].search(s.text)] for label in labels}
    chosen = _pools_then_random(len(sentences), by_pool, labels, total, 1, rng)
    items = [(sentences[i], why) for i, why in chosen.items()]
    rng.shuffle(items)
    files: list[list] = [[] for _ in range(helpers)]
    for n, item in enumerate(items):  # two different readers each, pairs rotating
        a = n % helpers
        files[a].append(item)
        files[(a + 1 + (n // helpers) % (helpers - 1)) % helpers].append(item)
    out.mkdir(parents=True, exist_ok=True)
    for h, rows in enumerate(files):
        rng.shuffle(rows)
        with (out / f"{lang}-{tag}-{h + 1}.jsonl").open("w", encoding="utf-8") as fh:
            for s, _ in rows:
                fh.write(json.dumps({"key": s.key, "service": s.service, "doc": s.doc,
                                     "kind": "privacy" if is_privacy_doc(s.doc) else "terms",
                                     "heading": s.heading, "text": s.text}, ensure_ascii=False) + "\n")
    (out / f"manifest-{lang}-{tag}.json").write_text(json.dumps(
        {"drawn": len(items), "services": len({s.service for s, _ in items}),
         "why": Counter(why.split(":")[0] for _, why in items), "key_why": {s.key: why for s, why in items}},
        ensure_ascii=False, indent=1), encoding="utf-8")
    print(f"{lang}: {len(sentences)} unread {services} sentences, drew {len(items)} from "
          f"{len({s.service for s, _ in items})} services, each for two of {helpers} readers", file=sys.stderr)


def unread_train_sentences(corpus: str, done: set[tuple[str, int]], skip_dev: bool = False) -> list[Sentence]:
    """The sentences of a corpus's train services (never first-sight ones; ``skip_dev``: nor development ones) that a
    reading round may draw: each wording once, none over 1,500 characters, none already read (``done``: (path under
    corpora/, start))."""
    seen: set[str] = set()
    pool: list[Sentence] = []
    for rel in corpus_documents(corpus):
        service = rel.split("/", 1)[0]
        if is_first_sight(service) or (skip_dev and is_dev(service)):
            continue
        for s in document_sentences(corpus, rel):
            norm = re.sub(r"\W+", " ", s.text.lower()).strip()
            if norm in seen or len(s.text) > 1500 or (f"corpora/{corpus}/{rel}", s.start) in done:
                continue
            seen.add(norm)
            pool.append(s)
    return pool


def sample_candidates(out: Path, per_language: int, helpers: int, seed: int = 2027,
                      focus: dict[str, str] | None = None, tag: str = "r2", unsure_share: float = 0.5,
                      skip_dev: bool = False, languages: dict[str, int] | None = None,
                      reported_share: float = 0.0, ids: tuple[str, ...] = (), random_share: float = 0.0) -> None:
    """A further round, from *train* services only (first-sight services are never read for it): sentences not yet
    annotated where the current detectors or the keyword pools point at a rights.* or unfair.* id: half where the
    detectors hesitate (a score between 0.1 and 0.9, where a label teaches the most), half from the rights.* pools
    (the rarest ids first; ``focus`` maps a language to the family whose pools are read, "rights" by default).
    ``unsure_share`` sets the hesitant part; ``reported_share`` a part drawn among sentences the detectors *report*
    (a rights.* or unfair.* label given), where reading finds the false findings a model would add to whole reports
    (and confirms the true ones); ``skip_dev`` leaves the development services out too, so that a round's
    gain is measured on the same development sentences as before it; ``languages`` maps a language to its own count
    (a language left out is not drawn); ``ids`` limits the pools, and the hesitation, to those ids; ``random_share``
    is a part drawn at random among the unread sentences, as documents come (once the keyword pools are read out, the
    only way to more labels of a language, and the one that teaches its ordinary sentences). Labels still come from
    reading; the candidates only choose what is read."""
    import fineprint

    rng = random.Random(seed)
    out.mkdir(parents=True, exist_ok=True)
    for lang, corpus in CORPORA.items():
        if languages is not None and lang not in languages:
            continue
        wanted = languages[lang] if languages is not None else per_language
        done = set()
        path = ANNOTATIONS_DIR / f"ota-{lang}.jsonl"
        if path.exists():
            for line in path.read_text(encoding="utf-8").splitlines():
                r = json.loads(line)
                done.add((r["path"], r["start"]))
        pools = _compiled_pools(lang)
        pool = unread_train_sentences(corpus, done, skip_dev)
        at_random = list(range(len(pool)))
        rng.shuffle(at_random)
        chosen = dict.fromkeys(at_random[: int(wanted * random_share)], "random")
        # the detectors are asked only when part of the round is drawn from what they say
        preds = fineprint.classify([s.text for s in pool], lang=lang) if unsure_share or reported_share else []
        scores = [p.scores for p in preds]
        aimed = (lambda k: k in ids) if ids else (lambda k: k.startswith(("rights.", "unfair.")))
        unsure = [i for i, sc in enumerate(scores)
                  if i not in chosen and any(0.1 <= v <= 0.9 for k, v in sc.items() if aimed(k))]
        rng.shuffle(unsure)
        for i in unsure[: int(wanted * unsure_share)]:
            chosen[i] = "unsure"
        reported = [i for i, p in enumerate(preds)
                    if i not in chosen and any(k.startswith(("rights.", "unfair.")) for k in p.labels)]
        rng.shuffle(reported)
        for i in reported[: int(wanted * reported_share)]:
            chosen[i] = "reported"
        family = (focus or {}).get(lang, "rights")
        family = ("rights.", "unfair.") if family == "all" else (family + ".",)
        rights_pools = sorted((k for k in pools if k.startswith(family) and (not ids or k in ids)),
                              key=lambda k: sum(1 for s in pool[:5000] if pools[k].search(s.text)))
        hits = {k: [i for i, s in enumerate(pool) if pools[k].search(s.text) and i not in chosen] for k in rights_pools}
        for k in rights_pools:
            rng.shuffle(hits[k])
        while len(chosen) < wanted and any(hits.values()):
            for k in rights_pools:
                if hits[k] and len(chosen) < wanted:
                    i = hits[k].pop()
                    chosen.setdefault(i, f"pool:{k}")
        items = [pool[i] for i in chosen]
        rng.shuffle(items)
        for h in range(helpers):
            with (out / f"{lang}-{tag}-{h + 1}.jsonl").open("w", encoding="utf-8") as fh:
                for s in items[h::helpers]:
                    fh.write(json.dumps({"key": s.key, "service": s.service, "doc": s.doc,
                                         "kind": "privacy" if is_privacy_doc(s.doc) else "terms",
                                         "heading": s.heading, "text": s.text}, ensure_ascii=False) + "\n")
        print(f"{lang}: {len(pool)} unread train-service sentences, drew {len(items)} "
              f"({sum(1 for v in chosen.values() if v == 'random')} at random, {len(unsure)} where the detectors "
              f"hesitate, {len(reported)} more they report)", file=sys.stderr)


def _share(text: str) -> float:
    """A part of a round (``--unsure-share``, ``--reported-share``, ``--random-share``): a number from 0 to 1."""
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number: {text!r}") from None
    if not 0.0 <= value <= 1.0:
        raise argparse.ArgumentTypeError(f"a share is between 0 and 1, not {text}")
    return value


def _ids(text: str, ap) -> tuple[str, ...]:
    ids = tuple(x.strip() for x in text.split(",") if x.strip())
    unknown = [x for x in ids if x not in ALL_IDS]
    if unknown:
        ap.error(f"unknown id(s): {', '.join(unknown)}")
    return ids


def check(path: Path, work: Path | None = None) -> list[str]:
    """Problems of an answer file: unknown ids, bad JSON, duplicate keys, keys missing against its work file."""
    problems = []
    keys = set()
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
        except json.JSONDecodeError as exc:
            problems.append(f"line {n}: not JSON ({exc})")
            continue
        if not isinstance(row, dict) or not isinstance(row.get("labels"), list):
            problems.append(f"line {n}: no 'labels' list")
            continue
        bad = [x for x in row["labels"] if x not in ALL_IDS]
        if bad:
            problems.append(f"line {n}: unknown id(s) {bad}")
        if row.get("key") in keys:
            problems.append(f"line {n}: key given twice: {row.get('key')}")
        keys.add(row.get("key"))
    if work is not None and work.exists():
        wanted = {json.loads(line)["key"] for line in work.read_text(encoding="utf-8").splitlines() if line.strip()}
        missing = wanted - keys
        if missing:
            problems.append(f"{len(missing)} keys of {work.name} have no answer (e.g. {sorted(missing)[0]})")
        extra = keys - wanted
        if extra:
            problems.append(f"{len(extra)} answers for keys not in {work.name}")
    return problems


def _parse_key(key: str) -> tuple[str, str, int]:
    corpus, rest = key.split(":", 1)
    path, start = rest.rsplit(":", 1)
    return corpus, path, int(start)


def merge(*works: Path, replace: bool = False) -> None:
    """Answer files ``<lang>-<n>.answers.jsonl`` in ``work`` -> ``training/annotations/ota-<lang>.jsonl``.

    The first answer of a key is the label of record (annotator ``<lang>-<n>``); a second is kept as ``second``
    for the agreement study and is never used to train. Offsets and the sentence hash are recomputed from the file
    in ../shared, so a stored row can always be checked against the text it labels."""
    ANNOTATIONS_DIR.mkdir(parents=True, exist_ok=True)
    # consistency reviews (``review-*.answers.jsonl``: key, id, keep): a label a second reader removed by the
    # guide's conventions is dropped from the row and recorded in "removed_in_review"
    removed: dict[str, set[str]] = defaultdict(set)
    for path in sorted(p for work in works for p in work.glob("review-*.answers.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                row = json.loads(line)
                if row.get("keep") is False:
                    removed[row["key"]].add(row["id"])
    from .review import REVIEWED, adjudicated

    relabelled, relabelled_ids = adjudicated(list(works)), set(REVIEWED)
    for lang, corpus in CORPORA.items():
        answers = _answers(works, lang)
        by_doc: dict[str, dict[int, Sentence]] = {}
        # a sentence read when the segmenter cut it differently keeps its stored offsets while its text is unchanged
        stored: dict[tuple[str, int], Sentence] = {}
        # the targeted consistency review (training/review.py targeted) edits stored rows in place: carried over
        targeted_review = {(r["path"], r["start"]): r["targeted_review"] for r in stored_rows(lang)
                           if "targeted_review" in r}
        for r in load_annotations(lang):
            stored[(r["path"], r["start"])] = Sentence(corpus, r["path"].split("/", 2)[2], r["start"], r["end"],
                                                       r["sha"], r["text"], "")
        rows = []
        for key in sorted(answers, key=lambda k: _parse_key(k)):
            c, rel, start = _parse_key(key)
            if rel not in by_doc:
                by_doc[rel] = {s.start: s for s in document_sentences(c, rel)}
            s = by_doc[rel].get(start) or stored.get((f"corpora/{c}/{rel}", start))
            if s is None:
                print(f"skipped {key}: no such sentence in the file any more", file=sys.stderr)
                continue
            first = answers[key][0]
            if key in relabelled:
                # label review (training/review.py): a blind re-reading differed and a third reader adjudicated;
                # the adjudicated rights.*/unfair.* set replaces the stored one, practice.* stay as read
                kept = [x for x in first[1] if x not in relabelled_ids]
                was = sorted(set(first[1]) & relabelled_ids)
                first = (first[0], sorted(set(kept) | set(relabelled[key])), first[2])
            gone = removed.get(key, set()) & set(first[1])
            row = {"path": f"corpora/{c}/{rel}", "start": s.start, "end": s.end, "sha": s.sha,
                   "service": s.service, "doc": s.doc, "split": "first-sight" if is_first_sight(s.service) else "train",
                   "labels": [x for x in first[1] if x not in gone], "annotator": first[0]}
            if gone:
                row["removed_in_review"] = sorted(gone)
            tr = targeted_review.get((row["path"], row["start"]))
            if tr:
                row["labels"] = sorted((set(row["labels"]) | set(tr["added"])) - set(tr["removed"]))
                row["targeted_review"] = tr
            if key in relabelled and sorted(relabelled[key]) != was:
                row["relabelled_in_review"] = {"was": was}
            if first[2]:
                row["note"] = first[2]
            if len(answers[key]) > 1:
                # the second reading is kept as read, for the agreement study; the review applies to both
                row["second"] = {"annotator": answers[key][1][0],
                                 "labels": [x for x in answers[key][1][1] if x not in removed.get(key, set())]}
            rows.append(row)
        out = ANNOTATIONS_DIR / f"ota-{lang}.jsonl"
        lost = {(r["path"], r["start"]) for r in stored_rows(lang)} - {(r["path"], r["start"]) for r in rows}
        if lost and not replace:
            raise SystemExit(f"merge would drop {len(lost)} stored {lang} sentences (their answer folders were not "
                             f"given): pass every round's folder, use `append` for a new round, or --replace")
        _write_rows(out, rows)
        print(f"{out}: {len(rows)} sentences, {sum('second' in r for r in rows)} double-annotated", file=sys.stderr)


def stored_rows(lang: str) -> list[dict]:
    """The stored label rows of a language as written (pointers and labels, no text)."""
    path = ANNOTATIONS_DIR / f"ota-{lang}.jsonl"
    if not path.exists():
        return []
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def _write_rows(out: Path, rows: list[dict]) -> None:
    tmp = out.with_suffix(".jsonl.tmp")
    with tmp.open("w", encoding="utf-8") as fh:
        for row in rows:
            fh.write(json.dumps(row, ensure_ascii=False) + "\n")
    tmp.replace(out)


def _answers(works: tuple[Path, ...], lang: str) -> dict[str, list[tuple[str, list[str], str]]]:
    """Every answer of a language in the answer files of ``works``, per key: (annotator, known ids, note)."""
    answers: dict[str, list[tuple[str, list[str], str]]] = defaultdict(list)
    for path in sorted(p for work in works for p in work.glob(f"{lang}-*.answers.jsonl")):
        annotator = path.name.split(".")[0]
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                row = json.loads(line)
                answers[row["key"]].append((annotator, sorted(set(row["labels"]) & ALL_IDS), row.get("note", "")))
    return answers


def _structure_problems(path: Path) -> list[str]:
    """What would stop ``append`` reading an answer file: a line that is not a JSON object with a ``labels`` list,
    a key not of the form corpus:path:offset, a key given twice (unknown ids are ``check``'s concern)."""
    problems, keys = [], set()
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
        except json.JSONDecodeError:
            problems.append(f"line {n}: not JSON")
            continue
        if not isinstance(row, dict) or not isinstance(row.get("labels"), list):
            problems.append(f"line {n}: no 'labels' list")
        elif not re.fullmatch(r"[\w-]+:.+:\d+", str(row.get("key", ""))):
            problems.append(f"line {n}: no key of the form corpus:path:offset")
        elif row["key"] in keys:
            problems.append(f"line {n}: key given twice")
        else:
            keys.add(row["key"])
    return problems


def append(*works: Path) -> None:
    """A new reading round on top of the stored labels, without the earlier rounds' answer folders (they are not
    kept; the merged rows are the record). A key not yet stored becomes a row (its first answer the label of record,
    a second one kept as ``second``); an answer for a stored row that has no second reading by another annotator
    becomes its ``second``; stored labels are never changed. Offsets and the sentence hash come from the file in
    ../shared, as in ``merge``. Ids the taxonomy does not know are dropped, as ``merge`` does; a malformed or foreign
    answer file stops the append before anything is written (exit status 2, one line per problem)."""
    files = sorted(p for work in works for p in Path(work).glob("*-*.answers.jsonl")) if all(
        Path(w).is_dir() for w in works) else []
    if not files:
        print(f"append: no answer files (<lang>-<n>.answers.jsonl) in {', '.join(map(str, works))}", file=sys.stderr)
        raise SystemExit(2)
    problems = []
    for path in files:
        try:
            problems += [f"{path.name}: {msg}" for msg in _structure_problems(path)]
        except (OSError, UnicodeDecodeError) as exc:
            problems.append(f"{path.name}: unreadable ({exc.__class__.__name__})")
    if problems:
        print("\n".join(f"append: {msg}" for msg in problems[:20]), file=sys.stderr)
        raise SystemExit(2)
    ANNOTATIONS_DIR.mkdir(parents=True, exist_ok=True)
    for lang, corpus in CORPORA.items():
        rows = stored_rows(lang)
        by_key = {f"{corpus}:{r['path'].split('/', 2)[2]}:{r['start']}": r for r in rows}
        answers = _answers(works, lang)
        by_doc: dict[str, dict[int, Sentence]] = {}
        added = seconds = 0
        for key in sorted(answers, key=_parse_key):
            c, rel, start = _parse_key(key)
            if c != corpus:
                continue
            if key in by_key:
                row = by_key[key]
                other = [a for a in answers[key] if a[0] != row.get("annotator")]
                if "second" not in row and other:
                    row["second"] = {"annotator": other[0][0], "labels": other[0][1]}
                    seconds += 1
                continue
            if rel not in by_doc:
                by_doc[rel] = {s.start: s for s in document_sentences(c, rel)}
            s = by_doc[rel].get(start)
            if s is None:
                print(f"skipped {key}: no such sentence in the file any more", file=sys.stderr)
                continue
            first = answers[key][0]
            row = {"path": f"corpora/{c}/{rel}", "start": s.start, "end": s.end, "sha": s.sha,
                   "service": s.service, "doc": s.doc, "split": "first-sight" if is_first_sight(s.service) else "train",
                   "labels": first[1], "annotator": first[0]}
            if first[2]:
                row["note"] = first[2]
            if len(answers[key]) > 1:
                row["second"] = {"annotator": answers[key][1][0], "labels": answers[key][1][1]}
            by_key[key] = row
            added += 1
        out = sorted(by_key.values(), key=lambda r: (r["path"], r["start"]))
        _write_rows(ANNOTATIONS_DIR / f"ota-{lang}.jsonl", out)
        print(f"ota-{lang}.jsonl: {len(out)} sentences ({added} added, {seconds} second readings added)",
              file=sys.stderr)


def load_annotations(lang: str, split: str | None = None, root: Path | None = None) -> list[dict]:
    """Stored labels with their text read back from ../shared (rows whose sentence changed are skipped)."""
    path = ANNOTATIONS_DIR / f"ota-{lang}.jsonl"
    if not path.exists():
        return []
    root = root or shared_root()
    cache: dict[str, str] = {}
    out = []
    for line in path.read_text(encoding="utf-8").splitlines():
        row = json.loads(line)
        if split and row["split"] != split:
            continue
        file = root / row["path"]
        if row["path"] not in cache:
            cache[row["path"]] = file.read_text(encoding="utf-8") if file.exists() else ""
        raw = cache[row["path"]][row["start"]:row["end"]]
        if sentence_hash(raw) != row["sha"]:
            continue
        out.append({**row, "text": display_text(raw), "lang": lang})
    return out


def cohen_kappa(a: list[bool], b: list[bool]) -> float | None:
    n = len(a)
    if n == 0:
        return None
    po = sum(x == y for x, y in zip(a, b)) / n
    pa, pb = sum(a) / n, sum(b) / n
    pe = pa * pb + (1 - pa) * (1 - pb)
    if pe == 1.0:
        return None  # both annotators never (or always) used the id: kappa undefined
    return (po - pe) / (1 - pe)


def agreement(lang: str) -> dict:
    """Per-id Cohen's kappa and positive counts between the two readings of the double-annotated sentences."""
    rows = [r for r in load_annotations(lang) if "second" in r]
    result = {"sentences": len(rows), "ids": {}}
    for label in sorted(ALL_IDS):
        a = [label in r["labels"] for r in rows]
        b = [label in r["second"]["labels"] for r in rows]
        if not any(a) and not any(b):
            continue
        k = cohen_kappa(a, b)
        result["ids"][label] = {"kappa": None if k is None else round(k, 3), "first": sum(a), "second": sum(b),
                                "both": sum(x and y for x, y in zip(a, b))}
    exact = sum(set(r["labels"]) == set(r["second"]["labels"]) for r in rows)
    result["exact_set_agreement"] = round(exact / len(rows), 3) if rows else None
    return result


def stats_markdown() -> str:
    """The annotation section of docs/classifiers.md: sizes, positives per id, agreement (Cohen's kappa)."""
    rows = {lang: [json.loads(line) for line in (ANNOTATIONS_DIR / f"ota-{lang}.jsonl").read_text().splitlines()]
            for lang in CORPORA}
    agree = {lang: agreement(lang) for lang in CORPORA}
    out = ["| | English | French |", "|---|---|---|"]
    for name, fn in (("sentences read", lambda rs: len(rs)),
                     ("services", lambda rs: len({r["service"] for r in rs})),
                     ("of which first-sight sentences (services)",
                      lambda rs: f"{sum(r['split'] == 'first-sight' for r in rs)} "
                                 f"({len({r['service'] for r in rs if r['split'] == 'first-sight'})})"),
                     ("read twice, independently", lambda rs: sum("second" in r for r in rs)),
                     ("labels removed by the consistency review", lambda rs: sum(len(r.get("removed_in_review", []))
                                                                                for r in rs))):
        out.append(f"| {name} | {fn(rows['en'])} | {fn(rows['fr'])} |")
    out.append(f"| exact same set of ids, double-read sentences | {agree['en']['exact_set_agreement']} | "
               f"{agree['fr']['exact_set_agreement']} |")
    out += ["", "| id | positives en / fr | Cohen's kappa en / fr (double-read sample) |", "|---|---|---|"]
    for i in RIGHTS + UNFAIR + PRACTICE:
        pos = [sum(i in r["labels"] for r in rows[lang]) for lang in CORPORA]
        ks = []
        for lang in CORPORA:
            a = agree[lang]["ids"].get(i)
            # a kappa of -0.004 is shown as 0.00, not -0.00
            ks.append("—" if not a or a["kappa"] is None else f"{round(a['kappa'], 2) + 0.0:.2f} ({a['first']}/{a['second']})")
        out.append(f"| {i} | {pos[0]} / {pos[1]} | {ks[0]} / {ks[1]} |")
    return "\n".join(out)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(prog="python -m training.annotation")
    sub = ap.add_subparsers(dest="cmd", required=True)
    s = sub.add_parser("sample")
    s.add_argument("--out", type=Path, required=True)
    s.add_argument("--per-language", type=int, default=3100)
    s.add_argument("--double", type=int, default=330)
    s.add_argument("--helpers", type=int, default=4)
    fs = sub.add_parser("first-sight", help="more first-sight sentences, each for two readers (a larger held-out set)")
    fs.add_argument("--lang", choices=sorted(CORPORA), required=True)
    fs.add_argument("--total", type=int, required=True)
    fs.add_argument("--helpers", type=int, default=4)
    fs.add_argument("--seed", type=int, default=3102)
    fs.add_argument("--tag", default="fs2")
    fs.add_argument("--out", type=Path, required=True)
    fs.add_argument("--services", choices=("first-sight", "dev"), default="first-sight",
                    help="dev: a clean development set, drawn and read the same way, for choosing between variants")
    c = sub.add_parser("check")
    c.add_argument("answers", type=Path)
    c.add_argument("--work", type=Path)
    r = sub.add_parser("candidates", help="a further round from train services: hesitant detectors, rare-id pools")
    r.add_argument("--out", type=Path, required=True)
    r.add_argument("--per-language", type=int, default=2400)
    r.add_argument("--helpers", type=int, default=4)
    r.add_argument("--focus", default="", help="lang=family pairs, e.g. en=unfair,fr=all (default: rights)")
    r.add_argument("--tag", default="r2", help="round name in the work files' names")
    r.add_argument("--seed", type=int, default=2027)
    r.add_argument("--unsure-share", type=_share, default=0.5, help="part drawn where the detectors hesitate")
    r.add_argument("--reported-share", type=_share, default=0.0,
                   help="part drawn among sentences the detectors report (a rights.* or unfair.* label)")
    r.add_argument("--random-share", type=_share, default=0.0,
                   help="part drawn at random among the unread sentences, as documents come")
    r.add_argument("--skip-dev", action="store_true", help="leave the development services out too")
    r.add_argument("--ids", default="", help="comma-separated ids whose keyword pools are read (default: the family's)")
    r.add_argument("--languages", default="", help="lang=count pairs, e.g. fr=2000,en=800 (default: both, --per-language)")
    m = sub.add_parser("merge", help="rebuild the labels from every round's answer folders")
    m.add_argument("work", type=Path, nargs="+", help="folders of answer files (every round)")
    m.add_argument("--replace", action="store_true", help="allow dropping stored sentences absent from the folders")
    a = sub.add_parser("append", help="add a new round's answers to the stored labels (earlier folders not needed)")
    a.add_argument("work", type=Path, nargs="+", help="folders of the new round's answer files")
    sub.add_parser("agreement")
    sub.add_parser("stats", help="write the annotation tables into docs/classifiers.md")
    args = ap.parse_args(argv)
    if args.cmd == "sample":
        sample(args.out, args.per_language, args.double, args.helpers)
    elif args.cmd == "first-sight":
        sample_first_sight(args.out, args.lang, args.total, args.helpers, args.seed, args.tag, args.services)
    elif args.cmd == "check":
        problems = check(args.answers, args.work)
        for p in problems:
            print(p)
        print("ok" if not problems else f"{len(problems)} problem(s)")
        return 1 if problems else 0
    elif args.cmd == "candidates":
        focus = dict(pair.split("=") for pair in args.focus.split(",") if pair)
        languages = {k: int(v) for k, v in (pair.split("=") for pair in args.languages.split(",") if pair)} or None
        sample_candidates(args.out, args.per_language, args.helpers, args.seed, focus, args.tag, args.unsure_share,
                          args.skip_dev, languages, args.reported_share, _ids(args.ids, ap), args.random_share)
    elif args.cmd == "merge":
        merge(*args.work, replace=args.replace)
    elif args.cmd == "append":
        append(*args.work)
    elif args.cmd == "stats":
        doc = Path(__file__).resolve().parent.parent / "docs" / "classifiers.md"
        text = doc.read_text(encoding="utf-8")
        block = f"<!-- scores:annotations -->\n{stats_markdown()}\n<!-- /scores:annotations -->"
        doc.write_text(re.sub(r"<!-- scores:annotations -->.*?<!-- /scores:annotations -->", lambda _: block, text,
                              flags=re.S), encoding="utf-8")
    elif args.cmd == "agreement":
        print(json.dumps({lang: agreement(lang) for lang in CORPORA}, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
