"""Explanations and advice that fit every clause their id covers (readers of six whole reports, terms, sales
conditions and privacy policies in English and French, trusted the findings but not what was said about them):

- invented wording in quotation marks read as a quote from the reader's own document (« pour toute finalité, sur
  tout support », "as long as we want"): a quotation of two words or more is now introduced as an example of typical
  wording ("wording such as", « une formule comme ») or names the law or court it quotes;
- sentences assumed one kind of service (an account to close, data in a sales dispute, a face in a feedback
  licence): they now hold for every clause of the id, are phrased conditionally ("If you have an account, …"), or are
  said only when the clause calls for them (``why_when`` in the law data).
"""
from __future__ import annotations

import re

import pytest

from fineprint import law
from fineprint.assess import assess
from fineprint.model import DocumentInfo, Finding, Span
from fineprint.settings import Settings

# --- quotations ------------------------------------------------------------------------------------------------

QUOTE = re.compile(r"“(?P<a>[^”]*)”|\"(?P<b>[^\"]*)\"|«\s*(?P<c>[^»]*?)\s*»")
# what may introduce a quotation of typical wording, anywhere earlier in its sentence
EXAMPLE_MARKER = re.compile(r"\b(?:such as|like|wording|comme|formule|du type)\b", re.IGNORECASE)
# a quotation of a law, a court or an authority names it earlier in its sentence
LAW_MARKER = re.compile(r"\b(?:court|cour|CJEU|CJUE|GDPR|RGPD|code|directive|regulation|règlement|art\.|article|"
                        r"CNIL|law|loi)\b", re.IGNORECASE)
# app.* advice quotes the options Android shows on screen, so the reader can find them (an APK audit has no document
# whose words they could be taken for)
ANDROID_LABELS = {"only while using the app", "only this time", "all files", "uniquement pendant l'utilisation",
                  "uniquement cette fois-ci"}
FIELDS = ("why", "advice", "advice_found", "advice_policy")


def unintroduced_quotations(text: str, allowed: frozenset[str] | set[str] = frozenset()) -> list[str]:
    """The quotations of two words or more in ``text`` that neither an example marker nor the name of a law or court
    introduces in their sentence."""
    text = " ".join(text.split())
    found = []
    for m in QUOTE.finditer(text):
        quoted = next(g for g in m.groups() if g is not None)
        if len(quoted.split()) < 2 or quoted in allowed:
            continue
        before = text[:m.start()]
        sentence = re.split(r"(?<=[.;:!?])\s+(?=[A-ZÀ-Ý«\"“`(])", before)[-1]
        if not (EXAMPLE_MARKER.search(sentence) or LAW_MARKER.search(sentence)):
            found.append(m.group(0))
    return found


def _texts():
    for id_ in law.all_ids():
        doc = law.entry(id_)
        for field in FIELDS:
            value = getattr(doc, field)
            if value:
                for lang in law.LANGUAGES:
                    yield id_, field, lang, value[lang]
        if not id_.startswith("app."):  # app.* flags name code ("pm compile"), not a document's words
            for lang in law.LANGUAGES:
                yield id_, "flags", lang, doc.flags[lang]


@pytest.mark.parametrize("text", [
    "Une autorisation « pour toute finalité, sur tout support » ne vous dit rien de l'usage de vos données.",
    "Keeping everything \"as long as we want\" makes erasure meaningless.",
    "A term allowing removal “for any reason” can create a significant imbalance.",
    "The GDPR requires explicit purposes. A grant \"for any purpose\" says nothing.",  # the law is in another sentence
])
def test_the_check_catches_invented_quotations(text):
    assert unintroduced_quotations(text)


@pytest.mark.parametrize("text", [
    "A clause that makes a grant last without end, in wording such as \"perpetual\", \"irrevocable\" or \"without "
    "limitation of time\".",
    "Une clause avec une formule comme « vous renoncez à exercer ».",
    "Calling it \"perpetual\" does not take away your right to withdraw.",  # one word
    "The Court of Justice held that consent must be \"freely given, specific, informed\".",
])
def test_the_check_lets_examples_single_words_and_the_law_through(text):
    assert unintroduced_quotations(text) == []


def test_no_explanation_or_advice_quotes_invented_wording():
    found = [(id_, field, lang, q) for id_, field, lang, text in _texts()
             for q in unintroduced_quotations(text, ANDROID_LABELS if id_.startswith("app.") else frozenset())]
    assert not found, found


# --- findings whose clauses do not call for a sentence ---------------------------------------------------------

DATA_WORDS = re.compile(r"\b(?:data|données|GDPR|RGPD|CNIL|consent\w*|withdraw-consent)\b", re.IGNORECASE)
IMAGE_WORDS = re.compile(r"\b(?:face|image|likeness|voice|visage|voix)\b", re.IGNORECASE)


def _finding(id_: str, text: str, lang: str, report_lang: str, kind: str = "terms"):
    finding = Finding(id=id_, span=Span(0, len(text)), text=text, confidence=0.9, detector="rule:test")
    info = DocumentInfo(source="doc.txt", kind=kind, language=lang, sha256="0" * 64, chars=len(text))
    (f,) = assess(info, [finding], settings=Settings(lang=report_lang), text=text).findings
    return f


def _refs(f) -> str:
    return " ".join(r.ref for r in f.law)


def _cites_the_civil_code(f) -> bool:
    return any(name in r.ref for r in f.law for name in ("Civil Code", "Code civil"))


@pytest.mark.parametrize("report_lang", law.LANGUAGES)
@pytest.mark.parametrize("lang,text", [
    ("en", "By using the site you agree to these terms."),
    ("fr", "En utilisant le site, vous acceptez les présentes conditions."),
])
def test_contract_by_using_says_nothing_of_data_for_a_clause_about_terms(lang, text, report_lang):
    f = _finding("unfair.contract-by-using", text, lang, report_lang)
    assert not DATA_WORDS.search(f.explanation), f.explanation
    assert not DATA_WORDS.search(f.advice), f.advice
    assert "GDPR" not in _refs(f) and "RGPD" not in _refs(f)
    assert "R212-1" in _refs(f)


@pytest.mark.parametrize("report_lang", law.LANGUAGES)
@pytest.mark.parametrize("lang,text", [
    ("en", "By using the site you accept our Privacy Policy and the use of cookies."),
    ("fr", "En naviguant sur le site, vous acceptez le dépôt de cookies et le traitement de vos données."),
])
def test_contract_by_using_explains_consent_for_a_clause_about_data(lang, text, report_lang):
    f = _finding("unfair.contract-by-using", text, lang, report_lang)
    assert ("use of your data" if report_lang == "en" else "utilisation de vos données") in f.explanation
    assert "4(11)" in _refs(f)


@pytest.mark.parametrize("report_lang", law.LANGUAGES)
@pytest.mark.parametrize("lang,text", [
    ("en", "If you send us feedback or suggestions, we may use them without any obligation or compensation to you."),
    ("en", "You grant us a licence to use your content without further review, approval, notification or payment."),
    ("fr", "Nous pourrons exploiter vos suggestions librement, sans contrepartie ni obligation envers vous."),
])
def test_no_notice_no_compensation_speaks_of_a_face_only_for_a_picture(lang, text, report_lang):
    f = _finding("rights.no-notice-no-compensation", text, lang, report_lang)
    assert not IMAGE_WORDS.search(f.explanation), f.explanation
    assert not _cites_the_civil_code(f), _refs(f)
    assert not IMAGE_WORDS.search(f.advice), f.advice


@pytest.mark.parametrize("report_lang", law.LANGUAGES)
@pytest.mark.parametrize("lang,text", [
    ("en", "We may use the photos you submit, without notice or payment to you."),
    ("en", "Winners agree that their name and likeness may be used without further compensation."),
    ("fr", "Nous pouvons utiliser votre photo et votre voix sans vous en informer ni vous rémunérer."),
])
def test_no_notice_no_compensation_explains_the_image_right_for_a_picture(lang, text, report_lang):
    f = _finding("rights.no-notice-no-compensation", text, lang, report_lang)
    assert "image" in f.explanation
    assert _cites_the_civil_code(f), _refs(f)


@pytest.mark.parametrize("report_lang", law.LANGUAGES)
def test_likeness_use_leaves_the_image_right_out_for_a_name_and_statements(report_lang):
    f = _finding("rights.likeness-use", "We may publish your name and your statements in our promotional materials.",
                 "en", report_lang)
    assert not re.search(r"own image|son image", f.explanation), f.explanation
    assert not _cites_the_civil_code(f), _refs(f)
    g = _finding("rights.likeness-use", "We may use your photograph in our advertising.", "en", report_lang)
    assert _cites_the_civil_code(g) and re.search(r"own image|son image", g.explanation), g.explanation


@pytest.mark.parametrize("report_lang", law.LANGUAGES)
def test_arbitration_in_a_sales_dispute_does_not_argue_from_data_protection(report_lang):
    text = "Any dispute relating to your order shall be settled by binding arbitration; you waive any class action."
    f = _finding("unfair.arbitration", text, "en", report_lang)
    assert "GDPR" not in _refs(f) and "RGPD" not in _refs(f)
    assert not DATA_WORDS.search(f.explanation)


@pytest.mark.parametrize("report_lang", law.LANGUAGES)
def test_a_passage_for_californians_says_nothing_of_children(report_lang):
    text = "If you are a California resident, you have the right to know what personal information we sell."
    f = _finding("practice.specific-audiences", text, "en", report_lang, kind="privacy-policy")
    assert not re.search(r"child|enfant|parent", f.explanation), f.explanation
    g = _finding("practice.specific-audiences", "We do not knowingly collect data from children under 13.", "en",
                 report_lang, kind="privacy-policy")
    assert re.search(r"children|enfants", g.explanation)


# --- advice that holds for any contract -------------------------------------------------------------------------

CONDITIONAL = re.compile(r"^(?:If|Where|Si|S'il|S’il|Lorsque|Pour un litige)\b")
ACCOUNT_OR_DATA = re.compile(r"\b(?:account|compte|data|données|CNIL)\b", re.IGNORECASE)


def _sentences(text: str) -> list[str]:
    return [s for s in re.split(r"(?<=[.;])\s+", " ".join(text.split())) if s]


@pytest.mark.parametrize("lang", law.LANGUAGES)
def test_unfair_terms_speak_of_accounts_and_data_only_conditionally(lang):
    # unfair.* covers any consumer contract (a shop, a website without accounts, a platform): its advice and its
    # base explanation may speak of an account or of personal data only in a sentence that says "if"
    bad = []
    for id_ in law.all_ids():
        if not id_.startswith("unfair."):
            continue
        doc = law.entry(id_)
        texts = [doc.advice[lang], doc.why_base[lang] if doc.why_base else doc.why[lang]]
        for sentence in (s for t in texts for s in _sentences(t)):
            # a clause (« … : ») is a sentence of its own here
            for part in re.split(r"\s[:;]\s|:\s", sentence):
                if ACCOUNT_OR_DATA.search(part) and not CONDITIONAL.search(part.strip()):
                    bad.append((id_, part))
    assert not bad, bad


@pytest.mark.parametrize("report_lang", law.LANGUAGES)
def test_a_retailer_refusing_an_order_is_not_told_about_accounts_unconditionally(report_lang):
    text = "The seller reserves the right to cancel any order at its sole discretion, without giving reasons."
    f = _finding("unfair.unilateral-termination", text, "en", report_lang)
    for sentence in _sentences(f.advice):
        if re.search(r"account|compte", sentence):
            assert CONDITIONAL.search(sentence), sentence
    assert "account" not in law.entry("unfair.unilateral-termination").headline["en"]


FEES_SENTENCE = {"en": "they are free and must be answered within one month", "fr": "elles sont gratuites et doivent recevoir une réponse"}


@pytest.mark.parametrize("report_lang", law.LANGUAGES)
@pytest.mark.parametrize("lang,text", [
    ("en", "If you withdraw your consent to marketing, we will close your account."),
    ("fr", "Si vous retirez votre consentement, votre compte sera supprimé."),
])
def test_a_penalty_for_withdrawing_consent_is_explained_by_article_7_not_by_request_fees(lang, text, report_lang):
    """MediaFire's reader: the explanation spoke of fees and identity checks and cited Art. 12, 15, 17 and 21 beside
    a clause that closes the account of whoever withdraws consent (session 40)."""
    f = _finding("rights.rights-waiver", text, lang, report_lang)
    assert "7(3)" in _refs(f) and "12(5)" not in _refs(f)
    assert FEES_SENTENCE[report_lang] not in f.explanation
    assert "withdraw-consent" in f.advice


@pytest.mark.parametrize("report_lang", law.LANGUAGES)
@pytest.mark.parametrize("lang,text", [
    ("en", "Depending on the applicable law, you may have the right to access or delete your data."),
    ("fr", "Selon la législation applicable, vous pouvez exercer les droits suivants."),
])
def test_rights_offered_by_the_applicable_law_are_explained_as_such(lang, text, report_lang):
    """Comptoir des Cotonniers' reader: the problem is the condition, which the explanation never named."""
    f = _finding("rights.rights-waiver", text, lang, report_lang)
    assert "Art. 3" in _refs(f) or "art. 3" in _refs(f)
    assert FEES_SENTENCE[report_lang] not in f.explanation


@pytest.mark.parametrize("report_lang", law.LANGUAGES)
def test_a_fee_for_requests_keeps_the_request_rules(report_lang):
    f = _finding("rights.rights-waiver", "We may charge a fee and ask for a notarised copy of your passport.", "en",
                 report_lang)
    assert FEES_SENTENCE[report_lang] in f.explanation and "12(5)" in _refs(f)


@pytest.mark.parametrize("report_lang", law.LANGUAGES)
def test_a_privacy_policys_change_clause_is_explained_by_the_gdpr_not_the_consumer_code(report_lang):
    """Comptoir des Cotonniers' reader: R212-1 and the DSA cited for a privacy policy's change clause (session 40)."""
    f = _finding("unfair.unilateral-change", "We may update this privacy policy at any time by posting it here.", "en",
                 report_lang, kind="privacy-policy")
    assert "13(3)" in _refs(f) and "R212-1" not in _refs(f) and "2022/2065" not in _refs(f)
    assert ("new purpose" if report_lang == "en" else "finalité") in f.explanation
    g = _finding("unfair.unilateral-change", "We may update these terms at any time by posting them here.", "en",
                 report_lang, kind="terms")
    assert "R212-1" in _refs(g) and "13(3)" not in _refs(g)


@pytest.mark.parametrize("report_lang", law.LANGUAGES)
@pytest.mark.parametrize("text, dsa", [
    ("La Société se réserve le droit de modifier ses prix à tout moment.", False),
    ("Nous pouvons modifier les présentes CGU et les fonctionnalités de la plateforme à tout moment.", True),
])
def test_the_digital_services_act_is_cited_for_online_services_not_for_a_shops_prices(text, dsa, report_lang):
    """GO Sport's reader: a shop selling its own goods is no intermediary service (session 40)."""
    f = _finding("unfair.unilateral-change", text, "fr", report_lang)
    assert ("2022/2065" in _refs(f)) is dsa, _refs(f)


@pytest.mark.parametrize("report_lang", law.LANGUAGES)
@pytest.mark.parametrize("text, cited", [
    ("WE ARE NOT LIABLE FOR ANY DAMAGE OR INJURY CAUSED BY THE USE OF THE SERVICES, EVEN IF DUE TO OUR NEGLIGENCE.", True),
    ("Nothing in these terms limits our liability for death or personal injury caused by our negligence.", False),
    ("We are not liable for any indirect or consequential loss.", False),
])
def test_an_exclusion_of_liability_for_injury_cites_the_first_point_of_the_eu_list(text, cited, report_lang):
    """Ubiquiti's reader: an exclusion for injury caused even by the company's own negligence was explained by
    Annex 1(b) only; 1(a) is the point that says it cannot stand (session 40)."""
    f = _finding("unfair.limitation-of-liability", text, "en", report_lang)
    assert ("1(a)" in _refs(f)) is cited, _refs(f)
