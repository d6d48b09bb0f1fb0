"""``fineprint stats``: findings counted by id, service, document type or date, from the results store or from a
batch folder, as a table (text, JSON, CSV), a PNG bar chart and a self-contained HTML page; ``--parquet`` exports the
rows for analysts (pandas, DuckDB)."""
from __future__ import annotations

import base64
import csv
import html
import io
import json
from collections import defaultdict
from pathlib import Path

import click

GROUPS = {"id": "finding_id", "service": "service", "kind": "kind", "date": "date", "severity": "severity",
          "language": "language"}


def latest_only(findings: list[dict], documents: list[dict]) -> tuple[list[dict], list[dict]]:
    """Keep each document's latest version (by date, then order stored)."""
    best: dict[str, tuple] = {}
    for i, d in enumerate(documents):
        rank = (str(d.get("date") or ""), i)
        if d["key"] not in best or rank > best[d["key"]][0]:
            best[d["key"]] = (rank, d["sha256"])
    keep = {(k, v[1]) for k, v in best.items()}
    return ([f for f in findings if (f["key"], f["sha256"]) in keep],
            [d for d in documents if (d["key"], d["sha256"]) in keep])


def aggregate(findings: list[dict], documents: list[dict], by: str) -> list[dict]:
    """Rows {group, findings, documents, share}: how many findings, in how many documents (versions), and the share of
    all documents that have at least one."""
    col = GROUPS[by]

    def group_of(row):
        v = row.get(col)
        if by == "date":
            return str(v)[:4] if v else "undated"
        return str(v) if v not in (None, "") else "unknown"

    count: dict[str, int] = defaultdict(int)
    docs: dict[str, set] = defaultdict(set)
    for f in findings:
        g = group_of(f)
        count[g] += 1
        docs[g].add((f["key"], f["sha256"]))
    total_docs = len({(d["key"], d["sha256"]) for d in documents}) or 1
    if by in ("service", "kind", "date", "language"):  # documents without findings count in their group too
        for d in documents:
            g = group_of(d)
            count.setdefault(g, 0)
            docs.setdefault(g, set())
        sizes: dict[str, int] = defaultdict(int)
        for d in documents:
            sizes[group_of(d)] += 1
        rows = [{"group": g, "findings": count[g], "documents": sizes[g],
                 "per_document": round(count[g] / max(sizes[g], 1), 2)} for g in count]
    else:
        rows = [{"group": g, "findings": count[g], "documents": len(docs[g]),
                 "share": round(len(docs[g]) / total_docs, 3)} for g in count]
    key = (lambda r: r["group"]) if by == "date" else (lambda r: (-r["findings"], r["group"]))
    return sorted(rows, key=key)


def render_table(rows: list[dict], by: str, fmt: str) -> str:
    if fmt == "json":
        return json.dumps({"schema": "fineprint.stats/1", "by": by, "rows": rows}, ensure_ascii=False, indent=2) + "\n"
    if fmt == "csv":
        buf = io.StringIO()
        if rows:
            w = csv.DictWriter(buf, fieldnames=list(rows[0]))
            w.writeheader()
            w.writerows(rows)
        return buf.getvalue()
    if not rows:
        return "no findings\n"
    cols = list(rows[0])
    width = {c: max(len(c), *(len(str(r[c])) for r in rows)) for c in cols}
    lines = ["  ".join(c.ljust(width[c]) for c in cols)]
    lines += ["  ".join(str(r[c]).ljust(width[c]) for c in cols) for r in rows]
    return "\n".join(lines) + "\n"


def plot_png(rows: list[dict], by: str, title: str, top: int = 30) -> bytes:
    try:
        import matplotlib

        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
    except ImportError:
        from ..errors import UsageError

        raise UsageError("plots need matplotlib: pip install 'fineprint[store]'") from None
    shown = rows if by == "date" else rows[:top]
    fig, ax = plt.subplots(figsize=(9, max(2.5, 0.28 * len(shown) + 1.2)))
    if by == "date":
        ax.bar([r["group"] for r in shown], [r["findings"] for r in shown], color="#c0392b")
        ax.set_ylabel("findings")
        ax.tick_params(axis="x", rotation=60)
    else:
        ax.barh([r["group"] for r in shown][::-1], [r["findings"] for r in shown][::-1], color="#c0392b")
        ax.set_xlabel("findings")
    ax.set_title(title)
    fig.tight_layout()
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=110)
    plt.close(fig)
    return buf.getvalue()


def render_html(rows: list[dict], by: str, title: str, png: bytes) -> str:
    cols = list(rows[0]) if rows else ["group", "findings"]
    body = "".join("<tr>" + "".join(f"<td>{html.escape(str(r[c]))}</td>" for c in cols) + "</tr>" for r in rows)
    img = base64.b64encode(png).decode("ascii")
    return (f"<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>{html.escape(title)}</title>"
            "<style>body{font:14px system-ui,sans-serif;margin:2em}table{border-collapse:collapse}"
            "td,th{border:1px solid #ccc;padding:.25em .5em}</style></head><body>"
            f"<h1>{html.escape(title)}</h1><img alt=\"{html.escape(title)}\" src=\"data:image/png;base64,{img}\">"
            "<table><tr>" + "".join(f"<th>{c}</th>" for c in cols) + f"</tr>{body}</table></body></html>\n")


@click.command("stats")
@click.option("--store", "store_url", default=None, help="Results store to read (default: the user's store).")
@click.option("--from", "batch_dir", type=click.Path(file_okay=False, exists=True), default=None,
              help="Read a `fineprint batch --format json` output folder instead of a store.")
@click.option("--by", type=click.Choice(list(GROUPS)), default="id", show_default=True)
@click.option("--format", "-f", "fmt", type=click.Choice(["text", "json", "csv"]), default="text", show_default=True)
@click.option("--all-versions", is_flag=True, help="Count every stored version, not only each document's latest.")
@click.option("--plot", "plot_path", type=click.Path(dir_okay=False, writable=True), default=None,
              help="Write a PNG bar chart.")
@click.option("--html", "html_path", type=click.Path(dir_okay=False, writable=True), default=None,
              help="Write an HTML page (table and chart, self-contained).")
@click.option("--parquet", "parquet_dir", type=click.Path(file_okay=False), default=None,
              help="Also export findings.parquet and documents.parquet to this folder.")
def stats_command(store_url, batch_dir, by, fmt, all_versions, plot_path, html_path, parquet_dir):
    """Findings counted by id, service, document type (kind), date (year), severity or language."""
    from ..errors import UsageError

    if store_url and batch_dir:
        raise UsageError("give --store or --from, not both")
    if batch_dir:
        from .folder import folder_rows

        findings, documents = folder_rows(batch_dir)
        origin = batch_dir
    else:
        from .store import open_store

        with open_store(store_url) as store:
            findings, documents = store.finding_rows(), store.document_rows()
            origin = store.url.split("@")[-1]
    if parquet_dir:
        from .store import export_parquet

        export_parquet(findings, documents, parquet_dir)
    if not all_versions and by != "date":
        findings, documents = latest_only(findings, documents)
    rows = aggregate(findings, documents, by)
    click.echo(render_table(rows, by, fmt), nl=False)
    if plot_path or html_path:
        title = f"fineprint: findings by {by} ({len(documents)} documents, {origin})"
        png = plot_png(rows, by, title)
        if plot_path:
            Path(plot_path).write_bytes(png)
        if html_path:
            Path(html_path).write_text(render_html(rows, by, title, png), encoding="utf-8")
