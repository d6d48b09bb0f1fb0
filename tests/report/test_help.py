"""Who can help, as the document says: the consumer mediator a document names is shown with its line, so that the
advice "a mediator can help" points somewhere (GO Sport's reader, session 40); refusals, law citations, an arbitration
procedure's mediation step and the closed EU online dispute platform are not help."""
from __future__ import annotations

import json

import fineprint
from fineprint.report import render
from fineprint.report.json import validate

CGV = ("# Conditions générales de vente\n\n"
       "## Article 9 - Modifications\n\n"
       "La Société se réserve le droit de modifier les présentes conditions à tout moment et sans préavis.\n\n"
       "## Article 18 - Médiation\n\n"
       "L’ordonnance du 20 août 2015 relative à la médiation des litiges de la consommation s'applique.\n\n"
       "Le Client peut recourir gratuitement au service de médiation mis en place par Médiation – Vivons Mieux "
       "Ensemble, 465 avenue de la Libération, 54000 Nancy.\n\n"
       "Le Client peut également saisir la plateforme européenne de règlement en ligne des litiges.\n")
TERMS = ("# Terms\n\nWe may change these terms at any time without notice.\n\n"
         "We are neither obliged nor willing to take part in dispute resolution before a consumer mediation board.\n\n"
         "If arbitration fails, the parties agree to a global mediation of the remaining arbitration claims.\n")


def _report(tmp_path, text, name="doc.md"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return fineprint.audit(str(path))


def test_the_mediator_a_document_names_is_shown_with_its_line(tmp_path):
    report = _report(tmp_path, CGV)
    line = CGV.splitlines().index(next(x for x in CGV.splitlines() if x.startswith("Le Client peut recourir"))) + 1
    out = " ".join(render(report, "text").split())
    assert "Qui peut vous aider, selon le document" in out and f"ligne {line} : « Le Client peut recourir" in out
    assert "Vivons Mieux Ensemble" in out
    assert "L’ordonnance" not in out.split("Qui peut vous aider")[1].split("Décompte")[0]  # the law, not help
    assert "plateforme européenne" not in out.split("Qui peut vous aider")[1].split("Décompte")[0]
    data = json.loads(render(report, "json"))
    validate(data)
    assert [h["line"] for h in data["summary"]["help"]] == [line]
    assert "Vivons Mieux Ensemble" in render(report, "html") and "Vivons Mieux Ensemble" in render(report, "md")


def test_a_refusal_or_an_arbitration_procedures_mediation_is_no_help(tmp_path):
    report = _report(tmp_path, TERMS)
    assert "help" not in json.loads(render(report, "json"))["summary"]
    assert "Who can help" not in render(report, "text")
