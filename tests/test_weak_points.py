"""What a reader noticed in whole reports and what they should see instead (session 42): a right that only depends on
the law of where you live is not a serious problem, a copyright notice sworn "under penalty of perjury" is no data
request, and a wish that connections "last forever" is not the time the company keeps your data."""
from __future__ import annotations

import pytest

from fineprint import audit
from fineprint.report.summary import summarize

POLICY = """# Privacy policy

## Your rights

Depending on where you live, these rights may not apply to you or they may be named differently.

In certain situations, we may refuse to comply with your request to delete your personal data.

## Copyright

A statement by you, made under penalty of perjury, that the information in your notice is accurate and that you
are the copyright owner or authorised to act on the owner's behalf.

## Retention

We want the connections you make through our service to last forever, but we keep your personal data only as long
as necessary for legitimate business reasons.
"""


@pytest.fixture(scope="module")
def report():
    return audit(POLICY.encode("utf-8"), name="policy.md")


def _waivers(report):
    return {" ".join(f.text.split())[:40]: f for f in report.findings if f.id == "rights.rights-waiver"}


def test_a_right_that_depends_on_where_you_live_is_medium_with_its_reason(report):
    waivers = _waivers(report)
    conditional = next(f for t, f in waivers.items() if t.startswith("Depending on where you live"))
    assert conditional.severity == "medium"
    assert "depend on the law where you live" in conditional.severity_reason


def test_the_company_refusing_requests_stays_serious(report):
    refusal = next(f for t, f in _waivers(report).items() if t.startswith("In certain situations"))
    assert refusal.severity == "high"


def test_a_copyright_notice_under_penalty_of_perjury_is_no_restriction_of_data_rights(report):
    assert not any("perjury" in f.text for f in report.findings if f.id.startswith("rights."))


def test_what_matters_most_puts_the_refusal_above_the_conditional_right(report):
    top = [(p.id, p.severity, p.excerpt) for p in summarize(report).top]
    waiver = [p for p in top if p[0] == "rights.rights-waiver"]
    assert waiver and waiver[0][1] == "high" and "refuse" in waiver[0][2]


def test_a_wish_that_connections_last_forever_is_not_quoted_as_the_data_kept_forever(report):
    kept = [f for f in report.findings if f.id == "rights.indefinite-retention"]
    assert kept, "'as long as necessary for legitimate business reasons' is still kept with no criteria"
    text = report.text
    for f in kept:
        marked = [text[h.start:h.end].lower() for h in f.highlights]
        assert marked and not any("forever" in m for m in marked), marked


@pytest.mark.parametrize("sentence, severity", [
    ("We may limit or deny your deletion request in certain cases, in accordance with exceptions specified in the US "
     "State Privacy Laws.", "medium"),
    ("We may deny your deletion request if retaining the information is necessary for us or our service providers to:",
     "medium"),
    ("We reserve the right to deny a request to correct your information where exceptions apply.", "high"),
])
def test_a_refusal_resting_on_the_laws_own_exceptions_is_medium_and_an_unnamed_one_high(sentence, severity):
    report = audit(f"# Privacy policy\n\n## Your rights\n\n{sentence}\n".encode("utf-8"), name="policy.md")
    waiver = [f for f in report.findings if f.id == "rights.rights-waiver"]
    assert waiver and waiver[0].severity == severity, [(f.severity, f.severity_reason) for f in waiver]


@pytest.mark.parametrize("clause, country, own", [
    ("Les présentes conditions générales sont soumises au droit français.", None, True),  # the default reader: France
    ("Les présentes conditions générales sont soumises au droit français.", "BE", False),
    ("These Terms are governed by the laws of the State of California.", "US-CA", True),
    ("These Terms are governed by the laws of the State of California.", "US-NY", False),
    ("These Terms are governed by the laws of the State of California.", "US", False),
    ("These terms are governed by English law.", "GB", True),
    ("These terms are governed by the laws of Ireland.", "GB", False),
])
def test_a_choice_of_the_readers_own_law_is_low_with_its_reason(clause, country, own):
    """TAXONOMY: choice of law is unfair when it imposes a law *other than the consumer's*: a reader in France told
    « soumises au droit français » is a medium problem was told something false (Lyft's California reader, s. 41)."""
    args = {"country": country} if country else {}
    from fineprint.settings import Settings

    report = audit(f"# Terms\n\n{clause}\n".encode("utf-8"), name="terms.md", settings=Settings(**args))
    chosen = [f for f in report.findings if f.id == "unfair.choice-of-law"]
    assert chosen, "the clause is still a choice-of-law finding (the labelling convention)"
    assert (chosen[0].severity == "low") is own, (chosen[0].severity, chosen[0].severity_reason)
    if own:
        assert chosen[0].severity_reason in ("the law it chooses is the law of where you live",
                                             "le droit choisi est celui du pays où vous vivez")
        # the explanation answers the reader's question, not "a choice of law cannot deprive you of …"
        assert chosen[0].explanation.startswith(("This clause chooses the law of the country where you live",
                                                 "Cette clause choisit le droit du pays où vous vivez"))
        assert chosen[0].advice in ("Nothing to do about this clause.", "Rien à faire au sujet de cette clause.")
    else:
        assert "takes nothing away" not in chosen[0].explanation and "ne vous retire rien" not in chosen[0].explanation


@pytest.mark.parametrize("clause, country, own", [
    ("Tout litige relève de la compétence exclusive des tribunaux de Paris.", None, True),
    ("Tout litige relève de la compétence exclusive des tribunaux de Paris.", "BE", False),
    ("Any dispute shall be brought exclusively in the state or federal courts located in San Francisco County, "
     "California.", "US-CA", True),
    ("Any dispute shall be brought exclusively in the state or federal courts located in San Francisco County, "
     "California.", "US-NY", False),
    ("You agree to submit to the exclusive jurisdiction of the courts of Dublin, Ireland.", "GB", False),
])
def test_a_forum_in_the_readers_own_country_is_low_with_its_reason(clause, country, own):
    """TAXONOMY: a jurisdiction clause is unfair when it imposes "a court far from the consumer"; the courts of the
    reader's own country (or US state) keep the finding, at a low severity."""
    from fineprint.settings import Settings

    args = {"country": country} if country else {}
    report = audit(f"# Terms\n\n{clause}\n".encode("utf-8"), name="terms.md", settings=Settings(**args))
    forum = [f for f in report.findings if f.id == "unfair.jurisdiction"]
    assert forum, "the clause is still a jurisdiction finding"
    assert (forum[0].severity == "low") is own, (forum[0].severity, forum[0].severity_reason)
    assert ("in the country where you live" in forum[0].explanation
            or "dans le pays où vous vivez" in forum[0].explanation) is own
