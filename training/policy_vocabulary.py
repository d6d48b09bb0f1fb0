"""Seed fineprint/flows/vocabulary.yaml from the PolicyLint / PoliCheck ontologies (BSD-3-Clause,
benandow/PrivacyPolicyAnalysis):  python -m training.policy_vocabulary [--shared ../shared]

For each of our data types, the synonyms that ``synonyms.xml`` lists for the PoliCheck data-ontology nodes it covers
(``NODES``) are added to its English terms when they are short plain phrases (the ontology's phrases are lemmatised:
"usage datum", "information regard your account"; those are left out, and so are phrases of more than four words);
named SDK vendors come from the leaves of the PoliCheck entity ontology (minus ambiguous common words). The
hand-written terms (English and French) stay as they are: the script only rewrites the ``ontology_terms`` and
``ontology_vendors`` keys.
"""
from __future__ import annotations

import argparse
import json
import re
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
VOCAB = ROOT / "fineprint" / "flows" / "vocabulary.yaml"
# our data type -> PoliCheck data-ontology nodes
NODES = {
    "location": ["geographical location"],
    "contacts": ["address book"],
    "device-identifiers": ["device identifier", "advertising identifier", "android id", "imei", "mac address",
                           "serial number", "gsfid", "guid"],
    "phone-number": ["phone number"],
    "email-address": ["email address"],
    "name": ["person name"],
    "ip-address": ["ip address"],
    "sms": ["text message"],
    "call-log": ["call log"],
    "photos": ["photo"],
    "usage": ["usage information"],
    "account": ["account information"],
}
_PLAIN = re.compile(r"^[a-z][a-z0-9 -]*[a-z0-9]$")
LEMMA_NOISE = {"datum", "regard", "use", "relate", "identify", "include", "associate", "store", "provide", "base",
               "anonymiz", "de-identify", "such", "your", "our", "their", "collection", "information", "of"}
# ontology phrases that mean something else in most policies ("contact us", "an image of the app")
EXCLUDED_TERMS = {"contact", "image", "ip", "fax", "picture", "collect location", "account holder", "internet address",
                  "phone", "telephone", "name", "mac", "timezone", "usage", "ip-adre"}
AMBIGUOUS_VENDORS = {"adjust", "branch", "corona", "du", "unity", "applause", "anyone", "website", "sdk", "bing",
                     "first party", "third party", "search engine", "content provider", "social network",
                     "advertising network", "analytic provider", "verizon", "microsoft", "amazon", "google ads",
                     "google", "facebook", "twitter", "instagram", "kiip", "tune", "inmobi"}


def synonyms(shared: Path) -> dict[str, list[str]]:
    root = ET.parse(shared / "apk" / "policy_ontologies" / "synonyms.xml").getroot()
    return {n.get("term"): [s.get("term") for s in n.findall("synonym")] for n in root.findall("node")}


def plain(term: str) -> bool:
    words = term.split()
    return bool(_PLAIN.match(term)) and 1 <= len(words) <= 4 and not (set(words) & LEMMA_NOISE)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(prog="python -m training.policy_vocabulary")
    ap.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    a = ap.parse_args(argv)
    if not (a.shared / "apk" / "policy_ontologies").is_dir():
        print(f"error: {a.shared / 'apk' / 'policy_ontologies'} not found", file=sys.stderr)
        return 2
    syn = synonyms(a.shared)
    vocab = yaml.safe_load(VOCAB.read_text(encoding="utf-8"))
    for dtype, nodes in NODES.items():
        terms = set()
        for node in nodes:
            terms.add(node)
            terms.update(t.strip() for t in syn.get(node, []) if plain(t.strip()) and t.strip() not in EXCLUDED_TERMS)
        vocab["data_types"][dtype]["ontology_terms"] = sorted(terms)
    entity = json.loads((a.shared / "apk" / "policy_ontologies" / "entity_ontology_policheck.json")
                        .read_text(encoding="utf-8"))
    parents = {e[0] for e in entity["edges"]}
    vendors = sorted(n for n in entity["nodes"] if n not in parents and n not in AMBIGUOUS_VENDORS and len(n) > 3)
    vocab["ontology_vendors"] = vendors
    header = VOCAB.read_text(encoding="utf-8").split("\n# ---\n", 1)[0]
    body = yaml.safe_dump({k: v for k, v in vocab.items()}, allow_unicode=True, sort_keys=False, width=118)
    VOCAB.write_text(header + "\n# ---\n" + body, encoding="utf-8")
    print(f"{VOCAB}: {sum(len(v.get('ontology_terms', [])) for v in vocab['data_types'].values())} ontology terms, "
          f"{len(vendors)} vendors")
    return 0


if __name__ == "__main__":
    sys.exit(main())
