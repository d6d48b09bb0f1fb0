"""transparency.* as a user meets it: a thin privacy policy lists what it fails to tell (``"missing": true``, with
the law and the letter that asks for it); a thorough one shows the passages; terms of service get none of it."""
import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

THIN = """# Privacy Policy

We collect your email address to send you our newsletter. We keep it safe.
Contact us at hello@tinyapp.example.
"""

THOROUGH = """# Privacy Policy

Tiny App Ltd, 1 High Street, London, is the controller of your personal data. Contact us at privacy@tinyapp.example.
Our data protection officer can be reached at dpo@tinyapp.example.

## Why we use your data

We use your email address to send you the newsletter you asked for. The legal basis is your consent.

## Who receives it

We share your email address with our mailing service provider, which stores it in the United States under the
European Commission's standard contractual clauses.

## How long we keep it

We keep your email address until you unsubscribe, and delete it within 30 days after.

## Your rights

Under the GDPR you have the following rights:

- the right of access to your personal data;
- the right to rectification of inaccurate personal data;
- the right to erasure of your personal data;
- the right to restriction of processing;
- the right to object to the processing of your personal data;
- the right to data portability.

You may withdraw your consent at any time. You have the right to lodge a complaint with a supervisory authority, such
as the ICO. We do not use automated decision-making or profiling.
"""

TERMS = """# Terms of Service

By using the service you agree to these terms. We may terminate your account at any time.
These terms are governed by the laws of England.
"""


def audit_json(tmp_path, name, text):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    r = subprocess.run([sys.executable, "-m", "fineprint.cli", "audit", str(path), "-f", "json"],
                       capture_output=True, text=True, timeout=300)
    assert r.returncode == 0, r.stderr
    return json.loads(r.stdout)


def transparency(report):
    missing = {f["id"] for f in report["findings"] if f["id"].startswith("transparency.") and f.get("missing")}
    present = {f["id"] for f in report["findings"] if f["id"].startswith("transparency.") and not f.get("missing")}
    return missing, present


def test_thin_policy_lists_what_it_does_not_tell(tmp_path):
    report = audit_json(tmp_path, "privacy.md", THIN)
    assert report["document"]["kind"] == "privacy-policy"
    missing, present = transparency(report)
    for fid in ("transparency.legal-basis", "transparency.retention-period", "transparency.right-access",
                "transparency.right-complaint", "transparency.dpo-contact"):
        assert fid in missing
    assert "transparency.purposes" in present
    hit = next(f for f in report["findings"] if f["id"] == "transparency.right-access" and f.get("missing"))
    assert hit["severity"] == "medium" and hit["law"] and "fineprint letter access" in hit["advice"]
    assert "missing disclosure" in report["summary"]["headline"]


def test_thorough_policy_discloses_every_item_with_its_passage(tmp_path):
    report = audit_json(tmp_path, "privacy.md", THOROUGH)
    missing, present = transparency(report)
    assert len(missing) <= 2, missing  # a model, not a checklist: allow a miss or two, never the whole list
    assert len(present) >= 14
    for f in report["findings"]:
        if f["id"].startswith("transparency.") and not f.get("missing"):
            assert f["severity"] == "info" and f["text"]


def test_terms_of_service_get_no_transparency_finding(tmp_path):
    report = audit_json(tmp_path, "terms.md", TERMS)
    assert report["document"]["kind"] == "terms"
    assert transparency(report) == (set(), set())


def test_french_policy_missing_items_in_french(tmp_path):
    text = ("# Politique de confidentialité\n\nNous collectons votre adresse e-mail pour vous envoyer notre lettre "
            "d'information. Vous pouvez demander l'accès à vos données et leur rectification en écrivant à "
            "contact@exemple.fr.\n")
    report = audit_json(tmp_path, "confidentialite.md", text)
    missing, present = transparency(report)
    assert {"transparency.right-access", "transparency.right-rectification"} <= present
    assert {"transparency.right-complaint", "transparency.retention-period"} <= missing
    hit = next(f for f in report["findings"] if f["id"] == "transparency.right-complaint")
    assert report["language"] == "fr" and "CNIL" in hit["advice"]


def test_a_policy_page_that_is_only_its_title_reports_no_missing_disclosure_and_says_why(tmp_path):
    # Open Terms Archive's "Microsoft Privacy Statement" read without its JavaScript: a title and nothing else.
    # Sixteen "missing" findings there would blame the policy for text that is elsewhere.
    report = audit_json(tmp_path, "privacy-policy.md", "Microsoft Privacy Statement\n===========================\n")
    assert report["document"]["kind"] == "privacy-policy"
    assert transparency(report) == (set(), set())
    assert any("less than two sentences" in w and "audit the full text" in w for w in report["warnings"])


def test_a_policy_page_that_says_one_thing_twice_is_still_a_stub_but_a_thin_policy_is_not(tmp_path):
    stub = "# Privacy Policy\n\nThis page contains Hygraph privacy policies.\n\n# Privacy Policy\n\n" \
           "This page contains Hygraph privacy policies.\n"
    report = audit_json(tmp_path, "privacy.md", stub)
    assert transparency(report) == (set(), set())
    thin = audit_json(tmp_path, "privacy.md", THIN)  # three sentences: its silences are findings
    assert "transparency.right-access" in transparency(thin)[0]
    assert not any("less than two sentences" in w for w in thin["warnings"])


def test_the_stub_warning_is_in_french_for_a_french_report(tmp_path):
    path = tmp_path / "politique-de-confidentialite.md"
    path.write_text("# Politique de confidentialité\n\nPolitique de confidentialité\n", encoding="utf-8")
    r = subprocess.run([sys.executable, "-m", "fineprint.cli", "audit", str(path), "-f", "json", "--lang", "fr"],
                       capture_output=True, text=True, timeout=300)
    report = json.loads(r.stdout)
    assert transparency(report) == (set(), set())
    assert any("moins de deux phrases" in w for w in report["warnings"]), report["warnings"]
