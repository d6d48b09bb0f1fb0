"""A version that says it applied only until a date now past gets a warning, in the report language; a date in a
clause further down, a future date or no date gets none."""
from __future__ import annotations

from datetime import date

import fineprint
from fineprint.validity import expired_warning, in_force_until

TODAY = date(2026, 12, 6)


def test_the_end_of_a_versions_period_is_read_from_its_first_lines():
    assert in_force_until("Conditions générales d’utilisation de l’Application Bolt (en vigueur jusqu'au 19 "
                          "octobre 2022)\n----\n\nArticle 1") == date(2022, 10, 19)
    assert in_force_until("Terms of Service\n\nThese Terms were effective until March 1st, 2023.") == date(2023, 3, 1)
    assert in_force_until("CGV applicables jusqu'au 31/12/2024") == date(2024, 12, 31)
    assert in_force_until("This offer is valid until further notice.") is None
    # a clause far from the top is a term of the contract, not the version's period
    assert in_force_until("Terms\n\n" + "Plain words about the service. " * 40 + "Valid until 1 May 2020.") is None


def test_a_past_date_warns_in_the_report_language_and_a_future_one_does_not():
    text = "CGU (en vigueur jusqu'au 1 mars 2023)\n\nArticle 1"
    assert expired_warning(text, "fr", TODAY) == ("cette version dit s'appliquer jusqu'au 1er mars 2023 : elle n'est "
                                                  "peut-être plus en vigueur ; vérifiez la version actuelle")
    assert "applied until March 1, 2023" in expired_warning(text, "en", TODAY)
    assert expired_warning("CGU (en vigueur jusqu'au 1 mars 2099)", "fr", TODAY) is None


def test_an_audit_of_an_expired_version_says_so(tmp_path):
    path = tmp_path / "cgu.md"
    path.write_text("# Conditions générales d'utilisation (en vigueur jusqu'au 19 octobre 2022)\n\nLes présentes "
                    "conditions sont soumises au droit français.\n", encoding="utf-8")
    report = fineprint.audit(str(path))
    assert any("19 octobre 2022" in w for w in report.warnings), report.warnings
