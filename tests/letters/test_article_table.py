"""The article table (rights.yaml) and the ties (ties.yaml) are data: check their shape against the law and the
taxonomy, so that a typo cannot silently drop a citation or a quotation."""
from fineprint.law import all_ids
from fineprint.letters import RIGHTS
from fineprint.letters.compose import TEMPLATES, rights_table, ties_table


def test_every_right_has_its_main_article_subjects_and_templates():
    table = rights_table()
    assert set(table["rights"]) == set(RIGHTS)
    for right, entry in table["rights"].items():
        assert entry["main"] in entry["articles"], right
        languages = [entry["only_language"]] if entry.get("only_language") else ["en", "fr"]
        for lang in languages:
            assert entry["subject"][lang].strip(), (right, lang)
            assert (TEMPLATES / f"{right}.{lang}.j2").is_file(), (right, lang)
        for key, ground in entry.get("grounds", {}).items():
            assert ground["article"].startswith(entry["main"] + "("), (right, key)
            assert ground["en"] and ground["fr"]


def test_quoted_finding_ids_exist_and_each_has_a_tie_in_both_languages():
    known = set(all_ids())
    ties = ties_table()
    assert set(ties) <= known
    for right, entry in rights_table()["rights"].items():
        for fid in entry.get("quotes", []):
            assert fid in known, (right, fid)
            assert fid in ties and ties[fid]["en"] and ties[fid]["fr"], (right, fid)


def test_the_cnil_address_is_the_complaints_address():
    cnil = rights_table()["cnil"]
    assert cnil["address"][-3:] == ["3 place de Fontenoy", "TSA 80715", "75334 Paris Cedex 07"]
    assert cnil["online"].startswith("https://www.cnil.fr/")
