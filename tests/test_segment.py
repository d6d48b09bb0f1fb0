"""Clause segmentation: offsets, stable ids, sentences, lists, numbered sections, headings, abbreviations, speed."""
from __future__ import annotations

import time

import pytest
from hypothesis import given, settings, strategies as st

from fineprint.ingest.structure import plain_text_blocks
from fineprint.model import Block, Document
from fineprint.segment import LONG_SENTENCE, segment_clauses


def doc_of(text: str, language: str = "en", blocks=None) -> Document:
    return Document(text=text, source="t", language=language,
                    blocks=plain_text_blocks(text) if blocks is None else blocks)


def texts(text: str, **kw) -> list[str]:
    return [c.text for c in segment_clauses(doc_of(text, **kw))]


@pytest.mark.parametrize("text, expected", [
    ("You agree, e.g. by clicking, to these terms, i.e. the rules. We may change them.",
     ["You agree, e.g. by clicking, to these terms, i.e. the rules.", "We may change them."]),
    # Palia's DPO sentence was cut after "et seq." (session 39)
    ("Our Data Protection Officer according to articles 37 et seq. GDPR is Jane Doe. Write to her.",
     ["Our Data Protection Officer according to articles 37 et seq. GDPR is Jane Doe.", "Write to her."]),
    ("Acme Inc. provides the service. Acme Inc. The Company may change it.",
     ["Acme Inc. provides the service.", "Acme Inc.", "The Company may change it."]),
    ("We are based in the U.S. You agree to U.S. law.", ["We are based in the U.S.", "You agree to U.S. law."]),
    ("See Art. 9 and Sec. 4 of No. 12. Mr. Smith and Dr. Jones sign.",
     ["See Art. 9 and Sec. 4 of No. 12.", "Mr. Smith and Dr. Jones sign."]),
    ("Is this fair? It is not! Read on…", ["Is this fair?", "It is not!", "Read on…"]),
    ("He said \"Stop.\" Then he left.", ["He said \"Stop.\"", "Then he left."]),
    ("Version 2.1 applies. Prices are 9.99 EUR.", ["Version 2.1 applies.", "Prices are 9.99 EUR."]),
], ids=["eg-ie", "et-seq", "inc", "us", "art-sec-no-mr", "punct", "quote", "decimals"])
def test_english_sentences(text, expected):
    assert texts(text) == expected


@pytest.mark.parametrize("text, expected", [
    ("M. Dupont, c.-à-d. le responsable, a dit : « Bonjour. » Il est parti !",
     ["M. Dupont, c.-à-d. le responsable, a dit : « Bonjour. »", "Il est parti !"]),
    ("Les données (p. ex. le nom, etc.) sont traitées selon l'art. 9 du RGPD. Nous les gardons 3 ans.",
     ["Les données (p. ex. le nom, etc.) sont traitées selon l'art. 9 du RGPD.", "Nous les gardons 3 ans."]),
    ("Vous acceptez ; nous pouvons tout modifier ! Que faire ? Écrivez-nous.",
     ["Vous acceptez ; nous pouvons tout modifier !", "Que faire ?", "Écrivez-nous."]),
    ("Mme Martin et Mlle Roux sont informées. La société Exemple SAS. Nous vous répondrons.",
     ["Mme Martin et Mlle Roux sont informées.", "La société Exemple SAS.", "Nous vous répondrons."]),
], ids=["guillemets", "abbrev", "spaced-punct", "titles"])
def test_french_sentences(text, expected):
    assert texts(text, language="fr") == expected


def test_numbered_sections_lists_and_heading_path():
    text = ("TERMS OF SERVICE\n\n1. DEFINITIONS\nIn these terms, \"we\" means Acme.\n\n"
            "2. YOUR CONTENT\n2.1 Licence\nYou grant us a perpetual licence. It is irrevocable.\n"
            "(a) photos you upload;\n(b) your name and likeness.\n\n"
            "Article 3 – Durée\nLe contrat est conclu pour un an.\n- first bullet point.\n- second bullet point.\n")
    clauses = segment_clauses(doc_of(text))
    by_text = {c.text: c for c in clauses}
    assert "TERMS OF SERVICE" not in by_text and "2.1 Licence" not in by_text  # headings are context, not clauses
    with_headings = {c.text: c for c in segment_clauses(doc_of(text), include_headings=True)}
    assert with_headings["TERMS OF SERVICE"].kind == "heading"
    assert with_headings["2.1 Licence"].kind == "heading"
    assert with_headings["2.1 Licence"].headings == ("TERMS OF SERVICE", "2. YOUR CONTENT")  # the title is the root
    licence = by_text["You grant us a perpetual licence."]
    assert licence.headings == ("TERMS OF SERVICE", "2. YOUR CONTENT", "2.1 Licence")
    assert by_text["It is irrevocable."].headings == licence.headings
    assert by_text["(a) photos you upload;"].kind == "list-item"
    assert by_text["(b) your name and likeness."].kind == "list-item"
    assert by_text["first bullet point."].kind == "list-item"
    assert by_text["Le contrat est conclu pour un an."].headings == ("TERMS OF SERVICE", "Article 3 – Durée")
    assert "1." not in by_text  # an enumerator is never a clause on its own


def test_all_caps_disclaimer_is_a_clause_not_a_heading():
    disclaimer = ("TO THE MAXIMUM EXTENT PERMITTED BY LAW, ACME SHALL NOT BE LIABLE FOR ANY INDIRECT, INCIDENTAL,\n"
                  "SPECIAL OR CONSEQUENTIAL DAMAGES, OR ANY LOSS OF PROFITS OR DATA, WHETHER IN CONTRACT, TORT\n"
                  "OR OTHERWISE, EVEN IF ADVISED OF THE POSSIBILITY OF SUCH DAMAGES.")
    text = "LIMITATION OF LIABILITY\n\n" + disclaimer + "\n"
    clauses = segment_clauses(doc_of(text))
    assert [c.kind for c in clauses] == ["sentence"]
    assert clauses[0].text == disclaimer and clauses[0].headings == ("LIMITATION OF LIABILITY",)


def test_all_caps_disclaimer_in_a_heading_block_is_segmented_as_text():
    disclaimer = ("THE SERVICE IS PROVIDED AS IS AND AS AVAILABLE WITHOUT ANY WARRANTY OF ANY KIND, AND WE DISCLAIM "
                  "ALL WARRANTIES, EXPRESS OR IMPLIED, INCLUDING MERCHANTABILITY AND FITNESS FOR A PURPOSE.")
    doc = Document(text=disclaimer, source="t", blocks=(Block(0, len(disclaimer), "heading", 2),))
    (clause,) = segment_clauses(doc)
    assert clause.kind == "sentence" and clause.text == disclaimer


def test_run_on_sentence_is_split_at_semicolons_only_when_long():
    part = "you grant us the right to use your content in any media worldwide for any purpose whatsoever"
    short = f"{part}; {part}."
    assert texts(short) == [short]
    long_sentence = "; ".join([part] * 12) + "."
    assert len(long_sentence) > LONG_SENTENCE
    pieces = texts(long_sentence)
    assert len(pieces) > 1 and all(p.startswith("you grant") for p in pieces)
    assert all(len(p) <= LONG_SENTENCE for p in pieces)


def test_hard_wrapped_text_is_not_split_at_line_ends():
    text = ("We may share your personal data with our partners\nfor advertising purposes and with authorities\n"
            "when the law requires it. You can object.")
    assert texts(text) == ["We may share your personal data with our partners\nfor advertising purposes and with "
                           "authorities\nwhen the law requires it.", "You can object."]


def test_list_set_in_one_paragraph_with_line_breaks():
    text = "We collect:\n- your name;\n- your location;\n(c) your contacts."
    doc = Document(text=text, source="t", blocks=(Block(0, len(text), "paragraph", 0),))
    clauses = segment_clauses(doc)
    assert [c.text for c in clauses] == ["We collect:", "- your name;", "- your location;", "(c) your contacts."]
    assert [c.kind for c in clauses] == ["sentence", "list-item", "list-item", "list-item"]


def test_ids_are_stable_and_unique():
    text = "We may change these terms. You agree.\n\nWe may change these terms. We keep your data."
    first = segment_clauses(doc_of(text))
    second = segment_clauses(doc_of("Preamble here.\n\n" + text))
    assert len({c.id for c in first}) == len(first)
    repeated = [c.id for c in first if c.text == "We may change these terms."]
    assert len(repeated) == 2 and repeated[0] != repeated[1]
    # the same text keeps the same id even when the document around it changes
    assert {c.id for c in first} <= {c.id for c in second}
    assert all(c.id.startswith("c-") for c in first)


def test_clause_language_and_document_without_blocks():
    doc = Document(text="Nous collectons vos données. Vous pouvez refuser.", source="t", language="fr")
    clauses = segment_clauses(doc)
    assert [c.text for c in clauses] == ["Nous collectons vos données.", "Vous pouvez refuser."]
    assert {c.language for c in clauses} == {"fr"}


_ALPHABET = st.sampled_from(list("abcdefghij ABCDEF.;:!?…«»\"'()-–•*\n\t 0123456789éÉàç") +
                            ["e.g. ", "U.S. ", "Art. ", "1. ", "(a) ", "M. ", "\n\n", "# ", "etc. ", "Inc. ", "; "])


@settings(max_examples=300, deadline=None)
@given(st.lists(_ALPHABET, max_size=300).map("".join))
def test_offsets_always_match_the_text(text):
    for blocks in (plain_text_blocks(text), plain_text_blocks(text, markdown=True), ()):
        doc = Document(text=text, source="t", blocks=blocks)
        previous_end = 0
        for clause in segment_clauses(doc, include_headings=True):
            assert clause.text == text[clause.start:clause.end]
            assert clause.text and clause.text == clause.text.strip()
            assert clause.start >= previous_end  # in reading order, never overlapping
            previous_end = clause.end


def test_segmenting_a_100_kb_policy_is_fast():
    paragraph = ("1.2 Sharing\nWe share your personal data (e.g. name, e-mail) with partners in the U.S. and the E.U.; "
                 "they may use it for advertising. You can object at any time, cf. Art. 21 GDPR. Les données sont "
                 "conservées 3 ans, c.-à-d. jusqu'à la fin du contrat !\n- first item;\n- second item.\n\n")
    text = paragraph * (100_000 // len(paragraph) + 1)
    doc = doc_of(text)
    timings = []
    for _ in range(3):  # CPU time, best of three: a busy shared CI machine must not make this fail
        start = time.process_time()
        clauses = segment_clauses(doc)
        timings.append(time.process_time() - start)
    elapsed = min(timings)
    assert len(clauses) > 1000
    assert elapsed < 0.1, f"{elapsed:.3f} s for {len(text)} characters"


def test_text_without_punctuation_is_cut_into_bounded_clauses():
    blob = " ".join(f"word{i}, more words here" for i in range(2000))
    clauses = segment_clauses(doc_of(blob))
    assert len(clauses) > 1
    assert all(len(c.text) <= 2000 for c in clauses)
    assert "".join(c.text + " " for c in clauses).split() == blob.split()  # nothing lost


def test_inline_enumerators_after_a_sentence_start_new_clauses():
    assert texts("We may update the software. c. We continuously improve it. (d) You may not copy it.") == [
        "We may update the software.", "c. We continuously improve it.", "(d) You may not copy it."]


def test_first_numbered_heading_is_not_taken_for_a_title():
    clauses = segment_clauses(doc_of("1. Scope\nThese terms apply.\n\n2. Fees\nWe charge fees.\n"))
    assert {c.text: c.headings for c in clauses}["We charge fees."] == ("2. Fees",)


def test_text_after_a_finished_list_item_is_a_new_paragraph():
    text = "Your rights:\n- access ;\n- erasure.\nWrite to us to use them.\n- indented\n  continuation here.\n"
    clauses = {c.text: c.kind for c in segment_clauses(doc_of(text, language="fr"))}
    assert clauses["erasure."] == "list-item"
    assert clauses["Write to us to use them."] == "sentence"
    assert clauses["indented\n  continuation here."] == "list-item"


def test_a_line_starting_with_a_number_is_not_a_list_item():
    text = "Write to our agent:\nDropbox Copyright Agent\n333 Brannan Street, San Francisco."
    doc = Document(text=text, source="t", blocks=(Block(0, len(text), "paragraph", 0),))
    assert {c.kind for c in segment_clauses(doc)} == {"sentence"}


@pytest.mark.parametrize("line", ["YOU AGREE TO BINDING ARBITRATION", "1. We may sell your data",
                                  "VOUS RENONCEZ À TOUT RECOURS"])
def test_a_commitment_without_full_stop_is_a_clause_not_a_heading(line):
    assert texts(f"Intro text here.\n\n{line}\n\nMore text follows here.") == [
        "Intro text here.", line, "More text follows here."]


def test_lines_saved_with_a_blank_line_after_each_wrap_are_joined():
    # PDF text saved as Markdown (Zara's French policy): every wrapped line followed by a blank line
    text = ("1. QUI SOMMES-NOUS ? Nous sommes Zara France, S.A.R.L. et Industria de\n\n"
            "Diseño Textil, S.A. et nous traitons vos données à caractère personnel\n\n"
            "en qualité de coresponsables du traitement. Plus d’infos.\n\n\n\n"
            "4. AVEC QUI PARTAGEONS-NOUS VOS DONNÉES ? Nous\n\n"
            "partageons vos données avec des prestataires de services situés hors de l’Union européenne.\n")
    got = [" ".join(t.split()) for t in texts(text, language="fr")]
    assert "Nous sommes Zara France, S.A.R.L. et Industria de Diseño Textil, S.A. et nous traitons vos données à " \
           "caractère personnel en qualité de coresponsables du traitement." in got
    assert any(t.endswith("Nous partageons vos données avec des prestataires de services situés hors de l’Union "
                          "européenne.") for t in got)


@pytest.mark.parametrize("text", [
    "We collect your name.\n\nyour email is optional.",  # a finished sentence: a break even before lower case
    "Frais de départ manqué\n\nn/a",  # table cells
    "a. Was made by someone else, or that copies someone else's creation\n\nb. Isn't in English",  # lettered items
    "Device information is saved for 11 years,\n\nUsage data is saved for 6 years,",  # an unmarked list
    "The following applies to every user of our services and its\n\n- partners",  # a bullet
])
def test_a_blank_line_that_is_a_real_break_is_kept(text):
    blocks = plain_text_blocks(text, markdown=True)
    assert len(blocks) == 2, [text[b.start:b.end] for b in blocks]


@pytest.mark.parametrize("text", [
    "We may suspend the service due to unexpected technical or security issues or problems; or\n\n"
    "if there are extended periods of inactivity in your account.",  # an unmarked list's items
    "MyHeritage Ltd., PO Box 50, Terminal Park, Or Yehuda 6037606, Israel\n\nhttps://www.myheritage.com",
])
def test_list_items_and_addresses_are_not_joined(text):
    assert len(plain_text_blocks(text)) == 2


def test_a_hyphenated_country_abbreviation_does_not_end_the_sentence():
    text = ("In compliance with the EU-U.S. DPF and the Swiss-U.S. Data Privacy Framework, we certify our practices. "
            "We are based in the U.S. You agree to this.")
    assert texts(text) == ["In compliance with the EU-U.S. DPF and the Swiss-U.S. Data Privacy Framework, we certify "
                           "our practices.", "We are based in the U.S.", "You agree to this."]
