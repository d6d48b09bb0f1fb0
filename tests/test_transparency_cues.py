"""transparency.* clause by clause: the phrasings a reader found missed or misfiled in real policies (Arc, Palia,
Salto, Donkey Republic, VocabularySpellingCity, MouthShut), in synthetic sentences, English and French. ``probs`` is
what the detector gives one clause for each id (the document decision and the passages quoted both read it)."""
import numpy as np
import pytest

from fineprint.detectors.ml.transparency import (PER_ID_DEFAULT, TransparencyDetector, is_label, not_items)
from fineprint.model import Clause


@pytest.fixture(scope="module")
def det():
    return TransparencyDetector().load()


def clause(text, lang="en", kind="sentence", heading=None):
    headings = ("Privacy Policy", heading) if heading else ("Privacy Policy",)
    return Clause(id="c", start=0, end=len(text), text=text, headings=headings, kind=kind, language=lang)


def probs(det, text, lang="en", kind="sentence", heading=None):
    row = det._probs([clause(text, lang, kind, heading)], lang)[0]
    return dict(zip(det.model.labels, row.tolist()))


def disclosed(det, text, lang="en", kind="sentence", heading=None):
    return set(det.disclosed([clause(text, lang, kind, heading)], lang))


def is_not(det, fid, text, lang="en", kind="sentence", heading=None):
    """The clause is not ``fid``: the rule says so, and neither the document decision nor ``classify`` reads it."""
    c = clause(text, lang, kind, heading)
    return (fid in not_items(text, lang) and fid not in det.disclosed([c], lang)
            and fid not in det.decisions([c], lang)[0])


# (1) a right given as a list item with a bold label, and the DPO named in a sentence that gives its contact


@pytest.mark.parametrize("text, lang", [
    ("Objection: You can contact us to let us know that you object to the further use or disclosure of your personal "
     "data for certain purposes, such as for direct marketing purposes.", "en"),
    ("Opposition : vous pouvez nous faire savoir que vous refusez l'utilisation ultérieure de vos données à des fins "
     "de prospection.", "fr"),
])
def test_a_labelled_objection_item_discloses_the_right_to_object(det, text, lang):
    assert "transparency.right-object" in disclosed(det, text, lang, kind="list-item")


@pytest.mark.parametrize("text, lang", [
    ("If you are located in the EU or UK, you may use the following information to contact our Data Protection "
     "Officer and our EU or UK-Based Member Representative.", "en"),
    ("Si vous résidez dans l'Union, vous pouvez contacter notre Data Protection Officer et notre représentant dans "
     "l'Union aux adresses suivantes.", "fr"),
    ("Vous pouvez écrire à notre déléguée à la protection des données, 1 rue de la Paix, 75002 Paris.", "fr"),
])
def test_contact_our_data_protection_officer_discloses_the_dpo(det, text, lang):
    assert "transparency.dpo-contact" in disclosed(det, text, lang)


# (2) misfilings


@pytest.mark.parametrize("text, lang", [
    ("Data Protection Representative in the EU according to article 27 GDPR: Example GmbH, Hauptstr. 1, Berlin.", "en"),
    ("Représentant dans l'Union européenne au sens de l'article 27 du RGPD : Exemple GmbH, Hauptstr. 1, Berlin.",
     "fr"),
])
def test_an_article_27_representative_is_not_the_dpo(det, text, lang):
    # read under a "Data Protection Officer" heading, as the Palia policy's list puts it
    assert is_not(det, "transparency.dpo-contact", text, lang, kind="list-item", heading="Data Protection Officer")


@pytest.mark.parametrize("text, lang, fid", [
    ("Right to rectification of data (Article 16 of the GDPR)", "en", "transparency.right-rectification"),
    ("Droit de rectification (article 16 du RGPD)", "fr", "transparency.right-rectification"),
    ("You have the right of access to your personal data.", "en", "transparency.right-access"),
    ("Droit d'accès à vos données personnelles", "fr", "transparency.right-access"),
])
def test_a_right_named_in_the_laws_words_is_disclosed(det, text, lang, fid):
    # the model alone read the Donkey Republic item 0.08 (threshold 0.09); the English cue now counts
    assert fid in disclosed(det, text, lang, kind="list-item", heading="Your rights")


@pytest.mark.parametrize("text, lang", [
    ("The right to request deletion of your personal data;", "en"),
    ("Le droit de demander la suppression de vos données personnelles ;", "fr"),
])
def test_a_request_for_deletion_is_erasure_not_access(det, text, lang):
    assert is_not(det, "transparency.right-access", text, lang, kind="list-item", heading="What are your rights?")
    assert "transparency.right-erasure" in disclosed(det, text, lang, kind="list-item", heading="What are your rights?")


@pytest.mark.parametrize("text, lang, named", [
    ("You may access, correct or delete your personal data, restrict or object to its processing.", "en",
     {"access", "rectification", "erasure", "restrict", "object"}),  # no right named by its cue: nothing removed
    ("You have the right of access to your data and the right to request deletion of it.", "en",
     {"access", "erasure"}),
    ("Vous pouvez accéder à vos données, les rectifier, demander leur suppression ou vous opposer à leur traitement.",
     "fr", {"access", "rectification", "erasure", "object"}),
])
def test_a_sentence_that_names_several_rights_keeps_each(det, text, lang, named):
    named = {f"transparency.right-{r}" for r in named}
    assert not (not_items(text, lang) & named)
    if len(named) < 5:  # the rights it does not name are not read into it
        assert not_items(text, lang) >= {"transparency.right-portability", "transparency.right-complaint"}


@pytest.mark.parametrize("text, lang", [
    ("Applicable data protection laws grant you the right to object to the processing of your data, in particular "
     "for direct marketing purposes and for profiling carried out for direct marketing purposes.", "en"),
    ("Vous pouvez exercer votre droit d'opposition au profilage réalisé à des fins de prospection commerciale.", "fr"),
])
def test_objecting_to_profiling_for_marketing_is_not_an_automated_decision(det, text, lang):
    assert is_not(det, "transparency.automated-decisions", text, lang)
    assert probs(det, text, lang)["transparency.right-object"] >= 0.9


@pytest.mark.parametrize("text, lang", [
    ("We do not make decisions based solely on automated processing, including profiling.", "en"),
    ("Vous pouvez vous opposer au profilage ; nous ne prenons aucune décision entièrement automatisée.", "fr"),
])
def test_automated_decisions_are_still_found(det, text, lang):
    assert "transparency.automated-decisions" in disclosed(det, text, lang)


@pytest.mark.parametrize("text, lang", [
    ("Example Ltd decides on the purposes and means of the processing of your personal data.", "en"),
    ("Cette qualité induit que les finalités et les moyens essentiels des traitements sont déterminés par SALTO.",
     "fr"),
    ("Vos données sont traitées pendant des durées n'excédant pas celles nécessaires au regard des finalités pour "
     "lesquelles elles sont traitées.", "fr"),
])
def test_the_controllers_definition_or_a_retention_rule_is_not_a_purpose(det, text, lang):
    assert is_not(det, "transparency.purposes", text, lang)


@pytest.mark.parametrize("text, lang", [
    ("We use your email address to send you the newsletter you asked for.", "en"),
    ("Vos données sont utilisées aux fins de gestion de votre compte et de vos commandes.", "fr"),
])
def test_purposes_are_still_found(det, text, lang):
    assert "transparency.purposes" in disclosed(det, text, lang)


def test_data_kept_for_legal_obligations_is_retention_not_a_legal_basis_in_french(det):
    kept = ("Vos données sont susceptibles d'être conservées au-delà de ces durées, aux fins de respect de certaines "
            "obligations légales.")
    assert is_not(det, "transparency.legal-basis", kept, "fr")
    assert "transparency.legal-basis" in disclosed(det, "Ce traitement est fondé sur nos obligations légales.", "fr")


def test_a_dpo_address_is_the_dpo_not_the_controller_in_french(det):
    text = "par e-mail à l'adresse suivante : dpo@exemple.fr"
    assert is_not(det, "transparency.controller-identity", text, "fr", kind="list-item")
    assert probs(det, text, "fr", kind="list-item")["transparency.dpo-contact"] >= 0.9
    assert "transparency.controller-identity" in disclosed(det, "Vous pouvez nous écrire à contact@exemple.fr.", "fr")


@pytest.mark.parametrize("text, lang", [
    ("The right to request that we provide certain personal data in a commonly used electronic format or transfer it "
     "to another controller;", "en"),
    ("Le droit de recevoir vos données dans un format structuré, couramment utilisé et lisible par machine, et de les "
     "transmettre à un autre responsable du traitement ;", "fr"),
])
def test_the_operative_portability_sentence_discloses_it(det, text, lang):
    assert "transparency.right-portability" in disclosed(det, text, lang, kind="list-item")


# passages: a bare label is quoted after the sentences, and never more than PER_ID per id


@pytest.mark.parametrize("text, label", [
    ("Right to Data Portability.", True), ("Right to Object to & Restrict Processing.", True),
    ("Droit d'opposition", True), ("Data Protection Officer:", True),
    ("You may withdraw your consent at any time.", False),
    ("Vous pouvez retirer votre consentement à tout moment.", False),
])
def test_bare_labels(text, label):
    assert is_label(clause(text, kind="list-item")) is label


def test_a_bare_label_is_quoted_after_the_sentences_that_disclose_the_item(det):
    n, j = len(det.model.labels), det.model.labels.index("transparency.right-portability")
    probs_ = np.zeros((5, n))
    probs_[:, j] = [0.95, 0.91, 0.5, 0.92, 0.93]  # the label is the most probable
    labels = np.array([True, False, False, False, False])
    hits = det._hits(probs_, "en", labels)[:, j]
    assert hits.tolist() == [False, True, False, True, True]
    only = det._hits(np.where(np.arange(5)[:, None] < 2, probs_, 0.0), "en", labels)[:, j]
    assert only.tolist() == [True, True, False, False, False]  # with too few sentences, the label is still quoted
    probs_[:, 0] = probs_[:, j]  # not for the other ids: "Google Analytics" is a recipient
    assert det._hits(probs_, "en", labels)[:, 0].tolist() == [True, False, False, True, True]


def test_at_most_per_id_passages_even_when_cues_tie(det):
    texts = [f"Vos données sont utilisées pour la {w}." for w in
             ("facturation", "livraison", "prospection", "statistiques", "sécurité", "support")]
    clauses = [Clause(id=str(i), start=100 * i, end=100 * i + len(t), text=t, headings=("Politique",),
                      language="fr") for i, t in enumerate(texts)]
    found = [f for per in det.detect(clauses, "fr") for f in per if f.id == "transparency.purposes"]
    assert len(found) == det.PER_ID == PER_ID_DEFAULT


@pytest.mark.parametrize("text, lang, fid", [
    ("However, Example Inc. reserves the right to delete all student information at any time after an account is "
     "closed.", "en", "transparency.right-erasure"),
    ("Exemple SAS se réserve le droit de supprimer tout compte inactif depuis trois ans.", "fr",
     "transparency.right-erasure"),
    ("Your sole remedy in these cases is to have Example try to rectify the problem as soon as it can.", "en",
     "transparency.right-rectification"),
])
def test_the_companys_own_right_or_a_fixed_problem_is_not_your_right(det, text, lang, fid):
    assert fid not in disclosed(det, text, lang) and fid not in det.decisions([clause(text, lang)], lang)[0]
