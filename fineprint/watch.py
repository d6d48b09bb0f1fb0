"""``fineprint watch``: follow documents on the web. Each run fetches every URL once (through the URL guard of
``fineprint.ingest.url``: no private addresses unless ``--allow-private``, size and time limits), stores a new version
in the results store only when the document's *text* changed (a page whose markup or scripts changed but whose text
did not is the same version), and reports the findings that appeared or went away since the stored version.

Nothing runs in the background and nothing is fetched unless the user runs the command. Inputs are URLs, a file of
URLs (``--from-file``), or Open Terms Archive declaration files (``<service>.json`` with ``documents.<type>.fetch``).
"""
from __future__ import annotations

import hashlib
import json
import sys
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

import click
from .cli_options import country_option

from .diff import DiffResult, diff_reports, render_text, to_dict


@dataclass(slots=True)
class Target:
    url: str
    key: str
    service: str = ""
    name: str = ""


@dataclass(slots=True)
class WatchResult:
    target: Target
    status: str  # first | unchanged | changed | error
    message: str
    diff: DiffResult | None = None


def targets_from(items: list[str]) -> list[Target]:
    """URLs as they are; an OTA declaration (a .json file) gives one target per declared document."""
    from .errors import UsageError
    from .results.store import guess_service

    out: list[Target] = []
    for item in items:
        if item.lower().startswith(("http://", "https://")):
            service, name = guess_service(item)
            out.append(Target(item, item, service, name))
            continue
        p = Path(item)
        if p.suffix.lower() != ".json" or not p.is_file():
            raise UsageError(f"{item}: not an http(s) URL or an Open Terms Archive declaration (.json)")
        try:
            decl = json.loads(p.read_text(encoding="utf-8"))
            service = decl.get("name") or p.stem
            for doc_type, spec in decl["documents"].items():
                fetch = spec.get("fetch") if isinstance(spec, dict) else None
                if isinstance(fetch, str):
                    out.append(Target(fetch, f"{service}/{doc_type}", service, doc_type))
        except (ValueError, KeyError, AttributeError, TypeError):
            raise UsageError(f"{item}: not an Open Terms Archive declaration (no 'documents' with 'fetch' URLs)") \
                from None
    return out


def text_hash(text: str) -> str:
    return hashlib.sha256(" ".join(text.split()).encode("utf-8")).hexdigest()


def _plain_report(text: str, source: str, settings):
    """Audit a stored text the same way for both sides of a diff (as plain text)."""
    from .ingest import load
    from .pipeline import audit_document

    doc = load(text.encode("utf-8"), settings, name="version.txt")
    from dataclasses import replace

    return audit_document(replace(doc, source=source), settings)


def watch_one(target: Target, store, settings) -> WatchResult:
    from .errors import FineprintError
    from .ingest import load
    from .model import Document
    from .pipeline import audit_document

    try:
        doc = load(target.url, settings)
    except FineprintError as exc:
        return WatchResult(target, "error", exc.one_line())
    if not isinstance(doc, Document):
        return WatchResult(target, "error", f"{target.url}: not a text document")
    digest = text_hash(doc.text)
    latest = store.latest_version(target.key)
    if latest is not None and latest.sha256 == digest:
        when = latest.date.isoformat() if latest.date else "the last run"
        return WatchResult(target, "unchanged", f"{target.url}: unchanged since {when}")
    today = datetime.now(timezone.utc).date()
    report = audit_document(doc, settings)
    from .report.json import to_dict as report_dict

    data = report_dict(report)
    data["document"]["sha256"] = digest  # a watched version is identified by its text
    store.record(data, key=target.key, service=target.service, name=target.name, date=today, text=doc.text)
    if latest is None or not latest.text:
        return WatchResult(target, "first", f"{target.url}: first version stored ({len(report.findings)} findings)")
    old_label = latest.date.isoformat() if latest.date else "the stored version"
    diff = diff_reports(_plain_report(latest.text, target.url, settings),
                        _plain_report(doc.text, target.url, settings), old_label=old_label,
                        new_label=today.isoformat())
    appeared = sum(f.change == "appeared" for f in diff.findings)
    gone = sum(f.change == "disappeared" for f in diff.findings)
    return WatchResult(target, "changed", f"{target.url}: changed since {old_label}: {appeared} findings appeared, "
                                          f"{gone} went away", diff)


@click.command("watch")
@click.argument("items", nargs=-1)
@click.option("--from-file", "list_file", type=click.File("r", encoding="utf-8"), default=None,
              help="Read URLs (or OTA declaration files) from FILE, one per line.")
@click.option("--store", "store_url", default=None,
              help="Results store holding the versions (default: the user's store).")
@click.option("--format", "-f", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@click.option("--fail-on", type=click.Choice(["high", "medium", "low", "info"]), default=None,
              help="Exit with status 1 if a finding at or above this severity appeared in a changed document.")
@click.option("--allow-private", is_flag=True, help="Allow URLs on loopback/private addresses.")
@click.option("--lang", type=click.Choice(["en", "fr"]), default=None)
@country_option
def watch_command(items, list_file, store_url, fmt, fail_on, allow_private, lang, country):
    """Fetch each URL now; store a new version when its text changed and say which findings appeared or went away.

    Exit status: 0 done; 1 a finding at or above --fail-on appeared; 2 a URL could not be fetched (the others are
    still checked) or bad usage."""
    from .errors import UsageError
    from .results import open_store
    from .settings import Settings

    entries = list(items)
    if list_file is not None:
        entries += [line.strip() for line in list_file if line.strip() and not line.lstrip().startswith("#")]
    if not entries:
        raise UsageError("nothing to watch: give URLs, OTA declaration files, or --from-file LIST")
    targets = targets_from(entries)
    settings = Settings(lang=lang, allow_private=allow_private, country=country)
    results = []
    with open_store(store_url) as store:
        for t in targets:
            res = watch_one(t, store, settings)
            results.append(res)
            if res.status == "error":
                click.echo(f"fineprint: error: {res.message}", err=True)
    if fmt == "json":
        click.echo(json.dumps({"schema": "fineprint.watch/1", "results": [
            {"url": r.target.url, "key": r.target.key, "status": r.status, "message": r.message,
             "diff": to_dict(r.diff) if r.diff else None} for r in results]}, ensure_ascii=False, indent=2))
    else:
        for r in results:
            if r.status != "error":
                click.echo(r.message)
            if r.diff is not None and r.diff.findings:
                click.echo("".join("  " + line + "\n" for line in render_text(r.diff).splitlines()[3:]), nl=False)
    if any(r.status == "error" for r in results):
        sys.exit(2)
    if fail_on and any(r.diff and r.diff.appeared(fail_on) for r in results):
        sys.exit(1)
