"""assess(): merging, severity, explanations in the report language, ordering and the headline."""
from __future__ import annotations

from dataclasses import replace

import pytest

import fineprint
from fineprint.assess import assess
from fineprint.model import DocumentInfo, Finding, Span
from fineprint.settings import Settings

TEMU = ("Except to the extent prohibited by applicable law, participation in the Program and/or receipt or use of "
        "Rewards constitutes a Member's consent for Sponsor to use and publish such Member's photo, name likeness, "
        "voice, opinions, statements, biographical information, and/or hometown and state for promotional or "
        "advertising purposes in any media worldwide, now known or hereafter developed, in perpetuity without "
        "further review, notification, payment, or consideration.")
TEMU_IDS = ("rights.likeness-use", "rights.perpetual", "rights.unbounded-scope", "rights.no-notice-no-compensation",
            "rights.consent-by-conduct", "rights.consent-for-reward")


def info(lang="en", kind="offer", text=TEMU):
    return DocumentInfo(source="rules.txt", kind=kind, language=lang, sha256="0" * 64, chars=len(text))


def at(text: str, words: str) -> Span:
    i = text.index(words)
    return Span(i, i + len(words))


def temu_findings(text=TEMU):
    clause = Span(0, len(text))
    cues = {"rights.likeness-use": "photo", "rights.perpetual": "in perpetuity",
            "rights.unbounded-scope": "in any media worldwide", "rights.no-notice-no-compensation": "without further",
            "rights.consent-by-conduct": "participation in the Program", "rights.consent-for-reward": "Rewards"}
    return [Finding(id=i, span=clause, text=text, confidence=0.9, detector=f"rule:{i}/x", clause_id="c1",
                    highlights=(at(text, cues[i]),)) for i in TEMU_IDS]


def test_temu_clause_yields_six_explained_findings_with_gdpr_articles():
    report = assess(info(), temu_findings(), settings=Settings(), text=TEMU)
    assert sorted(f.id for f in report.findings) == sorted(TEMU_IDS)
    for f in report.findings:
        assert f.title and f.explanation and f.advice
        assert f.law and all(ref.url.startswith("https://") for ref in f.law)
    refs = {r.ref for f in report.findings for r in f.law}
    assert {"GDPR Art. 7(3)", "GDPR Art. 7(4)", "GDPR Art. 4(11)"} <= refs
    assert report.summary.by_severity == {"high": 4, "medium": 2}
    assert report.tool_version == fineprint.__version__


def test_headline_says_how_many_how_serious_and_what_the_company_may_do():
    headline = assess(info(), temu_findings(), settings=Settings(), text=TEMU).summary.headline
    assert headline.startswith("6 potential problems in 1 clause, 4 of them serious: this offer ")
    assert "use your photo, name and voice" in headline and "forever" in headline
    assert headline.endswith(".") and headline.count(".") == 1


def test_lang_fr_explains_an_english_text_in_french():
    report = assess(info("en"), temu_findings(), settings=Settings(lang="fr"), text=TEMU)
    assert report.language == "fr"
    perpetual = next(f for f in report.findings if f.id == "rights.perpetual")
    assert perpetual.title == "Consentement ou licence sans fin"
    assert "retirer votre consentement" in perpetual.explanation
    assert "fineprint letter withdraw-consent" in perpetual.advice
    assert any(r.ref == "RGPD art. 7(3)" for r in perpetual.law)
    assert report.summary.headline.startswith("6 problèmes potentiels dans 1 clause, dont 4 graves : cette offre")


@pytest.mark.parametrize("doc_lang, expected", [("fr", "fr"), ("en", "en"), ("de", "en"), ("unknown", "en")])
def test_report_language_defaults_to_the_document_when_supported(doc_lang, expected):
    assert assess(info(doc_lang), temu_findings(), settings=Settings(), text=TEMU).language == expected


def test_findings_of_the_same_id_on_the_same_clause_are_merged():
    text = TEMU
    a = Finding(id="rights.perpetual", span=Span(0, len(text)), text=text, confidence=0.7, detector="rule:a",
                clause_id="c1", highlights=(at(text, "in perpetuity"),), evidence={"rule": "a"})
    b = Finding(id="rights.perpetual", span=Span(0, len(text)), text=text, confidence=0.95, detector="model:b",
                clause_id="c1", highlights=(at(text, "without further"),), evidence={"score": 0.95})
    report = assess(info(), [a, b], settings=Settings(), text=text)
    (f,) = report.findings
    assert f.confidence == 0.95
    assert {text[h.start:h.end] for h in f.highlights} == {"in perpetuity", "without further"}
    assert f.evidence["detectors"] == ["rule:a", "model:b"] and f.evidence["rule"] == "a"


def test_same_id_on_two_clauses_stays_two_findings():
    text = "We keep it forever. We keep it in perpetuity."
    fs = [Finding(id="rights.perpetual", span=Span(0, 19), text=text[:19], clause_id="c1"),
          Finding(id="rights.perpetual", span=Span(20, len(text)), text=text[20:], clause_id="c2")]
    report = assess(info(text=text), fs, settings=Settings(), text=text)
    assert [f.span.start for f in report.findings] == [0, 20]
    assert "1 potential problem in 2 clauses, a serious one" in report.summary.headline


def test_a_detector_may_lower_the_severity_with_a_reason_but_not_raise_it():
    text = "Licence for the life of your account."
    lowered = Finding(id="rights.perpetual", span=Span(0, len(text)), text=text, severity="low",
                      severity_reason="licence limited to the life of the account")
    raised = Finding(id="unfair.content-removal", span=Span(0, len(text)), text=text, severity="high",
                     severity_reason="no reason")
    report = assess(info(text=text), [lowered, raised], settings=Settings(), text=text)
    by_id = {f.id: f for f in report.findings}
    assert by_id["rights.perpetual"].severity == "low"
    assert by_id["rights.perpetual"].severity_reason == "licence limited to the life of the account"
    assert by_id["unfair.content-removal"].severity == "low"  # taxonomy default, not the detector's "high"
    assert by_id["unfair.content-removal"].severity_reason is None


@pytest.mark.parametrize("safeguard, expected", [(False, "high"), (True, "medium"), (None, "medium")])
def test_transfers_without_a_named_safeguard_are_serious(safeguard, expected):
    text = "We transfer your data to China."
    evidence = {} if safeguard is None else {"safeguard": safeguard}
    f = Finding(id="rights.third-country-transfer", span=Span(0, len(text)), text=text, evidence=evidence)
    (out,) = assess(info(text=text), [f], settings=Settings(), text=text).findings
    assert out.severity == expected


def test_findings_are_ordered_by_severity_then_position():
    text = "A. We may change these terms. B. Your consent is perpetual. C. We may remove content."
    fs = [Finding(id="unfair.content-removal", span=at(text, "C. We may remove content."), text="C"),
          Finding(id="unfair.unilateral-change", span=at(text, "A. We may change these terms."), text="A"),
          Finding(id="rights.perpetual", span=at(text, "B. Your consent is perpetual."), text="B")]
    report = assess(info(text=text, kind="terms"), fs, settings=Settings(), text=text)
    assert [f.id for f in report.findings] == ["rights.perpetual", "unfair.unilateral-change",
                                                "unfair.content-removal"]
    assert report.summary.headline.startswith("3 potential problems in 3 clauses, 1 of them")
    # the serious point alone after "1 of them serious:", the others after "it also" (session 40)
    assert "1 of them serious: this contract makes what you grant last forever; it also lets the company change " \
        "the terms" in report.summary.headline


@pytest.mark.parametrize("kind, lang, expected", [
    ("terms", "en", "2 of them serious: this contract makes what you grant last forever and lets the company use "
                    "your photo, name and voice in its advertising; it also lets the company change the terms"),
    ("terms", "fr", "dont 2 graves : ce contrat rend perpétuel ce que vous accordez et permet à l'entreprise "
                    "d'utiliser votre photo, votre nom et votre voix dans sa publicité ; en outre, il permet à "
                    "l'entreprise de changer les conditions"),
    ("offer", "fr", "cette offre rend perpétuel ce que vous accordez et permet à l'entreprise d'utiliser votre "
                    "photo, votre nom et votre voix dans sa publicité ; en outre, elle permet"),
])
def test_headline_names_the_serious_points_apart_from_the_others(kind, lang, expected):
    """Bluesky's headline put "binds you merely because you use the service" (Medium) right after "9 of them
    serious:", where a reader takes every phrase for a serious one."""
    text = "A. We may change these terms. B. Your consent is perpetual. C. We may use your likeness and voice."
    fs = [Finding(id="unfair.unilateral-change", span=at(text, "A. We may change these terms."), text="A"),
          Finding(id="rights.perpetual", span=at(text, "B. Your consent is perpetual."), text="B"),
          Finding(id="rights.likeness-use", span=at(text, "C. We may use your likeness and voice."),
                  text="C. We may use your likeness and voice.")]
    report = assess(info(text=text, kind=kind), fs, settings=Settings(lang=lang), text=text)
    assert [f.severity for f in report.findings] == ["high", "high", "medium"]
    assert expected in " ".join(report.summary.headline.split())


@pytest.mark.parametrize("clause, lang, phrase", [
    ("We may use your Review in connection with the advertising of the Site.", "en",
     "lets the company use your name or what you say in its advertising"),
    ("We may use your photo in our advertising.", "en", "lets the company use your image in its advertising"),
    ("Nous pouvons utiliser votre avis dans notre publicité.", "fr",
     "permet à l'entreprise d'utiliser votre nom ou vos propos dans sa publicité"),
])
def test_the_likeness_headline_names_only_what_the_clause_takes(clause, lang, phrase):
    """Deliveroo's licence over "your Review" read "use your photo, name and voice in its advertising" to its reader
    (session 41): the phrase names a photo or a voice only where a clause does."""
    fs = [Finding(id="rights.likeness-use", span=Span(0, len(clause)), text=clause)]
    report = assess(info(text=clause, kind="terms"), fs, settings=Settings(lang=lang), text=clause)
    assert phrase in report.summary.headline
    assert "voice" not in report.summary.headline and "voix" not in report.summary.headline


def test_missing_disclosures_are_counted_apart_and_present_ones_are_info():
    fs = [Finding(id="transparency.retention-period", span=Span(0, 0), text="", missing=True),
          Finding(id="transparency.right-access", span=Span(0, 10), text="You may access your data")]
    report = assess(info(kind="privacy-policy", text="x" * 10), fs, settings=Settings())
    by_id = {f.id: f for f in report.findings}
    assert by_id["transparency.retention-period"].severity == "medium"
    assert by_id["transparency.right-access"].severity == "info"
    assert report.summary.headline == ("1 missing disclosure: this privacy policy does not say how long it keeps "
                                       "your data.")


def test_nothing_found_says_so_in_the_report_language():
    assert assess(info(), [], settings=Settings(), text=TEMU).summary.headline == \
        "fineprint found no potentially unfair or unlawful clause."
    practice = Finding(id="practice.data-security", span=Span(0, 5), text="We encrypt")
    report = assess(info("fr"), [practice], settings=Settings(), text=TEMU)
    assert report.findings[0].severity == "info"
    assert report.summary.headline == ("fineprint n'a trouvé aucune clause potentiellement abusive ou illicite ; "
                                       "1 passage dit ce que deviennent vos données.")
    intro = Finding(id="practice.introductory", span=Span(0, 5), text="Hello")
    present = Finding(id="transparency.right-access", span=Span(6, 9), text="access")
    report = assess(info(), [practice, intro, present, replace(practice, span=Span(10, 12), text="We hash")],
                    settings=Settings(),
                    text=TEMU)
    assert report.summary.headline == ("fineprint found no potentially unfair or unlawful clause (1 passage "
                                       "described for information); 2 passages say what happens to your data.")


def test_unknown_ids_are_kept_visible_with_a_warning():
    f = Finding(id="rights.brand-new", span=Span(0, 4), text="text", detector="model:x", severity="critical")
    report = assess(info(), [f], settings=Settings(), text=TEMU)
    assert report.findings[0].id == "rights.brand-new" and report.findings[0].severity == "info"
    assert any("rights.brand-new" in w for w in report.warnings)


def test_app_findings_use_the_app_headline_and_are_not_merged_across_trackers():
    from fineprint.model import AppInfo

    fs = [Finding(id="app.tracker", span=Span(0, 0), text="Facebook Ads: com.facebook.ads",
                  evidence={"library": "Facebook Ads"}),
          Finding(id="app.tracker", span=Span(0, 0), text="AppsFlyer: com.appsflyer",
                  evidence={"library": "AppsFlyer"}),
          Finding(id="app.contacts", span=Span(0, 0), text="READ_CONTACTS", evidence={"origin": "app"})]
    app_info = DocumentInfo(source="x.apk", kind="app", language="en", sha256="0" * 64, chars=0)
    report = assess(app_info, fs, settings=Settings(), app=AppInfo(package="com.example"))
    assert [f.id for f in report.findings] == ["app.contacts", "app.tracker", "app.tracker"]
    assert report.summary.headline == ("2 potential privacy risks, 1 of them serious: this app can read your "
                                       "contacts; it also embeds third-party trackers.")


def test_temu_example_end_to_end_in_english_and_french(shared):
    from fineprint.pipeline import audit

    source = str(shared / "examples" / "temu-cash-reward-2024.md")
    en = audit(source, Settings())
    assert set(TEMU_IDS) <= {f.id for f in en.findings}
    assert en.language == "en" and en.summary.headline.endswith("as your consent.")
    fr = audit(source, Settings(lang="fr"))
    en_titles = {f.id: f.title for f in en.findings}
    for f in fr.findings:
        if f.id in TEMU_IDS:
            assert f.title != en_titles[f.id]
            assert any(r.ref.startswith("RGPD art.") for r in f.law), f.id
            assert "GDPR" not in f.explanation + f.advice
    consent = next(f for f in fr.findings if f.id == "rights.consent-by-conduct")
    assert consent.title == "Consentement déduit de votre comportement"
    assert "RGPD art. 7(2)" in {r.ref for r in consent.law}


def test_findings_below_min_confidence_are_listed_apart_and_never_counted():
    text = "We may change these terms at any time. We may end your account."
    low = Finding(id="unfair.unilateral-change", span=Span(0, 38), text=text[:38], confidence=0.2,
                  detector="model:unfair/v2", clause_id="c1")
    high = Finding(id="unfair.unilateral-termination", span=Span(39, len(text)), text=text[39:], confidence=0.9,
                   detector="model:unfair/v2", clause_id="c2")
    report = assess(info(kind="terms", text=text), [low, high], text=text)
    assert [f.id for f in report.findings] == ["unfair.unilateral-termination"]
    assert sum(report.summary.by_severity.values()) == 1
    assert [f.id for f in report.less_certain] == ["unfair.unilateral-change"]
    assert report.less_certain[0].title and report.less_certain[0].explanation  # explained like the others
    assert any('1 finding below confidence 0.5 listed apart under "Worth checking"' in w for w in report.warnings)
    everything = assess(info(kind="terms", text=text), [low, high], text=text,
                        settings=Settings(min_confidence=0.0))
    assert len(everything.findings) == 2 and not everything.warnings and not everything.less_certain
    french = assess(info(lang="fr", kind="terms", text=text), [low, high], text=text)
    assert any("« À vérifier »" in w for w in french.warnings)
    unlisted = assess(info(kind="terms", text=text), [low, high], text=text, settings=Settings(max_less_certain=0))
    assert not unlisted.less_certain
    assert any("1 finding below confidence 0.5 not shown" in w for w in unlisted.warnings)


def test_the_less_certain_list_keeps_the_most_likely_first_and_says_how_many_it_left_out():
    text = " ".join(f"We may change clause {i} at any time." for i in range(20))
    found, start = [], 0
    for i in range(20):
        sentence = f"We may change clause {i} at any time."
        found.append(Finding(id="unfair.unilateral-change", span=Span(start, start + len(sentence)), text=sentence,
                             confidence=0.1 + i * 0.01, detector="model:unfair/v2", clause_id=f"c{i}"))
        start += len(sentence) + 1
    report = assess(info(kind="terms", text=text), found, text=text, settings=Settings(max_less_certain=5))
    assert not report.findings
    assert [f.text for f in report.less_certain] == [f"We may change clause {i} at any time." for i in (19, 18, 17, 16, 15)]
    assert any("20 findings below confidence 0.5: the 5 most likely listed apart" in w for w in report.warnings)


def test_an_identical_clause_repeated_in_a_document_is_reported_once():
    sentence = "To the fullest extent permitted by law, we are not liable for any indirect damages."
    text = f"{sentence} Section two. {sentence}"
    second = text.rindex(sentence)
    found = [Finding(id="unfair.limitation-of-liability", span=Span(s, s + len(sentence)), text=sentence,
                     confidence=0.9, detector="model:unfair/v2", clause_id=f"c{s}") for s in (0, second)]
    report = assess(info(kind="terms", text=text), found, text=text)
    assert len(report.findings) == 1
    assert report.findings[0].span.start == 0
    assert report.findings[0].evidence["repeated_at"] == [[second, second + len(sentence)]]


@pytest.mark.parametrize("title, expected", [
    ("Privacy Policy", {"rights.consent-by-conduct"}),
    ("Terms of Service", {"rights.consent-by-conduct"}),
])
def test_by_using_you_accept_this_policy_is_consent_by_conduct_in_a_privacy_policy(tmp_path, title, expected):
    # the guide reads accepting a privacy policy by use as consent inferred from use, not as the contract-by-using
    # term (which is for the terms themselves), in whatever document the sentence stands
    path = tmp_path / "doc.md"
    path.write_text(f"# {title}\n\nThis document explains how we collect and use your personal data.\n\n"
                    "By using our Services, you accept this Privacy Policy and agree to be bound by it.\n", encoding="utf-8")
    report = fineprint.audit(str(path))
    clause = [f for f in report.findings if f.text.startswith("By using our Services")]
    assert {f.id for f in clause} & {"rights.consent-by-conduct", "unfair.contract-by-using"} == expected


def test_headline_phrases_say_what_a_document_allows_not_what_the_company_does():
    """A headline stated "this privacy policy sells or shares your personal data" of policies that say they do not
    sell (a merger clause was the evidence), and « cette politique … conserve vos données sans limite de durée »
    of an open exception to a retention table (readers of Arc, Palia, Bolt and Salto, session 39): a document allows
    something, the company may do it."""
    from fineprint import law as law_data

    for fid in ("rights.data-sale", "rights.third-country-transfer", "rights.indefinite-retention",
                "rights.sensitive-data"):
        phrases = law_data.entry(fid).headline
        assert phrases["en"].startswith("lets "), phrases
        assert phrases["fr"].startswith("permet "), phrases
    assert "sell" not in law_data.entry("rights.data-sale").headline["en"]
    assert "using the service" in law_data.entry("rights.consent-by-conduct").headline["en"]


def test_a_disclosure_the_policy_makes_gets_advice_on_using_it_not_on_asking_for_it():
    """Salto's policy gives a legal basis for every purpose; its report said « Demandez-la » beside each (session
    39). A disclosure found gets advice on using it; a missing one still says to ask."""
    from fineprint.model import DocumentInfo, Finding, Span

    text = "We process your data on the basis of our legitimate interest in improving the service."
    doc = DocumentInfo(source="policy.txt", kind="privacy-policy", language="en", sha256="0" * 64, chars=len(text))
    found = Finding(id="transparency.legal-basis", span=Span(0, len(text)), text=text, confidence=0.9,
                    detector="model:transparency/v1", severity="info")
    missing = Finding(id="transparency.legal-basis", span=Span(0, 0), text="", confidence=1.0,
                      detector="model:transparency/v1", missing=True)
    for settings, said, asked in ((Settings(), "you can object", "Ask for it"),
                                  (Settings(lang="fr"), "vous pouvez vous opposer", "Demandez-la")):
        report = assess(doc, [found], settings=settings, text=text)
        assert said in report.findings[0].advice and asked not in report.findings[0].advice
        report = assess(doc, [missing], settings=settings, text=text)
        assert asked in report.findings[0].advice


def test_a_change_of_a_privacy_policy_gets_advice_for_a_policy_not_for_a_contract():
    """"You can refuse it and end the contract" was said of a privacy notice (Palia, Arc, session 39)."""
    from fineprint.model import DocumentInfo, Finding, Span

    text = "We may change this Privacy Notice from time to time."
    change = Finding(id="unfair.unilateral-change", span=Span(0, len(text)), text=text, confidence=0.9,
                     detector="rule:test")
    for kind, said in (("privacy-policy", "new purpose needs its own legal basis"), ("terms", "end the contract")):
        doc = DocumentInfo(source="x.txt", kind=kind, language="en", sha256="0" * 64, chars=len(text))
        (f,) = assess(doc, [change], settings=Settings(), text=text).findings
        assert said in f.advice, (kind, f.advice)


@pytest.mark.parametrize("kind, phrase", [("offer", "treats simply taking part as your consent"),
                                          ("privacy-policy", "treats simply using the service as your consent")])
def test_consent_by_conduct_headline_speaks_of_taking_part_only_for_an_offer(kind, phrase):
    """Two privacy policies' headlines said "… using the service or taking part …" of documents where nothing is
    taken part in (session 40)."""
    text = "By browsing this site you consent to our use of your data."
    f = Finding(id="rights.consent-by-conduct", span=Span(0, len(text)), text=text, confidence=0.9)
    report = assess(info(text=text, kind=kind), [f], settings=Settings(), text=text)
    assert phrase in report.summary.headline and "or taking part" not in report.summary.headline


def test_a_transfer_the_law_requires_to_authorities_is_not_covered_by_the_companys_safeguard():
    """Brussels Airlines' passenger data sent to foreign border authorities read "the document names a safeguard for
    its transfers in another passage" (session 41's Belgian reader: standard contractual clauses do not cover them)."""
    from fineprint.assess import explain

    def reason(text):
        f = Finding(id="rights.third-country-transfer", span=Span(0, len(text)), text=text, confidence=0.9,
                    detector="rule:test", evidence={"safeguard": False, "safeguard_elsewhere": 500})
        return explain(f, "en", "privacy-policy").severity_reason

    assert reason("We have a legal obligation to transfer certain personal data to foreign authorities.").startswith(
        "a transfer the law requires, to public authorities")
    assert "in another passage" in reason("We transfer your data to our service providers in the United States.")
