"""What every report format shares: the report's words (labels.yaml), clause excerpts with the decisive words,
grouping by severity and line numbers."""
from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Sequence

from ..law import report_language
from ..model import SEVERITIES, Finding, Report

LABELS_FILE = Path(__file__).resolve().parent / "labels.yaml"
EXCERPT_CHARS = 600  # longer clauses are cut around their decisive words
REPEAT_CHARS = 160  # a clause already quoted above is shown again only around its decisive words
SAME_ID_CHARS = 320  # the fifth liability clause needs less context than the first: the explanation is above


@functools.lru_cache(maxsize=1)
def _all_labels() -> dict:
    from ..law import load_yaml

    return load_yaml(LABELS_FILE)


def labels(lang: str) -> dict:
    """The report's own words (headings, labels) in ``lang`` (English for anything but fr)."""
    return _all_labels()[report_language(lang)]


def decimal(value: float, lang: str) -> str:
    """A confidence as people write it in ``lang``: 0.90 in English, 0,90 in French."""
    return f"{value:.2f}".replace(".", labels(lang)["decimal_point"])


NBSP = "\u00a0"  # before : and » and after « (espace insécable)
NNBSP = "\u202f"  # before ; ! ? (espace fine insécable)
_FR_SPACE_BEFORE = re.compile(r"[ \u00a0\u202f]+([:;!?»])")
_FR_SPACE_AFTER = re.compile(r"«[ \u00a0\u202f]*")
_FR_GLUED_CLOSE = re.compile(r"(?<=[^\s«])»")


def typography(text: str, lang: str) -> str:
    """French typography by rule: a no-break space before : and », a narrow one before ; ! ?, and a no-break space
    after « (ingest turns the document's own no-break spaces into plain ones, so quoted clauses get them back too).
    A line never starts with ":" or "»" then, whatever the width. Other languages: unchanged.
    Only spaces that are there are replaced (and « » get theirs): "http://x?a" or "10:30" are left alone."""
    if lang != "fr" or not text:
        return text
    text = _FR_SPACE_BEFORE.sub(lambda m: (NNBSP if m.group(1) in ";!?" else NBSP) + m.group(1), text)
    text = _FR_SPACE_AFTER.sub("«" + NBSP, text)
    return _FR_GLUED_CLOSE.sub(NBSP + "»", text)


def typography_same_length(text: str, lang: str) -> str:
    """``typography`` limited to replacing spaces (one character for one), for styled text whose spans are offsets."""
    if lang != "fr" or not text:
        return text
    text = re.sub(r" (?=[:»])", NBSP, text)
    text = re.sub(r" (?=[;!?])", NNBSP, text)
    return re.sub(r"(?<=«) ", NBSP, text)


def count_words(n: int, w: dict, app: bool = False) -> str:
    """"1 clause", "3 clauses" ("findings" for an app); "missing" for an id whose only finding is a disclosure the
    policy does not make (it was counted as "1 clause", session 39)."""
    if n == 0 and not app:
        return w["count_missing"]
    forms = w["findings_count" if app else "clauses_count"]
    return forms["one"] if n == 1 else forms["many"].format(n=n)


def after_label(text: str, lang: str) -> str:
    """``text`` as it follows a label and its colon ("Pourquoi c'est important : le RGPD…"): French takes a lower-case
    letter after a colon (three readers, session 39), so an opening capital of an ordinary word is lowered; an acronym
    ("RGPD") or a command stays. English is unchanged."""
    if lang != "fr" or len(text) < 2 or not text[0].isupper() or not (text[1].islower() or text[1] in "'’"):
        return text
    return text[0].lower() + text[1:]


def quoted(text: str, lang: str) -> str:
    """``text`` between the quotation marks of ``lang`` (“…” in English, « … » in French)."""
    opening, closing = labels(lang)["quotes"]
    return f"{opening}{text}{closing}"


@dataclass(frozen=True, slots=True)
class Piece:
    """A run of clause text; ``decisive`` when a detector marked these words as the reason for the finding."""

    text: str
    decisive: bool = False


def excerpt(finding: Finding, text: str = "", limit: int = EXCERPT_CHARS) -> tuple[Piece, ...]:
    """The finding's clause as pieces, decisive words marked. Uses the document text when the span fits in it,
    else the finding's own text; cuts clauses longer than ``limit`` around the decisive words with "…"."""
    start, end = finding.span.start, finding.span.end
    if text and 0 <= start < end <= len(text):
        clause, base = text[start:end], start
    else:
        # highlights are offsets into the document: they can be placed only when the finding's text is its span
        clause = finding.text
        base = start if clause and len(clause) == end - start else None
    marks = []
    if base is not None:
        for h in sorted(finding.highlights, key=lambda h: (h.start, h.end)):
            s, e = max(h.start - base, 0), min(h.end - base, len(clause))
            # a mark starts and ends on a word: "[[courts located in ]]Stockholm" read as if the city were not part
            while s < e and clause[s].isspace():
                s += 1
            while e > s and clause[e - 1].isspace():
                e -= 1
            if s < e:
                if marks and s <= marks[-1][1]:
                    marks[-1] = (marks[-1][0], max(e, marks[-1][1]))
                else:
                    marks.append((s, e))
    pieces: list[Piece] = []
    segments = _segments(clause, marks, limit)
    if segments[0][0] > 0:
        pieces.append(Piece("…"))
    for n, (lo, hi) in enumerate(segments):
        if n:
            pieces.append(Piece(" … "))
        pos = lo
        for s, e in marks:
            s, e = max(s, lo), min(e, hi)
            if s >= e:
                continue
            if s > pos:
                pieces.append(Piece(clause[pos:s]))
            pieces.append(Piece(clause[s:e], True))
            pos = e
        if pos < hi:
            pieces.append(Piece(clause[pos:hi]))
    if segments[-1][1] < len(clause):
        pieces.append(Piece("…"))
    return tuple(_squash(pieces))


# A negation before the decisive words turns them around: « Nous ne pourrions donc … voir notre responsabilité
# engagée » cut to « …voir [[notre responsabilité]] engagée » says the opposite of the clause (Damart, session 39).
_NEGATION = re.compile(r"\b(?:not|never|no|nor|cannot|can't|won't|don't|doesn't|ne|n['’]|pas|jamais|aucune?|ni)\b",
                       re.IGNORECASE)
# "…but undertakes to apply the price in force when the order is placed": a turn after the decisive words that
# qualifies them stays in view (GO Sport's « se réserve le droit de modifier ses prix … mais s'engage à appliquer les
# tarifs en vigueur lors de l'enregistrement de la commande » lost its « mais » half, session 40)
_CONTRAST = re.compile(r"\b(?:but|however|provided\s+that|mais|toutefois|cependant|pour\s+autant\s+que)\b",
                       re.IGNORECASE)
_CONTRAST_TAIL = 70  # characters after the turn that are kept with it
_GAP = 60  # decisive words closer than this are shown in one piece
_CONTEXT = 25  # context either side of a piece when the words are shown in several pieces (less in short excerpts)


def _segments(clause: str, marks: list[tuple[int, int]], limit: int) -> list[tuple[int, int]]:
    """The parts of ``clause`` an excerpt of about ``limit`` characters shows, in order: the whole clause when it fits;
    else one window around the decisive words when they fit in it; else one piece per group of decisive words
    ("[[Any dispute]], controversy or claim … [[will be resolved by arbitration]]": Tencent's arbitration clause
    showed only its first words, session 39), the largest groups first while they fit, shown in document order. A
    negation between the clause's start and its first decisive words is kept in view."""
    if len(clause) <= limit:
        return [(0, len(clause))]
    context = min(_CONTEXT, limit // 8)
    anchors = list(marks)
    turn = None
    if marks:
        lead = list(_NEGATION.finditer(clause, 0, marks[0][0]))
        if lead and lead[-1].start() < marks[0][0] - context:
            anchors.insert(0, (lead[-1].start(), lead[-1].end()))
        after = _CONTRAST.search(clause, marks[0][1])
        if after and limit >= 2 * _CONTRAST_TAIL and not any(a <= after.start() < b for a, b in marks):
            end = clause.find(" ", min(len(clause), after.end() + _CONTRAST_TAIL))
            turn = (after.start(), len(clause) if end < 0 else end)
            anchors = sorted(anchors + [turn])
    if not anchors or anchors[-1][1] - anchors[0][0] <= limit - 2 * context:
        centre = (anchors[0][0] + anchors[-1][1]) // 2 if anchors else limit // 2
        lo = max(0, min(centre - limit // 2, len(clause) - limit))
        return [_near_ends(clause, *_on_words(clause, lo, lo + limit), limit)]
    groups: list[list[int]] = []
    for s, e in anchors:
        if groups and s - groups[-1][1] <= _GAP:
            groups[-1][1] = max(groups[-1][1], e)
        else:
            groups.append([s, e])
    # a negation in a group of its own (one close to the first decisive words is in their group)
    negation = groups.pop(0) if marks and anchors[0] != marks[0] and groups[0][1] <= marks[0][0] else None
    # the turn's group ("… mais s'engage à appliquer …"), kept like the negation
    kept = next((g for g in groups if turn and g[0] <= turn[0] < g[1]), None)
    if kept is not None and len(groups) > 1:
        groups.remove(kept)
    else:
        kept = None
    ranked = sorted(groups, key=lambda g: (-(g[1] - g[0]), g[0]))
    # the largest group of decisive words always, the negation before them and the turn after them always, then the
    # others while they fit
    first_end = ranked[0][1]
    if first_end - ranked[0][0] > limit:  # words too long to show whole: cut between words ("relation t …" was cut)
        space = clause.rfind(" ", ranked[0][0], ranked[0][0] + limit)
        first_end = space if space > ranked[0][0] else ranked[0][0] + limit
    chosen = [[ranked[0][0], first_end]] + ([negation] if negation else []) + ([kept] if kept else [])
    used = sum(e - s + 2 * context for s, e in chosen)
    for g in ranked[1:]:
        size = g[1] - g[0] + 2 * context
        if used + size <= limit:
            chosen.append(g)
            used += size
    chosen.sort()
    extra = max(context, (limit - sum(e - s for s, e in chosen)) // (2 * len(chosen)))
    out: list[tuple[int, int]] = []
    for s, e in chosen:
        lo, hi = _on_words(clause, max(0, s - extra), min(len(clause), e + extra))
        lo, hi = min(lo, s), max(hi, e)
        if out and lo <= out[-1][1] + 5:
            out[-1] = (out[-1][0], max(out[-1][1], hi))
        else:
            out.append((lo, hi))
    out[0] = (_near_ends(clause, out[0][0], out[0][1], limit)[0], out[0][1])
    out[-1] = (out[-1][0], _near_ends(clause, out[-1][0], out[-1][1], limit)[1])
    return out


def _near_ends(clause: str, lo: int, hi: int, limit: int) -> tuple[int, int]:
    """A window that stops a few words short of the clause's start or end reaches it: "…will obtain your…" hid
    "consent where required" (Palia, session 39), for the sake of 30 characters."""
    slack = limit // 4
    if 0 < lo <= slack:
        lo = 0
    if 0 < len(clause) - hi <= slack:
        hi = len(clause)
    return lo, hi


def _on_words(clause: str, lo: int, hi: int) -> tuple[int, int]:
    """``lo``/``hi`` moved to the nearest word boundaries inside them, not inside a word."""
    lo, hi = max(0, lo), min(len(clause), hi)
    if lo > 0 and 0 <= (space := clause.find(" ", lo, lo + 30)):
        lo = space + 1
    if hi < len(clause) and (space := clause.rfind(" ", hi - 30, hi)) > lo:
        hi = space
    return lo, hi


class Quoter:
    """Excerpts for a list of findings read top to bottom: the first time a clause appears it is quoted in full (up
    to EXCERPT_CHARS), later findings on the same clause show only its decisive words with a little context (the
    Temu clause carries six ids; quoting it six times buries them), and later clauses of an id already explained
    above get a shorter excerpt (SAME_ID_CHARS)."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.seen: set[tuple[int, int]] = set()
        self.ids: set[str] = set()

    def __call__(self, finding: Finding) -> tuple[tuple[Piece, ...], bool]:
        """``(pieces, repeated)``: ``repeated`` when this clause was quoted above."""
        key = (finding.span.start, finding.span.end)
        repeated = key in self.seen and bool(finding.highlights)
        limit = REPEAT_CHARS if repeated else SAME_ID_CHARS if finding.id in self.ids else EXCERPT_CHARS
        self.seen.add(key)
        self.ids.add(finding.id)
        return excerpt(finding, self.text, limit), repeated


# Markdown a reader should not see in a quote (Open Terms Archive writes the layout tables of pages as Markdown
# tables: "|     | Les CGU sont soumises au droit français. |" under "| --- | --- |", and escapes list dashes and
# numbers: "\- **Accessibilité**", "1\. Objet"). Cleaned in the excerpt's pieces, after the highlights were placed
# by offset, so the decisive words stay on their words; the finding's own text (JSON, SARIF) is left as it is.
_TABLE_MARKUP = re.compile(r"(?:(?<=\s)|^)(?:\||:?-{3,}:?)(?=\s|$)")
_ESCAPE = re.compile(r"\\(?=[!\"#$%&'()*+,\-./:;<=>?@\[\]^_`{|}~])")


def _display(text: str) -> str:
    if "|" in text:
        text = _TABLE_MARKUP.sub(" ", text)
    return _ESCAPE.sub("", text) if "\\" in text else text


# A Markdown link shows its words, not its markup: "[submit an inquiry here](https://…)" reads "submit an inquiry
# here"; Cloudflare's hidden address "[\[email protected\]](https://arc.net/cdn-cgi/l/email-protection)" read
# "[[email protected]](…)" beside the report's own [[decisive words]] marks (session 39). The link text may hold
# escaped brackets; the URL no space.
_MD_LINK = re.compile(r"\[((?:\\.|[^\[\]\\\n]){1,200})\]\((?:https?://|mailto:|/|#)[^\s()]*(?:\([^\s()]*\)[^\s()]*)*\)")

_SPLIT_MARKUP = re.compile(r"\\(?=[!\"#$%&'()*+,\-./:;<=>?@\[\]^_`{|}~])|(?:\\?\*){2,}")
# a list's bullet or number before the clause's first word: "*   Emplacement", "2. Any guarantee", "(b) We may",
# "3.2 Les prix" (numbers read out of their list clashed, "2." under "2.", session 40)
_LEADING_BULLET = re.compile(r"\s*(?:[*+•-]|\d{1,2}(?:\.\d{1,2})+\.?|\d{1,2}[.)]|\(?[a-z][.)]|\([ivx]{1,4}\)|"
                             r"[ivx]{1,4}\))\s+(?=\S)")
_CUT_LINK = re.compile(r"\[((?:\\.|[^\[\]\\\n]){1,200})\]\((?:https?://|mailto:|/|#)[^\s()]*…?$")


def _unlinked(pieces: list[Piece]) -> list[Piece]:
    """``pieces`` without the markup of the Markdown links they hold, also when a link spans several pieces (decisive
    words inside its text)."""
    joined = "".join(p.text for p in pieces)
    if "](" not in joined and "\\" not in joined and "**" not in joined and not _LEADING_BULLET.match(joined):
        return pieces
    drop = bytearray(len(joined))
    # backslash escapes and bold markers, whichever piece their characters fell in ("\*\*Emplacement du véhicule
    # \*\*:" showed as « *\Emplacement … \*: » when a decisive word started after the first backslash, session 39)
    for m in _SPLIT_MARKUP.finditer(joined):
        for i in range(m.start(), m.end()):
            drop[i] = 1
    if bullet := _LEADING_BULLET.match(joined):  # "*   Emplacement": the list's bullet, not the clause's
        for i in range(bullet.end()):
            drop[i] = 1
    for m in _MD_LINK.finditer(joined):
        for i in (*range(m.start(), m.start(1)), *range(m.end(1), m.end())):
            drop[i] = 1
    if (tail := _CUT_LINK.search(joined)) and not drop[tail.start()]:  # an excerpt cut inside the link's address
        for i in (tail.start(), *range(tail.end(1), tail.end() - joined.endswith("…"))):
            drop[i] = 1
    out, pos = [], 0
    for p in pieces:
        kept = "".join(c for i, c in enumerate(p.text, pos) if not drop[i])
        pos += len(p.text)
        if kept:
            out.append(Piece(kept, p.decisive))
    return out


def _squash(pieces: list[Piece]) -> list[Piece]:
    """Whitespace runs (newlines of the source layout) become single spaces: excerpts read as one line of prose;
    Markdown links show their words, table pipes and backslash escapes go (``_unlinked``, ``_display``)."""
    out = []
    pieces = [Piece(_display(p.text), p.decisive) for p in _unlinked(pieces)]
    for i, p in enumerate(pieces):
        t = " ".join(p.text.split())
        if not t:  # only spaces between two pieces: one space ("[[soumises au]] [[droit français]]", not two)
            t = " " if p.text and 0 < i < len(pieces) - 1 else ""
        else:
            if p.text[:1].isspace() and i:
                t = " " + t
            if p.text[-1:].isspace() and i < len(pieces) - 1:
                t = t + " "
        if t:
            out.append(Piece(t, p.decisive))
    return out


def by_severity(findings: Sequence[Finding]) -> list[tuple[str, list[Finding]]]:
    """[(severity, findings)] for each severity that has findings, most severe first. Within a severity the findings
    of one id stay together, the most confident first (it carries the explanation; "see above" points just above),
    and the ids come in the order of their most confident finding; ties keep the given order (document order)."""
    groups = [(s, [f for f in findings if f.severity == s]) for s in SEVERITIES]
    other = [f for f in findings if f.severity not in SEVERITIES]
    if other:
        groups.append(("info", other))
    return [(s, _ids_together(fs)) for s, fs in groups if fs]


def _ids_together(findings: list[Finding]) -> list[Finding]:
    best: dict[str, float] = {}
    first: dict[str, int] = {}
    for i, f in enumerate(findings):
        best[f.id] = max(best.get(f.id, 0.0), f.confidence)
        first.setdefault(f.id, i)
    return [f for _, f in sorted(enumerate(findings), key=lambda p: (-best[p[1].id], first[p[1].id],
                                                                     -p[1].confidence, p[0]))]


def line_of(text: str, offset: int) -> int:
    """1-based line number of a character offset."""
    return text.count("\n", 0, max(0, min(offset, len(text)))) + 1


def law_groups(refs) -> list[tuple[str, str]]:
    """Consecutive references to the same official page, joined: [("GDPR Art. 7(3), Art. 5(1)(e)", url), ...];
    points of the same annex are listed once ("… Annex, point 1(j), 1(k)")."""
    groups: list[tuple[list[str], str]] = []
    previous = ""
    for r in refs:
        if groups and groups[-1][1] == r.url and r.url:
            prefix = _shared_annex(previous, r.ref) or _common_act(groups[-1][0][0], r.ref)
            groups[-1][0].append(r.ref[len(prefix):].strip() if prefix else r.ref)
        else:
            groups.append(([r.ref], r.url))
        previous = r.ref
    return [(", ".join(names), url) for names, url in groups]


def _shared_annex(previous: str, other: str) -> str:
    """"Directive 93/13/EEC Annex, point 1(j)" then "… Annex, point 1(k)": the second is written "1(k)"."""
    for sep in (" Annex, point ", " annexe, point "):
        if sep in previous and other.startswith(head := previous.split(sep)[0] + sep):
            return head
    return ""


def _common_act(first: str, other: str) -> str:
    """"GDPR Art. 7(3)" and "GDPR Art. 5(1)(e)" share the act name "GDPR" (written once)."""
    for sep in (" Art. ", " art. ", " Recital ", " considérant "):
        if sep in first and other.startswith(first.split(sep)[0] + " "):
            return first.split(sep)[0]
    return ""


def is_app(report: Report) -> bool:
    return report.app is not None


def uses_exodus(report: Report) -> bool:
    return bool(report.app and any(t.source == "exodus" for t in report.app.trackers))


def detectors_of(finding: Finding) -> list[str]:
    listed = finding.evidence.get("detectors") if isinstance(finding.evidence, dict) else None
    return list(listed) if listed else ([finding.detector] if finding.detector else [])


def origin_line(finding: Finding, lang: str) -> str:
    """Where an app finding's evidence lies: the app's own code or a named third-party library ("" if unknown)."""
    ev = finding.evidence if isinstance(finding.evidence, dict) else {}
    words = labels(lang)
    if ev.get("origin") == "library":
        name = ev.get("library") or "?"
        return words["origin_libraries" if ", " in name else "origin_library"].format(name=name)
    if ev.get("origin") == "app":
        return words["origin_app"]
    return ""


def reach_origin(row: dict, lang: str) -> str:
    """The "Where" cell of a "what this app can reach" row in ``lang``: the APK detector writes "app" or
    "library: <name>"; anything else is shown as given."""
    origin = str(row.get("origin", "") or "")
    words = labels(lang)
    if origin == "app":
        return words["reach_origin_app"]
    if origin.startswith("library:"):
        name = origin.partition(":")[2].strip() or "?"
        return words["reach_origin_libraries" if ", " in name else "reach_origin_library"].format(name=name)
    return origin


def tracker_categories(categories, lang: str) -> str:
    """A tracker's Exodus categories in ``lang``, comma-separated."""
    names = labels(lang)["tracker_category_names"]
    return ", ".join(names.get(c, c) for c in categories)


@dataclass(frozen=True, slots=True)
class LessCertain:
    """One "worth checking" line: a finding below the reporting floor, as every report format shows it."""

    id: str
    title: str
    confidence: str  # in the report language's decimal style
    line: int  # 0 when the finding has no place in the document
    exact: bool  # the line is the original file's (else the extracted text's)
    pieces: tuple[Piece, ...]
    anchor: str = ""  # "#:~:text=…" for HTML inputs


def less_certain(report: Report) -> list[LessCertain]:
    """The report's findings below the floor, most confident first, each with a short excerpt and its line."""
    if not report.less_certain:
        return []
    from .positions import positions

    where = positions(report, findings=report.less_certain)
    return [LessCertain(id=f.id, title=f.title or f.id, confidence=decimal(f.confidence, report.language),
                        line=p.shown_line if p else 0, exact=bool(p and p.exact),
                        pieces=excerpt(f, report.text, SAME_ID_CHARS) if report.text else (),
                        anchor=p.anchor if p else "")
            for f, p in zip(report.less_certain, where)]


SIMILAR_LISTED = 20  # same-template clauses named under a finding; the rest are counted


def similar_note(similar, w: dict, lang: str) -> str:
    """The lines under a finding that stands for other clauses (summary.SimilarRef), joined by " — ": "and 13
    similar clauses: line 412 “…Korean law”; line 415 “…Singaporean law”; … and 3 more" and "the same clause word for
    word at lines 307, 309". "" when there are none."""
    if not similar:
        return ""
    from ..law import colon

    sep = " ; " if lang == "fr" else "; "  # typography: « ; » in French
    opening, closing = w["quotes"]
    parts = []
    alike = [s for s in similar if not s.same]
    if alike:
        forms = w["similar"]
        head = forms["one"] if len(alike) == 1 else forms["many"].format(n=len(alike))
        items = [(w["at_line"].format(line=s.line) + " " if s.line else "") + f"{opening}{s.variant}{closing}"
                 for s in alike[:SIMILAR_LISTED]]
        if len(alike) > SIMILAR_LISTED:
            items.append(w["similar_more"].format(n=len(alike) - SIMILAR_LISTED))
        parts.append(f"{head}{colon(lang)}" + sep.join(items))
    same = [s for s in similar if s.same]
    if same:
        lines = [str(s.line) for s in same if s.line]
        forms = w["repeated_at"]
        parts.append(forms["one" if len(same) == 1 else "many"].format(n=len(same), lines=", ".join(lines[:SIMILAR_LISTED])
                                                                        + (" …" if len(lines) > SIMILAR_LISTED else ""))
                     if lines else forms["unplaced"].format(n=len(same)))
    return " — ".join(parts)


# The reader lines live in reader.py; kept importable from here, where the formats look for them.
from .reader import (authority_line, consumer_help_line, document_law_line, reader_line,  # noqa: E402,F401
                     suggested_line)
