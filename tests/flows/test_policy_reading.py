"""What a privacy policy says about data types and parties (fineprint/flows/policy.py), sentence by sentence."""
import pytest

from fineprint.flows.policy import read_policy
from fineprint.model import Clause


def read(sentences, lang="en"):
    return read_policy([Clause(id=f"c{i}", start=0, end=len(t), text=t) for i, t in enumerate(sentences)], lang)


@pytest.mark.parametrize("sentence,dtype,action,negated", [
    ("We collect your precise location to show nearby shops.", "location", "collect", False),
    ("We do not collect your location.", "location", "collect", True),
    ("No location data is ever collected.", "location", "collect", True),
    ("We never access your call log.", "call-log", "collect", True),
    ("We share your advertising ID with our advertising partners.", "device-identifiers", "share", False),
    ("We store your photos on our servers for 30 days.", "photos", "keep", False),
    ("We don't sell your email address.", "email-address", "share", True),
])
def test_english_statements(sentence, dtype, action, negated):
    hits = [s for s in read([sentence]).statements if s.data_type == dtype]
    assert hits and (hits[0].action, hits[0].negated) == (action, negated)


@pytest.mark.parametrize("sentence,dtype,action,negated", [
    ("Nous collectons votre localisation pour afficher les magasins proches.", "location", "collect", False),
    ("Nous ne collectons pas votre position.", "location", "collect", True),
    ("Nous ne partageons jamais votre carnet d'adresses.", "contacts", "share", True),
    ("Vos données de localisation sont conservées 30 jours.", "location", "keep", False),
])
def test_french_statements(sentence, dtype, action, negated):
    hits = [s for s in read([sentence], "fr").statements if s.data_type == dtype]
    assert hits and (hits[0].action, hits[0].negated) == (action, negated)


def test_parties_and_named_vendors():
    r = read(["We share usage data with analytics providers such as Flurry and AppsFlyer.",
              "Our service providers host the data.", "Contact us at privacy@example.com."])
    assert [c.id for c in r.names_party("analytics-providers")] == ["c0"]
    assert [c.id for c in r.names_party("service-providers")] == ["c1"]
    assert r.names_vendor(["AppsFlyer"]) and r.names_vendor(["Flurry"])
    assert not r.names_vendor(["Chartboost"])
    shared = [s for s in r.statements if s.data_type == "usage"]
    assert shared[0].action == "share" and "analytics-providers" in shared[0].parties


def test_contact_us_is_not_the_contact_list():
    r = read(["Contact us at privacy@example.com.", "If you have questions, contact our support team."])
    assert not r.mentions("contacts")


def test_summary_lists_collected_and_denied_types():
    r = read(["We collect your email address.", "We do not collect your location."])
    summary = r.summary()
    assert "email-address" in summary["collect"] and "location" in summary["not-collect"]


def test_french_on_behalf_is_not_an_account():
    r = read(["Des tiers diffusent des messages publicitaires pour notre compte.",
              "Nous agissons au nom de nos clients."], "fr")
    assert not r.mentions("account") and not r.mentions("name")


def test_policy_data_command(tmp_path):
    import json
    import subprocess
    import sys
    from pathlib import Path

    policy = Path(__file__).resolve().parent / "policies" / "location-contradiction.md"

    def run(*args):
        return subprocess.run([sys.executable, "-m", "fineprint.cli", "policy-data", *args], capture_output=True,
                              text=True, timeout=120)

    r = run(str(policy), "-f", "json")
    assert r.returncode == 0, r.stderr
    data = json.loads(r.stdout)
    denied = data["flows"]["not-collect"]["location"][0]
    assert denied["text"] == "We do not collect your location." and denied["line"] == 3
    r = run(str(policy))
    assert r.returncode == 0 and "Says it does NOT collect" in r.stdout and "line 3" in r.stdout
    empty = tmp_path / "empty.txt"
    empty.write_text("", encoding="utf-8")
    r = run(str(empty))
    assert r.returncode == 2 and "Traceback" not in r.stderr and len(r.stderr.strip().splitlines()) == 1
