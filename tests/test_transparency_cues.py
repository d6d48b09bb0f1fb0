"""transparency.* clause by clause: the phrasings a reader found missed or misfiled in real policies (Arc, Palia,
Salto, Donkey Republic, VocabularySpellingCity, MouthShut, MediaFire), in synthetic sentences, English and French. ``probs`` is
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


@pytest.mark.parametrize("fid", ["transparency.right-portability", "transparency.dpo-contact"])
def test_a_bare_label_is_quoted_only_where_no_sentence_discloses_the_item(det, fid):
    n, j = len(det.model.labels), det.model.labels.index(fid)
    probs_ = np.zeros((5, n))
    probs_[:, j] = [0.95, 0.91, 0.5, 0.92, 0.93]  # the label is the most probable
    labels = np.array([True, False, False, False, False])
    hits = det._hits(probs_, "en", labels)[:, j]
    assert hits.tolist() == [False, True, False, True, True]
    one = det._hits(np.where(np.arange(5)[:, None] < 2, probs_, 0.0), "en", labels)[:, j]
    assert one.tolist() == [False, True, False, False, False]  # one sentence: the label is not quoted beside it
    alone = det._hits(np.where(np.arange(5)[:, None] < 1, probs_, 0.0), "en", labels)[:, j]
    assert alone.tolist() == [True, False, False, False, False]  # no sentence: the label is the passage
    k = det.model.labels.index("transparency.recipients")  # not for the other ids: "Google Analytics" is a recipient
    probs_[:, k] = probs_[:, j]
    assert det._hits(probs_, "en", labels)[:, k].tolist() == [True, False, False, True, True]


def test_a_heading_that_names_a_right_is_not_quoted_beside_the_sentence_under_it(det):
    # Palia: "Right to Correct Information." (a bold list item), then the sentence that grants it
    texts = [("Right to Correct Information.", "list-item"),
             ("You may request that we correct or amend any inaccurate information we have about you.", "list-item"),
             ("Data Protection Officer", "sentence"),
             ("Our Data Protection Officer can be reached at dpo@example.com.", "sentence")]
    clauses = [Clause(id=str(i), start=100 * i, end=100 * i + len(t), text=t, kind=k,
                      headings=("Privacy Policy", "Your rights"), language="en") for i, (t, k) in enumerate(texts)]
    quoted = {(f.id, f.text) for per in det.detect(clauses, "en") for f in per}
    assert ("transparency.right-rectification", texts[1][0]) in quoted
    assert ("transparency.dpo-contact", texts[3][0]) in quoted
    assert not {t for _, t in quoted} & {texts[0][0], texts[2][0]}
    assert {"transparency.right-rectification", "transparency.dpo-contact"} <= set(det.disclosed(clauses[:1] +
                                                                                            clauses[2:3], "en"))


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


# (3) misfilings found by readers of Dune, SEAT CONNECT and Palia (synthetic sentences)


@pytest.mark.parametrize("text, lang", [
    ("In the event of a personal data breach likely to result in a risk to your rights and freedoms, we will notify "
     "the competent supervisory authority within 72 hours.", "en"),
    ("We rely on standard contractual clauses approved by the competent data protection authority.", "en"),
    ("En cas de violation de données présentant un risque pour vos droits et libertés, nous la notifierons à la CNIL "
     "dans les 72 heures.", "fr"),
])
def test_a_breach_notified_to_the_authority_is_not_the_right_to_complain(det, text, lang):
    assert is_not(det, "transparency.right-complaint", text, lang, heading="Data breaches")


@pytest.mark.parametrize("text, lang", [
    ("You may lodge a complaint with the supervisory authority of your country.", "en"),
    ("If we notify you of a breach, you may also lodge a complaint with the supervisory authority.", "en"),
    ("Vous pouvez introduire une réclamation auprès de la CNIL.", "fr"),
])
def test_the_right_to_complain_is_still_found(det, text, lang):
    assert "transparency.right-complaint" in disclosed(det, text, lang)


@pytest.mark.parametrize("text, lang", [
    ("Account data is deleted or anonymized following a deletion request, subject to any legally required "
     "retention.", "en"),
    ("Les données du compte sont supprimées à la suite d'une demande de suppression de votre compte, sous réserve "
     "des durées légales.", "fr"),
    ("Les données sont effacées dès que vous nous demandez de les supprimer.", "fr"),
])
def test_a_deletion_request_is_erasure_not_access_or_rectification(det, text, lang):
    for fid in ("transparency.right-access", "transparency.right-rectification"):
        assert is_not(det, fid, text, lang, heading="Retention period")
    assert "transparency.right-erasure" in disclosed(det, text, lang, heading="Retention period")


@pytest.mark.parametrize("text, lang", [
    ("You can accept non-necessary cookies through our cookie banner and may change or withdraw your choice at any "
     "time.", "en"),
    ("You can revoke your previously given consent at any time with effect for the future.", "en"),
    ("Vous pouvez modifier ou retirer votre choix à tout moment depuis le bandeau cookies.", "fr"),
    ("Vous avez à tout moment le droit de révoquer votre consentement.", "fr"),
])
def test_withdrawing_a_choice_or_revoking_consent_is_withdrawal_of_consent(det, text, lang):
    assert "transparency.right-withdraw-consent" in disclosed(det, text, lang)


@pytest.mark.parametrize("text, lang", [
    ("As these companies are located in the United States, access to the data by US authorities cannot be "
     "excluded.", "en"),
    ("Only authorised employees have access to your personal data.", "en"),
    ("Ces sociétés se trouvant aux États-Unis, l'accès aux données depuis les États-Unis ne peut pas être exclu.",
     "fr"),
])
def test_an_access_by_authorities_or_staff_is_not_the_right_of_access(det, text, lang):
    assert is_not(det, "transparency.right-access", text, lang, heading="Transfers")


@pytest.mark.parametrize("text, lang", [
    ("You can request access to your personal data.", "en"),
    ("Vous pouvez demander l'accès aux données vous concernant.", "fr"),
    ("Vous disposez d'un droit d'accès aux données conservées par nos sous-traitants.", "fr"),
])
def test_the_right_of_access_is_still_found(det, text, lang):
    assert "transparency.right-access" in disclosed(det, text, lang)


@pytest.mark.parametrize("text, lang", [
    ("Where the processing is unlawful, you oppose the erasure of your data and request the restriction of its use "
     "instead;", "en"),
    ("You believe our processing to be unlawful, but don't want us to delete it.", "en"),
    ("Lorsque le traitement est illégal, vous vous opposez à l'effacement de vos données et demandez la limitation "
     "de leur utilisation ;", "fr"),
])
def test_a_restriction_asked_instead_of_erasure_is_not_erasure(det, text, lang):
    assert is_not(det, "transparency.right-erasure", text, lang, kind="list-item", heading="Your rights")


@pytest.mark.parametrize("text, lang", [
    ("If you prefer, you can also contact customercare@example.com or support@example.com directly.", "en"),
    ("Si vous le préférez, vous pouvez également contacter directement customercare@exemple.fr.", "fr"),
])
def test_a_customer_service_address_is_not_the_dpo(det, text, lang):
    assert is_not(det, "transparency.dpo-contact", text, lang, heading="Data protection officer")


@pytest.mark.parametrize("text, lang", [
    ("You can reach our Data Protection Officer at support@example.com.", "en"),
    ("Vous pouvez joindre notre délégué à la protection des données à l'adresse contact@exemple.fr.", "fr"),
])
def test_the_dpo_reached_at_a_general_address_is_still_the_dpo(det, text, lang):
    assert "transparency.dpo-contact" in disclosed(det, text, lang)


@pytest.mark.parametrize("text, lang", [
    ("If you wish to exercise the above-mentioned rights or have any questions relating to those rights, please "
     "contact us.", "en"),
    ("You may have the following rights depending on the data protection law(s) applicable to you:", "en"),
    ("Pour exercer vos droits ou pour toute question relative à ces droits, contactez-nous.", "fr"),
])
def test_rights_named_together_are_no_one_right(det, text, lang):
    for fid in ("transparency.right-access", "transparency.right-erasure", "transparency.right-rectification",
                "transparency.right-complaint"):
        assert is_not(det, fid, text, lang, heading="Your rights")


@pytest.mark.parametrize("text, lang, fids", [
    ("You may exercise your rights of access and erasure by writing to us.", "en",
     {"transparency.right-access", "transparency.right-erasure"}),
    ("Vous pouvez exercer vos droits d'accès et d'effacement en nous écrivant.", "fr",
     {"transparency.right-access", "transparency.right-erasure"}),
])
def test_rights_named_together_by_their_words_are_kept(det, text, lang, fids):
    assert not (not_items(text, lang) & fids)
    assert fids <= disclosed(det, text, lang, heading="Your rights")


@pytest.mark.parametrize("text, lang", [
    ("La DINUM ne traitera aucune demande de suppression de contenu.", "fr"),
])
def test_a_request_to_remove_content_is_not_erasure(det, text, lang):
    assert "transparency.right-erasure" not in disclosed(det, text, lang)


@pytest.mark.parametrize("heading, text, lang, fid", [
    ("8.1. Droit d'accès", "Vous avez le droit d'obtenir les informations que nous détenons et d'en connaître "
     "l'usage.", "fr", "transparency.right-access"),
    ("Right of access", "You can ask us what we hold and how we use it.", "en", "transparency.right-access"),
    ("Right to erasure", "In some cases we may have to keep some of it, for example for tax purposes.", "en",
     "transparency.right-erasure"),
])
def test_a_sentence_under_a_heading_that_names_one_right_is_that_right(det, heading, text, lang, fid):
    assert fid in disclosed(det, text, lang, heading=heading)


@pytest.mark.parametrize("heading, text, lang, fid", [
    # a heading that names several rights, or a long one, says nothing of which one the sentence is
    ("Access, rectification and erasure", "In some cases we may have to keep some of it, for example for tax "
     "purposes.", "en", "transparency.right-erasure"),
    ("Droit d'accès", "Seuls nos employés habilités ont accès à vos données.", "fr", "transparency.right-access"),
])
def test_a_heading_does_not_make_a_right_of_every_sentence(det, heading, text, lang, fid):
    assert fid not in disclosed(det, text, lang, heading=heading)


@pytest.mark.parametrize("heading, text, lang, fid", [
    ("Access and Data Portability Rights", "Categories of sources from which we collect Personal Information.", "en",
     "transparency.right-portability"),  # the heading names access too (by its words)
    ("3. Request portability of your data", "Request correction of any data we hold about you that is inaccurate or "
     "incomplete.", "en", "transparency.right-portability"),  # the sentence names another right
    ("Droit d'opposition", "1, point e RGPD).", "fr", "transparency.right-object"),  # a fragment, not a sentence
])
def test_a_heading_right_needs_an_unambiguous_heading_and_sentence(det, heading, text, lang, fid):
    assert fid not in disclosed(det, text, lang, kind="list-item", heading=heading)


@pytest.mark.parametrize("text, lang", [
    ("You can access, update or request deletion of your personal data in your account settings.", "en"),
    ("Dans les conditions prévues par la réglementation, vous avez la possibilité d'accéder, de rectifier et "
     "d'obtenir la portabilité de vos données.", "fr"),
    ("- Accéder à vos Données, en demander la rectification ou la portabilité ;", "fr"),
    ("Vous pouvez exercer vos demandes d'accès et de suppression en complétant nos formulaires en ligne.", "fr"),
])
def test_access_given_among_verbs_is_the_right_of_access(det, text, lang):
    assert "transparency.right-access" in disclosed(det, text, lang)


@pytest.mark.parametrize("text, lang", [
    ("Lorsque vous vous inscrivez, vous devez définir un mot de passe pour accéder à vos informations sur notre "
     "site.", "fr"),
    ("des données relatives à votre activité sur le Service : préférences, demande d'accès au Service depuis la "
     "France ou hors de France", "fr"),
])
def test_reaching_an_account_or_a_service_is_not_the_right_of_access_in_french(det, text, lang):
    assert "transparency.right-access" not in disclosed(det, text, lang)


@pytest.mark.parametrize("text, lang", [
    ("For any question about your data, please contact dpoeu@example.com.", "en"),
    ("Pour toute question, écrivez à dpo-france@exemple.fr.", "fr"),
])
def test_a_dpo_mailbox_with_a_suffix_is_the_dpo(det, text, lang):
    assert "transparency.dpo-contact" in disclosed(det, text, lang)


def test_a_heading_of_nine_words_that_names_access_in_french(det):
    heading = "4. Accéder aux informations concernant tes Données à caractère personnel"
    text = ("Réfère-toi aux détails fournis dans la présente Politique pour savoir qui a accès à tes Données et où "
            "elles sont conservées.")
    assert "transparency.right-access" in disclosed(det, text, "fr", heading=heading)


# (4) misreadings found by MediaFire's reader (session 40; synthetic sentences, not MediaFire's)


@pytest.mark.parametrize("text, heading", [
    ("Should the company be acquired, you will be notified by email and told about any options you have concerning "
     "your data.", "Mergers and acquisitions"),
    ("We will inform you of any changes to this notice by posting it on this page.", "Changes to this notice"),
])
def test_a_notice_you_will_receive_is_not_the_right_of_access(det, text, heading):
    assert is_not(det, "transparency.right-access", text, heading=heading)


def test_being_informed_on_request_is_still_access(det):
    text = "Upon request, you will be informed whether we hold personal data about you."
    assert "transparency.right-access" not in not_items(text, "en")
    assert "transparency.right-access" in disclosed(det, text, heading="Your rights")


@pytest.mark.parametrize("text, heading", [
    ("Your uploaded documents are stored on secure servers in Frankfurt.", "Storage"),
    ("Candidate CVs are saved in our recruitment database.", "Job applicants"),
    ("Some cookies expire when you close your browser (session cookies), while others stay on your computer longer "
     "(persistent cookies).", "Cookies"),
])
def test_where_data_is_kept_or_a_cookie_type_is_no_retention_period(det, text, heading):
    assert is_not(det, "transparency.retention-period", text, heading=heading)


@pytest.mark.parametrize("text", [
    "We keep your account data on our servers until you delete your account.",
    "Uploaded files are stored on our servers for as long as necessary to provide the service.",
])
def test_a_period_or_its_criteria_is_still_retention(det, text):
    # GDPR art. 13(2)(a): the period, or the criteria used to determine it
    assert "transparency.retention-period" not in not_items(text, "en")
    assert "transparency.retention-period" in disclosed(det, text, heading="Storage")


def test_a_cookie_lifetime_with_a_figure_is_not_ruled_out():
    assert "transparency.retention-period" not in not_items("Persistent cookies stay on your device for up to 13 "
                                                            "months.", "en")


@pytest.mark.parametrize("text", [
    "We may obtain details about you from partner platforms such as LinkedIn or Apple.",
    "Advertising networks share information with us about the ads you saw.",
    "You can stop sharing this data with us at any time by unlinking the account you connected to.",
])
def test_data_coming_from_other_companies_is_a_source_not_a_recipient(det, text):
    assert is_not(det, "transparency.recipients", text, heading="Where we get your data")


@pytest.mark.parametrize("text", [
    "We share information we receive from partners with our analytics providers.",
    "Partners share data with us and we share it with advertisers.",
])
def test_a_recipient_beside_a_source_is_still_a_recipient(det, text):
    assert "transparency.recipients" not in not_items(text, "en")
    assert "transparency.recipients" in disclosed(det, text, heading="Sharing")


@pytest.mark.parametrize("text, lang, heading", [
    ("Please refer to our Cookie Notice for further details.", "en", "Withdrawing your consent"),
    ("For more information, see the Data Retention Statement.", "en", "Revoking consent"),
    ("Pour plus d'informations, consultez notre politique de cookies.", "fr", "Retirer votre consentement"),
])
def test_a_bare_pointer_to_another_document_is_no_withdrawal_of_consent(det, text, lang, heading):
    assert is_not(det, "transparency.right-withdraw-consent", text, lang, heading=heading)


@pytest.mark.parametrize("text, lang", [
    ("To withdraw your consent, see our Cookie Policy.", "en"),
    ("Vous pouvez retirer votre consentement à tout moment : consultez notre politique de cookies.", "fr"),
])
def test_a_pointer_that_names_the_withdrawal_still_discloses_it(det, text, lang):
    assert "transparency.right-withdraw-consent" in disclosed(det, text, lang)


def test_a_disclosure_we_believe_necessary_to_investigate_is_no_legal_basis(det):
    text = ("We may disclose your data to the police if we believe in good faith that this is necessary to prevent "
            "fraud or protect our users.")
    assert is_not(det, "transparency.legal-basis", text, heading="Law enforcement")
    kept = "We may disclose your data where we believe this is necessary to comply with a legal obligation."
    assert "transparency.legal-basis" not in not_items(kept, "en")
    assert "transparency.legal-basis" in disclosed(det, kept, heading="Law enforcement")


@pytest.mark.parametrize("text, lang", [
    ("Questions can be sent to our appointed Privacy Officer at privacy@example.org.", "en"),
    ("Example Ltd, Attn: Data Privacy Manager, 10 High Street, Leeds LS1 4AB.", "en"),
    ("Our Personal Data Protection Manager can be reached by phone on +44 20 7946 0000.", "en"),
    ("Vous pouvez joindre notre référent en matière de protection des données à l'adresse rgpd@exemple.fr.", "fr"),
])
def test_a_privacy_officer_or_manager_named_with_a_contact_is_the_dpo(det, text, lang):
    assert "transparency.dpo-contact" in disclosed(det, text, lang)


@pytest.mark.parametrize("text, lang", [
    ("Our Chief Privacy Officer oversees our compliance program.", "en"),  # no contact
    ("Another user will have to contact our Privacy Officer to give their consent first.", "en"),  # no contact
    ("En France, l'autorité responsable de la protection des données est la CNIL, 3 place de Fontenoy, 75007 Paris.",
     "fr"),  # the supervisory authority
])
def test_a_privacy_officer_without_a_contact_or_the_authority_is_not_the_dpo(det, text, lang):
    assert "transparency.dpo-contact" not in disclosed(det, text, lang)


@pytest.mark.parametrize("text, fid", [
    # happn's policy (session 46): three rights its report called missing though the policy gives them
    ("The right to limitation grants Members the right to request the temporary suspension of the processing of their "
     "data by HAPPN under the conditions set out in Article 18 of GDPR.", "transparency.right-restrict"),
    ("For any other claim, the Member may lodge a request with the national authority responsible for data "
     "protection.", "transparency.right-complaint"),
    ("The Member has the right not to be subject to a decision made solely through automated processing, where that "
     "decision has legal effects concerning the Member.", "transparency.automated-decisions"),
])
def test_a_right_in_other_words_than_the_regulations_is_disclosed(det, text, fid):
    assert fid in disclosed(det, text, "en", kind="list-item", heading="Your rights")
