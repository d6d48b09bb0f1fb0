"""`fineprint policy-data POLICY`: what a privacy policy says it collects, shares (with whom), keeps, and says it
does not collect or share, per data type, each with the passage and its line."""
from __future__ import annotations

import json

import click

ORDER = ("collect", "share", "keep", "mention", "not-collect", "not-share", "not-keep", "not-mention")
HEADINGS = {
    "en": {"collect": "Says it collects", "share": "Says it shares", "keep": "Says it keeps",
           "mention": "Names without saying what it does", "not-collect": "Says it does NOT collect",
           "not-share": "Says it does NOT share", "not-keep": "Says it does NOT keep", "not-mention": "Denies",
           "parties": "Recipients it names", "none": "No data type named."},
    "fr": {"collect": "Dit collecter", "share": "Dit partager", "keep": "Dit conserver",
           "mention": "Nomme sans dire ce qu'elle en fait", "not-collect": "Dit ne PAS collecter",
           "not-share": "Dit ne PAS partager", "not-keep": "Dit ne PAS conserver", "not-mention": "Nie",
           "parties": "Destinataires nommés", "none": "Aucun type de données nommé."},
}


def policy_data(source: str, settings) -> dict:
    """The reading of one policy as plain data (the JSON this command prints)."""
    from ..errors import UsageError
    from ..ingest import load
    from ..model import Document
    from ..segment import segment_clauses
    from .policy import read_policy

    doc = load(source, settings)
    if not isinstance(doc, Document):
        raise UsageError(f"{source} is an app, not a privacy policy: use `fineprint audit APK --policy POLICY`")
    # a policy in several languages: its version in the report's language (the others would be misread)
    reading = read_policy([c for c in segment_clauses(doc) if c.language == doc.language], doc.language)
    line = lambda offset: doc.text.count("\n", 0, offset) + 1  # noqa: E731
    flows: dict[str, dict[str, list[dict]]] = {}
    for s in reading.statements:
        key = ("not-" if s.negated else "") + s.action
        rows = flows.setdefault(key, {}).setdefault(s.data_type, [])
        if len(rows) < 3 and all(r["start"] != s.start for r in rows):
            rows.append({"text": s.text, "line": line(s.start), "start": s.start, "end": s.end, "term": s.term,
                         "parties": [p for p in s.parties if p != "first-party"]})
    parties = {k: [{"text": c.text, "line": line(c.start)} for c in v[:2]] for k, v in reading.parties.items()}
    return {"source": doc.source, "language": doc.language, "kind": doc.kind, "sha256": doc.sha256,
            "flows": {k: flows[k] for k in ORDER if k in flows}, "parties": parties}


@click.command("policy-data")
@click.argument("policy")
@click.option("--format", "-f", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@click.option("--lang", type=click.Choice(["en", "fr"]), default=None, help="Language of the headings.")
def policy_data_command(policy, fmt, lang):
    """What POLICY (a privacy policy: file or URL) says about each data type: collected, shared with whom, kept,
    or denied, with the passage. Read by vocabulary (seeded from the PolicyLint / PoliCheck ontologies): check the
    passages."""
    from ..settings import Settings

    data = policy_data(policy, Settings())
    if fmt == "json":
        click.echo(json.dumps(data, ensure_ascii=False, indent=2))
        return
    words = HEADINGS[lang or ("fr" if data["language"] == "fr" else "en")]
    out = [f"{data['source']} ({data['kind']}, {data['language']})", ""]
    if not data["flows"]:
        out.append(words["none"])
    for key, types in data["flows"].items():
        out.append(f"{words[key]}:")
        for dtype, rows in types.items():
            first = rows[0]
            with_whom = f" -> {', '.join(first['parties'])}" if first["parties"] else ""
            out.append(f"  - {dtype.replace('-', ' ')}{with_whom}: “{first['text']}” (line {first['line']})")
        out.append("")
    if data["parties"]:
        out.append(f"{words['parties']}: " + ", ".join(k.replace("vendor:", "") for k in data["parties"]))
    click.echo("\n".join(out).rstrip())
