"""The history of a document's findings over its dated versions: when each red flag first appeared, when it went away.

``fineprint history DIR`` reads either

- a folder of dated versions, as Open Terms Archive lays them out: ``DIR/<service>/<document>/<YYYY-MM-DD>.md``
  (any depth: every folder holding files whose names carry a date is one document), or
- a git repository of versions: every tracked document file, at every commit that changed it (dated by the commit),

audits every version (once per distinct content) and writes a timeline per document — as a table, JSON
(``fineprint.history/1``) or a self-contained HTML page with one inline SVG plot per document (no script, no CDN).
With ``--store`` each version, its report and its findings also go to the results store.
"""
from __future__ import annotations

import html
import json
import re
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

import click

from .model import SEVERITY_RANK, Report

SCHEMA = "fineprint.history/1"
DATE = re.compile(r"(\d{4}-\d{2}-\d{2})")
# A version whose text is less than this share of the previous one is most likely a failed capture (an error page, a
# cookie wall, a truncated download), not new terms: it is listed as suspect and left out of the timeline, so that
# the red flags do not seem to "go away" for one version and come back.
SUSPECT_SHRINK = 0.25
SUFFIXES = {".txt", ".md", ".markdown", ".html", ".htm", ".pdf", ".docx"}


@dataclass(frozen=True, slots=True)
class Version:
    key: str  # "Facebook/Terms of Service"
    service: str
    name: str
    date: str  # YYYY-MM-DD
    source: str  # a path, or "path@commit" in a git repository
    read: Callable[[], bytes] | None = None  # git versions: the content at that commit


@dataclass(slots=True)
class Run:
    """One stretch of versions in which a finding id is present."""
    first: str  # date of the first version that has it
    last: str  # date of the last version that still has it
    gone: str | None  # date of the first version without it (None: still there in the latest version)
    text: str  # the clause that triggered it in the first version


@dataclass(slots=True)
class Timeline:
    key: str
    service: str
    name: str
    dates: list[str] = field(default_factory=list)
    counts: list[dict[str, int]] = field(default_factory=list)  # per version: findings by severity
    ids: dict[str, dict] = field(default_factory=dict)  # id -> {"severity", "title", "runs": [Run]}
    errors: list[tuple[str, str]] = field(default_factory=list)  # (date, one-line error)
    suspect: list[tuple[str, str]] = field(default_factory=list)  # (date, why): left out of the timeline


# ---------------------------------------------------------------------------------------------------- discovery
def discover(root: str | Path) -> list[Version]:
    root = Path(root)
    if not root.is_dir():
        from .errors import UsageError

        raise UsageError(f"{root}: not a folder (give a folder of dated versions or a git repository)")
    if _is_git(root):
        return _git_versions(root)
    versions: list[Version] = []
    for f in sorted(root.rglob("*")):
        if not f.is_file() or f.suffix.lower() not in SUFFIXES or any(p.startswith(".") for p in f.parts):
            continue
        m = DATE.search(f.name)
        if not m:
            continue
        rel = f.parent.relative_to(root)
        parts = rel.parts or (root.name,)
        key = "/".join(parts)
        service, name = (parts[0], "/".join(parts[1:])) if len(parts) > 1 else ("", parts[0])
        versions.append(Version(key, service, name, m.group(1), str(f)))
    versions.sort(key=lambda v: (v.key, v.date, v.source))
    return versions


def _is_git(root: Path) -> bool:
    if not (root / ".git").exists():
        return False
    try:
        r = subprocess.run(["git", "-C", str(root), "rev-parse", "--is-inside-work-tree"], capture_output=True,
                           text=True, timeout=30)
    except (OSError, subprocess.TimeoutExpired):
        return False
    return r.returncode == 0 and r.stdout.strip() == "true"


def _git(root: Path, *args: str) -> str:
    r = subprocess.run(["git", "-C", str(root), *args], capture_output=True, timeout=120)
    if r.returncode != 0:
        from .errors import UsageError

        raise UsageError(f"git {args[0]} failed in {root}: {r.stderr.decode(errors='replace').strip()[:200]}")
    return r.stdout.decode("utf-8", errors="surrogateescape")


def _git_versions(root: Path) -> list[Version]:
    out: list[Version] = []
    for path in _git(root, "ls-files", "-z").split("\0"):
        if not path or Path(path).suffix.lower() not in SUFFIXES:
            continue
        p = Path(path)
        key = str(p.with_suffix(""))
        service, name = (p.parts[0], str(Path(*p.parts[1:]).with_suffix(""))) if len(p.parts) > 1 else ("", key)
        seen: set[str] = set()
        commit = day = None
        # newest first; --follow keeps a renamed file's history (with the name it had at each commit); one version
        # per day: the day's last commit
        for line in _git(root, "log", "--follow", "--name-only", "--format=@%H %cs", "--", path).splitlines():
            if line.startswith("@"):
                commit, day = line[1:].split()
            elif line.strip() and commit and day not in seen:
                seen.add(day)
                out.append(Version(key, service, name, day, f"{path}@{commit[:10]}",
                                   _reader(root, f"{commit}:{line.strip()}")))
    out.sort(key=lambda v: (v.key, v.date))
    return out


def _reader(root: Path, spec: str) -> Callable[[], bytes]:
    def read() -> bytes:
        return subprocess.run(["git", "-C", str(root), "show", spec], capture_output=True, timeout=120).stdout
    return read


# ---------------------------------------------------------------------------------------------------- timelines
def audit_version(v: Version, settings) -> Report:
    from .pipeline import audit

    if v.read is None:
        return audit(v.source, settings)
    return audit(v.read(), settings, name=v.source.split("@")[0])


def build_timelines(versions: list[Version], settings, *, store=None, min_severity: str = "medium",
                    progress: bool = False, keep_suspect: bool = False) -> list[Timeline]:
    """Audit every version (in date order per document) and gather each document's timeline."""
    from .errors import FineprintError

    limit = SEVERITY_RANK[min_severity]
    timelines: dict[str, Timeline] = {}
    present: dict[str, dict[str, Run]] = {}
    last_chars: dict[str, int] = {}
    bar = _progress(len(versions)) if progress else None
    for v in versions:
        tl = timelines.get(v.key)
        if tl is None:
            tl = timelines[v.key] = Timeline(v.key, v.service, v.name)
            present[v.key] = {}
        try:
            report = audit_version(v, settings)
        except FineprintError as exc:
            tl.errors.append((v.date, exc.one_line()))
            if bar:
                bar()
            continue
        if store is not None:
            text = v.read().decode("utf-8", "replace") if v.read else None
            store.record(report, key=v.key, service=v.service, name=v.name, date=v.date, text=text)
        chars, prev = report.document.chars, last_chars.get(v.key)
        if prev and chars < SUSPECT_SHRINK * prev and not keep_suspect:
            tl.suspect.append((v.date, f"the text shrank from {prev} to {chars} characters: probably a failed "
                                       "capture, left out"))
            if bar:
                bar()
            continue
        last_chars[v.key] = chars
        tl.dates.append(v.date)
        by: dict[str, int] = {}
        now: dict[str, object] = {}
        for f in report.findings:
            sev = f.severity or "info"
            by[sev] = by.get(sev, 0) + 1
            if SEVERITY_RANK.get(sev, 9) > limit:
                continue
            cur = now.get(f.id)
            if cur is None or f.confidence > cur.confidence:
                now[f.id] = f
        tl.counts.append(by)
        runs = present[v.key]
        for fid, f in now.items():
            entry = tl.ids.setdefault(fid, {"severity": f.severity or "info", "title": f.title, "runs": []})
            if SEVERITY_RANK.get(f.severity or "info", 9) < SEVERITY_RANK.get(entry["severity"], 9):
                entry["severity"] = f.severity
            if fid in runs:
                runs[fid].last = v.date
            else:
                run = Run(first=v.date, last=v.date, gone=None, text=" ".join(f.text.split())[:500])
                entry["runs"].append(run)
                runs[fid] = run
        for fid in [k for k in runs if k not in now]:
            runs.pop(fid).gone = v.date
        if bar:
            bar()
    if bar:
        bar(done=True)
    return list(timelines.values())


def _progress(total: int):
    state = {"n": 0}

    def tick(done: bool = False):
        if not done:
            state["n"] += 1
        sys.stderr.write(f"\raudited {state['n']}/{total} versions" + ("\n" if done else ""))
        sys.stderr.flush()
    return tick


# ---------------------------------------------------------------------------------------------------- output
def to_dict(timelines: list[Timeline]) -> dict:
    return {"schema": SCHEMA, "documents": [
        {"key": t.key, "service": t.service, "name": t.name, "versions": t.dates,
         "by_severity": t.counts, "errors": [{"date": d, "error": e} for d, e in t.errors],
         "suspect": [{"date": d, "reason": e} for d, e in t.suspect],
         "findings": [{"id": fid, "severity": e["severity"], "title": e["title"],
                       "runs": [{"first": r.first, "last": r.last, "gone": r.gone, "text": r.text}
                                for r in e["runs"]]}
                      for fid, e in _ordered(t)]}
        for t in timelines]}


def _ordered(t: Timeline):
    return sorted(t.ids.items(), key=lambda kv: (SEVERITY_RANK.get(kv[1]["severity"], 9), kv[1]["runs"][0].first,
                                                 kv[0]))


def render_text(timelines: list[Timeline]) -> str:
    lines = []
    for t in timelines:
        span = f"{t.dates[0]} .. {t.dates[-1]}" if t.dates else "no readable version"
        lines.append(f"{t.key}: {len(t.dates)} versions, {span}")
        for fid, e in _ordered(t):
            runs = "; ".join(f"{r.first} -> " + (f"gone {r.gone}" if r.gone else "still there") for r in e["runs"])
            lines.append(f"  {e['severity']:<6} {fid:<36} {runs}")
        for d, err in t.errors:
            lines.append(f"  error  {d}: {err}")
        for d, why in t.suspect:
            lines.append(f"  suspect {d}: {why}")
        lines.append("")
    return "\n".join(lines)


def render_md(timelines: list[Timeline]) -> str:
    out = ["# Findings over time", ""]
    for t in timelines:
        out += [f"## {t.key}", "", f"{len(t.dates)} versions" + (f", {t.dates[0]} to {t.dates[-1]}" if t.dates else ""),
                "", "| finding | severity | first seen | went away |", "|---|---|---|---|"]
        for fid, e in _ordered(t):
            for r in e["runs"]:
                out.append(f"| `{fid}` | {e['severity']} | {r.first} | {r.gone or '—'} |")
        out += [""] + [f"- suspect version {d}: {why}" for d, why in t.suspect] + [""] * bool(t.suspect)
    return "\n".join(out)


_COLOURS = {"high": "#c0392b", "medium": "#e67e22", "low": "#2980b9", "info": "#7f8c8d"}


def svg_timeline(t: Timeline, width: int = 900) -> str:
    """One document's timeline: a row per finding id, a bar for each stretch of versions that have it."""
    from datetime import date

    if not t.dates:
        return ""
    days = [date.fromisoformat(d).toordinal() for d in t.dates]
    lo, hi = min(days), max(days)
    hi = hi if hi > lo else lo + 1
    rows = _ordered(t)
    label_w, row_h, top = 300, 18, 28
    plot_w = width - label_w - 20
    height = top + row_h * max(1, len(rows)) + 24

    def x(d: str) -> float:
        return label_w + (date.fromisoformat(d).toordinal() - lo) / (hi - lo) * plot_w

    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" role="img" '
             f'aria-label="{html.escape(t.key)}: findings over time" style="font:12px sans-serif">']
    for d in t.dates:  # a tick per version
        parts.append(f'<line x1="{x(d):.1f}" y1="{top - 6}" x2="{x(d):.1f}" y2="{height - 20}" stroke="#ddd"/>')
    for d in (t.dates[0], t.dates[-1]):
        parts.append(f'<text x="{x(d):.1f}" y="{top - 10}" text-anchor="middle">{d}</text>')
    for i, (fid, e) in enumerate(rows):
        y = top + i * row_h
        parts.append(f'<text x="{label_w - 6}" y="{y + 13}" text-anchor="end">{html.escape(fid)}</text>')
        colour = _COLOURS.get(e["severity"], "#999")
        for r in e["runs"]:
            x1 = x(r.first)
            x2 = x(r.gone) if r.gone else x(t.dates[-1]) + 6
            parts.append(f'<rect x="{x1:.1f}" y="{y + 3}" width="{max(4.0, x2 - x1):.1f}" height="{row_h - 6}" '
                         f'fill="{colour}"><title>{html.escape(fid)}: {r.first} to '
                         f'{r.gone or "now"}</title></rect>')
    parts.append(f'<text x="{label_w}" y="{height - 4}" fill="#555">{len(t.dates)} versions; '
                 'bars: versions that have the finding</text></svg>')
    return "".join(parts)


def render_html(timelines: list[Timeline]) -> str:
    sections = []
    for t in timelines:
        rows = "".join(
            f"<tr><td><code>{html.escape(fid)}</code></td><td>{e['severity']}</td><td>{r.first}</td>"
            f"<td>{r.gone or '—'}</td><td>{html.escape(r.text[:300])}</td></tr>"
            for fid, e in _ordered(t) for r in e["runs"])
        notes = "".join(f"<p>Suspect version {d}: {html.escape(why)}.</p>" for d, why in t.suspect)
        sections.append(f"<section><h2>{html.escape(t.key)}</h2>{svg_timeline(t)}{notes}"
                        f"<table><tr><th>finding</th><th>severity</th><th>first seen</th><th>went away</th>"
                        f"<th>clause when it appeared</th></tr>{rows}</table></section>")
    return ("<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>fineprint history</title>"
            "<style>body{font:14px/1.4 system-ui,sans-serif;margin:2em}table{border-collapse:collapse;margin:1em 0}"
            "td,th{border:1px solid #ccc;padding:.3em;vertical-align:top}th{background:#f4f4f4}</style></head><body>"
            "<h1>Findings over time</h1>" + "".join(sections) + "</body></html>\n")


def render(timelines: list[Timeline], fmt: str) -> str:
    if fmt == "json":
        return json.dumps(to_dict(timelines), ensure_ascii=False, indent=2) + "\n"
    if fmt in ("md", "markdown"):
        return render_md(timelines)
    if fmt == "html":
        return render_html(timelines)
    return render_text(timelines)


@click.command("history")
@click.argument("folder", type=click.Path(file_okay=False))
@click.option("--format", "-f", "fmt", type=click.Choice(["text", "json", "md", "html"]), default="text",
              show_default=True)
@click.option("-o", "--output", type=click.Path(dir_okay=False, writable=True), default=None)
@click.option("--min-severity", type=click.Choice(["high", "medium", "low", "info"]), default="medium",
              show_default=True, help="Follow findings at or above this severity.")
@click.option("--store", "store_url", default=None,
              help="Also write every version, report and finding to the results store (SQLAlchemy URL, a SQLite "
                   "path, or 'default').")
@click.option("--keep-suspect", is_flag=True,
              help="Keep versions whose text shrank to under a quarter of the previous one (left out by default).")
@click.option("--lang", type=click.Choice(["en", "fr"]), default=None)
def history_command(folder, fmt, output, min_severity, store_url, keep_suspect, lang):
    """Timeline of the findings of every document in FOLDER: a folder of dated versions
    (<service>/<document>/<YYYY-MM-DD>.md, as Open Terms Archive keeps them) or a git repository of versions."""
    from .errors import UsageError
    from .settings import Settings

    versions = discover(folder)
    if not versions:
        raise UsageError(f"{folder}: no dated versions found (file names with a YYYY-MM-DD date, or a git "
                         "repository of documents)")
    store = None
    if store_url:
        from .results import open_store

        store = open_store(store_url)
    try:
        timelines = build_timelines(versions, Settings(lang=lang), store=store, min_severity=min_severity,
                                    progress=sys.stderr.isatty(), keep_suspect=keep_suspect)
    finally:
        if store is not None:
            store.close()
    text = render(timelines, fmt)
    if output:
        Path(output).write_text(text, encoding="utf-8")
    else:
        click.echo(text, nl=False)
