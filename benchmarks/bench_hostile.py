"""The red-team inputs of issue 14 through `fineprint audit` / `classify`, with the default budgets: wall time, peak
memory of the process tree (PSS sampled from /proc) and the outcome, written to docs/security.md (section "bench:hostile").

    python benchmarks/bench_hostile.py [--no-write]

The inputs are rebuilt by tests/hostile_inputs.py (nothing is shipped as a blob). Run alone on the machine: the
times are wall-clock.
"""
from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _machine import ROOT, machine, today, write_section  # noqa: E402

sys.path.insert(0, str(ROOT / "tests"))
import hostile_inputs as hostile  # noqa: E402


def run(args: list[str], stdin: bytes | None = None) -> tuple[float, float, int, str]:
    """(wall s, peak MB of the process tree, exit status, last stderr line) of ``fineprint ARGS``."""
    start = time.monotonic()
    proc = subprocess.Popen([sys.executable, "-m", "fineprint.cli", *args], stdin=subprocess.PIPE,
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    err: list[bytes] = []
    reader = threading.Thread(target=lambda: err.append(proc.stderr.read()))
    reader.start()
    try:
        if stdin:
            proc.stdin.write(stdin)
    except BrokenPipeError:
        pass
    proc.stdin.close()
    with hostile.TreeMemory(proc.pid) as memory:
        _, status, _ = os.wait4(proc.pid, 0)
    reader.join()
    lines = [ln for ln in err[0].decode("utf-8", "replace").splitlines() if ln.strip()]
    return time.monotonic() - start, memory.peak_mb, os.waitstatus_to_exitcode(status), \
        (lines[-1] if lines else "")


def main() -> None:
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        cases = [
            ("PDF, 2,000 pages sharing a 59 MB content stream", "bomb.pdf", lambda: hostile.pdf_cpu_bomb(2000, 59)),
            ("PDF, 20,000-level page tree", "deep.pdf", hostile.pdf_deep_page_tree),
            ("PDF, 2.5M-entry Kids array", "wide.pdf", hostile.pdf_wide_kids),
            ("DOCX declaring 1,000 bytes, inflating to 1 GB", "lie.docx", lambda: hostile.docx_lying_sizes(1024)),
            ("zip 'version 18.8'", "v.docx", hostile.zip_bad_version),
            ("17 MB one-line text", "one-line.txt",
             lambda: (hostile.SENTENCE * (17 * 1024 * 1024 // len(hostile.SENTENCE))).encode()),
            ("19.7 MB HTML, 190k <p>", "many.html",
             lambda: ("<html><body>" + "".join(f"<p>{hostile.SENTENCE}{i}</p>" for i in range(190_000))
                      + "</body></html>").encode()),
        ]
        for label, name, build in cases:
            path = folder / name
            data = build()
            path.write_bytes(data)
            wall, peak, code, last = run(["audit", str(path)])
            last = last.replace(str(folder) + os.sep, "")
            rows.append((label, f"{len(data) / 1024:,.0f} KB", wall, peak, code, last))
            print(rows[-1], flush=True)
        wall, peak, code, last = run(["classify"], b"a" * (50 * 1024 * 1024) + b"\n")
        rows.append(("classify, one 50 MB line", "50 MB", wall, peak, code, last))
        print(rows[-1], flush=True)
    body = [f"Measured {today()} on {machine()}, default budgets (120 s, 2048 MB, 64 MB).", "",
            "| input | size | wall s | peak MB (process tree, PSS) | exit | outcome |", "|---|---|---|---|---|---|"]
    for label, size, wall, peak, code, last in rows:
        outcome = last.replace("|", "\\|")[:160] or "report"
        body.append(f"| {label} | {size} | {wall:.1f} | {peak:.0f} | {code} | {outcome} |")
    text = "\n".join(body)
    print(text)
    if "--no-write" not in sys.argv:
        write_section(ROOT / "docs" / "security.md", "hostile", text)


if __name__ == "__main__":
    main()
