"""fineprint diff: clauses aligned across two versions, findings that appeared / went away, --fail-on for CI."""
import json
import subprocess
import sys

import pytest

from fineprint.diff import align_clauses, diff_sources
from fineprint.model import Clause

OLD = """# ShopNova terms of use

## Your account

You must be 18 or older to open an account. Keep your password secret and tell us at once if someone else uses it.

## Orders

Prices include VAT. We confirm each order by email and deliver within 14 days.

## Your content

You keep ownership of the reviews you post. You can delete them at any time from your account page.

## Contact

Write to support@shopnova.example for any question about these terms.
"""
# the new version: the account section moved below Orders, the contact sentence edited, and one clause added
LIKENESS = ("By taking part in the programme, you grant ShopNova a perpetual, irrevocable licence to use your name, "
            "photo, likeness and voice in any media worldwide.")
NEW = OLD.replace("""## Your account

You must be 18 or older to open an account. Keep your password secret and tell us at once if someone else uses it.

## Orders

Prices include VAT. We confirm each order by email and deliver within 14 days.
""", """## Orders

Prices include VAT. We confirm each order by email and deliver within 14 days.

## Your account

You must be 18 or older to open an account. Keep your password secret and tell us at once if someone else uses it.
""").replace("from your account page.\n", "from your account page.\n\n" + LIKENESS + "\n").replace(
    "about these terms.", "about these terms or your orders.")


@pytest.fixture
def versions(tmp_path):
    old, new = tmp_path / "2024-03-10.md", tmp_path / "2024-06-01.md"
    old.write_text(OLD, encoding="utf-8")
    new.write_text(NEW, encoding="utf-8")
    return old, new


def run(*args):
    return subprocess.run([sys.executable, "-m", "fineprint.cli", *args], capture_output=True, text=True, timeout=300)


def test_added_perpetual_likeness_licence_is_exactly_what_the_diff_reports(versions):
    old, new = versions
    d = diff_sources(str(old), str(new))
    counts = d.counts()
    assert counts["added"] == 1 and counts["removed"] == 0
    assert counts["moved"] >= 2  # the account sentences moved below Orders: not reported as removed + added
    assert counts["edited"] == 1  # the contact sentence
    added = [c for c in d.clauses if c.kind == "added"]
    assert added[0].new.text == LIKENESS
    # every finding change is about the added clause, and the perpetual grant is among them, as a new red flag
    assert d.findings and all(f.change == "appeared" and f.clause == "added" and f.new_text == LIKENESS
                              for f in d.findings)
    perpetual = [f for f in d.findings if f.id == "rights.perpetual"]
    assert perpetual and perpetual[0].severity == "high" and perpetual[0].first_in_document
    assert not any(f.change == "disappeared" for f in d.findings)


def test_the_reverse_diff_says_the_licence_went_away(versions):
    old, new = versions
    d = diff_sources(str(new), str(old))
    assert {f.change for f in d.findings} == {"disappeared"}
    assert any(f.id == "rights.perpetual" and f.clause == "removed" and f.old_text == LIKENESS for f in d.findings)


def test_cli_fail_on_and_formats(versions, tmp_path):
    old, new = versions
    r = run("diff", str(old), str(new), "--fail-on", "high")
    assert r.returncode == 1, r.stderr
    assert "new since 2024-03-10" in r.stdout and "rights.perpetual" in r.stdout and "perpetual, irrevocable" in r.stdout
    r = run("diff", str(old), str(new), "--format", "json")
    assert r.returncode == 0, r.stderr
    data = json.loads(r.stdout)
    assert data["schema"] == "fineprint.diff/1" and data["old"]["label"] == "2024-03-10"
    assert any(f["id"] == "rights.perpetual" and f["change"] == "appeared" for f in data["findings"])
    page = tmp_path / "d.html"
    r = run("diff", str(old), str(new), "--format", "html", "-o", str(page))
    assert r.returncode == 0, r.stderr
    html = page.read_text()
    assert "perpetual, irrevocable" in html and "<table>" in html and "<script" not in html and "http" not in html
    sarif = json.loads(run("diff", str(old), str(new), "--format", "sarif").stdout)
    results = sarif["runs"][0]["results"]
    # only what appeared, located in the new version: the licence clause, nothing from the unchanged clauses
    assert results and {x["ruleId"] for x in results} == {f["id"] for f in data["findings"]}
    assert all("perpetual, irrevocable" in x["locations"][0]["physicalLocation"]["region"]["snippet"]["text"]
               for x in results)
    md = run("diff", str(old), str(new), "--format", "md").stdout
    assert "| appeared |" in md and "rights.perpetual" in md
    # the same version twice: nothing to report, exit 0 even with --fail-on info
    r = run("diff", str(old), str(old), "--fail-on", "info")
    assert r.returncode == 0 and "no finding appeared" in r.stdout


def test_bad_input_is_one_line_exit_2(versions, tmp_path):
    old, _ = versions
    empty = tmp_path / "empty.md"
    empty.write_text("")
    r = run("diff", str(old), str(empty))
    assert r.returncode == 2 and "Traceback" not in r.stderr and len(r.stderr.strip().splitlines()) == 1
    r = run("diff", str(old), str(tmp_path / "missing.md"))
    assert r.returncode == 2 and "Traceback" not in r.stderr


def _c(i, text):
    return Clause(id=f"c{i}", start=0, end=len(text), text=text)


def test_alignment_covers_every_clause_once():
    old = [_c(i, t) for i, t in enumerate(["alpha one two", "beta three four five", "gamma six", "delta seven"])]
    new = [_c(i, t) for i, t in enumerate(["gamma six", "alpha one two", "beta three four five six", "epsilon"])]
    changes = align_clauses(old, new)
    assert sorted(c.old.id for c in changes if c.old) == [c.id for c in old]
    assert sorted(c.new.id for c in changes if c.new) == sorted(c.id for c in new)
    kinds = {(c.old.text if c.old else None, c.new.text if c.new else None): c.kind for c in changes}
    assert kinds[("beta three four five", "beta three four five six")] == "edited"
    assert kinds[("delta seven", None)] == "removed" and kinds[(None, "epsilon")] == "added"
    assert {kinds[("gamma six", "gamma six")], kinds[("alpha one two", "alpha one two")]} <= {"same", "moved"}


def test_a_schedule_row_added_to_the_new_version_is_a_choice_of_law_that_appeared(tmp_path):
    # the report shows a schedule as one finding with its similar rows; the diff still compares them row by row
    rows = ["Law governing the Agreement shall be: Japanese law.", "Law governing the Agreement shall be: Korean law.",
            "Law governing the Agreement shall be: German law."]
    added = "Law governing the Agreement shall be: Turkish law."
    old, new = tmp_path / "2024-03-10.md", tmp_path / "2024-06-01.md"
    old.write_text("# Country schedule\n\n" + "\n\n".join(rows) + "\n", encoding="utf-8")
    new.write_text("# Country schedule\n\n" + "\n\n".join(rows + [added]) + "\n", encoding="utf-8")
    d = diff_sources(str(old), str(new))
    appeared = [f for f in d.findings if f.change == "appeared"]
    assert [(f.id, f.new_text) for f in appeared if f.id == "unfair.choice-of-law"] == [("unfair.choice-of-law", added)]
    assert not any(f.change == "disappeared" for f in d.findings)
