"""A document that holds versions in several languages, one after the other (some services publish one policy in
English, Spanish, French …): each English or French version is read in its own language, the others are left unread
and the report says so (fineprint.ingest.language.language_versions)."""
from pathlib import Path

import pytest

import fineprint
from fineprint.ingest import load

EN = """We collect your name, email address, phone number and the content you post when you create an account.
We sell your personal information to advertisers and data brokers, who may combine it with other data.
We use cookies and similar technologies to understand how you use the service and to show you advertising.
You can access, correct or delete your personal information at any time from your account settings.
We keep your information for as long as your account is active and for three years after it is closed.
If you have questions about this policy, you can contact our data protection officer by email.
"""
ES = """Recopilamos su nombre, su dirección de correo electrónico, su número de teléfono y el contenido que publica.
Vendemos su información personal a anunciantes y a intermediarios de datos, que pueden combinarla con otros datos.
Utilizamos cookies y tecnologías similares para entender cómo usa el servicio y para mostrarle publicidad.
Puede acceder, corregir o eliminar su información personal en cualquier momento desde la configuración de su cuenta.
Conservamos su información mientras su cuenta esté activa y durante tres años después de su cierre.
Si tiene preguntas sobre esta política, puede ponerse en contacto con nuestro delegado de protección de datos.
"""
FR = """Nous collectons votre nom, votre adresse électronique, votre numéro de téléphone et les contenus que vous publiez.
Nous vendons vos données personnelles à des annonceurs et à des courtiers en données, qui peuvent les combiner.
Nous utilisons des cookies et des technologies similaires pour comprendre votre usage du service et vous montrer de la publicité.
Vous pouvez accéder à vos données, les rectifier ou les supprimer à tout moment depuis les paramètres de votre compte.
Nous conservons vos informations tant que votre compte est actif et pendant trois ans après sa fermeture.
Pour toute question sur cette politique, vous pouvez contacter notre délégué à la protection des données.
"""


def _version(title: str, body: str, times: int = 4) -> str:
    return f"{title}\n\n" + "\n".join(body for _ in range(times)) + "\n"


def _three_versions() -> str:
    return (_version("Privacy Policy", EN) + "\n" + _version("Política de privacidad", ES) + "\n"
            + _version("Politique de confidentialité", FR))


def test_each_version_is_read_in_its_language_and_the_others_are_said_unread(tmp_path):
    text = _three_versions()
    path = tmp_path / "policy.txt"
    path.write_text(text, encoding="utf-8")
    report = fineprint.audit(str(path))
    assert report.document.language == "en"
    note = [w for w in report.warnings if "versions in 3 languages" in w]
    assert note and "es" in note[0] and "was not read" in note[0]
    spanish = (text.index("Política de privacidad"), text.index("Politique de confidentialité"))
    french_start = spanish[1]
    sales = [f for f in report.findings if f.id == "rights.data-sale"]
    assert any(f.span.start < spanish[0] for f in sales), "the English sale clause is read"
    assert any(f.span.start >= french_start for f in sales), "the French sale clause is read, in French"
    assert not [f for f in report.findings if spanish[0] <= f.span.start < spanish[1]], "Spanish is not read"


def test_lang_reads_only_the_version_in_that_language(tmp_path):
    # a policy published in English and French lists each red flag twice; --lang fr reads the French version only,
    # explains in French and says that the English text was not read
    import json
    import subprocess
    import sys

    from fineprint.settings import Settings

    text = _three_versions()
    path = tmp_path / "policy.txt"
    path.write_text(text, encoding="utf-8")
    french_start = text.index("Politique de confidentialité")
    report = fineprint.audit(str(path), Settings(lang="fr"))
    assert report.document.language == "fr"
    sales = [f for f in report.findings if f.id == "rights.data-sale"]
    assert sales and all(f.span.start >= french_start for f in sales), "only the French version is read"
    note = [w for w in report.warnings if "versions in 3 languages" in w]
    assert note and "(--lang fr)" in note[0] and "en, es" in note[0] and "was not read" in note[0]
    english = fineprint.audit(str(path), Settings(lang="en"))
    sales = [f for f in english.findings if f.id == "rights.data-sale"]
    assert sales and all(f.span.start < french_start for f in sales), "--lang en reads the English version only"
    both = fineprint.audit(str(path))
    assert len([f for f in both.findings if f.id == "rights.data-sale"]) > len(sales)
    out = subprocess.run([sys.executable, "-m", "fineprint.cli", "audit", str(path), "--lang", "fr", "--format", "json"],
                         capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr
    shown = json.loads(out.stdout)
    assert shown["document"]["language"] == "fr"
    assert all(f["span"]["start"] >= french_start for f in shown["findings"] if f["id"].startswith("rights."))


def test_lang_in_a_language_the_document_lacks_reads_every_version(tmp_path):
    # English and Spanish versions only: --lang fr explains in French, and the English version is still read
    from fineprint.settings import Settings

    text = _version("Privacy Policy", EN) + "\n" + _version("Política de privacidad", ES)
    path = tmp_path / "policy.txt"
    path.write_text(text, encoding="utf-8")
    report = fineprint.audit(str(path), Settings(lang="fr"))
    assert any(f.id == "rights.data-sale" for f in report.findings)
    assert not any("--lang" in w for w in report.warnings)


def test_clauses_carry_the_language_of_their_version(tmp_path):
    from fineprint.segment import segment_clauses

    path = tmp_path / "policy.txt"
    path.write_text(_three_versions(), encoding="utf-8")
    doc = load(str(path))
    by_language = {c.language for c in segment_clauses(doc)}
    assert by_language == {"en", "es", "fr"}
    assert [code for _start, _end, code in doc.languages] == ["en", "es", "fr"]
    assert doc.languages[0][0] == 0 and doc.languages[-1][1] == len(doc.text)


def test_a_document_in_one_language_is_not_cut(tmp_path):
    path = tmp_path / "policy.txt"
    path.write_text(_version("Privacy Policy", EN, times=12), encoding="utf-8")
    doc = load(str(path))
    assert doc.language == "en" and doc.languages == ()
    assert not any("versions in" in w for w in doc.warnings)


def test_a_short_banner_in_another_language_is_no_version(tmp_path):
    # a French policy opening with a short English notice stays one French document
    path = tmp_path / "politique.txt"
    path.write_text("This page is also available in English. Please select your language below.\n\n"
                    + _version("Politique de confidentialité", FR, times=8), encoding="utf-8")
    doc = load(str(path))
    assert doc.language == "fr" and doc.languages == ()


def test_a_real_policy_in_nine_languages(shared):
    path = Path(shared) / "corpora" / "ota-en" / "hi5" / "Privacy Policy.md"
    if not path.exists():
        pytest.skip(f"{path} is not in ../shared on this machine")
    doc = load(str(path))
    assert doc.language == "en"
    assert {code for _s, _e, code in doc.languages} >= {"en", "fr", "de", "es"}
    assert any("versions in 9 languages" in w for w in doc.warnings)


def test_a_document_alternating_languages_every_paragraph_is_no_set_of_versions_and_stays_fast(tmp_path):
    # hostile or odd input: 1.2 MB alternating English and Spanish paragraphs (no run long enough to be a version)
    import time

    paragraphs = [EN.splitlines()[i % 6] if i % 2 == 0 else ES.splitlines()[i % 6] for i in range(10_000)]
    path = tmp_path / "mixed.txt"
    path.write_text("\n\n".join(paragraphs), encoding="utf-8")
    started = time.perf_counter()
    doc = load(str(path))
    assert time.perf_counter() - started < 10
    assert doc.languages == ()
