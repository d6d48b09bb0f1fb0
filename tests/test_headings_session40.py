"""Session 40: headings as the readers of whole reports see them — the section a quoted clause is said to be under,
and a clause's text that does not begin with the heading above it. The examples are written for these tests (not
taken from the documents the readers read)."""
from __future__ import annotations

import pytest

from fineprint.ingest import load
from fineprint.ingest.structure import is_date_line, plain_text_blocks, reads_as_title
from fineprint.segment import segment_clauses


def _clauses(markdown: str):
    doc = load(markdown.encode("utf-8"), name="policy.md")
    return [c for c in segment_clauses(doc)]


def _clause(clauses, start: str):
    found = [c for c in clauses if c.text.startswith(start)]
    assert found, f"no clause starts with {start!r}: {[c.text[:40] for c in clauses]}"
    return found[0]


def _under(clause) -> str:
    """The section the report names for a clause (its innermost heading), without Markdown escapes."""
    return clause.headings[-1].replace("\\", "") if clause.headings else ""


def _headings(markdown: str) -> list[str]:
    doc = load(markdown.encode("utf-8"), name="policy.md")
    return [doc.text[b.start:b.end] for b in doc.blocks if b.kind == "heading"]


# 1. A date line is never a section heading


@pytest.mark.parametrize("line", [
    "Last revised: 3 March, 2024", "Effective date: June 3, 2024", "Updated on Sep 9, 2023",
    "Version 2.1 – Last updated 12/01/2024", "Dernière mise à jour : 12 mars 2024", "En vigueur au 1er janvier 2025",
    "Mise à jour le 05/06/2023", "Version en date du 2 février 2022", "October 2, 2023",
])
def test_a_date_line_is_a_date_line(line):
    assert is_date_line(line)


@pytest.mark.parametrize("line", [
    "Changes to this Policy", "Updates to These Terms", "Part B: former version, updated on 3 March 2024",
    "Newsletter Privacy Notice updated May 25, 2020", "Effective date", "8.1.10.", "Air Lines 2018",
])
def test_a_title_that_mentions_a_date_is_not_a_date_line(line):
    assert not is_date_line(line)


def test_the_opening_clauses_are_not_under_the_date_line():
    clauses = _clauses(
        "#### Last revised: 3 March, 2024\n\n"
        "Welcome to Pebble, a photo sharing service run by Pebble Labs. By creating an account, you agree to these "
        "terms.\n\n"
        "### 1\\. Accounts\n\nYou must be at least 16 years old to open an account on Pebble.\n")
    opening = _clause(clauses, "Welcome to Pebble")
    assert "Last revised" not in " ".join(opening.headings)
    assert _under(_clause(clauses, "You must be")) == "1. Accounts"


@pytest.mark.parametrize("date", ["### Dernière mise à jour : 12 mars 2024", "MISE À JOUR LE 12/03/2024",
                                  "En vigueur au 1er avril 2024\n-----------------------------"])
def test_a_french_date_line_is_no_heading_either(date):
    md = (f"# Conditions générales d'utilisation\n\n{date}\n\n"
          "L'application Mistral Vélo permet de louer un vélo en libre-service dans les villes partenaires.\n")
    assert _headings(md) == ["Conditions générales d'utilisation"]
    clause = _clause(_clauses(md), "L'application")
    assert _under(clause) == "Conditions générales d'utilisation"


# 2. A bold heading closed by a hard line break, its paragraph on the next line


@pytest.mark.parametrize("brk", ["  ", "\\", "<br>"])
def test_a_bold_heading_before_a_hard_break_heads_the_next_line(brk):
    md = ("## Vos données\n\nNous traitons vos données pour gérer vos commandes et votre compte client.\n\n"
          f"**Conservation des données de paiement**{brk}\n"
          "Nous gardons vos coordonnées bancaires pendant treize mois après votre dernier achat sur le site.\n")
    clause = _clause(_clauses(md), "Nous gardons")
    assert _under(clause) == "Conservation des données de paiement"
    assert not clause.text.startswith("Conservation")


def test_a_longer_sentence_case_heading_before_a_hard_break():
    md = ("**Payments, refunds and the prevention of card fraud**  \n"
          "We check each order against signals of fraud before the card is charged, and we may hold an order for "
          "review.\n")
    clause = _clause(_clauses(md), "We check each order")
    assert _under(clause) == "Payments, refunds and the prevention of card fraud"


def test_a_question_heading_with_may_or_peut_heads_its_answer():
    md = ("**Qui peut consulter vos commandes ?**  \n"
          "Seuls les préparateurs de commandes et le service client consultent le détail de vos achats.\n\n"
          "**Who can see the photos you post?**  \n"
          "Photos you post are visible to the people you follow and to anyone who has the link to them.\n")
    clauses = _clauses(md)
    assert _under(_clause(clauses, "Seuls les préparateurs")) == "Qui peut consulter vos commandes ?"
    assert _under(_clause(clauses, "Photos you post")) == "Who can see the photos you post?"
    assert not any(c.text.startswith(("Qui peut", "Who can")) for c in clauses)  # a heading, not a clause


def test_a_statement_with_a_question_mark_is_no_title():
    assert not reads_as_title("We may sell your data?")
    assert not reads_as_title("4. We may sell your data?")


def test_a_hard_wrapped_sentence_is_not_cut_into_a_heading():
    md = ("We share the information we collect from\n"
          "Partners with the advertisers who pay for the campaigns you see in the app every day.\n")
    assert _headings(md) == []
    assert _clauses(md)[0].text.startswith("We share the information")


# 3. Markdown table rows are passages of their own


def test_each_table_row_is_its_own_passage():
    md = ("## 2\\. Newsletter\n\n|     |     |\n| --- | --- |\n"
          "| Data used | (a) Name  <br>(b) E-mail address |\n"
          "| Legal basis | Your consent, which you can withdraw from any newsletter we send. |\n"
          "| Retention | 24 months after your last click |\n")
    clauses = _clauses(md)
    basis = _clause(clauses, "Legal basis")
    assert "E-mail address" not in basis.text and "24 months" not in basis.text
    assert _clause(clauses, "Retention").text.endswith("last click")
    assert _under(basis) == "2. Newsletter"
    assert not any(c.text.startswith("|") for c in clauses)  # from the first filled cell


def test_a_layout_table_with_an_empty_first_cell_starts_at_the_text():
    md = "|     |     |\n| --- | --- |\n|     | These terms are governed by the laws of Ireland. |\n"
    clauses = _clauses(md)
    assert [c.text for c in clauses] == ["These terms are governed by the laws of Ireland."]


def test_a_header_row_in_capitals_reads_as_a_title():
    assert reads_as_title("PARTNER | PRIVACY POLICY | PURPOSE OF PROCESSING | INTERNATIONAL DATA TRANSFER")
    assert not reads_as_title("Stripe, Inc. | Payments | United States")


# 4. Long numbered headings


def test_a_long_numbered_heading_heads_its_section():
    md = ("**3\\. Quand vous nous écrivez au sujet d'une livraison en retard ou d'un article arrivé abîmé chez "
          "vous**\n\nNous utilisons votre numéro de commande et vos coordonnées pour traiter votre réclamation.\n\n"
          "**4\\. Vous informer des nouvelles collections et des ventes privées réservées aux membres du club**\n\n"
          "Avec votre accord, nous vous écrivons lors de chaque lancement de collection.\n")
    clauses = _clauses(md)
    assert _under(_clause(clauses, "Nous utilisons")).startswith("3. Quand vous nous écrivez")
    assert _under(_clause(clauses, "Avec votre accord")).startswith("4. Vous informer")


def test_numbered_sentences_without_full_stops_stay_clauses():
    md = ("1\\. Vous pouvez nous écrire à tout moment pour demander une copie de vos données personnelles\n\n"
          "2\\. Vous pouvez aussi demander la suppression de votre compte et de l'historique de vos commandes\n\n"
          "3\\. If you breach these terms or the law, we may suspend your account and cancel your orders:\n\n"
          "Any order cancelled is refunded within fourteen days of the cancellation of the account.\n")
    assert _headings(md) == []


# An address introduced by a colon is no section


def test_the_first_line_of_an_address_after_a_colon_is_no_heading():
    md = ("## Nous contacter\n\nVous pouvez exercer vos droits par courrier à l'adresse suivante :\n\n"
          "BOUTIQUE DES LILAS\nService consommateurs\n12 rue des Lilas\n69003 Lyon\n\n"
          "Nous répondons à chaque demande dans un délai d'un mois à compter de sa réception.\n")
    assert _headings(md) == ["Nous contacter"]
    assert _under(_clause(_clauses(md), "Nous répondons")) == "Nous contacter"


def test_plain_text_keeps_its_old_reading():
    # outside Markdown a line above a capitalised line may be a wrapped sentence: no hard break to go by
    text = ("Conservation des données de paiement\n"
            "Nous gardons vos coordonnées bancaires pendant treize mois après votre dernier achat sur le site.\n")
    assert [b.kind for b in plain_text_blocks(text)] == ["paragraph"]


def test_a_table_header_row_names_columns_and_gets_no_finding():
    """Instacart's table header ("Category of Personal Information | Source(s) | Categories of third parties to whom we
    may have sold/shared …") was reported as a data sale (round 40b, false for both readers): the row above the
    delimiter names the columns; the rows under it say what is done, and keep their findings."""
    import fineprint
    from fineprint.settings import Settings

    markdown = ("# Privacy notice for California residents\n\n"
                "The table below lists what we collect and to whom we disclose it.\n\n"
                "| Category of Personal Information | Source(s) | Categories of third parties to whom we may have "
                "sold or shared your Personal Information |\n"
                "|---|---|---|\n"
                "| Identifiers such as your name and email address | You | We sell your identifiers to advertising "
                "networks and data brokers for money |\n")
    clauses = _clauses(markdown)
    header = _clause(clauses, "Category of Personal Information")
    row = _clause(clauses, "Identifiers such as")
    assert header.kind == "table-header" and row.kind != "table-header"
    report = fineprint.audit(markdown.encode("utf-8"), Settings(isolate=False), name="policy.md")
    on_header = [f for f in report.findings + report.less_certain
                 if f.id.startswith(("rights.", "unfair.")) and f.span.start == header.start]
    assert not on_header
    assert any(f.id == "rights.data-sale" and f.span.start == row.start for f in report.findings)


def test_a_lettered_title_of_up_to_twelve_words_is_a_heading():
    """Brussels Airlines' « D. Lorsque vous effectuez une réservation avec Brussels Airlines » (nine words) was read as
    a paragraph, so the clauses of section D were said to be under "C." (session 41's reader)."""
    markdown = ("# Avis de confidentialité\n\n"
                "**C. Lorsque vous achetez nos produits ou services**\n\n"
                "Nous traitons vos données pour exécuter votre commande.\n\n"
                "**D. Lorsque vous effectuez une réservation avec Brussels Airlines**\n\n"
                "Si vous nous fournissez des informations sur votre santé, nous les utilisons pour vous assister.\n")
    clause = _clause(_clauses(markdown), "Si vous nous fournissez")
    assert _under(clause) == "D. Lorsque vous effectuez une réservation avec Brussels Airlines"
    # a lettered sentence of a list, with its full stop, stays text
    listed = "# Terms\n\nText before.\n\nA. You agree to pay the fees set out in the order form.\n\nMore text here.\n"
    assert _under(_clause(_clauses(listed), "More text here")) == "Terms"


def test_the_bold_first_row_under_an_empty_header_row_names_the_columns():
    """Converted pages give a table an empty header row and put the real headings, every cell bold, in the first row
    under the delimiter: Ryanair's « Compagnie Ryanair | Type de données | Base du transfert en dehors de l'EEE » was
    reported as a transfer (session 46, false by its reader). The rows under it keep their findings."""
    import fineprint
    from fineprint.settings import Settings

    markdown = ("# Politique de confidentialité\n\n"
                "Vos données peuvent être partagées :\n\n"
                "|     |     |     |\n"
                "| --- | --- | --- |\n"
                "| **Fournisseurs de services** | **Type de données** | **Base des transferts en dehors de l’EEE** |\n"
                "| Prestataires informatiques aux États-Unis | Données de réservation | Nous transférons vos données aux "
                "États-Unis sur la base des clauses contractuelles types. |\n")
    clauses = _clauses(markdown)
    header = _clause(clauses, "Fournisseurs de services")
    row = _clause(clauses, "Prestataires informatiques")
    assert header.kind == "table-header" and row.kind != "table-header"
    report = fineprint.audit(markdown.encode("utf-8"), Settings(isolate=False), name="politique.md")
    assert not [f for f in report.findings + report.less_certain
                if f.id.startswith(("rights.", "unfair.")) and f.span.start == header.start]
    assert any(f.id == "rights.third-country-transfer" and f.span.start >= row.start for f in report.findings)
    # a bold first row without the empty row above the delimiter is data, as before
    plain = markdown.replace("|     |     |     |\n| --- | --- | --- |\n", "| a | b | c |\n| --- | --- | --- |\n")
    assert _clause(_clauses(plain), "Fournisseurs de services").kind != "table-header"


@pytest.mark.parametrize("markdown", [
    "|     |     |\n| --- | --- |\n",  # an empty header row and a delimiter, then the end of the file
    "|     |     |\n| --- | --- |\n| **A** | **B",  # an unclosed bold cell, truncated
    "|  |  |\n| --- | --- |\n| **** | **** |\n| x | y |\n",  # empty bold cells
    "|  |  |\n| --- | --- |\n| **Only one cell** |\n",  # one cell: not a row of headings
    "| " + " | ".join(["**a**"] * 20000) + " |\n",  # a huge row of bold cells with no table around it
    "|  |\n| --- |\n" + "| **" * 50000 + "\n",  # a hostile line of bars and unclosed stars (97 s unbounded)
    "~~ " * 50000,  # the same with strike-through marks
])
def test_malformed_or_hostile_tables_are_read_without_error_and_name_no_columns(markdown):
    """The bold-header path (session 46) on broken input: no error, no header row made up. The emphasis spans are
    bounded so that such a line is read in about a second, not minutes (whole-suite runs would show the slowdown)."""
    from fineprint.ingest.text import bold_header_rows

    assert bold_header_rows(markdown) == frozenset()
    doc = load(markdown.encode("utf-8"), name="broken.md")
    assert not [b for b in doc.blocks if b.kind == "table-header" and "**" in doc.text[b.start:b.end]]
