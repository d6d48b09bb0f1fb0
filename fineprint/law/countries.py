"""The national layer over the EU text: what the law of one EU country adds for a reader who lives there.

``--country DE`` (and AT, BE, ES, IE, IT, NL, PL, PT, SE) reads the ``eu`` text (regions/eu.yaml over the default entries) and then
the country's file, ``data/countries/<CODE>.yaml``. A block of that file never replaces the EU entry, it adds to it:

- ``law``: national references, appended after the EU ones (the country's own acts, defined in its ``acts``);
- ``why_add``: sentences appended to the explanation (what national law adds: BGB § 309 Nr. 7, CDE art. VI.83);
- ``advice_add``: sentences appended to the advice (and to the advice for a privacy policy): the national body to
  turn to;
- ``why_when``: sentences said only when a finding's clauses match (the format of the other data files), with the
  references only they cite (which must be in the block's ``law``).

A country with no file (FI, LU, ...) gets exactly the EU text. The region stays ``eu`` everywhere (assess.py, SARIF
and the reports compare regions); a country's acts carry the country code as their region, so a test can tell a
Belgian act from a German one.

US states work the same way over the ``us`` text: ``--country US-CA`` and ``--country US-NY`` read regions/us*.yaml
and then ``data/countries/US-CA.yaml`` or ``US-NY.yaml``, whose blocks may cite the US acts and their own (a state's
acts carry "US-CA" / "US-NY" as their region), never EU, French or another state's acts. Another state (``US-TX``)
gets exactly the US text.

The files are read and cached by fineprint/law/__init__.py (``country_files``, ``entry(id_, "eu", "DE")``), which
hands this module what it needs: it imports nothing from the package, so there is no import cycle.

    law.entry("unfair.limitation-of-liability", "eu", "DE").law[-2:]  -> ("bgb 309 Nr. 7", "bgb 306")
    law.entry("unfair.limitation-of-liability", "eu", "FI")            -> the EU entry, unchanged
"""
from __future__ import annotations

from dataclasses import replace
from pathlib import Path

COUNTRY_DIR = Path(__file__).resolve().parent / "data" / "countries"
_BLOCK_KEYS = {"law", "why_add", "advice_add", "why_when"}


def code_of(country: str | None) -> str:
    """The key of a country file: "de" -> "DE"; "EL", the EU's own code for Greece, is the file of "GR"."""
    code = (country or "").strip().upper().replace("_", "-")
    return "GR" if code == "EL" else code


def is_state(code: str) -> bool:
    """A US state's code: "US-CA", "US-NY" (two letters after "US-")."""
    return code.startswith("US-") and len(code) == 5 and code[3:].isalpha()


def region_of(code: str) -> str:
    """The law region a country file adds to: ``us`` for a US state, ``eu`` for an EU or EEA country."""
    return "us" if is_state(code) else "eu"


def law_of(name: str, code: str, lang: str) -> str:
    """Whose law an explanation page of a layered country gives: "Germany (EU and national law)", "California (US
    federal and state law)"."""
    if is_state(code):
        return f"{name} (US federal and state law)" if lang == "en" else f"{name} (droit fédéral et droit de l'État)"
    return f"{name} (EU and national law)" if lang == "en" else f"{name} (droit européen et national)"


def read_files(load_yaml) -> dict[str, dict]:
    """The country files by ISO code: {"DE": {"name": {...}, "acts": {...}, "ids": {...}}}, read with
    ``load_yaml``. A file must be named after an EU or EEA country (its reader's region is ``eu``) or a US state
    ("US-CA": its reader's region is ``us``)."""
    from ..errors import ResourceError
    from .regions import _EU_EEA

    out: dict[str, dict] = {}
    for path in sorted(COUNTRY_DIR.glob("*.yaml")) if COUNTRY_DIR.is_dir() else ():
        code = path.stem.upper()
        if code not in _EU_EEA and not is_state(code):
            raise ResourceError(f"law data: countries/{path.name} names no EU or EEA country, nor a US state (US-CA)")
        raw = load_yaml(path) or {}
        out[code] = {"name": dict(raw.get("name") or {}), "acts": dict(raw.get("acts") or {}),
                     "ids": dict(raw.get("ids") or {})}
    return out


def layered(code: str, data: dict, eu: dict, all_acts: dict, why_part) -> dict:
    """Every id for a reader in ``code``: the docs of its region (``eu``, or ``us`` for a US state: ``eu`` names
    them here), with the blocks of the country's file ``data`` added, validated: an id the taxonomy does not know, an
    act cited but not defined, a French act, an act of another region or of another country or state is a
    ResourceError. ``why_part`` builds a ``why_when`` item (fineprint/law/__init__.py's ``_why_part``)."""
    from ..errors import ResourceError

    base = region_of(code)
    languages = ("en", "fr")
    unknown = sorted(set(data["ids"]) - set(eu))
    if unknown:
        raise ResourceError(f"law data: countries/{code}.yaml explains unknown ids {unknown}")
    allowed = {k for k, a in all_acts.items() if a.region in (base, code)}
    out = dict(eu)
    for id_, block in data["ids"].items():
        block = block or {}
        extra_keys = sorted(set(block) - _BLOCK_KEYS)
        if extra_keys:
            raise ResourceError(f"law data: countries/{code}.yaml {id_} has fields a country block cannot have "
                                f"{extra_keys} (it adds to the {base.upper()} text: {', '.join(sorted(_BLOCK_KEYS))})")
        added = tuple(str(i) for i in block.get("law") or ())
        for item in added:
            key = item.split()[0]
            if key not in all_acts:
                raise ResourceError(f"law data: countries/{code}.yaml {id_} cites {item!r}, an act it does not define")
            if key not in allowed:
                raise ResourceError(f"law data: countries/{code}.yaml {id_} cites {item!r}, the law of "
                                    f"{all_acts[key].region}, not of {code}")
        doc = eu[id_]
        law = doc.law + tuple(i for i in added if i not in doc.law)
        parts = tuple(why_part(id_, p, added) for p in block.get("why_when") or ())
        add = {lang: " ".join(str((block.get("why_add") or {}).get(lang, "")).split()) for lang in languages}
        advice_add = block.get("advice_add") or {}

        def joined(text: dict | None, more: dict) -> dict | None:
            if text is None:
                return None
            return {lang: " ".join(x for x in (text[lang], " ".join(str(more.get(lang, "")).split())) if x)
                    for lang in languages}

        all_parts = doc.why_when + parts
        if all_parts:  # the finding's own text: the base, what national law adds, then the parts its clauses match
            why_base = joined(doc.why_base if doc.why_base is not None else dict(doc.why), add)
            why = {lang: " ".join([why_base[lang], *(p.text[lang] for p in all_parts if p.in_help)])
                   for lang in languages}
        else:
            why_base, why = None, joined(dict(doc.why), add)
        out[id_] = replace(doc, law=law, why=why, why_base=why_base, why_when=all_parts,
                           advice=joined(doc.advice, advice_add),
                           advice_policy=joined(doc.advice_policy, advice_add), country=code)
    return out


__all__ = ["COUNTRY_DIR", "code_of", "is_state", "law_of", "layered", "read_files", "region_of"]
