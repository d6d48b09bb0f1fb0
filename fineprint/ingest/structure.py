"""Structure of plain text: headings, list items and paragraphs found from the layout of lines.

Used for .txt and .md files, for the text layer of PDFs, and by the segmenter when a Document has no blocks.
The heading test is deliberately conservative: a line that might be a sentence is kept as text, because a clause
mistaken for a heading would be hidden from the detectors, while a heading mistaken for text only costs context.

The module is over 500 lines (over 700) because the line tests (titles, dates, postal addresses, flattened tables) and
the line-by-line block builder that applies them are read together: each test is tuned on what the builder shows it.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from .. import postal
from ..model import Block

# "1.", "1.2", "1.2.3)", "a)", "(a)", "(iv)", "iv)", "A.", "Article 3 –", "ARTICLE 3 :", "Section 2.1", "§ 4"
SECTION_WORDS = r"(?:article|art\.|section|sec\.|clause|chapter|chapitre|titre|title|part|partie|annexe|annex|schedule)"
ENUM = (r"(?:" + SECTION_WORDS + r"\s+(?:\d+(?:\.\d+)*|[IVXLC]+|[A-Z])\b\.?"
        r"|§\s*\d+(?:\.\d+)*"
        r"|\d{1,3}(?:\.\d{1,3}){1,4}\.?(?=\s)|\d{1,3}[.)](?=\s)"
        r"|\(?[a-z]\)|\([ivxl]{1,6}\)|[ivxl]{1,6}\))")
_ENUM_START = re.compile(r"^\s*(?P<enum>" + ENUM + r")\s*(?:[-–—:.]\s*)?", re.IGNORECASE)
_NUMERIC_ENUM = re.compile(r"^\s*(\d{1,3}(?:\.\d{1,3}){0,4})[.)]?\s")
_BULLET = re.compile(r"^(?P<indent>[ \t]*)(?P<bullet>[-*+•·▪◦‣–—](?:[ \t]+))(?=\S)")
_MD_HEADING = re.compile(r"^(?P<hashes>#{1,6})[ \t]+(?P<text>.*?)[ \t#]*$")
_SETEXT = re.compile(r"^[ \t]*(=+|-+)[ \t]*$")
_FENCE_OR_RULE = re.compile(r"^[ \t]*(?:```|~~~|(?:[-*_][ \t]*){3,}$)")
_ESCAPED_ENUM = re.compile(r"^(\d{1,3}(?:\.\d{1,3}){0,4})\\\.")
_PRONOUN_START = re.compile(r"(?:we|you|they|it|i|nous|vous|ils|elles|on)\b", re.IGNORECASE)
_LABEL_VALUE = re.compile(r"\S:\s+\S")
_TERMINAL = re.compile(r"[.;,!…]['\"”’»)\]]*$")  # "?" may end a heading ("What data do we collect?")
_LETTER = re.compile(r"[^\W\d_]")
# Text extracted from PDFs is often saved with a blank line after every wrapped line ("… et nous traitons vos données
# à caractère personnel\n\nen qualité de coresponsables …"): a blank line there is a line wrap, not a paragraph break.
# It is read as a wrap only when the text before it cannot end a sentence and the line after it continues it.
_OPEN_END = re.compile(r"(?:\(|\b(?:a|an|the|of|to|in|on|for|by|with|from|that|which|as|at|our|your|"
                       r"its|their|this|these|such|any|all|may|will|shall|be|is|are|not|"
                       r"de|du|des|la|le|les|l'|l’|d'|d’|un|une|à|au|aux|en|par|pour|sur|avec|dans|que|qui|"
                       r"dont|vos|votre|nos|notre|leur|leurs|ces|cette|ce|ne|pas|est|sont|sera|seront))$",
                       re.IGNORECASE)
# A title never ends on an article, a possessive, "of"/"and" or a comma: such a line is the start of a wrapped sentence
_DANGLING = re.compile(r"(?:,|\b(?:a|an|the|of|and|or|your|our|de|du|des|la|le|les|un|une|et|ou|vos|votre|nos|notre)"
                       r"|\b[ld][’'])$", re.IGNORECASE)
_CLOSED_END = re.compile(r"[.!?:;…»\"”]['\"”’»)\]]*$")
_ITEM_END = re.compile(r"[;,]\s*(?:or|and|ou|et)$", re.IGNORECASE)  # "…or problems; or": an item of a list
_URL_START = re.compile(r"(?:https?://|www\.|\S+@\S+\.\w)", re.IGNORECASE)
_LETTER_ITEM = re.compile(r"(?:[a-z]|[ivx]{1,4})[.)]\s", re.IGNORECASE)  # "b. Isn't in English", "ii) …"
_WORD_START = re.compile(r"[^\W\d_]{2}")
# Words that make a line a commitment rather than a title; such a line is kept as text even without a full stop.
_OBLIGATION = re.compile(r"\b(?:may|shall|will|must|cannot|agree|agrees|accept|accepts|waive|waives|"
                         r"peut|peuvent|doit|doivent|acceptez|accepte|renoncez|renonce|cédez|cède)\b", re.IGNORECASE)


def _continues(line: str) -> bool:
    """A line that goes on with a sentence begun above it: it starts with a lower-case word, not an item letter."""
    return line[:1].islower() and bool(_WORD_START.match(line)) and not _LETTER_ITEM.match(line)


def _is_caps(text: str) -> bool:
    letters = _LETTER.findall(text)
    return len(letters) >= 3 and all(c.isupper() for c in letters)


def heading_level(text: str) -> int | None:
    """The level of a line if it reads as a heading, else None. Long or sentence-like lines are never headings."""
    # Markdown escapes the dot of a numbered title ("3\\. Description"): the number is a number all the same
    line = _ESCAPED_ENUM.sub(r"\1.", text.strip())
    words = line.split()
    if not line or len(line) > 120 or len(words) > 14 or _TERMINAL.search(line) or line.endswith("?"):
        return None
    if _DANGLING.search(line):
        return None  # "5. VOS DROITS. Vous disposez d'un droit d'accès, de rectification et de suppression de"
    if _OBLIGATION.search(line):
        return None  # "YOU AGREE TO BINDING ARBITRATION": a clause without its full stop, not a title
    if line.endswith(":") and not _NUMERIC_ENUM.match(line):
        return None  # "We collect:" introduces a list; "10. Contact Information:" is a heading
    if not _LETTER.search(line):
        return None
    numeric = _NUMERIC_ENUM.match(line + " ")
    enum = _ENUM_START.match(line)
    if not enum and _LABEL_VALUE.search(line):
        return None  # "VAT NUMBER: FR52 749 983 029", "Email: privacy@…": a label and its value, not a title
    if enum and len(words) >= 2:
        body = line[enum.end():]
        if not body or not (body[0].isupper() or body[0].isdigit() or body[0] in "«\"'“"):
            return None
        if _PRONOUN_START.match(body) and len(body.split()) >= 4:
            return None  # "3. We are not liable for:" opens a clause (its list follows), it does not title one
        if numeric:
            return min(1 + numeric.group(1).rstrip(".").count("."), 5)
        return 1 if re.match(SECTION_WORDS, line, re.IGNORECASE) else 3
    if _is_caps(line) and len(words) <= 10:
        return 1
    return None


_PUNCT_TOKEN = re.compile(r"[^\w]+")


# A question by its form: a question word, or an auxiliary first ("Will we …?"), or French inversion (« peut-il »)
_QUESTION_FORM = re.compile(r"^\W*(?:\d+(?:\.\d+)*[.)]?\s+)?(?:will|would|may|can|could|shall|should|must|do|does|did|"
                            r"is|are|was|were|has|have)\b|\b(?:who|what|why|when|where|which|how|qui|quoi|"
                            r"quel(?:le)?s?|comment|pourquoi|o[uù]|quand|combien|lequel|laquelle|lesquel(?:le)?s)\b"
                            r"|-(?:t-)?(?:il|elle|ils|elles|on|nous|vous)\b", re.IGNORECASE)


def _title_like(line: str) -> bool:
    """A short line written like a title ("Privacy Policy", "Données personnelles", "How do we use your data?") —
    used only when the layout around it also says heading."""
    words = line.split()
    if not words or len(line) > 100 or not line[0].isupper() or _TERMINAL.search(line) or line.endswith(":"):
        return False
    if ": " in line or "@" in line or "://" in line:
        return False  # "Email: privacy@…", "Country refers to: Spain"
    if line.endswith("?") and (not _OBLIGATION.search(line) or _QUESTION_FORM.search(line)):
        # words, not the spaced punctuation of French ("… traitées ? Sur quels fondements ?"). A question asserts
        # nothing, whatever its verb: « Qui peut avoir accès à vos données ? », "Will Guilded share …?" (session 40:
        # Comptoir's question heading was glued to its answer and read as a right of access); "We may sell your
        # data?" is a statement with a question mark
        return len([w for w in words if not _PUNCT_TOKEN.fullmatch(w)]) <= 14
    if _OBLIGATION.search(line):
        return False  # "We May Sell Your Data"
    if len(words) > 6:
        return False
    long_words = [w for w in words if len(w) >= 4]
    return len(words) <= 3 or sum(w[0].isupper() for w in long_words) * 2 >= len(long_words)


def _long_title(line: str) -> bool:
    """A longer heading in capitals or Title Case ("IDENTITY VERIFICATION AND BIOMETRIC DATA Privacy Notice"): seven to
    ten words, every word of four letters or more capitalised; not a table row, not a power ("Mozilla Can Update or
    Terminate This Agreement" states one). Read for findings only, never to cut a document."""
    words = line.split()
    long_words = [w for w in words if len(w) >= 4]
    if not 6 < len(words) <= 10 or len(long_words) < 4 or not all(w[0].isupper() for w in long_words):
        return False
    if _TERMINAL.search(line) or line.endswith(":") or "|" in line or "@" in line or _OBLIGATION.search(line):
        return False
    return not re.search(r"\b(?:can|could|reserves?|pouvons|pouvez)\b", line, re.I)


_UNDERLINE = re.compile(r"\s*[-=_—–]{3,}\s*$")


_ENUMERATED = re.compile(r"^(?:\d{1,2}(?:\.\d{1,2}){0,3}\.?|[ivx]{1,4}[.)]|[a-z][.)])\s+", re.IGNORECASE)


def _numbered_question(line: str) -> bool:
    """A numbered question heading ("2.4 Vos données sont-elles traitées hors UE ?", "3. Is your data transmitted outside
    of the European Union?"): read as its unnumbered self. For findings only, never to cut a document."""
    rest = _ENUMERATED.sub("", line, count=1)
    return rest != line and rest.endswith("?") and _title_like(rest)


def _header_row(text: str) -> bool:
    """A Markdown table row whose every filled cell is a short heading in capitals (its column headings), now that
    each row is a passage of its own (session 40): it names columns, it grants or takes nothing."""
    cells = [c.strip() for c in text.strip().strip("|").split("|") if c.strip()]
    return len(cells) >= 2 and all(_is_caps(c) and len(c.split()) <= 6 and not _TERMINAL.search(c) for c in cells)


def reads_as_title(text: str) -> bool:
    """A sentence on its own that is a title ("Cross-Border Data Transfers", "7. Transferts internationaux", "Is your
    data transmitted outside of the European Union?"): it names a topic, it grants or takes nothing."""
    if " | " in text and len(text) <= 300 and _header_row(text):
        return True  # "ENTREPRISE | FINALITÉ | TRANSFERT INTERNATIONAL DE DONNÉES": a table's column headings
    end = text.rstrip()[-1:]
    if end in ("|", ".") or end.isdigit():
        toc = _TOC_TAIL.sub("", text)  # a contents entry scraped from a table: "Transfert de vos données. | | 7."
        if toc != text:
            return 0 < len(toc.split()) <= 15 and not _OBLIGATION.search(toc)
    if end in ("…", "?") and len(text) <= 300 and _is_caps(text) and _QUESTION.search(text):
        return True  # an ALL-CAPS question heading: "VOS DONNÉES SERONT-ELLES TRANSFÉRÉES EN DEHORS DE L'UE …"
    if len(text) > 400 or end in (";", ",", "!", "…"):
        return False  # (fast path: most clauses) a title is short and does not end a sentence
    if end == ".":
        return _title_with_period(text)
    line = _UNDERLINE.sub("", " ".join(text.split())).strip("*_ ")  # markdown emphasis around a heading
    return bool(line) and (heading_level(line) is not None or _title_like(line) or _topic_title(line)
                           or _long_title(line) or _numbered_question(line))


# Sentence-case titles without a period that the capitals rule cannot see ("Cross-border transfers of information",
# "b. How we may terminate or suspend Services", « Transferts hors de l'Espace Economique Européen (E.E.E.) »):
# eight words at most, no closing punctuation, and either a question word first or a topic noun first and no verb
# of the kinds a clause needs. Readers of the whole reports judged each of these reported as a finding false.
_TOPIC_FIRST = re.compile(
    r"^(?:(?:\d{1,2}(?:\.\d{1,2}){0,3}\.?|[ivx]{1,4}[.)]|[a-z][.)])\s+)?(?:"
    r"(?:how|what|why|when|where|who|which|comment|pourquoi|quand|o[uù]|qui|quelles?|quels?)\s+\w|"
    r"(?:cross[\s-]border|international|transfers?|transferts?|changes|modifications?|updates?|retention|conservation|"
    r"sharing|partage|disclosures?|sale|security|s[ée]curit[ée]|limitations?|disclaimers?|termination|r[ée]siliation|"
    r"arbitration|arbitrage|governing|disputes?|litiges?|liability|responsabilit[ée]|cookies|data|donn[ée]es|your|vos)\b"
    r"(?!.*\b(?:we|you|nous|vous)\s+(?:\w+\s+)?(?:share|sell|transfer|keep|retain|partageons|transf[ée]rons|"
    r"conservons|vendons)\b))", re.IGNORECASE)
_CLAUSE_VERB = re.compile(r"\b(?:is|are|was|were|be|been|has|have|do|does|est|sont|sera|seront|a|ont)\b", re.IGNORECASE)


def _topic_title(line: str) -> bool:
    words = line.split()
    if not 0 < len(words) <= 8 or not line[0].isalnum() or _TERMINAL.search(line) or line.endswith(":"):
        return False
    if not _TOPIC_FIRST.match(line):
        return False
    question = re.match(r"^\S*\s*(?:how|what|why|when|where|who|which|comment|pourquoi|quand|o[uù]|qui|quel)", line,
                        re.IGNORECASE)
    return bool(question) or not (_OBLIGATION.search(line) or _CLAUSE_VERB.search(line))


_QUESTION = re.compile(r"-(?:ELLES?|ILS?|T-ILS?|T-ELLES?|NOUS|VOUS|ON)\b|\bEST-CE\b|^\W*(?:\d+[.)]?\s+)?(?:COMMENT|POURQUOI|"
                       r"QUELS?|QUELLES?|QUI|OÙ|QUAND|COMBIEN|HOW|WHY|WHAT|WHO|WHERE|WHEN|WHICH|DO|DOES|IS|ARE|CAN|WILL)\b")
_TOC_TAIL = re.compile(r"(?:\s*\|){2,}\s*\d+\.?\s*$")
_SENTENCE_OPENER = re.compile(r"^(?:we|you|they|our|your|i|it|this|these|nous|vous|ils|elles|on)\b", re.IGNORECASE)


def _title_with_period(text: str) -> bool:
    """A run-in heading closed by a period ("Sale, Acquisition, or Transfer of Assets.", "Legal Requirements."):
    six words at most, every word of four letters or more capitalised, not opening on a pronoun. A sentence
    (even a short one, "We Sell Data.") and sentence-case French titles are left alone."""
    line = " ".join(text.split())
    numbered = _SECTION_NUMBER.match(line)
    if numbered:  # "8. Rights Related to Sharing for Targeted Advertising or Sale.": a numbered title may be longer
        line = line[numbered.end():]
    if len(line) > (120 if numbered else 80) or line.endswith("..") or _SENTENCE_OPENER.search(line):
        return False
    core = line[:-1].strip()
    words = core.split()
    long_words = [w.strip(",;()\"'“”") for w in words]
    long_words = [w for w in long_words if len(w) >= 4]
    if not (0 < len(words) <= (12 if numbered else 6) and long_words and all(w[0].isupper() for w in long_words)):
        return False
    return _title_like(core) if len(words) <= 6 else not (_TERMINAL.search(core) or _OBLIGATION.search(core)
                                                           or ": " in core)


_SECTION_NUMBER = re.compile(r"^(?:\d{1,2}(?:\.\d{1,2}){0,3}\.?|[IVX]{1,5}\.|[A-Za-z][.)])\s+(?=[A-Z])")


# Postal addresses. A contact block ("Acme Inc." / "123 Main Street, Suite 4" / "Los Angeles, CA 90064" / "Germany")
# is a run of short lines, each of which the title rules could take for a heading; none of them is one. A line is an
# anchor of an address when it has a street, a post box, a suite or floor, or a postcode beside a city (what those look
# like is ``fineprint.postal``'s); the addressee line just above the first anchor, company names above it and country,
# phone or e-mail lines below the last one belong to the same address.
_COMPANY = re.compile(r"\b(?:inc|llc|l\.l\.c|ltd|limited|corp|corporation|company|co|gmbh|ug|ag|kg|sa|s\.a|sas|s\.a\.s|"
                      r"sarl|s\.a\.r\.l|sàrl|bv|b\.v|nv|n\.v|plc|pte|pty|kk|k\.k|s\.l|s\.p\.a|spa|srl|s\.r\.l|oy|ab|"
                      r"as|a/s|aps|lp|llp)\b\.?(?:\s*\(.*\))?\s*$", re.IGNORECASE)
# a contact line below an address: "Attn: Legal", "Phone: +1 310 …", "Tel. 01 23 45 67 89", an e-mail; not a title that
# opens on the same word ("Email preferences and newsletters")
_CONTACT = re.compile(r"^(?:attn|attention|c/o|care of|à l['’]attention)\b"
                      r"|^(?:tel|tél|phone|t[ée]l[ée]phone|fax|e-?mail|courriel)\b\.?\s*(?:[:\-–]|$|(?=.*[\d@]))"
                      r"|^\+?[\d ().-]{7,}$|\S+@\S+\.\w", re.IGNORECASE)


_CITY_COUNTRY = re.compile(r"[^\W\d_][^,\d]{1,40},\s*[^,\d]{2,40}")  # "Tel Aviv, Israel"


def _address_lines(lines: list[str]) -> set[int]:
    """Indices of the lines that belong to a postal address (see above)."""
    n = len(lines)
    stripped = [_BULLET.sub("", ln).strip() for ln in lines]
    short = [0 < len(s) <= 80 and len(s.split()) <= 12 for s in stripped]

    def step(i: int, d: int) -> int | None:
        j = i + d
        while 0 <= j < n and not stripped[j]:
            j += d
        return j if 0 <= j < n and short[j] else None

    def postcode_city(i: int) -> bool:
        found = postal.find_postcode(stripped[i])
        if found is None:
            return False
        if found.self_evident:  # "Los Angeles, CA 90064", "SW1A 1AA", "1012 AB Amsterdam", "80798 Munich, Germany"
            return True
        # "80798 Munich", "Singapore 139953": a line of a postcode and a city, with a street above it or a country below
        above, below = step(i, -1), step(i, 1)
        return postal.postcode_city(stripped[i]) is not None and (
            (above is not None and postal.is_street_line(stripped[above]))
            or (below is not None and postal.is_country(stripped[below])))

    anchors = [i for i in range(n) if short[i] and not _ENUM_START.match(stripped[i]) and (
        postal.is_street_line(stripped[i]) or postcode_city(i)
        or re.match(r"(?:attn|attention|à l['’]attention|c/o|care of)\b", stripped[i], re.I))]
    marked: set[int] = set()
    for a in anchors:
        if a in marked:
            continue
        marked.add(a)
        j, place = step(a, 1), True
        while j is not None:
            line = stripped[j]
            if j in anchors or postcode_city(j):
                place = True
            elif place and (postal.is_country(line)
                            or _CITY_COUNTRY.fullmatch(line) and postal.ends_with_country(line)):
                place = False  # "Germany", "Tel Aviv, Israel" below a street or a postcode
            elif _CONTACT.search(line):
                place = False  # a country after a phone or e-mail line is the next section's title ("United Kingdom")
            else:
                break
            marked.add(j)
            j = step(j, 1)
        j = step(a, -1)
        if (j is not None and j not in marked and not stripped[j].endswith(":") and not _ENUM_START.match(stripped[j])
                and not (lines[j].lstrip().startswith("#"))):
            marked.add(j)  # the addressee: "Acme Inc.", "Data Protection Officer"
            j = step(j, -1)
            while j is not None and _COMPANY.search(stripped[j]) and not _ENUM_START.match(stripped[j]):
                marked.add(j)
                j = step(j, -1)
            # the first line after "… à l'adresse suivante :" / "… by post to:" is the address's first line, whatever
            # it looks like (« COMPTOIR DES COTONNIERS » above « Service clients » read as a section, session 40)
            if (j is not None and j not in marked and not stripped[j].endswith(":")
                    and not _ENUM_START.match(stripped[j]) and not lines[j].lstrip().startswith("#")):
                intro = j - 1
                while intro >= 0 and not stripped[intro]:
                    intro -= 1
                if intro >= 0 and stripped[intro].endswith(":"):
                    marked.add(j)
    return marked


# A clause that is a postal address and nothing else carries no rights or unfair-terms finding (``fineprint.pipeline``)
reads_as_address = postal.reads_as_address


# Records of a flattened table ("Advertising campaigns running in: Japan" / "The Criteo Service shall be provided by:
# Criteo K.K." / "Law governing the Agreement shall be: Japanese law", then the same rows for Korea …). A row is a label
# and its value, never a heading; a row written without its colon ("Advertising campaigns running in Korea") is a row
# all the same, and taken for a heading it would claim every record after it.
_ROW = re.compile(r"^(?P<label>[^\W\d_][^:]{2,80}?)\s?:\s+\S")


def _label_key(label: str) -> tuple[str, ...]:
    words = re.findall(r"[^\W\d_]+", label.lower())
    return tuple(w[:-1] if len(w) > 3 and w.endswith("s") else w for w in words)  # "campaign(s)"


def _record_rows(stripped: list[str]) -> set[int]:
    """Indices of the colon-less lines that begin with the label of a row repeated in at least three records."""
    n = len(stripped)
    rows: dict[int, tuple[str, ...]] = {}
    for i, line in enumerate(stripped):
        m = _ROW.match(line)
        if m and 2 <= len(m.group("label").split()) <= 10 and not _ENUM_START.match(line):
            rows[i] = _label_key(m.group("label"))
    if len(rows) < 6:
        return set()
    counts: dict[tuple[str, ...], int] = {}
    for key in rows.values():
        counts[key] = counts.get(key, 0) + 1
    followed: dict[tuple[str, ...], int] = {}  # a row followed by another repeated row: a record
    for i, key in rows.items():
        j = i + 1
        while j < n and not stripped[j]:
            j += 1
        if counts[key] >= 3 and j in rows and rows[j] != key and counts[rows[j]] >= 3:
            followed[key] = followed.get(key, 0) + 1
    labels = [key for key, c in followed.items() if c >= 3]
    if not labels:
        return set()
    out = set()
    for i, line in enumerate(stripped):
        if line and i not in rows and ":" not in line:
            key = _label_key(line)
            if any(len(key) > len(label) and key[:len(label)] == label for label in labels):
                out.add(i)
    return out


_STATE_VERB = re.compile(r"\b(?:is|are|was|were|be|been|has|have|had|do|does|did|can|could|would|should|est|sont|"
                         r"était|sera|seront|ont|avons|avez|sommes|êtes|peut|peuvent|pouvons|pouvez|fait|font)\b",
                         re.IGNORECASE)
_NOT_A_TITLE_START = re.compile(r"(?:please|veuillez|à l['’]attention|attention|attn|see|voir|read|lisez|note|download|"
                                r"télécharge[rz]|last updated|updated|revised|effective|en vigueur|mises? à jour|"
                                r"dernière mise à jour)\b", re.IGNORECASE)
# a link ("Learn more about …", « FINALITÉ En savoir plus »), a form field ("Commande du / livraison du (\*)"), an image
# ("Ex.png Any event which …"), a price list row ("… 700 € TTC"), a date ("Mise à jour le 30/10/2024"), a cut word,
# a link ("Full list of websites ›"), a negation (« LeCab n’enregistre pas vos données bancaires » is a statement)
_NOT_A_TITLE = re.compile(r"learn more|en savoir plus|plus d['’]informations|\bnot\b|\bnever\b|\bne\b|\bn['’]|"
                          r"\bpas\b|\bjamais\b|=|\bclick|\bcliquez|[\\*_]|\.(?:png|jpe?g|gif|svg|webp)\b|"
                          r"\d\s?(?:€|\$|£|eur\b|euros?\b|usd\b|dollars?\b)|(?:€|\$|£)\s?\d|"
                          r"\b\d{1,2}[/.]\d{1,2}[/.]\d{2,4}\b|"
                          r"\b(?:19|20)\d\d$|\s[^\W\d_]$|[›→]$", re.IGNORECASE)


def _sentence_case_title(line: str, most: int = 8) -> bool:
    """A title of four to eight words in sentence case ("Other state-specific privacy rights", "“Selling,” “sharing,” or
    “targeted advertising”", « Vos droits sur vos données »): no verb, no pronoun, no closing punctuation. Taken for a
    heading only standing alone above a paragraph (Markdown bold lines lose their ``**`` before structure is read)."""
    core = line.lstrip("«“\"'‘ ")
    words = [w for w in line.split() if _LETTER.search(w)]
    if not 4 <= len(words) <= most or len(line) > 10 * most or not core[:1].isupper():
        return False
    if (_TERMINAL.search(line) or line.endswith((":", "?")) or ":" in line or "@" in line or "://" in line
            or "|" in line or _DANGLING.search(line)):
        return False
    if line.count("(") != line.count(")") or _NOT_A_TITLE.search(line):
        return False
    if postal.is_address_line(line):
        return False  # "Reebok Marketing GmbH - Adi-Dassler Str. 1, 91074 Herzogenaurach, Allemagne"
    return not (_OBLIGATION.search(line) or _STATE_VERB.search(line) or _SENTENCE_OPENER.match(core)
                or _NOT_A_TITLE_START.match(core))


# A date line: "Last Updated: 14 August, 2025", "Effective as of April 3, 2023", "Version 1.2, Effective November 1,
# 2023", « Dernière mise à jour : 12 mars 2024 », « En vigueur au 1er janvier 2025 », « Version du 01/12/2023 », or a
# date alone ("June 10, 2026"). It dates the document; it titles no section, and taken for a heading it put the
# opening clauses under "Last Updated: …" in the document map (session 40, Bluesky's terms). Only the date, the
# words that introduce one and a version number may be on the line (a trailing parenthesis or "| Archived versions"
# aside): "Privacy Policy Updated May 25, 2020" and "Part B: Old version - updated on 3 March 2026" are titles.
_MONTH = (r"(?:january|february|march|april|may|june|july|august|september|october|november|december|"
          r"jan|feb|mar|apr|jun|jul|aug|sept?|oct|nov|dec|"
          r"janvier|f[ée]vrier|mars|avril|mai|juin|juillet|ao[uû]t|septembre|octobre|novembre|d[ée]cembre|"
          r"janv|f[ée]vr?|avr|juil)\.?")
_DATE = re.compile(r"(?<![\w/.-])(?:"
                   r"(?:\d{1,2}(?:st|nd|rd|th|er)?\s+)?" + _MONTH + r",?\s+(?:\d{1,2}(?:st|nd|rd|th|er)?,?\s+)?"
                   r"(?:19|20)\d\d"
                   r"|\d{1,2}([/.-])\d{1,2}\1(?:19|20)\d\d|\d{1,2}([/-])\d{1,2}\2\d\d|(?:19|20)\d\d-\d\d-\d\d"
                   r")(?![\w/-])", re.IGNORECASE)
_DATE_WORDS = frozenset("""
last latest updated update updates modified revised amended changed effective date dated as of on in from valid since
until version publication published posted previous archived formulated issued
dernière derniere mise mis mises à a jour le du au en vigueur depuis compter partir entrée entree d date effet
applicable applicables modifié modifiée modifie publiée publiee version
""".split())
_DATE_TAIL = re.compile(r"\s*(?:\([^()]*\)|\|.*)\s*$")
_VERSION_NUMBER = re.compile(r"^v?\d{1,3}(?:\.\d{1,3}){0,3}$", re.IGNORECASE)


def is_date_line(line: str) -> bool:
    """A line that dates the document ("Last updated: May 7, 2026", « Mise à jour le 12/02/2024 ») and says nothing
    else: never a heading (see ``_DATE``)."""
    line = line.strip().strip("*_#> ").strip()
    if not line or len(line) > 120:
        return False
    core = _DATE_TAIL.sub("", line)
    if not _DATE.search(core):
        core = line  # "Version 8.0 | July 23, 2025": the date is after the bar
        if not _DATE.search(core):
            return False
    rest = _DATE.sub(" ", core)
    for token in re.split(r"[\s:–—,|()'’\-]+", rest):
        token = token.strip(".'’").lower()
        if token and token not in _DATE_WORDS and not _VERSION_NUMBER.match(token):
            return False
    return True


def _opens_text(line: str) -> bool:
    """The line under a title: a paragraph (a sentence of eight words or more), a list item or a table. A short line
    without a full stop is not one (« Autorités judiciaires locales et nationales » / « Agences locales et nationales
    d'application de la loi »: items of an unmarked list)."""
    if _BULLET.match(line) or _ENUM_START.match(line):
        return heading_level(line) is None  # a list item, not the next heading
    words = len(line.split())
    return line.startswith("|") or (words >= 8 and len(line) >= 50 and (words >= 15 or bool(_CLOSED_END.search(line))))


# Markdown's backslash hard break at the end of a line ("**Sécurité des données**\\" then the paragraph); the two
# trailing spaces and the <br> of the other hard breaks are gone before structure is read
_HARD_BREAK = re.compile(r"(?<!\\)\\[ \t]*$")
# A Markdown table row: "| Base légale | Nous manipulons vos données … |" (the cells between the outer bars)
_TABLE_ROW = re.compile(r"^[ \t]*\|(?P<cells>.*\|.*?)\|?[ \t]*$")
_TABLE_DELIMITER = re.compile(r"^[ \t]*\|?[ \t]*:?-{3,}:?[ \t]*(?:\|[ \t]*:?-{3,}:?[ \t]*)*\|?[ \t]*$")


def _hard_break_title(line: str, following: str) -> bool:
    """In Markdown, a title set on its own line right above its paragraph: a bold heading closed by a hard line break
    (``**Sécurité des données personnelles**`` + two spaces, a backslash or ``<br>``, then « Nous prenons … » on the
    next line). Converted pages break a paragraph's lines only there, so the line is the title and the line below it
    the paragraph's first sentence, not its first words (session 40). The line below must open a sentence of its own
    (a capital, eight words or more) and the title must not end on a word a sentence goes on from ("collected from")."""
    return (following[:1].isupper() and not _BULLET.match(following) and not _ENUM_START.match(following)
            and _opens_text(following) and not _OPEN_END.search(line))


def _long_numbered_title(line: str) -> bool:
    """A numbered title longer than the fourteen words ``heading_level`` allows, set as a paragraph of its own with its
    number escaped (« 6\\. Pour protéger notre site web des menaces et fraudes et vous faire bénéficier d'une
    expérience sécurisée avec nous »): Markdown converters escape the number of a paragraph, never of a list's item,
    so it is no item of a numbered list. Still a title only without closing punctuation (a colon included: a long line
    ending on one opens a list), a second sentence, a commitment or a dangling end; opening on a pronoun, only before an
    infinitive (« 2\\. Vous tenir informés … »; « 2\\. Nous recevons … » is a sentence)."""
    line = _ESCAPED_ENUM.sub(r"\1.", line.strip())
    enum = _NUMERIC_ENUM.match(line + " ")
    if not enum or len(line) > 220 or len(line.split()) > 30:
        return False
    body = line[enum.end():].strip()
    if not body or not (body[0].isupper() or body[0] in "«\"“"):
        return False
    if (_TERMINAL.search(line) or line.endswith(":") or _OBLIGATION.search(body) or _DANGLING.search(body)
            or _OPEN_END.search(body) or "@" in body or "://" in body or "|" in body or _INNER_STOP.search(body)):
        return False  # "3\\. We keep a close eye on every visit …, we'll block anyone … we suspect of:" opens a list
    if _PRONOUN_START.match(body) and len(body.split()) >= 4:
        return bool(_INFINITIVE_TITLE.match(body)) and not _STATE_VERB.search(body)
    return True


_LETTERED = re.compile(r"^[A-H][.)]\s")  # "D. Lorsque vous …": a section lettered A, B, C…
_INNER_STOP = re.compile(r"[^\W\d_]{2}[.!?]\s+[A-Z]")  # "All Private Transport. You won't be entitled …": two sentences
# « Vous tenir informés … », « Nous contacter »: a pronoun before an infinitive names an action, it states none
_INFINITIVE_TITLE = re.compile(r"(?:nous|vous)\s+[^\W\d_]+(?:er|ir|re)\b", re.IGNORECASE)


def _numbered_title_opens(nxt: str) -> bool:
    """The text under a long numbered title: a paragraph, a bulleted list or a table, not the next numbered line (a
    list of numbered sentences without full stops)."""
    if not nxt or _ENUM_START.match(nxt) or _ESCAPED_ENUM.match(nxt):
        return False
    return nxt.startswith("|") or bool(_BULLET.match(nxt)) or (nxt[:1].isupper() and _opens_text(nxt))


@dataclass(slots=True)
class _OpenBlock:
    """The block being built while lines are read (mutable; frozen into a Block when closed)."""

    start: int
    end: int
    kind: str
    level: int


def row_key(cells: str) -> str:
    """A table row's filled cells, words only, for matching one row before and after normalisation."""
    return " | ".join(" ".join(re.findall(r"\w+", c)).lower() for c in cells.split("|") if re.search(r"\w", c))


def plain_text_blocks(text: str, *, markdown: bool = False, header_rows: frozenset[str] = frozenset()
                      ) -> tuple[Block, ...]:
    """Blocks of a plain-text document, offsets into ``text``.

    Paragraphs are runs of non-blank lines; inside a run, a line starting with a bullet or an enumeration marker
    starts a list item, and a line that reads as a heading (numbered title, short ALL-CAPS title, a short title line
    standing alone or directly above its text; a sentence-case title of four to eight words standing alone above a
    paragraph) becomes a heading. A run of ALL-CAPS lines is one paragraph (a disclaimer), not a series of headings;
    the lines of a postal address, the rows of a flattened table and a line that only dates the document ("Last
    updated: …", « En vigueur au … ») are never headings. With ``markdown``, ``#`` and setext headings (a date line
    among them is a paragraph), quotes and code fences too; each row of a table is a block of its own ("table-row",
    from its first filled cell to its last); a title of four to twelve words set right above its paragraph (a bold
    line closed by a hard break) is a heading, and so is a long or questioning numbered title whose number the
    converter escaped ("6\\. Pour protéger …"), standing alone above its text. ``header_rows``: the rows
    (``row_key``) known to name a table's columns though they sit under its delimiter, right under an empty header row
    (``text.bold_header_rows``).
    """
    spans: list[tuple[int, int]] = []
    pos = 0
    for raw_line in text.split("\n"):
        spans.append((pos, pos + len(raw_line)))
        pos += len(raw_line) + 1
    n = len(spans)

    def line_at(i: int) -> str:
        return text[spans[i][0]:spans[i][1]] if 0 <= i < n else ""

    blocks: list[Block] = []
    current: _OpenBlock | None = None

    def close() -> None:
        nonlocal current
        if current is not None:
            seg = text[current.start:current.end]
            start = current.start + len(seg) - len(seg.lstrip())
            end = current.end - (len(seg) - len(seg.rstrip()))
            if end > start:
                blocks.append(Block(start=start, end=end, kind=current.kind, level=current.level))
        current = None

    def open_block(start: int, end: int, kind: str, level: int = 0) -> None:
        nonlocal current
        close()
        current = _OpenBlock(start, end, kind, level)

    def wraps(i: int) -> bool:
        """Line i is blank, the one after it continues the open paragraph: a wrap saved as a blank line."""
        if current is None or current.kind not in ("paragraph", "list-item") or i + 1 >= n:
            return False
        if not line_at(i - 1).strip():
            return False  # two or more blank lines: a real break
        nxt = line_at(i + 1).strip()
        tail = text[current.start:current.end].rstrip()
        if len(line_at(i - 1).strip()) < 40:
            return False  # a wrapped line is a long one; short lines are cells, addresses, labels
        if (not nxt or _CLOSED_END.search(tail) or _ITEM_END.search(tail) or _URL_START.match(nxt)
                or nxt[0] in "-*+•·▪◦‣–—" or _ENUM_START.match(nxt) or _ESCAPED_ENUM.match(nxt)
                or _LETTER_ITEM.match(nxt)):
            return False
        if markdown and (nxt.startswith(("#", ">", "```", "~~~", "|")) or _FENCE_OR_RULE.match(nxt)
                         or _SETEXT.match(line_at(i + 2))):
            return False
        return _continues(nxt) or bool(_OPEN_END.search(tail))

    stripped_lines = [(_HARD_BREAK.sub("", text[a:b]) if markdown else text[a:b]).strip() for a, b in spans]
    never_heading = _address_lines(stripped_lines) | _record_rows(stripped_lines)
    never_heading |= {i for i, line in enumerate(stripped_lines) if line and _DATE.search(line) and is_date_line(line)}

    def next_text(i: int) -> str:
        """The next non-blank line after line i."""
        j = i + 1
        while j < n and not stripped_lines[j]:
            j += 1
        return stripped_lines[j] if j < n else ""

    def after_text_or_heading(i: int) -> bool:
        """Line i is not the next item of an unmarked list: the line before it does not end with a colon ("We collect:")
        and is not itself a short title-like line left as text ("Name and postal address" / "Device identifiers")."""
        j = i - 1
        while j >= 0 and not stripped_lines[j]:
            j -= 1
        if j < 0 or j in never_heading or (blocks and blocks[-1].kind == "heading" and blocks[-1].start >= spans[j][0]):
            return True  # after a heading or an address
        prev = stripped_lines[j]
        return not (prev.endswith((":", ",", ";")) or _sentence_case_title(prev) or _title_like(prev))

    in_fence = False
    wrapped = False
    for i, (start, end) in enumerate(spans):
        line = text[start:end]
        stripped = line.strip()
        if wrapped and stripped:
            wrapped = False
            current.end = end  # type: ignore[union-attr]  (wraps() checked that a block is open)
            continue
        if markdown and _FENCE_OR_RULE.match(line):
            close()
            if stripped.startswith(("```", "~~~")):
                in_fence = not in_fence
            continue
        if in_fence:
            continue
        if not stripped:
            if wraps(i):
                wrapped = True
                continue
            close()
            continue
        previous, following = line_at(i - 1), line_at(i + 1)
        prev_blank, next_blank = not previous.strip(), not following.strip()
        hard_break = _HARD_BREAK.search(line) if markdown and not next_blank else None
        if hard_break and hard_break.start() > 0:  # "**Title**\\" then its text: the backslash breaks the line only
            end = start + hard_break.start()
            line = text[start:end]
            stripped = line.strip()

        if markdown:
            m = _MD_HEADING.match(line)
            if m:
                # "#### Last Updated: 14 August, 2025" dates the document: a paragraph, not a section
                kind = "paragraph" if i in never_heading and is_date_line(m.group("text")) else "heading"
                open_block(start + m.start("text"), start + m.end("text"), kind, len(m.group("hashes")) * (
                    kind == "heading"))
                close()
                continue
            if following and _SETEXT.match(following) and prev_blank and current is None:
                kind = "paragraph" if i in never_heading and is_date_line(stripped) else "heading"
                open_block(start, end, kind, (1 if following.strip().startswith("=") else 2) * (kind == "heading"))
                close()
                continue
            row = _TABLE_ROW.match(line)
            if row:
                # a row of a Markdown table is a passage of its own, like an HTML <tr> ("label | text"): the rows of
                # « Catégorie … | (a)Données d'identification … » / « Base légale | Nous manipulons … » were one
                # passage glued across the table (session 40); the delimiter row and empty rows make none
                close()
                cells = row.group("cells")
                first = len(cells) - len(cells.lstrip(" \t|"))
                last = len(cells.rstrip(" \t|"))
                if _LETTER.search(cells) or re.search(r"\d", cells):  # from its first filled cell to its last
                    # the row above the delimiter row names the columns ("Category of Personal Information | Source(s)
                    # | Categories of third parties to whom we may have sold…", Instacart, round 40b): it grants or
                    # takes nothing, the rows under it do
                    header = _TABLE_DELIMITER.match(following) is not None or (
                        bool(header_rows) and _TABLE_DELIMITER.match(line_at(i - 1)) is not None
                        and not _LETTER.search(line_at(i - 2)) and row_key(cells) in header_rows)
                    open_block(start + row.start("cells") + first, start + row.start("cells") + last,
                               "table-header" if header else "table-row")
                    close()
                continue
            if _SETEXT.match(line):
                close()
                continue
            if stripped.startswith(">"):
                if current is None:
                    open_block(start + line.index(">") + 1, end, "paragraph")
                else:
                    current.end = end
                continue

        bullet = _BULLET.match(line)
        if bullet:
            open_block(start + bullet.end(), end, "list-item", 1 + len(bullet.group("indent").expandtabs(4)) // 2)
            continue
        level = heading_level(stripped) if i not in never_heading else None
        if level is not None and not _CLOSED_END.search(stripped) and (
                _continues(following.strip()) or (next_blank and _continues(line_at(i + 2).strip()))):
            level = None  # "4. AVEC QUI PARTAGEONS-NOUS VOS DONNÉES ? Nous" / "partageons vos données …": wrapped text
        if level is not None:
            caps_run = _is_caps(stripped) and not _ENUM_START.match(stripped) and (
                (not next_blank and _is_caps(following))
                or (current is not None and _is_caps(text[current.start:current.end])))
            if not caps_run:
                open_block(start, end, "heading", level)
                close()
                continue
        elif i + 1 < n and i not in never_heading and ((_title_like(stripped) and (
                # a title line standing alone; a question with "will"/« peut » only above a paragraph, not beside the
                # cells of a flattened table ("Where will I see ads?" / "On websites you visit")
                (prev_blank and next_blank and not (stripped.endswith("?") and _OBLIGATION.search(stripped)
                                                    and not _opens_text(next_text(i))))
                or (not next_blank and following.lstrip()[:1].isupper()
                    and (prev_blank or _TERMINAL.search(previous.rstrip())))))  # directly above its text (PDF)
                or (prev_blank and next_blank and _opens_text(next_text(i)) and after_text_or_heading(i)
                    # a lettered title may run to twelve words (« D. Lorsque vous effectuez une réservation avec
                    # Brussels Airlines », session 41: its section's clauses were filed under "C.")
                    and _sentence_case_title(stripped, 12 if _LETTERED.match(stripped) else 8))
                or (markdown and prev_blank and not next_blank and _sentence_case_title(stripped, 12)
                    and _hard_break_title(stripped, following.strip()) and after_text_or_heading(i))):
            open_block(start, end, "heading", 2)
            close()
            continue
        elif (markdown and i not in never_heading and _ESCAPED_ENUM.match(stripped) and prev_blank
              and not _continues(following.strip()) and _long_numbered_title(stripped)
              and _numbered_title_opens(next_text(i))):
            numbered = _NUMERIC_ENUM.match(_ESCAPED_ENUM.sub(r"\1.", stripped))
            open_block(start, end, "heading", min(1 + numbered.group(1).count("."), 5) if numbered else 1)
            close()
            continue
        if _ENUM_START.match(line):
            open_block(start, end, "list-item", 1)
        elif current is None:
            open_block(start, end, "paragraph")
        elif (current.kind == "list-item" and not line[:1].isspace() and stripped[:1].isupper()
              and _TERMINAL.search(text[current.start:current.end])):
            open_block(start, end, "paragraph")  # text after a finished list item, not indented: a new paragraph
        else:
            current.end = end
    close()
    return tuple(blocks)
