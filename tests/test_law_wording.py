"""What readers of whole reports objected to in the wording of explanations and advice:

- English reports sent every reader to the French authority ("complain to the CNIL"): English texts now name the
  reader's own data-protection authority, with the CNIL as France's, and never promise that `fineprint letter
  complaint` (a complaint to the CNIL, in French) writes to any other authority; French texts keep « la CNIL »;
- a liability finding argued from a time limit its clauses do not set ("a term that shortens the time you have to
  bring a claim … is void", Directive 93/13 annex 1(q), L218-1): the sentence and those two references now follow
  the finding's own clauses (``why_when`` in the law data).
"""
from __future__ import annotations

import re

import pytest

from fineprint import law
from fineprint.assess import assess
from fineprint.model import DocumentInfo, Finding, Span
from fineprint.settings import Settings

LIABILITY = "unfair.limitation-of-liability"
TIME_SENTENCE = {"en": "shortens the time you have to bring a claim", "fr": "raccourcit le délai pour agir"}
TIME_REFS = {"en": ("Annex, point 1(q)", "L218-1"), "fr": ("annexe, point 1(q)", "L218-1")}


def _english_texts():
    for id_ in law.all_ids():
        doc = law.entry(id_)
        for field in ("title", "headline", "flags", "why", "advice"):
            yield id_, field, " ".join(getattr(doc, field)["en"].split())


def _sentences(text: str) -> list[str]:
    return [s for s in re.split(r"(?<=[.;])\s+", text) if s]


# --- the authority an English reader is sent to ----------------------------------------------------------------

def test_english_texts_name_the_cnil_only_as_frances_authority():
    seen = 0
    for id_, field, text in _english_texts():
        for sentence in _sentences(text):
            if "CNIL" not in sentence:
                continue
            seen += 1
            assert "France" in sentence, (id_, field, sentence)
            assert not re.search(r"\b(?:to|before|with) the CNIL\b(?! in France)", sentence.replace(
                "complaint to the CNIL", "")), (id_, field, sentence)
    assert seen >= 10


def test_english_advice_sends_readers_to_their_own_authority():
    advice = law.entry("rights.third-country-transfer").advice["en"]
    assert "complain to your data-protection authority (in France, the CNIL:" in " ".join(advice.split())
    assert law.entry("transparency.right-complaint").headline["en"] == (
        "does not say you can complain to a data-protection authority")
    # a fact the CNIL stated stays, as the French regulator's view
    assert "France's data-protection authority, the CNIL, recalled in 2024" in " ".join(
        law.entry("rights.rights-waiver").why["en"].split())


def test_the_complaint_command_is_offered_only_as_a_complaint_to_the_cnil():
    # `fineprint letter complaint` writes to the CNIL, in French, and to no other authority: wherever English advice
    # names it, the same sentence says it is the CNIL's
    from fineprint.letters.compose import letter_types

    assert letter_types()["complaint"]["recipient"] == "cnil"
    offered = 0
    for id_, field, text in _english_texts():
        for sentence in _sentences(text):
            if "`fineprint letter complaint`" in sentence:
                offered += 1
                assert "CNIL" in sentence, (id_, field, sentence)
    assert offered >= 9


def test_french_texts_keep_la_cnil():
    for id_ in ("rights.rights-waiver", "rights.consent-by-conduct", "rights.third-country-transfer",
                "practice.data-security", "unfair.arbitration"):
        assert "la CNIL (`fineprint letter complaint`)" in " ".join(law.entry(id_).advice["fr"].split()), id_
    assert "La CNIL a rappelé en 2024" in law.entry("rights.rights-waiver").why["fr"]


def test_an_english_report_tells_the_reader_of_their_own_authority():
    text = "We may transfer your personal data to the United States and other countries."
    finding = Finding(id="rights.third-country-transfer", span=Span(0, len(text)), text=text, confidence=0.9,
                      detector="rule:test", evidence={"safeguard": False})
    report = assess(_info(text, "en"), [finding], settings=Settings(), text=text)
    (f,) = report.findings
    assert "your data-protection authority" in f.advice and "complain to the CNIL" not in f.advice
    fr = assess(_info(text, "en"), [finding], settings=Settings(lang="fr"), text=text).findings[0]
    assert "saisir la CNIL" in fr.advice


# --- explanations follow the finding's own clauses (why_when) -------------------------------------------------

def _info(text: str, lang: str) -> DocumentInfo:
    return DocumentInfo(source="terms.txt", kind="terms", language=lang, sha256="0" * 64, chars=len(text))


def _liability(text: str, lang: str, report_lang: str | None = None) -> Finding:
    finding = Finding(id=LIABILITY, span=Span(0, len(text)), text=text, confidence=0.9, detector="rule:test")
    report = assess(_info(text, lang), [finding], settings=Settings(lang=report_lang or lang), text=text)
    (f,) = report.findings
    return f


@pytest.mark.parametrize("lang,text", [
    ("en", "In no event shall we be liable for any indirect, incidental or consequential damages."),
    ("en", "Our total liability shall not exceed the fees you paid us within the twelve months preceding the claim."),
    ("en", "We do not guarantee a specific time limit for correction of errors, and we are not liable for any loss."),
    ("fr", "Nous ne pourrons en aucun cas être tenus responsables des dommages indirects."),
    ("fr", "Nous traiterons votre réclamation dans un délai de 30 jours."),
])
def test_a_liability_finding_without_a_time_limit_does_not_argue_from_one(lang, text):
    for report_lang in ("en", "fr"):
        f = _liability(text, lang, report_lang)
        assert TIME_SENTENCE[report_lang] not in f.explanation
        refs = " ".join(r.ref for r in f.law)
        assert not any(r in refs for r in TIME_REFS[report_lang]), refs
        assert "R212-1" in refs and "L212-1" in refs  # the rest of the law stays
        assert f.explanation.endswith(("An unfair term does not bind you.", "ne vous est pas opposable."))


@pytest.mark.parametrize("lang,text", [
    ("en", "Any claim arising out of these Terms must be filed within one (1) year after the claim arose; otherwise, "
           "the claim is permanently barred."),
    ("en", "You agree that any cause of action must be brought within the applicable time limit."),
    ("en", "To the extent permitted by law, the statute of limitations for any claim is shortened to six months."),
    ("en", "Unless you submit the claim to us within 30 days after the charge, you will have waived all claims."),
    ("en", "ANY CAUSE OF ACTION MUST COMMENCE WITHIN ONE (1) YEAR AFTER THE CAUSE OF ACTION ARISES."),
    ("fr", "Toute action du Client doit être intentée dans un délai d'un an, faute de quoi elle sera prescrite."),
    ("fr", "L'action en responsabilité se prescrit par six mois."),
    ("fr", "Le délai de prescription de toute action est réduit à un an."),
    ("fr", "TOUTE RECLAMATION DOIT ETRE INTENTEE DANS LES TROIS MOIS."),
])
def test_a_liability_finding_with_a_time_limit_explains_it_with_its_law(lang, text):
    for report_lang in ("en", "fr"):
        f = _liability(text, lang, report_lang)
        assert TIME_SENTENCE[report_lang] in f.explanation
        refs = [r.ref for r in f.law]
        assert all(any(t in r for r in refs) for t in TIME_REFS[report_lang]), refs
        # the references keep the order of the law data (Annex 1(a) only for an injury clause: session 40)
        assert [r.ref for r in law.entry(LIABILITY).law_refs(report_lang) if "1(a)" not in r.ref] == refs


def test_a_same_template_clause_with_a_time_limit_counts():
    doc = law.entry(LIABILITY)
    why, refs = doc.for_clauses("en", ["We are not liable for indirect damages.",
                                       "Claims against us must be brought within one year."])
    assert TIME_SENTENCE["en"] in why and any("L218-1" in r.ref for r in refs)


def test_static_help_stays_complete():
    # `fineprint explain`, docs/findings.md and SARIF rule help describe the id, not one finding: every sentence
    page = " ".join(law.explain_text(LIABILITY, "en").split())
    assert TIME_SENTENCE["en"] in page and "Annex, point 1(q)" in page and "L218-1" in page
    from fineprint.report.sarif import rule_descriptors

    rule = next(r for r in rule_descriptors("fr") if r["id"] == LIABILITY)
    help_text = " ".join(rule["help"]["markdown"].split())
    assert TIME_SENTENCE["fr"] in help_text and "L218-1" in help_text


def test_why_when_data_errors_are_resource_errors():
    from fineprint.errors import ResourceError
    from fineprint.law import _why_part

    part = {"match": r"\bwithin\b", "en": "An English sentence.", "fr": "Une phrase.", "law": ["gdpr 77"]}
    with pytest.raises(ResourceError, match="law list lacks"):
        _why_part("unfair.x", part, ("gdpr 6",))
    with pytest.raises(ResourceError, match="bad pattern"):
        _why_part("unfair.x", {**part, "match": "(unclosed"}, ("gdpr 77",))
    ok = _why_part("unfair.x", {**part, "match": [r"\bdelai\b", r"\bwithin\b"]}, ("gdpr 77",))
    assert ok.applies(["dans un DÉLAI d'un an"]) and not ok.applies(["nothing here", ""])


def test_a_report_explains_the_time_limit_when_any_clause_of_the_id_has_one(tmp_path):
    """The explanation is said once per id: it must come from the finding whose clause has the time limit, not
    from the most confident one (which rarely has it)."""
    import fineprint
    from fineprint.report import render

    path = tmp_path / "terms.md"
    path.write_text("# Terms\n\nIN NO EVENT SHALL WE BE LIABLE FOR ANY INDIRECT, INCIDENTAL OR CONSEQUENTIAL "
                    "DAMAGES, EVEN IF ADVISED OF THE POSSIBILITY OF SUCH DAMAGES.\n\nYou agree that any claim "
                    "against us must be filed within one (1) year after it arose, or it is permanently barred.\n",
                    encoding="utf-8")
    report = fineprint.audit(str(path), Settings())
    liability = [f for f in report.findings if f.id == LIABILITY]
    assert len(liability) == 2, [(f.id, f.text[:40]) for f in report.findings]
    out = " ".join(render(report, "text").split())
    assert TIME_SENTENCE["en"] in out and "L218-1" in out


def test_a_choice_of_law_that_keeps_your_mandatory_law_is_not_called_misleading():
    """Tencent's choice of law says the applicable law of the user's jurisdiction prevails where mandatory; the
    report told the reader such a term "misleads you about your rights" (session 39)."""
    doc = law.entry("unfair.choice-of-law")
    plain = "These Terms are governed by the laws of Ireland."
    saving = ("These Terms are governed by the law of Hong Kong, except that the applicable law of your jurisdiction "
              "will prevail where mandatory.")
    french = ("Les présentes CGU sont soumises au droit français, sans préjudice des dispositions impératives de la "
              "loi de votre pays de résidence.")
    assert "misleads you" in doc.for_clauses("en", [plain])[0]
    for clause in (saving, french):
        for lang, misleads, itself in (("en", "misleads you", "says so itself"), ("fr", "vous trompe", "elle-même")):
            why = doc.for_clauses(lang, [clause])[0]
            assert misleads not in why and itself in why, why
    assert "says so itself" not in doc.why["en"] and "misleads you" in doc.why["en"]  # the help of explain


def test_a_transport_contract_is_not_promised_the_consumers_home_court():
    """Brussels I bis art. 17(3) leaves contracts of transport out of the consumer's home-court rule; FlixBus's
    report promised it « quoi qu'en dise la clause » (session 39)."""
    doc = law.entry("unfair.jurisdiction")
    shop = "Tout litige relatif à une commande sera soumis aux tribunaux de Munich."
    bus = "Pour les litiges relatifs au transport des passagers, le tribunal compétent est Munich."
    why, refs = doc.for_clauses("fr", [shop])
    assert "tribunaux de son domicile" in why and any("art. 18" in r.ref for r in refs)
    why, refs = doc.for_clauses("fr", [bus])
    assert "contrat de transport" in why and "tribunaux de son domicile" not in why
    assert any("17(3)" in r.ref for r in refs) and not any("art. 18" in r.ref for r in refs)
    assert "whatever the term says" not in doc.advice["en"]
