"""A French clause's evidence is in French. The models read French twice, its own words and their English gloss; a
decisive term learnt from the gloss ("these third parties") used to be shown as English words found nowhere in the
clause, and was not highlighted (Qobuz's policy: « [[politiques]] » highlighted alone, « ces tiers » not at all).
It is now shown as the French words it glosses, and those are highlighted."""
from __future__ import annotations

import fineprint

POLICY = [
    "Il vous appartient de vous référer aux politiques de protection des données de ces tiers pour vérifier les "
    "conditions des traitements réalisés ou exercer vos droits au titre de ces traitements.",
    "Vos données peuvent être transférées vers des pays situés hors de l'Union européenne, notamment aux États-Unis.",
    "Nous collectons votre adresse électronique pour vous envoyer notre lettre d'information.",
    "Vous pouvez à tout moment retirer votre consentement en nous écrivant.",
    "Vos données sont conservées pendant trois ans après votre dernière commande.",
]
TERMS = [
    "Les présentes conditions sont soumises au droit français et tout litige sera porté devant les tribunaux de Paris.",
    "Nous pouvons suspendre ou résilier votre compte à tout moment, sans préavis ni indemnité, pour quelque raison que "
    "ce soit.",
    "La société ne saurait être tenue responsable des dommages indirects résultant de l'utilisation du service.",
]


def _model_findings(tmp_path, name, title, clauses):
    path = tmp_path / name
    path.write_text(f"# {title}\n\n" + "\n\n".join(clauses) + "\n", encoding="utf-8")
    report = fineprint.audit(str(path))
    return report, [f for f in report.findings if f.evidence.get("decisive_terms")]


def _words(s: str) -> str:
    return " ".join(s.lower().split())


def test_every_decisive_term_of_a_french_clause_is_in_the_clause(tmp_path):
    found = (_model_findings(tmp_path, "cgu.md", "Conditions générales d'utilisation", TERMS)[1]
             + _model_findings(tmp_path, "confidentialite.md", "Politique de confidentialité", POLICY)[1])
    assert len(found) >= 6, [f.id for f in found]
    for f in found:
        for term in f.evidence["decisive_terms"]:
            assert _words(term) in _words(f.text), (f.id, term, f.text)


def test_the_glossed_words_are_highlighted(tmp_path):
    report, found = _model_findings(tmp_path, "confidentialite.md", "Politique de confidentialité", POLICY)
    sharing = [f for f in found if f.id == "practice.third-party-sharing" and "ces tiers" in f.text]
    assert sharing, [(f.id, f.text[:40]) for f in found]
    assert "ces tiers" in sharing[0].evidence["decisive_terms"]
    lit = {_words(report.text[h.start:h.end]) for h in sharing[0].highlights}
    assert "ces tiers" in lit, lit
    for f in found:
        for h in f.highlights:
            assert f.span.start <= h.start < h.end <= f.span.end


def test_hostile_french_text_keeps_its_evidence_inside_the_clause(tmp_path):
    """Decomposed accents (NFD), zero-width and bidi characters, a very long clause: the French words found for a
    gloss term still lie inside the clause, and nothing raises."""
    import unicodedata

    nasty = [unicodedata.normalize("NFD", TERMS[1]),
             TERMS[1].replace("résilier", "rés\u200bilier").replace("compte", "com\u202ept\u202ce"),
             " ".join([TERMS[2].rstrip(".")] * 60) + "."]
    path = tmp_path / "cgu-hostile.md"
    path.write_text("# Conditions générales\n\n" + "\n\n".join(nasty) + "\n", encoding="utf-8")
    report = fineprint.audit(str(path))
    assert any(f.evidence.get("decisive_terms") and f.highlights for f in report.findings), report.findings
    for f in report.findings:
        for h in f.highlights:
            assert f.span.start <= h.start < h.end <= f.span.end, (f.id, h)
