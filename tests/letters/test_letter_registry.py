"""Letters are a registry: a new letter type is one entry in rights.yaml and its two templates, and then it is a
`fineprint letter` choice, a right a reminder can be --about, and a request the journal records; no code changes."""
from __future__ import annotations

import shutil

import pytest
from click.testing import CliRunner

from fineprint.letters import cli, compose

ENTRY = """
  automated-decision:
    kind: request
    main: "22"
    articles: ["22"]
    name: {en: "automated decision", fr: "décision automatisée"}
    subject:
      en: "Request for human intervention in an automated decision (Article 22 GDPR)"
      fr: "Demande d'intervention humaine dans une décision automatisée (article 22 du RGPD)"
    quotes: []
"""
TEMPLATES = {
    "en": '{% extends "base.en.j2" %}\n{% block body %}\nUnder {{ art("22(3)") }}, I ask for human intervention.\n'
          '{% endblock %}\n',
    "fr": '{% extends "base.fr.j2" %}\n{% block body %}\nEn application de l\'{{ art("22(3)") }}, je demande une '
          'intervention humaine.\n{% endblock %}\n',
}


@pytest.fixture()
def new_letter_type(tmp_path, monkeypatch):
    """A copy of the letter data with one more letter type, as a contributor would add it."""
    data = tmp_path / "letters"
    shutil.copytree(compose.HERE / "templates", data / "templates")
    shutil.copy(compose.HERE / "ties.yaml", data / "ties.yaml")
    table = (compose.HERE / "rights.yaml").read_text(encoding="utf-8")
    (data / "rights.yaml").write_text(table.replace("\nrights:\n", "\nrights:\n" + ENTRY, 1), encoding="utf-8")
    for lang, text in TEMPLATES.items():
        (data / "templates" / f"automated-decision.{lang}.j2").write_text(text, encoding="utf-8")
    monkeypatch.setattr(compose, "HERE", data)
    monkeypatch.setattr(compose, "TEMPLATES", data / "templates")
    compose._table.cache_clear()
    compose._environment.cache_clear()
    yield cli._letter_command()
    compose._table.cache_clear()
    compose._environment.cache_clear()


def test_a_new_letter_type_is_one_entry_and_two_templates(new_letter_type, tmp_path, monkeypatch):
    runner = CliRunner()
    for lang, words in (("en", "Article 22(3) GDPR"), ("fr", "article 22(3) du RGPD")):
        result = runner.invoke(new_letter_type, ["automated-decision", "--company", "Initech", "--lang", lang,
                                                 "--date", "2026-01-31"])
        assert result.exit_code == 0, result.output
        assert words in result.output and "Initech" in result.output
    help_text = runner.invoke(new_letter_type, ["--help"]).output
    assert "automated-decision" in " ".join(help_text.split())  # in the command's first paragraph
    reminder = runner.invoke(new_letter_type, ["reminder", "--sent", "2025-12-01", "--about", "automated-decision",
                                               "--date", "2026-01-31"])
    assert reminder.exit_code == 0, reminder.output
    assert "Article 22 GDPR" in " ".join(reminder.output.split())  # the chased request's article
    from fineprint.letters.journal import RequestJournal

    entry = RequestJournal(tmp_path / "journal.sqlite3").add("Initech", "automated-decision",
                                                             compose.one_month_after(compose.date(2026, 1, 1)))
    assert entry.right == "automated-decision"


def test_the_shipped_registry_keeps_its_order_and_kinds():
    assert compose.rights() == ("access", "rectification", "erasure", "objection", "withdraw-consent",
                                "portability", "restriction", "complaint", "reminder")
    assert compose.request_rights() == compose.rights()[:7]
    assert all(entry["kind"] in ("request", "follow-up") for entry in compose.letter_types().values())
