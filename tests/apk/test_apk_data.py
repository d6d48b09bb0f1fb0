"""The APK rule data is complete and well-formed: every app.* id, both languages, valid references."""
from __future__ import annotations

import re

from fineprint.detectors.apk.capabilities import capability_specs, libraries, watch_list
from fineprint.detectors.apk.permissions import meaning, permission_table, protection_level
from fineprint.detectors.apk.trackers import shipped_db

REF = re.compile(r"^L[\w/$]+;->[\w<>$]+$")


def taxonomy_app_ids(shared) -> set[str]:
    text = (shared / "docs" / "TAXONOMY.md").read_text(encoding="utf-8")
    return set(re.findall(r"^\| (app\.[a-z-]+) \|", text, flags=re.M))


def test_every_app_id_of_the_taxonomy_has_a_rule_in_both_languages(shared):
    specs = capability_specs()
    assert taxonomy_app_ids(shared) == set(specs)
    for cap_id, spec in specs.items():
        assert spec["what"]["en"].strip() and spec["what"]["fr"].strip(), cap_id
        assert spec["what"]["en"] != spec["what"]["fr"], cap_id


def test_references_are_well_formed_and_watched():
    watch = watch_list()
    for spec in capability_specs().values():
        for ref in list(spec.get("methods", ())) + list(spec.get("fields", ())):
            assert REF.match(ref), ref
        for ref in spec.get("supers", ()):
            assert ref.startswith("L") and ref.endswith(";"), ref
        for p in spec.get("string_patterns", ()):
            re.compile(p)
            literal = re.sub(r"\\[a-zA-Z]", "", p)  # escapes such as \b may be upper case, letters may not
            assert literal == literal.lower(), f"string patterns are matched in lowercase: {p}"
    assert "Landroid/telephony/SmsManager;->sendTextMessage" in watch.methods
    assert "su" in watch.strings and "com.android.vending" in watch.strings


def test_every_permission_a_rule_names_is_explained():
    table = permission_table()
    for cap_id, spec in capability_specs().items():
        for perm in spec.get("permissions", ()):
            assert perm in table, (cap_id, perm)
    for name, entry in table.items():
        assert entry["level"] in ("dangerous", "special", "normal", "signature"), name
        assert entry["en"] and entry["fr"] and entry["en"] != entry["fr"], name


def test_protection_levels_and_unknown_permissions():
    assert protection_level("android.permission.READ_CONTACTS") == "dangerous"
    assert protection_level("android.permission.INTERNET") == "normal"
    assert protection_level("com.example.permission.C2D", {"com.example.permission.C2D": "signature"}) == "signature"
    assert protection_level("com.vendor.UNKNOWN") == "unknown"
    assert "UNKNOWN" in meaning("com.vendor.UNKNOWN", "fr")


def test_library_prefixes_and_shipped_trackers_are_well_formed():
    for prefix, name, _support in libraries():
        assert prefix.endswith(".") and name, prefix
    names = [s.name for s in shipped_db().signatures]
    assert len(names) == len(set(names))
    for sig in shipped_db().signatures:
        assert sig.code_signature.startswith("^") and sig.source == "fineprint"
