"""Command-line interface. Sub-commands are imported only when used, so ``fineprint --help`` starts fast.

Exit status: 0 done; 1 a finding at or above ``--fail-on``; 2 bad input or usage (one line on stderr, no traceback).
Set FINEPRINT_DEBUG=1 to see the traceback of an unexpected error.
"""
from __future__ import annotations

import importlib
import os
import sys

import click
from .cli_options import country_option

# name -> ("module:attribute", one-line help). Adding a command = one line here and a click command in its module.
COMMANDS: dict[str, tuple[str, str]] = {
    "audit": ("fineprint.cli:audit_command", "Audit terms, a privacy policy, offer rules or an Android app."),
    "classify": ("fineprint.cli:classify_command", "Label clauses read one per line from stdin (JSON lines out)."),
    "explain": ("fineprint.cli:explain_command", "Explain a finding id (e.g. rights.perpetual)."),
    "batch": ("fineprint.batch:batch_command", "Audit many files, folders or URLs (Dask), one report each + an index."),
    "letter": ("fineprint.letters.cli:letter_command",
               "Write a GDPR request (access, erasure, ...), a CNIL complaint, or a withdrawal or cancellation letter."),
    "requests": ("fineprint.letters.cli:requests_command", "Track the requests you sent and their deadlines."),
    "diff": ("fineprint.diff:diff_command", "Compare two versions of a document: the findings that appeared or went away."),
    "history": ("fineprint.history:history_command", "Timeline of findings over dated versions (OTA folder or git)."),
    "stats": ("fineprint.results.stats:stats_command", "Findings by id, service, type or date from the results store."),
    "watch": ("fineprint.watch:watch_command", "Fetch followed URLs now; store changed versions, report new findings."),
    "trackers": ("fineprint.detectors.apk.cli:trackers_command", "Manage the Exodus tracker database used by APK audits."),
    "serve": ("fineprint.web.cli:serve_command", "Serve the web app and HTTP API (paste, upload or link; needs [web])."),
    "policy-data": ("fineprint.flows.cli:policy_data_command", "What a privacy policy says it collects, shares or keeps."),
    "cache": ("fineprint.cache:cache_command", "Show (info) or empty (clear) fineprint's cache folder."),
}


class LazyGroup(click.Group):
    def list_commands(self, ctx):
        return list(COMMANDS)

    def get_command(self, ctx, name):
        if name not in COMMANDS:
            return None
        module, _, attr = COMMANDS[name][0].partition(":")
        return getattr(importlib.import_module(module), attr)

    def format_commands(self, ctx, formatter):
        rows = [(name, help_) for name, (_, help_) in COMMANDS.items()]
        with formatter.section("Commands"):
            formatter.write_dl(rows)


# --deep: the memory budget of one document when none is given (PyTorch maps much address space; e5 with its
# 250,000-token vocabulary takes about 1 GB)
DEEP_MEMORY_MB = 4096
SEVERITY_CHOICES = click.Choice(["high", "medium", "low", "info"])
FORMATS = click.Choice(["text", "json", "html", "md", "markdown", "sarif"])


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="fineprint", prog_name="fineprint")
def cli():
    """fineprint reads what you are asked to accept and tells you, with the exact clause or code as evidence,
    what data and rights you give away, which terms are unfair or unlawful, and how to keep your rights.

    Everything runs offline: nothing you audit leaves your machine (except fetching a URL you ask for)."""


@click.command("audit")
@click.argument("inputs", nargs=-1, required=True)
@click.option("--format", "-f", "fmt", type=FORMATS, default="text", show_default=True, help="Report format.")
@click.option("--lang", type=click.Choice(["en", "fr"]), default=None,
              help="Language of the explanations (default: the document's, English otherwise). A document published "
                   "in both English and French is then read in that language only; a document identified as "
                   "another language (refused without it) is read as this one.")
@click.option("-o", "--output", type=click.Path(dir_okay=False), default=None,
              help="Write the report to FILE instead of standard output.")
@click.option("--fail-on", type=SEVERITY_CHOICES, default=None,
              help="Exit with status 1 if a finding is at or above this severity (for CI).")
@click.option("--allow-private", is_flag=True, help="Allow fetching URLs on loopback/private/link-local addresses.")
@click.option("--trackers", "trackers_path", type=click.Path(exists=True, dir_okay=False), default=None,
              help="Exodus tracker database (JSON) for APK audits.")
@click.option("--max-size", "max_mb", type=click.IntRange(1, 4096), default=20, show_default=True,
              help="Largest input read, in MB.")
@click.option("--min-confidence", type=click.FloatRange(0.0, 1.0), default=0.5, show_default=True,
              help="Count only findings at this confidence or above; the most likely of the rest are listed apart "
                   "under 'Worth checking' (0 counts every guess).")
@click.option("--policy", "policy", default=None,
              help="The app's privacy policy (file or URL): check each APK against what it says.")
@click.option("--time-budget", type=click.FloatRange(1, 86400), default=None,
              help="Seconds one document may take (default 120; docs/security.md).")
@click.option("--memory-budget", type=click.IntRange(64, 1 << 20), default=None,
              help="MB of memory one document may use (default 2048).")
@click.option("--output-budget", type=click.IntRange(1, 1 << 16), default=None,
              help="MB one report may weigh (default 64).")
@click.option("--deep", is_flag=True,
              help="Read unfair terms with the fine-tuned multilingual e5 instead of the linear model: slower, needs "
                   "pip install 'fineprint[deep]' (docs/classifiers.md).")
@country_option
def audit_command(inputs, fmt, lang, output, fail_on, allow_private, trackers_path, max_mb, min_confidence, policy,
                  time_budget, memory_budget, output_budget, deep, country):
    """Audit INPUT: a file (.txt .md .html .pdf .docx .apk), an http(s) URL, or - for standard input.

    Several inputs are audited one after the other; an input that fails is reported and the others go on."""
    from .errors import FineprintError
    from .isolate import audit
    from .model import SEVERITY_RANK
    from .settings import MB, Settings, with_budgets

    fmt = "md" if fmt == "markdown" else fmt
    if deep and memory_budget is None:
        memory_budget = DEEP_MEMORY_MB  # PyTorch and e5 in the worker: the default 2048 MB is not enough
    settings = with_budgets(Settings(lang=lang, allow_private=allow_private, trackers_path=trackers_path,
                                     max_bytes=max_mb * MB, min_confidence=min_confidence, country=country),
                            time_budget, memory_budget, output_budget)
    if deep:
        from .detectors.registry import deep_names

        settings = settings.with_(detectors=deep_names())
    if output:
        _check_writable(output)  # before the audit, not after it
    reports, failures = [], []
    for source in inputs:
        try:
            if policy:
                from .isolate import audit_with_policy

                reports.append(audit_with_policy(source, policy, settings))
            else:
                reports.append(audit(source, settings, warm=len(inputs) > 1))
        except FineprintError as exc:
            exc.source = exc.source or source
            failures.append((source, exc.one_line()))
            click.echo(f"fineprint: error: {exc.one_line()}", err=True)
    if reports:
        from .report import render, render_many  # only now: an input error must not depend on the report code

        color = output is None and sys.stdout.isatty()
        text = render(reports[0], fmt, color=color) if len(reports) == 1 and not failures else \
            render_many(reports, fmt, failures=failures, color=color)
        if output:
            with open(output, "w", encoding="utf-8") as fh:
                fh.write(text)
        else:
            click.echo(text, nl=not text.endswith("\n"))
    if failures:
        sys.exit(2)
    if fail_on and any(_fails(r, fail_on) for r in reports):
        sys.exit(1)


def _fails(report, fail_on: str) -> bool:
    """--fail-on: a counted finding at ``fail_on`` or worse (the "worth checking" ones below the floor never count)."""
    from .model import SEVERITY_RANK

    limit = SEVERITY_RANK[fail_on]
    return any(SEVERITY_RANK.get(f.severity, 99) <= limit for f in report.findings)


def _check_writable(path: str) -> None:
    """Fail at once, with exit 2, when the report could not be written to ``path``."""
    from .errors import UsageError

    folder = os.path.dirname(os.path.abspath(path))
    if not os.path.isdir(folder):
        raise UsageError(f"cannot write the report to {path}: the folder {folder} does not exist")
    if not os.access(folder, os.W_OK) or (os.path.exists(path) and not os.access(path, os.W_OK)):
        raise UsageError(f"cannot write the report to {path}: permission denied")


@click.command("classify")
@click.option("--lang", type=click.Choice(["en", "fr"]), default=None,
              help="Language of every line (default: detected line by line).")
@click.option("--format", "fmt", type=click.Choice(["jsonl"]), default="jsonl", show_default=True)
@click.option("--batch-size", type=click.IntRange(1, 100000), default=4096, show_default=True)
@click.option("--max-size", "max_mb", type=click.IntRange(1, 4096), default=20, show_default=True,
              help="Most standard input read, in MB.")
@click.option("--jobs", "-j", type=click.IntRange(1, 2), default=None,
              help="Processes: 2 runs the YAML rules, practice and transparency in a second process while the other "
                   "models score, for batches of "
                   "200 lines or more (default: 2 when two cores are about free, by the load average, else 1).")
@click.option("--deep", is_flag=True,
              help="Read unfair terms with the fine-tuned multilingual e5 instead of the linear model: slower, needs "
                   "pip install 'fineprint[deep]' (docs/classifiers.md).")
def classify_command(lang, fmt, batch_size, max_mb, jobs, deep):
    """Read one clause per line on standard input; write one JSON object per line:
    {"labels": [ids], "scores": {id: probability}}.

    A line longer than 100,000 characters is classified on its first 100,000 (a warning says so)."""
    import json

    # classify does no multi-threaded linear algebra: numpy's OpenBLAS need not start a thread pool (0.05 s of CPU)
    os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
    from .errors import InputTooLargeError
    from .pipeline import classify
    from .settings import DEFAULT, MB

    if jobs is None:
        from .pipeline import default_jobs

        jobs = default_jobs()
    settings = DEFAULT.with_(max_bytes=max_mb * MB, jobs=jobs)
    if deep:
        from .detectors.registry import deep_names

        settings = settings.with_(detectors=deep_names())
    stream = click.get_text_stream("stdin", encoding="utf-8", errors="replace")
    out = sys.stdout
    batch: list[str] = []
    limit = settings.classify_max_line_chars
    batch_chars = 0
    total = 0
    cut: list[int] = []

    def flush():
        for p in classify(batch, lang=lang, settings=settings):
            out.write(json.dumps({"labels": list(p.labels), "scores": p.scores}, ensure_ascii=False) + "\n")
        batch.clear()

    number = 0
    while True:
        line = stream.readline(limit + 1)
        if not line:
            break
        number += 1
        total += len(line)
        if len(line) > limit and not line.endswith("\n"):  # an over-long line: the rest is read and dropped
            cut.append(number)
            while True:
                rest = stream.readline(1 << 16)
                total += len(rest)
                if total > settings.max_bytes:
                    break
                if not rest or rest.endswith("\n"):
                    break
            line = line[:limit]
        if total > settings.max_bytes:
            if batch:
                flush()
            out.flush()
            raise InputTooLargeError(f"standard input is over the {max_mb} MB limit of classify (line {number}); "
                                     "split it, or raise the limit with --max-size (in MB)")
        batch.append(line.rstrip("\r\n"))
        batch_chars += len(line)
        if len(batch) >= batch_size or batch_chars >= 2_000_000:  # memory grows with the characters of a batch
            flush()
            batch_chars = 0
    if batch:
        flush()
    out.flush()
    if cut:
        lines = ", ".join(map(str, cut[:10])) + (" …" if len(cut) > 10 else "")
        click.echo(f"fineprint: warning: {len(cut)} line(s) longer than {limit} characters were classified on their "
                   f"first {limit} (line {lines}; Settings.classify_max_line_chars)", err=True)


@click.command("explain")
@click.argument("finding_id", required=False)
@click.option("--lang", type=click.Choice(["en", "fr"]), default="en", show_default=True)
@click.option("--list", "list_ids", is_flag=True, help="List every finding id.")
@country_option
def explain_command(finding_id, lang, list_ids, country):
    """Print what a finding id means, why it matters, the law it rests on, and what you can do."""
    from .errors import UsageError
    from .law import all_ids, explain_text

    if list_ids or not finding_id:
        click.echo("\n".join(all_ids()))
        return
    if finding_id not in all_ids():
        raise UsageError(f"unknown finding id {finding_id!r}; `fineprint explain --list` shows them all")
    from .law.regions import region_for

    click.echo(explain_text(finding_id, lang, region_for(country), country))


def main(argv: list[str] | None = None) -> None:
    try:
        cli.main(args=argv, prog_name="fineprint", standalone_mode=False)
    except click.exceptions.Abort:
        click.echo("fineprint: aborted", err=True)
        sys.exit(130)
    except click.ClickException as exc:
        # usage errors: click's own one-line message
        exc.show()
        sys.exit(2 if exc.exit_code not in (0, 1) else exc.exit_code)
    except click.exceptions.Exit as exc:
        sys.exit(exc.exit_code)
    except SystemExit:
        raise
    except BrokenPipeError:
        sys.exit(0)
    except Exception as exc:  # the last line of defence: never a traceback for the user
        from .errors import FineprintError

        if isinstance(exc, FineprintError):
            click.echo(f"fineprint: error: {exc.one_line()}", err=True)
            sys.exit(exc.exit_code)
        from .settings import from_environment

        if from_environment().debug:
            raise
        if isinstance(exc, MemoryError):
            click.echo("fineprint: error: out of memory (try a smaller input or --max-size)", err=True)
        else:
            from .safetext import one_line

            click.echo(f"fineprint: internal error: {type(exc).__name__}: {one_line(str(exc))[:300]} "
                       "(set FINEPRINT_DEBUG=1 for details and please report it)", err=True)
        sys.exit(2)


if __name__ == "__main__":
    main()
